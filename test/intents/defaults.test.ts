/**
 * The defaults that must run in a real cluster (issue 7, items 1–6), through planWorkload.
 */
import { Intent, planWorkload, ProbeKind, WorkloadPlan } from '../../lib';
import { WorkloadTargets } from '../../lib/intents/plan';
import { appFilesReadBy as filesReadBy, heartbeatCommand, shellQuote } from '../../lib/intents/shell';
import { instantTripSeconds, startupAllowance } from '../../lib/timing';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

function plan(intents: Intent[], targets: WorkloadTargets = {}): WorkloadPlan {
  const r = planWorkload(intents, targets);
  expect(r.issues).toEqual([]);
  return r.plan!;
}

function issues(intents: Intent[], targets: WorkloadTargets = {}): string[] {
  return planWorkload(intents, targets).issues.map((i) => `${i.field}: ${i.message}`);
}

describe('heartbeat and probe files under a read-only root filesystem (item 1)', () => {
  it('mounts an emptyDir at the heartbeat file\'s directory', () => {
    expect(plan([Intent.worker()]).volumes).toEqual([{ name: 'writable-tmp', mountPath: '/tmp', reason: '/tmp/heartbeat' }]);
    expect(plan([Intent.worker({ heartbeatFile: '/var/run/worker/beat' })]).volumes.map((v) => v.mountPath)).toEqual(['/var/run/worker']);
  });
  it('mounts nothing when the root filesystem is writable', () => {
    expect(plan([Intent.worker()], { readOnlyRootFilesystem: false }).volumes).toEqual([]);
  });
  it('fails where no emptyDir can go', () => {
    expect(issues([Intent.worker({ heartbeatFile: '/heartbeat' })]).join('\n')).toMatch(/intents\[0\] \(worker-no-http\)\.heartbeatFile: got "\/heartbeat": the root filesystem is read-only .* allowed: a file in a directory of its own/);
    expect(issues([Intent.worker({ heartbeatFile: '/etc/beat' })]).join('\n')).toMatch(/heartbeatFile: got "\/etc\/beat"/);
  });
  it('makes seed 003\'s `test -e /tmp/healthy` file writable, found in the command', () => {
    const p = plan([Intent.httpService({ port: 80 }), Intent.command({ probe: ProbeKind.LIVENESS, command: ['test', '-e', '/tmp/healthy'] })]);
    expect(p.volumes.map((v) => v.mountPath)).toEqual(['/tmp']);
  });
  it('takes a declared writable directory for commands it cannot read', () => {
    const p = plan([Intent.httpService({ port: 80 }), Intent.command({ probe: ProbeKind.READINESS, command: ['/app/check-ready'], writableDirectory: '/var/run/app' })]);
    expect(p.volumes.map((v) => v.mountPath)).toEqual(['/var/run/app']);
  });
  it('mounts one volume for files in the same directory tree', () => {
    const p = plan([Intent.worker({ heartbeatFile: '/tmp/a/heartbeat' }), Intent.command({ probe: ProbeKind.READINESS, command: ['sh', '-c', 'test -f /tmp/ready'] })]);
    expect(p.volumes.map((v) => v.mountPath)).toEqual(['/tmp']);
  });
  it('finds files read by test, [, stat and cat, directly or in sh -c, and ignores system files', () => {
    expect(filesReadBy(['test', '-e', '/tmp/healthy'])).toEqual(['/tmp/healthy']);
    expect(filesReadBy(['sh', '-c', "[ -f '/data/ready' ] && cat /run/app/state"])).toEqual(['/data/ready', '/run/app/state']);
    expect(filesReadBy(['cat', '/etc/hostname'])).toEqual([]);
    expect(filesReadBy(['pg_isready', '-h', '127.0.0.1'])).toEqual([]);
  });
});

describe('gRPC health services (item 2)', () => {
  it('asks "" by default (left out of the JSON), and sizes liveness to trip strictly after readiness', () => {
    const p = plan([Intent.grpcService({ port: 50051 })]);
    expect(p.livenessProbe.grpc).toEqual({ port: 50051 });
    expect(p.readinessProbe.grpc).toEqual({ port: 50051 });
    expect(instantTripSeconds(p.timings.liveness)).toBeGreaterThan(instantTripSeconds(p.timings.readiness));
  });
  it('still does with fast recovery', () => {
    const p = plan([Intent.grpcService({ port: 50051 }), Intent.fastRecovery()]);
    expect(instantTripSeconds(p.timings.liveness)).toBeGreaterThan(instantTripSeconds(p.timings.readiness));
  });
});

describe('shell commands (item 4)', () => {
  it('quotes the heartbeat path for sh -c', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    const cmd = heartbeatCommand('/tmp/my beat; rm -rf x', 60);
    expect(cmd[2]).toContain(`stat -c %Y '/tmp/my beat; rm -rf x'`);
  });
  it('runs as a real shell: fresh file passes, stale or missing fails, a hostile path runs nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-'));
    const file = path.join(dir, "beat; touch pwned 'q'");
    const run = (f: string, age: number) => {
      const [sh, flag, script] = heartbeatCommand(f, age);
      try { execFileSync(sh, [flag, script], { cwd: dir, stdio: 'ignore' }); return 0; } catch { return 1; }
    };
    expect(run(file, 60)).toBe(1);
    fs.writeFileSync(file, '');
    expect(run(file, 60)).toBe(0);
    const old = new Date(Date.now() - 120_000);
    fs.utimesSync(file, old, old);
    expect(run(file, 60)).toBe(1);
    expect(fs.existsSync(path.join(dir, 'pwned'))).toBe(false);
  });
  it('accepts a shell-less image with a liveness command: it serves all three probes, no preStop sleep', () => {
    const p = plan([Intent.worker(), Intent.command({ probe: ProbeKind.LIVENESS, command: ['/app/healthcheck'] })], { imageHasShell: false });
    for (const probe of [p.startupProbe, p.livenessProbe, p.readinessProbe]) expect(probe.exec).toEqual({ command: ['/app/healthcheck'] });
    const s = plan([Intent.httpService({ port: 80 })], { imageHasShell: false });
    expect(s.preStopSleepSeconds).toBeUndefined();
    expect(s.terminationGracePeriodSeconds).toBe(instantTripSeconds(s.timings.readiness) + 15);
  });
  it('fails synth for a shell-less worker with nothing runnable, and for a sh -c command', () => {
    expect(issues([Intent.worker()], { imageHasShell: false }).join('\n')).toMatch(/intents\[0\] \(worker-no-http\)\.heartbeatFile: the liveness probe needs sh, date, stat but imageHasShell is false; allowed: Intent\.command/);
    expect(issues([Intent.httpService({ port: 80 }), Intent.command({ probe: ProbeKind.READINESS, command: ['sh', '-c', 'true'] })], { imageHasShell: false }).join('\n'))
      .toMatch(/intents\[1\] \(exec\)\.command: the readiness probe needs sh but imageHasShell is false/);
  });
});

describe('slow start never more fragile than no declaration (item 5)', () => {
  it('floors a small declaration at the 60 s default allowance, and records what was declared', () => {
    const none = plan([Intent.httpService({ port: 80 })]);
    const small = plan([Intent.httpService({ port: 80 }), Intent.slowStart({ worstStartupSeconds: 5 })]);
    expect(startupAllowance(small.timings.startup).guaranteedSeconds).toBe(startupAllowance(none.timings.startup).guaranteedSeconds);
    expect(small.worstStartupSeconds).toBe(60);
    expect(small.annotations['probes.cdk8s.io/worst-startup-seconds']).toBe('5');
  });
});

describe('a single health endpoint (item 6, seed 002)', () => {
  it('accepts the same path for liveness and readiness, liveness tripping strictly after readiness', () => {
    const p = plan([Intent.httpService({ port: 80, livenessPath: '/health', readinessPath: '/health' })]);
    expect(p.livenessProbe.httpGet).toEqual(p.readinessProbe.httpGet);
    expect(instantTripSeconds(p.timings.liveness)).toBeGreaterThan(instantTripSeconds(p.timings.readiness));
  });
  it('refuses one shared command whose pinned timings make liveness trip first', () => {
    const out = issues([
      Intent.httpService({ port: 80 }),
      Intent.command({ probe: ProbeKind.LIVENESS, command: ['/check'], periodSeconds: 6, failureThreshold: 2 }),
      Intent.command({ probe: ProbeKind.READINESS, command: ['/check'] }),
    ]).join('\n');
    expect(out).toMatch(/intents\[2\] \(exec\)\.command: got "\/check", the same check as liveness, and liveness trips after 12 s, not later than readiness \(18 s\)/);
  });
});

describe('a worker with a liveness command (seed 003: the app writes /tmp/healthy once, no heartbeat)', () => {
  it('runs the command in every probe not given its own, and keeps /tmp writable for the marker', () => {
    const p = plan([Intent.worker({ heartbeatFile: '/tmp/healthy' }), Intent.command({ probe: ProbeKind.LIVENESS, command: ['test', '-e', '/tmp/healthy'] })]);
    for (const probe of [p.startupProbe, p.livenessProbe, p.readinessProbe]) expect(probe.exec).toEqual({ command: ['test', '-e', '/tmp/healthy'] });
    expect(p.volumes.map((v) => v.mountPath)).toEqual(['/tmp']);
  });
  it('keeps a readiness command given for it', () => {
    const p = plan([Intent.worker(), Intent.command({ probe: ProbeKind.READINESS, command: ['/ready'] }), Intent.command({ probe: ProbeKind.LIVENESS, command: ['/alive'] })]);
    expect(p.readinessProbe.exec).toEqual({ command: ['/ready'] });
    expect(p.startupProbe.exec).toEqual({ command: ['/alive'] });
    expect(p.volumes).toEqual([]);
  });
});
