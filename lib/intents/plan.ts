/**
 * Intents -> a probe plan: ports, the three probes as plain Kubernetes JSON, the Service, graceful
 * shutdown, the rollout deadline and the annotations. Every number comes from lib/timing; every
 * check of the user's input lives here, so the constructs only render.
 */
import { ExecAction, ProbeJson } from '../k8s/types';
import { isValidPortName, isValidPortNumber, NODE_PORT_RANGE, PORT_NAME_RULE } from '../k8s/names';
import {
  checkInvariants,
  DEFAULT_DRAIN_SECONDS,
  DEFAULT_HANDLER_LATENCY_SECONDS,
  DEFAULT_POD_GRACE_SECONDS,
  DEFAULT_WORST_STARTUP_SECONDS,
  FAST_RECOVERY_FAILURE_THRESHOLD,
  FAST_RECOVERY_GRACE_SECONDS,
  FAST_RECOVERY_HANDLER_LATENCY_SECONDS,
  HandlerKind,
  minPeriodFor,
  ProbeTiming,
  minimumProgressDeadline,
  progressDeadlineFor,
  shutdownPlan,
  SizedProbes,
  sizeProbes,
  SizingError,
  sizeStartup,
  startupAllowance,
  timeoutFor,
} from '../timing';
import { IntentName, writeDeclaredIntent } from './annotations';
import {
  CommandProbeOptions,
  DependenciesOptions,
  FastRecoveryOptions,
  GrpcServiceOptions,
  HttpServiceOptions,
  Intent,
  ProbeKind,
  ServiceExposure,
  ServiceOptions,
  SlowStartOptions,
  TcpServiceOptions,
  WorkerOptions,
} from './intent';

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
}

/** One problem with the declared input. */
export interface PlanIssue {
  /** The field, e.g. `intents[0] (http-service).port` or `replicas`. */
  readonly field: string;
  /** What was given and what is allowed. */
  readonly message: string;
}

/** A container port of the plan. */
export interface PlannedPort {
  /** Port name. */
  readonly name: string;
  /** Port number. */
  readonly number: number;
}

/** A Service port of the plan. */
export interface PlannedServicePort {
  /** Port name (the container port's). */
  readonly name: string;
  /** The port the Service listens on. */
  readonly port: number;
  /** The container port it forwards to. */
  readonly targetPort: number;
  /** A fixed node port. */
  readonly nodePort?: number;
}

/** The Service of the plan. */
export interface PlannedService {
  /** How it is exposed. */
  readonly exposure: ServiceExposure;
  /** Its ports: the serving port only, never the management port. */
  readonly ports: PlannedServicePort[];
}

/** Everything the constructs render. */
export interface WorkloadPlan {
  /** Intent names in a fixed order. */
  readonly intents: string[];
  /** The app container's name. */
  readonly containerName: string;
  /** Container ports, serving port first. */
  readonly ports: PlannedPort[];
  /** The startup probe, as Kubernetes JSON. */
  readonly startupProbe: ProbeJson;
  /** The liveness probe, as Kubernetes JSON. */
  readonly livenessProbe: ProbeJson;
  /** The readiness probe, as Kubernetes JSON. */
  readonly readinessProbe: ProbeJson;
  /** The timings behind the three probes. */
  readonly timings: SizedProbes;
  /** The worst startup the startup probe was sized for. */
  readonly worstStartupSeconds: number;
  /** The Service, for workloads that serve traffic. */
  readonly service?: PlannedService;
  /** preStop `sleep` seconds, when graceful shutdown is on and the workload serves traffic. */
  readonly preStopSleepSeconds?: number;
  /** The pod's terminationGracePeriodSeconds. */
  readonly terminationGracePeriodSeconds: number;
  /** The Deployment's progressDeadlineSeconds. */
  readonly progressDeadlineSeconds: number;
  /** Pod replicas. */
  readonly replicas: number;
  /** Pod-template annotations recording the declared intent. */
  readonly annotations: Record<string, string>;
}

/** The result of planning: a plan when the input holds, and every issue found. */
export interface PlanResult {
  /** The plan; undefined when there are issues. */
  readonly plan?: WorkloadPlan;
  /** Every problem with the input; empty when the plan is good. */
  readonly issues: PlanIssue[];
}

const PRIMARY_INTENTS: readonly string[] = [IntentName.HTTP_SERVICE, IntentName.TCP_SERVICE, IntentName.GRPC_SERVICE, IntentName.WORKER];
const INTENT_ORDER: readonly string[] = [
  IntentName.HTTP_SERVICE, IntentName.TCP_SERVICE, IntentName.GRPC_SERVICE, IntentName.WORKER,
  IntentName.SLOW_START, IntentName.CRITICAL_DEPENDENCY, IntentName.EXEC, IntentName.FAST_RECOVERY,
];
const DEFAULT_REPLICAS = 2;
const DEFAULT_HEARTBEAT_FILE = '/tmp/heartbeat';
const DEFAULT_MAX_HEARTBEAT_AGE_SECONDS = 60;

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}

/** Collects issues with a field prefix. */
class Checks {
  public readonly issues: PlanIssue[] = [];

  public add(field: string, message: string): void {
    this.issues.push({ field, message });
  }

  /** A whole number ≥ min (seconds, thresholds, counts). Returns whether it holds. */
  public wholeNumber(field: string, value: unknown, min: number, what = 'seconds'): value is number {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min) return true;
    this.add(field, `got ${show(value)}; allowed: a whole number of ${what} ≥ ${min}`);
    return false;
  }

  /** A finite number > 0 (latency may be fractional). */
  public positiveNumber(field: string, value: unknown): value is number {
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return true;
    this.add(field, `got ${show(value)}; allowed: a number of seconds > 0`);
    return false;
  }

  public port(field: string, value: unknown, extra = ''): value is number {
    if (isValidPortNumber(value)) return true;
    this.add(field, `got ${show(value)}; allowed: a port number from 1 to 65535${extra}`);
    return false;
  }

  public portName(field: string, value: unknown): value is string {
    if (typeof value === 'string' && isValidPortName(value)) return true;
    this.add(field, `got ${show(value)}; allowed: a port name of ${PORT_NAME_RULE}`);
    return false;
  }

  public path(field: string, value: unknown): value is string {
    if (typeof value === 'string' && value.startsWith('/') && !/\s/.test(value)) return true;
    this.add(field, `got ${show(value)}; allowed: an HTTP path starting with "/" and without spaces`);
    return false;
  }

  public command(field: string, value: unknown): value is string[] {
    if (Array.isArray(value) && value.length > 0 && value.every((s) => typeof s === 'string') && value[0].length > 0) return true;
    this.add(field, `got ${show(value)}; allowed: a non-empty list of strings, the program first`);
    return false;
  }

  public names(field: string, value: unknown): value is string[] {
    if (Array.isArray(value) && value.every((s) => typeof s === 'string' && /^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/.test(s))) {
      const dup = value.find((s, i) => value.indexOf(s) !== i);
      if (dup === undefined) return true;
      this.add(field, `names ${show(dup)} twice; allowed: each dependency once`);
      return false;
    }
    this.add(field, `got ${show(value)}; allowed: a list of lowercase names (letters, digits, ".", "_", "-"), e.g. ["postgres"]`);
    return false;
  }
}

interface Handlers {
  startup: ProbeJson;
  liveness: ProbeJson;
  readiness: ProbeJson;
}

interface Kinds {
  startup: HandlerKind;
  liveness: HandlerKind;
  readiness: HandlerKind;
}

function withTiming(handler: ProbeJson, t: ProbeTiming, graceSeconds?: number): ProbeJson {
  // initialDelaySeconds is left out: 0 is the default and the startup probe gates the rest
  const out: Record<string, unknown> = { ...handler };
  out.periodSeconds = t.periodSeconds;
  out.timeoutSeconds = t.timeoutSeconds;
  out.failureThreshold = t.failureThreshold;
  out.successThreshold = t.successThreshold;
  if (graceSeconds !== undefined) out.terminationGracePeriodSeconds = graceSeconds;
  return out as ProbeJson;
}

function heartbeatCommand(file: string, maxAgeSeconds: number): ExecAction {
  // fails when the file is missing or older than maxAgeSeconds; needs sh, date and stat (busybox has them)
  return { command: ['sh', '-c', `test $(( $(date +%s) - $(stat -c %Y ${file}) )) -lt ${maxAgeSeconds}`] };
}

function mentions(text: string, dependency: string): boolean {
  return new RegExp(`(^|[^a-z0-9])${dependency.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^a-z0-9]|$)`, 'i').test(text);
}

/**
 * Plans a workload from its intents and targets. Never throws on bad input: every problem comes
 * back as an issue naming the field, the value given and what is allowed.
 */
export function planWorkload(intents: readonly Intent[], targets: WorkloadTargets = {}): PlanResult {
  const c = new Checks();
  if (!Array.isArray(intents) || intents.length === 0 || !intents.every((i) => i instanceof Intent)) {
    c.add('intents', `got ${Array.isArray(intents) ? `${intents.length} entries` : show(intents)}; allowed: a non-empty list made with Intent.httpService(), Intent.worker(), …`);
    return { issues: c.issues };
  }
  const label = (i: number) => `intents[${i}] (${intents[i].name})`;
  const seen = new Map<string, number>();
  intents.forEach((intent, i) => {
    if (intent.name !== IntentName.EXEC && seen.has(intent.name)) {
      c.add(label(i), `${intent.name} is given twice (also intents[${seen.get(intent.name)}]); allowed: each intent once`);
    }
    if (!seen.has(intent.name)) seen.set(intent.name, i);
  });
  const primaries = intents.map((intent, i) => ({ intent, i })).filter(({ intent }) => PRIMARY_INTENTS.includes(intent.name));
  if (primaries.length === 0) {
    c.add('intents', `none of ${PRIMARY_INTENTS.join(', ')} given; allowed: exactly one of them, saying what the workload serves`);
    return { issues: c.issues };
  }
  if (primaries.length > 1) {
    c.add(label(primaries[1].i), `${primaries[1].intent.name} conflicts with ${label(primaries[0].i)}: a workload is exactly one of ${PRIMARY_INTENTS.join(', ')}`);
    return { issues: c.issues };
  }
  const primary = primaries[0];
  const P = label(primary.i);
  const find = <T>(name: IntentName): { options: T; field: string } | undefined => {
    const i = intents.findIndex((x) => x.name === name);
    return i < 0 ? undefined : { options: intents[i]._options as T, field: label(i) };
  };

  // --- workload targets
  const fastDeclared = intents.some((x) => x.name === IntentName.FAST_RECOVERY);
  const latency = targets.handlerLatencySeconds ?? (fastDeclared ? FAST_RECOVERY_HANDLER_LATENCY_SECONDS : DEFAULT_HANDLER_LATENCY_SECONDS);
  const latencyOk = c.positiveNumber('handlerLatencySeconds', latency);
  if (targets.hangDetectionSeconds !== undefined) c.wholeNumber('hangDetectionSeconds', targets.hangDetectionSeconds, 1);
  const replicas = targets.replicas ?? DEFAULT_REPLICAS;
  c.wholeNumber('replicas', replicas, 1, 'pods');
  const drainSeconds = targets.drainSeconds ?? DEFAULT_DRAIN_SECONDS;
  c.wholeNumber('drainSeconds', drainSeconds, 0);
  if (targets.progressDeadlineSeconds !== undefined) c.wholeNumber('progressDeadlineSeconds', targets.progressDeadlineSeconds, 1);
  const containerName = targets.containerName ?? 'app';
  if (typeof containerName !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(containerName) || containerName.length > 63) {
    c.add('containerName', `got ${show(containerName)}; allowed: a DNS label (lowercase letters, digits and "-", at most 63 characters)`);
  }

  // --- the primary intent: ports, handlers, Service
  const ports: PlannedPort[] = [];
  let handlers: Handlers | undefined;
  let kinds: Kinds = { startup: HandlerKind.NETWORK, liveness: HandlerKind.NETWORK, readiness: HandlerKind.NETWORK };
  let service: PlannedService | undefined;
  let servingPort: PlannedPort | undefined;
  let serviceOptions: ServiceOptions | undefined;
  const opts = primary.intent._options;
  let livenessEndpoint = '';
  switch (primary.intent.name) {
    case IntentName.HTTP_SERVICE: {
      const o = opts as HttpServiceOptions;
      const portName = o.portName ?? 'http';
      const livenessPath = o.livenessPath ?? '/livez';
      const readinessPath = o.readinessPath ?? '/readyz';
      const okPort = c.port(`${P}.port`, o.port);
      const okName = c.portName(`${P}.portName`, portName);
      const okPaths = c.path(`${P}.livenessPath`, livenessPath) && c.path(`${P}.readinessPath`, readinessPath);
      let healthPortName = portName;
      if (o.managementPort !== undefined || o.managementPortName !== undefined) {
        const mgmtName = o.managementPortName ?? 'management';
        const okM = c.port(`${P}.managementPort`, o.managementPort) && c.portName(`${P}.managementPortName`, mgmtName);
        if (okM && okPort && o.managementPort === o.port) c.add(`${P}.managementPort`, `got ${o.managementPort}, the serving port; allowed: a different port, or leave managementPort out to serve health on the serving port`);
        if (okM && okName && mgmtName === portName) c.add(`${P}.managementPortName`, `got ${show(mgmtName)}, the serving port's name; allowed: a different name`);
        if (okM) {
          ports.push({ name: mgmtName, number: o.managementPort as number });
          healthPortName = mgmtName;
        }
      }
      if (okPaths && livenessPath === readinessPath) {
        c.add(`${P}.readinessPath`, `got ${show(readinessPath)}, the same endpoint as livenessPath; allowed: a separate endpoint (liveness checks the process, readiness what serving needs — seeds 000, 001, 004)`);
      }
      if (okPort && okName) {
        servingPort = { name: portName, number: o.port };
        ports.unshift(servingPort);
      }
      const scheme = o.https ? 'HTTPS' : undefined;
      const http = (path: string) => ({ httpGet: { path, port: healthPortName, ...(scheme ? { scheme } : {}) } });
      handlers = { startup: http(livenessPath), liveness: http(livenessPath), readiness: http(readinessPath) };
      livenessEndpoint = livenessPath;
      serviceOptions = o;
      break;
    }
    case IntentName.TCP_SERVICE: {
      const o = opts as TcpServiceOptions;
      const portName = o.portName ?? 'tcp';
      if (c.port(`${P}.port`, o.port) && c.portName(`${P}.portName`, portName)) {
        servingPort = { name: portName, number: o.port };
        ports.push(servingPort);
      }
      const tcp = { tcpSocket: { port: portName } };
      handlers = { startup: tcp, liveness: tcp, readiness: tcp };
      serviceOptions = o;
      break;
    }
    case IntentName.GRPC_SERVICE: {
      const o = opts as GrpcServiceOptions;
      const portName = o.portName ?? 'grpc';
      const livenessService = o.livenessService ?? 'liveness';
      const readinessService = o.readinessService ?? 'readiness';
      const okPort = c.port(`${P}.port`, o.port, ' (gRPC probes take a number: the kubelet does not resolve named ports for gRPC)');
      if (okPort && c.portName(`${P}.portName`, portName)) {
        servingPort = { name: portName, number: o.port };
        ports.push(servingPort);
      }
      for (const [f, v] of [['livenessService', livenessService], ['readinessService', readinessService]] as const) {
        if (typeof v !== 'string' || v.length === 0) c.add(`${P}.${f}`, `got ${show(v)}; allowed: a non-empty grpc.health.v1 service name`);
      }
      if (livenessService === readinessService) {
        c.add(`${P}.readinessService`, `got ${show(readinessService)}, the same health service as livenessService; allowed: a distinct name (the Kubernetes docs suggest "liveness" and "readiness")`);
      }
      const grpc = (svc: string) => ({ grpc: { port: o.port, service: svc } });
      handlers = { startup: grpc(livenessService), liveness: grpc(livenessService), readiness: grpc(readinessService) };
      livenessEndpoint = livenessService;
      serviceOptions = o;
      break;
    }
    default: {
      const o = opts as WorkerOptions;
      const file = o.heartbeatFile ?? DEFAULT_HEARTBEAT_FILE;
      const maxAge = o.maxHeartbeatAgeSeconds ?? DEFAULT_MAX_HEARTBEAT_AGE_SECONDS;
      const okFile = typeof file === 'string' && /^\/[A-Za-z0-9._\/-]+$/.test(file);
      if (!okFile) c.add(`${P}.heartbeatFile`, `got ${show(file)}; allowed: an absolute path of letters, digits, ".", "_", "-" and "/"`);
      c.wholeNumber(`${P}.maxHeartbeatAgeSeconds`, maxAge, 1);
      const exec = { exec: heartbeatCommand(file, maxAge) };
      handlers = { startup: exec, liveness: exec, readiness: exec };
      kinds = { startup: HandlerKind.EXEC, liveness: HandlerKind.EXEC, readiness: HandlerKind.EXEC };
      livenessEndpoint = file;
    }
  }

  // --- a Service for workloads that serve traffic
  if (serviceOptions && servingPort) {
    const exposure = serviceOptions.exposure ?? ServiceExposure.CLUSTER_IP;
    const servicePort = serviceOptions.servicePort ?? servingPort.number;
    c.port(`${P}.servicePort`, servicePort);
    if (!Object.values(ServiceExposure).includes(exposure)) c.add(`${P}.exposure`, `got ${show(exposure)}; allowed: ${Object.values(ServiceExposure).join(' or ')}`);
    const nodePort = serviceOptions.nodePort;
    if (nodePort !== undefined) {
      if (exposure !== ServiceExposure.NODE_PORT) c.add(`${P}.nodePort`, `got ${show(nodePort)} with exposure ${exposure}; allowed: only with ServiceExposure.NODE_PORT`);
      else if (typeof nodePort !== 'number' || !Number.isInteger(nodePort) || nodePort < NODE_PORT_RANGE.min || nodePort > NODE_PORT_RANGE.max) {
        c.add(`${P}.nodePort`, `got ${show(nodePort)}; allowed: a whole number from ${NODE_PORT_RANGE.min} to ${NODE_PORT_RANGE.max} (the default node port range)`);
      }
    }
    service = { exposure, ports: [{ name: servingPort.name, port: servicePort, targetPort: servingPort.number, ...(nodePort !== undefined ? { nodePort } : {}) }] };
  }

  // --- modifiers
  const slow = find<SlowStartOptions>(IntentName.SLOW_START);
  const worstStartupSeconds = slow ? slow.options.worstStartupSeconds : DEFAULT_WORST_STARTUP_SECONDS;
  const startupOk = !slow || c.wholeNumber(`${slow.field}.worstStartupSeconds`, worstStartupSeconds, 1);

  const deps = find<DependenciesOptions>(IntentName.CRITICAL_DEPENDENCY);
  const critical = deps ? deps.options.critical : [];
  const optional = deps ? deps.options.optional ?? [] : [];
  if (deps) {
    const okC = c.names(`${deps.field}.critical`, critical);
    const okO = c.names(`${deps.field}.optional`, optional);
    if (okC && critical.length === 0) c.add(`${deps.field}.critical`, 'got []; allowed: at least one critical dependency (use optional for the rest)');
    if (okC && okO) {
      const both = critical.find((d) => optional.includes(d));
      if (both) c.add(`${deps.field}.optional`, `${show(both)} is both critical and optional; allowed: one or the other`);
    }
  }

  const fast = find<FastRecoveryOptions>(IntentName.FAST_RECOVERY);
  const restartGrace = fast ? fast.options.restartGraceSeconds ?? FAST_RECOVERY_GRACE_SECONDS : undefined;
  if (fast) {
    c.wholeNumber(`${fast.field}.restartGraceSeconds`, restartGrace, 1);
    if (targets.hangDetectionSeconds !== undefined) {
      c.add(`${fast.field}`, `fast-recovery fixes liveness at P = 1, F = 3; it cannot be combined with hangDetectionSeconds ${targets.hangDetectionSeconds} — drop one`);
    }
  }

  // --- custom command probes replace a role's handler
  const overrides: Partial<Record<ProbeKind, { options: CommandProbeOptions; field: string }>> = {};
  intents.forEach((intent, i) => {
    if (intent.name !== IntentName.EXEC) return;
    const o = intent._options as CommandProbeOptions;
    const f = label(i);
    if (!Object.values(ProbeKind).includes(o.probe)) {
      c.add(`${f}.probe`, `got ${show(o.probe)}; allowed: ProbeKind.STARTUP, ProbeKind.LIVENESS or ProbeKind.READINESS`);
      return;
    }
    if (overrides[o.probe]) c.add(`${f}.probe`, `${o.probe} already has a command (${overrides[o.probe]!.field}); allowed: one command per probe`);
    if (!c.command(`${f}.command`, o.command)) return;
    for (const key of ['periodSeconds', 'timeoutSeconds', 'failureThreshold'] as const) {
      if (o[key] !== undefined) c.wholeNumber(`${f}.${key}`, o[key], 1, key === 'failureThreshold' ? 'failures' : 'seconds');
    }
    overrides[o.probe] = { options: o, field: f };
  });
  if (handlers) {
    for (const kind of Object.values(ProbeKind)) {
      const o = overrides[kind];
      if (!o) continue;
      handlers[kind] = { exec: { command: [...o.options.command] } };
      kinds = { ...kinds, [kind]: HandlerKind.EXEC };
      if (kind === ProbeKind.LIVENESS) livenessEndpoint = o.options.command.join(' ');
    }
    if (overrides[ProbeKind.LIVENESS] && !overrides[ProbeKind.STARTUP] && primary.intent.name !== IntentName.WORKER) {
      // the startup probe checks what liveness checks
      handlers.startup = handlers.liveness;
      kinds = { ...kinds, startup: kinds.liveness };
    }
  }

  // liveness must never check a dependency (seed 004): one outage would restart every pod
  for (const dep of [...critical, ...optional]) {
    if (livenessEndpoint && mentions(livenessEndpoint, dep)) {
      const kind = critical.includes(dep) ? 'critical' : 'optional';
      c.add(overrides[ProbeKind.LIVENESS]?.field ?? P, `liveness (${show(livenessEndpoint)}) checks the ${kind} dependency ${show(dep)}; allowed: liveness checks the process only — an outage of ${dep} must not restart every pod (seed 004); let readiness check critical dependencies`);
    }
  }

  if (fast && primary.intent.name === IntentName.WORKER && !overrides[ProbeKind.LIVENESS]) {
    c.add(fast.field, 'fast-recovery needs a liveness handler that answers in under 1 s; a worker\'s liveness is an exec heartbeat check, and starting a process takes longer — drop fast-recovery (size liveness with hangDetectionSeconds instead)');
  } else if (fast && kinds.liveness === HandlerKind.EXEC) {
    c.add(fast.field, 'fast-recovery probes every second with a 1 s timeout; an exec liveness probe needs more than 1 s to start a process — use an HTTP, TCP or gRPC liveness, or drop fast-recovery');
  } else if (fast && kinds.readiness === HandlerKind.EXEC) {
    c.add(overrides[ProbeKind.READINESS]?.field ?? fast.field, `fast-recovery restarts after ${FAST_RECOVERY_FAILURE_THRESHOLD} s; an exec readiness probe needs a timeout of ${timeoutFor(latency, HandlerKind.EXEC)} s, so it cannot take the pod out of the Service before liveness restarts it — use an HTTP, TCP or gRPC readiness, or drop fast-recovery`);
  }

  if (c.issues.length > 0 || !handlers || !latencyOk || !startupOk) return { issues: c.issues };

  // --- sizing: declared targets -> timings (lib/timing)
  let timings: SizedProbes;
  try {
    timings = sizeProbes({
      worstStartupSeconds,
      hangDetectionSeconds: targets.hangDetectionSeconds,
      handlerLatencySeconds: latency,
      livenessKind: kinds.liveness,
      readinessKind: kinds.readiness,
      fastRecovery: Boolean(fast),
    });
  } catch (e) {
    if (e instanceof SizingError) {
      c.add(e.field, `got ${e.value}; ${e.allowed}`);
      return { issues: c.issues };
    }
    throw e;
  }
  // the startup probe's timeout follows its own handler kind
  if (kinds.startup !== kinds.liveness) timings = { ...timings, startup: sizeStartup(worstStartupSeconds, timeoutFor(latency, kinds.startup)) };

  // user-pinned timings of command probes
  for (const kind of Object.values(ProbeKind)) {
    const o = overrides[kind];
    if (!o) continue;
    const base = timings[kind];
    const timeout = o.options.timeoutSeconds ?? base.timeoutSeconds;
    const period = o.options.periodSeconds ?? Math.max(base.periodSeconds, minPeriodFor(timeout));
    let failureThreshold = o.options.failureThreshold ?? base.failureThreshold;
    if (timeout >= period && !(timeout === 1 && period === 1)) {
      c.add(`${o.field}.timeoutSeconds`, `got ${timeout} with periodSeconds ${period}; allowed: a timeout below the period (attempts would overlap and the period stretch)`);
      continue;
    }
    if (kind === ProbeKind.STARTUP && o.options.failureThreshold === undefined) {
      failureThreshold = Math.max(2, Math.ceil(worstStartupSeconds / period) + 1);
    }
    timings = { ...timings, [kind]: { ...base, periodSeconds: period, timeoutSeconds: timeout, failureThreshold } };
  }
  if (c.issues.length > 0) return { issues: c.issues };
  for (const v of checkInvariants(timings, worstStartupSeconds)) {
    c.add(overrides[v.probe as ProbeKind]?.field ?? `${v.probe} probe`, `${v.message}; allowed: probes that keep the invariants (see README "Defaults")`);
  }

  // --- shutdown and rollout
  const serves = service !== undefined;
  const graceful = targets.gracefulShutdown ?? true;
  let preStopSleepSeconds: number | undefined;
  let terminationGracePeriodSeconds = DEFAULT_POD_GRACE_SECONDS;
  if (serves && graceful) {
    const s = shutdownPlan(timings.readiness, drainSeconds);
    preStopSleepSeconds = s.preStopSleepSeconds;
    terminationGracePeriodSeconds = s.terminationGracePeriodSeconds;
  } else if (targets.drainSeconds !== undefined) {
    terminationGracePeriodSeconds = drainSeconds;
  }
  if (restartGrace !== undefined && restartGrace >= terminationGracePeriodSeconds) {
    c.add(`${fast!.field}.restartGraceSeconds`, `got ${restartGrace}, not below the pod's terminationGracePeriodSeconds ${terminationGracePeriodSeconds}; allowed: a shorter grace for liveness kills`);
  }
  const pinned = targets.progressDeadlineSeconds;
  const minimumDeadline = minimumProgressDeadline(timings.startup, timings.readiness);
  if (pinned !== undefined && pinned < minimumDeadline) {
    c.add('progressDeadlineSeconds', `got ${pinned}; the declared worst startup of ${worstStartupSeconds} s needs a startup probe allowing up to ${startupAllowance(timings.startup).maximumSeconds} s, so allowed: at least ${minimumDeadline} (or leave it out)`);
  }
  if (c.issues.length > 0) return { issues: c.issues };

  const intentNames = INTENT_ORDER.filter((n) => seen.has(n));
  return {
    issues: [],
    plan: {
      intents: intentNames,
      containerName,
      ports,
      startupProbe: withTiming(handlers.startup, timings.startup),
      livenessProbe: withTiming(handlers.liveness, timings.liveness, timings.livenessGraceSeconds !== undefined ? restartGrace : undefined),
      readinessProbe: withTiming(handlers.readiness, timings.readiness),
      timings,
      worstStartupSeconds,
      service,
      preStopSleepSeconds,
      terminationGracePeriodSeconds,
      progressDeadlineSeconds: pinned ?? progressDeadlineFor(timings.startup, timings.readiness),
      replicas,
      annotations: writeDeclaredIntent({
        intents: intentNames,
        container: containerName,
        worstStartupSeconds: slow ? worstStartupSeconds : undefined,
        hangDetectionSeconds: targets.hangDetectionSeconds,
        handlerLatencySeconds: targets.handlerLatencySeconds,
        criticalDependencies: [...critical].sort(),
        optionalDependencies: [...optional].sort(),
      }),
    },
  };
}
