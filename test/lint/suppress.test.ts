import { IGNORE_ANNOTATION_RULE } from '../../lib/rules/registry';
import { editDistance, parseIgnoreAnnotation } from '../../lib/rules/suppress';
import { testRuleFixtures } from '../rules/rule-tester';

describe('parseIgnoreAnnotation', () => {
  it('reads one entry per line, several ids per entry', () => {
    expect(parseIgnoreAnnotation('a-b, c: legacy app\n\n d : reviewed by SRE: see ticket 42 ')).toEqual({
      entries: [
        { ruleIds: ['a-b', 'c'], reason: 'legacy app' },
        { ruleIds: ['d'], reason: 'reviewed by SRE: see ticket 42' },
      ],
      problems: [],
    });
  });

  it.each([
    ['a-b', /gives no reason, so it is not applied/],
    ['a-b:   ', /gives no reason/],
    [': why', /names no rule id/],
    ['A_B: why', /"A_B" is not a rule id/],
    ['', /is empty/],
  ])('%j is not applied: %s', (value, message) => {
    const r = parseIgnoreAnnotation(value);
    expect(r.entries).toEqual([]);
    expect(r.problems.map((p) => p.message).join()).toMatch(message);
  });

  it('reports values that are not strings', () => {
    expect(parseIgnoreAnnotation(['x']).problems[0].message).toMatch(/must be a string .* got a list/);
    expect(parseIgnoreAnnotation(null).problems[0].message).toMatch(/got null/);
  });

  it('computes edit distances for "did you mean"', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

testRuleFixtures(IGNORE_ANNOTATION_RULE);
