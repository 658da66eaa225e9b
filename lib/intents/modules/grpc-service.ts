/**
 * grpc-service (seed 003): native gRPC probes on the port number (the kubelet does not resolve
 * named ports for gRPC). Both probes ask the health service "" by default: what a stock
 * grpc.health.v1 server answers (the kubelet sends "" when the field is absent:
 * pkg/kubelet/prober/prober.go, runProbe). Distinct names are opt-in and the server must
 * register them. Liveness and readiness then share a handler, which the pipeline accepts only
 * sized so that liveness trips strictly after readiness.
 */
import { IntentName } from '../../k8s/annotations';
import { ProbeKind } from '../../k8s/types';
import { HandlerKind } from '../../timing';
import { FieldChecks, given, show } from '../checks';
import { DraftHandler, IntentModule } from './module';
import { addServingPort, readService, ServiceChoice } from './service';

interface GrpcOptions {
  readonly port: number;
  readonly portName: string;
  readonly livenessService: string;
  readonly readinessService: string;
  readonly service: ServiceChoice;
}

function healthService(c: FieldChecks, field: string, value: unknown): value is string {
  if (typeof value === 'string' && !/[\s\u0000-\u001f]/.test(value)) return true;
  c.add(field, `got ${show(value)}; allowed: a grpc.health.v1 service name without spaces ("" asks for the server's overall health)`);
  return false;
}

/** The grpc-service module. */
export const grpcServiceModule: IntentModule<GrpcOptions> = {
  name: IntentName.GRPC_SERVICE,
  primary: true,
  repeatable: false,
  read(o, c) {
    const portName = given(o.portName, 'grpc');
    const livenessService = given(o.livenessService, '');
    const readinessService = given(o.readinessService, '');
    const ok = [
      c.port('port', o.port, ' (gRPC probes take a number: the kubelet does not resolve named ports for gRPC)'),
      c.portName('portName', portName),
      healthService(c, 'livenessService', livenessService),
      healthService(c, 'readinessService', readinessService),
    ].every(Boolean);
    const service = readService(o, c);
    if (!ok || !service) return undefined;
    return { port: o.port as number, portName: portName as string, livenessService: livenessService as string, readinessService: readinessService as string, service };
  },
  contribute(o, draft, ctx) {
    addServingPort(draft, { name: o.portName, number: o.port }, o.service);
    // an empty service is left out of the JSON: the kubelet asks for "" then
    const grpc = (service: string, field: string): DraftHandler => ({
      json: { grpc: { port: o.port, ...(service ? { service } : {}) } },
      kind: HandlerKind.NETWORK,
      text: service,
      field: `${ctx.field}.${field}`,
      needs: [],
      files: [],
      directories: [],
      heartbeat: false,
    });
    const liveness = grpc(o.livenessService, 'livenessService');
    draft.handlers = {
      [ProbeKind.STARTUP]: liveness,
      [ProbeKind.LIVENESS]: liveness,
      [ProbeKind.READINESS]: grpc(o.readinessService, 'readinessService'),
    } as Record<ProbeKind, DraftHandler>;
  },
};
