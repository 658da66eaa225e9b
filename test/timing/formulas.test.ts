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
  it('hang to fresh container = detection + grace (+2 s with preStop) + backoff + startup', () => {
    expect(hangToFreshContainer({ liveness: API_DEFAULTS, graceSeconds: 30, hasPreStop: true, startupSeconds: 10 })).toEqual({ best: 31, worst: 73 });
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
