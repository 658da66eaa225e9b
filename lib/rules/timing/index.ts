/**
 * The timing rule group: mistakes only the timing model (lib/timing) can see. Listed in id order;
 * the lint CLI imports this list.
 *
 * Jobs and CronJobs: every timing rule applies to them except `liveness-trips-before-readiness`
 * (readiness means little for a pod nobody routes to) and `startup-exceeds-progress-deadline`
 * (Deployments only: the other kinds have no progress deadline).
 */
import { Rule } from '../types';
import { rule as execProbeDefaultTimeout } from './exec-probe-default-timeout';
import { rule as initialDelayWithStartupProbe } from './initial-delay-with-startup-probe';
import { rule as livenessDelayInsteadOfStartupProbe } from './liveness-delay-instead-of-startup-probe';
import { rule as livenessSingleFailure } from './liveness-single-failure';
import { rule as livenessTripsBeforeReadiness } from './liveness-trips-before-readiness';
import { rule as probeGraceNotBelowPod } from './probe-grace-not-below-pod';
import { rule as startupAllowanceBelowDeclared } from './startup-allowance-below-declared';
import { rule as startupExceedsProgressDeadline } from './startup-exceeds-progress-deadline';
import { rule as timeoutNotBelowPeriod } from './timeout-not-below-period';

/** Every timing rule. */
export const TIMING_RULES: readonly Rule[] = [
  execProbeDefaultTimeout,
  initialDelayWithStartupProbe,
  livenessDelayInsteadOfStartupProbe,
  livenessSingleFailure,
  livenessTripsBeforeReadiness,
  probeGraceNotBelowPod,
  startupAllowanceBelowDeclared,
  startupExceedsProgressDeadline,
  timeoutNotBelowPeriod,
];
