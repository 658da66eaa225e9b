/**
 * The probe loop's kubelet rules (pkg/kubelet/prober/worker.go) with a scripted handler and short
 * periods. Assertions are on counts and order, never on exact times.
 */
import { ContainerRun, RunnableProbe } from '../../lib/verify/container-run';
import { waitUntil } from '../../lib/verify/clock';
import { ResolvedHandler } from '../../lib/verify/handler';
import { AttemptResult, HandlerOutcome } from '../../lib/verify/types';

function scripted(results: () => AttemptResult, delaySeconds = 0): ResolvedHandler {
  return {
    type: 'test', description: 'scripted',
    run: (timeout: number): Promise<HandlerOutcome> => new Promise((r) => setTimeout(() => {
      const timedOut = delaySeconds >= timeout;
      r({ result: timedOut ? AttemptResult.FAILURE : results(), message: timedOut ? 'timeout' : 'scripted', timedOut, answered: !timedOut });
    }, Math.min(delaySeconds, timeout) * 1000)),
  };
}

const timing = (p: Partial<RunnableProbe['timing']> = {}) => ({ initialDelaySeconds: 0, periodSeconds: 0.1, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3, ...p });

test('liveness and readiness wait for startup; startup success triggers readiness at once and stops startup', async () => {
  let ready = false;
  setTimeout(() => { ready = true; }, 350);
  const run = new ContainerRun([
    { kind: 'startup', timing: timing({ failureThreshold: 50 }), handler: scripted(() => (ready ? AttemptResult.SUCCESS : AttemptResult.FAILURE)) },
    { kind: 'liveness', timing: timing(), handler: scripted(() => AttemptResult.SUCCESS) },
    { kind: 'readiness', timing: timing({ periodSeconds: 5 }), handler: scripted(() => AttemptResult.SUCCESS) },
  ], undefined, 0);
  try {
    expect(await waitUntil(() => run.state('readiness') === AttemptResult.SUCCESS, 5)).toBe(true);
    const startupOk = run.transitionAfter('startup', AttemptResult.SUCCESS)!;
    const firstOther = run.attempts.find((a) => a.probe !== 'startup')!;
    expect(firstOther.at).toBeGreaterThanOrEqual(startupOk.at - 0.001);
    // readiness has a 5 s period: it is Ready this soon only because startup's success triggered it
    expect(run.attempts.filter((a) => a.probe === 'readiness').length).toBe(1);
    const startupAttempts = run.attempts.filter((a) => a.probe === 'startup').length;
    await waitUntil(() => false, 0.4);
    expect(run.attempts.filter((a) => a.probe === 'startup').length).toBe(startupAttempts);
  } finally {
    run.stop();
  }
});

test('liveness trips on F consecutive failures only; a success in between resets the run; then the worker holds', async () => {
  const script = [AttemptResult.FAILURE, AttemptResult.FAILURE, AttemptResult.SUCCESS, AttemptResult.FAILURE, AttemptResult.FAILURE, AttemptResult.FAILURE, AttemptResult.FAILURE];
  let i = 0;
  const run = new ContainerRun([{ kind: 'liveness', timing: timing(), handler: scripted(() => script[Math.min(i++, script.length - 1)]) }], undefined, 0);
  try {
    expect(await waitUntil(() => run.killedByProbe !== undefined, 5)).toBe(true);
    const results = run.attempts.map((a) => a.result);
    expect(results.slice(0, 6)).toEqual(script.slice(0, 6));
    await waitUntil(() => false, 0.4);
    expect(run.attempts.length).toBe(6); // on hold after the trip
  } finally {
    run.stop();
  }
});

test('initialDelaySeconds counts from container start: no attempt before it', async () => {
  const run = new ContainerRun([{ kind: 'readiness', timing: timing({ initialDelaySeconds: 1 }), handler: scripted(() => AttemptResult.SUCCESS) }], undefined, 0);
  try {
    expect(await waitUntil(() => run.attempts.length > 0, 5)).toBe(true);
    expect(run.attempts[0].at).toBeGreaterThanOrEqual(1);
  } finally {
    run.stop();
  }
});

test('an attempt that outlasts the period is followed at once by one more, not by a burst', async () => {
  const run = new ContainerRun([{ kind: 'readiness', timing: timing({ periodSeconds: 0.1, timeoutSeconds: 0.5, failureThreshold: 100 }), handler: scripted(() => AttemptResult.SUCCESS, 0.5) }], undefined, 0);
  try {
    await waitUntil(() => run.attempts.length >= 3, 10);
    // each attempt hangs for 0.5 s (five periods): attempts run back to back, one at a time
    for (let k = 1; k < run.attempts.length; k++) {
      expect(run.attempts[k].at).toBeGreaterThanOrEqual(run.attempts[k - 1].at + run.attempts[k - 1].latency - 0.001);
    }
    expect(run.attempts.every((a) => a.timedOut)).toBe(true);
  } finally {
    run.stop();
  }
});

test('termination stops liveness and startup but not readiness', async () => {
  const run = new ContainerRun([
    { kind: 'liveness', timing: timing(), handler: scripted(() => AttemptResult.SUCCESS) },
    { kind: 'readiness', timing: timing(), handler: scripted(() => AttemptResult.SUCCESS) },
  ], undefined, 0);
  try {
    await waitUntil(() => run.attempts.length >= 4, 5);
    run.beginTermination();
    const liveness = run.attempts.filter((a) => a.probe === 'liveness').length;
    const readiness = run.attempts.filter((a) => a.probe === 'readiness').length;
    await waitUntil(() => false, 0.5);
    expect(run.attempts.filter((a) => a.probe === 'liveness').length).toBeLessThanOrEqual(liveness + 1);
    expect(run.attempts.filter((a) => a.probe === 'readiness').length).toBeGreaterThan(readiness + 1);
  } finally {
    run.stop();
  }
});
