/**
 * api-probe-thresholds: the API server's per-role rules: successThreshold must be 1 on liveness
 * and startup probes; terminationGracePeriodSeconds must not be set on a readiness probe.
 */
import { asRecord, isSet } from '../../manifest/record';
import { containerName, probedContainers, Rule, RuleCategory, Severity } from '../types';

/** The rule. */
export const rule: Rule = {
  meta: {
    id: 'api-probe-thresholds',
    severity: Severity.ERROR,
    category: RuleCategory.API,
    description: 'successThreshold must be 1 on liveness and startup probes; readiness probes must not set terminationGracePeriodSeconds.',
    rationale:
      'The API server rejects livenessProbe/startupProbe.successThreshold other than 1 ("must be 1"; 0 is defaulted to 1 first) and ' +
      'readinessProbe.terminationGracePeriodSeconds ("must not be set for readinessProbes": readiness never kills the container) ' +
      '(reference/probe-semantics.md, "Defaults" and "API validation").',
    fix: 'Remove successThreshold from liveness and startup probes (or set it to 1); remove terminationGracePeriodSeconds from the readiness probe.',
    peers: ['Datree 59'],
  },
  checkWorkload(w, ctx) {
    for (const c of probedContainers(w)) {
      const name = containerName(c.container);
      const rec = c.container as Record<string, unknown>;
      for (const role of ['livenessProbe', 'startupProbe'] as const) {
        const p = asRecord(rec[role]);
        const s = p?.successThreshold;
        if (typeof s === 'number' && s !== 0 && s !== 1) {
          ctx.report({
            path: [...c.path, role, 'successThreshold'],
            container: name,
            message: `container "${name}" ${role}.successThreshold: ${s}: must be 1 (only readiness probes may need several successes)`,
          });
        }
      }
      const r = asRecord(rec.readinessProbe);
      if (r && isSet(r.terminationGracePeriodSeconds)) {
        ctx.report({
          path: [...c.path, 'readinessProbe', 'terminationGracePeriodSeconds'],
          container: name,
          message: `container "${name}" readinessProbe.terminationGracePeriodSeconds: must not be set for readinessProbes (a readiness failure never kills the container)`,
          fix: 'Remove it here; put a probe-level terminationGracePeriodSeconds on the liveness or startup probe if a failed probe must kill faster.',
        });
      }
    }
  },
};
