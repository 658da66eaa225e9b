/**
 * ESLint's RuleTester, for probe rules over YAML fixtures (kube-score's one-fixture-per-scenario).
 *
 * Layout: test/rules/fixtures/<rule-id>/valid/*.yaml and …/invalid/*.yaml. A valid fixture must
 * produce no finding of the rule; an invalid one at least one, or exactly N when its first line is
 * `# expect: N`. A fixture may also say `# message: text` to require that text in a message.
 * Every fixture is read with the real loader, so multi-document files and `kind: List` work.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseManifestText } from '../../lib/manifest';
import { buildIndex, runRules } from '../../lib/rules/engine';
import { Finding, Rule } from '../../lib/rules/types';

export const FIXTURES_DIR = path.join(__dirname, 'fixtures');

/** Runs one rule over YAML text and returns its findings. */
export function runRuleOnYaml(rule: Rule, yamlText: string, file = 'fixture.yaml'): Finding[] {
  const loaded = parseManifestText(yamlText, file);
  if (loaded.errors.length > 0) throw new Error(`fixture ${file} does not load: ${loaded.errors.map((e) => e.message).join('; ')}`);
  return runRules([rule], buildIndex(loaded.documents));
}

function fixtureFiles(ruleId: string, kind: 'valid' | 'invalid'): string[] {
  const dir = path.join(FIXTURES_DIR, ruleId, kind);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f));
}

/** Declares the valid/invalid fixture tests of one rule (call inside a test file). */
export function testRuleFixtures(rule: Rule): void {
  const valid = fixtureFiles(rule.meta.id, 'valid');
  const invalid = fixtureFiles(rule.meta.id, 'invalid');
  describe(`rule ${rule.meta.id}`, () => {
    it('has at least one valid and one invalid fixture', () => {
      expect(valid.length).toBeGreaterThan(0);
      expect(invalid.length).toBeGreaterThan(0);
    });
    for (const file of valid) {
      it(`valid: ${path.basename(file)}`, () => {
        const findings = runRuleOnYaml(rule, fs.readFileSync(file, 'utf8'), file).filter((f) => f.ruleId === rule.meta.id);
        expect(findings.map((f) => f.message)).toEqual([]);
      });
    }
    for (const file of invalid) {
      it(`invalid: ${path.basename(file)}`, () => {
        const text = fs.readFileSync(file, 'utf8');
        const findings = runRuleOnYaml(rule, text, file).filter((f) => f.ruleId === rule.meta.id);
        const expectCount = /^# expect: (\d+)/m.exec(text);
        if (expectCount) expect(findings).toHaveLength(Number(expectCount[1]));
        else expect(findings.length).toBeGreaterThan(0);
        for (const m of text.matchAll(/^# message: (.+)$/gm)) {
          expect(findings.some((f) => f.message.includes(m[1].trim()))).toBe(true);
        }
      });
    }
  });
}
