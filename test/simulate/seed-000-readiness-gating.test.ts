/**
 * Seed 000: a Flask app that sleeps 5 s before serving, with /readyz gating traffic. No request
 * may reach a pod before it is Ready, whether the probes come from the intents' sizing or from the
 * seed's own YAML (initialDelaySeconds 5, periodSeconds 10 on both probes).
 */
import * as fs from 'fs';
import * as path from 'path';
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

/**
 * Seed 000 as written runs `app.run(debug=True)`: Werkzeug's reloader opens the port after the
 * module's 5 s sleep, then starts the serving child, which sleeps 5 s again. The port accepts at
 * ~5 s and the app answers at ~10 s: in between, probes fail by timeout, not by refusal.
 */
describe('seed 000 as written: the debug reloader listens at ~5 s and answers at ~10 s', () => {
  const RELOADER = scenario(fs.readFileSync(path.join(__dirname, 'scenarios', 'seed-000-flask-reloader.yaml'), 'utf8'));
  const seedYaml: SimulatedContainer = {
    livenessProbe: { httpGet: { path: '/healthz', port: 5000 }, initialDelaySeconds: 5, periodSeconds: 10 },
    readinessProbe: { httpGet: { path: '/readyz', port: 5000 }, initialDelaySeconds: 5, periodSeconds: 10 },
    podGraceSeconds: 30,
  };
  const result = simulate(seedYaml, RELOADER);

  it('httpGet attempts between 5 and 9 s time out (T = 1 s each); one sent within 1 s of the answer passes', () => {
    const attempts = result.events.filter((e) => e.type === SimEventType.PROBE);
    const between = attempts.filter((e) => e.time >= 5 && e.time < 10);
    for (const e of between) expect(e.outcome).not.toBe('failure');
    expect(between.some((e) => e.outcome === 'timeout')).toBe(true);
    for (const e of attempts.filter((a) => a.outcome === 'timeout')) expect(e.detail).toContain('timeout after 1 s');
  });

  it('is never restarted, never Ready before it answers, and takes no traffic early', () => {
    expect(result.summary.total.restarts).toBe(0);
    for (const r of result.summary.replicas) expect(r.firstReadySeconds).toBeGreaterThanOrEqual(10);
    expect(result.summary.total.secondsTrafficWhileBroken).toBe(0);
  });

  it('a tcpSocket readiness probe would pass at 5 s and send traffic to the app before it answers', () => {
    const tcp = simulate({ ...seedYaml, readinessProbe: { tcpSocket: { port: 5000 }, initialDelaySeconds: 5, periodSeconds: 1 } }, RELOADER);
    for (const r of tcp.summary.replicas) {
      expect(r.firstReadySeconds).toBeLessThan(7);
      expect(r.secondsTrafficWhileBroken).toBeGreaterThan(3);
    }
  });
});
