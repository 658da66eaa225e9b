/**
 * The plain-data shapes `verify` produces: one attempt of a probe, a probe's summary, a verdict.
 * jsii-friendly: enums and readonly interfaces only.
 */

/** What one probe attempt returned, as the kubelet's prober reports it (pkg/probe/probe.go Result). */
export enum AttemptResult {
  /** The handler succeeded. */
  SUCCESS = 'success',
  /**
   * Success with a warning: an HTTP redirect to another host is not followed and counts as a
   * success (pkg/probe/http/http.go, DoHTTPProbe + RedirectChecker).
   */
  WARNING = 'warning',
  /** The handler failed (status, refused connection, timeout, non-zero exit, not SERVING). */
  FAILURE = 'failure',
}

/** The outcome of one handler call, before the worker counts it. */
export interface HandlerOutcome {
  /** Success, warning or failure. */
  readonly result: AttemptResult;
  /** What happened, in words (status code, error, output excerpt). */
  readonly message: string;
  /** Whether the attempt ended because it reached timeoutSeconds. */
  readonly timedOut: boolean;
  /**
   * Whether the process answered at all (an HTTP status, an open connection, a gRPC reply, an
   * exit code), as opposed to a refused connection or a timeout.
   */
  readonly answered: boolean;
}

/** One probe attempt, as the worker ran it. */
export interface Attempt {
  /** startup, liveness or readiness. */
  readonly probe: string;
  /** Seconds from container start to the start of the attempt. */
  readonly at: number;
  /** Seconds the attempt took. */
  readonly latency: number;
  /** The result. */
  readonly result: AttemptResult;
  /** What happened. */
  readonly message: string;
  /** Whether it ended at timeoutSeconds. */
  readonly timedOut: boolean;
  /** Whether the process answered at all (see {@link HandlerOutcome.answered}). */
  readonly answered: boolean;
}

/** A change of a probe's state once a threshold was reached (worker.go: resultRun vs thresholds). */
export interface Transition {
  /** startup, liveness or readiness. */
  readonly probe: string;
  /** Seconds from container start. */
  readonly at: number;
  /** The new state: success or failure. */
  readonly state: AttemptResult;
}

/** How a verdict came out. */
export enum VerdictStatus {
  /** The process behaved as the declared intent says. */
  PASS = 'pass',
  /** It held, but only narrowly or only with a caveat the detail names. */
  WARN = 'warn',
  /** It did not hold. */
  FAIL = 'fail',
  /** Not checked; the detail says why. */
  SKIPPED = 'skipped',
}

/** One verdict on one declared intent. */
export interface Verdict {
  /** Which check, e.g. `startup`, `steady`, `dependency:postgres`, `shutdown`, `shutdown-pid1`. */
  readonly check: string;
  /** The outcome. */
  readonly status: VerdictStatus;
  /** Why, with the measured numbers. */
  readonly detail: string;
}
