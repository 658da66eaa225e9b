/**
 * One container under verify: its process (or an app already running), its three probe workers
 * wired as the kubelet wires them (startup gates the others; startup success triggers readiness at
 * once), and the record of every attempt and transition.
 */
import { effectiveTiming, ProbeTiming } from '../timing';
import { nowSeconds } from './clock';
import { ResolvedHandler } from './handler';
import { AppProcess } from './process';
import { Attempt, AttemptResult, Transition } from './types';
import { ProbeWorker } from './worker';

/** A probe of the target, resolved. */
export interface RunnableProbe {
  /** startup, liveness or readiness. */
  readonly kind: string;
  /** The timing the kubelet uses. */
  readonly timing: ProbeTiming;
  /** The handler. */
  readonly handler: ResolvedHandler;
}

/** Builds a {@link RunnableProbe} from a written probe and its handler. */
export function runnable(kind: string, written: object, handler: ResolvedHandler): RunnableProbe {
  return { kind, timing: effectiveTiming(written), handler };
}

/** The workers and record of one container instance. */
export class ContainerRun {
  /** Every attempt, in order of completion. */
  public readonly attempts: Attempt[] = [];
  /** Every threshold transition. */
  public readonly transitions: Transition[] = [];
  /** Seconds (monotonic) of the container's start. */
  public readonly start: number;
  /** Seconds after start when termination began, once it has. */
  public terminatingAt: number | undefined;
  private readonly workers = new Map<string, ProbeWorker>();

  constructor(
    public readonly probes: readonly RunnableProbe[],
    public readonly app: AppProcess | undefined,
    phaseSeconds: number,
  ) {
    this.start = app?.startedAt ?? nowSeconds();
    const hasStartup = probes.some((p) => p.kind === 'startup');
    for (const p of probes) {
      const w = new ProbeWorker(p.kind, p.timing, p.handler, this.start, {
        started: () => !hasStartup || this.workers.get('startup')?.state === AttemptResult.SUCCESS,
        running: () => this.running,
        onAttempt: (a) => this.attempts.push(a),
        onTransition: (t) => {
          this.transitions.push(t);
          // prober_manager.go UpdatePodStatus: a container that just started gets a readiness probe at once
          if (t.probe === 'startup' && t.state === AttemptResult.SUCCESS) this.workers.get('readiness')?.trigger();
        },
      });
      this.workers.set(p.kind, w);
    }
    for (const w of this.workers.values()) w.start(phaseSeconds);
  }

  /** Seconds since the container started. */
  public get elapsed(): number {
    return nowSeconds() - this.start;
  }

  /** Whether the process runs (always, for an app verify did not start). */
  public get running(): boolean {
    return this.app === undefined || this.app.running;
  }

  /** A probe by kind. */
  public probe(kind: string): RunnableProbe | undefined {
    return this.probes.find((p) => p.kind === kind);
  }

  /** A probe's current state (Unknown = undefined); readiness without a probe is Ready once running. */
  public state(kind: string): AttemptResult | undefined {
    const w = this.workers.get(kind);
    if (w) return w.state;
    return kind === 'readiness' ? (this.startupSucceeded ? AttemptResult.SUCCESS : AttemptResult.FAILURE) : AttemptResult.SUCCESS;
  }

  /** Whether startup is over with success (no startup probe: at once). */
  public get startupSucceeded(): boolean {
    const w = this.workers.get('startup');
    return w === undefined || w.state === AttemptResult.SUCCESS;
  }

  /** The first transition of `kind` to `state` at or after `from` seconds. */
  public transitionAfter(kind: string, state: AttemptResult, from = 0): Transition | undefined {
    return this.transitions.find((t) => t.probe === kind && t.state === state && t.at >= from);
  }

  /** When liveness or startup tripped (the kubelet would have killed the container), if they did. */
  public get killedByProbe(): Transition | undefined {
    return this.transitions.find((t) => t.probe !== 'readiness' && t.state === AttemptResult.FAILURE);
  }

  /** Termination began: liveness and startup stop, readiness goes on (worker.go DeletionTimestamp). */
  public beginTermination(): void {
    this.terminatingAt = this.elapsed;
    this.workers.get('liveness')?.stop();
    this.workers.get('startup')?.stop();
  }

  /** Stops every worker. */
  public stop(): void {
    for (const w of this.workers.values()) w.stop();
  }
}

/** The handler that tells whether the process still serves: readiness, else liveness, else startup, if any talks to a port. */
export function servingHandler(probes: readonly RunnableProbe[]): RunnableProbe | undefined {
  for (const kind of ['readiness', 'liveness', 'startup']) {
    const p = probes.find((x) => x.kind === kind);
    if (p && p.handler.port !== undefined) return p;
  }
  return undefined;
}

/** Attempts of one probe within [from, to) seconds after start. */
export function attemptsBetween(attempts: readonly Attempt[], kind: string, from: number, to = Infinity): Attempt[] {
  return attempts.filter((a) => a.probe === kind && a.at >= from && a.at < to);
}
