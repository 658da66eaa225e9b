/** An optional dependency declared in the annotations is named by the readiness probe. */
import { containerName, Rule, RuleCategory, RuleContext, Severity } from '../types';
import { IntentTarget, intentTargets } from '../timing/read';
import { mentionsDependency } from '../../manifest/commands';
import { handlerText, handlerTextPath } from './util';

/** `drift-optional-dependency-in-readiness`. */
export const rule: Rule = {
  meta: {
    id: 'drift-optional-dependency-in-readiness',
    severity: Severity.WARNING,
    category: RuleCategory.DRIFT,
    description: 'The readiness probe names a dependency the annotations declare optional.',
    rationale:
      'An optional dependency (a cache) must stay out of every probe: when it fails the app still serves, but a readiness probe that '
      + 'checks it removes every pod from the Service at once (seed 004: "don\'t be too sensitive to a non-critical dependency"; '
      + 'seed 001). Optional dependencies are declared in `probes.cdk8s.io/optional-dependencies`.',
    fix: 'Drop the optional dependency from the readiness check, or declare it critical if the app really cannot serve without it.',
    peers: [],
  },
  checkWorkload(w, ctx) {
    for (const target of intentTargets(w)) checkTarget(target, ctx);
  },
};

/** The check for one container's declared intent (a pod may declare several: lib/k8s/annotations). */
function checkTarget(target: IntentTarget, ctx: RuleContext): void {
  if (target.declared.optionalDependencies.length === 0) return;
  const c = target.container;
  const text = handlerText(c, 'readinessProbe');
  if (text === undefined) return;
  const named = [...new Set(target.declared.optionalDependencies.filter((d) => mentionsDependency(text, d)))].sort();
  if (named.length === 0) return;
  const name = containerName(c.container);
  ctx.report({
    message:
      `readiness probe of container "${name}" names the optional ${named.length > 1 ? 'dependencies' : 'dependency'} `
      + `${named.map((d) => `"${d}"`).join(', ')} (in "${text}"): when it fails, every pod leaves the Service although the app could still serve`,
    path: handlerTextPath(c, 'readinessProbe'),
    container: name,
  });
}
