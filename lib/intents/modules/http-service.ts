/**
 * http-service (seeds 000, 001): a serving port and a Service; liveness and startup on the
 * liveness endpoint, readiness on the readiness endpoint, optionally on a management port the
 * Service does not expose (seed 003). One endpoint for both is accepted: the pipeline sizes
 * liveness to trip strictly after readiness (lib/timing/shared-endpoint).
 */
import { IntentName } from '../../k8s/annotations';
import { ProbeKind } from '../../k8s/types';
import { HandlerKind } from '../../timing';
import { FieldChecks, given, show } from '../checks';
import { DraftHandler, IntentModule } from './module';
import { addServingPort, readService, ServiceChoice } from './service';

interface HttpOptions {
  readonly port: number;
  readonly portName: string;
  readonly livenessPath: string;
  readonly readinessPath: string;
  readonly management?: { readonly port: number; readonly name: string };
  readonly https: boolean;
  readonly service: ServiceChoice;
}

function readManagement(o: Record<string, unknown>, c: FieldChecks, port: unknown, portName: unknown): HttpOptions['management'] | false {
  if (o.managementPort === undefined && o.managementPortName === undefined) return undefined;
  const name = given(o.managementPortName, 'management');
  const ok = c.port('managementPort', o.managementPort) && c.portName('managementPortName', name);
  if (!ok) return false;
  if (o.managementPort === port) {
    c.add('managementPort', `got ${show(o.managementPort)}, the serving port; allowed: a different port, or leave managementPort out to serve health on the serving port`);
    return false;
  }
  if (name === portName) {
    c.add('managementPortName', `got ${show(name)}, the serving port's name; allowed: a different name`);
    return false;
  }
  return { port: o.managementPort as number, name: name as string };
}

/** The http-service module. */
export const httpServiceModule: IntentModule<HttpOptions> = {
  name: IntentName.HTTP_SERVICE,
  primary: true,
  repeatable: false,
  read(o, c) {
    const portName = given(o.portName, 'http');
    const livenessPath = given(o.livenessPath, '/livez');
    const readinessPath = given(o.readinessPath, '/readyz');
    const https = given(o.https, false);
    const okPort = c.port('port', o.port);
    const okName = c.portName('portName', portName);
    const okPaths = [c.path('livenessPath', livenessPath), c.path('readinessPath', readinessPath)].every(Boolean);
    const okHttps = c.flag('https', https);
    const management = readManagement(o, c, o.port, portName);
    const service = readService(o, c);
    if (!okPort || !okName || !okPaths || !okHttps || management === false || !service) return undefined;
    return {
      port: o.port as number, portName: portName as string, livenessPath: livenessPath as string,
      readinessPath: readinessPath as string, management, https: https as boolean, service,
    };
  },
  contribute(o, draft, ctx) {
    const healthPort = o.management?.name ?? o.portName;
    const http = (path: string, field: string): DraftHandler => ({
      json: { httpGet: { path, port: healthPort, ...(o.https ? { scheme: 'HTTPS' } : {}) } },
      kind: HandlerKind.NETWORK,
      text: path,
      field: `${ctx.field}.${field}`,
      needs: [],
      files: [],
      directories: [],
      heartbeat: false,
    });
    if (o.management) draft.ports.push({ name: o.management.name, number: o.management.port });
    addServingPort(draft, { name: o.portName, number: o.port }, o.service);
    const liveness = http(o.livenessPath, 'livenessPath');
    draft.handlers = {
      [ProbeKind.STARTUP]: liveness,
      [ProbeKind.LIVENESS]: liveness,
      [ProbeKind.READINESS]: http(o.readinessPath, 'readinessPath'),
    } as Record<ProbeKind, DraftHandler>;
  },
};
