/** job-readiness-probe: a Job/CronJob container has a readiness probe although no Service selects the pod. */
import { isSet } from '../../manifest/record';
import { RUN_TO_COMPLETION_KINDS } from '../../manifest/workloads';
import { containerName, Rule, RuleCategory, Severity } from '../types';

/** The rule. */
export const rule: Rule = {
  meta: {
    id: 'job-readiness-probe',
    severity: Severity.INFO,
    category: RuleCategory.PEER,
    description: 'A Job container has a readiness probe, but nothing reads its pod\'s readiness.',
    rationale:
      'Readiness decides whether a Service sends traffic; a Job pod that no Service selects gains nothing from it, and the probe costs node CPU on every ' +
      'period (peer-checks.md, check 12). Not raised when a Service selects the Job\'s pods (e.g. an indexed Job with a headless Service for peer discovery), ' +
      'where readiness does matter.',
    fix: 'Remove the readinessProbe from the Job, or select its pods with a Service if other pods must reach them.',
    peers: [],
  },
  checkWorkload(w, ctx) {
    if (!RUN_TO_COMPLETION_KINDS.has(w.kind)) return;
    const withReadiness = w.containers.filter((c) => !c.init && isSet((c.container as Record<string, unknown>).readinessProbe));
    if (withReadiness.length === 0 || ctx.index.servicesSelecting(w).length > 0) return;
    for (const c of withReadiness) {
      const name = containerName(c.container);
      ctx.report({
        path: [...c.path, 'readinessProbe'],
        container: name,
        message: `${w.kind} "${w.name}" container "${name}" has a readinessProbe but no Service selects its pods: nothing uses its readiness`,
      });
    }
  },
};
