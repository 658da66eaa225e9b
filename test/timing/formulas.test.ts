/**
 * The timing formulas against reference/probe-semantics.md, case by case, then as properties.
 */
import * as fc from 'fast-check';
import {
  API_DEFAULTS,
  effectiveTiming,
  failureDetection,
  FailureMode,
  hangToFreshContainer,
  BACKOFF_RETRY_SLACK_SECONDS, backoffCollected, backoffExpired, isInBackOff, killTiming, nextBackoff, probeKillBackoffSeconds, worstKillSeconds,
  instantTripSeconds,
  ProbeTiming,
  probeLoad,
  recovery,
  restartBackoffSeconds,
  startupAllowance,
  timeToReady,
} from '../../lib/timing';

const t = (p: Partial<ProbeTiming>): ProbeTiming => ({ ...API_DEFAULTS, ...p });

describe('effectiveTiming', () => {
  it('fills the API defaults for missing and zero fields', () => {
    expect(effectiveTiming({})).toEqual({ initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
    expect(effectiveTiming({ periodSeconds: 0, failureThreshold: 0 })).toEqual(API_DEFAULTS);
  });
  it('keeps written values and ignores values of the wrong type', () => {
    expect(effectiveTiming({ periodSeconds: 5, timeoutSeconds: '3', failureThreshold: -1 })).toEqual({ ...API_DEFAULTS, periodSeconds: 5 });
  });
});

describe('startupAllowance', () => {
  it("seed 001: the docs' 30 × 10 guarantees only 290 s, and never allows 300 s", () => {
    expect(startupAllowance(t({ failureThreshold: 30, periodSeconds: 10 }))).toEqual({ guaranteedSeconds: 290, maximumSeconds: 300 });
  });
  it('counts initialDelaySeconds', () => {
    expect(startupAllowance(t({ initialDelaySeconds: 5, periodSeconds: 10, failureThreshold: 3 }))).toEqual({ guaranteedSeconds: 25, maximumSeconds: 35 });
  });
});

describe('failureDetection', () => {
  it('defaults: ≈21 s best and ≈31 s worst for a hang', () => {
    expect(failureDetection(API_DEFAULTS, FailureMode.HANG)).toEqual({ best: 21, worst: 31 });
  });
  it('a dead process fails at once: T is replaced by 0', () => {
    expect(failureDetection(API_DEFAULTS, FailureMode.INSTANT)).toEqual({ best: 20, worst: 30 });
  });
  it('a timeout above the period stretches the spacing to T', () => {
    expect(failureDetection(t({ periodSeconds: 2, timeoutSeconds: 5, failureThreshold: 3 }))).toEqual({ best: 15, worst: 17 });
  });
  it('seed 002: P = 1, F = 3 detects an HTTP 500 within 3 s', () => {
    expect(instantTripSeconds(t({ periodSeconds: 1, failureThreshold: 3 }))).toBe(3);
  });
});

describe('recovery and time to Ready', () => {
  it('recovery is at most S·P', () => {
    expect(recovery(t({ successThreshold: 2, periodSeconds: 5 }))).toEqual({ best: 5, worst: 10 });
  });
  it('a hung handler with T > P can hold recovery up to T + (S−1)·P (simulator finding)', () => {
    expect(recovery(t({ successThreshold: 1, periodSeconds: 5, timeoutSeconds: 10 }), FailureMode.HANG)).toEqual({ best: 0, worst: 10 });
    expect(recovery(t({ successThreshold: 2, periodSeconds: 5, timeoutSeconds: 3 }), FailureMode.HANG)).toEqual({ best: 5, worst: 10 });
  });
  it('seed 000: readiness D 5 s, P 10, app ready at 5 s → Ready in [5, 15)', () => {
    expect(timeToReady({ readiness: t({ initialDelaySeconds: 5 }), appReadySeconds: 5 })).toEqual({ best: 5, worst: 15 });
  });
  it('no readiness probe: Ready when the container runs, app or not (or when the startup probe passes)', () => {
    expect(timeToReady({ appReadySeconds: 30 })).toEqual({ best: 0, worst: 0 });
    expect(timeToReady({ startup: t({ periodSeconds: 5 }), appReadySeconds: 30 })).toEqual({ best: 30, worst: 35 });
  });
  it('readiness D counts from container start, not from startup success', () => {
    // startup passes at 40–45 s; readiness D = 10 is long past, so the startup success triggers it at once
    expect(timeToReady({ startup: t({ periodSeconds: 5 }), readiness: t({ initialDelaySeconds: 10, periodSeconds: 5 }), appReadySeconds: 40 }))
      .toEqual({ best: 40, worst: 45 });
  });
});

describe('restarts and load', () => {
  it('CrashLoopBackOff: none first, then 10 s doubling to 300 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(restartBackoffSeconds)).toEqual([0, 10, 20, 40, 80, 160, 300, 300]);
  });
  it('hang to fresh container = detection + kill (grace, +2 s after preStop) + restart latency + back-off + startup', () => {
    // best 21 + 1 + 10; worst 31 + 30 + 2 + 1 + 10
    expect(hangToFreshContainer({ liveness: API_DEFAULTS, graceSeconds: 30, hasPreStop: true, startupSeconds: 10 })).toEqual({ best: 32, worst: 74 });
  });
  it('seed 002: probe grace 1 s is raised to the 2 s minimum, and P ≤ 2 adds ~1 s to the worst case', () => {
    const fast = t({ periodSeconds: 1, failureThreshold: 3 });
    // instant failure (HTTP 500): best 2 + 1; worst 3 + 1 (slack) + 2 (SIGKILL) + 1
    expect(hangToFreshContainer({ liveness: fast, graceSeconds: 1, hasPreStop: false, startupSeconds: 0, mode: FailureMode.INSTANT })).toEqual({ best: 3, worst: 7 });
  });
  it('the first two restarts after probe kills never wait; later ones at most the entry\'s back-off', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map(probeKillBackoffSeconds)).toEqual([0, 0, 10, 20, 40, 80, 160, 300, 300]);
    const third = hangToFreshContainer({ liveness: API_DEFAULTS, graceSeconds: 30, hasPreStop: false, startupSeconds: 0, previousRestarts: 2 });
    expect(third).toEqual({ best: 21 + 1 + 10, worst: 31 + 30 + 1 + 10 + BACKOFF_RETRY_SLACK_SECONDS });
  });
});

describe('the kubelet\'s kill and back-off (kuberuntime killContainer, doBackOff; client-go backoff.go)', () => {
  it('kill: preStop inside the grace, then at least 2 s before SIGKILL', () => {
    expect(killTiming(1)).toEqual({ sigtermSeconds: 0, sigkillSeconds: 2, exitSeconds: 2, killed: true });
    expect(killTiming(1, undefined, 0)).toEqual({ sigtermSeconds: 0, sigkillSeconds: 2, exitSeconds: 0, killed: false });
    expect(killTiming(30, 10, 5)).toEqual({ sigtermSeconds: 10, sigkillSeconds: 30, exitSeconds: 15, killed: false });
    expect(killTiming(5, 10)).toEqual({ sigtermSeconds: 5, sigkillSeconds: 7, exitSeconds: 7, killed: true });
    expect([worstKillSeconds(1, false), worstKillSeconds(1, true), worstKillSeconds(30, false), worstKillSeconds(30, true)]).toEqual([2, 3, 30, 32]);
  });
  it('back-off: no entry never waits; Next makes 10 s, then doubles to 300 s', () => {
    expect(isInBackOff(undefined, 0, 1)).toBe(false);
    let e = nextBackoff(undefined, 0, 5);
    expect(e).toEqual({ backoff: 10, lastUpdate: 5 });
    expect(isInBackOff(e, 20, 29)).toBe(true);
    expect(isInBackOff(e, 20, 30)).toBe(false);
    for (let i = 0; i < 6; i++) e = nextBackoff(e, 100, 100);
    expect(e.backoff).toBe(300);
  });
  it('back-off: an entry not updated for over 10 min is stale (reset to 10 s) and collected', () => {
    const e = { backoff: 160, lastUpdate: 0 };
    expect(backoffExpired(e, 600)).toBe(false);
    expect(backoffExpired(e, 601)).toBe(true);
    expect(isInBackOff(e, 601, 610)).toBe(false);
    expect(nextBackoff(e, 601, 700)).toEqual({ backoff: 10, lastUpdate: 700 });
    expect(backoffCollected(e, 601)).toBe(true);
    expect(nextBackoff(undefined, 0, 5000, 0.001)).toEqual({ backoff: 10000, lastUpdate: 5000 });
  });
  it('probe load is Σ 1/P, times replicas', () => {
    expect(probeLoad([t({ periodSeconds: 10 }), t({ periodSeconds: 5 })], 4)).toEqual({ perContainer: 0.30000000000000004, perWorkload: 1.2000000000000002 });
  });
});

describe('properties', () => {
  const timing = fc.record({
    initialDelaySeconds: fc.integer({ min: 0, max: 600 }),
    periodSeconds: fc.integer({ min: 1, max: 120 }),
    timeoutSeconds: fc.integer({ min: 1, max: 120 }),
    successThreshold: fc.integer({ min: 1, max: 10 }),
    failureThreshold: fc.integer({ min: 1, max: 100 }),
  });
  it('best ≤ worst, and worst − best is exactly one period', () => {
    fc.assert(fc.property(timing, fc.constantFrom(FailureMode.HANG, FailureMode.INSTANT), (x, mode) => {
      const d = failureDetection(x, mode);
      return d.best <= d.worst && d.worst - d.best === x.periodSeconds;
    }));
  });
  it('a hang is never detected faster than an instant failure', () => {
    fc.assert(fc.property(timing, (x) => failureDetection(x, FailureMode.HANG).best >= failureDetection(x, FailureMode.INSTANT).best));
  });
  it('the maximum startup allowance exceeds the guaranteed one by one period', () => {
    fc.assert(fc.property(timing, (x) => {
      const a = startupAllowance(x);
      return a.maximumSeconds - a.guaranteedSeconds === x.periodSeconds;
    }));
  });
});
