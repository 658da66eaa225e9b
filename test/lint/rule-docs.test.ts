import * as fs from 'fs';
import { ALL_RULES } from '../../lib/rules/registry';
import { renderRulesMarkdown, RULES_DOC_PATH } from '../../scripts/gen-rule-docs';

describe('docs/rules.md', () => {
  it('is up to date with the rule metadata (regenerate: npx ts-node --transpile-only scripts/gen-rule-docs.ts)', () => {
    const committed = fs.existsSync(RULES_DOC_PATH) ? fs.readFileSync(RULES_DOC_PATH, 'utf8') : '<missing>';
    expect(committed).toBe(renderRulesMarkdown(ALL_RULES));
  });

  it('has one table row and one fix section per rule, with pipes escaped', () => {
    const md = renderRulesMarkdown(ALL_RULES);
    for (const r of ALL_RULES) {
      expect(md).toContain(`| [\`${r.meta.id}\`](#${r.meta.id}) |`);
      expect(md).toContain(`#### ${r.meta.id}\n`);
    }
    const rows = md.split('\n').filter((l) => l.startsWith('| [`'));
    expect(rows).toHaveLength(ALL_RULES.length);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(8); // 6 cells between 7 pipes
  });
});
