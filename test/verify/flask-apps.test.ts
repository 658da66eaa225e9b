/**
 * verify against the seeds' own Flask apps, run with python3 + Flask (Debian's python3-flask in CI;
 * .ci/run installs it when missing): seed 000's app.py (debug reloader), seed 001's (10 s sleep at
 * import) and a crashy app like seed 002's. Their manifests are the articles', with the periods and
 * grace scaled down so the suite stays short. Without a python3 that imports Flask the tests say so
 * in their names and in a warning, and are skipped: never silently.
 */
import { Pid1Mode, pidNamespaceSupport, verify, VerifyReport, VerifyTarget, VerdictStatus } from '../../lib/verify';
import * as path from 'path';
import { APPS, findFlaskPython, freePort, writeManifest } from './helpers';

jest.setTimeout(180_000);

const { python, tried } = findFlaskPython();
const why = `needs python3 with Flask: none found (${tried.join('; ')}); install python3-flask`;
if (!python) console.warn(`verify Flask tests NOT RUN: ${why}`);
const flaskTest = python ? test : (name: string, fn: () => void) => test.skip(`${name} [NOT RUN: ${why}]`, fn);
const pidns = pidNamespaceSupport();
const reports = new Map<string, VerifyReport>();

const verdict = (name: string, check: string) => {
  const v = reports.get(name)!.verdicts.find((x) => x.check === check);
  return { check, status: v?.status, detail: v?.detail };
};
const expectVerdict = (name: string, check: string, s: VerdictStatus) => expect(verdict(name, check)).toEqual({ check, status: s, detail: expect.any(String) });

/**
 * The seeds' Flask deployment.yaml, periods 10 -> 1 s and a 3 s grace: seed 000's as written, and
 * seed 001's, which is the same with a startup probe (failureThreshold 30) added.
 */
async function flaskDeployment(file: string, withStartupProbe: boolean): Promise<string> {
  const port = await freePort();
  const startup = withStartupProbe
    ? `        startupProbe: { httpGet: { path: /healthz, port: ${port} }, failureThreshold: 30, periodSeconds: 1 }\n`
    : '';
  return writeManifest(file, `apiVersion: apps/v1
kind: Deployment
metadata: { name: flask-app }
spec:
  replicas: 3
  template:
    spec:
      terminationGracePeriodSeconds: 3
      containers:
      - name: flask-app
        image: your-dockerhub-username/flask-app:latest
        ports: [{ containerPort: ${port} }]
        env: [{ name: PORT, value: "${port}" }]
        livenessProbe: { httpGet: { path: /healthz, port: ${port} }, initialDelaySeconds: 5, periodSeconds: 1 }
        readinessProbe: { httpGet: { path: /readyz, port: ${port} }, initialDelaySeconds: 5, periodSeconds: 1 }
${startup}`);
}

const seed000 = (): Promise<string> => flaskDeployment('seed000.yaml', false);
const seed001 = (): Promise<string> => flaskDeployment('seed001.yaml', true);

async function crashy(): Promise<string> {
  const port = await freePort();
  // seed 002's crashy-deployment.yaml with its liveness probe as written; CRASH_AFTER 60 -> 6 s; plus a
  // startup probe on /health, as the library's fast-recovery intent adds, so that a Flask import slowed
  // by a loaded machine is not taken for the crash (the seed's liveness alone allows only 2 s)
  return writeManifest('crashy.yaml', `apiVersion: apps/v1
kind: Deployment
metadata: { name: crashy-app, labels: { app: crashy } }
spec:
  replicas: 1
  template:
    spec:
      containers:
      - name: crashy-app
        image: crashy-app:1.0.0
        ports: [{ containerPort: ${port} }]
        env: [{ name: CRASH_AFTER, value: "6" }, { name: PORT, value: "${port}" }]
        livenessProbe: { httpGet: { path: /health, port: ${port} }, periodSeconds: 1, failureThreshold: 3, terminationGracePeriodSeconds: 1 }
        startupProbe: { httpGet: { path: /health, port: ${port} }, periodSeconds: 1, failureThreshold: 30 }
`);
}

beforeAll(async () => {
  if (!python) return;
  const run = async (name: string, file: string, dir: string, options: Parameters<typeof verify>[1]) => {
    reports.set(name, await verify(VerifyTarget.fromManifestFile(file), { command: `${python} app.py`, cwd: path.join(APPS, dir), ...options }));
  };
  await Promise.all([
    run('seed000', await seed000(), 'seed000', { pid1: Pid1Mode.NEVER }),
    run('seed001', await seed001(), 'seed001', { observeSeconds: 2 }),
    run('crashy', await crashy(), 'crashy', { observeSeconds: 20 }),
  ]);
});

flaskTest('seed 000: the app answers only after ~10 s (import sleep, then the debug reloader imports it again), so liveness (D = 5, P = 1, F = 3) trips first', () => {
  const r = reports.get('seed000')!;
  expectVerdict('seed000', 'startup', VerdictStatus.FAIL);
  expect(r.startup.killedAt).toBeDefined();
  // refused while nothing listens; timed out once the reloader holds the port but cannot answer yet
  // (which of the two the three attempts meet depends on the machine's speed)
  const failures = r.attempts.filter((a) => a.probe === 'liveness');
  expect(failures.length).toBe(3);
  for (const a of failures) expect(a.timedOut || a.message.includes('ECONNREFUSED') || a.message.includes('ECONNRESET')).toBe(true);
  if (r.startup.appStartedAt !== undefined) expect(r.startup.appStartedAt).toBeGreaterThan(r.startup.killedAt!);
});

flaskTest('seed 001: the startup probe (F = 30) covers the 10 s import sleep; without a preStop hook Flask stops serving at once on SIGTERM', () => {
  const r = reports.get('seed001')!;
  expectVerdict('seed001', 'startup', VerdictStatus.PASS);
  expectVerdict('seed001', 'steady', VerdictStatus.PASS);
  expect(r.startup.appStartedAt!).toBeGreaterThanOrEqual(10); // time.sleep(10) at import
  // no startup success before the app answered; liveness and readiness only after startup
  const startupOk = r.transitions.find((t) => t.probe === 'startup')!;
  expect(r.attempts.filter((a) => a.probe !== 'startup').every((a) => a.at >= startupOk.at - 0.001)).toBe(true);
  expectVerdict('seed001', 'shutdown', VerdictStatus.FAIL);
  expect(verdict('seed001', 'shutdown').detail).toContain('stopped serving');
  if (pidns.available) {
    // Python installs no SIGTERM handler: as PID 1 the signal is ignored and the 3 s grace ends in SIGKILL
    expectVerdict('seed001', 'shutdown-pid1', VerdictStatus.FAIL);
    expect(r.shutdownPid1!.killed).toBe(true);
  } else {
    expect(verdict('seed001', 'shutdown-pid1').detail).toContain('cannot run the app as PID 1');
  }
});

flaskTest('a crashy app like seed 002: liveness trips on the 500s; killed with probe grace 1 s it exits on SIGTERM, but as PID 1 it is SIGKILLed after the 2 s minimum', () => {
  const r = reports.get('crashy')!;
  expectVerdict('crashy', 'steady', VerdictStatus.FAIL);
  expect(verdict('crashy', 'steady').detail).toContain('statuscode: 500');
  // three failures in a row, the third one trips (F = 3), then the worker holds: no attempt after it
  const liveness = r.attempts.filter((a) => a.probe === 'liveness');
  const last3 = liveness.slice(-3);
  expect(last3.map((a) => a.result)).toEqual(['failure', 'failure', 'failure']);
  expect(last3.some((a) => a.message.includes('500'))).toBe(true);
  const trip = r.transitions.find((t) => t.probe === 'liveness')!;
  expect(trip.at).toBeGreaterThanOrEqual(last3[2].at);
  expect(r.shutdown!.reason).toBe('liveness');
  expect(r.shutdown!.graceSeconds).toBe(1);
  expectVerdict('crashy', 'shutdown', VerdictStatus.PASS);
  if (pidns.available) {
    expect(r.shutdownPid1!.killed).toBe(true);
    expect(r.shutdownPid1!.sigkillAfterSeconds).toBe(2);
  }
});
