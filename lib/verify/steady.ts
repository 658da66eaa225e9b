/** The steady phase: nothing is wrong outside the app; watch liveness, readiness and the process. */
import { waitUntil } from './clock';
import { ContainerRun } from './container-run';
import { AttemptResult } from './types';
import { SteadyObservation } from './verdicts';

/** The default observation: the longest F·P + T of liveness and readiness, plus 1 s. */
export function defaultObserveSeconds(run: ContainerRun): number {
  const spans = run.probes.filter((p) => p.kind !== 'startup').map((p) => p.timing.failureThreshold * p.timing.periodSeconds + p.timing.timeoutSeconds);
  return Math.max(2, ...spans) + 1;
}

/** Watches for `seconds`, ending early when liveness trips or the process exits. */
export async function observeSteady(run: ContainerRun, seconds: number): Promise<SteadyObservation> {
  const from = run.elapsed;
  await waitUntil(() => run.killedByProbe !== undefined || !run.running, seconds);
  const tripped = run.transitionAfter('liveness', AttemptResult.FAILURE, from);
  const lastLivenessFailure = [...run.attempts].reverse().find((a) => a.probe === 'liveness' && a.result === AttemptResult.FAILURE);
  const exitedAt = run.app?.exitedAt !== undefined ? run.app.exitedAt - run.start : undefined;
  return {
    seconds: run.elapsed - from,
    livenessTrippedAt: tripped?.at,
    livenessMessage: lastLivenessFailure?.message,
    exitedAt,
    exit: run.app && exitedAt !== undefined ? run.app.describeExit() : undefined,
    readyAtEnd: run.state('readiness') === AttemptResult.SUCCESS,
    readinessDrops: run.transitions.filter((t) => t.probe === 'readiness' && t.state === AttemptResult.FAILURE && t.at >= from).length,
  };
}
