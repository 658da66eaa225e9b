/**
 * The Service part shared by the serving intents (HTTP, TCP, gRPC): exposure, Service port and
 * node port, read from the intent's options and added to the draft once the serving port holds.
 */
import { NODE_PORT_RANGE } from '../../k8s/names';
import { FieldChecks, given, show } from '../checks';
import { ServiceExposure } from '../intent';
import { ContainerDraft, PlannedPort } from './module';

/** The Service options of a serving intent, checked. */
export interface ServiceChoice {
  readonly exposure: ServiceExposure;
  readonly servicePort?: number;
  readonly nodePort?: number;
}

/** Reads `exposure`, `servicePort` and `nodePort`; undefined when one does not hold. */
export function readService(o: Record<string, unknown>, c: FieldChecks): ServiceChoice | undefined {
  const exposure = given(o.exposure, ServiceExposure.CLUSTER_IP);
  let ok = true;
  if (!Object.values(ServiceExposure).includes(exposure as ServiceExposure)) {
    c.add('exposure', `got ${show(exposure)}; allowed: ${Object.values(ServiceExposure).map((e) => `"${e}"`).join(' or ')} (ServiceExposure)`);
    ok = false;
  }
  if (o.servicePort !== undefined) ok = c.port('servicePort', o.servicePort) && ok;
  if (exposure === ServiceExposure.HEADLESS && o.servicePort !== undefined && o.servicePort !== o.port) {
    c.add('servicePort', `got ${show(o.servicePort)} with a headless Service, which maps no ports (clients connect to the pods' port ${show(o.port)}); allowed: leave servicePort out, or ServiceExposure.CLUSTER_IP`);
    ok = false;
  }
  const nodePort = o.nodePort;
  if (nodePort !== undefined) {
    if (exposure !== ServiceExposure.NODE_PORT && exposure !== ServiceExposure.LOAD_BALANCER) {
      c.add('nodePort', `got ${show(nodePort)} with exposure ${String(exposure)}; allowed: only with ServiceExposure.NODE_PORT or LOAD_BALANCER`);
      ok = false;
    } else if (typeof nodePort !== 'number' || !Number.isInteger(nodePort) || nodePort < NODE_PORT_RANGE.min || nodePort > NODE_PORT_RANGE.max) {
      c.add('nodePort', `got ${show(nodePort)}; allowed: a whole number from ${NODE_PORT_RANGE.min} to ${NODE_PORT_RANGE.max} (the default node port range)`);
      ok = false;
    }
  }
  if (!ok) return undefined;
  return { exposure: exposure as ServiceExposure, servicePort: o.servicePort as number | undefined, nodePort: nodePort as number | undefined };
}

/** Adds the serving port and a Service forwarding to it (never to a management port). */
export function addServingPort(draft: ContainerDraft, port: PlannedPort, service: ServiceChoice): void {
  draft.ports.unshift(port);
  draft.service = {
    exposure: service.exposure,
    ports: [{
      name: port.name,
      port: service.servicePort ?? port.number,
      targetPort: port.number,
      ...(service.nodePort !== undefined ? { nodePort: service.nodePort } : {}),
    }],
  };
}
