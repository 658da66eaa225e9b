import { RUNTIME_RULES } from '../../lib/rules/runtime';
import { RuleCategory } from '../../lib/rules/types';
import { testRuleFixtures } from './rule-tester';

for (const rule of RUNTIME_RULES) testRuleFixtures(rule);

describe('RUNTIME group', () => {
  it('has RUNTIME category and complete metadata', () => {
    for (const r of RUNTIME_RULES) {
      expect(r.meta.category).toBe(RuleCategory.RUNTIME);
      expect(r.meta.rationale).toMatch(/seed|issue|reference/);
    }
  });
});
