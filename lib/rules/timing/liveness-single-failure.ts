/** A liveness probe that restarts the container on a single failed attempt. */
import { failureDetection, FailureMode } from '../../timing/budgets';
import { effectiveTiming } from '../../timing/defaults';
import { MIN_LIVENESS_FAILURE_THRESHOLD } from '../../timing/sizing';
import { containerName, probedContainers, Rule, RuleCategory, Severity } from '../types';
import { probeFieldPath, probeOf } from './read';

/** `liveness-single-failure`. */
export const rule: Rule = {
  meta: {
    id: 'liveness-single-failure',
    severity: Severity.WARNING,
    category: RuleCategory.TIMING,
    description: 'A liveness probe with failureThreshold 1: one slow or failed attempt restarts the container.',
    rationale:
      'One GC pause, one slow response under load or one dropped connection kills the container; restarts of healthy containers are '
      + 'the false positives seed 004 warns about ("almost always return 200 from liveness"). Fast recovery is better bought with a '
      + 'short period (seed 002: P = 1, F = 3) than with F = 1.',
    fix: `Set failureThreshold to at least ${MIN_LIVENESS_FAILURE_THRESHOLD} (3 is usual); shorten periodSeconds if detection must stay fast.`,
    peers: [],
  },
  checkWorkload(w, ctx) {
    for (const c of probedContainers(w)) {
      const lp = probeOf(c, 'livenessProbe');
      if (!lp) continue;
      const t = effectiveTiming(lp);
      if (t.failureThreshold !== 1) continue;
      const name = containerName(c.container);
      ctx.report({
        message:
          `liveness probe of container "${name}" has failureThreshold 1: a single failed attempt restarts the container `
          + `(a crashed handler is caught within ${failureDetection(t, FailureMode.INSTANT).worst} s either way)`,
        path: probeFieldPath(c, 'livenessProbe', 'failureThreshold'),
        container: name,
      });
    }
  },
};
