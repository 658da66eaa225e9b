/** probe-port-protocol: a TCP-based probe (httpGet, tcpSocket, grpc) targets a port declared only as UDP or SCTP. */
import { resolvePort } from '../../manifest/ports';
import { containerHandlerPorts } from '../../manifest/probes';
import { containerName, probedContainers, Rule, RuleCategory, Severity } from '../types';

/** The rule. */
export const rule: Rule = {
  meta: {
    id: 'probe-port-protocol',
    severity: Severity.ERROR,
    category: RuleCategory.PEER,
    description: 'An httpGet, tcpSocket or grpc probe targets a port the container declares only as UDP or SCTP.',
    rationale:
      'HTTP, TCP and gRPC probes open a TCP connection; a port declared with protocol UDP or SCTP (and not also as TCP) is not what they reach, ' +
      'so the probe fails or checks something else (peer-checks.md, check 9; kube-linter only accepts TCP or unset protocols).',
    fix: 'Probe a TCP port, or use an exec probe for a UDP-only service (e.g. a DNS query with a timeout).',
    peers: ['kube-linter liveness-port', 'kube-linter readiness-port', 'kube-linter startup-port'],
  },
  checkWorkload(w, ctx) {
    for (const c of probedContainers(w)) {
      const name = containerName(c.container);
      for (const hp of containerHandlerPorts(c)) {
        if (typeof hp.host === 'string' && hp.host !== '') continue;
        const r = resolvePort(c.container, hp.port);
        if (!r.declared || r.protocol === undefined || r.protocol === 'TCP') continue;
        const shown = typeof hp.port === 'string' ? `"${hp.port}"${r.number !== undefined ? ` (${r.number})` : ''}` : String(hp.port);
        ctx.report({
          path: hp.path,
          container: name,
          message: `container "${name}" ${hp.role}.${hp.field}.port ${shown} is declared with protocol ${r.protocol}, but ${hp.field} probes connect over TCP`,
        });
      }
    }
  },
};
