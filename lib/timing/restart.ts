/**
 * How the kubelet kills and restarts a container, as its source does it. Pure functions; the
 * simulator runs them event by event, and budgets.ts bounds them.
 *
 * - Kill: pkg/kubelet/kuberuntime/kuberuntime_container.go, killContainer: grace = probe-level
 *   terminationGracePeriodSeconds (liveness/startup kills), else the pod's; a preStop hook runs
 *   inside it; what is left is raised to the 2 s minimum; then SIGTERM, and SIGKILL when it runs out.
 * - Restart back-off: pkg/kubelet/kuberuntime/kuberuntime_manager.go, doBackOff, reading
 *   client-go util/flowcontrol/backoff.go (IsInBackOffSince, Next, hasExpired, GC). doBackOff looks
 *   at the latest *exited* instance in the pod status the sync started with. After a liveness or
 *   startup kill, computePodActions puts the container in both ContainersToKill and
 *   ContainersToStart, and SyncPod kills and then starts it in the same sync, with the status taken
 *   before the kill: the exited instance it sees is the *previous* one. So the first two restarts
 *   after probe kills are immediate, and a later one waits only when the previous instance exited
 *   less than the current back-off ago. A container that exits by itself is seen exited: its
 *   restarts wait the back-off from its own exit (the first excepted: no entry yet).
 */
import {
  INITIAL_RESTART_BACKOFF_SECONDS, MAX_RESTART_BACKOFF_SECONDS, MINIMUM_GRACE_SECONDS,
} from './defaults';

/** The kubelet's back-off entry for one container (client-go's backoffEntry), in any one time unit. */
export interface BackoffEntry {
  /** The current back-off. */
  readonly backoff: number;
  /** When it was last moved on (Next). */
  readonly lastUpdate: number;
}

/**
 * The time unit of the back-off functions, in seconds per unit: 1 for seconds, 0.001 for
 * milliseconds. The constants (10 s, 300 s, 600 s) are scaled to it.
 */
function inUnit(seconds: number, unitSeconds: number): number {
  return Math.round(seconds / unitSeconds);
}

/** hasExpired: an entry not updated for more than 2 × the maximum back-off is stale. */
export function backoffExpired(entry: BackoffEntry, eventTime: number, unitSeconds = 1): boolean {
  return eventTime - entry.lastUpdate > 2 * inUnit(MAX_RESTART_BACKOFF_SECONDS, unitSeconds);
}

/**
 * IsInBackOffSince: whether a start at `now` must wait, for an instance that finished at
 * `finishedAt`. No entry, or a stale one, never waits.
 */
export function isInBackOff(entry: BackoffEntry | undefined, finishedAt: number, now: number, unitSeconds = 1): boolean {
  if (entry === undefined || backoffExpired(entry, finishedAt, unitSeconds)) return false;
  return now - entry.backoff < finishedAt;
}

/**
 * Next: the entry after a start that was not in back-off: a fresh 10 s entry when there was none
 * (or it was stale at `finishedAt`), else the back-off doubled up to 300 s; updated at `now`.
 */
export function nextBackoff(entry: BackoffEntry | undefined, finishedAt: number, now: number, unitSeconds = 1): BackoffEntry {
  if (entry === undefined || backoffExpired(entry, finishedAt, unitSeconds)) {
    return { backoff: inUnit(INITIAL_RESTART_BACKOFF_SECONDS, unitSeconds), lastUpdate: now };
  }
  return { backoff: Math.min(entry.backoff * 2, inUnit(MAX_RESTART_BACKOFF_SECONDS, unitSeconds)), lastUpdate: now };
}

/** GC: the kubelet drops an entry not updated for more than 2 × the maximum (housekeeping, every 2 s). */
export function backoffCollected(entry: BackoffEntry | undefined, now: number, unitSeconds = 1): boolean {
  return entry !== undefined && backoffExpired(entry, now, unitSeconds);
}

/** When a killed container's process ends, counted from the kill decision (the Killing event). */
export interface KillTiming {
  /** When SIGTERM is sent: after the preStop hook, which the grace period cuts short. */
  readonly sigtermSeconds: number;
  /** When SIGKILL is sent if the process is still running: SIGTERM + max(what is left, 2 s). */
  readonly sigkillSeconds: number;
  /** When the process ends: on SIGTERM after its own shutdown time, or at SIGKILL. */
  readonly exitSeconds: number;
  /** Whether it ended by SIGKILL. */
  readonly killed: boolean;
}

/**
 * The kill sequence of killContainer for a grace period, a preStop hook of known length (undefined:
 * none) and an app that stops `sigtermExitSeconds` after SIGTERM (undefined: it ignores SIGTERM,
 * e.g. a Python app as PID 1 without a signal handler).
 */
export function killTiming(graceSeconds: number, preStopSeconds?: number, sigtermExitSeconds?: number): KillTiming {
  const preStop = preStopSeconds === undefined ? 0 : Math.min(Math.max(0, preStopSeconds), graceSeconds);
  const left = Math.max(graceSeconds - preStop, MINIMUM_GRACE_SECONDS);
  const sigkill = preStop + left;
  const killed = sigtermExitSeconds === undefined || sigtermExitSeconds > left;
  return { sigtermSeconds: preStop, sigkillSeconds: sigkill, exitSeconds: killed ? sigkill : preStop + (sigtermExitSeconds as number), killed };
}

/**
 * The longest a kill can take, from the Killing event to the process gone, when the preStop
 * hook's length is unknown: grace + 2 s with a hook (it may use the whole grace, then the 2 s
 * minimum follows), max(grace, 2 s) without one.
 */
export function worstKillSeconds(graceSeconds: number, hasPreStop: boolean): number {
  return hasPreStop ? graceSeconds + MINIMUM_GRACE_SECONDS : Math.max(graceSeconds, MINIMUM_GRACE_SECONDS);
}
