/** A `grpc-service` whose liveness or readiness is not a native gRPC probe. */
import { IntentName } from '../../k8s/annotations';
import { containerName, Rule, RuleCategory, RuleContext, Severity } from '../types';
import { IntentTarget, intentTargets, probeOf, ROLE_LABEL } from '../timing/read';
import { handlerTypeOf } from '../../manifest/probes';

/** `drift-grpc-service-without-grpc-probes`. */
export const rule: Rule = {
  meta: {
    id: 'drift-grpc-service-without-grpc-probes',
    severity: Severity.WARNING,
    category: RuleCategory.DRIFT,
    description: `A \`${IntentName.GRPC_SERVICE}\` whose liveness or readiness probe is missing or not a native grpc probe (an exec probe is accepted when the \`${IntentName.EXEC}\` intent declares a custom command).`,
    rationale:
      'The gRPC intent probes grpc.health.v1.Health/Check natively (GA in 1.27) with distinct service names per probe; a tcpSocket '
      + 'probe only proves the port is open and an exec grpc_health_probe costs a process per attempt (seed 003; probe-semantics.md "Handlers").',
    fix: 'Use grpc probes on the port number with service names such as "liveness" and "readiness".',
    peers: [],
  },
  checkWorkload(w, ctx) {
    for (const target of intentTargets(w)) checkTarget(target, ctx);
  },
};

/** The check for one container's declared intent (a pod may declare several: lib/k8s/annotations). */
function checkTarget(target: IntentTarget, ctx: RuleContext): void {
  if (!target.declared.intents.includes(IntentName.GRPC_SERVICE)) return;
  const c = target.container;
  const name = containerName(c.container);
  for (const role of ['livenessProbe', 'readinessProbe'] as const) {
    const probe = probeOf(c, role);
    const type = handlerTypeOf(probe);
    if (type === 'grpc') continue;
    // an `exec` intent declares a custom command for a probe: an exec handler is what was asked for
    if (type === 'exec' && target.declared.intents.includes(IntentName.EXEC)) continue;
    ctx.report({
      message:
        `${ROLE_LABEL[role]} probe of container "${name}" ${probe ? `uses ${type ?? 'no handler'}` : 'is missing'}, `
        + `but the workload is declared ${IntentName.GRPC_SERVICE}: expected a native grpc probe`,
      path: probe ? [...c.path, role] : c.path,
      container: name,
    });
  }
}
