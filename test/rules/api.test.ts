import { API_RULES } from '../../lib/rules/api';
import { RuleCategory } from '../../lib/rules/types';
import { runRuleOnYaml, testRuleFixtures } from './rule-tester';

for (const rule of API_RULES) testRuleFixtures(rule);

describe('API group', () => {
  it('has unique kebab-case ids prefixed api-, API category and complete metadata', () => {
    const ids = API_RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of API_RULES) {
      expect(r.meta.id).toMatch(/^api(-[a-z0-9]+)+$/);
      expect(r.meta.category).toBe(RuleCategory.API);
      expect(r.meta.rationale).toMatch(/probe-semantics|API server/);
    }
  });
});
