/**
 * initialDelaySeconds on liveness or readiness next to a startup probe: redundant, and counted
 * from container start rather than from startup success, which is not what readers assume.
 */
import { startupAllowance } from '../../timing/budgets';
import { effectiveTiming } from '../../timing/defaults';
import { containerName, probedContainers, Rule, RuleCategory, Severity } from '../types';
import { probeFieldPath, probeOf, ROLE_LABEL } from './read';
import { writtenNumber } from '../../manifest/record';

/** `initial-delay-with-startup-probe`. */
export const rule: Rule = {
  meta: {
    id: 'initial-delay-with-startup-probe',
    severity: Severity.INFO,
    category: RuleCategory.TIMING,
    description: 'initialDelaySeconds on a liveness or readiness probe that a startup probe already gates.',
    rationale:
      'Liveness and readiness do not run until the startup probe succeeds, but their initialDelaySeconds is still counted from '
      + 'container start, not from startup success (the kubelet code, not the docs: probe-semantics.md "When probes run"). '
      + 'The delay is either swallowed by the startup phase or holds a started app back from Ready (seed 001 sets both).',
    fix: 'Remove initialDelaySeconds from liveness and readiness; let the startup probe absorb the start.',
    peers: [],
  },
  checkWorkload(w, ctx) {
    for (const c of probedContainers(w)) {
      const sp = probeOf(c, 'startupProbe');
      if (!sp) continue;
      const guaranteed = startupAllowance(effectiveTiming(sp)).guaranteedSeconds;
      for (const role of ['livenessProbe', 'readinessProbe'] as const) {
        const d = writtenNumber(probeOf(c, role), 'initialDelaySeconds');
        if (d === undefined || d <= 0) continue;
        const name = containerName(c.container);
        ctx.report({
          message:
            `${ROLE_LABEL[role]} probe of container "${name}" sets initialDelaySeconds ${d} although a startup probe gates it `
            + `(which allows up to ${guaranteed} s guaranteed): the delay counts from container start, not from startup success, so it `
            + `does nothing when startup takes longer than ${d} s and holds the first ${ROLE_LABEL[role]} check back when startup is faster`,
          path: probeFieldPath(c, role, 'initialDelaySeconds'),
          container: name,
        });
      }
    }
  },
};
