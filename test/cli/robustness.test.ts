/**
 * The CLI on inputs that used to hang, crash or pass silently (issue 10, part 5): real processes
 * where the feature touches them (FIFOs, devices, pipes, standard input), in-process otherwise.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generate } from '../../bench/corpus';
import { CliIo, ExitCode } from '../../lib/cli/io';
import { runExplain } from '../../lib/cli/explain';
import { runLint } from '../../lib/cli/lint';
import { main } from '../../lib/cli/main';
import { tempTree } from '../lint/helpers';

const root = path.join(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'cdk8s-probes.js');
const built = fs.existsSync(path.join(root, 'lib', 'cli', 'main.js'));
const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function io(cwd: string, opts: { stdin?: string | Uint8Array; isTty?: boolean; env?: Record<string, string> } = {}): CliIo & { out: () => Run } {
  let stdout = '';
  let stderr = '';
  return {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => opts.stdin ?? '',
    isTty: opts.isTty ?? false,
    env: opts.env ?? {},
    cwd,
    out: () => ({ code: -1, stdout, stderr }),
  };
}

async function lint(argv: string[], cwd: string, opts: Parameters<typeof io>[1] = {}): Promise<Run> {
  const x = io(cwd, opts);
  const code = await runLint(argv, x);
  return { ...x.out(), code };
}

/** Runs the compiled command in a real process. */
function spawn(args: string[], cwd: string, input?: string | Buffer): Run {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, input, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const POD = `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: app
      image: example/app:1
      readinessProbe: {httpGet: {path: /ready, port: 8080}}
`;

// liveness with successThreshold 2: an API-server error (api-probe-thresholds)
const BAD_LIVENESS = (extra = '') => `apiVersion: v1
kind: Pod
metadata: {name: bad}
spec:
  containers:
    - name: app
      image: example/app:1
      livenessProbe:
        tcpSocket: {port: 8080}
${extra}`;

const ONLY_THRESHOLDS = ['--fail-on', 'error', '--format', 'json'];

function json(r: Run): { findings: Array<{ ruleId: string; file: string; line: number }>; inputErrors: Array<{ file: string; line?: number; message: string }> } {
  return JSON.parse(r.stdout);
}

(built ? describe : describe.skip)('real processes', () => {
  it('skips a FIFO and a device inside a directory (says so) instead of blocking', () => {
    const dir = tempTree({ 'ok.yaml': POD });
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    const r = spawn(['lint', '.'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('cdk8s-probes lint: warning: pipe.yaml: skipped: a FIFO, not a regular file');
    expect(r.stderr).toContain('cdk8s-probes lint: warning: zero.yaml: skipped: a character device, not a regular file');
    expect(r.stdout).toContain('1 resource in 1 file checked');
  });

  it('exits quietly when the reader of its output goes away (| head)', () => {
    const docs = Array.from({ length: 400 }, (_, i) => BAD_LIVENESS('        successThreshold: 2\n').replace('name: bad', `name: bad-${i}`)).join('---\n');
    const dir = tempTree({ 'many.yaml': docs });
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" lint many.yaml 2>err.txt | head -n 1; echo "exit=$?"`], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(r.stdout).toBe('many.yaml\nexit=0\n');
    expect(fs.readFileSync(path.join(dir, 'err.txt'), 'utf8')).toBe('');
  });

  it('explain, too, exits quietly with its own code when the reader of its output goes away (| head)', () => {
    // that it also stops making the rest of the report is writeBuffered's own test (write-buffered.test.ts)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-probes-epipe-'));
    fs.mkdirSync(path.join(dir, 'dist'));
    generate(path.join(dir, 'dist'), 20, 100);
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" explain dist 2>err.txt | head -c 100 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toBe('exit=0\n');
    expect(fs.readFileSync(path.join(dir, 'err.txt'), 'utf8')).toBe('');
  });

  it('fails on empty standard input: a failed `helm template … |` does not pass as clean', () => {
    const dir = tempTree({});
    const r = spawnSync('sh', ['-c', `false | "${process.execPath}" "${bin}" lint -`], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(ExitCode.INPUT_ERROR);
    expect(r.stderr).toContain('cdk8s-probes lint: <stdin>: no Kubernetes objects: the input is empty');
  });

  it('reports invalid UTF-8 on standard input as the API server would (rejected), not replaced', () => {
    const r = spawn(['lint', '--stdin-filename', 'in.yaml', '-'], tempTree({}), Buffer.concat([Buffer.from(POD), Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a])]));
    expect(r.code).toBe(ExitCode.INPUT_ERROR);
    expect(r.stderr).toContain('cdk8s-probes lint: in.yaml:9: not valid UTF-8 (byte');
  });

  it('survives 10,000 levels of nesting (block and flow) without a stack overflow', () => {
    const flow = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    const block = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x:\n    ${'- '.repeat(10_000)}1\n`;
    const dir = tempTree({ 'flow.yaml': flow, 'block.yaml': block, 'x.yaml': POD });
    const r = spawn(['lint', 'flow.yaml', 'block.yaml', 'x.yaml'], dir);
    expect(r.code).toBe(ExitCode.INPUT_ERROR);
    expect(r.stderr).not.toMatch(/Maximum call stack|RangeError|internal error/);
    expect(r.stderr).toContain('cdk8s-probes lint: flow.yaml:4: nested deeper than 1000 levels');
    expect(r.stderr).toMatch(/cdk8s-probes lint: block\.yaml:\d+: nested deeper than 1000 levels/);
  });

  it('prints the version for -V, --version and lint --version, and help for `help lint`', () => {
    const dir = tempTree({});
    expect(spawn(['-V'], dir).stdout).toBe(`${version}\n`);
    expect(spawn(['--version'], dir).stdout).toBe(`${version}\n`);
    expect(spawn(['lint', '--version'], dir).stdout).toBe(`${version}\n`);
    const help = spawn(['help', 'lint'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: cdk8s-probes lint/);
    expect(spawn(['help', 'explain'], dir).stdout).toMatch(/^Usage: cdk8s-probes explain/);
  });
});

describe('directories', () => {
  it('follows a symbolic-link loop once, and says so', async () => {
    const dir = tempTree({ 'k8s/pod.yaml': POD });
    fs.symlinkSync('..', path.join(dir, 'k8s', 'up'));
    const r = await lint(['k8s'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 resource in 1 file checked');
    expect(r.stderr).toMatch(/^cdk8s-probes lint: warning: k8s\/up\/k8s: skipped: a symbolic link back to .*, already read \(a loop\)\n$/);
  });

  it('reports a dangling symbolic link inside a directory', async () => {
    const dir = tempTree({ 'k8s/pod.yaml': POD });
    fs.symlinkSync('gone.yaml', path.join(dir, 'k8s', 'link.yaml'));
    const r = await lint(['k8s'], dir);
    expect(r.code).toBe(ExitCode.INPUT_ERROR);
    expect(r.stderr).toContain('cdk8s-probes lint: k8s/link.yaml: dangling symbolic link to gone.yaml');
  });

  it('--exclude skips entries by name at any depth, or by path relative to the directory given', async () => {
    const dir = tempTree({ 'chart/templates/t.yaml': 'image: {{ .Values.image }}\n', 'chart/rendered/pod.yaml': POD, 'chart/rendered/skip.tmpl.yaml': ': [', 'chart/other/x.yaml': ': [' });
    const r = await lint(['--exclude', 'templates', '--exclude', '*.tmpl.yaml', '--exclude', 'other/', 'chart'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 resource in 1 file checked');
    const byPath = await lint(['--exclude', 'templates', '--exclude', 'rendered/skip.*', '--exclude', 'other', 'chart'], dir);
    expect([byPath.code, byPath.stderr]).toEqual([0, '']);
    expect((await lint(['--exclude', 'templates', 'chart'], dir)).stderr).toContain('chart/other/x.yaml');
  });

  it('a directory without manifests is an input error: an empty dist/ after a failed synth does not pass as clean', async () => {
    const r = await lint(['dist'], tempTree({ 'dist/notes.txt': 'not a manifest' }));
    expect(r.code).toBe(ExitCode.INPUT_ERROR);
    expect(r.stderr).toContain('cdk8s-probes lint: dist: no manifest files (.yaml, .yml, .json) in this directory;');
    const dir = tempTree({ 'dist/a.yaml': POD });
    const excluded = await lint(['--exclude', 'a.yaml', 'dist'], dir);
    expect(excluded.code).toBe(ExitCode.INPUT_ERROR);
    expect(excluded.stderr).toContain('in this directory after --exclude');
    expect((await lint(['dist'], dir)).code).toBe(0);
  });
});

describe('input the API server would see differently', () => {
  it('an empty file is an input error', async () => {
    const r = await lint(['empty.yaml', 'comments.yaml'], tempTree({ 'empty.yaml': '', 'comments.yaml': '# nothing\n---\n' }));
    expect(r.code).toBe(ExitCode.INPUT_ERROR);
    expect(r.stderr).toContain('cdk8s-probes lint: empty.yaml: no Kubernetes objects: the input is empty');
    expect(r.stderr).toContain('cdk8s-probes lint: comments.yaml: no Kubernetes objects');
  });

  it('duplicate keys: reported (kubectl strict validation rejects them) and the last value checked', async () => {
    const r = await lint(ONLY_THRESHOLDS.concat('-'), '/', { stdin: BAD_LIVENESS('        successThreshold: 1\n        successThreshold: 2\n') });
    const j = json(r);
    expect(j.inputErrors).toEqual([{ file: '<stdin>', documentIndex: 0, line: 11, message: expect.stringMatching(/^duplicate key: kubectl \(strict field validation/) }]);
    expect(j.findings.map((f) => f.ruleId)).toContain('api-probe-thresholds');
    expect(r.code).toBe(ExitCode.INPUT_ERROR);
  });

  it('merge keys (<<) are applied, as kubectl and the API server apply them', async () => {
    const text = `x-probe: &probe\n  tcpSocket: {port: 8080}\n  successThreshold: 2\n---\n${BAD_LIVENESS().replace('        tcpSocket: {port: 8080}\n', '        <<: {tcpSocket: {port: 8080}, successThreshold: 2}\n')}`;
    const r = await lint(ONLY_THRESHOLDS.concat('-'), '/', { stdin: text });
    const j = json(r);
    expect(j.findings.filter((f) => f.ruleId === 'api-probe-thresholds').map((f) => f.line)).toEqual([13]);
  });

  it('invalid UTF-8 in a file is an input error naming the line', async () => {
    const dir = tempTree({});
    fs.writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf'), Buffer.from([0xe9]), Buffer.from('}\n')]));
    const r = await lint(['latin1.yaml'], dir);
    expect(r.code).toBe(ExitCode.INPUT_ERROR);
    expect(r.stderr).toBe('cdk8s-probes lint: latin1.yaml:3: not valid UTF-8 (byte 51); kubectl and the API server reject it\n');
  });

  it('reports List items that are not objects, objects without apiVersion or kind, containers that is not a list and spec: null', async () => {
    const text = [
      'apiVersion: v1\nkind: List\nitems:\n  - 42\n  - null\n',
      'metadata: {name: nokind}\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: null\n',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: {name: app}\n',
    ].join('---\n');
    const r = await lint(['--format', 'json', '-'], '/', { stdin: text });
    const messages = json(r).inputErrors.map((e) => `${e.line}: ${e.message}`);
    expect(messages).toEqual([
      '4: items[0] of this List is number, not a Kubernetes object',
      '5: items[1] of this List is null, not a Kubernetes object',
      '7: apiVersion is missing; every Kubernetes object needs a non-empty string apiVersion',
      '7: kind is missing; every Kubernetes object needs a non-empty string kind',
      '12: spec is null; a Deployment needs spec.template.spec as a mapping with its containers, so its probes cannot be checked',
      '18: spec.containers is a mapping, not a list of containers; the API server rejects it',
    ]);
    expect(r.code).toBe(ExitCode.INPUT_ERROR);
  });

  it('detects unrendered Helm templates, valid YAML or not, with a hint', async () => {
    const dir = tempTree({
      'broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n  {{- include "labels" . | nindent 4 }}\n',
      'quoted.yaml': POD.replace('example/app:1', '"{{ .Values.image }}"'),
      'configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: alerts}\ndata:\n  rule: "{{ $labels.instance }} down"\n',
    });
    const r = await lint(['broken.yaml', 'quoted.yaml', 'configmap.yaml'], dir);
    expect(r.code).toBe(ExitCode.INPUT_ERROR);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2); // a ConfigMap may hold Go templates of its own
    expect(lines[0]).toMatch(/^cdk8s-probes lint: broken\.yaml:\d+ \(YAML document 1\): invalid YAML: .*unrendered Helm template; render it first, e\.g\. `helm template <release> <chart> \| cdk8s-probes lint -` \(\{\{ \.Release\.Name \}\} on line 4\)$/);
    expect(lines[1]).toBe('cdk8s-probes lint: quoted.yaml:7 (YAML document 1): unrendered template expression {{ .Values.image }}: this looks like an unrendered Helm template; render it first, e.g. `helm template <release> <chart> | cdk8s-probes lint -`');
  });

  it('records --stdin-filename as the file of every finding', async () => {
    const r = await lint(['--format', 'json', '--stdin-filename', 'helm/out.yaml', '-'], '/', { stdin: BAD_LIVENESS('        successThreshold: 2\n') });
    expect(new Set(json(r).findings.map((f) => f.file))).toEqual(new Set(['helm/out.yaml']));
  });
});

describe('colour and messages', () => {
  const dir = tempTree({ 'bad.yaml': BAD_LIVENESS('        successThreshold: 2\n') });
  const colour = /\u001b\[/;
  it('FORCE_COLOR forces colour on (even into a pipe) or off; TERM=dumb and NO_COLOR turn it off', async () => {
    expect((await lint(['bad.yaml'], dir, { env: { FORCE_COLOR: '1' } })).stdout).toMatch(colour);
    expect((await lint(['bad.yaml'], dir, { isTty: true, env: { FORCE_COLOR: '0' } })).stdout).not.toMatch(colour);
    expect((await lint(['bad.yaml'], dir, { isTty: true, env: { TERM: 'dumb' } })).stdout).not.toMatch(colour);
    expect((await lint(['bad.yaml'], dir, { isTty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(colour);
    expect((await lint(['bad.yaml'], dir, { isTty: true, env: { TERM: 'xterm-256color' } })).stdout).toMatch(colour);
  });

  it('every command starts every stderr line with one prefix: cdk8s-probes <command>:', async () => {
    const runs: Array<[string, Run]> = [];
    for (const argv of [['lint', 'nope.yaml', '-'], ['lint', '--bogus'], ['explain', 'nope.yaml', '-'], ['explain', '--bogus'], ['frobnicate'], ['help', 'nope']]) {
      const x = io(dir, { stdin: '' });
      const code = argv[0] === 'lint' ? await runLint(argv.slice(1), x) : argv[0] === 'explain' ? await runExplain(argv.slice(1), x) : await main(argv, x);
      expect(code).toBe(ExitCode.INPUT_ERROR);
      runs.push([argv[0], x.out()]);
    }
    for (const [command, r] of runs) {
      const first = r.stderr.split('\n')[0];
      const expected = command === 'lint' || command === 'explain' ? `cdk8s-probes ${command}: ` : 'cdk8s-probes: ';
      expect(first.startsWith(expected)).toBe(true);
      // the usage text may follow a usage error; every message line carries the prefix
      for (const line of r.stderr.split('\n\n')[0].split('\n').filter((l) => l.length > 0)) expect(line.startsWith(expected)).toBe(true);
    }
  });

  it('every command says the same of an option it does not know or one missing its value, in one sentence, then its usage', async () => {
    for (const command of ['lint', 'explain', 'verify']) {
      for (const [argv, message] of [[['--bogus'], "Unknown option '--bogus'"], [['--format'], "Option '-f, --format <value>' argument missing"]] as const) {
        const x = io(dir);
        expect(await main([command, ...argv], x)).toBe(ExitCode.INPUT_ERROR);
        const r = x.out();
        expect(r.stderr.split('\n')[0]).toBe(`cdk8s-probes ${command}: ${message}`);
        expect(r.stderr).toContain(`Usage: cdk8s-probes ${command}`);
        expect(r.stdout).toBe('');
      }
    }
  });
});
