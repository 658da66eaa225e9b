/**
 * The lint rules a ProbedWorkload runs at synth over what it writes, including edits made later
 * through the escape hatches (`deployment`, `container`, `service`, JSON patches). Every
 * error-severity rule, plus the warnings and notes that catch an edit undoing what the construct
 * guarantees: a patched probe sharing the liveness check while tripping no later
 * (liveness-readiness-identical), liveness tripping before readiness, timeout ≥ period, a
 * single-failure liveness, and a probe on a port number its container does not declare: another
 * container's (probe-port-of-other-container: a sidecar probing the app), or any while it declares
 * others (probe-port-undeclared, grpc-probe-port-undeclared; a named port the container does not
 * declare is the error rule probe-port-name-unknown). Everything else stays the business of
 * `cdk8s-probes lint` and the validation plugin.
 */
import { createObjectLinter } from '../rules/lint';
import { ALL_RULES } from '../rules/registry';
import { Finding, Rule, Severity } from '../rules/types';

/** Rule ids that fail synth beyond the error-severity rules. */
export const SYNTH_EXTRA_RULE_IDS: readonly string[] = [
  'liveness-readiness-identical',
  'liveness-trips-before-readiness',
  'timeout-not-below-period',
  'liveness-single-failure',
  'probe-port-undeclared',
  'grpc-probe-port-undeclared',
  'probe-port-of-other-container',
];

/** The rules run at synth. */
export const SYNTH_RULES: Rule[] = ALL_RULES.filter((r) => r.meta.severity === Severity.ERROR || SYNTH_EXTRA_RULE_IDS.includes(r.meta.id));

/** The synth rules, prepared once (on first use). */
let lintSynthRules: ((objects: readonly unknown[]) => Finding[]) | undefined;

/**
 * The synth rules' findings in rendered objects, as synth reports them:
 * `rule-id: Kind container name: message (fix: …)`; `keep` picks the findings that count.
 */
export function synthRuleProblems(objects: readonly unknown[], keep: (f: Finding) => boolean = () => true): string[] {
  lintSynthRules ??= createObjectLinter({ rules: SYNTH_RULES });
  return lintSynthRules(objects)
    .filter(keep)
    .map((f) => `${f.ruleId}: ${f.resource.kind}${f.container ? ` container ${f.container}` : ''}: ${f.message} (fix: ${f.fix})`);
}
