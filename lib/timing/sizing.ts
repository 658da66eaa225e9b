/**
 * Declared targets -> probe parameters. The inverse of budgets.ts, and checked against it: every
 * number chosen here is justified by a formula there. Pure functions; no cdk8s.
 */
import { failureDetection, instantTripSeconds, startupAllowance } from './budgets';
import { DEFAULT_PROGRESS_DEADLINE_SECONDS, ProbeTiming } from './defaults';

/** The health handler's worst latency when none is declared. */
export const DEFAULT_HANDLER_LATENCY_SECONDS = 1;
/** Headroom added to the handler's worst latency for GC pauses and node load (T = 1 s flaps under load). */
export const TIMEOUT_HEADROOM_SECONDS = 2;
/** Extra timeout for exec probes: the kubelet starts a process in the container for every attempt. */
export const EXEC_START_SECONDS = 2;
/** Liveness failureThreshold: two transient failures are tolerated, the third trips. */
export const LIVENESS_FAILURE_THRESHOLD = 3;
/** The smallest liveness failureThreshold sizing will fall back to: a single failure never restarts. */
export const MIN_LIVENESS_FAILURE_THRESHOLD = 2;
/** Liveness periodSeconds when no hang-detection target is declared (the API default). */
export const DEFAULT_LIVENESS_PERIOD_SECONDS = 10;
/** Readiness periodSeconds preferred: a pod leaves the Service within F·P = 15 s of going bad. */
export const READINESS_PERIOD_SECONDS = 5;
/** Readiness failureThreshold preferred. */
export const READINESS_FAILURE_THRESHOLD = 3;
/** Startup periodSeconds preferred: a started app is noticed within 5 s. */
export const STARTUP_PERIOD_SECONDS = 5;
/** Worst startup assumed when the workload declares none (the slow-start intent declares one). */
export const DEFAULT_WORST_STARTUP_SECONDS = 60;
/** Slack on top of the startup budget for scheduling and image pulls when sizing progressDeadlineSeconds. */
export const PROGRESS_DEADLINE_SLACK_SECONDS = 60;
/** Seconds a pod keeps draining in-flight requests after its preStop delay, when none is declared. */
export const DEFAULT_DRAIN_SECONDS = 15;
/** Fast recovery: liveness every second… */
export const FAST_RECOVERY_PERIOD_SECONDS = 1;
/** …tripping on the third failure… */
export const FAST_RECOVERY_FAILURE_THRESHOLD = 3;
/** The handler latency fast recovery assumes when none is declared: it must answer well within its 1 s timeout. */
export const FAST_RECOVERY_HANDLER_LATENCY_SECONDS = 0.5;
/** …and killed with a 1 s probe-level grace period (seed 002). */
export const FAST_RECOVERY_GRACE_SECONDS = 1;

/** What kind of handler a probe runs; it decides the timeout headroom. */
export enum HandlerKind {
  /** httpGet, tcpSocket, grpc: a network round trip from the node. */
  NETWORK = 'network',
  /** exec: a process started in the container for every attempt. */
  EXEC = 'exec',
}

/**
 * Raised when declared targets cannot be met by any probe that keeps the invariants.
 *
 * TypeScript-only: jsii cannot model classes that extend Error; other languages see the error message.
 * @jsii ignore
 */
export class SizingError extends Error {
  constructor(
    /** The declared input that cannot be met, e.g. `hangDetectionSeconds`. */
    public readonly field: string,
    /** The value given. */
    public readonly value: number,
    /** What would be allowed, in words. */
    public readonly allowed: string,
  ) {
    super(`${field}: ${value} cannot be met; ${allowed}`);
    this.name = 'SizingError';
  }
}

/** timeoutSeconds for a handler: worst latency rounded up, plus headroom, plus process start for exec. */
export function timeoutFor(handlerLatencySeconds: number, kind: HandlerKind): number {
  const base = Math.ceil(handlerLatencySeconds) + TIMEOUT_HEADROOM_SECONDS;
  return kind === HandlerKind.EXEC ? base + EXEC_START_SECONDS : base;
}

/** The smallest periodSeconds that keeps T < P (T = P = 1 is the one exception: nothing is lower). */
export function minPeriodFor(timeoutSeconds: number): number {
  return timeoutSeconds <= 1 ? 1 : timeoutSeconds + 1;
}

function probe(periodSeconds: number, failureThreshold: number, timeoutSeconds: number): ProbeTiming {
  return { initialDelaySeconds: 0, periodSeconds, timeoutSeconds, successThreshold: 1, failureThreshold };
}

/**
 * A startup probe whose guaranteed allowance D + (F−1)·P covers the worst startup:
 * F = ⌈W / P⌉ + 1 with D = 0 (a startup probe never needs D).
 */
export function sizeStartup(worstStartupSeconds: number, timeoutSeconds: number): ProbeTiming {
  const period = Math.max(STARTUP_PERIOD_SECONDS, minPeriodFor(timeoutSeconds));
  const failureThreshold = Math.max(2, Math.ceil(worstStartupSeconds / period) + 1);
  return probe(period, failureThreshold, timeoutSeconds);
}

/**
 * A liveness probe whose worst hang detection, P + (F−1)·P + T = F·P + T, is within the target.
 * F = 3 where the target allows a period above T, else F = 2; never F = 1.
 */
export function sizeLiveness(hangDetectionSeconds: number | undefined, timeoutSeconds: number): ProbeTiming {
  const minPeriod = minPeriodFor(timeoutSeconds);
  if (hangDetectionSeconds === undefined) {
    return probe(Math.max(DEFAULT_LIVENESS_PERIOD_SECONDS, minPeriod), LIVENESS_FAILURE_THRESHOLD, timeoutSeconds);
  }
  for (let f = LIVENESS_FAILURE_THRESHOLD; f >= MIN_LIVENESS_FAILURE_THRESHOLD; f--) {
    const period = Math.floor((hangDetectionSeconds - timeoutSeconds) / f);
    if (period >= minPeriod) return probe(period, f, timeoutSeconds);
  }
  const fastest = probe(minPeriod, MIN_LIVENESS_FAILURE_THRESHOLD, timeoutSeconds);
  throw new SizingError(
    'hangDetectionSeconds',
    hangDetectionSeconds,
    `with timeoutSeconds ${timeoutSeconds} (from the handler's worst latency) the fastest liveness probe that never restarts on a single failure detects a hang in ${failureDetection(fastest).worst} s; declare at least that, or a lower handlerLatencySeconds`,
  );
}

/**
 * A readiness probe that trips strictly before liveness (F·P of readiness below liveness's), so a
 * struggling pod leaves the Service before it is restarted. Prefers P = 5, F = 3 and gives way
 * first on F, then on P.
 */
export function sizeReadiness(liveness: ProbeTiming, timeoutSeconds: number, preferredPeriod = READINESS_PERIOD_SECONDS): ProbeTiming {
  const livenessTrip = liveness.failureThreshold * liveness.periodSeconds;
  const minPeriod = minPeriodFor(timeoutSeconds);
  // F ≥ 1 needs period < livenessTrip; checking first also bounds the loop (period-- is a no-op on huge numbers)
  for (let period = Math.max(preferredPeriod, minPeriod); period >= minPeriod && minPeriod < livenessTrip; period--) {
    const failureThreshold = Math.min(READINESS_FAILURE_THRESHOLD, Math.ceil(livenessTrip / period) - 1);
    if (failureThreshold >= 1) return probe(period, failureThreshold, timeoutSeconds);
  }
  throw new SizingError(
    'liveness failureThreshold × periodSeconds',
    livenessTrip,
    `readiness with timeoutSeconds ${timeoutSeconds} needs periodSeconds ≥ ${minPeriod}, so liveness must trip later than ${minPeriod} s`,
  );
}

/** Declared targets for {@link sizeProbes}. */
export interface SizingTargets {
  /** Worst time from container start to the app answering its health checks. */
  readonly worstStartupSeconds: number;
  /** Worst acceptable time to notice a hung process; undefined keeps P = 10, F = 3. */
  readonly hangDetectionSeconds?: number;
  /** The health handler's worst latency. */
  readonly handlerLatencySeconds: number;
  /** Kind of handler the liveness probe runs. */
  readonly livenessKind: HandlerKind;
  /** Kind of handler the readiness probe runs. */
  readonly readinessKind: HandlerKind;
  /** Aggressive liveness (P = 1, F = 3) for apps that wedge and must come back fast. */
  readonly fastRecovery: boolean;
}

/** The probe timings chosen for a workload. */
export interface SizedProbes {
  /** Startup probe timing. */
  readonly startup: ProbeTiming;
  /** Liveness probe timing. */
  readonly liveness: ProbeTiming;
  /** Readiness probe timing. */
  readonly readiness: ProbeTiming;
  /** Probe-level terminationGracePeriodSeconds for liveness kills, if the intent sets one. */
  readonly livenessGraceSeconds?: number;
}

/** Sizes all three probes of a workload from its declared targets. Throws {@link SizingError}. */
export function sizeProbes(targets: SizingTargets): SizedProbes {
  if (targets.fastRecovery) {
    if (targets.handlerLatencySeconds >= FAST_RECOVERY_PERIOD_SECONDS) {
      throw new SizingError('handlerLatencySeconds', targets.handlerLatencySeconds,
        'fast recovery probes every second with a 1 s timeout, so the handler must answer in under 1 s');
    }
    const liveness = probe(FAST_RECOVERY_PERIOD_SECONDS, FAST_RECOVERY_FAILURE_THRESHOLD, 1);
    return {
      liveness,
      readiness: sizeReadiness(liveness, 1, FAST_RECOVERY_PERIOD_SECONDS),
      startup: sizeStartup(targets.worstStartupSeconds, 1),
      livenessGraceSeconds: FAST_RECOVERY_GRACE_SECONDS,
    };
  }
  const livenessTimeout = timeoutFor(targets.handlerLatencySeconds, targets.livenessKind);
  const readinessTimeout = timeoutFor(targets.handlerLatencySeconds, targets.readinessKind);
  const liveness = sizeLiveness(targets.hangDetectionSeconds, livenessTimeout);
  return {
    liveness,
    readiness: sizeReadiness(liveness, readinessTimeout),
    startup: sizeStartup(targets.worstStartupSeconds, livenessTimeout),
  };
}

/**
 * The least progressDeadlineSeconds that lets one pod's slowest allowed start finish before the
 * rollout is declared failed: the startup probe's maximum allowance, one readiness success, and
 * slack for scheduling and image pulls.
 */
export function minimumProgressDeadline(startup: ProbeTiming, readiness: ProbeTiming): number {
  return startupAllowance(startup).maximumSeconds
    + readiness.successThreshold * readiness.periodSeconds
    + PROGRESS_DEADLINE_SLACK_SECONDS;
}

/**
 * The progressDeadlineSeconds to emit: the API default of 600 s, raised to
 * {@link minimumProgressDeadline} when the startup budget needs more.
 */
export function progressDeadlineFor(startup: ProbeTiming, readiness: ProbeTiming): number {
  return Math.max(DEFAULT_PROGRESS_DEADLINE_SECONDS, minimumProgressDeadline(startup, readiness));
}

/** The graceful-shutdown numbers for a pod. */
export interface ShutdownPlan {
  /** preStop sleep: the readiness window (F·P), so the pod leaves the endpoints before it stops serving. */
  readonly preStopSleepSeconds: number;
  /** The pod's terminationGracePeriodSeconds: the preStop sleep plus the drain time. */
  readonly terminationGracePeriodSeconds: number;
}

/** The preStop delay and grace period that let a terminating pod leave the endpoints first. */
export function shutdownPlan(readiness: ProbeTiming, drainSeconds: number = DEFAULT_DRAIN_SECONDS): ShutdownPlan {
  const preStopSleepSeconds = instantTripSeconds(readiness);
  return { preStopSleepSeconds, terminationGracePeriodSeconds: preStopSleepSeconds + drainSeconds };
}

/** One broken invariant of an emitted probe set. */
export interface InvariantViolation {
  /** Which probe: startup, liveness or readiness. */
  readonly probe: string;
  /** What is wrong. */
  readonly message: string;
}

/**
 * The invariants every probe set this library emits must keep; an empty list means all hold.
 * Used by the constructs' own validation and by the property tests.
 */
export function checkInvariants(sized: SizedProbes, worstStartupSeconds: number): InvariantViolation[] {
  const out: InvariantViolation[] = [];
  const entries: Array<[string, ProbeTiming]> = [['startup', sized.startup], ['liveness', sized.liveness], ['readiness', sized.readiness]];
  for (const [name, t] of entries) {
    const timeoutOk = t.timeoutSeconds < t.periodSeconds || (t.timeoutSeconds === 1 && t.periodSeconds === 1);
    if (!timeoutOk) out.push({ probe: name, message: `timeoutSeconds ${t.timeoutSeconds} is not below periodSeconds ${t.periodSeconds}` });
    for (const [field, v] of Object.entries(t)) {
      if (!Number.isInteger(v) || v < (field === 'initialDelaySeconds' ? 0 : 1)) out.push({ probe: name, message: `${field} ${v} is not a valid integer` });
    }
  }
  if (sized.liveness.successThreshold !== 1) out.push({ probe: 'liveness', message: 'successThreshold must be 1' });
  if (sized.startup.successThreshold !== 1) out.push({ probe: 'startup', message: 'successThreshold must be 1' });
  if (sized.liveness.failureThreshold < MIN_LIVENESS_FAILURE_THRESHOLD) out.push({ probe: 'liveness', message: 'restarts on a single failure' });
  if (instantTripSeconds(sized.liveness) <= instantTripSeconds(sized.readiness)) {
    out.push({ probe: 'liveness', message: `trips (F·P = ${instantTripSeconds(sized.liveness)} s) no later than readiness (${instantTripSeconds(sized.readiness)} s)` });
  }
  if (startupAllowance(sized.startup).guaranteedSeconds < worstStartupSeconds) {
    out.push({ probe: 'startup', message: `guaranteed allowance ${startupAllowance(sized.startup).guaranteedSeconds} s is below the declared worst startup ${worstStartupSeconds} s` });
  }
  return out;
}
