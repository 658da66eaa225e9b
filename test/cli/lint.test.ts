import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Log } from 'sarif';
import { CliIo, ExitCode } from '../../lib/cli/io';
import { LINT_USAGE, runLint } from '../../lib/cli/lint';
import { JSON_FORMAT_VERSION } from '../../lib/cli/format/json';
import { ALL_RULES, RULE_IDS } from '../../lib/rules/registry';
import { tempTree } from '../lint/helpers';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function lint(argv: string[], opts: { cwd: string; stdin?: string; isTty?: boolean; env?: Record<string, string | undefined> }): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => opts.stdin ?? '',
    isTty: opts.isTty ?? false,
    env: opts.env ?? {},
    cwd: opts.cwd,
  };
  const code = await runLint(argv, io);
  return { code, stdout, stderr };
}

/** `--disable` arguments that leave only the given rules running (robust to rules added later). */
function only(...ids: string[]): string[] {
  const off = RULE_IDS.filter((id) => !ids.includes(id));
  return off.length > 0 ? ['--disable', off.join(',')] : [];
}

// an API-server error (successThreshold must be 1 on liveness) and a suppression without reason (warning)
const ERROR_DOC = `apiVersion: v1
kind: Pod
metadata:
  name: api-error
spec:
  containers:
    - name: app
      image: example/app:1
      livenessProbe:
        tcpSocket: {port: 8080}
        successThreshold: 2
`;
const WARNING_DOC = `apiVersion: v1
kind: Pod
metadata:
  name: warn-only
  annotations:
    probes.cdk8s.io/ignore: "api-probe-thresholds"
spec:
  containers:
    - name: app
      image: example/app:1
`;
const CLEAN_DOC = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {a: b}
`;
const ONLY = only('api-probe-thresholds', 'ignore-annotation-invalid');

describe('cdk8s-probes lint (in-process)', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempTree({ 'k8s/error.yaml': ERROR_DOC, 'k8s/warn.yaml': WARNING_DOC, 'clean.yaml': CLEAN_DOC, 'with space/pod.yaml': ERROR_DOC, 'broken.yaml': 'a: [\n' });
  });

  it('docs/lint.md shows the --help the command prints, word for word', () => {
    expect(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'lint.md'), 'utf8')).toContain(LINT_USAGE.trimEnd());
  });

  it('prints usage for --help (exit 0) and for unknown flags or no input (exit 2)', async () => {
    expect(await lint(['--help'], { cwd: dir })).toEqual({ code: 0, stdout: LINT_USAGE, stderr: '' });
    const bad = await lint(['--frobnicate', 'x'], { cwd: dir });
    expect(bad.code).toBe(ExitCode.INPUT_ERROR);
    expect(bad.stderr).toMatch(/Unknown option '--frobnicate'/);
    expect(bad.stderr).toContain('Usage: cdk8s-probes lint');
    expect((await lint([], { cwd: dir })).stderr).toMatch(/no input/);
    expect((await lint(['-f', 'xml', 'clean.yaml'], { cwd: dir })).stderr).toMatch(/--format "xml" is not allowed; use one of human, json, sarif/);
    expect((await lint(['--fail-on', 'fatal', 'clean.yaml'], { cwd: dir })).stderr).toMatch(/--fail-on "fatal" is not allowed; use one of error, warning, info, none/);
  });

  it('exits 0 when clean, 1 on findings at or above --fail-on (default error)', async () => {
    const clean = await lint(['clean.yaml'], { cwd: dir });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe('✔ no probe problems found; 0 resources in 1 file checked\n');
    expect((await lint([...ONLY, 'k8s/error.yaml'], { cwd: dir })).code).toBe(1);
    expect((await lint([...ONLY, 'k8s/warn.yaml'], { cwd: dir })).code).toBe(0);
    expect((await lint([...ONLY, '--fail-on', 'warning', 'k8s/warn.yaml'], { cwd: dir })).code).toBe(1);
    expect((await lint([...ONLY, '--fail-on', 'none', 'k8s'], { cwd: dir })).code).toBe(0);
  });

  it('prints findings grouped by file and resource with severity, rule id, message, file:line and fix', async () => {
    const r = await lint([...ONLY, 'k8s'], { cwd: dir });
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('k8s/error.yaml');
    expect(lines[1]).toBe('  Pod api-error');
    expect(lines[2]).toMatch(/^ {4}error {4}api-probe-thresholds {7}container "app" livenessProbe\.successThreshold/);
    expect(lines[3]).toBe('             at k8s/error.yaml:11:27');
    expect(lines[4]).toMatch(/^ {13}fix: /);
    expect(lines).toContain('k8s/warn.yaml');
    expect(lines).toContain('  Pod warn-only');
    expect(r.stdout).toContain('at k8s/warn.yaml:6:29');
    expect(lines[lines.length - 2]).toBe('✖ 2 problems (1 error, 1 warning, 0 info); 2 resources in 2 files checked');
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('uses colour only on a terminal and never when NO_COLOR is set (any value)', async () => {
    expect((await lint([...ONLY, 'k8s'], { cwd: dir, isTty: true })).stdout).toMatch(/\u001b\[31merror/);
    expect((await lint([...ONLY, 'k8s'], { cwd: dir, isTty: true, env: { NO_COLOR: '' } })).stdout).not.toMatch(/\u001b\[/);
    expect((await lint([...ONLY, 'k8s'], { cwd: dir, isTty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(/\u001b\[/);
  });

  it('reports input errors on stderr naming file and document, still checks the rest, and exits 2', async () => {
    const r = await lint([...ONLY, 'broken.yaml', 'k8s/error.yaml', 'nope.yaml'], { cwd: dir });
    expect(r.code).toBe(ExitCode.INPUT_ERROR);
    expect(r.stdout).toContain('api-probe-thresholds');
    expect(r.stdout).toContain('2 input errors (on standard error)');
    expect(r.stderr.split('\n')[0]).toMatch(/^cdk8s-probes lint: broken\.yaml:2 \(YAML document 1\): invalid YAML/);
    expect(r.stderr).toContain('cdk8s-probes lint: nope.yaml: cannot read: ENOENT');
  });

  it('reads standard input for -, under --stdin-filename', async () => {
    const r = await lint([...ONLY, '-', '--stdin-filename', 'helm/out.yaml'], { cwd: dir, stdin: `# Source: x/templates/p.yaml\n${ERROR_DOC}` });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('at helm/out.yaml:12:27');
  });

  it('disables rules with --disable (repeatable, commas) and rejects unknown ids', async () => {
    const r = await lint([...ONLY, '-d', 'api-probe-thresholds', '--disable', 'ignore-annotation-invalid', 'k8s'], { cwd: dir });
    expect(r.code).toBe(0);
    const bad = await lint(['--disable', 'api-probe-threshold', 'k8s'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('cdk8s-probes lint: --disable: unknown rule id "api-probe-threshold" (did you mean "api-probe-thresholds"?); ' + `run \`cdk8s-probes lint --list-rules\` for the ${RULE_IDS.length} known ids\n`);
  });

  it('reads .cdk8s-probes.yaml from the working directory, or --config FILE', async () => {
    const cfgDir = tempTree({ 'k8s/warn.yaml': WARNING_DOC, '.cdk8s-probes.yaml': 'failOn: warning\nrules:\n  ignore-annotation-invalid: info\n' });
    const r = await lint([...ONLY, 'k8s'], { cwd: cfgDir });
    expect(r.stdout).toMatch(/info +ignore-annotation-invalid/);
    expect(r.code).toBe(0); // info < warning
    const other = tempTree({ 'strict.yaml': 'failOn: info\n' });
    expect((await lint([...ONLY, '--config', path.join(other, 'strict.yaml'), 'k8s'], { cwd: cfgDir })).code).toBe(1);
    // the command line wins over the file
    expect((await lint([...ONLY, '--fail-on', 'error', '--config', path.join(other, 'strict.yaml'), 'k8s'], { cwd: cfgDir })).code).toBe(0);
  });

  it('reports a bad configuration as an input error naming the file, field and value', async () => {
    const cfgDir = tempTree({ 'p.yaml': CLEAN_DOC, '.cdk8s-probes.yaml': 'rules:\n  liveness-probe-mising: error\n' });
    const r = await lint(['p.yaml'], { cwd: cfgDir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cdk8s-probes lint: .cdk8s-probes.yaml:2: rules.liveness-probe-mising: unknown rule id "liveness-probe-mising"');
    expect((await lint(['--config', 'missing.yaml', 'p.yaml'], { cwd: cfgDir })).stderr).toContain('missing.yaml: cannot read the configuration file: ENOENT');
  });

  it('lists every rule with --list-rules', async () => {
    const r = await lint(['--list-rules'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0])).toEqual(RULE_IDS);
  });

  it('writes stable, documented JSON', async () => {
    const r = await lint([...ONLY, '--format', 'json', 'k8s', 'broken.yaml'], { cwd: dir });
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['formatVersion', 'tool', 'summary', 'findings', 'suppressed', 'inputErrors']);
    expect(j.formatVersion).toBe(JSON_FORMAT_VERSION);
    expect(j.summary).toEqual({ error: 1, warning: 1, info: 0, suppressed: 0, inputErrors: 1, resourcesChecked: 2, files: 3, failOn: 'error', exitCode: 2 });
    expect(j.findings[0]).toEqual({
      ruleId: 'api-probe-thresholds',
      severity: 'error',
      message: expect.stringContaining('successThreshold'),
      fix: expect.any(String),
      file: 'k8s/error.yaml',
      documentIndex: 0,
      line: 11,
      column: 27,
      resource: { kind: 'Pod', name: 'api-error' },
      container: 'app',
      path: ['spec', 'containers', 0, 'livenessProbe', 'successThreshold'],
    });
    expect(j.inputErrors).toEqual([{ file: 'broken.yaml', documentIndex: 0, line: 2, message: expect.stringMatching(/^invalid YAML/) }]);
    expect(r.code).toBe(2);
    // the same run twice gives byte-identical output
    expect((await lint([...ONLY, '--format', 'json', 'k8s', 'broken.yaml'], { cwd: dir })).stdout).toBe(r.stdout);
  });

  it('writes SARIF 2.1.0 that GitHub code scanning accepts', async () => {
    const r = await lint(['--format', 'sarif', 'k8s', 'with space', 'broken.yaml'], { cwd: dir });
    const log = JSON.parse(r.stdout) as Log;
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    const driver = run.tool.driver;
    expect(driver.name).toBe('cdk8s-probes');
    expect(driver.rules!.map((x) => x.id)).toEqual(RULE_IDS);
    for (const rule of driver.rules!) {
      const meta = ALL_RULES.find((x) => x.meta.id === rule.id)!.meta;
      expect(rule.shortDescription!.text).toBe(meta.description);
      expect(rule.fullDescription!.text).toBe(meta.rationale);
      expect(rule.help!.text).toBe(meta.fix);
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration!.level);
    }
    expect(run.results!.length).toBeGreaterThan(0);
    for (const res of run.results!) {
      expect(driver.rules![res.ruleIndex!].id).toBe(res.ruleId);
      expect(['error', 'warning', 'note']).toContain(res.level);
      expect(res.message.text!.length).toBeGreaterThan(0);
      const loc = res.locations![0].physicalLocation!;
      expect(loc.artifactLocation!.uri).toMatch(/^(k8s|with%20space)\/[a-z]+\.yaml$/);
      expect(loc.region!.startLine).toBeGreaterThanOrEqual(1);
      expect(loc.region!.startColumn).toBeGreaterThanOrEqual(1);
    }
    const thresholds = run.results!.filter((x) => x.ruleId === 'api-probe-thresholds').map((x) => x.locations![0].physicalLocation);
    expect(thresholds).toContainEqual({ artifactLocation: { uri: 'k8s/error.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 11, startColumn: 27 } });
    expect(run.invocations![0].executionSuccessful).toBe(false);
    expect(run.invocations![0].toolExecutionNotifications![0].locations![0].physicalLocation!.artifactLocation!.uri).toBe('broken.yaml');
    expect(r.code).toBe(2);
  });
});

describe('cdk8s-probes lint (compiled bin, end to end)', () => {
  const root = path.join(__dirname, '..', '..');
  const built = fs.existsSync(path.join(root, 'lib', 'cli', 'main.js')) && fs.existsSync(path.join(root, 'lib', 'cli', 'lint.js'));
  (built ? it : it.skip)('runs `node bin/cdk8s-probes.js lint` with exit codes and SARIF on stdout', () => {
    const dir = tempTree({ 'error.yaml': ERROR_DOC });
    const run = (args: string[]) => spawnSync(process.execPath, [path.join(root, 'bin', 'cdk8s-probes.js'), 'lint', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const human = run([...ONLY, 'error.yaml']);
    expect(human.status).toBe(1);
    expect(human.stdout).toContain('at error.yaml:11:27');
    const sarif = run([...ONLY, '--format', 'sarif', 'error.yaml']);
    expect(JSON.parse(sarif.stdout).runs[0].results[0].ruleId).toBe('api-probe-thresholds');
    expect(run(['--bogus']).status).toBe(2);
  });
  if (!built) {
    it('is skipped: lib/cli/main.js is not built (run `npm run build` first)', () => {
      expect(built).toBe(false);
    });
  }
});
