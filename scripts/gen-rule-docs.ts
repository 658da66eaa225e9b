/**
 * Generates docs/rules.md from the metadata of ALL_RULES (id, what, why, severity, category, peer
 * equivalents, fix). test/lint/rule-docs.test.ts fails when the committed file is stale.
 * Run: npx ts-node --transpile-only scripts/gen-rule-docs.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES } from '../lib/rules/registry';
import { Rule, RuleCategory } from '../lib/rules/types';

/** Where the generated file lives. */
export const RULES_DOC_PATH = path.join(__dirname, '..', 'docs', 'rules.md');

const CATEGORY_TEXT: Record<string, string> = {
  [RuleCategory.PEER]: 'checks existing manifest checkers have, with their false positives fixed',
  [RuleCategory.API]: "the API server's own probe validation, offline",
  [RuleCategory.TIMING]: 'timing mistakes only the timing model can see',
  [RuleCategory.DEPENDENCY]: 'dependency heuristics from paths and commands',
  [RuleCategory.SERVICE]: 'Services against the pods they select',
  [RuleCategory.DRIFT]: "probes against the intent recorded in this project's annotations",
  [RuleCategory.RUNTIME]: 'probes that cannot pass in the container as configured',
  [RuleCategory.LINTER]: "the linter's own checks (suppression annotations)",
};

/** Escapes text for one Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').trim();
}

/**
 * The rule table (id, what, why, severity, category, peer equivalent), one row per rule. Each id
 * links to its fix under `linkBase` (e.g. '' inside docs/rules.md, 'docs/rules.md' from the README).
 */
export function renderRulesTable(rules: readonly Rule[], linkBase: string): string {
  const rows = ['| id | what | why | severity | category | peer equivalent |', '|---|---|---|---|---|---|'];
  for (const r of rules) {
    const m = r.meta;
    rows.push(`| [\`${m.id}\`](${linkBase}#${m.id}) | ${cell(m.description)} | ${cell(m.rationale)} | ${m.severity} | ${m.category} | ${m.peers.length > 0 ? cell(m.peers.join('; ')) : '—'} |`);
  }
  return rows.join('\n');
}

/** The Markdown of docs/rules.md for the given rules (deterministic: rules in registry order). */
export function renderRulesMarkdown(rules: readonly Rule[]): string {
  const out: string[] = [];
  out.push('## Rules');
  out.push('');
  out.push('<!-- Generated from the rule metadata by scripts/gen-rule-docs.ts; do not edit by hand. -->');
  out.push('');
  const counts = new Map<string, number>();
  for (const r of rules) counts.set(r.meta.category, (counts.get(r.meta.category) ?? 0) + 1);
  out.push(`${rules.length} rules. Categories: ${[...counts.entries()].map(([c, n]) => `**${c}** (${n}: ${CATEGORY_TEXT[c] ?? c})`).join(', ')}.`);
  out.push('Severities are defaults; change them with `rules:` in `.cdk8s-probes.yaml`, silence one resource with the');
  out.push('`probes.cdk8s.io/ignore` annotation (see docs/lint.md).');
  out.push('');
  out.push(renderRulesTable(rules, ''));
  out.push('');
  out.push('### How to fix');
  out.push('');
  for (const r of rules) {
    const m = r.meta;
    out.push(`#### ${m.id}`);
    out.push('');
    out.push(`${m.severity} · ${m.category} — ${m.description.trim()}`);
    out.push('');
    out.push(`**Fix:** ${m.fix.trim()}`);
    out.push('');
  }
  return out.join('\n');
}

if (require.main === module) {
  fs.mkdirSync(path.dirname(RULES_DOC_PATH), { recursive: true });
  fs.writeFileSync(RULES_DOC_PATH, renderRulesMarkdown(ALL_RULES));
  console.log(`wrote ${path.relative(process.cwd(), RULES_DOC_PATH)} (${ALL_RULES.length} rules)`);
}
