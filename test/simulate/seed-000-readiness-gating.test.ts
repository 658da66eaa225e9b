/**
 * Seed 000: a Flask app that sleeps 5 s before serving, with /readyz gating traffic. No request
 * may reach a pod before it is Ready, whether the probes come from the intents' sizing or from the
 * seed's own YAML (initialDelaySeconds 5, periodSeconds 10 on both probes).
 */
import { timeToReady, effectiveTiming } from '../../lib/timing';
import { ProbeKind, simulate, SimEventType, SimulatedContainer } from '../../lib/simulate';
import { containerFor, eventsOf, scenario } from './helpers';

const FLASK = scenario(`
duration: 5m
replicas: 3
seed: 0
app:
  startup: 5s
`);

describe('seed 000: 5 s startup behind a readiness probe', () => {
  it('sized probes: no traffic before Ready, Ready within the time-to-ready window', () => {
    const { sized, container } = containerFor({ worstStartupSeconds: 5 });
    const result = simulate(container, FLASK);
    const window = timeToReady({ startup: sized.startup, readiness: sized.readiness, appReadySeconds: 5 });
    expect(result.summary.total.secondsTrafficWhileBroken).toBe(0);
    expect(result.summary.total.restarts).toBe(0);
    for (const r of result.summary.replicas) {
      expect(r.firstReadySeconds).toBeGreaterThanOrEqual(5);
      expect(r.firstReadySeconds).toBeGreaterThanOrEqual(window.best);
      expect(r.firstReadySeconds).toBeLessThanOrEqual(window.worst);
    }
  });

  it("the seed's YAML: no traffic before Ready, no restart", () => {
    const seedYaml: SimulatedContainer = {
      livenessProbe: { httpGet: { path: '/healthz', port: 5000 }, initialDelaySeconds: 5, periodSeconds: 10 },
      readinessProbe: { httpGet: { path: '/readyz', port: 5000 }, initialDelaySeconds: 5, periodSeconds: 10 },
      podGraceSeconds: 30,
    };
    const result = simulate(seedYaml, FLASK);
    expect(result.summary.total.secondsTrafficWhileBroken).toBe(0);
    expect(result.summary.total.restarts).toBe(0);
    const readiness = effectiveTiming(seedYaml.readinessProbe ?? {});
    const window = timeToReady({ readiness, appReadySeconds: 5 });
    for (let replica = 0; replica < 3; replica++) {
      const ready = eventsOf(result.events, SimEventType.READY, replica);
      expect(ready).toHaveLength(1);
      expect(ready[0].time).toBeGreaterThanOrEqual(window.best);
      expect(ready[0].time).toBeLessThanOrEqual(window.worst);
      // initialDelaySeconds holds every probe back for 5 s after the container starts
      const early = eventsOf(result.events, SimEventType.PROBE, replica).filter((e) => e.time < 5);
      expect(early).toEqual([]);
      expect(eventsOf(result.events, SimEventType.PROBE, replica, ProbeKind.LIVENESS).every((e) => e.outcome === 'success')).toBe(true);
    }
  });

  it('without a readiness probe the pod takes traffic for the whole 5 s startup', () => {
    const result = simulate({
      livenessProbe: { httpGet: { path: '/healthz', port: 5000 }, initialDelaySeconds: 5, periodSeconds: 10 },
      podGraceSeconds: 30,
    }, FLASK);
    for (const r of result.summary.replicas) {
      expect(r.firstReadySeconds).toBe(0);
      expect(r.secondsTrafficWhileBroken).toBe(5);
    }
  });
});
