/**
 * Service ports against the containers of the pods a Service selects, as the endpoints controller
 * resolves them (FindPort): a named targetPort matches a container port of that name and the
 * Service port's protocol, in the pod's containers and native sidecars; a number is used as is.
 */
import { Workload, WorkloadContainer } from '../../manifest/workloads';
import { probedContainers, ServiceInfo } from '../types';
import { DeclaredPort, declaredPorts } from '../../manifest/ports';


/** One Service port, read leniently. */
export interface ServicePortInfo {
  /** Index in spec.ports. */
  readonly index: number;
  /** `name` when written. */
  readonly name?: string;
  /** `port` when a number. */
  readonly port?: number;
  /** The target as the endpoints controller sees it: a number, a name, or undefined when unusable. */
  readonly target?: number | string;
  /** Whether targetPort was written (else it defaults to `port`). */
  readonly targetWritten: boolean;
  /** Protocol, upper case, TCP by default. */
  readonly protocol: string;
}

/** The ports of a Service with their effective targets. */
export function servicePorts(s: ServiceInfo): ServicePortInfo[] {
  return s.ports.map((p, index) => {
    const port = typeof p.port === 'number' && Number.isFinite(p.port) ? p.port : undefined;
    const written = p.targetPort !== undefined && p.targetPort !== null;
    let target: number | string | undefined;
    if (!written) target = port;
    else if (typeof p.targetPort === 'number' && Number.isFinite(p.targetPort)) target = p.targetPort;
    else if (typeof p.targetPort === 'string' && p.targetPort.length > 0) target = p.targetPort;
    return {
      index,
      name: typeof p.name === 'string' ? p.name : undefined,
      port,
      target,
      targetWritten: written,
      protocol: typeof p.protocol === 'string' ? p.protocol.toUpperCase() : 'TCP',
    };
  });
}

/** The containers whose ports a Service can target: app containers and native sidecars. */
export function servingContainers(w: Workload): readonly WorkloadContainer[] {
  return probedContainers(w);
}

/** Every port the serving containers of a workload declare. */
export function workloadPorts(w: Workload): DeclaredPort[] {
  return servingContainers(w).flatMap((c) => declaredPorts(c.container));
}

/** Declared ports for messages, sorted: `http/8080/TCP, metrics/9090/TCP`. */
export function describePorts(ports: readonly DeclaredPort[]): string {
  if (ports.length === 0) return 'none';
  return ports
    .map((p) => [p.name, p.containerPort, p.protocol].filter((x) => x !== undefined).join('/'))
    .sort()
    .join(', ');
}

/** How a Service port is named in messages: `port "http" (80)`, or `port 80`. */
export function describeServicePort(p: ServicePortInfo): string {
  if (p.name !== undefined) return `port "${p.name}"${p.port !== undefined ? ` (${p.port})` : ''}`;
  return p.port !== undefined ? `port ${p.port}` : `port #${p.index}`;
}

/** `Deployment "orders"` (with namespace when written). */
export function describeWorkload(w: Workload): string {
  return `${w.kind} "${w.namespace ? `${w.namespace}/` : ''}${w.name}"`;
}
