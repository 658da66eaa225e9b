/**
 * Sizing (targets -> probe parameters), checked against the formulas it inverts.
 */
import * as fc from 'fast-check';
import {
  checkInvariants,
  failureDetection,
  HandlerKind,
  instantTripSeconds,
  progressDeadlineFor,
  shutdownPlan,
  sizeLiveness,
  sizeProbes,
  SizingError,
  sizeStartup,
  startupAllowance,
  timeoutFor,
} from '../../lib/timing';

describe('sizing by example', () => {
  it('defaults: liveness P10 F3 T3, readiness P5 F3 T3, startup for 60 s', () => {
    const s = sizeProbes({ worstStartupSeconds: 60, handlerLatencySeconds: 1, livenessKind: HandlerKind.NETWORK, readinessKind: HandlerKind.NETWORK, fastRecovery: false });
    expect(s.liveness).toMatchObject({ periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 3 });
    expect(s.readiness).toMatchObject({ periodSeconds: 5, failureThreshold: 3, timeoutSeconds: 3 });
    expect(s.startup).toMatchObject({ periodSeconds: 5, failureThreshold: 13, timeoutSeconds: 3 });
    expect(startupAllowance(s.startup).guaranteedSeconds).toBe(60);
  });
  it('seed 001: 300 s of startup gets F = 61 at P = 5 (guaranteed exactly 300 s, where 30 × 10 gave 290 s)', () => {
    const s = sizeStartup(300, 3);
    expect(s).toMatchObject({ periodSeconds: 5, failureThreshold: 61 });
    expect(startupAllowance(s).guaranteedSeconds).toBe(300);
  });
  it('seed 002: fast recovery is P1 F3 T1 with a 1 s probe grace, readiness trips first', () => {
    const s = sizeProbes({ worstStartupSeconds: 60, handlerLatencySeconds: 0.5, livenessKind: HandlerKind.NETWORK, readinessKind: HandlerKind.NETWORK, fastRecovery: true });
    expect(s.liveness).toMatchObject({ periodSeconds: 1, failureThreshold: 3, timeoutSeconds: 1 });
    expect(s.livenessGraceSeconds).toBe(1);
    expect(instantTripSeconds(s.readiness)).toBeLessThan(instantTripSeconds(s.liveness));
  });
  it('exec probes get process-start headroom: never the 1 s default', () => {
    expect(timeoutFor(1, HandlerKind.EXEC)).toBe(5);
    expect(timeoutFor(0.2, HandlerKind.NETWORK)).toBe(3);
  });
  it('a hang-detection target too tight for the timeout is a SizingError that says what would do', () => {
    expect(() => sizeLiveness(8, 3)).toThrow(SizingError);
    expect(() => sizeLiveness(8, 3)).toThrow(/detects a hang in 11 s/);
  });
  it('progressDeadlineSeconds rises above 600 only when the startup budget needs it', () => {
    const quick = sizeProbes({ worstStartupSeconds: 60, handlerLatencySeconds: 1, livenessKind: HandlerKind.NETWORK, readinessKind: HandlerKind.NETWORK, fastRecovery: false });
    expect(progressDeadlineFor(quick.startup, quick.readiness)).toBe(600);
    const slow = sizeProbes({ worstStartupSeconds: 900, handlerLatencySeconds: 1, livenessKind: HandlerKind.NETWORK, readinessKind: HandlerKind.NETWORK, fastRecovery: false });
    expect(progressDeadlineFor(slow.startup, slow.readiness)).toBe(905 + 5 + 60);
  });
  it('graceful shutdown: preStop = readiness F·P, grace = preStop + drain', () => {
    expect(shutdownPlan({ initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 3, successThreshold: 1, failureThreshold: 3 }, 15))
      .toEqual({ preStopSleepSeconds: 15, terminationGracePeriodSeconds: 30 });
  });
});

describe('sizing properties', () => {
  const targets = fc.record({
    worstStartupSeconds: fc.integer({ min: 1, max: 3600 }),
    hangDetectionSeconds: fc.option(fc.integer({ min: 1, max: 900 }), { nil: undefined }),
    handlerLatencySeconds: fc.double({ min: 0.01, max: 30, noNaN: true }),
    livenessKind: fc.constantFrom(HandlerKind.NETWORK, HandlerKind.EXEC),
    readinessKind: fc.constantFrom(HandlerKind.NETWORK, HandlerKind.EXEC),
    fastRecovery: fc.boolean(),
  });

  it('every sized probe set keeps the invariants, or sizing says why it cannot', () => {
    fc.assert(fc.property(targets, (x) => {
      let sized;
      try {
        sized = sizeProbes(x);
      } catch (e) {
        expect(e).toBeInstanceOf(SizingError);
        return;
      }
      expect(checkInvariants(sized, x.worstStartupSeconds)).toEqual([]);
      if (x.hangDetectionSeconds !== undefined && !x.fastRecovery) {
        expect(failureDetection(sized.liveness).worst).toBeLessThanOrEqual(x.hangDetectionSeconds);
      }
      expect(sized.liveness.timeoutSeconds).toBeGreaterThanOrEqual(Math.min(1, x.handlerLatencySeconds));
    }), { numRuns: 2000 });
  });

  it('sizing only refuses targets that really cannot be met', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 600 }), (timeout, target) => {
      const fastestWorst = failureDetection({ initialDelaySeconds: 0, periodSeconds: timeout <= 1 ? 1 : timeout + 1, timeoutSeconds: timeout, successThreshold: 1, failureThreshold: 2 }).worst;
      if (target >= fastestWorst) expect(() => sizeLiveness(target, timeout)).not.toThrow();
      else expect(() => sizeLiveness(target, timeout)).toThrow(SizingError);
    }));
  });
});
