/**
 * probe-port-undeclared: an httpGet/tcpSocket probe uses a port number that the container, which
 * does declare ports, does not list (info: undeclared ports are legal).
 */
import { declaredPorts, describeDeclaredPorts, isPortNumber } from '../../manifest/ports';
import { containerHandlerPorts } from '../../manifest/probes';
import { containerName, probedContainers, Rule, RuleCategory, Severity } from '../types';

/** The rule. */
export const rule: Rule = {
  meta: {
    id: 'probe-port-undeclared',
    severity: Severity.INFO,
    category: RuleCategory.PEER,
    description: 'A probe uses a port number that is not among the ports its container declares.',
    rationale:
      'containerPort is informational: a probe on an undeclared port is legal and common, which is why this is only info and only raised when the ' +
      'container declares other ports (kube-linter #455, #1086: its port checks flag every undeclared port). When the container lists its ports and the ' +
      'probe uses another number, the number is often a typo or cdk8s-plus-27\'s silent default of 80 for a container declared with `ports` ' +
      '(reference/cdk8s-notes.md).',
    fix: 'Probe one of the declared ports, by name where possible (httpGet/tcpSocket), or declare the port the app listens on.',
    peers: ['kube-linter liveness-port', 'kube-linter readiness-port', 'kube-linter startup-port'],
  },
  checkWorkload(w, ctx) {
    for (const c of probedContainers(w)) {
      const ports = declaredPorts(c.container);
      if (ports.length === 0) continue;
      const name = containerName(c.container);
      for (const hp of containerHandlerPorts(c)) {
        if (hp.field === 'grpc' || !isPortNumber(hp.port)) continue; // gRPC: grpc-probe-port-undeclared
        if (typeof hp.host === 'string' && hp.host !== '') continue;
        const port = hp.port;
        if (ports.some((p) => p.containerPort === port)) continue;
        const eighty = port === 80 ? ' (80 is what cdk8s-plus-27 probes when a container declares `ports` rather than `portNumber`)' : '';
        ctx.report({
          path: hp.path,
          container: name,
          message: `container "${name}" ${hp.role}.${hp.field}.port ${port} is not among its declared ports (${describeDeclaredPorts(c.container)})${eighty}`,
        });
      }
    }
  },
};
