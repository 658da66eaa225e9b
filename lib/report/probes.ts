/**
 * Reading one probe as written (plain JSON, any value in any field) into what the kubelet will
 * run: its handler in words and its effective timing, plus a warning for every field the API
 * server would reject. The timing itself comes from lib/timing's `effectiveTiming`; this module
 * only says which fields it had to replace and why.
 */
import { ContainerJson, PodSpecJson, ProbeRole } from '../k8s/types';
import { asRecord, podGrace } from '../manifest';
import { API_DEFAULTS, effectiveTiming, ProbeTiming } from '../timing';
import { heartbeatMaxAgeSeconds } from './heartbeat';

/** A field of a probe (or of the pod) whose value cannot be used as written. */
export interface FieldWarning {
  /** The field, as a path from the container, e.g. `readinessProbe.periodSeconds`. */
  readonly field: string;
  /** The value given, rendered as JSON. */
  readonly given: string;
  /** What the report uses instead and why, e.g. `not a number; explained with the API default 10`. */
  readonly message: string;
}

/** The kind of handler a probe runs. */
export type HandlerType = 'httpGet' | 'tcpSocket' | 'exec' | 'grpc' | 'none';

/** A probe's handler, described for people. */
export interface HandlerSummary {
  /** Which handler. `none` when the probe has none (the API server rejects that). */
  readonly type: HandlerType;
  /** One line, e.g. `httpGet http://:8080/healthz`, `tcpSocket :5432`, `exec cat /tmp/healthy`. */
  readonly description: string;
}

/** One probe of a container, resolved. */
export interface ResolvedProbe {
  /** Which probe. */
  readonly role: ProbeRole;
  /** Its handler. */
  readonly handler: HandlerSummary;
  /** The timing the kubelet runs (API defaults applied, unusable values replaced by the default). */
  readonly timing: ProbeTiming;
  /** The probe-level terminationGracePeriodSeconds, when validly set (liveness and startup only). */
  readonly terminationGracePeriodSeconds?: number;
  /** For a heartbeat (file-age) exec probe: the file age at which it starts failing, read from the command. */
  readonly heartbeatMaxAgeSeconds?: number;
}

const TIMING_FIELDS: ReadonlyArray<keyof ProbeTiming> = [
  'initialDelaySeconds',
  'periodSeconds',
  'timeoutSeconds',
  'successThreshold',
  'failureThreshold',
];

function render(v: unknown): string {
  if (v === undefined) return 'undefined';
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** Why a value cannot be a whole number of seconds ≥ 0, or undefined when it can. */
function numberProblem(v: unknown): string | undefined {
  if (typeof v !== 'number') return `${typeof v === 'string' ? 'a string' : `a ${Array.isArray(v) ? 'list' : v === null ? 'null' : typeof v}`} where a number belongs`;
  if (!Number.isFinite(v)) return 'not a finite number';
  if (v < 0) return 'negative (must be ≥ 0)';
  if (!Number.isInteger(v)) return 'not a whole number (the API takes int32)';
  return undefined;
}

function port(v: unknown): string {
  return typeof v === 'number' || typeof v === 'string' ? String(v) : '?';
}

/** Describes a probe's handler in one line. */
export function describeHandler(probe: Record<string, unknown>): HandlerSummary {
  const http = asRecord(probe.httpGet);
  if (http) {
    const scheme = typeof http.scheme === 'string' ? http.scheme.toLowerCase() : 'http';
    const host = typeof http.host === 'string' ? http.host : '';
    const p = typeof http.path === 'string' && http.path !== '' ? http.path : '/';
    return { type: 'httpGet', description: `httpGet ${scheme}://${host}:${port(http.port)}${p.startsWith('/') ? p : `/${p}`}` };
  }
  const tcp = asRecord(probe.tcpSocket);
  if (tcp) return { type: 'tcpSocket', description: `tcpSocket ${typeof tcp.host === 'string' ? tcp.host : ''}:${port(tcp.port)}` };
  const exec = asRecord(probe.exec);
  if (exec) {
    const cmd = Array.isArray(exec.command) ? exec.command.map((c) => String(c)).join(' ') : '?';
    return { type: 'exec', description: `exec ${cmd}` };
  }
  const grpc = asRecord(probe.grpc);
  if (grpc) {
    const service = typeof grpc.service === 'string' && grpc.service !== '' ? ` service=${grpc.service}` : '';
    return { type: 'grpc', description: `grpc :${port(grpc.port)}${service}` };
  }
  return { type: 'none', description: 'no handler (the API server rejects a probe without one)' };
}

/**
 * Resolves one probe of a container. Returns undefined when the container has no such probe;
 * a probe that is not an object is treated as absent with a warning.
 */
export function resolveProbe(container: ContainerJson, role: ProbeRole, warnings: FieldWarning[]): ResolvedProbe | undefined {
  const raw: unknown = (container as Record<string, unknown>)[role];
  if (raw === undefined || raw === null) return undefined;
  const probe = asRecord(raw);
  if (!probe) {
    warnings.push({ field: role, given: render(raw), message: 'not an object; the probe is ignored (the API server rejects it)' });
    return undefined;
  }
  for (const field of TIMING_FIELDS) {
    const v = probe[field];
    if (v === undefined) continue;
    const problem = numberProblem(v);
    if (problem) {
      const effective = effectiveTiming({ [field]: typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined })[field];
      const usedDefault = effective === API_DEFAULTS[field];
      warnings.push({
        field: `${role}.${field}`,
        given: render(v),
        message: `${problem}; the API server rejects it; explained with ${usedDefault ? `the API default ${API_DEFAULTS[field]}` : `${effective} as written`}`,
      });
    }
  }
  const timing = effectiveTiming(probe);
  let grace: number | undefined;
  if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds !== null) {
    const g = probe.terminationGracePeriodSeconds;
    if (role === 'readinessProbe') {
      warnings.push({ field: `${role}.terminationGracePeriodSeconds`, given: render(g), message: 'must not be set on a readiness probe (the API server rejects it); ignored' });
    } else if (typeof g !== 'number' || !Number.isInteger(g) || g <= 0) {
      warnings.push({ field: `${role}.terminationGracePeriodSeconds`, given: render(g), message: 'must be a whole number > 0; ignored, the pod\'s grace period is used' });
    } else {
      grace = g;
    }
  }
  const exec = asRecord(probe.exec);
  const heartbeat = exec && Array.isArray(exec.command) ? heartbeatMaxAgeSeconds(exec.command) : undefined;
  return { role, handler: describeHandler(probe), timing, terminationGracePeriodSeconds: grace, heartbeatMaxAgeSeconds: heartbeat };
}

/** The pod's terminationGracePeriodSeconds as the kubelet uses it (30 when missing or unusable). */
export function podGraceSeconds(podSpec: PodSpecJson, warnings: FieldWarning[]): number {
  const grace = podGrace(podSpec);
  if (grace.problem) warnings.push({ field: 'terminationGracePeriodSeconds', given: render(podSpec.terminationGracePeriodSeconds), message: `${grace.problem}; explained with the default ${grace.seconds}` });
  return grace.seconds;
}
