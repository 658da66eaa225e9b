/**
 * Container ports and the ports probes name, read as the API server reads them. A probe port is
 * an IntOrString: a JSON number is a port number, a JSON string is a port NAME — always, even
 * "8080", which ValidatePortNumOrName (pkg/apis/core/validation/validation.go) runs through
 * IsValidPortName and rejects ("must contain at least one letter"). So no reader here takes a
 * quoted number as a number.
 */
import { asRecord } from './record';

/** A container port as declared, read leniently. */
export interface DeclaredPort {
  /** containerPort, when it is a whole number. */
  readonly containerPort?: number;
  /** The port's name, when it is a string. */
  readonly name?: string;
  /** The protocol, upper-cased; TCP when unset or empty (SetDefaults_ContainerPort). */
  readonly protocol: string;
}

/** A port declaration's containerPort, when it is a whole number (one reader for declaredPorts and resolvePort). */
function containerPortOf(p: Record<string, unknown>): number | undefined {
  return typeof p.containerPort === 'number' && Number.isInteger(p.containerPort) ? p.containerPort : undefined;
}

/** A port declaration's protocol, upper-cased; TCP when unset or empty (SetDefaults_ContainerPort). */
function protocolOf(p: Record<string, unknown>): string {
  return typeof p.protocol === 'string' && p.protocol !== '' ? p.protocol.toUpperCase() : 'TCP';
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
      containerPort: containerPortOf(p),
      name: typeof p.name === 'string' ? p.name : undefined,
      protocol: protocolOf(p),
    });
  }
  return out;
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

/**
 * Resolves a probe's (or Service targetPort's) port against a container's declared ports. A number
 * is used as is and is "declared" when some containerPort equals it; a string is a port NAME and
 * resolves only through a declaration of that name (the kubelet's findPortByName).
 */
export function resolvePort(container: unknown, port: unknown): ResolvedPort {
  if (typeof port !== 'number' && typeof port !== 'string') return { declared: false };
  // one pass over the declarations as written, with declaredPorts' field readers: every rule on
  // every probe port asks this, so it builds no list (it allocated the most of any reader in a synth-time check)
  const c = asRecord(container);
  const raw = c && Array.isArray(c.ports) ? c.ports : [];
  let declared = false;
  let firstProtocol: string | undefined;
  let anyTcp = false;
  let numberOfName: number | undefined;
  for (let i = 0; i < raw.length; i++) {
    const p = asRecord(raw[i]);
    if (!p) continue;
    const containerPort = containerPortOf(p);
    if (typeof port === 'number' ? containerPort !== port : p.name !== port) continue;
    const protocol = protocolOf(p);
    if (!declared) firstProtocol = protocol;
    declared = true;
    if (protocol === 'TCP') anyTcp = true;
    if (numberOfName === undefined) numberOfName = containerPort;
  }
  const protocol = declared ? (anyTcp ? 'TCP' : firstProtocol) : undefined;
  if (typeof port === 'number') return { number: Number.isInteger(port) ? port : undefined, declared, protocol };
  return { number: numberOfName, declared, protocol, name: port };
}

/** Whether a value is a usable port number (an integer 1–65535); the one definition lives in lib/k8s/names. */
export { isValidPortNumber as isPortNumber } from '../k8s/names';

/** "8080/http, 9090/management, 53/dns (UDP)": a container's declared ports for messages; "none" when it declares none. */
export function describeDeclaredPorts(container: unknown): string {
  const ports = declaredPorts(container);
  if (ports.length === 0) return 'none';
  return ports
    .map((p) => `${p.containerPort ?? '?'}${p.name ? `/${p.name}` : ''}${p.protocol !== 'TCP' ? ` (${p.protocol})` : ''}`)
    .join(', ');
}
