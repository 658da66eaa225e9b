/**
 * One probe's loop with the kubelet's timing, read from kubernetes/kubernetes
 * pkg/kubelet/prober/worker.go:
 * - run: the first attempt right away, then on a ticker of periodSeconds (a Go ticker keeps at most
 *   one missed tick, so an attempt that outlasts the period is followed at once by one more);
 *   a manual trigger (readiness, when startup succeeds) probes at once and resets the ticker.
 * - doProbe: skipped while `int(seconds since container start) < initialDelaySeconds` (D counts
 *   from container start, also for probes gated by startup); liveness and readiness are skipped
 *   until the startup probe has succeeded; the startup worker stops once it has succeeded;
 *   results count only in runs of identical consecutive results (resultRun vs thresholds);
 *   after liveness or startup reaches its failure threshold the worker is on hold (the kubelet
 *   kills the container; verify records it and stops that worker).
 * - Initial values: readiness Failure, liveness Success, startup Unknown (prober_manager.go).
 * - During termination liveness and startup stop; readiness goes on (worker.go, DeletionTimestamp).
 */
import { nowSeconds } from './clock';
import { ResolvedHandler } from './handler';
import { ProbeTiming } from '../timing';
import { Attempt, AttemptResult, Transition } from './types';

/** What a worker reports to its owner. */
export interface WorkerHooks {
  /** Whether startup has succeeded (always true when the container has no startup probe). */
  started(): boolean;
  /** Whether the container is running (false once it has exited). */
  running(): boolean;
  /** Every attempt. */
  onAttempt(a: Attempt): void;
  /** Every state change at a threshold. */
  onTransition(t: Transition): void;
}

/** The loop of one probe of one container. */
export class ProbeWorker {
  /** Current state: undefined = Unknown. */
  public state: AttemptResult | undefined;
  private lastResult: AttemptResult | undefined;
  private resultRun = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;
  private pendingTick = false;
  private stopped = false;
  private nextTickAt = 0;

  constructor(
    public readonly kind: string,
    private readonly timing: ProbeTiming,
    private readonly handler: ResolvedHandler,
    private readonly containerStart: number,
    private readonly hooks: WorkerHooks,
  ) {
    this.state = kind === 'readiness' ? AttemptResult.FAILURE : kind === 'liveness' ? AttemptResult.SUCCESS : undefined;
  }

  /** Starts the loop: one attempt now, then every period from `phaseSeconds` after container start. */
  public start(phaseSeconds = 0): void {
    this.nextTickAt = this.containerStart + phaseSeconds;
    this.schedule();
  }

  /** Stops the loop; an attempt in flight still reports. */
  public stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** A manual trigger: probe at once and restart the ticker (worker.go manualTriggerCh). */
  public trigger(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.nextTickAt = nowSeconds();
    this.schedule();
  }

  /** Whether the loop has stopped. */
  public get isStopped(): boolean {
    return this.stopped;
  }

  private schedule(): void {
    if (this.stopped) return;
    const wait = Math.max(0, this.nextTickAt - nowSeconds());
    this.timer = setTimeout(() => this.tick(), wait * 1000);
  }

  private tick(): void {
    this.nextTickAt += this.timing.periodSeconds;
    // a ticker that fell far behind (a long attempt) does not fire a burst: Go drops missed ticks
    while (this.nextTickAt < nowSeconds()) this.nextTickAt += this.timing.periodSeconds;
    this.schedule();
    if (this.inFlight) {
      this.pendingTick = true;
      return;
    }
    void this.doProbe();
  }

  private async doProbe(): Promise<void> {
    if (this.stopped) return;
    const at = nowSeconds() - this.containerStart;
    if (!this.hooks.running()) {
      this.record(AttemptResult.FAILURE); // a container that is not running counts as failure
      return;
    }
    if (Math.floor(at) < this.timing.initialDelaySeconds) return;
    if (this.kind === 'startup' && this.hooks.started()) {
      this.stop();
      return;
    }
    if (this.kind !== 'startup' && !this.hooks.started()) return;
    this.inFlight = true;
    const t0 = nowSeconds();
    const outcome = await this.handler.run(this.timing.timeoutSeconds);
    const latency = nowSeconds() - t0;
    this.inFlight = false;
    // a redirect to another host is a success with a warning (prober.go: Warning -> Success)
    const counted = outcome.result === AttemptResult.WARNING ? AttemptResult.SUCCESS : outcome.result;
    this.hooks.onAttempt({ probe: this.kind, at, latency, result: outcome.result, message: outcome.message, timedOut: outcome.timedOut, answered: outcome.answered });
    if (!this.stopped) this.record(counted, t0 + latency - this.containerStart);
    if (this.pendingTick && !this.stopped) {
      this.pendingTick = false;
      void this.doProbe();
    }
  }

  private record(result: AttemptResult, at = nowSeconds() - this.containerStart): void {
    if (this.lastResult === result) this.resultRun++;
    else {
      this.lastResult = result;
      this.resultRun = 1;
    }
    const threshold = result === AttemptResult.FAILURE ? this.timing.failureThreshold : this.timing.successThreshold;
    if (this.resultRun < threshold) return;
    if (this.state !== result) {
      this.state = result;
      this.hooks.onTransition({ probe: this.kind, at, state: result });
    }
    // liveness or startup at its failure threshold: the kubelet kills the container; the worker holds
    if (result === AttemptResult.FAILURE && this.kind !== 'readiness') this.stop();
    if (result === AttemptResult.SUCCESS && this.kind === 'startup') this.stop();
  }
}
