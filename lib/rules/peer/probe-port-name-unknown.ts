/** probe-port-name-unknown: an httpGet/tcpSocket probe names a port its own container does not declare. */
import { isValidPortName } from '../../k8s/names';
import { declaredPorts, describeDeclaredPorts, resolvePort } from '../../manifest/ports';
import { containerHandlerPorts } from '../../manifest/probes';
import { containerName, probedContainers, Rule, RuleCategory, Severity } from '../types';

/** The rule. */
export const rule: Rule = {
  meta: {
    id: 'probe-port-name-unknown',
    severity: Severity.ERROR,
    category: RuleCategory.PEER,
    description: 'A probe uses a port name that its own container does not declare.',
    rationale:
      'The API server does not check that a named probe port exists on the container, so the manifest applies and the probe fails at run time: ' +
      'a liveness probe then restarts the container forever, a readiness probe keeps it out of the Service (reference/probe-semantics.md, "API validation"; ' +
      'peer-checks.md, check 9). The name resolves only against the same container\'s ports, never a sibling\'s.',
    fix: 'Use the name of one of the container\'s own ports (ports[].name), or declare the port on this container.',
    peers: ['kube-linter liveness-port', 'kube-linter readiness-port', 'kube-linter startup-port'],
  },
  checkWorkload(w, ctx) {
    for (const c of probedContainers(w)) {
      const name = containerName(c.container);
      for (const hp of containerHandlerPorts(c)) {
        if (hp.field === 'grpc' || typeof hp.port !== 'string') continue; // gRPC names: api-probe-port
        if (typeof hp.host === 'string' && hp.host !== '') continue; // another host: probe-host-set
        if (!isValidPortName(hp.port)) continue; // not a valid name: api-probe-port
        if (resolvePort(c.container, hp.port).declared) continue;
        const sibling = w.containers.find((o) => o !== c && declaredPorts(o.container).some((p) => p.name === hp.port));
        const elsewhere = sibling ? `; "${hp.port}" is declared on container "${containerName(sibling.container)}", but a probe port name resolves only against its own container` : '';
        ctx.report({
          path: hp.path,
          container: name,
          message: `container "${name}" ${hp.role}.${hp.field}.port "${hp.port}" is not the name of any of its ports (${describeDeclaredPorts(c.container)}): the probe will fail at run time${elsewhere}`,
        });
      }
    }
  },
};
