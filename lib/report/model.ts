/**
 * The timing report of `cdk8s-probes explain`: per workload and container, what the kubelet will
 * do with the probes as written. Every number comes from lib/timing; this module only chooses which
 * formula answers which question and records where each input came from.
 */
import { DeclaredIntent, readDeclaredIntents } from '../k8s/annotations';
import { ContainerJson, PROBE_ROLES, ProbeRole } from '../k8s/types';
import { Workload, WorkloadContainer } from '../manifest';
import {
  failureDetection,
  FailureMode,
  hangToFreshContainer,
  MAX_RESTART_BACKOFF_SECONDS,
  probeLoad,
  recovery,
  startupAllowance,
  startupAllowanceListening,
  heartbeatDetection,
  SHORT_PERIOD_SLACK_SECONDS,
  shortPeriodSlackSeconds,
  TimeWindow,
  timeToReady,
} from '../timing';
import { FieldWarning, podGraceSeconds, ResolvedProbe, resolveProbe } from './probes';
import { ReadyGateReport, readyGate, StatefulRolloutReport, statefulRollout } from './pod';

/**
 * How a probe sees a hung process: `attempt-timeout` (httpGet, gRPC, exec: every attempt waits T),
 * `heartbeat` (an exec file-age check: it fails once the heartbeat is older than its maximum age),
 * `none` (tcpSocket: the kernel completes the handshake from the listen backlog while the app is
 * stuck, so the probe keeps passing).
 */
export type HangCheck = 'attempt-timeout' | 'heartbeat' | 'none';

/** Hang detection of one probe for both ways a handler can fail. */
export interface DetectionReport {
  /**
   * A hung process: every attempt waits the full timeoutSeconds; for a heartbeat probe, counted from
   * the last heartbeat. Null when the probe cannot see a hang (tcpSocket).
   */
  readonly hung: TimeWindow | null;
  /** How the probe sees a hang. */
  readonly hangCheck: HangCheck;
  /** A heartbeat probe's maximum heartbeat age (read from its command); null otherwise. */
  readonly heartbeatMaxAgeSeconds: number | null;
  /** A dead process: connection refused, the attempt fails at once (T → 0). */
  readonly dead: TimeWindow;
}

/** Which probe guards startup. */
export type StartupGuard = 'startup' | 'liveness' | 'none';

/** How long the container may take to start before a probe kills it. */
export interface StartupAllowanceReport {
  /** The probe that guards startup: the startup probe, else liveness, else none (unlimited). */
  readonly guardedBy: StartupGuard;
  /** D + (F−1)·P of the guarding probe; null when nothing guards startup. */
  readonly guaranteedSeconds: number | null;
  /** D + F·P (exclusive bound); null when nothing guards startup. */
  readonly maximumSeconds: number | null;
  /**
   * Guaranteed allowance when the port accepts connections before the app answers (attempts time
   * out, and one sent within T of the first answer succeeds): D + (F−1)·max(P,T) + T, for an httpGet
   * or gRPC guard. Null otherwise: no guard, tcpSocket (it passes as soon as the port accepts), exec.
   */
  readonly listeningGuaranteedSeconds: number | null;
}

/** Where the app-ready time used for time-to-Ready came from. */
export type AppReadySource = 'declared' | 'assumed';

/** Time from container start to the pod condition Ready. */
export interface TimeToReadyReport extends TimeWindow {
  /** Seconds after container start when the app answers its probes, used as input. */
  readonly appReadySeconds: number;
  /** `declared`: the probes.cdk8s.io/worst-startup-seconds annotation; `assumed`: none, so 0. */
  readonly appReadySource: AppReadySource;
}

/** Readiness after a dependency the readiness handler checks goes down and comes back. */
export interface DependencyOutageReport {
  /** From the outage to NotReady: the handler answers at once with a failure (e.g. HTTP 503). */
  readonly lossFailingFast: TimeWindow;
  /** From the outage to NotReady: the handler hangs on the dependency (each attempt takes T). */
  readonly lossHanging: TimeWindow;
  /** From the dependency coming back to Ready again. */
  readonly recovery: TimeWindow;
}

/** From a hang to a fresh container serving again (the first restart: no back-off). */
export interface HangToFreshReport extends TimeWindow {
  /** The grace period the kill uses (probe-level, else the pod's). */
  readonly graceSeconds: number;
  /** Whether a preStop hook runs inside the grace period (+2 s one-off extension at worst). */
  readonly preStop: boolean;
  /** Back-off before this restart: 0 (the first two restarts after liveness kills never wait). */
  readonly backoffSeconds: number;
  /** The back-off ceiling a crash loop reaches (a later restart waits up to this, + 10–15 s sync retry). */
  readonly maxBackoffSeconds: number;
}

/** Probe requests per second. */
export interface ProbeLoadReport {
  /** Against one container. */
  readonly perContainer: number;
  /** Against the whole workload (× replicas). */
  readonly perWorkload: number;
}

/** Everything `explain` says about one container. */
export interface ContainerReport {
  /** The container's name (`<unnamed>` when missing). */
  readonly name: string;
  /** Its index in the workload's `containers` list (lib/manifest's Workload), to find the JSON again. */
  readonly sourceIndex: number;
  /** `container`, `init` (probes forbidden) or `sidecar` (native sidecar: init container with restartPolicy Always). */
  readonly role: 'container' | 'init' | 'sidecar';
  /** The probes it has, resolved. */
  readonly probes: { readonly startup?: ResolvedProbe; readonly liveness?: ResolvedProbe; readonly readiness?: ResolvedProbe };
  /** The startup allowance. */
  readonly startupAllowance: StartupAllowanceReport;
  /** Liveness detection of a hung / dead process; null without a liveness probe (never restarted on a hang). */
  readonly livenessDetection: DetectionReport | null;
  /** Readiness detection (time to NotReady) of a hung / dead process; null without a readiness probe. */
  readonly readinessDetection: DetectionReport | null;
  /** Time to first Ready. */
  readonly timeToReady: TimeToReadyReport;
  /** Readiness loss and recovery after a dependency outage; null without a readiness probe. */
  readonly dependencyOutage: DependencyOutageReport | null;
  /** Hang to a fresh container; null without a liveness probe. */
  readonly hangToFreshContainer: HangToFreshReport | null;
  /** Probe load (liveness + readiness; startup probes stop after startup). */
  readonly probeLoad: ProbeLoadReport;
  /** Plain-language consequences worth knowing (no probes, probes on an init container, …). */
  readonly notes: string[];
  /** Fields that could not be used as written. */
  readonly warnings: FieldWarning[];
}

/** Everything `explain` says about one workload. */
export interface WorkloadReport {
  /** The object's kind. */
  readonly kind: string;
  /** metadata.name. */
  readonly name: string;
  /** metadata.namespace, when written. */
  readonly namespace?: string;
  /** The file it came from. */
  readonly file: string;
  /** The 0-based YAML document index in the file. */
  readonly documentIndex: number;
  /** Replicas (1 for Pods, Jobs, DaemonSets: per node). */
  readonly replicas: number;
  /** The pod's terminationGracePeriodSeconds as used. */
  readonly podGraceSeconds: number;
  /** The declared intent names from our annotations (empty when none). */
  readonly intents: string[];
  /** Every container that can carry probes: containers, then init containers. */
  readonly containers: ContainerReport[];
  /** Probe requests per second against the whole workload, all containers. */
  readonly probeLoadPerWorkload: number;
  /** Pod-level fields that could not be used as written. */
  readonly warnings: FieldWarning[];
  /** Which containers gate the pod's Ready condition; absent when fewer than two do. */
  readonly readyGate?: ReadyGateReport;
  /** A StatefulSet's rollout budget from its probes; absent for other kinds or when nothing bounds a start. */
  readonly statefulRollout?: StatefulRolloutReport;
}

function formatSpan(w: TimeWindow): string {
  const n = (x: number): string => String(Number(x.toFixed(3)));
  return w.best === w.worst ? `${n(w.best)} s` : `${n(w.best)}–${n(w.worst)} s`;
}

function containerName(c: ContainerJson): string {
  return typeof c.name === 'string' && c.name !== '' ? c.name : '<unnamed>';
}

function detection(p: ResolvedProbe): DetectionReport {
  const t = p.timing;
  const dead = failureDetection(t, FailureMode.INSTANT);
  if (p.handler.type === 'tcpSocket') return { hung: null, hangCheck: 'none', heartbeatMaxAgeSeconds: null, dead };
  if (p.heartbeatMaxAgeSeconds !== undefined) {
    return { hung: heartbeatDetection(t, p.heartbeatMaxAgeSeconds), hangCheck: 'heartbeat', heartbeatMaxAgeSeconds: p.heartbeatMaxAgeSeconds, dead };
  }
  return { hung: failureDetection(t, FailureMode.HANG), hangCheck: 'attempt-timeout', heartbeatMaxAgeSeconds: null, dead };
}

function hasPreStop(c: ContainerJson): boolean {
  const lifecycle = (c as Record<string, unknown>).lifecycle;
  return lifecycle !== null && typeof lifecycle === 'object' && (lifecycle as Record<string, unknown>).preStop != null;
}

const ROLE_KEY: Readonly<Record<ProbeRole, 'startup' | 'liveness' | 'readiness'>> = {
  startupProbe: 'startup',
  livenessProbe: 'liveness',
  readinessProbe: 'readiness',
};

/** Inputs to {@link explainContainer} that come from the pod rather than the container. */
export interface PodContext {
  /** Replicas of the workload. */
  readonly replicas: number;
  /** The pod's grace period, as used. */
  readonly podGraceSeconds: number;
  /** The declared worst startup for this container, when annotated. */
  readonly declaredWorstStartupSeconds?: number;
}

/** What the detection rows cannot say by themselves: hangs a probe cannot see, heartbeat ages, short periods. */
function detectionNotes(probes: ContainerReport['probes'], livenessDetection: DetectionReport | null, readinessDetection: DetectionReport | null): string[] {
  const out: string[] = [];
  if (livenessDetection?.hangCheck === 'none') {
    const d = livenessDetection.dead;
    out.push(`liveness is tcpSocket: it cannot see a hung process (the kernel completes the handshake from the listen backlog while the app is stuck), so a hang is never restarted; it catches a dead or unbound process only (restart decided ${formatSpan(d)} after it dies). Probe an endpoint the app itself answers (httpGet, gRPC or an exec heartbeat) to catch hangs`);
  }
  if (readinessDetection?.hangCheck === 'none') {
    out.push('readiness is tcpSocket: a hung process keeps passing it and stays in the Service endpoints; only a dead or unbound process goes NotReady');
  }
  if (livenessDetection?.hangCheck === 'heartbeat' && livenessDetection.hung) {
    out.push(`liveness is a heartbeat check: it fails only once the heartbeat file is ${livenessDetection.heartbeatMaxAgeSeconds} s old, so a hang is seen ${formatSpan(livenessDetection.hung)} after the last heartbeat`);
  }

  const short = [probes.startup, probes.liveness, probes.readiness].filter((p) => p !== undefined && shortPeriodSlackSeconds(p.timing) > 0);
  if (short.length > 0) {
    out.push(`periodSeconds ≤ 2 (${short.map((p) => ROLE_KEY[(p as ResolvedProbe).role]).join(', ')}): on a real node the worst cases above can be exceeded by up to ~${SHORT_PERIOD_SLACK_SECONDS} s (tick jitter and sync latency); the hang → fresh container window includes it`);
  }
  return out;
}

/** Explains one container of a workload; `sourceIndex` is its index in the workload's containers. */
export function explainContainer(wc: WorkloadContainer, pod: PodContext, sourceIndex = 0): ContainerReport {
  const c = wc.container;
  const warnings: FieldWarning[] = [];
  const probes: { startup?: ResolvedProbe; liveness?: ResolvedProbe; readiness?: ResolvedProbe } = {};
  for (const role of PROBE_ROLES) {
    const p = resolveProbe(c, role, warnings);
    if (p) probes[ROLE_KEY[role]] = p;
  }
  const notes: string[] = [];
  const role = wc.nativeSidecar ? 'sidecar' : wc.init ? 'init' : 'container';
  if (role === 'init' && (probes.startup || probes.liveness || probes.readiness)) {
    notes.push('init container with probes: the API server rejects probes on init containers unless restartPolicy is Always (native sidecar); the numbers below assume it were a sidecar');
  }

  const guard = probes.startup ?? probes.liveness;
  const allowance = guard ? startupAllowance(guard.timing) : undefined;
  const guardTcp = guard?.handler.type === 'tcpSocket';
  const startupReport: StartupAllowanceReport = {
    guardedBy: probes.startup ? 'startup' : probes.liveness ? 'liveness' : 'none',
    guaranteedSeconds: allowance ? allowance.guaranteedSeconds : null,
    maximumSeconds: allowance ? allowance.maximumSeconds : null,
    // an app that listens before it answers: only network probes that wait for an answer see it
    listeningGuaranteedSeconds: guard && (guard.handler.type === 'httpGet' || guard.handler.type === 'grpc')
      ? startupAllowanceListening(guard.timing).guaranteedSeconds : null,
  };
  if (guard && guardTcp) {
    notes.push(`the ${probes.startup ? 'startup' : 'liveness'} probe is tcpSocket: it passes as soon as the port accepts connections, even before the app can answer (seed 000: Flask's debug reloader listens at ~5 s and answers at ~10 s)`);
  }

  const appReadySeconds = pod.declaredWorstStartupSeconds ?? 0;
  const appReadySource: AppReadySource = pod.declaredWorstStartupSeconds !== undefined ? 'declared' : 'assumed';
  let ready: TimeWindow;
  if (!probes.startup && !probes.readiness) {
    // Neither probe gates Ready: the container is Ready as soon as it runs, whatever the app is doing.
    ready = timeToReady({ appReadySeconds });
    notes.push(appReadySeconds > 0
      ? `no readiness or startup probe: Ready as soon as the container runs, ${appReadySeconds} s before the app is ready (declared worst startup); traffic arrives early`
      : 'no readiness or startup probe: Ready as soon as the container runs, before the app may be able to serve');
  } else {
    ready = timeToReady({ readiness: probes.readiness?.timing, startup: probes.startup?.timing, appReadySeconds });
  }
  if (allowance && appReadySource === 'declared' && allowance.guaranteedSeconds < appReadySeconds) {
    notes.push(`the ${startupReport.guardedBy} probe guarantees only ${allowance.guaranteedSeconds} s of startup but the declared worst startup is ${appReadySeconds} s: a slow start can be killed and restarted in a loop`);
  }

  if (!probes.liveness) notes.push('no liveness probe: a hung process is never restarted (a process that exits is still restarted by the kubelet)');
  if (!probes.readiness) notes.push('no readiness probe: the pod stays in the Service endpoints while the app is hung or its dependencies are down');

  const grace = probes.liveness?.terminationGracePeriodSeconds ?? pod.podGraceSeconds;
  const preStop = hasPreStop(c);
  const livenessDetection = probes.liveness ? detection(probes.liveness) : null;
  const readinessDetection = probes.readiness ? detection(probes.readiness) : null;
  let fresh: HangToFreshReport | null = null;
  if (probes.liveness && livenessDetection && livenessDetection.hangCheck !== 'none') {
    // the fresh container is serving when it is Ready again: its best and worst time to Ready
    const heartbeat = livenessDetection.heartbeatMaxAgeSeconds;
    const base = {
      liveness: probes.liveness.timing, graceSeconds: grace, hasPreStop: preStop, previousRestarts: 0,
      mode: heartbeat === null ? FailureMode.HANG : FailureMode.INSTANT, failsAfterSeconds: heartbeat ?? 0,
    };
    const best = hangToFreshContainer({ ...base, startupSeconds: ready.best }).best;
    const worst = hangToFreshContainer({ ...base, startupSeconds: ready.worst }).worst;
    fresh = { best, worst, graceSeconds: grace, preStop, backoffSeconds: 0, maxBackoffSeconds: MAX_RESTART_BACKOFF_SECONDS };
  }
  notes.push(...detectionNotes(probes, livenessDetection, readinessDetection));

  const steady = [probes.liveness, probes.readiness].filter((p): p is ResolvedProbe => p !== undefined).map((p) => p.timing);
  const load = probeLoad(steady, pod.replicas);

  return {
    name: containerName(c),
    sourceIndex,
    role,
    probes,
    startupAllowance: startupReport,
    livenessDetection,
    readinessDetection,
    timeToReady: { best: ready.best, worst: ready.worst, appReadySeconds, appReadySource },
    dependencyOutage: probes.readiness
      ? {
        lossFailingFast: failureDetection(probes.readiness.timing, FailureMode.INSTANT),
        lossHanging: failureDetection(probes.readiness.timing, FailureMode.HANG),
        recovery: recovery(probes.readiness.timing),
      }
      : null,
    hangToFreshContainer: fresh,
    probeLoad: { perContainer: load.perContainer, perWorkload: load.perWorkload },
    notes,
    warnings,
  };
}

/**
 * Explains a workload: every container that can carry probes. Plain init containers without
 * probes are left out (they run to completion before the others start; probes do not apply).
 */
export function explainWorkload(w: Workload): WorkloadReport {
  const podWarnings: FieldWarning[] = [];
  const grace = podGraceSeconds(w.podSpec, podWarnings);
  const declaredAll = readDeclaredIntents(w.podMetadata.annotations);
  const declared: DeclaredIntent | undefined = declaredAll[0];
  const containers: ContainerReport[] = [];
  w.containers.forEach((wc, sourceIndex) => {
    const c = wc.container;
    const hasAnyProbe = PROBE_ROLES.some((r) => (c as Record<string, unknown>)[r] != null);
    if (wc.init && !wc.nativeSidecar && !hasAnyProbe) return;
    const name = containerName(c);
    // each container's own declaration: the plain keys (first container) or <container>.probes.cdk8s.io/*
    const own = wc.init ? undefined : declaredAll.find((d) => d.container === name) ?? (declared?.container === undefined ? declared : undefined);
    containers.push(explainContainer(wc, {
      replicas: w.replicas,
      podGraceSeconds: grace,
      declaredWorstStartupSeconds: own?.worstStartupSeconds,
    }, sourceIndex));
  });
  return {
    kind: w.kind,
    name: w.name,
    namespace: w.namespace,
    file: w.source.file,
    documentIndex: w.source.documentIndex,
    replicas: w.replicas,
    podGraceSeconds: grace,
    intents: declared ? [...declared.intents] : [],
    containers,
    probeLoadPerWorkload: containers.reduce((sum, c) => sum + c.probeLoad.perWorkload, 0),
    warnings: podWarnings,
    readyGate: readyGate(containers),
    statefulRollout: statefulRollout(w, containers, grace),
  };
}
