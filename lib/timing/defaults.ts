/**
 * The API server's probe defaults and the normalisation every timing formula starts from.
 * Source: pkg/apis/core/v1/defaults.go (see reference/probe-semantics.md).
 */

/** The five timing fields of a probe, every one resolved to the number the kubelet uses. */
export interface ProbeTiming {
  /** D: seconds after container start before the first probe counts. */
  readonly initialDelaySeconds: number;
  /** P: seconds between probe attempts. */
  readonly periodSeconds: number;
  /** T: seconds one attempt may take before it counts as a failure. */
  readonly timeoutSeconds: number;
  /** S: consecutive successes needed after a failure. */
  readonly successThreshold: number;
  /** F: consecutive failures that trip the probe. */
  readonly failureThreshold: number;
}

/** What the API server fills in for a field that is missing or 0. */
export const API_DEFAULTS: ProbeTiming = Object.freeze({
  initialDelaySeconds: 0,
  periodSeconds: 10,
  timeoutSeconds: 1,
  successThreshold: 1,
  failureThreshold: 3,
});

/** The pod's terminationGracePeriodSeconds when none is written. */
export const DEFAULT_POD_GRACE_SECONDS = 30;

/** A Deployment's progressDeadlineSeconds when none is written. */
export const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

/** The one-off extension the kubelet grants a container whose preStop hook used up the grace period. */
export const PRESTOP_GRACE_EXTENSION_SECONDS = 2;

/** The first CrashLoopBackOff delay; it doubles per restart up to {@link MAX_RESTART_BACKOFF_SECONDS}. */
export const INITIAL_RESTART_BACKOFF_SECONDS = 10;

/** The CrashLoopBackOff ceiling. */
export const MAX_RESTART_BACKOFF_SECONDS = 300;

/** Running this long resets the CrashLoopBackOff delay. */
export const BACKOFF_RESET_SECONDS = 600;

/** Loose input: any object that may carry the timing fields, with any value in them. */
export interface TimingFieldsInput {
  readonly initialDelaySeconds?: unknown;
  readonly periodSeconds?: unknown;
  readonly timeoutSeconds?: unknown;
  readonly successThreshold?: unknown;
  readonly failureThreshold?: unknown;
}

function positiveOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * Resolves a probe as written to the timing the kubelet runs: a missing or 0 field takes the
 * API server's default. Values that the API server would reject (negative, non-numeric) are
 * also replaced by the default here; reporting them is the rules' job, not the formulas'.
 */
export function effectiveTiming(probe: TimingFieldsInput): ProbeTiming {
  return {
    initialDelaySeconds: positiveOr(probe.initialDelaySeconds, API_DEFAULTS.initialDelaySeconds),
    periodSeconds: positiveOr(probe.periodSeconds, API_DEFAULTS.periodSeconds),
    timeoutSeconds: positiveOr(probe.timeoutSeconds, API_DEFAULTS.timeoutSeconds),
    successThreshold: positiveOr(probe.successThreshold, API_DEFAULTS.successThreshold),
    failureThreshold: positiveOr(probe.failureThreshold, API_DEFAULTS.failureThreshold),
  };
}
