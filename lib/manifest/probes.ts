/**
 * Probes and their handlers, read leniently from a container as plain JSON: which probes are set,
 * which handler each uses, the handler's port, path, command and gRPC service, and a canonical
 * form of a handler so two probes can be compared the way the kubelet runs them.
 */
import { PROBE_ROLES, ProbeRole } from '../k8s/types';
import { JsonPath } from './load';
import { resolvePort } from './ports';
import { asRecord, isSet, recentPerObject } from './record';
import type { WorkloadContainer } from './workloads';

/** The handler fields of a probe, in the order the API server lists them. */
export const HANDLER_FIELDS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

/** One handler field of a probe. */
export type HandlerField = (typeof HANDLER_FIELDS)[number];

/** Which handler a probe uses: one of the four, none, or several (which the API rejects). */
export type HandlerKind = HandlerField | 'none' | 'multiple';

/** The handler fields a probe sets (present and not null), in API order. */
export function handlerFieldsOf(probe: unknown): HandlerField[] {
  const p = asRecord(probe);
  const out: HandlerField[] = [];
  if (!p) return out;
  for (let i = 0; i < HANDLER_FIELDS.length; i++) if (isSet(p[HANDLER_FIELDS[i]])) out.push(HANDLER_FIELDS[i]);
  return out;
}

/** Which handler a probe uses, as the API server sees it: one of the four, 'none' or 'multiple'. */
export function handlerKind(probe: unknown): HandlerKind {
  const fields = handlerFieldsOf(probe);
  if (fields.length === 0) return 'none';
  if (fields.length > 1) return 'multiple';
  return fields[0];
}

/**
 * The handler a probe runs when read leniently: the first of exec, httpGet, tcpSocket, grpc whose
 * value is an object (a malformed or doubled handler is the API rules' business, not every rule's).
 */
export function handlerTypeOf(probe: unknown): HandlerField | undefined {
  const p = asRecord(probe);
  if (!p) return undefined;
  return HANDLER_FIELDS.find((h) => asRecord(p[h]) !== undefined);
}

/** A container's probe of one role, when it is an object. */
export function containerProbe(container: unknown, role: ProbeRole): Record<string, unknown> | undefined {
  return asRecord(asRecord(container)?.[role]);
}

/** A probe of a container, with its role. */
export interface ProbeEntry {
  /** startupProbe, livenessProbe or readinessProbe. */
  readonly role: ProbeRole;
  /** The probe as written (any JSON value other than undefined/null). */
  readonly probe: unknown;
}

/** The probes a container sets (present and not null), startup first. */
export function probesOf(container: unknown): ProbeEntry[] {
  const c = asRecord(container);
  const out: ProbeEntry[] = [];
  if (!c) return out;
  for (let i = 0; i < PROBE_ROLES.length; i++) {
    const role = PROBE_ROLES[i];
    if (isSet(c[role])) out.push({ role, probe: c[role] });
  }
  return out;
}

/** The exec command of a probe as strings (non-strings dropped), or undefined when it has none. */
export function execCommandOf(probe: unknown): string[] | undefined {
  const cmd = asRecord(asRecord(probe)?.exec)?.command;
  if (!Array.isArray(cmd)) return undefined;
  const parts = cmd.filter((p): p is string => typeof p === 'string');
  return parts.length > 0 ? parts : undefined;
}

/** The httpGet path of a probe (the API default `/` when httpGet has none), or undefined without httpGet. */
export function httpPathOf(probe: unknown): string | undefined {
  const http = asRecord(asRecord(probe)?.httpGet);
  if (!http) return undefined;
  return typeof http.path === 'string' && http.path.length > 0 ? http.path : '/';
}

/** The gRPC health service a probe asks for, when written as a string. */
export function grpcServiceOf(probe: unknown): string | undefined {
  const service = asRecord(asRecord(probe)?.grpc)?.service;
  return typeof service === 'string' ? service : undefined;
}

/** The port the probe's handler names (number or name) as written, or undefined (exec, or no usable port). */
export function handlerPortOf(probe: unknown): number | string | undefined {
  const type = handlerTypeOf(probe);
  if (!type || type === 'exec') return undefined;
  const port = asRecord(asRecord(probe)?.[type])?.port;
  return typeof port === 'number' || typeof port === 'string' ? port : undefined;
}

/**
 * The text of a probe that can name a dependency: the httpGet path, the exec command joined with
 * spaces, or the gRPC service; undefined for a TCP probe or none.
 */
export function handlerText(probe: unknown): string | undefined {
  switch (handlerTypeOf(probe)) {
    case 'httpGet':
      return httpPathOf(probe);
    case 'exec':
      return execCommandOf(probe)?.join(' ');
    case 'grpc':
      return grpcServiceOf(probe);
    default:
      return undefined;
  }
}

/** A probe handler's port, located: one per httpGet/tcpSocket/grpc handler of a container's probes. */
export interface HandlerPort {
  /** The probe's role. */
  readonly role: ProbeRole;
  /** The handler field. */
  readonly field: 'httpGet' | 'tcpSocket' | 'grpc';
  /** The port as written (any JSON value, undefined when missing). */
  readonly port: unknown;
  /** The handler's host as written (httpGet/tcpSocket only). */
  readonly host: unknown;
  /** Path of the port field relative to the object. */
  readonly path: JsonPath;
}

/**
 * The ports of a container's probe handlers (httpGet, tcpSocket, grpc; every handler a probe
 * sets, so a probe with several handlers yields several), startup first. `containerPath` is the
 * container's path relative to the object.
 */
export function handlerPorts(container: unknown, containerPath: JsonPath): HandlerPort[] {
  const out: HandlerPort[] = [];
  const c = asRecord(container);
  if (!c) return out;
  for (let i = 0; i < PROBE_ROLES.length; i++) {
    const role = PROBE_ROLES[i];
    const p = asRecord(c[role]);
    if (!p) continue;
    for (let j = 0; j < PORTED_HANDLERS.length; j++) {
      const field = PORTED_HANDLERS[j];
      const h = asRecord(p[field]);
      if (!h) continue;
      out.push({ role, field, port: h.port, host: field === 'grpc' ? undefined : h.host, path: [...containerPath, role, field, 'port'] });
    }
  }
  return out;
}

/** The handlers that name a port, in the order {@link handlerPorts} lists them. */
const PORTED_HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

/**
 * {@link handlerPorts} of a workload's container, read once while its document is checked and
 * shared by every rule that checks probe ports.
 */
export const containerHandlerPorts: (c: WorkloadContainer) => readonly HandlerPort[] = recentPerObject((c: WorkloadContainer) => handlerPorts(c.container, c.path));

/**
 * A handler in canonical form: API defaults applied (path "/", scheme HTTP, host "" = pod IP,
 * gRPC service ""), named ports resolved to numbers where the container declares them
 * (an unresolved name stays as `name:<name>`), header names lower-cased and headers sorted.
 * Two handlers that the kubelet runs the same way have equal canonical forms.
 */
export type NormalizedHandler =
  | { readonly kind: 'exec'; readonly command: readonly string[] }
  | {
      readonly kind: 'httpGet';
      readonly scheme: string;
      readonly host: string;
      readonly port: number | string;
      readonly path: string;
      readonly headers: ReadonlyArray<readonly [string, string]>;
    }
  | { readonly kind: 'tcpSocket'; readonly host: string; readonly port: number | string }
  | { readonly kind: 'grpc'; readonly port: number | string; readonly service: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'multiple' };

function canonicalPort(container: unknown, port: unknown): number | string {
  const r = resolvePort(container, port);
  if (r.number !== undefined) return r.number;
  if (typeof port === 'string') return `name:${port}`;
  return `invalid:${JSON.stringify(port) ?? 'undefined'}`;
}

function str(v: unknown, fallback: string): string {
  return typeof v === 'string' && v !== '' ? v : fallback;
}

function sortedHeaders(raw: unknown): Array<[string, string]> {
  if (!Array.isArray(raw) || raw.length === 0) return []; // the common case: no headers to read or sort
  const headers: Array<[string, string]> = raw
    .map((x) => asRecord(x))
    .filter((x): x is Record<string, unknown> => x !== undefined)
    .map((x): [string, string] => [String(x.name ?? '').toLowerCase(), String(x.value ?? '')]);
  return headers.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
}

/** The canonical, comparable form of a probe's handler (see {@link NormalizedHandler}). */
export function normalizeHandler(probe: unknown, container: unknown): NormalizedHandler {
  const kind = handlerKind(probe);
  const p = asRecord(probe) ?? {};
  switch (kind) {
    case 'exec': {
      const e = asRecord(p.exec) ?? {};
      return { kind, command: Array.isArray(e.command) ? e.command.map((x) => String(x)) : [] };
    }
    case 'httpGet': {
      const h = asRecord(p.httpGet) ?? {};
      const scheme = str(h.scheme, 'HTTP').toUpperCase();
      return { kind, scheme, host: str(h.host, ''), port: canonicalPort(container, h.port), path: str(h.path, '/'), headers: sortedHeaders(h.httpHeaders) };
    }
    case 'tcpSocket': {
      const t = asRecord(p.tcpSocket) ?? {};
      return { kind, host: str(t.host, ''), port: canonicalPort(container, t.port) };
    }
    case 'grpc': {
      const g = asRecord(p.grpc) ?? {};
      return { kind, port: canonicalPort(container, g.port), service: typeof g.service === 'string' ? g.service : '' };
    }
    default:
      return { kind };
  }
}

/** Whether two canonical handlers are the same check (none/multiple are never the same as anything). */
export function sameHandler(a: NormalizedHandler, b: NormalizedHandler): boolean {
  if (a.kind === 'none' || a.kind === 'multiple' || b.kind !== a.kind) return false;
  // field by field (what comparing the two as JSON said, without writing them out)
  switch (a.kind) {
    case 'exec':
      return sameStrings(a.command, (b as typeof a).command);
    case 'httpGet': {
      const h = b as typeof a;
      return a.scheme === h.scheme && a.host === h.host && a.port === h.port && a.path === h.path && sameHeaders(a.headers, h.headers);
    }
    case 'tcpSocket': {
      const t = b as typeof a;
      return a.host === t.host && a.port === t.port;
    }
    case 'grpc': {
      const g = b as typeof a;
      return a.port === g.port && a.service === g.service;
    }
  }
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameHeaders(a: ReadonlyArray<readonly [string, string]>, b: ReadonlyArray<readonly [string, string]>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i][0] !== b[i][0] || a[i][1] !== b[i][1]) return false;
  return true;
}

/** A short human description of a canonical handler, for messages. */
export function describeHandler(h: NormalizedHandler): string {
  switch (h.kind) {
    case 'exec':
      return `exec ${JSON.stringify(h.command)}`;
    case 'httpGet':
      return `httpGet ${h.scheme.toLowerCase()}://${h.host || '<pod IP>'}:${h.port}${h.path}`;
    case 'tcpSocket':
      return `tcpSocket ${h.host || '<pod IP>'}:${h.port}`;
    case 'grpc':
      return `grpc port ${h.port} service "${h.service}"`;
    default:
      return h.kind === 'none' ? 'no handler' : 'several handlers';
  }
}
