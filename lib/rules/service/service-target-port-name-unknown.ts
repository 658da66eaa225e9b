/** A Service whose named targetPort no container of the selected pods declares. */
import { Rule, RuleCategory, Severity } from '../types';
import { describePorts, describeServicePort, describeWorkload, servicePorts, workloadPorts } from './ports';

/** `service-target-port-name-unknown`. */
export const rule: Rule = {
  meta: {
    id: 'service-target-port-name-unknown',
    severity: Severity.ERROR,
    category: RuleCategory.SERVICE,
    description: 'A Service targetPort name that no container of the pods it selects declares (with the same protocol).',
    rationale:
      'The endpoints controller resolves a named targetPort per pod, by container port name and protocol; a pod without that name '
      + 'contributes no endpoint, so the Service sends no traffic to it although every probe passes. The API server does not check '
      + 'this (probe-semantics.md, "API validation": names are checked only at run time; peer-checks.md "Checks none of them has" 9).',
    fix: 'Name the container port as the Service targets it (same protocol), or target the port number.',
    peers: [],
  },
  checkService(s, ctx) {
    if (!s.selector || Object.keys(s.selector).length === 0) return;
    const workloads = ctx.index.workloadsSelectedBy(s);
    for (const sp of servicePorts(s)) {
      if (typeof sp.target !== 'string') continue;
      const name = sp.target;
      for (const w of workloads) {
        const ports = workloadPorts(w);
        if (ports.some((p) => p.name === name && p.protocol === sp.protocol)) continue;
        const otherProtocol = ports.find((p) => p.name === name);
        ctx.report({
          message:
            `Service "${s.name}" ${describeServicePort(sp)} targets port name "${name}", which `
            + (otherProtocol
              ? `${describeWorkload(w)} declares only with protocol ${otherProtocol.protocol}, not ${sp.protocol}`
              : `no container of ${describeWorkload(w)} declares (declared: ${describePorts(ports)})`)
            + ': its pods get no endpoint on this port'
            + (/^\d+$/.test(name) ? ` (a quoted number is a port name to the API server, and an invalid one: write ${name} unquoted)` : ''),
          path: ['spec', 'ports', sp.index, sp.targetWritten ? 'targetPort' : 'port'],
        });
      }
    }
  },
};
