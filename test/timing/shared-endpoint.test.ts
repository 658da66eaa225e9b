import * as fc from 'fast-check';
import { sharedEndpointVerdict } from '../../lib/timing/shared-endpoint';

describe('sharedEndpointVerdict', () => {
  it('accepts a shared check only when liveness trips strictly after readiness', () => {
    expect(sharedEndpointVerdict({ periodSeconds: 10, failureThreshold: 6 }, { periodSeconds: 5, failureThreshold: 3 })).toEqual({
      acceptable: true,
      livenessTripSeconds: 60,
      readinessTripSeconds: 15,
    });
    expect(sharedEndpointVerdict({ periodSeconds: 5, failureThreshold: 3 }, { periodSeconds: 5, failureThreshold: 3 }).acceptable).toBe(false);
    expect(sharedEndpointVerdict({ periodSeconds: 1, failureThreshold: 3 }, { periodSeconds: 10, failureThreshold: 3 }).acceptable).toBe(false);
  });

  it('applies the API defaults (P 10, F 3) to missing, zero and unusable fields', () => {
    expect(sharedEndpointVerdict({}, {})).toEqual({ acceptable: false, livenessTripSeconds: 30, readinessTripSeconds: 30 });
    expect(sharedEndpointVerdict({ periodSeconds: 0, failureThreshold: 'x' }, { periodSeconds: 5 })).toEqual({
      acceptable: true,
      livenessTripSeconds: 30,
      readinessTripSeconds: 15,
    });
  });

  it('never accepts both orders, and accepts exactly when F·P of liveness exceeds readiness', () => {
    const timing = fc.record({ periodSeconds: fc.integer({ min: 1, max: 300 }), failureThreshold: fc.integer({ min: 1, max: 100 }) });
    fc.assert(
      fc.property(timing, timing, (l, r) => {
        const v = sharedEndpointVerdict(l, r);
        expect(v.acceptable).toBe(l.periodSeconds * l.failureThreshold > r.periodSeconds * r.failureThreshold);
        expect(v.acceptable && sharedEndpointVerdict(r, l).acceptable).toBe(false);
      }),
    );
  });
});
