/** A `fast-recovery` workload whose liveness no longer detects a hang within a few seconds. */
import { IntentName } from '../../k8s/annotations';
import { failureDetection } from '../../timing/budgets';
import { effectiveTiming } from '../../timing/defaults';
import { containerName, Rule, RuleCategory, RuleContext, Severity } from '../types';
import { IntentTarget, intentTargets, probeFieldPath, probeOf } from '../timing/read';

/**
 * The worst hang detection a fast-recovery liveness may have: 5 s. The intent's own probe
 * (P = 1, F = 3, T = 1) detects in 4 s; one second of slack allows T or F to be nudged.
 */
export const FAST_RECOVERY_MAX_DETECTION_SECONDS = 5;

/** `drift-fast-recovery-slow-detection`. */
export const rule: Rule = {
  meta: {
    id: 'drift-fast-recovery-slow-detection',
    severity: Severity.WARNING,
    category: RuleCategory.DRIFT,
    description: `A \`${IntentName.FAST_RECOVERY}\` workload whose liveness worst hang detection exceeds ${FAST_RECOVERY_MAX_DETECTION_SECONDS} s, or that has no liveness probe.`,
    rationale:
      'Fast recovery exists for apps that wedge and must be restarted within seconds (seed 002: P = 1, F = 3, probe-level grace 1 s); '
      + 'worst detection P + (F−1)·max(P, T) + T (lib/timing failureDetection) above a few seconds means the probe has drifted back to ordinary timing.',
    fix: 'Restore liveness to periodSeconds 1, failureThreshold 3, timeoutSeconds 1 with terminationGracePeriodSeconds 1.',
    peers: [],
  },
  checkWorkload(w, ctx) {
    for (const target of intentTargets(w)) checkTarget(target, ctx);
  },
};

/** The check for one container's declared intent (a pod may declare several: lib/k8s/annotations). */
function checkTarget(target: IntentTarget, ctx: RuleContext): void {
  if (!target.declared.intents.includes(IntentName.FAST_RECOVERY)) return;
  const c = target.container;
  const name = containerName(c.container);
  const lp = probeOf(c, 'livenessProbe');
  if (!lp) {
    ctx.report({ message: `container "${name}" has no liveness probe, but the workload is declared ${IntentName.FAST_RECOVERY}`, path: c.path, container: name });
    return;
  }
  const t = effectiveTiming(lp);
  const worst = failureDetection(t).worst;
  if (worst <= FAST_RECOVERY_MAX_DETECTION_SECONDS) return;
  ctx.report({
    message:
      `liveness probe of container "${name}" detects a hang only after up to ${worst} s (P = ${t.periodSeconds}, F = ${t.failureThreshold}, T = ${t.timeoutSeconds}), `
      + `but the workload is declared ${IntentName.FAST_RECOVERY} (at most ${FAST_RECOVERY_MAX_DETECTION_SECONDS} s)`,
    path: probeFieldPath(c, 'livenessProbe', 'periodSeconds'),
    container: name,
  });
}
