import * as fs from 'fs';
import * as path from 'path';
import { PEER_RULES } from '../../lib/rules/peer';
import { API_RULES } from '../../lib/rules/api';
import { RuleCategory } from '../../lib/rules/types';
import { FIXTURES_DIR, runRuleOnYaml, testRuleFixtures } from './rule-tester';

for (const rule of PEER_RULES) testRuleFixtures(rule);

describe('PEER group', () => {
  it('has unique kebab-case ids, PEER category and complete metadata', () => {
    const ids = PEER_RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of PEER_RULES) {
      expect(r.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.meta.category).toBe(RuleCategory.PEER);
      expect(r.meta.description.length).toBeGreaterThan(10);
      expect(r.meta.rationale).toMatch(/seed|reference|peer-checks|kube-|#\d+/);
      expect(r.meta.fix.length).toBeGreaterThan(10);
    }
  });
});
