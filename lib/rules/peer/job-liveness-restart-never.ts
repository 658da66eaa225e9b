/** job-liveness-restart-never: a Job/CronJob container with a liveness probe under restartPolicy Never. */
import { isSet } from '../../manifest/record';
import { RUN_TO_COMPLETION_KINDS } from '../../manifest/workloads';
import { containerName, Rule, RuleCategory, Severity } from '../types';

/** The rule. */
export const rule: Rule = {
  meta: {
    id: 'job-liveness-restart-never',
    severity: Severity.WARNING,
    category: RuleCategory.PEER,
    description: 'A Job container has a liveness probe but the pod\'s restartPolicy is Never.',
    rationale:
      'With restartPolicy Never a liveness failure cannot restart the container: the kill fails the whole pod, the Job starts a new pod from scratch ' +
      'and the failure counts against backoffLimit, so a slow batch step can exhaust the Job (peer-checks.md, check 12). Native sidecars are not judged: ' +
      'they restart on their own whatever the pod\'s policy.',
    fix: 'Use restartPolicy: OnFailure so a liveness kill restarts the container in place, or give the liveness probe a generous budget (failureThreshold × periodSeconds well above the longest legitimate stall), or drop it and rely on activeDeadlineSeconds.',
    peers: [],
  },
  checkWorkload(w, ctx) {
    if (!RUN_TO_COMPLETION_KINDS.has(w.kind)) return;
    if (w.podSpec.restartPolicy !== 'Never') return;
    for (const c of w.containers) {
      if (c.init) continue;
      if (!isSet((c.container as Record<string, unknown>).livenessProbe)) continue;
      const name = containerName(c.container);
      ctx.report({
        path: [...c.path, 'livenessProbe'],
        container: name,
        message: `${w.kind} "${w.name}" container "${name}" has a livenessProbe with restartPolicy Never: a liveness kill fails the pod and consumes backoffLimit instead of restarting the container`,
      });
    }
  },
};
