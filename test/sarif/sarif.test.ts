/**
 * SARIF output held to the official SARIF 2.1.0 JSON schema (the OASIS schema as shipped in
 * @microsoft/jest-sarif, draft-04, validated with ajv) and to what GitHub code scanning needs:
 * helpUri, stable partialFingerprints, repo-relative URIs, the 25,000-result limit.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { FINGERPRINT_KEY, formatSarif, GITHUB_MAX_RESULTS_PER_RUN, toSarif } from '../../lib/cli/format/sarif';
import { LintReport } from '../../lib/cli/format/types';
import { STDIN_NAME } from '../../lib/manifest';
import { REPOSITORY_URL, ruleDocsUrl } from '../../lib/project';
import { LintResult, lintPaths } from '../../lib/rules/lint';
import { ALL_RULES } from '../../lib/rules/registry';
import { Finding, Severity } from '../../lib/rules/types';
import { tempTree } from '../lint/helpers';

const SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
// unicodeRegExp off: the schema's language pattern has a stray ']' that only non-unicode regexes accept
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')));

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(ok ? [] : (validate.errors ?? []).slice(0, 5)).toEqual([]);
}

function reportOf(result: LintResult): LintReport {
  return { result, rules: ALL_RULES, severityOf: (id) => ALL_RULES.find((r) => r.meta.id === id)!.meta.severity, failOn: Severity.ERROR, toolVersion: '0.1.0' };
}

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
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
            timeoutSeconds: 10
            periodSeconds: 5
`;
const OTHER = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n';

describe('SARIF output', () => {
  it('validates against the official SARIF 2.1.0 schema, with helpUri, informationUri and fingerprints', () => {
    const dir = tempTree({ 'k8s/web.yaml': WEB, 'broken.yaml': 'a: [\n' });
    const log = toSarif(reportOf(lintPaths(['k8s', 'broken.yaml'], { cwd: dir })));
    expectValid(log);
    // the schema check can fail: a wrong version or a result without a message is rejected
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    expect(validate({ ...log, runs: [{ ...log.runs[0], results: [{ ruleId: 'x' }] }] })).toBe(false);
    const run = log.runs[0];
    expect(run.tool.driver.informationUri).toBe(REPOSITORY_URL);
    const rulesMd = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
    for (const rule of run.tool.driver.rules!) {
      expect(rule.helpUri).toBe(ruleDocsUrl(rule.id));
      // the anchor exists: docs/rules.md has a heading with the rule id
      expect(rulesMd).toContain(`\n#### ${rule.id}\n`);
    }
    expect(run.results!.length).toBeGreaterThan(1);
    for (const res of run.results!) {
      expect(res.partialFingerprints![FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{64}$/);
      expect(res.locations![0].physicalLocation!.artifactLocation).toEqual({ uri: 'k8s/web.yaml', uriBaseId: '%SRCROOT%' });
    }
    // distinct findings, distinct fingerprints
    expect(new Set(run.results!.map((r) => r.partialFingerprints![FINGERPRINT_KEY])).size).toBe(run.results!.length);
    expect(run.invocations![0].executionSuccessful).toBe(false);
  });

  it('keeps fingerprints when lines move, and changes them when the resource does', () => {
    const fingerprints = (text: string) => {
      const dir = tempTree({ 'k8s/web.yaml': text });
      const run = toSarif(reportOf(lintPaths(['k8s/web.yaml'], { cwd: dir }))).runs[0];
      return run.results!.map((r) => ({ rule: r.ruleId, fp: r.partialFingerprints![FINGERPRINT_KEY], line: r.locations![0].physicalLocation!.region!.startLine }));
    };
    const before = fingerprints(WEB);
    const moved = fingerprints(`${OTHER}---\n# a comment\n\n${WEB}`);
    expect(moved.map((m) => m.line)).not.toEqual(before.map((b) => b.line));
    expect(moved.map((m) => [m.rule, m.fp]).sort()).toEqual(before.map((b) => [b.rule, b.fp]).sort());
    const renamed = fingerprints(WEB.replace('name: web', 'name: api'));
    for (const r of renamed) expect(before.map((b) => b.fp)).not.toContain(r.fp);
  });

  it('names standard input by --stdin-filename when given, else by a documented placeholder', () => {
    const named = toSarif(reportOf(lintPaths(['-'], { readStdin: () => WEB, stdinName: 'charts/web.yaml' }))).runs[0];
    expect(named.results![0].locations![0].physicalLocation!.artifactLocation).toEqual({ uri: 'charts/web.yaml', uriBaseId: '%SRCROOT%' });
    const anonymous = toSarif(reportOf(lintPaths(['-'], { readStdin: () => WEB })));
    expectValid(anonymous);
    expect(anonymous.runs[0].results![0].locations![0].physicalLocation!.artifactLocation).toEqual({
      uri: 'stdin',
      uriBaseId: '%SRCROOT%',
      description: { text: 'standard input (name it with --stdin-filename)' },
    });
    expect(STDIN_NAME).toBe('<stdin>');
  });

  it('caps results at the limit, keeping the most severe, and says so in the run', () => {
    const dir = tempTree({ 'k8s/web.yaml': WEB });
    const result = lintPaths(['k8s/web.yaml'], { cwd: dir });
    const severities = result.findings.map((f) => f.severity);
    expect(severities).toContain(Severity.ERROR);
    expect(severities.some((s) => s !== Severity.ERROR)).toBe(true);
    const errors = severities.filter((s) => s === Severity.ERROR).length;
    const log = toSarif(reportOf(result), errors);
    expectValid(log);
    const run = log.runs[0];
    expect(run.results!.map((r) => r.level)).toEqual(Array(errors).fill('error'));
    const note = run.invocations![0].toolExecutionNotifications!.find((n) => n.level === 'warning')!;
    expect(note.message.text).toBe(`${result.findings.length - errors} of ${result.findings.length} results left out: GitHub code scanning accepts at most ${errors} results per run; the most severe are kept. Run with --format json for every finding.`);
    expect(run.properties).toEqual({ resultsOmitted: result.findings.length - errors, resultsTotal: result.findings.length });
  });

  it('writes 100,000 findings as a valid run of 25,000 results without crashing', () => {
    const rule = ALL_RULES[0].meta;
    const findings: Finding[] = [];
    for (let i = 0; i < 100_000; i++) {
      findings.push({
        ruleId: rule.id,
        severity: i % 10 === 0 ? Severity.ERROR : Severity.WARNING,
        message: `finding ${i}`,
        fix: rule.fix,
        file: `k8s/f${i % 100}.yaml`,
        documentIndex: i,
        line: i + 1,
        column: 1,
        resource: { kind: 'Deployment', name: `w${i}` },
        container: 'app',
        path: ['spec', 'template', 'spec', 'containers', 0],
      });
    }
    const result: LintResult = { findings, errors: [], suppressed: [], objectsRead: 100_000, resourcesChecked: 100_000, files: [] };
    const text = formatSarif(reportOf(result));
    const log = JSON.parse(text) as Log;
    const run = log.runs[0];
    expect(run.results).toHaveLength(GITHUB_MAX_RESULTS_PER_RUN);
    // all 10,000 errors kept, then warnings in report order
    expect(run.results!.filter((r) => r.level === 'error')).toHaveLength(10_000);
    expect(run.properties).toEqual({ resultsOmitted: 75_000, resultsTotal: 100_000 });
    expectValid(log);
  });
});
