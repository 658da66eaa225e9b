/**
 * liveness-tcp-misses-hangs: the only liveness probe of a serving app is tcpSocket, which cannot see
 * a hung process. The kernel completes the TCP handshake from the listen backlog while the app is
 * stuck (reference/probe-semantics.md, Handlers: TCP), so the probe keeps passing and the hang is
 * never restarted; it catches a dead or unbound process only.
 */
import { IntentName } from '../../k8s/annotations';
import { declaredIntentsOf } from './read';
import { authoredProbedContainers } from '../probe-util';
import { declaredPorts, resolvePort } from '../../manifest/ports';
import { handlerKind } from '../../manifest/probes';
import { asRecord } from '../../manifest/record';
import { containerName, Rule, RuleCategory, Severity } from '../types';

/** Port names that say the port speaks HTTP or gRPC. */
const SERVING_PORT_NAME = /^(https?|web|api|grpc|h2c?|http-.+|https-.+|grpc-.+|.+-http|.+-https|.+-grpc)$/;
/** appProtocol values of HTTP and gRPC. */
const SERVING_APP_PROTOCOL = /^(https?|grpc|h2c|kubernetes\.io\/(h2c|ws|wss))$/i;
/** Ports HTTP and gRPC servers commonly listen on. */
const SERVING_PORT_NUMBERS: ReadonlySet<number> = new Set([80, 443, 3000, 5000, 8000, 8080, 8081, 8443, 8888, 9000, 50051]);

/** Why a container looks like it serves HTTP or gRPC, or undefined. */
function servingPort(container: unknown): { readonly why: string; readonly grpc: boolean; readonly port: number | string } | undefined {
  const raw = asRecord(container)?.ports;
  const written = Array.isArray(raw) ? raw.map(asRecord) : [];
  for (const [i, p] of declaredPorts(container).entries()) {
    if (p.protocol !== 'TCP') continue;
    const appProtocol = written[i]?.appProtocol;
    const port = p.name ?? p.containerPort ?? '?';
    if (typeof appProtocol === 'string' && SERVING_APP_PROTOCOL.test(appProtocol)) {
      return { why: `port ${port} declares appProtocol ${appProtocol}`, grpc: /grpc|h2c/i.test(appProtocol), port };
    }
    if (p.name !== undefined && SERVING_PORT_NAME.test(p.name)) return { why: `port "${p.name}" is named like HTTP/gRPC`, grpc: /grpc|h2c/.test(p.name), port };
    if (p.containerPort !== undefined && SERVING_PORT_NUMBERS.has(p.containerPort)) {
      return { why: `port ${p.containerPort} is a usual HTTP/gRPC port`, grpc: p.containerPort === 50051, port };
    }
  }
  return undefined;
}

/** The rule. */
export const rule: Rule = {
  meta: {
    id: 'liveness-tcp-misses-hangs',
    severity: Severity.WARNING,
    category: RuleCategory.TIMING,
    description: 'The only liveness probe of a serving app (HTTP/gRPC-looking ports, or selected by a Service) is tcpSocket, which cannot catch a hang.',
    rationale:
      'A tcpSocket probe succeeds when the connection opens, and the kernel completes the handshake from the listen backlog even '
      + 'while the app is deadlocked or its event loop is wedged: the probe keeps passing and the hung pod is never restarted (and, '
      + 'as readiness, keeps receiving traffic). It only catches a dead or unbound process, which the kubelet restarts anyway when '
      + 'the process exits (probe-semantics.md, Handlers: TCP; seed 001 "TCP probes might be suitable for databases"). A workload '
      + 'declared with the tcp-service intent has chosen TCP knowingly and is not reported.',
    fix: 'Probe something the app itself must answer: httpGet on a cheap /livez (or grpc with a health service) for a server, an exec '
      + 'heartbeat check for anything else; keep tcpSocket only where nothing better exists, knowing it sees a dead process only.',
    peers: [],
  },
  checkWorkload(w, ctx) {
    // containers declared tcp-service chose TCP knowingly (the plain keys without a container name cover every container)
    const tcpDeclared = declaredIntentsOf(w).filter((d) => d.intents.includes(IntentName.TCP_SERVICE));
    if (tcpDeclared.some((d) => d.container === undefined)) return;
    let services: string[] | undefined;
    for (const c of authoredProbedContainers(w)) {
      const live = asRecord((c.container as Record<string, unknown>).livenessProbe);
      if (!live || handlerKind(live) !== 'tcpSocket') continue;
      if (tcpDeclared.some((d) => d.container === containerName(c.container))) continue;
      const serving = servingPort(c.container);
      services ??= ctx.index.servicesSelecting(w).map((s) => s.name).sort();
      if (!serving && services.length === 0) continue;
      const name = containerName(c.container);
      const probePort = resolvePort(c.container, asRecord(live.tcpSocket)?.port);
      const portText = probePort.name ?? probePort.number ?? String(asRecord(live.tcpSocket)?.port ?? '?');
      const why = serving ? serving.why : `Service${services.length > 1 ? 's' : ''} ${services.map((s) => `"${s}"`).join(', ')} select${services.length > 1 ? '' : 's'} it`;
      const fix = serving?.grpc
        ? `Use a gRPC liveness probe (grpc: {port: ${typeof serving.port === 'number' ? serving.port : '<number>'}, service: liveness}) answered by the app's health service.`
        : serving
          ? `Use an httpGet liveness probe on a cheap endpoint the app itself answers, e.g. httpGet: {path: /livez, port: ${serving.port}}.`
          : 'Probe something the app itself must answer: httpGet on a cheap /livez, grpc with a health service, or an exec heartbeat check.';
      ctx.report({
        path: [...c.path, 'livenessProbe', 'tcpSocket'],
        container: name,
        message: `container "${name}" has only a tcpSocket liveness probe (port ${portText}) though it serves (${why}): the kernel `
          + 'accepts connections from the listen backlog while the app is hung, so a hang is never restarted; only a dead or unbound process is',
        fix,
      });
    }
  },
};
