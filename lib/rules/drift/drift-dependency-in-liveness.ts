/** A dependency declared in the annotations is named by the liveness or startup probe. */
import { IntentName } from '../../k8s/annotations';
import { containerName, Rule, RuleCategory, RuleContext, Severity } from '../types';
import { IntentTarget, intentTargets, ROLE_LABEL } from '../timing/read';
import { mentionsDependency } from '../../manifest/commands';
import { handlerText, handlerTextPath } from './util';

/** `drift-dependency-in-liveness`. */
export const rule: Rule = {
  meta: {
    id: 'drift-dependency-in-liveness',
    severity: Severity.ERROR,
    category: RuleCategory.DRIFT,
    description: 'The liveness or startup probe names a dependency declared in the annotations (critical or optional).',
    rationale:
      `The \`${IntentName.CRITICAL_DEPENDENCY}\` intent checks critical dependencies in readiness only; liveness never does, or an `
      + 'outage of the shared dependency restarts every pod and the restarts fix nothing (seed 004). The dependency names come from '
      + '`probes.cdk8s.io/critical-dependencies` and `probes.cdk8s.io/optional-dependencies`; a probe path or command that names one '
      + 'has drifted from the declared intent.',
    fix: 'Restore the liveness and startup probes to the process-only endpoint (/livez); keep dependency checks in readiness.',
    peers: [],
  },
  checkWorkload(w, ctx) {
    for (const target of intentTargets(w)) checkTarget(target, ctx);
  },
};

/** The check for one container's declared intent (a pod may declare several: lib/k8s/annotations). */
function checkTarget(target: IntentTarget, ctx: RuleContext): void {
  const deps = [...target.declared.criticalDependencies, ...target.declared.optionalDependencies];
  if (deps.length === 0) return;
  const c = target.container;
  for (const role of ['startupProbe', 'livenessProbe'] as const) {
    const text = handlerText(c, role);
    if (text === undefined) continue;
    const named = [...new Set(deps.filter((d) => mentionsDependency(text, d)))].sort();
    if (named.length === 0) continue;
    const name = containerName(c.container);
    ctx.report({
      message:
        `${ROLE_LABEL[role]} probe of container "${name}" names the declared ${named.length > 1 ? 'dependencies' : 'dependency'} `
        + `${named.map((d) => `"${d}"`).join(', ')} (in "${text}"): an outage of it would restart every pod`,
      path: handlerTextPath(c, role),
      container: name,
    });
  }
}
