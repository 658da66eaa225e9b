/**
 * Properties of the simulator against lib/timing's formulas, for random probe settings within the
 * API's limits and random failure phases: the simulated detection time of a hang and of an instant
 * failure falls within failureDetection's best/worst; a startup probe never trips before its
 * guaranteed allowance; the same input gives the same output.
 */
import * as fc from 'fast-check';
import {
  BACKOFF_RETRY_SLACK_SECONDS, FailureMode, failureDetection, hangToFreshContainer, PLEG_RELIST_SECONDS, ProbeTiming, recovery,
  RESTART_LATENCY_SECONDS, restartBackoffSeconds, startupAllowance, startupAllowanceListening,
} from '../../lib/timing';
import { formatSimulation, simulate, SimEventType, SimulatedContainer } from '../../lib/simulate';
import { firstAfter, httpProbe, ms, scenario } from './helpers';

const RUNS = 200;

const timingArb = (withSuccess: boolean): fc.Arbitrary<ProbeTiming> => fc.record({
  initialDelaySeconds: fc.integer({ min: 0, max: 30 }),
  periodSeconds: fc.integer({ min: 1, max: 30 }),
  timeoutSeconds: fc.integer({ min: 1, max: 40 }),
  successThreshold: withSuccess ? fc.integer({ min: 1, max: 5 }) : fc.constant(1),
  failureThreshold: fc.integer({ min: 1, max: 10 }),
});

const modeArb = fc.constantFrom(FailureMode.HANG, FailureMode.INSTANT);

function faultYaml(mode: FailureMode, handler: string, at: number, duration: number, seed: number, forSeconds?: number): string {
  return `
duration: ${duration}
seed: ${seed}
faults:
  - kind: ${mode === FailureMode.HANG ? 'hang' : 'error'}
    handlers: [${handler}]
    at: ${at}
    ${forSeconds === undefined ? 'until: never' : `for: ${forSeconds}`}
`;
}

describe('simulated failure detection stays within lib/timing failureDetection', () => {
  it('liveness: fault → kill decision', () => {
    fc.assert(fc.property(timingArb(false), modeArb, fc.integer({ min: 0, max: 60_000 }), fc.nat(), (t, mode, offsetMs, seed) => {
      const spacing = Math.max(t.periodSeconds, t.timeoutSeconds);
      const at = ms(t.initialDelaySeconds + spacing + t.timeoutSeconds + 1 + offsetMs / 1000);
      const duration = Math.ceil(at + t.periodSeconds + t.failureThreshold * spacing + t.timeoutSeconds + 5);
      const container: SimulatedContainer = { livenessProbe: httpProbe(t, '/livez'), podGraceSeconds: 30 };
      const result = simulate(container, scenario(faultYaml(mode, 'liveness', at, duration, seed)));
      const kill = firstAfter(result.events, SimEventType.KILLING, 0);
      expect(kill).toBeDefined();
      const detected = ms((kill?.time ?? NaN) - at);
      const window = failureDetection(t, mode);
      expect(detected).toBeGreaterThanOrEqual(window.best);
      expect(detected).toBeLessThanOrEqual(window.worst);
    }), { numRuns: RUNS });
  });

  it('readiness: fault → NotReady, and recovery → Ready within recovery(t, mode)', () => {
    fc.assert(fc.property(timingArb(true), modeArb, fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 1, max: 120 }), fc.nat(),
      (t, mode, offsetMs, outage, seed) => {
        const spacing = Math.max(t.periodSeconds, t.timeoutSeconds);
        const at = ms(t.initialDelaySeconds + (t.successThreshold + 2) * spacing + 2 + offsetMs / 1000);
        const outageFor = Math.max(outage, t.periodSeconds + t.failureThreshold * spacing + t.timeoutSeconds);
        const duration = Math.ceil(at + outageFor + (t.successThreshold + 2) * spacing + 5);
        const container: SimulatedContainer = { readinessProbe: httpProbe(t, '/readyz'), podGraceSeconds: 30 };
        const result = simulate(container, scenario(faultYaml(mode, 'readiness', at, duration, seed, outageFor)));
        expect(firstAfter(result.events, SimEventType.READY, 0)?.time).toBeLessThan(at);
        const notReady = firstAfter(result.events, SimEventType.NOT_READY, at);
        expect(notReady).toBeDefined();
        const detected = ms((notReady?.time ?? NaN) - at);
        const window = failureDetection(t, mode);
        expect(detected).toBeGreaterThanOrEqual(window.best);
        expect(detected).toBeLessThanOrEqual(window.worst);
        const healed = ms(at + outageFor);
        const readyAgain = firstAfter(result.events, SimEventType.READY, healed);
        const back = ms((readyAgain?.time ?? NaN) - healed);
        // recovery() covers both: (S−1)·P..S·P, and for a hang with T > P, 0..T + (S−1)·P
        expect(back).toBeGreaterThanOrEqual(recovery(t, mode).best);
        expect(back).toBeLessThanOrEqual(recovery(t, mode).worst);
      }), { numRuns: RUNS });
  });
});

describe('simulated restarts stay within lib/timing (hangToFreshContainer, the back-off functions)', () => {
  it('a liveness kill → a fresh container within hangToFreshContainer, whatever grace, preStop and SIGTERM handling', () => {
    fc.assert(fc.property(timingArb(false), modeArb, fc.integer({ min: 1, max: 40 }), fc.option(fc.integer({ min: 0, max: 20 })),
      fc.option(fc.integer({ min: 0, max: 45 })), fc.integer({ min: 0, max: 60_000 }), fc.nat(),
      (t, mode, grace, preStop, shutdown, offsetMs, seed) => {
        const spacing = Math.max(t.periodSeconds, t.timeoutSeconds);
        const at = ms(t.initialDelaySeconds + spacing + t.timeoutSeconds + 1 + offsetMs / 1000);
        const duration = Math.ceil(at + t.periodSeconds + t.failureThreshold * spacing + t.timeoutSeconds + grace + (preStop ?? 0) + 10);
        const container: SimulatedContainer = {
          livenessProbe: httpProbe(t, '/livez', grace), podGraceSeconds: 30, preStopSeconds: preStop ?? undefined,
        };
        const yaml = `${faultYaml(mode, 'liveness', at, duration, seed).replace('until: never', 'until: restart')}
app: { shutdown: ${shutdown === null ? 'never' : shutdown} }
`;
        const result = simulate(container, scenario(yaml));
        const fresh = firstAfter(result.events, SimEventType.CONTAINER_STARTED, at);
        expect(fresh).toBeDefined();
        const took = ms((fresh?.time ?? NaN) - at);
        const window = hangToFreshContainer({ liveness: t, graceSeconds: grace, hasPreStop: preStop !== null, startupSeconds: 0, mode });
        expect(took).toBeGreaterThanOrEqual(window.best);
        expect(took).toBeLessThanOrEqual(window.worst);
      }), { numRuns: RUNS });
  });

  it('a container that exits by itself waits restartBackoffSeconds (+ PLEG, the 10–15 s sync retry and the start)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100 }), fc.nat(), (life, seed) => {
      const result = simulate({ podGraceSeconds: 30 }, scenario(`{ duration: 40m, seed: ${seed}, faults: [{ kind: exit, afterStart: ${life} }] }`));
      const starts = result.events.filter((e) => e.type === SimEventType.CONTAINER_STARTED).map((e) => e.time);
      const exits = result.events.filter((e) => e.type === SimEventType.CONTAINER_EXITED).map((e) => e.time);
      starts.slice(1, 8).forEach((start, i) => {
        const wait = ms(start - exits[i]);
        const nominal = restartBackoffSeconds(i);
        expect(wait).toBeGreaterThanOrEqual(nominal + RESTART_LATENCY_SECONDS);
        expect(wait).toBeLessThan(nominal + RESTART_LATENCY_SECONDS + (nominal > 0 ? BACKOFF_RETRY_SLACK_SECONDS : PLEG_RELIST_SECONDS));
      });
    }), { numRuns: 50 });
  });
});

describe('startup allowance', () => {
  it('a startup probe never trips before startupAllowance().guaranteedSeconds (and, refused, before maximumSeconds)', () => {
    fc.assert(fc.property(timingArb(false), fc.nat(), (t, seed) => {
      const allowance = startupAllowance(t);
      const duration = Math.ceil(allowance.maximumSeconds + t.timeoutSeconds + 5);
      const container: SimulatedContainer = { startupProbe: httpProbe(t, '/livez'), podGraceSeconds: 30 };
      const never = simulate(container, scenario(`
duration: ${duration}
seed: ${seed}
app: { startup: ${duration + 1} }
`));
      const kill = firstAfter(never.events, SimEventType.KILLING, 0);
      expect(kill).toBeDefined();
      expect(kill?.time).toBeGreaterThanOrEqual(allowance.guaranteedSeconds);
      expect(kill?.time).toBeLessThan(allowance.maximumSeconds);
    }), { numRuns: RUNS });
  });

  it('an app that listens before it answers: attempts time out, and startupAllowanceListening bounds the kill (seed 000)', () => {
    fc.assert(fc.property(timingArb(false), fc.double({ min: 0, max: 1.3, noNaN: true }), fc.nat(), (t, fraction, seed) => {
      const allowance = startupAllowanceListening(t);
      const answersAt = ms(allowance.maximumSeconds * fraction);
      const container: SimulatedContainer = { startupProbe: httpProbe(t, '/livez'), podGraceSeconds: 30 };
      const result = simulate(container, scenario(`
duration: ${Math.ceil(allowance.maximumSeconds + 5)}
seed: ${seed}
app: { startup: ${answersAt}, listensAfter: 0 }
`));
      const firstAttempt = result.events.find((e) => e.type === SimEventType.PROBE);
      if (firstAttempt && answersAt - firstAttempt.time >= t.timeoutSeconds) expect(firstAttempt.outcome).toBe('timeout');
      if (answersAt < allowance.guaranteedSeconds) expect(result.summary.total.startupKills).toBe(0);
      // the first container is killed (a restarted one may be killed again before the scenario ends)
      if (answersAt >= allowance.maximumSeconds) expect(firstAfter(result.events, SimEventType.KILLING, 0)?.container).toBe(1);
    }), { numRuns: RUNS });
  });

  it('an app that starts within the guaranteed allowance is never killed by the startup probe', () => {
    fc.assert(fc.property(timingArb(false), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(), (t, fraction, seed) => {
      const allowance = startupAllowance(t);
      const startup = ms(allowance.guaranteedSeconds * fraction);
      const container: SimulatedContainer = { startupProbe: httpProbe(t, '/livez'), podGraceSeconds: 30 };
      const result = simulate(container, scenario(`
duration: ${Math.ceil(allowance.maximumSeconds + 5)}
seed: ${seed}
app: { startup: ${startup} }
`));
      expect(result.summary.total.startupKills).toBe(0);
      expect(result.summary.replicas[0].firstReadySeconds).toBeGreaterThanOrEqual(startup);
    }), { numRuns: RUNS });
  });
});

describe('determinism', () => {
  it('the same container, scenario and seed give byte-identical results', () => {
    fc.assert(fc.property(timingArb(false), timingArb(true), fc.integer({ min: 1, max: 3 }), fc.nat(), fc.integer({ min: 0, max: 120 }),
      (live, ready, replicas, seed, crashAfter) => {
        const container: SimulatedContainer = {
          livenessProbe: httpProbe(live, '/livez'), readinessProbe: httpProbe(ready, '/readyz'), podGraceSeconds: 30, preStopSeconds: 5,
        };
        const yaml = `
duration: 10m
replicas: ${replicas}
seed: ${seed}
app: { startup: 3 }
dependencies: { db: { checkedBy: [readiness] } }
faults:
  - { kind: hang, afterStart: ${crashAfter} }
  - { kind: outage, dependency: db, at: 100, for: 60 }
  - { kind: exit, at: 400, replicas: 0 }
`;
        const a = simulate(container, scenario(yaml));
        const b = simulate(container, scenario(yaml));
        expect(formatSimulation(a, 'json')).toBe(formatSimulation(b, 'json'));
        expect(formatSimulation(a, 'text')).toBe(formatSimulation(b, 'text'));
      }), { numRuns: 25 });
  });

  it('the seed places the probe tickers: different seeds give different phases', () => {
    const container: SimulatedContainer = { livenessProbe: { httpGet: { path: '/', port: 80 } }, podGraceSeconds: 30 };
    const firstProbe = (seed: number): number => simulate(container, scenario(`{ duration: 30, seed: ${seed} }`)).events
      .find((e) => e.type === SimEventType.PROBE)?.time ?? NaN;
    const phases = new Set([1, 2, 3, 4, 5, 6, 7, 8].map(firstProbe));
    expect(phases.size).toBeGreaterThan(4);
    for (const p of phases) expect(p).toBeLessThan(10);
  });
});
