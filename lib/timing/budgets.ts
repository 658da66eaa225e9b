/**
 * Probe timing -> what the kubelet will do with it: the formulas of reference/probe-semantics.md,
 * derived from pkg/kubelet/prober/worker.go. Pure functions over numbers; every other layer
 * (constructs, rules, explain, simulator bounds) asks these and never re-derives them.
 */
import {
  INITIAL_RESTART_BACKOFF_SECONDS,
  MAX_RESTART_BACKOFF_SECONDS,
  ProbeTiming,
  RESTART_LATENCY_SECONDS,
  SHORT_PERIOD_SLACK_SECONDS,
  SYNC_RETRY_JITTER,
  SYNC_RETRY_SECONDS,
} from './defaults';
import { worstKillSeconds } from './restart';

/** A span of time with its best and worst case, in seconds. */
export interface TimeWindow {
  /** The shortest it can take. */
  readonly best: number;
  /** The longest it can take. */
  readonly worst: number;
}

/** How the probed handler fails. */
export enum FailureMode {
  /** The handler never answers: every attempt waits the full timeoutSeconds. */
  HANG = 'hang',
  /** The handler answers at once with a failure (connection refused, HTTP 500, non-zero exit). */
  INSTANT = 'instant',
}

/** How much startup time a probe allows before it trips. */
export interface StartupAllowance {
  /** D + (F−1)·P: a start that takes this long or less never trips the probe, whatever the tick phase. */
  readonly guaranteedSeconds: number;
  /** D + F·P: a start that takes this long or more always trips it (the bound is exclusive). */
  readonly maximumSeconds: number;
}

/**
 * The startup allowance of the probe that guards startup: the startup probe, or the liveness
 * probe when there is none. The first attempt lands in [D, D + P), so only D + (F−1)·P is
 * guaranteed; the docs' "F·P" overstates it by one period.
 */
export function startupAllowance(t: ProbeTiming): StartupAllowance {
  return {
    guaranteedSeconds: t.initialDelaySeconds + (t.failureThreshold - 1) * t.periodSeconds,
    maximumSeconds: t.initialDelaySeconds + t.failureThreshold * t.periodSeconds,
  };
}

/**
 * The startup allowance when the app's port accepts connections before the app can answer (seed
 * 000: Flask's debug reloader listens at ~5 s and answers at ~10 s). An httpGet, gRPC or exec
 * attempt then fails by timeout, each holding the worker for T, so attempts are max(P, T) apart;
 * and a request sent up to T before the app answers waits in the listen backlog and succeeds. So
 * D + (F−1)·max(P,T) + T is guaranteed and D + P + (F−1)·max(P,T) + T is the most. (A tcpSocket
 * probe passes as soon as the port accepts: it guards nothing past that.)
 */
export function startupAllowanceListening(t: ProbeTiming): StartupAllowance {
  const guaranteed = t.initialDelaySeconds + (t.failureThreshold - 1) * Math.max(t.periodSeconds, t.timeoutSeconds) + t.timeoutSeconds;
  return { guaranteedSeconds: guaranteed, maximumSeconds: guaranteed + t.periodSeconds };
}

/**
 * Seconds from the last heartbeat to the probe tripping, for an exec probe that fails once the
 * heartbeat file is older than `maxAgeSeconds` (a worker's liveness): the check only starts failing
 * `maxAgeSeconds` after the last heartbeat, then fails at once on every attempt. A hang is seen
 * that much later than by a probe that asks the process itself.
 */
export function heartbeatDetection(t: ProbeTiming, maxAgeSeconds: number): TimeWindow {
  const instant = failureDetection(t, FailureMode.INSTANT);
  return { best: maxAgeSeconds + instant.best, worst: maxAgeSeconds + instant.worst };
}

/**
 * Seconds from the moment a handler goes bad to the moment the probe trips (liveness: the kill
 * decision; readiness: NotReady). An attempt that hangs occupies the worker for T, so the
 * attempts are max(P, T) apart; the bad moment falls anywhere within one period of the next tick.
 * best = (F−1)·max(P,T) + T, worst = P + (F−1)·max(P,T) + T, with T replaced by 0 for a
 * handler that fails at once.
 */
export function failureDetection(t: ProbeTiming, mode: FailureMode = FailureMode.HANG): TimeWindow {
  const attempt = mode === FailureMode.HANG ? t.timeoutSeconds : 0;
  const spacing = mode === FailureMode.HANG ? Math.max(t.periodSeconds, t.timeoutSeconds) : t.periodSeconds;
  const best = (t.failureThreshold - 1) * spacing + attempt;
  return { best, worst: t.periodSeconds + best };
}

/**
 * Seconds from a handler turning healthy again to the probe reporting success (readiness: Ready):
 * (S−1)·P to S·P. For a hung handler with T > P it differs: an attempt still hanging when the
 * handler heals ends only at its timeout, and the next attempt runs at once from the buffered
 * tick, off the ticker's grid — so recovery takes up to T + (S−1)·P, and the successes after the
 * first may come sooner than P apart (best 0). Found by the simulator's property tests.
 */
export function recovery(t: ProbeTiming, mode: FailureMode = FailureMode.INSTANT): TimeWindow {
  const rest = (t.successThreshold - 1) * t.periodSeconds;
  if (mode === FailureMode.HANG && t.timeoutSeconds > t.periodSeconds) {
    return { best: 0, worst: t.timeoutSeconds + rest };
  }
  return { best: rest, worst: t.successThreshold * t.periodSeconds };
}

/**
 * The time a probe that fails at once needs to trip: F·P. This is the readiness window a
 * terminating or broken pod stays in the endpoints for, and so the preStop delay that covers it.
 */
export function instantTripSeconds(t: ProbeTiming): number {
  return failureDetection(t, FailureMode.INSTANT).worst;
}

/** Inputs to {@link timeToReady}. */
export interface TimeToReadyInput {
  /** The readiness probe; without one the container is Ready as soon as it runs. */
  readonly readiness?: ProbeTiming;
  /** The startup probe, which gates readiness until it succeeds. */
  readonly startup?: ProbeTiming;
  /** Seconds from container start until the app answers its probes successfully. */
  readonly appReadySeconds: number;
}

/**
 * Seconds from container start to the pod condition Ready (endpoint propagation not included).
 * Readiness D is counted from container start, not from startup success (the code, not the docs);
 * startup success triggers an immediate readiness attempt once D has passed.
 */
export function timeToReady(input: TimeToReadyInput): TimeWindow {
  const app = Math.max(0, input.appReadySeconds);
  // with neither probe, nothing gates Ready: the container is Ready as soon as it runs, app or not
  if (!input.startup && !input.readiness) return { best: 0, worst: 0 };
  let gate: TimeWindow = { best: app, worst: app };
  if (input.startup) {
    const s = input.startup;
    const first = Math.max(s.initialDelaySeconds, app);
    gate = { best: first, worst: first + s.periodSeconds };
  }
  const r = input.readiness;
  if (!r) return gate;
  const extra = (r.successThreshold - 1) * r.periodSeconds;
  if (input.startup) {
    // the startup success itself triggers a readiness attempt once D has passed
    const best = Math.max(gate.best, r.initialDelaySeconds) + extra;
    const worst = Math.max(gate.worst, r.initialDelaySeconds + r.periodSeconds) + extra;
    return { best, worst };
  }
  const firstUseful = Math.max(r.initialDelaySeconds, app);
  return { best: firstUseful + extra, worst: firstUseful + r.periodSeconds + extra };
}

/** Inputs to {@link hangToFreshContainer}. */
export interface HangToFreshInput {
  /** The liveness probe that catches the hang. */
  readonly liveness: ProbeTiming;
  /** The grace period the kill uses: probe-level terminationGracePeriodSeconds, else the pod's. */
  readonly graceSeconds: number;
  /** Whether a preStop hook runs inside the grace period (it may use all of it; 2 s follow). */
  readonly hasPreStop: boolean;
  /** Seconds the new container needs before it is started and serving. */
  readonly startupSeconds: number;
  /**
   * Restarts after liveness kills already in a row: the first two restarts never wait; a later one
   * may wait the back-off (see {@link probeKillBackoffSeconds}).
   * @default 0
   */
  readonly previousRestarts?: number;
  /**
   * How the handler fails.
   * @default FailureMode.HANG
   */
  readonly mode?: FailureMode;
  /**
   * Seconds after the hang before the probe can start failing: a heartbeat probe's maximum heartbeat
   * age (it then fails at once, so give `mode` INSTANT).
   * @default 0
   */
  readonly failsAfterSeconds?: number;
}

/**
 * The nominal CrashLoopBackOff before restart number `previousRestarts + 1` of a container that
 * exits by itself: 0 (no back-off entry yet), then 10 s doubling to 300 s. Not what a liveness or
 * startup kill waits: see {@link probeKillBackoffSeconds}.
 */
export function restartBackoffSeconds(previousRestarts: number): number {
  if (previousRestarts <= 0) return 0;
  return Math.min(MAX_RESTART_BACKOFF_SECONDS, INITIAL_RESTART_BACKOFF_SECONDS * 2 ** (previousRestarts - 1));
}

/**
 * The longest nominal back-off restart number `previousRestarts + 1` can wait when every restart
 * so far followed a liveness or startup kill: 0 for the first two (doBackOff reads the status from
 * before the kill: no exited instance for the first, no back-off entry for the second), then the
 * entry's back-off, 10 s doubling to 300 s — waited only when the instance before the killed one
 * exited less than that ago (seed 002's instances live 65 s, so its restarts wait from the sixth).
 * Source: restart.ts.
 */
export function probeKillBackoffSeconds(previousRestarts: number): number {
  return previousRestarts < 2 ? 0 : restartBackoffSeconds(previousRestarts - 1);
}

/**
 * How much later than its nominal end a back-off really ends, at most: the sync that finds the
 * container in back-off fails and is retried 10–15 s later on the kubelet's 1 s sync tick, and the
 * first retry at or past the end starts it (pod_workers.go, completeWork).
 */
export const BACKOFF_RETRY_SLACK_SECONDS = SYNC_RETRY_SECONDS * (1 + SYNC_RETRY_JITTER) + 1;

/**
 * Extra worst-case seconds real runs take over the tick model when P ≤ 2 (tick jitter and sync
 * latency): {@link SHORT_PERIOD_SLACK_SECONDS}, else 0.
 */
export function shortPeriodSlackSeconds(t: ProbeTiming): number {
  return t.periodSeconds <= 2 ? SHORT_PERIOD_SLACK_SECONDS : 0;
}

/**
 * Seconds from a hang to a fresh container serving again: detection + the kill (grace raised to the
 * kubelet's 2 s minimum; + 2 s after a preStop hook) + restart latency (~1 s) + back-off (none for
 * the first two probe-kill restarts) + startup. Best assumes the process exits on SIGTERM at once;
 * worst adds about 1 s when P ≤ 2, as real nodes show.
 */
export function hangToFreshContainer(input: HangToFreshInput): TimeWindow {
  const base = failureDetection(input.liveness, input.mode ?? FailureMode.HANG);
  const delay = input.failsAfterSeconds ?? 0;
  const detection = { best: base.best + delay, worst: base.worst + delay };
  const backoff = probeKillBackoffSeconds(input.previousRestarts ?? 0);
  const retry = backoff > 0 ? BACKOFF_RETRY_SLACK_SECONDS : 0;
  return {
    best: detection.best + RESTART_LATENCY_SECONDS + backoff + input.startupSeconds,
    worst: detection.worst + shortPeriodSlackSeconds(input.liveness) + worstKillSeconds(input.graceSeconds, input.hasPreStop)
      + RESTART_LATENCY_SECONDS + backoff + retry + input.startupSeconds,
  };
}

/** Probe requests per second in steady state (startup probes stop after startup and are not counted). */
export interface ProbeLoad {
  /** Requests per second against one container. */
  readonly perContainer: number;
  /** Requests per second against the whole workload (× replicas). */
  readonly perWorkload: number;
}

/** Σ 1/P over the steady-state probes (liveness, readiness), times replicas for the workload. */
export function probeLoad(steadyProbes: readonly ProbeTiming[], replicas: number): ProbeLoad {
  const perContainer = steadyProbes.reduce((sum, t) => sum + 1 / t.periodSeconds, 0);
  return { perContainer, perWorkload: perContainer * Math.max(0, replicas) };
}
