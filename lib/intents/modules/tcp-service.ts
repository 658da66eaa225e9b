/** tcp-service (databases, brokers): tcpSocket probes on the named serving port, and a Service. */
import { IntentName } from '../../k8s/annotations';
import { HandlerKind } from '../../timing';
import { given } from '../checks';
import { IntentModule, sameHandlers } from './module';
import { addServingPort, readService, ServiceChoice } from './service';

interface TcpOptions {
  readonly port: number;
  readonly portName: string;
  readonly service: ServiceChoice;
}

/** The tcp-service module. */
export const tcpServiceModule: IntentModule<TcpOptions> = {
  name: IntentName.TCP_SERVICE,
  primary: true,
  repeatable: false,
  read(o, c) {
    const portName = given(o.portName, 'tcp');
    const ok = [c.port('port', o.port), c.portName('portName', portName)].every(Boolean);
    const service = readService(o, c);
    return ok && service ? { port: o.port as number, portName: portName as string, service } : undefined;
  },
  contribute(o, draft, ctx) {
    addServingPort(draft, { name: o.portName, number: o.port }, o.service);
    draft.handlers = sameHandlers({
      json: { tcpSocket: { port: o.portName } },
      kind: HandlerKind.NETWORK,
      text: o.portName,
      field: `${ctx.field}.port`,
      needs: [],
      files: [],
      directories: [],
      heartbeat: false,
    });
  },
};
