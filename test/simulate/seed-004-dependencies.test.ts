/**
 * Seed 004: dependencies. An optional cache (Redis) stays out of every probe, so its outage changes
 * nothing; a critical database is checked by readiness only, so its outage takes the pods out of the
 * Service and brings them back without a restart; wiring liveness to the database (the anti-pattern)
 * restarts every replica.
 */
import { FailureMode, failureDetection, recovery } from '../../lib/timing';
import { simulate, SimEventType } from '../../lib/simulate';
import { containerFor, eventsOf, firstAfter, ms, scenario } from './helpers';

const OUTAGE_AT = 300;
const OUTAGE_FOR = 120;
const REPLICAS = 3;

function withOutage(dependencies: string, dependency: string, effect = 'error'): string {
  return `
duration: 20m
replicas: ${REPLICAS}
seed: 40
app:
  startup: 30s
dependencies:
${dependencies}
faults:
  - kind: outage
    dependency: ${dependency}
    at: ${OUTAGE_AT}
    for: ${OUTAGE_FOR}
    effect: ${effect}
`;
}

const WELL_WIRED = `
  postgres: { critical: true, checkedBy: [readiness] }
  redis: { critical: false }`;

describe('seed 004: dependency outages', () => {
  const { sized, container } = containerFor({ worstStartupSeconds: 60 });

  it('optional Redis outage: no restart, never NotReady, no broken traffic', () => {
    const result = simulate(container, scenario(withOutage(WELL_WIRED, 'redis')));
    expect(result.summary.total.restarts).toBe(0);
    for (let r = 0; r < REPLICAS; r++) {
      expect(eventsOf(result.events, SimEventType.NOT_READY, r)).toEqual([]);
      expect(eventsOf(result.events, SimEventType.READY, r)).toHaveLength(1);
    }
    expect(result.summary.total.secondsTrafficWhileBroken).toBe(0);
  });

  it('the same Redis outage with a composite health endpoint on readiness takes every pod out of the Service', () => {
    const composite = `
  postgres: { critical: true, checkedBy: [readiness] }
  redis: { critical: false, checkedBy: [readiness] }`;
    const result = simulate(container, scenario(withOutage(composite, 'redis')));
    expect(result.summary.total.restarts).toBe(0);
    for (let r = 0; r < REPLICAS; r++) {
      const notReady = firstAfter(result.events, SimEventType.NOT_READY, OUTAGE_AT, r);
      expect(notReady?.time).toBeLessThan(OUTAGE_AT + OUTAGE_FOR);
    }
  });

  for (const [effect, mode] of [['error', FailureMode.INSTANT], ['hang', FailureMode.HANG]] as const) {
    describe(`critical database outage of ${OUTAGE_FOR} s (checks ${effect === 'error' ? 'answer 503' : 'time out'})`, () => {
      const result = simulate(container, scenario(withOutage(WELL_WIRED, 'postgres', effect)));
      const detection = failureDetection(sized.readiness, mode);
      const back = recovery(sized.readiness);

      it('restarts nothing', () => {
        expect(result.summary.total.restarts).toBe(0);
        expect(result.summary.total.livenessKills).toBe(0);
      });

      for (let r = 0; r < REPLICAS; r++) {
        it(`replica ${r}: NotReady within the readiness window, Ready again within S·P of recovery`, () => {
          const notReady = firstAfter(result.events, SimEventType.NOT_READY, OUTAGE_AT, r);
          expect(notReady).toBeDefined();
          const lost = ms((notReady?.time ?? NaN) - OUTAGE_AT);
          expect(lost).toBeGreaterThanOrEqual(detection.best);
          expect(lost).toBeLessThanOrEqual(detection.worst);
          const readyAgain = firstAfter(result.events, SimEventType.READY, OUTAGE_AT, r);
          const regained = ms((readyAgain?.time ?? NaN) - (OUTAGE_AT + OUTAGE_FOR));
          expect(regained).toBeGreaterThanOrEqual(back.best);
          expect(regained).toBeLessThanOrEqual(back.worst);
          // traffic reached the broken pod exactly until readiness tripped
          expect(result.summary.replicas[r].secondsTrafficWhileBroken).toBeCloseTo(lost, 3);
        });
      }
    });
  }

  it('anti-pattern: liveness wired to the database restarts every replica', () => {
    const antiPattern = `
  postgres: { critical: true, checkedBy: [readiness, liveness] }
  redis: { critical: false }`;
    const result = simulate(container, scenario(withOutage(antiPattern, 'postgres')));
    for (const r of result.summary.replicas) {
      expect(r.livenessKills).toBeGreaterThanOrEqual(1);
      expect(r.restarts).toBeGreaterThanOrEqual(1);
    }
    // and the restarts fixed nothing: the pods are back only once the database is
    for (let r = 0; r < REPLICAS; r++) {
      const readyAgain = eventsOf(result.events, SimEventType.READY, r).filter((e) => e.time > OUTAGE_AT);
      expect(readyAgain.length).toBeGreaterThanOrEqual(1);
      expect(readyAgain[0].time).toBeGreaterThanOrEqual(OUTAGE_AT + OUTAGE_FOR);
    }
  });
});
