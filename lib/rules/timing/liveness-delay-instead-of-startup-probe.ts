/**
 * A large liveness initialDelaySeconds used to survive a slow start, where a startup probe
 * belongs.
 */
import { startupAllowance } from '../../timing/budgets';
import { effectiveTiming } from '../../timing/defaults';
import { sizeStartup } from '../../timing/sizing';
import { containerName, probedContainers, Rule, RuleCategory, Severity } from '../types';
import { probeFieldPath, probeOf } from './read';
import { writtenNumber } from '../../manifest/record';

/**
 * The liveness initialDelaySeconds from which the rule fires: 30 s, the default liveness failure
 * window (F·P = 3·10). A delay that long is a slow start being waited out.
 */
export const LARGE_LIVENESS_DELAY_SECONDS = 30;

/** `liveness-delay-instead-of-startup-probe`. */
export const rule: Rule = {
  meta: {
    id: 'liveness-delay-instead-of-startup-probe',
    severity: Severity.WARNING,
    category: RuleCategory.TIMING,
    description: `A liveness initialDelaySeconds of ${LARGE_LIVENESS_DELAY_SECONDS} s or more, and no startup probe.`,
    rationale:
      'A fixed delay is too short on slow hardware (the container is killed while starting, over and over) and too long on fast '
      + 'hardware (a hang in the first D seconds of every container goes unnoticed); a startup probe polls often with a high '
      + 'threshold and hands over to liveness as soon as the app is up (seeds 001 and 004; Kubernetes docs). '
      + `Threshold: D ≥ ${LARGE_LIVENESS_DELAY_SECONDS} s, the default liveness failure window.`,
    fix: 'Remove initialDelaySeconds from liveness and add a startup probe on the liveness endpoint sized for the worst startup.',
    peers: [],
  },
  checkWorkload(w, ctx) {
    for (const c of probedContainers(w)) {
      if (probeOf(c, 'startupProbe')) continue;
      const lp = probeOf(c, 'livenessProbe');
      const d = writtenNumber(lp, 'initialDelaySeconds');
      if (!lp || d === undefined || d < LARGE_LIVENESS_DELAY_SECONDS) continue;
      const t = effectiveTiming(lp);
      const name = containerName(c.container);
      const sized = sizeStartup(d, t.timeoutSeconds);
      ctx.report({
        message:
          `liveness probe of container "${name}" waits initialDelaySeconds ${d} instead of using a startup probe: a start slower than `
          + `${startupAllowance(t).guaranteedSeconds} s (D + (F−1)·P) is killed, and a hang in the first ${d} s of every container goes unnoticed`,
        path: probeFieldPath(c, 'livenessProbe', 'initialDelaySeconds'),
        container: name,
        fix:
          `remove initialDelaySeconds and add a startup probe on the liveness endpoint with periodSeconds ${sized.periodSeconds} and `
          + `failureThreshold ${sized.failureThreshold} (guarantees ${startupAllowance(sized).guaranteedSeconds} s; size it for the real worst startup)`,
      });
    }
  },
};
