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

/**
 * The kubelet's minimumGracePeriodInSeconds: whatever the grace period (a probe-level 1 s, or what a
 * preStop hook left of it), SIGKILL never comes sooner than this after SIGTERM.
 * Source: pkg/kubelet/kuberuntime/kuberuntime_container.go, killContainer ("always give containers a
 * minimal shutdown window to avoid unnecessary SIGKILLs").
 */
export const MINIMUM_GRACE_SECONDS = 2;

/**
 * The one-off extension a container whose preStop hook used up the grace period gets: the same
 * 2 s minimum as {@link MINIMUM_GRACE_SECONDS}, applied after the hook.
 */
export const PRESTOP_GRACE_EXTENSION_SECONDS = MINIMUM_GRACE_SECONDS;

/**
 * Seconds from a container's exit being handled to the next instance running (image check, create,
 * start): about 1 s, observed in seed 002's real log (containers start 65 s apart = 60 s healthy
 * + up to 1 s to the first failing probe + 2 failures 1 s apart + 2 s to SIGKILL + this).
 */
export const RESTART_LATENCY_SECONDS = 1;

/**
 * The PLEG relist period: a container that exits by itself is noticed (and its pod synced) within
 * this. Source: pkg/kubelet/kubelet.go (genericPlegRelistPeriod = 1 s).
 */
export const PLEG_RELIST_SECONDS = 1;

/**
 * A pod sync that fails (a container still in CrashLoopBackOff) is retried after this, jittered by
 * up to {@link SYNC_RETRY_JITTER} of it (10–15 s). Source: pkg/kubelet/pod_workers.go, completeWork
 * (wait.Jitter(backOffPeriod, workerBackOffPeriodJitterFactor)); kubelet.go backOffPeriod = 10 s.
 */
export const SYNC_RETRY_SECONDS = 10;

/** The jitter factor of {@link SYNC_RETRY_SECONDS} (workerBackOffPeriodJitterFactor = 0.5). */
export const SYNC_RETRY_JITTER = 0.5;

/**
 * How far real runs exceed the tick model's worst cases when periodSeconds ≤ 2 (tick jitter and
 * sync latency), measured against a reference model of the kubelet's source: up to about 1 s.
 */
export const SHORT_PERIOD_SLACK_SECONDS = 1;

/** The first CrashLoopBackOff delay; it doubles per restart up to {@link MAX_RESTART_BACKOFF_SECONDS}. */
export const INITIAL_RESTART_BACKOFF_SECONDS = 10;

/** The CrashLoopBackOff ceiling. */
export const MAX_RESTART_BACKOFF_SECONDS = 300;

/**
 * A back-off entry not updated for this long is forgotten (client-go util/flowcontrol/backoff.go:
 * hasExpired and GC, 2 × the 300 s maximum), so the next restart starts again from 10 s.
 */
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
