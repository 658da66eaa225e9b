/**
 * The shapes the kubelet probe simulator reads and writes. Times are in seconds in every public
 * shape; internally the simulator works on an integer millisecond grid (see engine.ts).
 */
import { ProbeJson, ProbeKind } from '../k8s/types';

/** The probes and shutdown settings of one container, as the simulator needs them. */
export interface SimulatedContainer {
  /** The startup probe, if any. */
  readonly startupProbe?: ProbeJson;
  /** The liveness probe, if any. */
  readonly livenessProbe?: ProbeJson;
  /** The readiness probe, if any. */
  readonly readinessProbe?: ProbeJson;
  /**
   * The pod's terminationGracePeriodSeconds.
   * @default 30
   */
  readonly podGraceSeconds: number;
  /**
   * Seconds the preStop hook runs (a `sleep` action or an exec `sleep N`); undefined when there is
   * no preStop hook.
   * @default - no preStop hook
   */
  readonly preStopSeconds?: number;
}

/**
 * Who answers a request inside the app: the three probe handlers, matched to the probes by role,
 * and `traffic`, the path real user requests take (used to tell whether a Ready pod is broken).
 */
export enum Handler {
  /** The handler the startup probe calls. */
  STARTUP = 'startup',
  /** The handler the liveness probe calls. */
  LIVENESS = 'liveness',
  /** The handler the readiness probe calls. */
  READINESS = 'readiness',
  /** User requests (what the Service sends to a Ready pod). */
  TRAFFIC = 'traffic',
}

/** Every handler, in a fixed order. */
export const HANDLERS: readonly Handler[] = [Handler.STARTUP, Handler.LIVENESS, Handler.READINESS, Handler.TRAFFIC];

/** What a fault does. */
export enum FaultKind {
  /** The affected handlers never answer (a deadlock, a wedged event loop). */
  HANG = 'hang',
  /** The affected handlers answer a failure at once (HTTP 500, a non-zero exit). */
  ERROR = 'error',
  /** The affected handlers answer after `latency` seconds (a timeout when that is ≥ timeoutSeconds). */
  SLOW = 'slow',
  /** The process exits; the container stops and is restarted (restartPolicy Always). */
  EXIT = 'exit',
  /** A dependency is down: the handlers that check it answer a failure (or hang), and traffic breaks if it is critical. */
  OUTAGE = 'outage',
  /** The pod is deleted (a rollout, a scale-down): it stops receiving traffic and terminates for good. */
  DELETE = 'delete',
}

/** How an affected handler behaves while a fault is active. */
export enum Effect {
  /** Answers a failure at once. */
  ERROR = 'error',
  /** Never answers; every probe attempt waits the full timeout. */
  HANG = 'hang',
  /** Answers after the fault's latency. */
  SLOW = 'slow',
}

/** When a fault stops. */
export enum FaultEnd {
  /** When the container it hit is restarted (a fresh process is healthy). */
  RESTART = 'restart',
  /** Never, within the scenario. */
  NEVER = 'never',
  /** After `durationSeconds`. */
  DURATION = 'duration',
}

/** One fault of a scenario, validated. */
export interface Fault {
  /** What happens. */
  readonly kind: FaultKind;
  /** Where it was written, e.g. `faults[2]` (used in messages). */
  readonly source: string;
  /** When it starts, in seconds: scenario time, or container age when `fromContainerStart`. */
  readonly startSeconds: number;
  /** The fault hits every container `startSeconds` after it starts (seed 002's CRASH_AFTER). */
  readonly fromContainerStart: boolean;
  /** When it stops. */
  readonly end: FaultEnd;
  /** How long it lasts when `end` is DURATION. */
  readonly durationSeconds?: number;
  /** How the affected handlers behave (hang, error, slow and outage faults). */
  readonly effect?: Effect;
  /** The answer latency of a SLOW effect, in seconds. */
  readonly latencySeconds?: number;
  /** The handlers it affects (empty for exit and delete faults). */
  readonly handlers: readonly Handler[];
  /** The dependency that is down (outage faults). */
  readonly dependency?: string;
  /**
   * The replicas it hits, 0-based.
   * @default - every replica
   */
  readonly replicas?: readonly number[];
}

/** How one handler behaves when nothing is wrong. */
export interface HandlerBehaviour {
  /**
   * Seconds after container start before its port accepts connections (before that: connection
   * refused). Between this and `answersAfterSeconds` a connection is accepted but no answer comes
   * (Flask's debug reloader, seed 000): a tcpSocket probe passes, an httpGet, gRPC or exec probe
   * waits and times out.
   */
  readonly listensAfterSeconds: number;
  /** Seconds after container start before it answers successfully. */
  readonly answersAfterSeconds: number;
  /** Seconds a healthy answer takes. */
  readonly latencySeconds: number;
}

/** A dependency of the app, and who checks it. */
export interface Dependency {
  /** Its name, e.g. `postgres`. */
  readonly name: string;
  /** User requests fail while it is down. */
  readonly critical: boolean;
  /** The probe handlers that call it (and fail while it is down). */
  readonly checkedBy: readonly Handler[];
}

/** A validated scenario: the app over time, per handler. */
export interface Scenario {
  /** The file it was read from (for messages). */
  readonly file: string;
  /** Seconds simulated. */
  readonly durationSeconds: number;
  /** Number of replicas (pods), simulated independently. */
  readonly replicas: number;
  /** Seed of the PRNG that places every probe ticker's phase. */
  readonly seed: number;
  /** Seconds from container start until the app serves users. */
  readonly startupSeconds: number;
  /** Seconds from SIGTERM to the process exiting; undefined: it ignores SIGTERM and is SIGKILLed. */
  readonly sigtermExitSeconds?: number;
  /** Per-handler behaviour when healthy, keyed by {@link Handler} value. */
  readonly handlers: Readonly<Record<Handler, HandlerBehaviour>>;
  /** Dependencies, sorted by name. */
  readonly dependencies: readonly Dependency[];
  /** Faults, in file order. */
  readonly faults: readonly Fault[];
}

/** The three probes (the library's one ProbeKind). */
export { ProbeKind };

/** What one probe attempt returned. */
export enum ProbeOutcome {
  /** The handler answered a success within the timeout. */
  SUCCESS = 'success',
  /** The handler answered a failure (or the connection was refused). */
  FAILURE = 'failure',
  /** No answer within timeoutSeconds (a failure). */
  TIMEOUT = 'timeout',
}

/** What an event records. */
export enum SimEventType {
  /** A container started (the first, or a restart). */
  CONTAINER_STARTED = 'container-started',
  /** A probe attempt finished. */
  PROBE = 'probe',
  /** The startup probe reached its success threshold: liveness and readiness may run. */
  STARTED = 'started',
  /** The pod became Ready (receives traffic). */
  READY = 'ready',
  /** The pod became NotReady. */
  NOT_READY = 'not-ready',
  /** The kubelet kills the container (failed liveness or startup, or pod deletion). */
  KILLING = 'killing',
  /** The container's process ended. */
  CONTAINER_EXITED = 'container-exited',
  /**
   * A pod sync found the container in CrashLoopBackOff: the restart waits (one event per wait; the
   * kubelet retries the sync every 10–15 s until the back-off has passed).
   */
  BACK_OFF = 'back-off',
  /** The pod is being deleted. */
  DELETING = 'deleting',
}

/** One thing that happened to one replica. */
export interface SimEvent {
  /** Seconds since the scenario start (millisecond precision). */
  readonly time: number;
  /** The replica, 0-based. */
  readonly replica: number;
  /** The container instance, 1-based (1 = the first start; n = after n − 1 restarts). */
  readonly container: number;
  /** What happened. */
  readonly type: SimEventType;
  /** The probe, for probe, started, killing events. */
  readonly probe?: ProbeKind;
  /** The attempt's outcome, for probe events. */
  readonly outcome?: ProbeOutcome;
  /** Words for people, e.g. `3rd consecutive failure: killing`. */
  readonly detail: string;
}

/** Figures for one replica over the scenario. */
export interface ReplicaSummary {
  /** The replica, 0-based. */
  readonly replica: number;
  /** Container restarts (starts after the first). */
  readonly restarts: number;
  /** Kills for a failed liveness probe. */
  readonly livenessKills: number;
  /** Kills for a failed startup probe. */
  readonly startupKills: number;
  /** Process exits not caused by the kubelet. */
  readonly exits: number;
  /** Seconds the pod was Ready. */
  readonly secondsReady: number;
  /** Seconds the pod existed and was not Ready. */
  readonly secondsNotReady: number;
  /** Seconds the pod received traffic (Ready, not terminating) while the app could not serve it. */
  readonly secondsTrafficWhileBroken: number;
  /** Seconds from scenario start to the first Ready; undefined when never Ready. */
  readonly firstReadySeconds?: number;
  /** The longest a restart waited from the exit because of CrashLoopBackOff, in seconds (0 when none waited). */
  readonly maxBackOffSeconds: number;
}

/** Totals over all replicas. */
export interface TotalSummary {
  /** Σ restarts. */
  readonly restarts: number;
  /** Σ liveness kills. */
  readonly livenessKills: number;
  /** Σ startup kills. */
  readonly startupKills: number;
  /** Σ process exits. */
  readonly exits: number;
  /** Σ seconds Ready. */
  readonly secondsReady: number;
  /** Σ seconds NotReady. */
  readonly secondsNotReady: number;
  /** Σ seconds receiving traffic while broken. */
  readonly secondsTrafficWhileBroken: number;
  /** Replicas that were never Ready. */
  readonly replicasNeverReady: number;
}

/** The summary of a simulation. */
export interface SimulationSummary {
  /** Seconds simulated. */
  readonly durationSeconds: number;
  /** The seed used. */
  readonly seed: number;
  /** One entry per replica, in replica order. */
  readonly replicas: readonly ReplicaSummary[];
  /** Totals. */
  readonly total: TotalSummary;
}

/** What {@link simulate} returns: every event, sorted by time then replica, and the summary. */
export interface SimulationResult {
  /** Every event of every replica, sorted by time, then replica, then order of occurrence. */
  readonly events: readonly SimEvent[];
  /** Per-replica figures and totals. */
  readonly summary: SimulationSummary;
}
