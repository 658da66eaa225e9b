/**
 * Name heuristics for probes that reach beyond the process: HTTP paths that are readiness or
 * composite/dependency health endpoints, and exec commands that contact another host. Pure
 * string functions; approximate by design (they recognise, they do not parse shell).
 */
import { basename, simpleCommands } from '../../manifest/commands';
import { stringMemo } from '../../manifest/record';

/** @deprecated import from lib/manifest. */
export { simpleCommands } from '../../manifest';

/** Path tokens that mean "readiness", not "liveness". */
const READINESS_TOKENS = new Set(['ready', 'readyz', 'readiness']);

/**
 * Path or query tokens that name a dependency or a deep/aggregated check. Tokens are the parts of
 * a path segment split on `-`, `_` and `.`, lower-cased.
 */
export const DEPENDENCY_TOKENS: ReadonlySet<string> = new Set([
  'db', 'database', 'databases', 'datasource', 'jdbc', 'sql', 'mysql', 'mariadb', 'postgres', 'postgresql', 'pg', 'oracle', 'mssql',
  'redis', 'memcached', 'cache', 'rabbit', 'rabbitmq', 'amqp', 'kafka', 'nats', 'mq', 'mongo', 'mongodb', 'cassandra',
  'elasticsearch', 'elastic', 'opensearch', 'ldap', 'vault', 's3',
  'dep', 'deps', 'dependency', 'dependencies', 'downstream', 'upstream', 'external', 'backend', 'backends', 'integrations',
  'connectivity', 'deep', 'full', 'all', 'composite', 'aggregate', 'detailed', 'details',
]);

/** Segments that, directly before a final `health`, make it a composite Spring Boot actuator endpoint. */
const ACTUATOR_BASES = new Set(['actuator', 'manage', 'management', 'mgmt', 'admin', 'monitor']);

/** Answers of {@link dependencyPathReason} by path: a run sees the same few paths on thousands of workloads. */
const pathReasons = stringMemo<string | undefined>(10_000);

/** Why a liveness path reaches beyond the process; undefined when it looks like a process-only check. */
export function dependencyPathReason(path: string): string | undefined {
  return pathReasons(path, () => readPathReason(path));
}

function readPathReason(path: string): string | undefined {
  const [pathPart, query = ''] = path.toLowerCase().split('?', 2);
  const segments = pathPart.split('#')[0].split('/').filter((s) => s.length > 0);
  const tokensOf = (s: string) => s.split(/[-_.=&]+/).filter((t) => t.length > 0);
  for (const seg of segments) {
    const ready = tokensOf(seg).find((t) => READINESS_TOKENS.has(t));
    if (ready) return `a readiness endpoint ("${seg}"), which fails whenever the pod should only stop receiving traffic`;
  }
  const last = segments.length;
  if (last >= 2 && segments[last - 1] === 'health' && ACTUATOR_BASES.has(segments[last - 2])) {
    return 'a composite Spring Boot health endpoint, which aggregates every HealthIndicator (databases, brokers, caches) '
      + 'instead of the `liveness` group (`…/health/liveness`)';
  }
  for (const seg of [...segments, ...query.split('&')]) {
    const dep = tokensOf(seg).find((t) => DEPENDENCY_TOKENS.has(t));
    if (dep) return `an endpoint that names a dependency or a deep check ("${dep}")`;
  }
  return undefined;
}

/** A program and the host it contacts, found in an exec command. */
export interface RemoteCall {
  /** The program, as a basename (curl, pg_isready, …). */
  readonly program: string;
  /** The host it contacts, as written. */
  readonly host: string;
}

/** Whether a host as written means the container itself (or the pod: same network namespace). */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === '' || h === 'localhost' || h === '::1' || h === '0.0.0.0' || h === 'ip6-localhost' || h.startsWith('127.')) return true;
  if (/^\$\(\s*hostname/.test(h) || h.startsWith('`hostname')) return true;
  const v = /^\$\{?([a-z_][a-z0-9_]*)\}?$/.exec(h);
  return v !== null && /pod_ip|hostname|localhost/.test(v[1]);
}

function hostOfUrl(word: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(word);
  return m ? m[1] : undefined;
}

/** host of `host`, `host:port` or `host:port/path` (curl, nc style arguments without a scheme). */
function hostOfAuthority(word: string): string | undefined {
  const m = /^(\[[0-9a-f:]+\]|[a-z0-9$][a-z0-9.${}_-]*)(?::\d+)?(?:\/.*)?$/i.exec(word);
  return m ? m[1] : undefined;
}

/** host of an option value `host[:port]` (an empty host means all local interfaces). */
function hostOfAddress(value: string): string {
  const v = /^(\[[^\]]*\])/.exec(value);
  return v ? v[1] : value.split(/[:/]/)[0];
}

const HTTP_CLIENTS = new Set(['curl', 'wget', 'http', 'https', 'xh', 'grpcurl', 'grpc_health_probe']);
const SOCKET_CLIENTS = new Set(['nc', 'ncat', 'netcat', 'telnet', 'cqlsh']);
const DB_CLIENTS = new Set(['pg_isready', 'psql', 'redis-cli', 'mysqladmin', 'mysql', 'mariadb-admin', 'mongosh', 'mongo', 'kafka-topics', 'kafka-broker-api-versions']);

function optionValue(words: readonly string[], short: string[], long: string[]): string[] {
  const out: string[] = [];
  words.forEach((w, i) => {
    for (const s of short) {
      if (w === s && i + 1 < words.length) out.push(words[i + 1]);
      else if (w.startsWith(s) && w.length > s.length && !w.startsWith('--')) out.push(w.slice(s.length));
    }
    for (const l of long) {
      if (w === l && i + 1 < words.length) out.push(words[i + 1]);
      else if (w.startsWith(`${l}=`)) out.push(w.slice(l.length + 1));
    }
  });
  return out;
}

/** The hosts one simple command contacts, when its program is a network or database client. */
function hostsOf(words: readonly string[]): string[] {
  const program = basename(words[0]);
  const args = words.slice(1);
  const hosts: string[] = [];
  for (const a of args) {
    const h = hostOfUrl(a);
    if (h !== undefined) hosts.push(h);
    const conninfo = /(?:^|\s)host=([^\s]+)/.exec(a);
    if (conninfo) hosts.push(conninfo[1]);
  }
  if (HTTP_CLIENTS.has(program)) {
    for (const v of optionValue(args, [], ['-addr', '--addr'])) hosts.push(hostOfAddress(v));
    for (const a of args) {
      if (a.startsWith('-') || a.includes('://')) continue;
      // a bare authority needs a port or a path to be told apart from option values
      if (/^[^/]+(:\d+|\/)/.test(a)) {
        const h = hostOfAuthority(a);
        if (h !== undefined) hosts.push(h);
      }
    }
  } else if (SOCKET_CLIENTS.has(program)) {
    const positional = args.filter((a, i) => !a.startsWith('-') && !(i > 0 && /^-[a-z]*[wiqpst]$/i.test(args[i - 1])));
    if (positional.length > 0) hosts.push(hostOfAuthority(positional[0]) ?? positional[0]);
  } else if (DB_CLIENTS.has(program)) {
    hosts.push(...optionValue(args, ['-h'], ['--host', '--bootstrap-server']).map(hostOfAddress));
  }
  return hosts;
}

const NETWORK_PROGRAMS = new Set([...HTTP_CLIENTS, ...SOCKET_CLIENTS, ...DB_CLIENTS]);

/** Answers of {@link remoteCalls} by the command's words (as JSON). */
const remoteCallsByCommand = stringMemo<readonly RemoteCall[]>(10_000);

/** Calls to other hosts made by an exec probe's command, in order, without duplicates. */
export function remoteCalls(command: readonly string[]): readonly RemoteCall[] {
  // a run sees the same few probe commands on thousands of workloads; the answer depends on the words only
  return remoteCallsByCommand(JSON.stringify(command), () => readRemoteCalls(command));
}

function readRemoteCalls(command: readonly string[]): RemoteCall[] {
  const out: RemoteCall[] = [];
  const seen = new Set<string>();
  for (const words of simpleCommands(command)) {
    let i = 0;
    while (i < words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]) || ['env', 'exec', 'timeout', '!'].includes(basename(words[i])) || /^\d+[smh]?$/.test(words[i]))) i++;
    const rest = words.slice(i);
    if (rest.length === 0 || !NETWORK_PROGRAMS.has(basename(rest[0]))) continue;
    for (const host of hostsOf(rest)) {
      if (isLocalHost(host)) continue;
      const key = `${basename(rest[0])} ${host}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ program: basename(rest[0]), host });
    }
  }
  return out;
}
