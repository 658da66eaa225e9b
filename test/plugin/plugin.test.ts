import * as path from 'path';
import { ProbeValidation, ProbeValidationContext, ProbeValidationViolation, sharedNames } from '../../lib/plugin';
import { RULE_IDS } from '../../lib/rules/registry';
import { tempTree } from '../lint/helpers';

function fakeContext(manifests: string[]) {
  const violations: ProbeValidationViolation[] = [];
  const submitted: Array<{ status: string; metadata?: Record<string, string> }> = [];
  const logs: string[] = [];
  const ctx: ProbeValidationContext = {
    manifests,
    report: {
      addViolation: (v) => {
        if (submitted.length > 0) throw new Error('Violations cannot be added to report after its submitted');
        violations.push(v);
      },
      submit: (status, metadata) => submitted.push({ status, metadata: metadata ? { ...metadata } : undefined }),
    },
    logger: { log: (m) => logs.push(m) },
  };
  return { ctx, violations, submitted, logs };
}

const BAD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: x
          livenessProbe:
            tcpSocket: {port: 80}
            successThreshold: 3
          readinessProbe:
            tcpSocket: {port: 80}
            terminationGracePeriodSeconds: 5
`;
const CLEAN = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n';
const OTHERS = RULE_IDS.filter((id) => id !== 'api-probe-thresholds');

describe('ProbeValidation (cdk8s validation plugin)', () => {
  it('submits success with no violation for clean manifests', async () => {
    const dir = tempTree({ 'dist/a.k8s.yaml': CLEAN });
    const { ctx, violations, submitted } = fakeContext([path.join(dir, 'dist/a.k8s.yaml')]);
    await new ProbeValidation().validate(ctx);
    expect(violations).toEqual([]);
    expect(submitted).toEqual([{ status: 'success', metadata: { findings: '0', errors: '0', warnings: '0', info: '0', suppressed: '0', failOn: 'error' } }]);
  });

  it('reports one violation per rule, resources by metadata.name with the manifest path, and fails at failOn', async () => {
    const dir = tempTree({ 'dist/web.k8s.yaml': BAD, 'dist/ok.k8s.yaml': CLEAN });
    const manifests = [path.join(dir, 'dist/ok.k8s.yaml'), path.join(dir, 'dist/web.k8s.yaml')];
    const { ctx, violations, submitted } = fakeContext(manifests);
    await new ProbeValidation({ disabledRules: OTHERS }).validate(ctx);
    expect(violations).toHaveLength(1);
    const v = violations[0];
    expect(v.ruleName).toBe('api-probe-thresholds');
    expect(v.recommendation.length).toBeGreaterThan(0);
    expect(v.fix.length).toBeGreaterThan(0);
    expect(v.violatingResources).toEqual([{ resourceName: 'web', manifestPath: manifests[1], locations: [expect.stringMatching(/^Deployment web: spec\.template\.spec\.containers\.0\.livenessProbe\.successThreshold \(line 13\) \[error\]: /), expect.stringMatching(/^Deployment web: .*readinessProbe\.terminationGracePeriodSeconds \(line 16\)/)] }]);
    expect(submitted.map((s) => s.status)).toEqual(['failure']);
    expect(submitted[0].metadata).toMatchObject({ findings: '2', errors: '2' });
  });

  it('honours failOn none and severities (reports, but succeeds)', async () => {
    const dir = tempTree({ 'web.yaml': BAD });
    const a = fakeContext([path.join(dir, 'web.yaml')]);
    await new ProbeValidation({ disabledRules: OTHERS, failOn: 'none' }).validate(a.ctx);
    expect(a.violations).toHaveLength(1);
    expect(a.submitted.map((s) => s.status)).toEqual(['success']);
    const b = fakeContext([path.join(dir, 'web.yaml')]);
    await new ProbeValidation({ disabledRules: OTHERS, failOn: 'error', severities: { 'api-probe-thresholds': 'warning' } }).validate(b.ctx);
    expect(b.submitted.map((s) => s.status)).toEqual(['success']);
  });

  it('fails and logs when a manifest cannot be read, and always submits exactly once', async () => {
    const { ctx, submitted, logs } = fakeContext(['/nonexistent/x.k8s.yaml']);
    await new ProbeValidation().validate(ctx);
    expect(submitted).toEqual([{ status: 'failure', metadata: expect.objectContaining({ inputErrors: '1' }) }]);
    expect(logs[0]).toMatch(/^cdk8s-probes: \/nonexistent\/x\.k8s\.yaml: cannot read: ENOENT/);
  });

  it('submits failure even when reporting throws', async () => {
    const dir = tempTree({ 'web.yaml': BAD });
    const { ctx, submitted, logs } = fakeContext([path.join(dir, 'web.yaml')]);
    const broken: ProbeValidationContext = { ...ctx, report: { ...ctx.report, addViolation: () => { throw new Error('report is full'); } } };
    await new ProbeValidation({ disabledRules: OTHERS }).validate(broken);
    expect(submitted).toEqual([{ status: 'failure', metadata: { crash: 'report is full' } }]);
    expect(logs[0]).toMatch(/validation failed unexpectedly/);
  });

  it('rejects bad properties with a message naming the property, value and what is allowed', () => {
    expect(() => new ProbeValidation({ failOn: 'fatal' })).toThrow('failOn: "fatal" is not allowed; use one of error, warning, info, none');
    expect(() => new ProbeValidation({ disabledRules: ['api-probe-threshold'] })).toThrow(/disabledRules: unknown rule id "api-probe-threshold" \(did you mean "api-probe-thresholds"\?\)/);
    expect(() => new ProbeValidation({ severities: { 'api-probe-thresholds': 'loud' } })).toThrow(/severities\.api-probe-thresholds: "loud" is not allowed/);
    expect(() => new ProbeValidation({ failon: 'error' } as never)).toThrow(/property "failon" is not known; allowed: failOn, disabledRules, severities/);
  });

  it('is loadable the way cdk8s-cli loads it (class by name, constructed with properties)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('../../lib/plugin') as Record<string, unknown>;
    const Clazz = mod.ProbeValidation as new (p: unknown) => { validate: unknown };
    expect(typeof new Clazz({}).validate).toBe('function');
  });
});

describe('ProbeValidation with the real cdk8s-cli ValidationContext', () => {
  it('fills a real ValidationReport that cdk8s-cli can print', async () => {
    // cdk8s-cli does not export this subpath; load the file the CLI itself loads
    const file = path.join(__dirname, '..', '..', 'node_modules', 'cdk8s-cli', 'lib', 'plugins', 'validation.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ValidationContext } = require(file) as typeof import('../../node_modules/cdk8s-cli/lib/plugins/validation');
    const dir = tempTree({ 'dist/web.k8s.yaml': BAD });
    const manifest = path.join(dir, 'dist/web.k8s.yaml');
    const ctx = new ValidationContext([manifest], 'cdk8s-probes', '0.1.0', { web: { path: 'chart/web/Resource' } }, false);
    await new ProbeValidation({ disabledRules: OTHERS }).validate(ctx);
    expect(ctx.report.success).toBe(false);
    const json = ctx.report.toJson();
    expect(json.violations.map((v) => v.ruleName)).toEqual(['api-probe-thresholds']);
    expect(json.violations[0].violatingConstructs[0]).toMatchObject({ resourceName: 'web', constructPath: 'chart/web/Resource', manifestPath: manifest });
    expect(ctx.report.toString()).toContain('Construct Path: chart/web/Resource');
  });
});

describe('ProbeValidation: findings land on the right construct', () => {
  // cdk8s records construct-metadata.json by metadata.name only; a Service named like its
  // Deployment would lend the Deployment's finding its own construct path
  const SHARED = `${BAD}---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
${BAD.replace('name: web', 'name: api')}`;

  it('qualifies a shared name as Kind/name and keeps a unique name as is', async () => {
    const dir = tempTree({ 'dist/web.k8s.yaml': SHARED });
    const manifest = path.join(dir, 'dist/web.k8s.yaml');
    const { ctx, violations } = fakeContext([manifest]);
    await new ProbeValidation({ disabledRules: OTHERS }).validate(ctx);
    expect(violations).toHaveLength(1);
    const byName = Object.fromEntries(violations[0].violatingResources.map((r) => [r.resourceName, r.locations]));
    expect(Object.keys(byName).sort()).toEqual(['Deployment/web', 'api']);
    expect(byName['Deployment/web'][0]).toMatch(/^Deployment web: spec\.template/);
    expect(byName.api[0]).toMatch(/^Deployment api: spec\.template/);
  });

  it('shows N/A rather than the Service path in a real cdk8s-cli report, and the right path for a unique name', async () => {
    const file = path.join(__dirname, '..', '..', 'node_modules', 'cdk8s-cli', 'lib', 'plugins', 'validation.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ValidationContext } = require(file) as typeof import('../../node_modules/cdk8s-cli/lib/plugins/validation');
    const dir = tempTree({ 'dist/web.k8s.yaml': SHARED });
    const manifest = path.join(dir, 'dist/web.k8s.yaml');
    // what cdk8s writes: one entry per name, the last object of that name winning
    const metadata = { web: { path: 'chart/web/Service/Resource' }, api: { path: 'chart/api/Resource' } };
    const ctx = new ValidationContext([manifest], 'cdk8s-probes', '0.1.0', metadata, false);
    await new ProbeValidation({ disabledRules: OTHERS }).validate(ctx);
    const constructs = ctx.report.toJson().violations[0].violatingConstructs;
    expect(constructs.map((c) => [c.resourceName, c.constructPath])).toEqual([
      ['Deployment/web', undefined],
      ['api', 'chart/api/Resource'],
    ]);
    const text = ctx.report.toString();
    expect(text).not.toContain('chart/web/Service/Resource');
    expect(text).toContain('> Deployment web: spec.template.spec.containers.0.livenessProbe.successThreshold (line 13)');
  });

  it('counts names across manifests and List items, and skips unreadable or broken input', () => {
    const dir = tempTree({
      'a.yaml': 'kind: ConfigMap\nmetadata: {name: one}\n---\nkind: List\nitems:\n  - kind: Secret\n    metadata: {name: two}\n',
      'b.yaml': 'kind: Service\nmetadata: {name: two}\n---\n[unclosed\n',
    });
    expect([...sharedNames([path.join(dir, 'a.yaml'), path.join(dir, 'b.yaml'), path.join(dir, 'missing.yaml')])]).toEqual(['two']);
  });
});

