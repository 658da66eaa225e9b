/**
 * A Deployment's progressDeadlineSeconds must outlast the slowest start its probes allow, or a
 * rollout is marked failed while a slow pod is still legitimately starting.
 */
import { ProbeRole } from '../../k8s/types';
import { recovery, startupAllowance } from '../../timing/budgets';
import { API_DEFAULTS, DEFAULT_PROGRESS_DEADLINE_SECONDS, effectiveTiming } from '../../timing/defaults';
import { progressDeadlineFor } from '../../timing/sizing';
import { containerName, probedContainers, Rule, RuleCategory, Severity } from '../types';
import { probeFieldPath, probeOf, ROLE_LABEL } from './read';
import { writtenNumber } from '../../manifest/record';

/** `startup-exceeds-progress-deadline`. */
export const rule: Rule = {
  meta: {
    id: 'startup-exceeds-progress-deadline',
    severity: Severity.WARNING,
    category: RuleCategory.TIMING,
    description: "The slowest start the probes allow, plus readiness, is longer than the Deployment's progressDeadlineSeconds.",
    rationale:
      'A start may take up to D + F·P of the startup probe (liveness without one) before it trips, and Ready follows within S·P of '
      + 'readiness; a Deployment whose new pod needs longer than progressDeadlineSeconds (default 600) reports ProgressDeadlineExceeded '
      + 'and the rollout is considered failed (peer-checks.md, "Checks none of them has" 6; seed 004 slow starters).',
    fix: 'Raise spec.progressDeadlineSeconds above the startup budget plus one readiness window and some slack for scheduling and image pulls.',
    peers: [],
  },
  checkWorkload(w, ctx) {
    if (w.kind !== 'Deployment') return;
    const written = writtenNumber(w.spec, 'progressDeadlineSeconds');
    const deadline = written !== undefined && written > 0 ? written : DEFAULT_PROGRESS_DEADLINE_SECONDS;
    for (const c of probedContainers(w)) {
      const role: ProbeRole | undefined = probeOf(c, 'startupProbe') ? 'startupProbe' : probeOf(c, 'livenessProbe') ? 'livenessProbe' : undefined;
      if (!role) continue;
      const guard = effectiveTiming(probeOf(c, role) ?? {});
      const readinessProbe = probeOf(c, 'readinessProbe');
      const readiness = readinessProbe ? effectiveTiming(readinessProbe) : undefined;
      const maximum = startupAllowance(guard).maximumSeconds;
      const toReady = readiness ? recovery(readiness).worst : 0;
      const needed = maximum + toReady;
      if (needed <= deadline) continue;
      const name = containerName(c.container);
      ctx.report({
        message:
          `container "${name}": its ${ROLE_LABEL[role]} probe lets a start run up to ${maximum} s (D + F·P = ${guard.initialDelaySeconds} + ${guard.failureThreshold}·${guard.periodSeconds})`
          + (readiness ? ` and Ready follows within ${toReady} s (S·P of readiness)` : '')
          + `, ${needed} s in all, above the Deployment's progressDeadlineSeconds ${deadline}${written === undefined ? ' (the default)' : ''}: `
          + 'a rollout is marked failed while a slow pod is still allowed to be starting',
        path: written !== undefined ? ['spec', 'progressDeadlineSeconds'] : probeFieldPath(c, role, 'failureThreshold'),
        container: name,
        fix: `set spec.progressDeadlineSeconds to at least ${progressDeadlineFor(guard, readiness ?? API_DEFAULTS)}`,
      });
    }
  },
};
