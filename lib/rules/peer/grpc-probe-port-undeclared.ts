/** grpc-probe-port-undeclared: a gRPC probe's port number is not declared as a containerPort. */
import { describeDeclaredPorts, isPortNumber, resolvePort } from '../../manifest/ports';
import { containerHandlerPorts } from '../../manifest/probes';
import { containerName, probedContainers, Rule, RuleCategory, Severity } from '../types';

/** The rule. */
export const rule: Rule = {
  meta: {
    id: 'grpc-probe-port-undeclared',
    severity: Severity.WARNING,
    category: RuleCategory.PEER,
    description: 'A gRPC probe uses a port number the container does not declare.',
    rationale:
      'gRPC probes take a port number only (no names: popeye #570), so the containerPort declaration is the one link a reader or tool has between ' +
      'the probe and the port the gRPC server listens on; an undeclared number is often the HTTP or metrics port instead (peer-checks.md, check 9; seed 003).',
    fix: 'Declare the gRPC port on the container (ports: [{name: grpc, containerPort: N}]) and probe that number.',
    peers: ['kube-linter liveness-port', 'kube-linter readiness-port', 'kube-linter startup-port'],
  },
  checkWorkload(w, ctx) {
    for (const c of probedContainers(w)) {
      const name = containerName(c.container);
      for (const hp of containerHandlerPorts(c)) {
        if (hp.field !== 'grpc' || !isPortNumber(hp.port)) continue; // non-numbers: api-probe-port
        if (resolvePort(c.container, hp.port).declared) continue;
        ctx.report({
          path: hp.path,
          container: name,
          message: `container "${name}" ${hp.role}.grpc.port ${hp.port} is not a declared containerPort (declared: ${describeDeclaredPorts(c.container)})`,
        });
      }
    }
  },
};
