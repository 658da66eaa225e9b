/**
 * The startup phase: the probe workers run from container start while a fine poller (every
 * 0.2 s, the same handler, outside the kubelet's schedule) measures when the app first answers
 * its startup check — the number to hold against the startup probe's guaranteed allowance and
 * the declared worst startup.
 */
import { startupAllowance } from '../timing';
import { nowSeconds, sleep, waitUntil } from './clock';
import { ContainerRun, RunnableProbe } from './container-run';
import { AttemptResult } from './types';

/** What the startup phase saw. */
export interface StartupObservation {
  /** The probe that guards startup: the startup probe, else liveness (lib/timing startupAllowance). */
  readonly guard?: string;
  /** Seconds from start to the first success of the fine poller, if it came. */
  readonly appStartedAt?: number;
  /** When the startup probe succeeded (workers' view), if it did. */
  readonly startupSucceededAt?: number;
  /** When readiness first turned Ready, if it did. */
  readonly readyAt?: number;
  /** Whether the phase ended because the kubelet would have killed the container (startup or liveness tripped). */
  readonly killedAt?: number;
  /** Seconds after start when the process exited during the phase, if it did. */
  readonly exitedAt?: number;
}

/** The probe whose handler shows the app has started: startup, else readiness, else liveness. */
export function startupCheck(probes: readonly RunnableProbe[]): RunnableProbe | undefined {
  return ['startup', 'readiness', 'liveness'].map((k) => probes.find((p) => p.kind === k)).find((p) => p !== undefined);
}

/** The longest the startup phase may last before verify gives up waiting. */
export function startupDeadline(probes: readonly RunnableProbe[]): number {
  const guard = probes.find((p) => p.kind === 'startup') ?? probes.find((p) => p.kind === 'liveness') ?? probes.find((p) => p.kind === 'readiness');
  if (!guard) return 5;
  return startupAllowance(guard.timing).maximumSeconds + guard.timing.timeoutSeconds + 2;
}

async function finePoll(run: ContainerRun, check: RunnableProbe, until: () => boolean): Promise<number | undefined> {
  while (!until()) {
    const at = run.elapsed;
    const o = await check.handler.run(check.timing.timeoutSeconds);
    if (o.result !== AttemptResult.FAILURE) return at;
    if (!run.running) return undefined;
    await sleep(Math.max(0, 0.2 - (run.elapsed - at)));
  }
  return undefined;
}

/** Runs until startup is over (ready, killed, exited or the deadline) and reports what it saw. */
export async function observeStartup(run: ContainerRun): Promise<StartupObservation> {
  const check = startupCheck(run.probes);
  const deadline = run.start + startupDeadline(run.probes);
  const hasReadiness = run.probe('readiness') !== undefined;
  const over = () =>
    !run.running || run.killedByProbe !== undefined || nowSeconds() >= deadline ||
    (run.startupSucceeded && (!hasReadiness || run.state('readiness') === AttemptResult.SUCCESS));
  let stopPolling = false;
  const poll = check ? finePoll(run, check, () => stopPolling || nowSeconds() >= deadline || !run.running) : Promise.resolve(undefined);
  await waitUntil(over, Math.max(0, deadline - nowSeconds()) + 0.1);
  // the poller goes on to its deadline even after a probe trip, to show when the app would have answered
  if (!run.running) stopPolling = true;
  const appStartedAt = await poll;
  return {
    guard: run.probe('startup') ? 'startup' : run.probe('liveness') ? 'liveness' : undefined,
    appStartedAt,
    startupSucceededAt: run.transitionAfter('startup', AttemptResult.SUCCESS)?.at,
    // without a readiness probe the container is Ready once started (prober_manager.go)
    readyAt: hasReadiness ? run.transitionAfter('readiness', AttemptResult.SUCCESS)?.at : run.startupSucceeded ? run.transitionAfter('startup', AttemptResult.SUCCESS)?.at ?? 0 : undefined,
    killedAt: run.killedByProbe?.at,
    exitedAt: run.app?.exitedAt !== undefined ? run.app.exitedAt - run.start : undefined,
  };
}
