/**
 * verify --scenario: a simulator scenario's faults replayed against real Node processes
 * (test/verify/apps/node-app.js). Periods of 1 s, short scenarios, run concurrently; assertions on
 * verdicts and orderings only, never on exact timings.
 */
import * as path from 'path';
import { runVerify } from '../../lib/cli/verify';
import { CliIo } from '../../lib/cli/io';
import { planReplay, readScenario } from '../../lib/verify/faults';
import { Pid1Mode, verify, VerifyInputError, VerifyReport, VerifyTarget, VerdictStatus } from '../../lib/verify';
import { APPS, freePort, startDependency, writeManifest } from './helpers';

jest.setTimeout(120_000);

const PROBES = `startupProbe: { httpGet: { path: /healthz, port: http }, periodSeconds: 1, failureThreshold: 10 }
livenessProbe: { httpGet: { path: /healthz, port: http }, periodSeconds: 1, failureThreshold: 3 }
readinessProbe: { httpGet: { path: /readyz, port: http }, periodSeconds: 1, failureThreshold: 2 }`;

async function manifest(name: string, env: Record<string, string>): Promise<string> {
  const port = await freePort();
  const envText = Object.entries({ PORT: String(port), ...env }).map(([k, v]) => `{ name: ${k}, value: "${v}" }`).join(', ');
  return writeManifest(`${name}.yaml`, `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name} }
spec:
  template:
    spec:
      terminationGracePeriodSeconds: 3
      containers:
        - name: app
          ports: [{ name: http, containerPort: ${port} }]
          env: [${envText}]
${PROBES.split('\n').map((l) => `          ${l}`).join('\n')}
`);
}

const HANG = `duration: 20s
faults:
  - kind: hang
    at: 2s
`;
const OUTAGE = `duration: 9s
dependencies:
  postgres: { critical: true, checkedBy: [readiness] }
faults:
  - kind: outage
    dependency: postgres
    at: 2s
    for: 4s
  - kind: error
    at: 7s
    handlers: [liveness]
  - kind: hang
    at: 7s
    handlers: [readiness]
`;
const EXIT = `duration: 10s
faults:
  - kind: exit
    at: 2s
  - kind: delete
    at: 5s
`;

const node = `node ${path.join(APPS, 'node-app.js')}`;
const reports = new Map<string, VerifyReport>();
const fault = (name: string, prefix: string) => reports.get(name)!.verdicts.find((v) => v.check.startsWith(prefix));

beforeAll(async () => {
  const dep = await startDependency();
  const write = (name: string, text: string) => writeManifest(`${name}.scenario.yaml`, text);
  const runs = [
    ['hang', await manifest('hang', {}), write('hang', HANG), []],
    ['outage', await manifest('outage', { DEP_ADDR: '$(POSTGRES_PROXY_ADDR)' }), write('outage', OUTAGE), [{ name: 'postgres', address: `127.0.0.1:${dep.port}` }]],
    ['exit', await manifest('exit', {}), write('exit', EXIT), []],
  ] as const;
  try {
    await Promise.all(runs.map(async ([name, file, scenario, dependencies]) => {
      reports.set(name, await verify(VerifyTarget.fromManifestFile(file), { command: node, scenario, dependencies: [...dependencies], pid1: Pid1Mode.NEVER }));
    }));
  } finally {
    await dep.close();
  }
});

test('a hang (SIGSTOP of the whole process) is caught by liveness within lib/timing\'s bound, and the replay stops there', () => {
  const v = fault('hang', 'fault:faults[0] hang')!;
  expect(v.status).toBe(VerdictStatus.PASS);
  expect(v.detail).toContain('liveness tripped');
  const f = reports.get('hang')!.scenario!.faults[0];
  expect(f.livenessTrippedAt!).toBeGreaterThan(f.appliedAt!);
  expect(f.livenessTrippedAt! - f.appliedAt!).toBeLessThanOrEqual(f.predictedLiveness!.worst + 1);
  expect(reports.get('hang')!.scenario!.endReason).toContain('liveness probe tripped');
  // the simulator's run of the same scenario with the same probes trips liveness too
  expect(f.simulated!.livenessTrippedAt!).toBeGreaterThan(f.fault.startSeconds);
  expect(reports.get('hang')!.verdicts.find((x) => x.check === 'shutdown')!.status).toBe(VerdictStatus.SKIPPED);
});

test('an outage of a critical dependency: readiness red, liveness green, readiness back within recovery', () => {
  const v = fault('outage', 'fault:faults[0] outage postgres')!;
  expect(v).toEqual({ check: 'fault:faults[0] outage postgres', status: VerdictStatus.PASS, detail: expect.stringContaining('liveness green') });
  const f = reports.get('outage')!.scenario!.faults[0];
  expect(f.notReadyAt!).toBeGreaterThan(f.appliedAt!);
  expect(f.notReadyAt!).toBeLessThan(f.endedAt!);
  expect(f.readyAgainAt!).toBeGreaterThan(f.endedAt!);
  expect(f.livenessTrippedAt).toBeUndefined();
  // the scenario leaves the app running: the termination phase follows
  expect(reports.get('outage')!.shutdown).toBeDefined();
});

test('faults that need the app\'s cooperation are reported as not replayable, not silently dropped', () => {
  for (const prefix of ['fault:faults[1] error', 'fault:faults[2] hang']) {
    const v = fault('outage', prefix)!;
    expect(v.status).toBe(VerdictStatus.SKIPPED);
    expect(v.detail).toContain('not replayable against a real process');
  }
});

test('an exit is a SIGKILL: the container would restart, verify does not, later faults are not replayed', () => {
  expect(fault('exit', 'fault:faults[0] exit')!.status).toBe(VerdictStatus.PASS);
  expect(fault('exit', 'fault:faults[0] exit')!.detail).toContain('would restart');
  expect(fault('exit', 'fault:faults[1] delete')!).toEqual(expect.objectContaining({ status: VerdictStatus.SKIPPED, detail: expect.stringContaining('not replayed') }));
  expect(reports.get('exit')!.verdicts.find((x) => x.check === 'shutdown')!.status).toBe(VerdictStatus.SKIPPED);
});

describe('bad scenarios are input errors before anything starts', () => {
  test('an outage of a dependency not given with --dependency', () => {
    expect(() => planReplay(readScenario(OUTAGE, 'o.yaml'), [], true)).toThrow(/faults\[0\]\.dependency: "postgres" has no proxy; give --dependency postgres=HOST:PORT/);
  });
  test('a scenario longer than verify replays', () => {
    expect(() => planReplay(readScenario('duration: 20m\n', 'long.yaml'), [], true)).toThrow(/long\.yaml: duration: 1200 s is longer than verify replays .*at most 600 s/);
  });
  test('a scenario the simulator rejects keeps its message', () => {
    expect(() => readScenario('duration: 10s\nfaults: [{ kind: melt, at: 1s }]\n', 'bad.yaml')).toThrow(VerifyInputError);
  });
  test('the CLI exits 2 with the message', async () => {
    const file = await manifest('cli', {});
    const scenario = writeManifest('s.yaml', OUTAGE);
    let stderr = '';
    const io: CliIo = { stdout: () => {}, stderr: (t) => { stderr += t; }, readStdin: () => '', isTty: false, env: {}, cwd: process.cwd() };
    expect(await runVerify(['--command', node, '--scenario', scenario, file], io)).toBe(2);
    expect(stderr).toContain('has no proxy; give --dependency postgres=HOST:PORT');
  });
});
