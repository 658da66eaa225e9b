/**
 * A probe as written (httpGet, tcpSocket, exec or grpc) turned into a call against the local
 * process. Named ports resolve through the container's ports, as the kubelet does
 * (pkg/probe/util.go ResolveContainerPort); gRPC takes a number only (the API has no named gRPC
 * port). Probes go to the --host address (default 127.0.0.1) instead of the pod IP, unless the
 * probe writes its own `host`, which the kubelet would use too.
 */
import { ContainerPortJson, ProbeJson } from '../k8s/types';
import { shown, VerifyInputError } from './errors';
import { execProbe } from './exec';
import { grpcProbe, loadGrpc } from './grpc';
import { httpProbe } from './http';
import { tcpProbe } from './tcp';
import { HandlerOutcome } from './types';

/** What a handler needs from the app and the run. */
export interface HandlerContext {
  /** The address probes connect to. */
  readonly host: string;
  /** The container's ports, for named probe ports. */
  readonly containerPorts: readonly ContainerPortJson[];
  /** The app's working directory (exec probes run there). */
  readonly cwd: string;
  /** The app's environment (exec probes get it). */
  readonly env: Readonly<Record<string, string>>;
  /** `<major>.<minor>` for the kube-probe user agent. */
  readonly kubernetesVersion: string;
}

/** A probe handler ready to run. */
export interface ResolvedHandler {
  /** httpGet, tcpSocket, exec or grpc. */
  readonly type: string;
  /** What it calls, e.g. `GET http://127.0.0.1:8080/healthz`. */
  readonly description: string;
  /** The TCP port it talks to, when it talks to one. */
  readonly port?: number;
  /** Runs one attempt bounded by the timeout. */
  run(timeoutSeconds: number): Promise<HandlerOutcome>;
}

const HANDLER_FIELDS = ['httpGet', 'tcpSocket', 'exec', 'grpc'] as const;

function resolvePort(port: unknown, field: string, ctx: HandlerContext): number {
  if (typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535) return port;
  if (typeof port === 'string' && /^\d+$/.test(port)) return resolvePort(Number(port), field, ctx);
  if (typeof port === 'string' && port.length > 0) {
    const found = ctx.containerPorts.find((p) => p.name === port);
    if (found && typeof found.containerPort === 'number') return found.containerPort;
    const names = ctx.containerPorts.map((p) => p.name).filter((n): n is string => typeof n === 'string');
    throw new VerifyInputError(`${field} = ${shown(port)}: no container port has that name; allowed: a port number or one of the container's port names (${names.length ? names.map((n) => JSON.stringify(n)).join(', ') : 'it names none'})`);
  }
  throw new VerifyInputError(`${field} = ${shown(port)}: allowed: a port number from 1 to 65535 or a container port name`);
}

function hostOf(written: unknown, ctx: HandlerContext): string {
  return typeof written === 'string' && written.length > 0 ? written : ctx.host;
}

/** Resolves the handler of a probe; throws {@link VerifyInputError} naming `field` when it cannot run. */
export function resolveHandler(probe: ProbeJson, field: string, ctx: HandlerContext): ResolvedHandler {
  const present = HANDLER_FIELDS.filter((h) => probe[h] !== undefined && probe[h] !== null);
  if (present.length !== 1) {
    throw new VerifyInputError(`${field}: ${present.length === 0 ? 'no handler' : `${present.length} handlers (${present.join(', ')})`}; allowed: exactly one of ${HANDLER_FIELDS.join(', ')}`);
  }
  const type = present[0];
  if (type === 'httpGet') {
    const h = probe.httpGet!;
    const port = resolvePort(h.port, `${field}.httpGet.port`, ctx);
    const host = hostOf(h.host, ctx);
    const scheme = typeof h.scheme === 'string' ? h.scheme.toLowerCase() : 'http';
    if (scheme !== 'http' && scheme !== 'https') throw new VerifyInputError(`${field}.httpGet.scheme = ${shown(h.scheme)}: allowed: HTTP or HTTPS`);
    const path = typeof h.path === 'string' && h.path.length > 0 ? h.path : '/';
    const headers = (Array.isArray(h.httpHeaders) ? h.httpHeaders : []).map((x, i) => {
      if (typeof x?.name !== 'string' || !/^[-A-Za-z0-9]+$/.test(x.name)) throw new VerifyInputError(`${field}.httpGet.httpHeaders[${i}].name = ${shown(x?.name)}: allowed: a header name of letters, digits and "-"`);
      return { name: x.name, value: typeof x.value === 'string' ? x.value : '' };
    });
    return {
      type, port, description: `GET ${scheme}://${host}:${port}${path}`,
      run: (t) => httpProbe({ scheme, host, port, path, headers, timeoutSeconds: t, kubernetesVersion: ctx.kubernetesVersion }),
    };
  }
  if (type === 'tcpSocket') {
    const port = resolvePort(probe.tcpSocket!.port, `${field}.tcpSocket.port`, ctx);
    const host = hostOf(probe.tcpSocket!.host, ctx);
    return { type, port, description: `TCP ${host}:${port}`, run: (t) => tcpProbe(host, port, t) };
  }
  if (type === 'grpc') {
    const g = probe.grpc!;
    if (typeof g.port !== 'number' || !Number.isInteger(g.port) || g.port < 1 || g.port > 65535) {
      throw new VerifyInputError(`${field}.grpc.port = ${shown(g.port)}: allowed: a port number from 1 to 65535 (gRPC probes take no port names)`);
    }
    const service = typeof g.service === 'string' ? g.service : '';
    const port = g.port;
    loadGrpc(); // an input error now, before the app starts, when the gRPC libraries are missing
    return { type, port, description: `gRPC ${ctx.host}:${port} grpc.health.v1.Health/Check service=${JSON.stringify(service)}`, run: (t) => grpcProbe(ctx.host, port, service, t, ctx.kubernetesVersion) };
  }
  const command = probe.exec!.command;
  if (!Array.isArray(command) || command.length === 0 || !command.every((c) => typeof c === 'string') || command[0].length === 0) {
    throw new VerifyInputError(`${field}.exec.command = ${shown(command)}: allowed: a non-empty list of strings, the program first`);
  }
  return {
    type, description: `exec ${JSON.stringify(command)}`,
    run: (t) => execProbe({ command, cwd: ctx.cwd, env: ctx.env, timeoutSeconds: t }),
  };
}
