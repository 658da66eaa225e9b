import * as fs from 'fs';
import * as path from 'path';
import { Annotations } from '../../lib/k8s/annotations';
import { LintConfigurationError, lintObjects, lintPaths, displayPath } from '../../lib/rules/lint';
import { IGNORE_ANNOTATION_RULE } from '../../lib/rules/registry';
import { Severity } from '../../lib/rules/types';
import { deployment, NO_LIVENESS, SERVICE_SELECTS_NOTHING, TEST_RULES, tempTree, THROWS, TIMEOUT_GE_PERIOD } from './helpers';

const BAD_TIMING = `          livenessProbe:
            httpGet: {path: /livez, port: 8080}
            periodSeconds: 5
            timeoutSeconds: 5
`;

describe('lintPaths', () => {
  it('reads files and directories recursively, reports relative paths with file:line of the offending field', () => {
    const dir = tempTree({
      'b/web.yaml': deployment('web', BAD_TIMING),
      'a/worker.yml': deployment('worker'),
      'a/notes.txt': 'not yaml at all: [',
    });
    const r = lintPaths(['.'], { cwd: dir, rules: TEST_RULES });
    expect(r.errors).toEqual([]);
    expect(r.files).toEqual(['a/worker.yml', 'b/web.yaml']);
    expect(r.findings.map((f) => [f.file, f.line, f.column, f.ruleId])).toEqual([
      ['a/worker.yml', 13, 11, 'test-no-liveness'],
      ['b/web.yaml', 18, 29, 'test-timeout-period'],
    ]);
    const web = r.findings[1];
    expect(web.resource).toEqual({ kind: 'Deployment', name: 'web', namespace: undefined });
    expect(web.fix).toBe('set timeoutSeconds below 5');
    expect(web.severity).toBe(Severity.ERROR);
    expect(r.resourcesChecked).toBe(2);
  });

  it('sorts findings by file, document, line, rule id whatever order the rules report in', () => {
    const text = [deployment('z', BAD_TIMING), deployment('y'), deployment('x', BAD_TIMING)].join('---\n');
    const dir = tempTree({ 'm.yaml': text });
    const forward = lintPaths(['m.yaml'], { cwd: dir, rules: TEST_RULES });
    const backward = lintPaths(['m.yaml'], { cwd: dir, rules: [...TEST_RULES].reverse() });
    expect(forward.findings).toEqual(backward.findings);
    const keys = forward.findings.map((f) => [f.documentIndex, f.line, f.ruleId]);
    expect(keys).toEqual([...keys].sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number)));
    expect(forward.findings.map((f) => f.documentIndex)).toEqual([0, 1, 2]);
  });

  it('reads Helm-rendered output (--- separators, # Source: comments) and kind: List', () => {
    const helm = `---
# Source: shop/templates/web.yaml
${deployment('web')}---
# Source: shop/templates/svc.yaml
apiVersion: v1
kind: Service
metadata:
  name: lonely
spec:
  selector: {app: nobody}
  ports: [{port: 80}]
`;
    const list = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: p1}
    spec:
      containers: [{name: c, image: busybox}]
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: skipped}
`;
    const dir = tempTree({ 'helm.yaml': helm, 'list.yaml': list });
    const r = lintPaths(['helm.yaml', 'list.yaml'], { cwd: dir, rules: TEST_RULES });
    expect(r.errors).toEqual([]);
    expect(r.findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.resource.kind}/${f.resource.name}`)).toEqual([
      'helm.yaml:15 test-no-liveness Deployment/web',
      'helm.yaml:24 test-service-orphan Service/lonely',
      'list.yaml:8 test-no-liveness Pod/p1',
    ]);
    expect(r.objectsRead).toBe(4); // the ConfigMap is read and skipped
    expect(r.resourcesChecked).toBe(3);
  });

  it('reads standard input under the given name', () => {
    const r = lintPaths(['-'], { cwd: '/', rules: TEST_RULES, readStdin: () => deployment('in'), stdinName: 'rendered.yaml' });
    expect(r.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['rendered.yaml:13']);
    expect(r.files).toEqual(['rendered.yaml']);
  });

  it('collects input errors per file and document, and still checks everything else', () => {
    const dir = tempTree({
      'good.yaml': deployment('ok'),
      'broken.yaml': `${deployment('first')}---\nkey: [unclosed\n---\n- a list\n- not an object\n`,
    });
    const r = lintPaths(['good.yaml', 'broken.yaml', 'missing.yaml'], { cwd: dir, rules: TEST_RULES });
    expect(r.errors.map((e) => [e.file, e.documentIndex])).toEqual([
      ['broken.yaml', 1],
      ['broken.yaml', 2],
      ['missing.yaml', undefined],
    ]);
    expect(r.errors[2].message).toMatch(/cannot read: ENOENT/);
    expect(r.findings.map((f) => f.resource.name)).toEqual(['first', 'ok']);
  });

  it('applies disabled rules and severity overrides', () => {
    const dir = tempTree({ 'w.yaml': deployment('w', BAD_TIMING) + '---\n' + deployment('v') });
    const r = lintPaths(['w.yaml'], { cwd: dir, rules: TEST_RULES, disabledRules: ['test-no-liveness'], severityOverrides: { 'test-timeout-period': Severity.INFO } });
    expect(r.findings.map((f) => [f.ruleId, f.severity])).toEqual([['test-timeout-period', 'info']]);
  });

  it('reports unknown rule ids in options as input errors', () => {
    const r = lintPaths([], { rules: TEST_RULES, disabledRules: ['test-no-livenes'] });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toContain('unknown rule id "test-no-livenes" (did you mean "test-no-liveness"?)');
  });

  it('turns a rule that throws into an input error naming the rule and document, keeping other findings', () => {
    const dir = tempTree({ 'w.yaml': deployment('w') });
    const r = lintPaths(['w.yaml'], { cwd: dir, rules: [THROWS, NO_LIVENESS] });
    expect(r.findings.map((f) => f.ruleId)).toEqual(['test-no-liveness']);
    expect(r.errors).toEqual([{ file: 'w.yaml', documentIndex: 0, line: 1, message: expect.stringContaining('rule test-throws failed on this object') }]);
  });

  it('names files outside the working directory by absolute path', () => {
    expect(displayPath('/elsewhere/x.yaml', '/work/here')).toBe('/elsewhere/x.yaml');
    expect(displayPath(path.join('/work/here', 'k8s', 'x.yaml'), '/work/here')).toBe('k8s/x.yaml');
  });
});

describe('suppression by annotation', () => {
  const rules = [...TEST_RULES, IGNORE_ANNOTATION_RULE];

  it('silences the named rules on that resource only, with the reason kept', () => {
    const ann = `        ${Annotations.IGNORE}: "test-no-liveness, test-timeout-period: batch pods are supervised"`;
    const dir = tempTree({ 'w.yaml': deployment('quiet', BAD_TIMING, ann) + '---\n' + deployment('loud', BAD_TIMING) });
    const r = lintPaths(['w.yaml'], { cwd: dir, rules });
    expect(r.findings.map((f) => `${f.resource.name} ${f.ruleId}`)).toEqual(['loud test-timeout-period']);
    expect(r.suppressed.map((s) => `${s.finding.resource.name} ${s.finding.ruleId}: ${s.reason}`)).toEqual(['quiet test-timeout-period: batch pods are supervised']);
  });

  it('reads the annotation on the object metadata too (Services included)', () => {
    const svc = `apiVersion: v1
kind: Service
metadata:
  name: manual
  annotations:
    ${Annotations.IGNORE}: "test-service-orphan: endpoints are managed by hand"
spec:
  selector: {app: none}
`;
    const dir = tempTree({ 's.yaml': svc });
    const r = lintPaths(['s.yaml'], { cwd: dir, rules });
    expect(r.findings).toEqual([]);
    expect(r.suppressed).toHaveLength(1);
  });

  it('does not apply an entry without a reason, and says why', () => {
    const ann = `        ${Annotations.IGNORE}: "test-timeout-period"`;
    const dir = tempTree({ 'w.yaml': deployment('w', BAD_TIMING, ann) });
    const r = lintPaths(['w.yaml'], { cwd: dir, rules });
    expect(r.findings.map((f) => f.ruleId)).toEqual(['ignore-annotation-invalid', 'test-timeout-period']);
    expect(r.findings[0].message).toContain('gives no reason, so it is not applied');
    expect(r.findings[0].line).toBe(12);
    expect(r.suppressed).toEqual([]);
  });
});

describe('lintObjects', () => {
  const objects = [
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'skip' } },
    { apiVersion: 'v1', kind: 'List', items: [{ kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'x' } } }] },
  ];

  it('runs the rules in memory with every position at 1:1 of the given file name', () => {
    const f = lintObjects(objects, { rules: TEST_RULES, fileName: 'chart.k8s.yaml' });
    expect(f.map((x) => `${x.file}:${x.line}:${x.column} #${x.documentIndex} ${x.ruleId}`)).toEqual(['chart.k8s.yaml:1:1 #0 test-no-liveness', 'chart.k8s.yaml:1:1 #2 test-service-orphan']);
  });

  it('uses ALL_RULES by default and never throws on odd objects', () => {
    expect(() => lintObjects([null, 3, 'x', [], { kind: 'Deployment', spec: { template: { spec: { containers: 'no' } } } }])).not.toThrow();
  });

  it('throws a clear error for unknown rule ids', () => {
    expect(() => lintObjects(objects, { rules: TEST_RULES, severityOverrides: { nope: Severity.ERROR } })).toThrow(LintConfigurationError);
    expect(() => lintObjects(objects, { rules: TEST_RULES, disabledRules: ['nope'] })).toThrow(/disabled rules: unknown rule id "nope"/);
  });

  it('agrees with lintPaths on the same objects (same rules, same messages)', () => {
    const dir = tempTree({ 'x.json': JSON.stringify(objects[0]) });
    const fromFile = lintPaths(['x.json'], { cwd: dir, rules: [NO_LIVENESS, TIMEOUT_GE_PERIOD, SERVICE_SELECTS_NOTHING] }).findings.map((f) => [f.ruleId, f.message]);
    const inMemory = lintObjects([objects[0]], { rules: TEST_RULES }).map((f) => [f.ruleId, f.message]);
    expect(inMemory).toEqual(fromFile);
    fs.rmSync(dir, { recursive: true });
  });
});
