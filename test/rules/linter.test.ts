import * as fs from 'fs';
import * as path from 'path';
import { Linter, Severity } from '../../lib';
import { tempTree } from '../lint/helpers';

const DEPLOYMENT = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { template: { spec: { containers: [{ name: 'app', image: 'x', livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 3 } }] } } },
};

describe('Linter (the jsii-facing lint entry point)', () => {
  it('lints objects in memory with flat, language-neutral findings', () => {
    const findings = new Linter().lintObjects([DEPLOYMENT]);
    const f = findings.find((x) => x.ruleId === 'api-probe-thresholds')!;
    expect(f).toEqual({
      ruleId: 'api-probe-thresholds',
      severity: Severity.ERROR,
      message: expect.stringContaining('successThreshold'),
      fix: expect.any(String),
      file: '<memory>',
      documentIndex: 0,
      line: 1,
      column: 1,
      resourceKind: 'Deployment',
      resourceName: 'web',
      resourceNamespace: 'shop',
      container: 'app',
      path: 'spec.template.spec.containers.0.livenessProbe.successThreshold',
    });
  });

  it('applies disabled rules and severities, and rejects unknown rule ids', () => {
    const others = Linter.ruleIds().filter((id) => id !== 'api-probe-thresholds');
    const findings = new Linter({ disabledRules: others, severities: { 'api-probe-thresholds': Severity.INFO } }).lintObjects([DEPLOYMENT]);
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['api-probe-thresholds', 'info']]);
    expect(() => new Linter({ disabledRules: ['api-probe-threshold'] })).toThrow(/unknown rule id "api-probe-threshold" \(did you mean "api-probe-thresholds"\?\)/);
  });

  it('lints files with lines, and reports unreadable input as lines of text', () => {
    const dir = tempTree({ 'k8s/web.yaml': JSON.stringify(DEPLOYMENT, null, 1), 'bad.yaml': 'a: [\n' });
    const r = new Linter({ disabledRules: Linter.ruleIds().filter((id) => id !== 'api-probe-thresholds') }).lintFiles(['k8s', 'bad.yaml', 'missing.yaml'], dir);
    expect(r.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual([`k8s/web.yaml:${fs.readFileSync(path.join(dir, 'k8s/web.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('successThreshold')) + 1} api-probe-thresholds`]);
    expect(r.inputErrors).toEqual([expect.stringMatching(/^bad\.yaml:\d+: YAML document 1: invalid YAML/), expect.stringMatching(/^missing\.yaml: /)]);
  });
});
