import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES, checkRuleList, findRule, IGNORE_ANNOTATION_RULE, RULE_IDS } from '../../lib/rules/registry';
import { RuleCategory, Severity } from '../../lib/rules/types';
import { FIXTURES_DIR } from '../rules/rule-tester';

describe('ALL_RULES', () => {
  it('has unique kebab-case ids and complete metadata', () => {
    expect(checkRuleList(ALL_RULES)).toEqual([]);
    expect(new Set(RULE_IDS).size).toBe(ALL_RULES.length);
  });

  it('keeps the group order PEER, API, TIMING, DEPENDENCY, SERVICE, DRIFT, RUNTIME, then the linter rule last', () => {
    const order = [RuleCategory.PEER, RuleCategory.API, RuleCategory.TIMING, RuleCategory.DEPENDENCY, RuleCategory.SERVICE, RuleCategory.DRIFT, RuleCategory.RUNTIME, RuleCategory.LINTER];
    const ranks = ALL_RULES.map((r) => order.indexOf(r.meta.category));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ALL_RULES[ALL_RULES.length - 1]).toBe(IGNORE_ANNOTATION_RULE);
  });

  it('finds rules by id', () => {
    for (const id of RULE_IDS) expect(findRule(id)?.meta.id).toBe(id);
    expect(findRule('no-such-rule')).toBeUndefined();
  });

  it.each(RULE_IDS.map((id) => [id]))('%s has at least one valid and one invalid fixture', (id) => {
    for (const kind of ['valid', 'invalid']) {
      const dir = path.join(FIXTURES_DIR, id, kind);
      const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)) : [];
      // names the missing directory in the failure
      expect(files.length > 0 ? 'present' : `no fixture in test/rules/fixtures/${path.relative(FIXTURES_DIR, dir)}`).toBe('present');
    }
  });
});

describe('checkRuleList', () => {
  it('reports duplicate ids, bad severities and missing texts', () => {
    const base = IGNORE_ANNOTATION_RULE;
    const broken = { meta: { ...base.meta, id: 'Bad_Id', severity: 'fatal' as Severity, rationale: ' ' }, checkWorkload: base.checkWorkload };
    expect(checkRuleList([base, base, broken])).toEqual([
      'rule "ignore-annotation-invalid": id is used twice',
      'rule "Bad_Id": id "Bad_Id" is not kebab-case',
      'rule "Bad_Id": severity "fatal" is not one of error, warning, info',
      'rule "Bad_Id": rationale is missing',
    ]);
  });
});
