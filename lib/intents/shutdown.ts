/**
 * Pipeline step 6: graceful shutdown and the rollout deadline, from the sized readiness and startup
 * probes. The preStop hook runs `sleep`, so an image without a shell gets none: the grace period
 * then still covers the readiness window plus draining, for an app that delays its own exit.
 */
import {
  DEFAULT_POD_GRACE_SECONDS, instantTripSeconds, minimumProgressDeadline, progressDeadlineFor, shutdownPlan, SizedProbes,
  startupAllowance,
} from '../timing';
import { FieldChecks, INT32_MAX } from './checks';
import { ContainerDraft } from './modules';
import { ResolvedTargets } from './targets';

/** The shutdown and rollout numbers of a plan. */
export interface ShutdownAndRollout {
  readonly preStopSleepSeconds?: number;
  readonly terminationGracePeriodSeconds: number;
  readonly progressDeadlineSeconds: number;
}

function grace(draft: ContainerDraft, timings: SizedProbes, t: ResolvedTargets): { preStop?: number; grace: number } {
  if (draft.service && t.gracefulShutdown) {
    if (!t.imageHasShell) return { grace: instantTripSeconds(timings.readiness) + t.drainSeconds };
    const s = shutdownPlan(timings.readiness, t.drainSeconds);
    return { preStop: s.preStopSleepSeconds, grace: s.terminationGracePeriodSeconds };
  }
  return { grace: t.drainDeclared ? t.drainSeconds : DEFAULT_POD_GRACE_SECONDS };
}

/** Plans shutdown and the rollout deadline; undefined when a declaration cannot be met. */
export function planShutdown(draft: ContainerDraft, timings: SizedProbes, t: ResolvedTargets, worst: number, c: FieldChecks): ShutdownAndRollout | undefined {
  const g = grace(draft, timings, t);
  const fast = draft.fastRecovery;
  let ok = true;
  if (fast && fast.graceSeconds >= g.grace) {
    c.add(`${fast.field}.restartGraceSeconds`, `got ${fast.graceSeconds}, not below the pod's terminationGracePeriodSeconds ${g.grace}; allowed: a shorter grace for liveness kills`);
    ok = false;
  }
  if (g.grace > INT32_MAX) {
    c.add('drainSeconds', `got ${t.drainSeconds}; with the ${g.preStop ?? 0} s preStop sleep the grace period exceeds ${INT32_MAX}; allowed: at most ${INT32_MAX - (g.preStop ?? 0)}`);
    ok = false;
  }
  const minimum = minimumProgressDeadline(timings.startup, timings.readiness);
  const pinned = t.progressDeadlineSeconds;
  if (pinned !== undefined && pinned < minimum) {
    c.add('progressDeadlineSeconds', `got ${pinned}; the declared worst startup of ${worst} s needs a startup probe allowing up to ${startupAllowance(timings.startup).maximumSeconds} s, so allowed: at least ${minimum} (or leave it out)`);
    ok = false;
  }
  const deadline = pinned ?? progressDeadlineFor(timings.startup, timings.readiness);
  if (deadline > INT32_MAX) {
    c.add(draft.worstStartupField ?? 'progressDeadlineSeconds', `got a worst startup of ${worst} s, which needs a rollout deadline of ${deadline} s, above ${INT32_MAX}; allowed: a worst startup that leaves the deadline within int32`);
    ok = false;
  }
  return ok ? { preStopSleepSeconds: g.preStop, terminationGracePeriodSeconds: g.grace, progressDeadlineSeconds: deadline } : undefined;
}
