/**
 * `cdk8s-probes explain` end to end, in-process with a fake CliIo: inputs (files, directories,
 * stdin), formats, --svg, --scenario, bad input and usage, exit codes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CliIo } from '../../lib/cli/io';
import { EXPLAIN_USAGE, runExplain } from '../../lib/cli/explain';
import { SEED_001, SEED_002 } from '../report/helpers';
import { svgProblems } from '../report/svg-check';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], opts: { cwd: string; stdin?: string }): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    readStdin: () => {
      if (opts.stdin === undefined) throw new Error('stdin read unexpectedly');
      return opts.stdin;
    },
    isTty: false,
    env: {},
    cwd: opts.cwd,
  };
  const code = await runExplain(argv, io);
  return { code, stdout, stderr };
}

const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: flask-app}
spec: {ports: [{port: 80}]}
`;

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'explain-cli-'));
  fs.mkdirSync(path.join(dir, 'dist', 'nested'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dist', 'app.k8s.yaml'), `${SEED_001}---\n${SERVICE}`);
  fs.writeFileSync(path.join(dir, 'dist', 'nested', 'crashy.yaml'), SEED_002);
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('inputs', () => {
  it('explains a file, exit 0', async () => {
    const r = await run(['dist/app.k8s.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Deployment flask-app');
    expect(r.stdout).toMatch(/startup allowance \(startup probe\)\s+290 s guaranteed, < 300 s at most/);
  });

  it('reads directories recursively, in name order', async () => {
    const r = await run(['dist'], { cwd: dir });
    expect(r.code).toBe(0);
    const first = r.stdout.indexOf('Deployment flask-app');
    const second = r.stdout.indexOf('Deployment crashy-app');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(second).toBeGreaterThan(first); // dist/app.k8s.yaml before dist/nested/crashy.yaml
    expect(r.stdout).toMatch(/liveness: hung process → restart\s+3–4 s/);
    expect(r.stdout).toContain('2 workloads, 2 containers; 1 document skipped (not workloads); 0 input errors');
  });

  it('reads standard input for -', async () => {
    const r = await run(['-'], { cwd: dir, stdin: SEED_002 });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Deployment crashy-app  (<stdin>, document 1;');
  });

  it('notes skipped documents only with --verbose', async () => {
    const quiet = await run(['dist/app.k8s.yaml'], { cwd: dir });
    expect(quiet.stderr).not.toContain('skipped');
    const verbose = await run(['--verbose', 'dist/app.k8s.yaml'], { cwd: dir });
    expect(verbose.code).toBe(0);
    expect(verbose.stderr).toContain(`skipped: ${path.join(dir, 'dist/app.k8s.yaml')}, document 2: Service flask-app: kind Service has no pod template`);
  });
});

describe('formats', () => {
  it('markdown', async () => {
    const r = await run(['--format', 'markdown', 'dist/app.k8s.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('### Deployment flask-app');
    expect(r.stdout).toContain('| what | seconds | how |');
  });

  it('json, with skipped documents listed', async () => {
    const r = await run(['-f', 'json', 'dist/app.k8s.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.schemaVersion).toBe(2);
    expect(j.workloads[0].containers[0].startupAllowance).toEqual({ guardedBy: 'startup', guaranteedSeconds: 290, maximumSeconds: 300, listeningGuaranteedSeconds: 291 });
    expect(j.skipped).toHaveLength(1);
    expect(j.skipped[0]).toMatchObject({ document: 2, kind: 'Service' });
  });

  it('is deterministic', async () => {
    const a = await run(['-f', 'json', 'dist'], { cwd: dir });
    const b = await run(['-f', 'json', 'dist'], { cwd: dir });
    expect(a.stdout).toBe(b.stdout);
  });
});

describe('--svg', () => {
  it('writes one well-formed SVG per workload, named kind-namespace-name, the same bytes every run', async () => {
    const r = await run(['--svg', 'out', 'dist'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('wrote 2 SVG files to out');
    const files = fs.readdirSync(path.join(dir, 'out')).sort();
    expect(files).toEqual(['deployment-default-crashy-app.svg', 'deployment-default-flask-app.svg']);
    const first = files.map((f) => fs.readFileSync(path.join(dir, 'out', f), 'utf8'));
    for (const svg of first) {
      expect(svgProblems(svg)).toEqual([]);
      expect(svg).toContain('Legend');
      expect(svg).toContain('simulated (seed 1)');
    }
    // seed 002: liveness trips on a hang, the container is killed and restarted
    expect(first[0]).toMatch(/killed at \d+(\.\d)? s/);
    await run(['--svg', 'out', 'dist'], { cwd: dir });
    expect(files.map((f) => fs.readFileSync(path.join(dir, 'out', f), 'utf8'))).toEqual(first);
  });

  it('gives workloads whose names collide distinct files', async () => {
    fs.writeFileSync(path.join(dir, 'dist', 'copy.yaml'), SEED_002);
    await run(['--svg', 'out', 'dist'], { cwd: dir });
    expect(fs.readdirSync(path.join(dir, 'out')).sort()).toEqual([
      'deployment-default-crashy-app-2.svg',
      'deployment-default-crashy-app.svg',
      'deployment-default-flask-app.svg',
    ]);
  });

  it('reports a directory it cannot write, exit 2', async () => {
    fs.writeFileSync(path.join(dir, 'blocker'), 'a file, not a directory');
    const r = await run(['--svg', 'blocker/sub', 'dist'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cdk8s-probes explain: --svg blocker\/sub: cannot write: (ENOTDIR|EEXIST)/);
    expect(r.stdout).toContain('Deployment flask-app'); // the report is still printed
  });
});

describe('--scenario', () => {
  const scenario = `description: postgres down for a minute
duration: 200
app: {startup: 20}
dependencies:
  postgres: {critical: true, checkedBy: [readiness]}
faults:
  - {kind: outage, dependency: postgres, at: 60, for: 60}
`;

  it('simulates the scenario against every container with probes and prints the event log and summary', async () => {
    fs.writeFileSync(path.join(dir, 'outage.yaml'), scenario);
    const r = await run(['--scenario', 'outage.yaml', 'dist'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Scenario outage.yaml');
    expect(r.stdout).toContain('== Deployment flask-app, container flask-app');
    expect(r.stdout).toContain('== Deployment crashy-app, container crashy-app');
    expect(r.stdout).toMatch(/not-ready/);
    expect(r.stdout).toMatch(/Simulation of 1 replica over 200 s/);
  });

  it('embeds the simulation in json', async () => {
    fs.writeFileSync(path.join(dir, 'outage.yaml'), scenario);
    const r = await run(['--scenario', 'outage.yaml', '-f', 'json', 'dist/app.k8s.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.scenario.file).toBe('outage.yaml');
    expect(j.scenario.runs).toHaveLength(1);
    expect(j.scenario.runs[0]).toMatchObject({ kind: 'Deployment', name: 'flask-app', container: 'flask-app', document: 1 });
    expect(j.scenario.runs[0].simulation).toBeDefined();
  });

  it('embeds exactly the simulation simulate() returns, as JSON.stringify writes it', async () => {
    fs.writeFileSync(path.join(dir, 'outage.yaml'), scenario);
    const r = await run(['--scenario', 'outage.yaml', '-f', 'json', 'dist/app.k8s.yaml'], { cwd: dir });
    const j = JSON.parse(r.stdout);
    expect(r.stdout).toBe(`${JSON.stringify(j, null, 2)}\n`);
    expect(j.scenario.runs[0].simulation.events.length).toBeGreaterThan(40);
  });

  it('refuses json beyond 500,000 events per container with what to change, exit 2, the rest still printed', async () => {
    fs.writeFileSync(path.join(dir, 'week.yaml'), 'description: a week\nduration: 604800\nreplicas: 100\napp: {startup: 20}\n');
    const r = await run(['--scenario', 'week.yaml', '-f', 'json', 'dist/app.k8s.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('cdk8s-probes explain: --scenario week.yaml: Deployment flask-app, container flask-app: --format json prints every probe event, '
      + 'and 100 replicas over 604800 s make more than 500,000; allowed: at most 500,000 events per container (fewer replicas or a shorter duration), '
      + 'or --format text or markdown, which fold runs of successful probes\n');
    const j = JSON.parse(r.stdout);
    expect(j.workloads.map((w: { name: string }) => w.name)).toContain('flask-app');
    expect(j.scenario.runs).toEqual([]);
  });

  it('rejects a bad scenario with the simulator\'s message, exit 2', async () => {
    fs.writeFileSync(path.join(dir, 'bad.yaml'), 'duration: forever\n');
    const r = await run(['--scenario', 'bad.yaml', 'dist'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cdk8s-probes explain: bad.yaml: duration: "forever" is not allowed/);
  });

  it('reports a scenario file it cannot read, exit 2', async () => {
    const r = await run(['--scenario', 'missing.yaml', 'dist'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cdk8s-probes explain: --scenario missing.yaml: cannot read: ENOENT');
  });
});

describe('bad input: a clear message on stderr, exit 2, other files still explained', () => {
  it('a file that does not exist', async () => {
    const r = await run(['nope.yaml', 'dist/app.k8s.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cdk8s-probes explain: ${path.join(dir, 'nope.yaml')}: cannot read: ENOENT`);
    expect(r.stdout).toContain('Deployment flask-app');
  });

  it('invalid YAML names the file, document and line', async () => {
    fs.writeFileSync(path.join(dir, 'dist', 'broken.yaml'), `${SEED_002}---\nkind: Deployment\nmetadata: {name: [unclosed\n`);
    const r = await run(['dist'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`cdk8s-probes explain: ${path.join(dir, 'dist', 'broken.yaml').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}, document 2, line \\d+: invalid YAML`));
    // the good document of the broken file and the other files are still explained
    expect(r.stdout.match(/Deployment crashy-app/g)).toHaveLength(2);
    expect(r.stdout).toContain('Deployment flask-app');
    expect(r.stdout).toContain('1 input error');
  });

  it('probe fields the API server would reject: explained with the default, named on stderr', async () => {
    const odd = SEED_002.replace('periodSeconds: 1', 'periodSeconds: "1"').replace('failureThreshold: 3', 'failureThreshold: -3');
    fs.writeFileSync(path.join(dir, 'odd.yaml'), odd);
    const r = await run(['odd.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    const file = path.join(dir, 'odd.yaml');
    expect(r.stderr).toContain(`cdk8s-probes explain: ${file}, document 1: Deployment crashy-app: container crashy-app: livenessProbe.periodSeconds = "1": a string where a number belongs; the API server rejects it; explained with the API default 10`);
    expect(r.stderr).toContain(`cdk8s-probes explain: ${file}, document 1: Deployment crashy-app: container crashy-app: livenessProbe.failureThreshold = -3: negative (must be ≥ 0); the API server rejects it; explained with the API default 3`);
    // explained with P = 10, F = 3: 21–31 s
    expect(r.stdout).toMatch(/liveness: hung process → restart\s+21–31 s/);
    expect(r.stdout).toContain('warning: livenessProbe.periodSeconds = "1"');
  });

  it('a document that is not a mapping', async () => {
    fs.writeFileSync(path.join(dir, 'list.yaml'), '- a\n- b\n');
    const r = await run(['list.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('document 1, line 1: not a Kubernetes object');
    expect(r.stdout).toContain('0 workloads, 0 containers');
  });
});

describe('usage', () => {
  it('--help prints the usage, exit 0', async () => {
    const r = await run(['--help'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(EXPLAIN_USAGE);
  });

  it('an unknown flag prints the usage, exit 2', async () => {
    const r = await run(['--colour', 'dist'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cdk8s-probes explain: Unknown option '--colour'/);
    expect(r.stderr).toContain('Usage: cdk8s-probes explain');
    expect(r.stdout).toBe('');
  });

  it('an unknown format, exit 2', async () => {
    const r = await run(['--format', 'html', 'dist'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format "html" is not one of text, markdown, json');
  });

  it('no input, exit 2', async () => {
    const r = await run([], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no input: give one or more files, directories, or - for standard input');
  });

  it('a flag missing its value, exit 2', async () => {
    const r = await run(['dist', '--svg'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Option '--svg <value>' argument missing");
  });
});
