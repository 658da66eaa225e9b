/**
 * The one rule for liveness and readiness that run the same check (one health endpoint, one
 * command): acceptable only when liveness trips strictly after readiness, so a failure first takes
 * the pod out of the Service and restarts it only if it lasts longer. Used by the lint rule
 * `liveness-readiness-identical` and by the intent planning, so both decide the same way.
 *
 * "Trips" is the instant-failure time F·P ({@link instantTripSeconds}): how long a check that
 * fails every attempt needs before the probe acts (prober worker: failureThreshold consecutive
 * failures, one per periodSeconds; reference/probe-semantics.md).
 */
import { instantTripSeconds } from './budgets';
import { effectiveTiming, TimingFieldsInput } from './defaults';

/** The verdict on liveness and readiness sharing one check. */
export interface SharedEndpointVerdict {
  /** Whether sharing is acceptable: liveness trips strictly after readiness. */
  readonly acceptable: boolean;
  /** Liveness F·P, seconds (API defaults applied). */
  readonly livenessTripSeconds: number;
  /** Readiness F·P, seconds (API defaults applied). */
  readonly readinessTripSeconds: number;
}

/**
 * Whether liveness and readiness may run the same check, from their timing fields as written
 * (missing, zero or unusable fields take the API defaults, as {@link effectiveTiming} does).
 */
export function sharedEndpointVerdict(liveness: TimingFieldsInput, readiness: TimingFieldsInput): SharedEndpointVerdict {
  const livenessTripSeconds = instantTripSeconds(effectiveTiming(liveness));
  const readinessTripSeconds = instantTripSeconds(effectiveTiming(readiness));
  return { acceptable: livenessTripSeconds > readinessTripSeconds, livenessTripSeconds, readinessTripSeconds };
}
