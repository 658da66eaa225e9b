/** A Service whose numeric targetPort none of the selected pods' declared container ports has. */
import { Rule, RuleCategory, Severity } from '../types';
import { describePorts, describeServicePort, describeWorkload, servicePorts, workloadPorts } from './ports';

/** `service-target-port-undeclared`. */
export const rule: Rule = {
  meta: {
    id: 'service-target-port-undeclared',
    severity: Severity.WARNING,
    category: RuleCategory.SERVICE,
    description: 'A numeric Service targetPort that the selected pods do not declare, although they declare other ports.',
    rationale:
      'A numeric targetPort is used as is, so traffic reaches whatever listens there; when the pods declare their ports and this one '
      + 'is not among them, the usual cause is a typo or a port changed on one side only, and the probes (on the declared port) keep '
      + 'passing while the Service sends traffic nowhere. Pods that declare no ports at all are not reported (containerPort is '
      + 'informational: the kube-linter #455/#1086 complaint in peer-checks.md).',
    fix: 'Make the Service targetPort match a declared containerPort, preferably by name.',
    peers: [],
  },
  checkService(s, ctx) {
    if (!s.selector || Object.keys(s.selector).length === 0) return;
    const workloads = ctx.index.workloadsSelectedBy(s);
    for (const sp of servicePorts(s)) {
      const target = sp.target; // a string, even "8080", is a port name (ValidatePortNumOrName): the name rule's
      if (typeof target !== 'number') continue;
      for (const w of workloads) {
        const ports = workloadPorts(w);
        if (ports.length === 0 || ports.some((p) => p.containerPort === target)) continue;
        ctx.report({
          message:
            `Service "${s.name}" ${describeServicePort(sp)} targets port ${target}${sp.targetWritten ? '' : ' (targetPort defaults to port)'}, `
            + `which no container of ${describeWorkload(w)} declares (declared: ${describePorts(ports)})`,
          path: ['spec', 'ports', sp.index, sp.targetWritten ? 'targetPort' : 'port'],
        });
      }
    }
  },
};
