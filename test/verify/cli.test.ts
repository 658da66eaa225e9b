/**
 * `cdk8s-probes verify` end to end, in-process with a fake CliIo: usage and input errors (exit 2),
 * help, a run that passes (exit 0, JSON) and one that fails (exit 1, human).
 */
import * as path from 'path';
import { CliIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';
import { runVerify, VERIFY_USAGE } from '../../lib/cli/verify';
import { APPS, freePort, ROOT, writeManifest } from './helpers';

jest.setTimeout(120_000);

async function run(argv: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, readStdin: () => '', isTty: false, env: {}, cwd };
  const code = await runVerify(argv, io);
  return { code, stdout, stderr };
}

async function manifest(): Promise<{ file: string; port: number }> {
  const port = await freePort();
  return {
    port,
    file: writeManifest('app.yaml', `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    metadata: { annotations: { probes.cdk8s.io/worst-startup-seconds: "8" } }
    spec:
      containers:
        - name: web
          ports: [{ name: http, containerPort: ${port} }]
          env: [{ name: PORT, value: "${port}" }]
          startupProbe: { tcpSocket: { port: http }, periodSeconds: 1, failureThreshold: 10 }
          livenessProbe: { httpGet: { path: /healthz, port: http }, periodSeconds: 1 }
          readinessProbe: { exec: { command: [sh, -c, 'test -n "$PORT"'] }, periodSeconds: 1 }
`),
  };
}

test('main dispatches verify and lists it in the usage', async () => {
  let out = '';
  const io: CliIo = { stdout: (t) => { out += t; }, stderr: (t) => { out += t; }, readStdin: () => '', isTty: false, env: {}, cwd: ROOT };
  expect(await main(['verify', '--help'], io)).toBe(0);
  expect(out).toBe(VERIFY_USAGE);
  out = '';
  await main(['--help'], io);
  expect(out).toContain('verify');
});

test.each([
  [['--format', 'xml', 'a.yaml'], '--format "xml" is not allowed; use one of human, json'],
  [['--fail-on', 'error', 'a.yaml'], '--fail-on "error" is not allowed; use one of fail, warn'],
  [['--pid1', 'maybe', 'a.yaml'], '--pid1 "maybe" is not allowed; use one of auto, always, never'],
  [['--observe', 'soon', 'a.yaml'], '--observe "soon" is not allowed'],
  [['--kube-version', 'v1.30', 'a.yaml'], '--kube-version "v1.30" is not allowed'],
  [['-e', 'NOEQUALS', 'a.yaml'], '--env "NOEQUALS" is not allowed; use NAME=VALUE'],
  [['--bogus', 'a.yaml'], "Unknown option '--bogus'"],
  [[], 'no manifest'],
  [['a.yaml', 'b.yaml'], 'one manifest at a time'],
])('usage error %j exits 2 and says what is allowed', async (argv, message) => {
  const r = await run(argv as string[]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(message);
  expect(r.stderr).toContain('Usage: cdk8s-probes verify');
});

test('input errors exit 2 with the file, the field and what is allowed, and no stack trace', async () => {
  const { file } = await manifest();
  const cases: Array<[string[], string]> = [
    [['/nonexistent/app.yaml'], '/nonexistent/app.yaml: cannot read: ENOENT'],
    [[file, '--workload', 'api'], '--workload "api": no such workload; allowed: Deployment/web'],
    [[file, '--container', 'db'], '--container "db": no such container; allowed: "web"'],
    [[file, '--dependency', 'Postgres=1.2.3.4:5432'], '--dependency "Postgres=1.2.3.4:5432": allowed: NAME=HOST:PORT'],
    [[file, '--dependency', 'pg=nowhere'], 'dependencies[0].address = "nowhere": allowed: HOST:PORT'],
  ];
  for (const [argv, message] of cases) {
    const r = await run(argv);
    expect([argv, r.code]).toEqual([argv, 2]);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }
});

test('a passing run exits 0 with a JSON report: TCP startup, HTTP liveness, exec readiness in the app env', async () => {
  const { file } = await manifest();
  const r = await run([file, '--command', `node ${path.join(APPS, 'node-app.js')}`, '--observe', '1', '--no-shutdown', '--format', 'json']);
  const report = JSON.parse(r.stdout);
  expect(report.verdicts.filter((v: { status: string }) => v.status === 'fail')).toEqual([]);
  expect(r.code).toBe(0);
  expect(report.formatVersion).toBe(1);
  expect(report.exitCode).toBe(0);
  expect(report.probes.map((p: { probe: string }) => p.probe)).toEqual(['startup', 'liveness', 'readiness']);
  expect(report.verdicts.find((v: { check: string }) => v.check === 'shutdown').status).toBe('skipped');
});

test('a failing run exits 1 with the human report and the app\'s last output', async () => {
  const { file } = await manifest();
  const r = await run([file, '--command', 'sh -c "echo cannot bind >&2; exit 3"', '--pid1', 'never']);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain('FAIL  startup');
  expect(r.stdout).toContain('cannot bind');
  expect(r.stdout).toMatch(/1 failed, 0 warned, \d+ passed, \d+ skipped/);
});

test('an app already running (no --command): its probes are judged, startup and shutdown are not', async () => {
  const { file, port } = await manifest();
  const { spawn } = await import('child_process');
  const child = spawn(process.execPath, [path.join(APPS, 'node-app.js')], { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  try {
    const r = await run([file, '--observe', '1', '--format', 'json']);
    const report = JSON.parse(r.stdout);
    const byCheck = Object.fromEntries(report.verdicts.map((v: { check: string; status: string }) => [v.check, v.status]));
    expect(byCheck).toMatchObject({ startup: 'skipped', steady: 'pass', shutdown: 'skipped' });
    expect(report.command).toBeUndefined();
    expect(r.code).toBe(0);
  } finally {
    child.kill('SIGKILL');
  }
});
