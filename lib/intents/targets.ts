/**
 * Pipeline step 2: the workload-level declarations that are not intents (hang detection, handler
 * latency, replicas, shutdown, rollout deadline, container name, what the image has), each checked
 * and defaulted.
 */
import { DEFAULT_DRAIN_SECONDS, DEFAULT_HANDLER_LATENCY_SECONDS, FAST_RECOVERY_HANDLER_LATENCY_SECONDS } from '../timing';
import { FieldChecks, given } from './checks';

/** Workload-level declarations that are not intents. */
export interface WorkloadTargets {
  /** Worst acceptable time to notice a hung process. */
  readonly hangDetectionSeconds?: number;
  /** The health handler's worst latency. */
  readonly handlerLatencySeconds?: number;
  /** Pod replicas. */
  readonly replicas?: number;
  /** preStop delay + grace period so a terminating pod leaves the endpoints before it stops serving. */
  readonly gracefulShutdown?: boolean;
  /** Seconds to finish in-flight work after the preStop delay. */
  readonly drainSeconds?: number;
  /** A rollout deadline pinned by the user. */
  readonly progressDeadlineSeconds?: number;
  /** The app container's name. */
  readonly containerName?: string;
  /** Whether the image has a POSIX shell and sh, date, stat, sleep (false: distroless, scratch). */
  readonly imageHasShell?: boolean;
  /** Whether the container's root filesystem is read-only (cdk8s-plus-27's default: true). */
  readonly readOnlyRootFilesystem?: boolean;
}

/** The targets, checked, with defaults filled in. */
export interface ResolvedTargets {
  readonly hangDetectionSeconds?: number;
  readonly handlerLatencySeconds: number;
  readonly handlerLatencyDeclared: boolean;
  readonly replicas: number;
  readonly gracefulShutdown: boolean;
  readonly drainSeconds: number;
  readonly drainDeclared: boolean;
  readonly progressDeadlineSeconds?: number;
  readonly containerName: string;
  readonly imageHasShell: boolean;
  readonly readOnlyRootFilesystem: boolean;
}

/** Replicas when none are given (cdk8s-plus-27's default). */
export const DEFAULT_REPLICAS = 2;
/** The app container's name when none is given. */
export const DEFAULT_CONTAINER_NAME = 'app';

/** Reads the targets; undefined when one does not hold (every problem recorded on `c`). */
export function readTargets(t: WorkloadTargets, fastRecovery: boolean, c: FieldChecks): ResolvedTargets | undefined {
  const latency = given(t.handlerLatencySeconds, fastRecovery ? FAST_RECOVERY_HANDLER_LATENCY_SECONDS : DEFAULT_HANDLER_LATENCY_SECONDS);
  const replicas = given(t.replicas, DEFAULT_REPLICAS);
  const drain = given(t.drainSeconds, DEFAULT_DRAIN_SECONDS);
  const graceful = given(t.gracefulShutdown, true);
  const containerName = given(t.containerName, DEFAULT_CONTAINER_NAME);
  const shell = given(t.imageHasShell, true);
  const readOnly = given(t.readOnlyRootFilesystem, true);
  const ok = [
    c.positiveNumber('handlerLatencySeconds', latency),
    t.hangDetectionSeconds === undefined || c.wholeNumber('hangDetectionSeconds', t.hangDetectionSeconds, 1),
    c.wholeNumber('replicas', replicas, 1, 'pods'),
    c.wholeNumber('drainSeconds', drain, 0),
    t.progressDeadlineSeconds === undefined || c.wholeNumber('progressDeadlineSeconds', t.progressDeadlineSeconds, 1),
    c.flag('gracefulShutdown', graceful),
    c.flag('imageHasShell', shell),
    c.flag('securityContext.readOnlyRootFilesystem', readOnly),
    c.dnsLabel('containerName', containerName),
  ].every(Boolean);
  if (!ok) return undefined;
  return {
    hangDetectionSeconds: t.hangDetectionSeconds,
    handlerLatencySeconds: latency as number,
    handlerLatencyDeclared: t.handlerLatencySeconds !== undefined,
    replicas: replicas as number,
    gracefulShutdown: graceful as boolean,
    drainSeconds: drain as number,
    drainDeclared: t.drainSeconds !== undefined,
    progressDeadlineSeconds: t.progressDeadlineSeconds,
    containerName: containerName as string,
    imageHasShell: shell as boolean,
    readOnlyRootFilesystem: readOnly as boolean,
  };
}
