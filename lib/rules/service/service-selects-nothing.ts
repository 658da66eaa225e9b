/** A Service with a selector that matches no pod template in the input. */
import { Rule, RuleCategory, Severity } from '../types';

/** `service-selects-nothing`. */
export const rule: Rule = {
  meta: {
    id: 'service-selects-nothing',
    severity: Severity.INFO,
    category: RuleCategory.SERVICE,
    description: 'A Service whose selector matches no workload in the input (the workload may be in another file).',
    rationale:
      'A selector that matches nothing leaves the Service without endpoints; the probes of the intended pods cannot help. It is '
      + 'only information because the workload may simply not be part of this run. Services without a selector (endpoints managed '
      + 'by hand) and ExternalName Services are skipped. Matching is by namespace and pod-template labels (peer-checks.md, kube-score pod-probes).',
    fix: 'Lint the Service together with its workload; if it still matches nothing, fix the selector or the pod template labels.',
    peers: [],
  },
  checkService(s, ctx) {
    if (!s.selector || Object.keys(s.selector).length === 0) return;
    const spec = (s.source.object as { spec?: { type?: unknown } } | null)?.spec;
    if (spec && typeof spec === 'object' && spec.type === 'ExternalName') return;
    if (ctx.index.workloadsSelectedBy(s).length > 0) return;
    const selector = Object.keys(s.selector).sort().map((k) => `${k}=${s.selector![k]}`).join(',');
    ctx.report({
      message:
        `Service "${s.namespace ? `${s.namespace}/` : ''}${s.name}" selects ${selector}, which matches no pod template in the input `
        + `(namespace ${s.namespace ?? 'default'}): if its workload is in another file, lint them together`,
      path: ['spec', 'selector'],
    });
  },
};
