/**
 * Lenient readers shared by the timing, dependency, service and drift rules: a probe, its
 * handler, a written field and its path, the container the annotations describe. Every function
 * accepts wrong-typed input and never throws; malformed values are the API rules' business.
 */
import { ProbeRole } from '../../k8s/types';
import { DeclaredIntent, readDeclaredIntent } from '../../k8s/annotations';
import { JsonPath, RUN_TO_COMPLETION_KINDS, Workload, WorkloadContainer } from '../../manifest';
import { DEFAULT_POD_GRACE_SECONDS, effectiveTiming, ProbeTiming } from '../../timing';

/** A plain-object view of a value, or undefined for anything else (null, arrays, scalars). */
export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The words used for each probe role in messages. */
export const ROLE_LABEL: Readonly<Record<ProbeRole, string>> = Object.freeze({
  startupProbe: 'startup',
  livenessProbe: 'liveness',
  readinessProbe: 'readiness',
});

/** A container's probe of one role, when it is an object. */
export function probeOf(c: WorkloadContainer, role: ProbeRole): Record<string, unknown> | undefined {
  return asRecord((c.container as Record<string, unknown>)[role]);
}

/** The timing the kubelet runs for a probe (defaults applied; see lib/timing effectiveTiming). */
export function timingOf(probe: Record<string, unknown>): ProbeTiming {
  return effectiveTiming(probe);
}

/** A field's value when it is a finite number, else undefined. */
export function writtenNumber(obj: Record<string, unknown> | undefined, field: string): number | undefined {
  const v = obj?.[field];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Path of a probe field when it is written, else of the probe itself (so the line is always real). */
export function probeFieldPath(c: WorkloadContainer, role: ProbeRole, field?: string): JsonPath {
  const probe = probeOf(c, role);
  if (field !== undefined && probe && Object.prototype.hasOwnProperty.call(probe, field)) return [...c.path, role, field];
  return [...c.path, role];
}

/** The handler types a probe can carry. */
export type HandlerType = 'exec' | 'httpGet' | 'tcpSocket' | 'grpc';

const HANDLER_TYPES: readonly HandlerType[] = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

/** The probe's handler type: the first of exec, httpGet, tcpSocket, grpc present as an object. */
export function handlerTypeOf(probe: Record<string, unknown> | undefined): HandlerType | undefined {
  if (!probe) return undefined;
  return HANDLER_TYPES.find((h) => asRecord(probe[h]) !== undefined);
}

/** The exec command of a probe as strings (non-strings dropped), or undefined when it has none. */
export function execCommandOf(probe: Record<string, unknown> | undefined): string[] | undefined {
  const cmd = asRecord(probe?.exec)?.command;
  if (!Array.isArray(cmd)) return undefined;
  const parts = cmd.filter((p): p is string => typeof p === 'string');
  return parts.length > 0 ? parts : undefined;
}

/** The httpGet path of a probe (the API default `/` when httpGet has none), or undefined without httpGet. */
export function httpPathOf(probe: Record<string, unknown> | undefined): string | undefined {
  const http = asRecord(probe?.httpGet);
  if (!http) return undefined;
  return typeof http.path === 'string' && http.path.length > 0 ? http.path : '/';
}

/** The port a handler names (number or name) as written, or undefined. */
export function handlerPortOf(probe: Record<string, unknown> | undefined): number | string | undefined {
  const type = handlerTypeOf(probe);
  if (!type || type === 'exec') return undefined;
  const port = asRecord(probe?.[type])?.port;
  return typeof port === 'number' || typeof port === 'string' ? port : undefined;
}

/** A container port, read leniently. */
export interface PortInfo {
  /** containerPort, when a number. */
  readonly number?: number;
  /** name, when a string. */
  readonly name?: string;
  /** protocol, upper case; TCP when missing (the API default). */
  readonly protocol: string;
}

/** The ports a container declares. */
export function portsOf(c: WorkloadContainer): PortInfo[] {
  const ports = (c.container as Record<string, unknown>).ports;
  if (!Array.isArray(ports)) return [];
  const out: PortInfo[] = [];
  for (const p of ports) {
    const r = asRecord(p);
    if (!r) continue;
    out.push({
      number: typeof r.containerPort === 'number' ? r.containerPort : undefined,
      name: typeof r.name === 'string' ? r.name : undefined,
      protocol: typeof r.protocol === 'string' ? r.protocol.toUpperCase() : 'TCP',
    });
  }
  return out;
}

/**
 * A handler port resolved against the container's ports: a number stays a number (a numeric
 * string too), a name becomes the declared containerPort, an unknown name stays undefined.
 */
export function resolvePortNumber(c: WorkloadContainer, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  if (typeof port !== 'string') return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return portsOf(c).find((p) => p.name === port)?.number;
}

/** Whether the workload runs to completion (Job, CronJob) rather than serving. */
export function runsToCompletion(w: Workload): boolean {
  return RUN_TO_COMPLETION_KINDS.has(w.kind);
}

/** The pod's terminationGracePeriodSeconds as the kubelet uses it (30 when missing or invalid). */
export function podGraceSeconds(w: Workload): number {
  const v = (w.podSpec as Record<string, unknown>).terminationGracePeriodSeconds;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : DEFAULT_POD_GRACE_SECONDS;
}

/** The declared intent of a workload and the container it describes. */
export interface IntentTarget {
  /** What the annotations declare. */
  readonly declared: DeclaredIntent;
  /** The container described: the one the `container` annotation names, else the first app container. */
  readonly container: WorkloadContainer;
}

/**
 * Reads this project's annotations from the pod template and finds the container they describe.
 * Undefined when there are no annotations of ours, or when the named container does not exist
 * (a wrong name is not guessed at), or when the pod has no app container.
 */
export function intentTarget(w: Workload): IntentTarget | undefined {
  const declared = readDeclaredIntent(w.podMetadata.annotations);
  if (!declared) return undefined;
  const app = w.containers.filter((c) => !c.init);
  let container: WorkloadContainer | undefined;
  if (declared.container !== undefined) {
    container = w.containers.find((c) => c.container.name === declared.container);
  } else {
    container = app[0];
  }
  return container ? { declared, container } : undefined;
}

/**
 * Whether `text` mentions `name` as a whole word (case-insensitive): `postgres` is mentioned in
 * `/health/postgres` and `pg_isready -h postgres.db` but not in `mypostgres` or `postgresql`. Word characters are letters, digits and `_`.
 */
export function mentionsWord(text: string, name: string): boolean {
  const n = name.trim().toLowerCase();
  if (n.length === 0) return false;
  const escaped = n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9_])${escaped}($|[^a-z0-9_])`).test(text.toLowerCase());
}
