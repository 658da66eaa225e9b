/**
 * timeoutSeconds must stay below periodSeconds: a hanging attempt holds the probe worker for T,
 * so attempts drift apart and detection is slower than the numbers suggest.
 */
import { PROBE_ROLES } from '../../k8s/types';
import { failureDetection } from '../../timing/budgets';
import { effectiveTiming } from '../../timing/defaults';
import { minPeriodFor } from '../../timing/sizing';
import { containerName, probedContainers, Rule, RuleCategory, Severity } from '../types';
import { probeFieldPath, probeOf, ROLE_LABEL } from './read';

/** `timeout-not-below-period`. */
export const rule: Rule = {
  meta: {
    id: 'timeout-not-below-period',
    severity: Severity.WARNING,
    category: RuleCategory.TIMING,
    description: 'A probe whose timeoutSeconds is not below its periodSeconds (T = P = 1 excepted: nothing is lower).',
    rationale:
      'The kubelet runs one attempt at a time per probe: a hanging attempt occupies the worker for T, so attempts are max(P, T) apart '
      + 'and hang detection takes P + (F−1)·max(P, T) + T (probe-semantics.md, "Timing formulas"); the period written is not the period run.',
    fix: 'Keep timeoutSeconds below periodSeconds: lower the timeout to the handler\'s worst latency plus headroom, or raise the period.',
    peers: [],
  },
  checkWorkload(w, ctx) {
    for (const c of probedContainers(w)) {
      for (const role of PROBE_ROLES) {
        const probe = probeOf(c, role);
        if (!probe) continue;
        const t = effectiveTiming(probe);
        if (t.timeoutSeconds < t.periodSeconds || (t.timeoutSeconds === 1 && t.periodSeconds === 1)) continue;
        const name = containerName(c.container);
        ctx.report({
          message:
            `${ROLE_LABEL[role]} probe of container "${name}": timeoutSeconds ${t.timeoutSeconds} is not below periodSeconds ${t.periodSeconds}; `
            + `hanging attempts run ${Math.max(t.periodSeconds, t.timeoutSeconds)} s apart and a hang is detected only after up to ${failureDetection(t).worst} s`,
          path: probeFieldPath(c, role, 'timeoutSeconds'),
          container: name,
          fix: `lower timeoutSeconds below ${t.periodSeconds}, or raise periodSeconds to at least ${minPeriodFor(t.timeoutSeconds)}`,
        });
      }
    }
  },
};
