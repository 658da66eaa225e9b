/** A probe timeout at or below the declared worst handler latency. */
import { Annotations } from '../../k8s/annotations';
import { PROBE_ROLES } from '../../k8s/types';
import { effectiveTiming } from '../../timing/defaults';
import { HandlerKind, timeoutFor } from '../../timing/sizing';
import { containerName, Rule, RuleCategory, RuleContext, Severity } from '../types';
import { IntentTarget, intentTargets, probeFieldPath, probeOf, ROLE_LABEL } from '../timing/read';
import { handlerTypeOf } from '../../manifest/probes';

/** `drift-timeout-not-above-handler-latency`. */
export const rule: Rule = {
  meta: {
    id: 'drift-timeout-not-above-handler-latency',
    severity: Severity.ERROR,
    category: RuleCategory.DRIFT,
    description: `A probe whose timeoutSeconds is not above the declared \`${Annotations.HANDLER_LATENCY_SECONDS}\`.`,
    rationale:
      'The timeout must exceed the health handler\'s worst latency, with headroom, or the probe fails exactly when the app is slow '
      + 'but healthy (seeds 000, 003; "T = 1 s causes false positives under load", probe-semantics.md "Published guidance"). '
      + 'The worst latency is declared in the annotation; a timeout at or below it has drifted.',
    fix: 'Set timeoutSeconds to the declared latency rounded up plus headroom (exec: plus process start), keeping it below periodSeconds.',
    peers: [],
  },
  checkWorkload(w, ctx) {
    for (const target of intentTargets(w)) checkTarget(target, ctx);
  },
};

/** The check for one container's declared intent (a pod may declare several: lib/k8s/annotations). */
function checkTarget(target: IntentTarget, ctx: RuleContext): void {
  const latency = target.declared.handlerLatencySeconds;
  if (latency === undefined) return;
  const c = target.container;
  const name = containerName(c.container);
  for (const role of PROBE_ROLES) {
    const probe = probeOf(c, role);
    if (!probe) continue;
    const t = effectiveTiming(probe);
    if (t.timeoutSeconds > latency) continue;
    const kind = handlerTypeOf(probe) === 'exec' ? HandlerKind.EXEC : HandlerKind.NETWORK;
    ctx.report({
      message:
        `${ROLE_LABEL[role]} probe of container "${name}" times out after ${t.timeoutSeconds} s, not above the declared worst handler latency of ${latency} s: `
        + 'it fails whenever the handler is slow but healthy',
      path: probeFieldPath(c, role, 'timeoutSeconds'),
      container: name,
      fix: `set timeoutSeconds to ${timeoutFor(latency, kind)} (and periodSeconds above it)`,
    });
  }
}
