/** An `http-service` whose liveness and readiness probes call the same endpoint. */
import { IntentName } from '../../k8s/annotations';
import { describeHandler, handlerTypeOf, normalizeHandler, sameHandler } from '../../manifest/probes';
import { TimingFieldsInput } from '../../timing/defaults';
import { sharedEndpointVerdict } from '../../timing/shared-endpoint';
import { containerName, Rule, RuleCategory, RuleContext, Severity } from '../types';
import { IntentTarget, intentTargets, probeOf } from '../timing/read';

/** `drift-shared-liveness-readiness-endpoint`. */
export const rule: Rule = {
  meta: {
    id: 'drift-shared-liveness-readiness-endpoint',
    severity: Severity.WARNING,
    category: RuleCategory.DRIFT,
    description: `An \`${IntentName.HTTP_SERVICE}\` whose liveness and readiness call the same HTTP endpoint (after resolving named ports) and liveness does not trip strictly after readiness.`,
    rationale:
      'The http-service intent gives liveness (process only) and readiness (process plus critical dependencies, overload) separate '
      + 'endpoints; one shared endpoint that trips liveness no later than readiness restarts pods for what should only take them out '
      + 'of the Service (seeds 000, 001, 004). An app with one health endpoint (seed 002) is accepted when liveness trips strictly '
      + 'after readiness (F·P above readiness\'s): the same rule, from lib/timing/shared-endpoint, that the constructs apply at synth '
      + 'and that liveness-readiness-identical applies to any workload; this rule names the declared intent the edit broke.',
    fix: 'Point liveness at /livez and readiness at /readyz (or the Spring Boot liveness/readiness groups), or, with one endpoint, make liveness trip strictly later than readiness (failureThreshold × periodSeconds).',
    peers: ['kube-score pod-probes-identical', 'Kyverno validate-probes'],
  },
  checkWorkload(w, ctx) {
    for (const target of intentTargets(w)) checkTarget(target, ctx);
  },
};

/** The check for one container's declared intent (a pod may declare several: lib/k8s/annotations). */
function checkTarget(target: IntentTarget, ctx: RuleContext): void {
  if (!target.declared.intents.includes(IntentName.HTTP_SERVICE)) return;
  const c = target.container;
  const live = probeOf(c, 'livenessProbe');
  const ready = probeOf(c, 'readinessProbe');
  if (handlerTypeOf(live) !== 'httpGet' || handlerTypeOf(ready) !== 'httpGet') return;
  const l = normalizeHandler(live, c.container);
  const r = normalizeHandler(ready, c.container);
  if (!sameHandler(l, r)) return;
  const verdict = sharedEndpointVerdict(live as TimingFieldsInput, ready as TimingFieldsInput);
  if (verdict.acceptable) return;
  const name = containerName(c.container);
  const order = verdict.livenessTripSeconds === verdict.readinessTripSeconds ? 'at the same time as' : 'before';
  ctx.report({
    message:
      `liveness and readiness probes of container "${name}" both call ${describeHandler(l)} and liveness trips ${order} readiness `
      + `(F·P ${verdict.livenessTripSeconds} s vs ${verdict.readinessTripSeconds} s), but the workload is declared ${IntentName.HTTP_SERVICE}: `
      + 'separate endpoints, or one endpoint with liveness tripping strictly later',
    path: [...c.path, 'readinessProbe', 'httpGet', 'path'],
    container: name,
  });
}
