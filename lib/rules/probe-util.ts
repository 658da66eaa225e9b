/**
 * Small pure helpers several probe rules need: which handler a probe uses, what a probe port
 * resolves to on its container, a canonical form of a handler for comparison, and the shared
 * notions of "long-running workload" and "injected sidecar". Everything reads plain JSON
 * leniently and never throws, whatever the types of the values.
 */
import { ContainerJson, PROBE_ROLES, ProbeRole } from '../k8s/types';
import { RUN_TO_COMPLETION_KINDS, Workload, WorkloadContainer } from '../manifest';

/** The handler fields of a probe, in the order the API server lists them. */
export const HANDLER_FIELDS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

/** One handler field of a probe. */
export type HandlerField = (typeof HANDLER_FIELDS)[number];

/** Which handler a probe uses: one of the four, none, or several (which the API rejects). */
export type HandlerKind = HandlerField | 'none' | 'multiple';

/** A value as an object record, or undefined when it is not a plain object. */
export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Whether a field is set the way the API server sees it (present and not null). */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** The handler fields a probe sets, in API order. */
export function handlerFieldsOf(probe: unknown): HandlerField[] {
  const p = asRecord(probe);
  if (!p) return [];
  return HANDLER_FIELDS.filter((f) => isSet(p[f]));
}

/** Which handler a probe uses: 'exec' | 'httpGet' | 'tcpSocket' | 'grpc', 'none' or 'multiple'. */
export function handlerKind(probe: unknown): HandlerKind {
  const fields = handlerFieldsOf(probe);
  if (fields.length === 0) return 'none';
  if (fields.length > 1) return 'multiple';
  return fields[0];
}

/** What a probe port refers to on its container. */
export interface ResolvedPort {
  /** The port number the kubelet connects to; undefined for a name the container does not declare, or an unusable value. */
  readonly number?: number;
  /** Whether the container declares the port (by number for a number, by name for a name). */
  readonly declared: boolean;
  /** The protocol of the matching declaration (TCP when any matching declaration is TCP or unset). */
  readonly protocol?: string;
  /** The port's name, when the probe used a name. */
  readonly name?: string;
}

/** A container port as declared, read leniently. */
export interface DeclaredPort {
  /** containerPort, when it is a whole number. */
  readonly containerPort?: number;
  /** The port's name, when it is a string. */
  readonly name?: string;
  /** The protocol, upper-cased; TCP when unset. */
  readonly protocol: string;
}

/** The container's declared ports, read leniently (protocol defaults to TCP, upper-cased). */
export function declaredPorts(container: unknown): DeclaredPort[] {
  const c = asRecord(container);
  if (!c || !Array.isArray(c.ports)) return [];
  const out: DeclaredPort[] = [];
  for (const raw of c.ports) {
    const p = asRecord(raw);
    if (!p) continue;
    out.push({
      containerPort: typeof p.containerPort === 'number' && Number.isInteger(p.containerPort) ? p.containerPort : undefined,
      name: typeof p.name === 'string' ? p.name : undefined,
      protocol: typeof p.protocol === 'string' && p.protocol !== '' ? p.protocol.toUpperCase() : 'TCP',
    });
  }
  return out;
}

/**
 * Resolves a probe's port against its container's declared ports. A number is used as is and is
 * "declared" when some containerPort equals it; a string is a port NAME (the API never reads
 * "8080" as a number) and resolves only through a declaration of that name.
 */
export function resolvePort(container: unknown, port: unknown): ResolvedPort {
  const ports = declaredPorts(container);
  const protocolOf = (matches: DeclaredPort[]) =>
    matches.length === 0 ? undefined : matches.some((m) => m.protocol === 'TCP') ? 'TCP' : matches[0].protocol;
  if (typeof port === 'number') {
    const matches = ports.filter((p) => p.containerPort === port);
    return { number: Number.isInteger(port) ? port : undefined, declared: matches.length > 0, protocol: protocolOf(matches) };
  }
  if (typeof port === 'string') {
    const matches = ports.filter((p) => p.name === port);
    const withNumber = matches.find((m) => m.containerPort !== undefined);
    return { number: withNumber?.containerPort, declared: matches.length > 0, protocol: protocolOf(matches), name: port };
  }
  return { declared: false };
}

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

/** The canonical, comparable form of a probe's handler (see {@link NormalizedHandler}). */
export function normalizeHandler(probe: unknown, container: unknown): NormalizedHandler {
  const kind = handlerKind(probe);
  const p = asRecord(probe) ?? {};
  switch (kind) {
    case 'exec': {
      const e = asRecord(p.exec) ?? {};
      const command = Array.isArray(e.command) ? e.command.map((x) => String(x)) : [];
      return { kind, command };
    }
    case 'httpGet': {
      const h = asRecord(p.httpGet) ?? {};
      const headers: Array<[string, string]> = (Array.isArray(h.httpHeaders) ? h.httpHeaders : [])
        .map((x) => asRecord(x))
        .filter((x): x is Record<string, unknown> => x !== undefined)
        .map((x): [string, string] => [String(x.name ?? '').toLowerCase(), String(x.value ?? '')]);
      headers.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
      return {
        kind,
        scheme: str(h.scheme, 'HTTP').toUpperCase(),
        host: str(h.host, ''),
        port: canonicalPort(container, h.port),
        path: str(h.path, '/'),
        headers,
      };
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
  if (a.kind === 'none' || a.kind === 'multiple' || b.kind === 'none' || b.kind === 'multiple') return false;
  return JSON.stringify(a) === JSON.stringify(b);
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

/**
 * Why a string is not a valid port name (IANA_SVC_NAME, apimachinery IsValidPortName), in the API
 * server's words; empty when it is valid.
 */
export function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** Whether a value is a usable port number (an integer 1–65535). */
export function isPortNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;
}

/**
 * Names of sidecars that meshes and agents inject, whose probes (or lack of them) are the
 * injector's business, not the manifest author's. Matched on the container name.
 */
export const INJECTED_SIDECAR_NAMES: ReadonlySet<string> = new Set([
  'cloud-sql-proxy', // Google Cloud SQL Auth Proxy
  'cloudsql-proxy', // its older name
  'consul-dataplane', // Consul service mesh
  'daprd', // Dapr
  'envoy-sidecar', // Consul Connect (older)
  'istio-proxy', // Istio
  'kuma-sidecar', // Kuma / Kong Mesh
  'linkerd-proxy', // Linkerd
  'otc-container', // OpenTelemetry Operator collector sidecar
  'vault-agent', // HashiCorp Vault Agent Injector
]);

/** Whether a container is a well-known injected sidecar (see {@link INJECTED_SIDECAR_NAMES}). */
export function isInjectedSidecar(container: unknown): boolean {
  const c = asRecord(container);
  return !!c && typeof c.name === 'string' && INJECTED_SIDECAR_NAMES.has(c.name);
}

/** Whether a workload serves for a long time (not a Job or CronJob, which run to completion). */
export function isLongRunning(w: Workload): boolean {
  return !RUN_TO_COMPLETION_KINDS.has(w.kind);
}

/**
 * The containers a "probe missing" check should judge: containers whose probes run (app
 * containers and native sidecars, not plain init containers), minus well-known injected sidecars.
 */
export function authoredProbedContainers(w: Workload): WorkloadContainer[] {
  return w.containers.filter((c) => (!c.init || c.nativeSidecar) && !isInjectedSidecar(c.container));
}

/** A probe of a container, with its role. */
export interface ProbeEntry {
  /** startupProbe, livenessProbe or readinessProbe. */
  readonly role: ProbeRole;
  /** The probe as written (any JSON value other than undefined/null). */
  readonly probe: unknown;
}

/** The probes a container sets (present and not null), startup first. */
export function probesOf(container: ContainerJson | Record<string, unknown>): ProbeEntry[] {
  const c = container as Record<string, unknown>;
  return PROBE_ROLES.filter((r) => isSet(c[r])).map((role) => ({ role, probe: c[role] }));
}

/** The basename of a command word: `/usr/bin/ps` → `ps`. */
function basename(word: string): string {
  const i = word.lastIndexOf('/');
  return i >= 0 ? word.slice(i + 1) : word;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox']);

/**
 * The programs an exec command runs, as basenames: the first word, or — for `sh -c "script"`
 * (any common shell, flags such as `-ec` included) — the first word of every simple command in
 * the script (split on `|`, `;`, `&`, newlines, `$(`, backticks and parentheses). `env` and
 * `exec` prefixes and leading `VAR=value` assignments are skipped. Approximate by design: it is
 * for recognising commands, not for running them.
 */
export function execPrograms(command: unknown): string[] {
  if (!Array.isArray(command)) return [];
  const words = command.filter((w): w is string => typeof w === 'string');
  if (words.length === 0) return [];
  const first = basename(words[0]);
  if (SHELLS.has(first)) {
    const ci = words.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w));
    if (ci > 0 && ci + 1 < words.length) return scriptPrograms(words[ci + 1]);
    return [first];
  }
  const prog = skipPrefixes(words);
  return prog ? [prog] : [];
}

function skipPrefixes(words: readonly string[]): string | undefined {
  let i = 0;
  while (i < words.length) {
    const w = words[i];
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) || basename(w) === 'env' || basename(w) === 'exec' || w === '!') {
      i++;
      continue;
    }
    if (w === '') {
      i++;
      continue;
    }
    return basename(w);
  }
  return undefined;
}

const SHELL_KEYWORDS = new Set(['if', 'fi', 'done', 'while', 'until', 'for', 'case', 'esac', 'in']);

function scriptPrograms(script: string): string[] {
  const segments = script.split(/\|\||&&|[|;&\n`()]|\$\(|\b(?:then|do|else|elif)\b/);
  const out: string[] = [];
  for (const seg of segments) {
    const words = seg.trim().split(/\s+/).map((w) => w.replace(/^["']|["']$/g, ''));
    const prog = skipPrefixes(words);
    if (prog && !SHELL_KEYWORDS.has(prog) && /^[A-Za-z0-9_.][A-Za-z0-9_.+-]*$/.test(prog)) out.push(prog);
  }
  return out;
}

/** A probe handler's port, located: one per httpGet/tcpSocket/grpc probe of a container. */
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
  readonly path: ReadonlyArray<string | number>;
}

/**
 * The ports of a container's probe handlers (httpGet, tcpSocket, grpc; every handler a probe
 * sets, so a probe with several handlers yields several), startup first. `containerPath` is the
 * container's path relative to the object.
 */
export function handlerPorts(container: unknown, containerPath: ReadonlyArray<string | number>): HandlerPort[] {
  const c = asRecord(container);
  if (!c) return [];
  const out: HandlerPort[] = [];
  for (const { role, probe } of probesOf(c)) {
    const p = asRecord(probe);
    if (!p) continue;
    for (const field of ['httpGet', 'tcpSocket', 'grpc'] as const) {
      const h = asRecord(p[field]);
      if (!h) continue;
      out.push({ role, field, port: h.port, host: field === 'grpc' ? undefined : h.host, path: [...containerPath, role, field, 'port'] });
    }
  }
  return out;
}

/** "8080/http, 9090/management, 53/UDP": a container's declared ports for messages; "none" when it declares none. */
export function describeDeclaredPorts(container: unknown): string {
  const ports = declaredPorts(container);
  if (ports.length === 0) return 'none';
  return ports
    .map((p) => `${p.containerPort ?? '?'}${p.name ? `/${p.name}` : ''}${p.protocol !== 'TCP' ? ` (${p.protocol})` : ''}`)
    .join(', ');
}

