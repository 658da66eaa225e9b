/** An `http-service` whose liveness and readiness probes call the same endpoint. */
import { IntentName } from '../../k8s/annotations';
import { describeHandler, normalizeHandler, sameHandler } from '../probe-util';
import { containerName, Rule, RuleCategory, Severity } from '../types';
import { handlerTypeOf, intentTarget, probeOf } from '../timing/read';

/** `drift-shared-liveness-readiness-endpoint`. */
export const rule: Rule = {
  meta: {
    id: 'drift-shared-liveness-readiness-endpoint',
    severity: Severity.WARNING,
    category: RuleCategory.DRIFT,
    description: `An \`${IntentName.HTTP_SERVICE}\` whose liveness and readiness call the same HTTP endpoint (after resolving named ports).`,
    rationale:
      'The http-service intent gives liveness (process only) and readiness (process plus critical dependencies, overload) separate '
      + 'endpoints; one shared endpoint either restarts pods for dependency outages or keeps overloaded pods in the Service '
      + '(seeds 000, 001, 004). Unlike a generic identical-probe check, this fires whatever the thresholds: the declared intent is separate endpoints.',
    fix: 'Point liveness at /livez and readiness at /readyz (or the Spring Boot liveness/readiness groups).',
    peers: ['kube-score pod-probes-identical', 'Kyverno validate-probes'],
  },
  checkWorkload(w, ctx) {
    const target = intentTarget(w);
    if (!target || !target.declared.intents.includes(IntentName.HTTP_SERVICE)) return;
    const c = target.container;
    const live = probeOf(c, 'livenessProbe');
    const ready = probeOf(c, 'readinessProbe');
    if (handlerTypeOf(live) !== 'httpGet' || handlerTypeOf(ready) !== 'httpGet') return;
    const l = normalizeHandler(live, c.container);
    const r = normalizeHandler(ready, c.container);
    if (!sameHandler(l, r)) return;
    const name = containerName(c.container);
    ctx.report({
      message: `liveness and readiness probes of container "${name}" both call ${describeHandler(l)}, but the workload is declared ${IntentName.HTTP_SERVICE} with separate endpoints`,
      path: [...c.path, 'readinessProbe', 'httpGet', 'path'],
      container: name,
    });
  },
};
