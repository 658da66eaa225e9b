/**
 * The probe that guards startup (the startup probe, or liveness when there is none) must
 * guarantee at least the worst startup the annotations declare.
 */
import { ProbeRole } from '../../k8s/types';
import { startupAllowance } from '../../timing/budgets';
import { effectiveTiming } from '../../timing/defaults';
import { sizeStartup } from '../../timing/sizing';
import { containerName, Rule, RuleCategory, RuleContext, Severity } from '../types';
import { IntentTarget, intentTargets, probeFieldPath, probeOf, ROLE_LABEL } from './read';

/** `startup-allowance-below-declared`. */
export const rule: Rule = {
  meta: {
    id: 'startup-allowance-below-declared',
    severity: Severity.ERROR,
    category: RuleCategory.TIMING,
    description: 'The startup probe (or liveness, without one) guarantees less startup time than the declared worst startup.',
    rationale:
      'The first attempt lands anywhere in [D, D + P), so only D + (F−1)·P is guaranteed (probe-semantics.md, "Startup probe"); '
      + 'a start slower than that is killed and restarted, often forever (seeds 001, 004). The worst startup is declared in the '
      + '`probes.cdk8s.io/worst-startup-seconds` annotation.',
    fix: 'Size the startup probe from the declared worst startup: failureThreshold = ⌈W / P⌉ + 1 with initialDelaySeconds 0.',
    peers: [],
  },
  checkWorkload(w, ctx) {
    for (const target of intentTargets(w)) checkTarget(target, ctx);
  },
};

/** The check for one container's declared intent (a pod may declare several: lib/k8s/annotations). */
function checkTarget(target: IntentTarget, ctx: RuleContext): void {
  const worst = target.declared.worstStartupSeconds;
  if (worst === undefined) return;
  const c = target.container;
  const role: ProbeRole | undefined = probeOf(c, 'startupProbe') ? 'startupProbe' : probeOf(c, 'livenessProbe') ? 'livenessProbe' : undefined;
  if (!role) return; // nothing kills a slow start
  const t = effectiveTiming(probeOf(c, role) ?? {});
  const allowance = startupAllowance(t);
  if (allowance.guaranteedSeconds >= worst) return;
  const sized = sizeStartup(worst, t.timeoutSeconds);
  const name = containerName(c.container);
  const guard = role === 'startupProbe' ? 'startup probe' : 'liveness probe (there is no startup probe)';
  ctx.report({
    message:
      `${guard} of container "${name}" guarantees only ${allowance.guaranteedSeconds} s of startup `
      + `(D + (F−1)·P = ${t.initialDelaySeconds} + (${t.failureThreshold}−1)·${t.periodSeconds}), below the declared worst startup of ${worst} s: `
      + `a start that slow is killed by the ${ROLE_LABEL[role]} probe`,
    path: probeFieldPath(c, role, 'failureThreshold'),
    container: name,
    fix:
      role === 'startupProbe'
        ? `set the startup probe to periodSeconds ${sized.periodSeconds}, failureThreshold ${sized.failureThreshold}, initialDelaySeconds 0 (guarantees ${startupAllowance(sized).guaranteedSeconds} s)`
        : `add a startup probe on the liveness endpoint with periodSeconds ${sized.periodSeconds}, failureThreshold ${sized.failureThreshold} (guarantees ${startupAllowance(sized).guaranteedSeconds} s)`,
  });
}
