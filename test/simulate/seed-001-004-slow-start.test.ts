/**
 * Seeds 001 and 004: an app that takes 240 s to start. Sized with a startup probe (slow-start
 * intent) it is never restarted and Ready soon after 240 s; with the naive seed YAML (liveness
 * initialDelaySeconds 5, periodSeconds 10, failureThreshold 3, no startup probe) it crash-loops
 * and never becomes Ready.
 */
import {
  BACKOFF_RETRY_SLACK_SECONDS, probeKillBackoffSeconds, RESTART_LATENCY_SECONDS, startupAllowance, timeToReady,
} from '../../lib/timing';
import { ProbeKind, simulate, SimEventType, SimulatedContainer } from '../../lib/simulate';
import { containerFor, eventsOf, ms, scenario } from './helpers';

const WORST_STARTUP = 240;
const SLOW_START = scenario(`
description: a JVM service that needs 240 s before any endpoint answers
duration: 30m
replicas: 3
seed: 4
app:
  startup: ${WORST_STARTUP}
`);

describe('seeds 001/004: slow starter sized with a startup probe', () => {
  const { sized, container } = containerFor({ worstStartupSeconds: WORST_STARTUP });
  const result = simulate(container, SLOW_START);

  it('gets a startup probe whose guaranteed allowance covers the 240 s', () => {
    expect(startupAllowance(sized.startup).guaranteedSeconds).toBeGreaterThanOrEqual(WORST_STARTUP);
  });

  it('is never restarted', () => {
    expect(result.summary.total.restarts).toBe(0);
    expect(result.summary.total.startupKills).toBe(0);
    expect(result.summary.total.livenessKills).toBe(0);
  });

  it("is Ready soon after 240 s, within lib/timing's time-to-ready window", () => {
    const window = timeToReady({ startup: sized.startup, readiness: sized.readiness, appReadySeconds: WORST_STARTUP });
    for (const r of result.summary.replicas) {
      expect(r.firstReadySeconds).toBeGreaterThanOrEqual(window.best);
      expect(r.firstReadySeconds).toBeLessThanOrEqual(window.worst);
      // it stays Ready: NotReady only before the first Ready
      expect(r.secondsNotReady).toBeCloseTo(r.firstReadySeconds ?? NaN, 3);
      expect(r.secondsTrafficWhileBroken).toBe(0);
    }
  });

  it('runs liveness and readiness only after the startup probe succeeded', () => {
    for (let replica = 0; replica < 3; replica++) {
      const started = eventsOf(result.events, SimEventType.STARTED, replica)[0];
      expect(started.time).toBeGreaterThanOrEqual(WORST_STARTUP);
      const gated = result.events.filter((e) => e.replica === replica && e.type === SimEventType.PROBE
        && e.probe !== ProbeKind.STARTUP && e.time < started.time);
      expect(gated).toEqual([]);
    }
  });
});

describe('seeds 001/004: the same app with the naive seed YAML', () => {
  const naive: SimulatedContainer = {
    livenessProbe: { httpGet: { path: '/healthz', port: 5000 }, initialDelaySeconds: 5, periodSeconds: 10 },
    readinessProbe: { httpGet: { path: '/readyz', port: 5000 }, initialDelaySeconds: 5, periodSeconds: 10 },
    podGraceSeconds: 30,
  };
  const result = simulate(naive, SLOW_START);

  it('crash-loops: restarted again and again, never Ready', () => {
    for (const r of result.summary.replicas) {
      expect(r.restarts).toBeGreaterThan(3);
      // every restart follows a liveness kill (the last kill may still be waiting out its back-off)
      expect(r.livenessKills).toBeGreaterThanOrEqual(r.restarts);
      expect(r.exits).toBe(0);
      expect(r.firstReadySeconds).toBeUndefined();
      expect(r.secondsReady).toBe(0);
    }
    expect(result.summary.total.replicasNeverReady).toBe(3);
  });

  it('kills each container long before the 240 s it needs', () => {
    const starts = eventsOf(result.events, SimEventType.CONTAINER_STARTED, 0);
    const kills = eventsOf(result.events, SimEventType.KILLING, 0);
    kills.forEach((kill, i) => {
      expect(kill.detail).toContain('liveness probe failed 3 times');
      expect(kill.time - starts[i].time).toBeLessThan(WORST_STARTUP);
      expect(kill.time - starts[i].time).toBeLessThan(startupAllowance({ initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 }).maximumSeconds);
    });
  });

  it('restarts after the first liveness kills at once, then waits a back-off that doubles up to the 300 s cap', () => {
    const starts = eventsOf(result.events, SimEventType.CONTAINER_STARTED, 0);
    const exits = eventsOf(result.events, SimEventType.CONTAINER_EXITED, 0);
    const waits = starts.slice(1).map((s, i) => ms(s.time - exits[i].time));
    // each instance lives ~30 s: the back-off entry (10, 20 s) is shorter until the fifth restart
    expect(waits.slice(0, 4)).toEqual(Array(4).fill(RESTART_LATENCY_SECONDS));
    // a later restart waits only when the instance before the killed one exited less than the back-off ago;
    // after a wait that one exited long ago, so at the 300 s cap every other restart is immediate
    waits.forEach((w, i) => {
      if (w === RESTART_LATENCY_SECONDS) return;
      expect(w).toBeGreaterThanOrEqual(40);
      expect(w).toBeLessThanOrEqual(probeKillBackoffSeconds(i) + BACKOFF_RETRY_SLACK_SECONDS + RESTART_LATENCY_SECONDS);
    });
    expect(waits.slice(4).filter((w) => w >= 300).length).toBeGreaterThanOrEqual(2);
    expect(waits.slice(-4).filter((w) => w === RESTART_LATENCY_SECONDS).length).toBe(2);
    expect(result.summary.replicas[0].maxBackOffSeconds).toBeGreaterThanOrEqual(300);
  });
});
