/**
 * verify against real Node processes (test/verify/apps/node-app.js, grpc-app.js), through the
 * programmatic API as a user's jest test would call it. The scenarios run concurrently to keep the
 * suite short; timings are scaled down (periods of 1 s) with generous margins, and the assertions
 * are on verdicts and orderings only.
 */
import * as path from 'path';
import { Pid1Mode, pidNamespaceSupport, verify, VerifyReport, VerifyTarget, VerdictStatus } from '../../lib/verify';
import { APPS, freePort, startDependency, writeManifest } from './helpers';

jest.setTimeout(180_000);

interface Scenario {
  readonly env: Record<string, string>;
  readonly probes: string;
  readonly grace?: number;
  readonly preStop?: string;
  readonly annotations?: Record<string, string>;
  readonly app?: string;
}

async function manifest(name: string, s: Scenario): Promise<{ file: string; port: number }> {
  const port = await freePort();
  const env = Object.entries({ PORT: String(port), ...s.env }).map(([k, v]) => `{ name: ${k}, value: "${v}" }`).join(', ');
  const annotations = Object.entries(s.annotations ?? {}).map(([k, v]) => `probes.cdk8s.io/${k}: "${v}"`).join(', ');
  const text = `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name} }
spec:
  template:
    metadata:
      annotations: { ${annotations} }
    spec:
      terminationGracePeriodSeconds: ${s.grace ?? 4}
      containers:
        - name: app
          image: ${name}:test
          ports: [{ name: http, containerPort: ${port} }]
          env: [${env}]
${s.preStop ? `          lifecycle: { preStop: ${s.preStop} }\n` : ''}${s.probes.replace(/PORT/g, String(port)).split('\n').map((l) => `          ${l}`).join('\n')}
`;
  return { file: writeManifest(`${name}.yaml`, text), port };
}

const HTTP_PROBES = `startupProbe: { httpGet: { path: /healthz, port: http }, periodSeconds: 1, failureThreshold: 10 }
livenessProbe: { httpGet: { path: /healthz, port: http }, periodSeconds: 1, failureThreshold: 3 }
readinessProbe: { httpGet: { path: /readyz, port: http }, periodSeconds: 1, failureThreshold: 2 }`;

const pidns = pidNamespaceSupport();
const GRPC_READY_AFTER_S = 4;
const reports = new Map<string, VerifyReport>();
/** The verdict's status and detail, so a failing assertion shows why. */
const verdict = (name: string, check: string) => {
  const v = reports.get(name)!.verdicts.find((x) => x.check === check);
  return { check, status: v?.status, detail: v?.detail };
};
const expectVerdict = (name: string, check: string, s: VerdictStatus) => expect(verdict(name, check)).toEqual({ check, status: s, detail: expect.any(String) });
const detail = (name: string, check: string) => verdict(name, check).detail ?? '';

beforeAll(async () => {
  if (!pidns.available) console.warn(`verify tests: PID 1 checks cannot run on this machine (${pidns.reason}); the shutdown-pid1 verdicts are asserted as SKIPPED`);
  const dep = await startDependency();
  const node = `node ${path.join(APPS, 'node-app.js')}`;
  const runs: Array<Promise<void>> = [];
  const add = async (name: string, s: Scenario, options: Parameters<typeof verify>[1]) => {
    const { file } = await manifest(name, s);
    runs.push(verify(VerifyTarget.fromManifestFile(file), { command: s.app ?? node, ...options }).then((r) => { reports.set(name, r); }));
  };
  const postgres = [{ name: 'postgres', address: `127.0.0.1:${dep.port}` }];
  await add('healthy', {
    env: { DEP_ADDR: '$(POSTGRES_PROXY_ADDR)', ON_SIGTERM: 'drain', DRAIN_S: '1' },
    probes: HTTP_PROBES,
    preStop: '{ exec: { command: [sleep, "1"] } }',
    annotations: { 'critical-dependencies': 'postgres', 'worst-startup-seconds': '8' },
  }, { dependencies: postgres, observeSeconds: 3 });
  await add('slow-start', { env: { START_DELAY_S: '6' }, probes: HTTP_PROBES.replace('failureThreshold: 10', 'failureThreshold: 3'), annotations: { 'worst-startup-seconds': '2' } }, { pid1: Pid1Mode.NEVER });
  await add('fails-after', { env: { FAIL_AFTER_S: '6' }, probes: HTTP_PROBES }, { observeSeconds: 20, pid1: Pid1Mode.NEVER });
  await add('hangs-after', { env: { HANG_AFTER_S: '6' }, probes: HTTP_PROBES }, { observeSeconds: 20, pid1: Pid1Mode.NEVER });
  await add('ignores-sigterm', { env: { ON_SIGTERM: 'ignore' }, probes: HTTP_PROBES, grace: 2, preStop: '{ sleep: { seconds: 1 } }' }, { observeSeconds: 1, pid1: Pid1Mode.NEVER });
  await add('default-sigterm', { env: { ON_SIGTERM: 'default' }, probes: HTTP_PROBES, grace: 3, preStop: '{ sleep: { seconds: 1 } }' }, { observeSeconds: 1 });
  await add('liveness-checks-dep', {
    env: { DEP_ADDR: '$(POSTGRES_PROXY_ADDR)', LIVENESS_CHECKS_DEP: '1' },
    probes: HTTP_PROBES,
    annotations: { 'critical-dependencies': 'postgres' },
  }, { dependencies: postgres, observeSeconds: 1, shutdown: false });
  await add('grpc', {
    env: { READY_AFTER_S: String(GRPC_READY_AFTER_S) },
    probes: `startupProbe: { grpc: { port: PORT, service: liveness }, periodSeconds: 1, failureThreshold: 10 }
livenessProbe: { grpc: { port: PORT, service: liveness }, periodSeconds: 1, failureThreshold: 3 }
readinessProbe: { grpc: { port: PORT, service: readiness }, periodSeconds: 1, failureThreshold: 2 }`,
    preStop: '{ sleep: { seconds: 1 } }',
    app: `node ${path.join(APPS, 'grpc-app.js')}`,
  }, { observeSeconds: 2, pid1: Pid1Mode.NEVER });
  try {
    await Promise.all(runs);
  } finally {
    await dep.close();
  }
});

test('a healthy app with a drain on SIGTERM passes every verdict, the dependency outage included', () => {
  const r = reports.get('healthy')!;
  expect(r.verdicts.filter((v) => v.status === VerdictStatus.FAIL)).toEqual([]);
  for (const check of ['startup', 'steady', 'dependency:postgres', 'shutdown']) expectVerdict('healthy', check, VerdictStatus.PASS);
  const d = r.dependencies[0];
  expect(d.notReadyAt!).toBeGreaterThan(d.cutAt);
  expect(d.readyAgainAt!).toBeGreaterThan(d.restoredAt);
  expect(d.livenessFailures).toBe(0);
  // the probes went to the app with the kubelet's timing: startup before liveness and readiness
  const firstStartup = r.attempts.find((a) => a.probe === 'startup')!;
  const firstLiveness = r.attempts.find((a) => a.probe === 'liveness')!;
  expect(firstLiveness.at).toBeGreaterThanOrEqual(firstStartup.at);
  expectVerdict('healthy', 'shutdown-pid1', pidns.available ? VerdictStatus.PASS : VerdictStatus.SKIPPED);
});

test('a start slower than the startup probe allows and than declared fails startup; the startup probe kills it', () => {
  expectVerdict('slow-start', 'startup', VerdictStatus.FAIL);
  expect(detail('slow-start', 'startup')).toContain('startup probe tripped');
  expect(reports.get('slow-start')!.startup.killedAt).toBeDefined();
  expect(reports.get('slow-start')!.shutdown?.reason).toBe('startup');
});

test('a handler that starts answering 500 trips liveness (the steady verdict fails)', () => {
  expectVerdict('fails-after', 'steady', VerdictStatus.FAIL);
  expect(detail('fails-after', 'steady')).toContain('statuscode: 500');
  expect(reports.get('fails-after')!.shutdown?.reason).toBe('liveness');
});

test('a hung handler fails liveness by timeout', () => {
  expectVerdict('hangs-after', 'steady', VerdictStatus.FAIL);
  const liveness = reports.get('hangs-after')!.probes.find((p) => p.probe === 'liveness')!;
  expect(liveness.timeouts).toBeGreaterThan(0);
});

test('an app that ignores SIGTERM is SIGKILLed at the end of the grace period', () => {
  expectVerdict('ignores-sigterm', 'shutdown', VerdictStatus.FAIL);
  expect(reports.get('ignores-sigterm')!.shutdown!.killed).toBe(true);
  expect(detail('ignores-sigterm', 'shutdown')).toContain('kept serving through the preStop window (sleep 1 s');
});

test('with no SIGTERM handler the app exits at once, but as PID 1 it ignores SIGTERM and is SIGKILLed', () => {
  expectVerdict('default-sigterm', 'shutdown', VerdictStatus.PASS);
  if (!pidns.available) {
    expect(detail('default-sigterm', 'shutdown-pid1')).toContain('cannot run the app as PID 1');
    return;
  }
  expectVerdict('default-sigterm', 'shutdown-pid1', VerdictStatus.FAIL);
  expect(reports.get('default-sigterm')!.shutdownPid1!.killed).toBe(true);
});

test('liveness that checks a critical dependency fails the outage verdict', () => {
  expectVerdict('liveness-checks-dep', 'dependency:postgres', VerdictStatus.FAIL);
  expect(detail('liveness-checks-dep', 'dependency:postgres')).toMatch(/liveness (tripped|failed)/);
  expectVerdict('liveness-checks-dep', 'shutdown', VerdictStatus.SKIPPED);
});

test('gRPC health probes: NOT_SERVING readiness until the app says so, then Ready; preStop sleep then a clean exit', () => {
  const r = reports.get('grpc')!;
  expectVerdict('grpc', 'startup', VerdictStatus.PASS);
  expectVerdict('grpc', 'steady', VerdictStatus.PASS);
  expectVerdict('grpc', 'shutdown', VerdictStatus.PASS);
  // the app's own clock starts after the spawn, so Ready cannot come before it says SERVING
  expect(r.startup.readyAt!).toBeGreaterThanOrEqual(GRPC_READY_AFTER_S);
  const before = r.attempts.filter((a) => a.probe === 'readiness' && a.at + a.latency < r.startup.readyAt! - 0.01);
  for (const a of before) expect(a.message).toContain('NOT_SERVING');
});
