/** Liveness worst hang detection above the declared `hang-detection-seconds`. */
import { Annotations } from '../../k8s/annotations';
import { failureDetection } from '../../timing/budgets';
import { effectiveTiming } from '../../timing/defaults';
import { sizeLiveness, SizingError } from '../../timing/sizing';
import { containerName, Rule, RuleCategory, RuleContext, Severity } from '../types';
import { IntentTarget, intentTargets, probeFieldPath, probeOf } from '../timing/read';

/** `drift-hang-detection-exceeded`. */
export const rule: Rule = {
  meta: {
    id: 'drift-hang-detection-exceeded',
    severity: Severity.ERROR,
    category: RuleCategory.DRIFT,
    description: `The liveness probe's worst hang detection is above the declared \`${Annotations.HANG_DETECTION_SECONDS}\`, or there is no liveness probe.`,
    rationale:
      'A hung process is caught only after P + (F−1)·max(P, T) + T (probe-semantics.md "Timing formulas"; lib/timing failureDetection); '
      + 'the team declared how long a hang may last, and the probe as written no longer keeps that promise.',
    fix: 'Size liveness from the declared target again (shorter period, fewer failures, or a shorter timeout).',
    peers: [],
  },
  checkWorkload(w, ctx) {
    for (const target of intentTargets(w)) checkTarget(target, ctx);
  },
};

/** The check for one container's declared intent (a pod may declare several: lib/k8s/annotations). */
function checkTarget(target: IntentTarget, ctx: RuleContext): void {
  const declared = target.declared.hangDetectionSeconds;
  if (declared === undefined) return;
  const c = target.container;
  const name = containerName(c.container);
  const lp = probeOf(c, 'livenessProbe');
  if (!lp) {
    ctx.report({ message: `container "${name}" has no liveness probe, but a hang must be detected within ${declared} s (${Annotations.HANG_DETECTION_SECONDS})`, path: c.path, container: name });
    return;
  }
  const t = effectiveTiming(lp);
  const worst = failureDetection(t).worst;
  if (worst <= declared) return;
  let fix: string | undefined;
  try {
    const s = sizeLiveness(declared, t.timeoutSeconds);
    fix = `set liveness periodSeconds ${s.periodSeconds}, failureThreshold ${s.failureThreshold} (detects within ${failureDetection(s).worst} s)`;
  } catch (e) {
    if (!(e instanceof SizingError)) throw e;
    fix = `no liveness with timeoutSeconds ${t.timeoutSeconds} meets ${declared} s: ${e.allowed}`;
  }
  ctx.report({
    message:
      `liveness probe of container "${name}" detects a hang only after up to ${worst} s (P + (F−1)·max(P,T) + T with P = ${t.periodSeconds}, `
      + `F = ${t.failureThreshold}, T = ${t.timeoutSeconds}), above the declared ${declared} s`,
    path: probeFieldPath(c, 'livenessProbe', 'periodSeconds'),
    container: name,
    fix,
  });
}
