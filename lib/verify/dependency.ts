/**
 * The dependency outage: with the app Ready, cut the proxy in front of a declared critical
 * dependency, watch readiness go red and liveness stay green, restore it and watch readiness
 * come back. Waits are bounded by lib/timing: failure detection of a hung handler for the way
 * down (the app's dependency check may itself wait on a timeout), recovery plus a margin for the
 * way back (the app may reconnect on its own schedule).
 */
import { failureDetection, FailureMode, recovery } from '../timing';
import { sleep, waitUntil } from './clock';
import { attemptsBetween, ContainerRun } from './container-run';
import { DependencyProxy } from './proxy';
import { AttemptResult } from './types';

/** Seconds of slack on every bounded wait, for a loaded machine. */
export const WAIT_MARGIN_SECONDS = 3;

/** What one outage showed. */
export interface DependencyObservation {
  /** The dependency's name. */
  readonly name: string;
  /** Seconds after start when it was cut. */
  readonly cutAt: number;
  /** When readiness turned NotReady, if it did. */
  readonly notReadyAt?: number;
  /** Seconds after start when it was restored. */
  readonly restoredAt: number;
  /** When readiness was Ready again, if it was. */
  readonly readyAgainAt?: number;
  /** Liveness attempts during the outage. */
  readonly livenessAttempts: number;
  /** Of which failed. */
  readonly livenessFailures: number;
  /** The first failure message of liveness, if any. */
  readonly livenessFailureMessage?: string;
  /** When liveness tripped during the outage, if it did. */
  readonly livenessTrippedAt?: number;
  /** Whether the run had a readiness probe at all. */
  readonly hasReadiness: boolean;
}

/** Cuts `proxy`, observes, restores. The app must be Ready before. */
export async function observeOutage(run: ContainerRun, proxy: DependencyProxy): Promise<DependencyObservation> {
  const readiness = run.probe('readiness');
  const liveness = run.probe('liveness');
  const cutAt = run.elapsed;
  await proxy.cut();
  const downWait = (readiness ? failureDetection(readiness.timing, FailureMode.HANG).worst : 0) + WAIT_MARGIN_SECONDS;
  await waitUntil(() => run.state('readiness') === AttemptResult.FAILURE || !run.running, downWait);
  // keep it down long enough for liveness to have tripped if it checked the dependency
  if (liveness) {
    const livenessWait = failureDetection(liveness.timing, FailureMode.HANG).worst + 1;
    await waitUntil(() => run.elapsed - cutAt >= livenessWait || run.killedByProbe !== undefined || !run.running, livenessWait + 1);
  }
  const notReadyAt = run.transitionAfter('readiness', AttemptResult.FAILURE, cutAt)?.at;
  const restoredAt = run.elapsed;
  await proxy.restore();
  const upWait = (readiness ? recovery(readiness.timing, FailureMode.HANG).worst + readiness.timing.timeoutSeconds : 0) + WAIT_MARGIN_SECONDS;
  await waitUntil(() => run.state('readiness') === AttemptResult.SUCCESS || !run.running, upWait);
  await sleep(0.05);
  const during = attemptsBetween(run.attempts, 'liveness', cutAt, restoredAt);
  const failed = during.filter((a) => a.result === AttemptResult.FAILURE);
  const tripped = run.transitionAfter('liveness', AttemptResult.FAILURE, cutAt);
  return {
    name: proxy.name,
    cutAt,
    notReadyAt,
    restoredAt,
    readyAgainAt: run.transitionAfter('readiness', AttemptResult.SUCCESS, restoredAt)?.at,
    livenessAttempts: during.length,
    livenessFailures: failed.length,
    livenessFailureMessage: failed[0]?.message,
    livenessTrippedAt: tripped !== undefined && tripped.at <= restoredAt + 1 ? tripped.at : undefined,
    hasReadiness: readiness !== undefined,
  };
}
