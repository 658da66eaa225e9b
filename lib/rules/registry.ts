/**
 * Every rule, in one stable order: the groups in the order PEER, API, TIMING, DEPENDENCY, SERVICE,
 * DRIFT, RUNTIME (each group lists its own rules in a stable order), then the linter's own
 * `ignore-annotation-invalid`. The CLI, the cdk8s validation plugin and the constructs all run this list.
 */
import { API_RULES } from './api';
import { DEPENDENCY_RULES } from './dependency';
import { DRIFT_RULES } from './drift';
import { PEER_RULES } from './peer';
import { RUNTIME_RULES } from './runtime';
import { SERVICE_RULES } from './service';
import { createIgnoreAnnotationRule } from './suppress';
import { TIMING_RULES } from './timing';
import { rule as livenessTcpMissesHangs } from './timing/liveness-tcp-misses-hangs';
import { Rule, RuleCategory, Severity } from './types';

/** The rule that reports unusable `probes.cdk8s.io/ignore` annotations; it knows every id of {@link ALL_RULES}. */
export const IGNORE_ANNOTATION_RULE: Rule = createIgnoreAnnotationRule(() => RULE_IDS);

/** Every rule, in a stable order (see the module comment). */
export const ALL_RULES: readonly Rule[] = Object.freeze([
  ...PEER_RULES,
  ...API_RULES,
  ...TIMING_RULES,
  livenessTcpMissesHangs,
  ...DEPENDENCY_RULES,
  ...SERVICE_RULES,
  ...DRIFT_RULES,
  ...RUNTIME_RULES,
  IGNORE_ANNOTATION_RULE,
]);

/** The id of every rule in {@link ALL_RULES}, in the same order. */
export const RULE_IDS: readonly string[] = Object.freeze(ALL_RULES.map((r) => r.meta.id));

const BY_ID: ReadonlyMap<string, Rule> = new Map(ALL_RULES.map((r) => [r.meta.id, r]));

/** The rule with this id, or undefined. */
export function findRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}

const SEVERITIES: ReadonlySet<string> = new Set(Object.values(Severity));
const CATEGORIES: ReadonlySet<string> = new Set(Object.values(RuleCategory));
const RULE_ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Checks a rule list: ids kebab-case and unique, every metadata text present, severity and category
 * known, at least one body. Returns one message per problem (empty when the list is sound).
 */
export function checkRuleList(rules: readonly Rule[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    const m = rule.meta as Partial<Rule['meta']> | undefined;
    const label = typeof m?.id === 'string' && m.id.length > 0 ? `rule "${m.id}"` : `rule #${i}`;
    if (!m) {
      problems.push(`${label}: no metadata`);
      return;
    }
    if (typeof m.id !== 'string' || !RULE_ID_PATTERN.test(m.id)) problems.push(`${label}: id ${JSON.stringify(m.id)} is not kebab-case`);
    else if (seen.has(m.id)) problems.push(`${label}: id is used twice`);
    else seen.add(m.id);
    if (!SEVERITIES.has(m.severity as string)) problems.push(`${label}: severity ${JSON.stringify(m.severity)} is not one of ${[...SEVERITIES].join(', ')}`);
    if (!CATEGORIES.has(m.category as string)) problems.push(`${label}: category ${JSON.stringify(m.category)} is not one of ${[...CATEGORIES].join(', ')}`);
    for (const field of ['description', 'rationale', 'fix'] as const) {
      if (typeof m[field] !== 'string' || m[field]!.trim().length === 0) problems.push(`${label}: ${field} is missing`);
    }
    if (!Array.isArray(m.peers)) problems.push(`${label}: peers must be a list (empty when no peer tool has the check)`);
    if (typeof rule.checkWorkload !== 'function' && typeof rule.checkService !== 'function') problems.push(`${label}: neither checkWorkload nor checkService`);
  });
  return problems;
}
