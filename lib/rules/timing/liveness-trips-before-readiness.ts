/**
 * Liveness must trip strictly later than readiness, so that a struggling pod leaves the Service
 * before it is restarted (and so that identical handlers are harmless).
 */
import { instantTripSeconds } from '../../timing/budgets';
import { effectiveTiming } from '../../timing/defaults';
import { SizingError, sizeReadiness } from '../../timing/sizing';
import { containerName, probedContainers, Rule, RuleCategory, Severity } from '../types';
import { probeFieldPath, probeOf } from './read';
import { isLongRunning } from '../probe-util';

/** `liveness-trips-before-readiness`. */
export const rule: Rule = {
  meta: {
    id: 'liveness-trips-before-readiness',
    severity: Severity.WARNING,
    category: RuleCategory.TIMING,
    description: 'Liveness trips (F·P) no later than readiness, so a struggling pod is restarted before it leaves the Service.',
    rationale:
      'A pod that is overloaded or briefly wedged should first stop receiving traffic (readiness) and get a chance to recover; '
      + 'when liveness trips first it is killed while still in the endpoints (seed 004 "Overloaded"; peer-checks.md, '
      + '"Checks none of them has" 4). With liveness tripping later, even identical handlers are acceptable. '
      + 'Skipped for Jobs and CronJobs (readiness means little there).',
    fix: 'Make readiness trip first: a shorter readiness periodSeconds × failureThreshold, or a longer liveness one.',
    peers: [],
  },
  checkWorkload(w, ctx) {
    if (!isLongRunning(w)) return;
    for (const c of probedContainers(w)) {
      const lp = probeOf(c, 'livenessProbe');
      const rp = probeOf(c, 'readinessProbe');
      if (!lp || !rp) continue;
      const l = effectiveTiming(lp);
      const r = effectiveTiming(rp);
      const lTrip = instantTripSeconds(l);
      const rTrip = instantTripSeconds(r);
      if (lTrip > rTrip) continue;
      const name = containerName(c.container);
      let fix: string;
      try {
        const sized = sizeReadiness(l, r.timeoutSeconds);
        fix = `give readiness periodSeconds ${sized.periodSeconds} and failureThreshold ${sized.failureThreshold} (trips in ${instantTripSeconds(sized)} s), or let liveness trip later`;
      } catch (e) {
        if (!(e instanceof SizingError)) throw e;
        fix = `let liveness trip later than readiness's ${rTrip} s: raise the liveness failureThreshold or periodSeconds`;
      }
      ctx.report({
        message:
          `container "${name}": liveness trips after ${lTrip} s of failures (F·P = ${l.failureThreshold}·${l.periodSeconds}), `
          + `no later than readiness (${rTrip} s = ${r.failureThreshold}·${r.periodSeconds}): a struggling pod is restarted before it leaves the Service`,
        path: probeFieldPath(c, 'livenessProbe', 'failureThreshold'),
        container: name,
        fix,
      });
    }
  },
};
