/**
 * probe-port-of-other-container: a container's probe uses a port number that it does not declare
 * but another container of the pod does. Containers share the pod's network namespace, so the
 * probe reaches the other container's server, and its verdict acts on the wrong container.
 */
import { declaredPorts, isPortNumber } from '../../manifest/ports';
import { containerHandlerPorts } from '../../manifest/probes';
import { containerName, probedContainers, Rule, RuleCategory, Severity } from '../types';
import { ROLE_LABEL } from '../timing/read';

/** The rule. */
export const rule: Rule = {
  meta: {
    id: 'probe-port-of-other-container',
    severity: Severity.WARNING,
    category: RuleCategory.RUNTIME,
    description: 'A probe uses a port number its container does not declare but another container of the pod does.',
    rationale:
      'All containers of a pod share one network namespace, and the kubelet sends httpGet, tcpSocket and gRPC probes to the pod IP ' +
      '(reference/probe-semantics.md, "Handlers"), so a sidecar whose probe names the app\'s port checks the app: a liveness failure of ' +
      'the app restarts the sidecar, and the sidecar itself is never checked. The usual cause is a probe copied from the app container, ' +
      'or a container added through an escape hatch after the construct planned the pod (issue 7). A port nobody declares is left ' +
      'to probe-port-undeclared: undeclared ports are legal.',
    fix: 'Point the probe at a port this container listens on (and declare it), or move the probe to the container that owns the port.',
    peers: [],
  },
  checkWorkload(w, ctx) {
    const containers = probedContainers(w);
    for (const c of containers) {
      const own = declaredPorts(c.container);
      const name = containerName(c.container);
      for (const hp of containerHandlerPorts(c)) {
        if (!isPortNumber(hp.port) || (typeof hp.host === 'string' && hp.host !== '')) continue;
        const port = hp.port;
        if (own.some((p) => p.containerPort === port)) continue;
        const owner = containers.find((o) => o !== c && declaredPorts(o.container).some((p) => p.containerPort === port));
        if (!owner) continue;
        const ownerName = containerName(owner.container);
        ctx.report({
          path: hp.path,
          container: name,
          message:
            `container "${name}" ${ROLE_LABEL[hp.role]} probe (${hp.field}) uses port ${port}, which container "${ownerName}" declares and "${name}" does not: ` +
            `the probe checks "${ownerName}" through the shared pod network, and its failures act on "${name}"`,
        });
      }
    }
  },
};
