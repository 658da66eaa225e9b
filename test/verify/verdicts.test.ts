/** Each rule of judgement, on made-up observations (no process). */
import { dependencyVerdict, latencyVerdict, shutdownVerdict, startupVerdict, steadyVerdict } from '../../lib/verify/verdicts';
import { VerdictStatus } from '../../lib/verify/types';

const startupProbe = { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 };

describe('startup', () => {
  test('within the guaranteed allowance D + (F−1)·P passes; between it and D + F·P warns; beyond fails', () => {
    expect(startupVerdict({ guard: 'startup', appStartedAt: 19 }, startupProbe, undefined).status).toBe(VerdictStatus.PASS);
    const w = startupVerdict({ guard: 'startup', appStartedAt: 25 }, startupProbe, undefined);
    expect(w.status).toBe(VerdictStatus.WARN);
    expect(w.detail).toContain('guarantees 20 s');
    expect(startupVerdict({ guard: 'startup', appStartedAt: 30 }, startupProbe, undefined).status).toBe(VerdictStatus.FAIL);
  });
  test('slower than the declared worst startup fails even inside the probe allowance', () => {
    const v = startupVerdict({ guard: 'startup', appStartedAt: 12 }, startupProbe, 10);
    expect(v.status).toBe(VerdictStatus.FAIL);
    expect(v.detail).toContain('declared worst startup 10 s');
  });
  test('never answering, a probe trip and an early exit fail', () => {
    expect(startupVerdict({ guard: 'startup' }, startupProbe, undefined).status).toBe(VerdictStatus.FAIL);
    expect(startupVerdict({ guard: 'startup', appStartedAt: 1, killedAt: 3 }, startupProbe, undefined).status).toBe(VerdictStatus.FAIL);
    expect(startupVerdict({ guard: 'startup', exitedAt: 0.3 }, startupProbe, undefined).detail).toContain('exited');
  });
});

test('steady: a liveness trip or an exit fails, never Ready fails, a readiness drop warns', () => {
  const ok = { seconds: 5, readyAtEnd: true, readinessDrops: 0 };
  expect(steadyVerdict(ok).status).toBe(VerdictStatus.PASS);
  expect(steadyVerdict({ ...ok, livenessTrippedAt: 8 }).status).toBe(VerdictStatus.FAIL);
  expect(steadyVerdict({ ...ok, exitedAt: 3, exit: 'exited with code 1' }).status).toBe(VerdictStatus.FAIL);
  expect(steadyVerdict({ ...ok, readyAtEnd: false }).status).toBe(VerdictStatus.FAIL);
  expect(steadyVerdict({ ...ok, readinessDrops: 1 }).status).toBe(VerdictStatus.WARN);
});

test('handler latency: above the declared latency fails; above half the timeout warns; nothing measured is skipped', () => {
  const f = (l: number) => [{ probe: 'liveness', successes: 3, maxSuccessLatency: l, timeoutSeconds: 3 }];
  expect(latencyVerdict(f(0.2), 1).status).toBe(VerdictStatus.PASS);
  expect(latencyVerdict(f(1.2), 1).status).toBe(VerdictStatus.FAIL);
  expect(latencyVerdict(f(2), undefined).status).toBe(VerdictStatus.WARN);
  expect(latencyVerdict([{ probe: 'liveness', successes: 0, timeoutSeconds: 1 }], 1).status).toBe(VerdictStatus.SKIPPED);
});

describe('dependency outage', () => {
  const base = { name: 'postgres', cutAt: 10, restoredAt: 20, livenessAttempts: 9, livenessFailures: 0, hasReadiness: true };
  test('readiness red and back with liveness green passes', () => {
    expect(dependencyVerdict({ ...base, notReadyAt: 12, readyAgainAt: 21 }).status).toBe(VerdictStatus.PASS);
  });
  test('liveness failing at all, readiness staying Ready or not coming back fail', () => {
    expect(dependencyVerdict({ ...base, notReadyAt: 12, readyAgainAt: 21, livenessFailures: 2, livenessFailureMessage: 'HTTP 503' }).detail).toContain('checks postgres');
    expect(dependencyVerdict({ ...base, notReadyAt: 12, readyAgainAt: 21, livenessFailures: 3, livenessTrippedAt: 13 }).status).toBe(VerdictStatus.FAIL);
    expect(dependencyVerdict({ ...base }).detail).toContain('stayed Ready');
    expect(dependencyVerdict({ ...base, notReadyAt: 12 }).status).toBe(VerdictStatus.FAIL);
    expect(dependencyVerdict({ ...base, hasReadiness: false }).status).toBe(VerdictStatus.FAIL);
  });
});

describe('shutdown', () => {
  const base = { reason: 'delete', pid1: false, graceSeconds: 30, sigkillAfterSeconds: 25, preStop: 'sleep 5 s', preStopSeconds: 5, sigtermAt: 5, servingWindow: 5, servingCheck: 'GET /readyz', exit: 'exited with code 0', killed: false };
  test('serving through the preStop window and exiting before SIGKILL passes', () => {
    expect(shutdownVerdict({ ...base, stoppedServingAt: 5.2, exitedAt: 5.3 }).status).toBe(VerdictStatus.PASS);
  });
  test('stopping inside the window fails, unless readiness failed first (warn)', () => {
    const noPre = { ...base, preStop: undefined, preStopSeconds: 0, sigtermAt: 0 };
    expect(shutdownVerdict({ ...noPre, stoppedServingAt: 0.1, exitedAt: 0.1 }).status).toBe(VerdictStatus.FAIL);
    expect(shutdownVerdict({ ...noPre, readinessFailedAt: 0.5, stoppedServingAt: 2, exitedAt: 2 }).status).toBe(VerdictStatus.WARN);
  });
  test('ignoring SIGTERM until SIGKILL fails, and says PID 1 when it was', () => {
    const v = shutdownVerdict({ ...base, pid1: true, killed: true, exitedAt: 30 });
    expect(v.status).toBe(VerdictStatus.FAIL);
    expect(v.check).toBe('shutdown-pid1');
    expect(v.detail).toContain('as PID 1');
  });
  test('after a liveness kill serving is not judged, only the exit', () => {
    const v = shutdownVerdict({ ...base, reason: 'liveness', preStop: undefined, preStopSeconds: 0, sigtermAt: 0, graceSeconds: 1, sigkillAfterSeconds: 2, exitedAt: 0.1 });
    expect(v.status).toBe(VerdictStatus.PASS);
    expect(v.detail).toContain('liveness kill');
  });
});
