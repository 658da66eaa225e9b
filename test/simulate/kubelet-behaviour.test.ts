/**
 * Kubelet details the simulator follows (reference/probe-semantics.md), one scenario each.
 */
import {
  BACKOFF_RESET_SECONDS, BACKOFF_RETRY_SLACK_SECONDS, MAX_RESTART_BACKOFF_SECONDS, PLEG_RELIST_SECONDS, PRESTOP_GRACE_EXTENSION_SECONDS,
  RESTART_LATENCY_SECONDS,
} from '../../lib/timing';
import {
  containerFromJson, formatSimulation, ProbeKind, ProbeOutcome, simulate, SimEventType, SimulatedContainer,
} from '../../lib/simulate';
import { eventsOf, firstAfter, ms, scenario } from './helpers';

const http = { httpGet: { path: '/livez', port: 8080 } };

describe('when probes run', () => {
  it('counts liveness initialDelaySeconds from container start, not from startup success', () => {
    for (const delay of [5, 30]) {
      const container: SimulatedContainer = {
        startupProbe: { ...http, periodSeconds: 1, failureThreshold: 60 },
        livenessProbe: { ...http, initialDelaySeconds: delay, periodSeconds: 5 },
        podGraceSeconds: 30,
      };
      for (let seed = 0; seed < 10; seed++) {
        const result = simulate(container, scenario(`{ duration: 60, seed: ${seed}, app: { startup: 10 } }`));
        const started = eventsOf(result.events, SimEventType.STARTED)[0].time;
        const firstLiveness = eventsOf(result.events, SimEventType.PROBE, 0, ProbeKind.LIVENESS)[0].time;
        const from = Math.max(started, delay); // not started + delay
        expect(firstLiveness).toBeGreaterThanOrEqual(from);
        expect(firstLiveness).toBeLessThan(from + 5);
      }
    }
  });

  it('spaces hung attempts max(P, T) apart when T > P', () => {
    const container: SimulatedContainer = { livenessProbe: { ...http, periodSeconds: 2, timeoutSeconds: 5, failureThreshold: 4 }, podGraceSeconds: 30 };
    const result = simulate(container, scenario('{ duration: 120, faults: [{ kind: hang, at: 30 }] }'));
    const timeouts = eventsOf(result.events, SimEventType.PROBE, 0, ProbeKind.LIVENESS).filter((e) => e.outcome === ProbeOutcome.TIMEOUT);
    expect(timeouts).toHaveLength(4);
    for (let i = 1; i < timeouts.length; i++) expect(ms(timeouts[i].time - timeouts[i - 1].time)).toBe(5);
  });

  it('a tcpSocket probe passes against a hung process (the kernel accepts), an httpGet probe does not', () => {
    const hang = scenario('{ duration: 300, faults: [{ kind: hang, at: 60 }] }');
    const tcp = simulate({ livenessProbe: { tcpSocket: { port: 8080 } }, podGraceSeconds: 30 }, hang);
    expect(tcp.summary.total.livenessKills).toBe(0);
    expect(tcp.summary.total.secondsTrafficWhileBroken).toBe(240);
    const httpResult = simulate({ livenessProbe: http, podGraceSeconds: 30 }, hang);
    expect(httpResult.summary.total.livenessKills).toBeGreaterThan(0);
    // but nothing listening (before startup) fails a tcpSocket probe too
    const slow = simulate({ livenessProbe: { tcpSocket: { port: 8080 } }, podGraceSeconds: 30 }, scenario('{ duration: 300, app: { startup: 100 } }'));
    expect(slow.summary.total.livenessKills).toBeGreaterThan(0);
  });
});

describe('kills and restarts', () => {
  it('resets CrashLoopBackOff after 10 minutes of running', () => {
    const container: SimulatedContainer = { podGraceSeconds: 30 };
    const longRuns = simulate(container, scenario(`{ duration: 2h, faults: [{ kind: exit, afterStart: ${BACKOFF_RESET_SECONDS + 100} }] }`));
    expect(longRuns.summary.replicas[0].exits).toBeGreaterThanOrEqual(5);
    expect(eventsOf(longRuns.events, SimEventType.BACK_OFF)).toEqual([]);
    const shortRuns = simulate(container, scenario('{ duration: 2h, faults: [{ kind: exit, afterStart: 30 }] }'));
    // the 300 s cap, found by a sync retried every 10–15 s
    const longest = shortRuns.summary.replicas[0].maxBackOffSeconds;
    expect(longest).toBeGreaterThanOrEqual(MAX_RESTART_BACKOFF_SECONDS);
    expect(longest).toBeLessThanOrEqual(MAX_RESTART_BACKOFF_SECONDS + BACKOFF_RETRY_SLACK_SECONDS + RESTART_LATENCY_SECONDS);
  });

  it('kills with the probe-level grace, runs preStop inside it and always leaves 2 s after it', () => {
    const container: SimulatedContainer = {
      startupProbe: { ...http, periodSeconds: 1, failureThreshold: 5, terminationGracePeriodSeconds: 5 },
      podGraceSeconds: 60,
      preStopSeconds: 10,
    };
    const result = simulate(container, scenario('{ duration: 60, app: { startup: 1000, shutdown: never } }'));
    const kill = eventsOf(result.events, SimEventType.KILLING)[0];
    expect(kill.detail).toContain('startup probe failed 5 times');
    expect(kill.detail).toContain('grace 5 s (probe-level terminationGracePeriodSeconds)');
    const exit = eventsOf(result.events, SimEventType.CONTAINER_EXITED)[0];
    expect(ms(exit.time - kill.time)).toBe(5 + PRESTOP_GRACE_EXTENSION_SECONDS);
    expect(exit.detail).toBe('killed (SIGKILL)');
    expect(result.summary.replicas[0].startupKills).toBeGreaterThanOrEqual(1);
  });

  it('counts process exits apart from kills, and restarts the first time without back-off', () => {
    const result = simulate({ podGraceSeconds: 30 }, scenario('{ duration: 100, faults: [{ kind: exit, at: 40 }] }'));
    expect(result.summary.replicas[0]).toMatchObject({ exits: 1, restarts: 1, livenessKills: 0, maxBackOffSeconds: 0 });
    const starts = eventsOf(result.events, SimEventType.CONTAINER_STARTED);
    // the PLEG relist sees the exit within 1 s; the start takes ~1 s
    expect(starts[0].time).toBe(0);
    expect(starts[1].time).toBeGreaterThanOrEqual(40 + RESTART_LATENCY_SECONDS);
    expect(starts[1].time).toBeLessThan(40 + PLEG_RELIST_SECONDS + RESTART_LATENCY_SECONDS);
  });
});

describe('restarts as SyncPod does them (kuberuntime_manager.go doBackOff)', () => {
  const waits = (events: ReturnType<typeof simulate>['events']): number[] => {
    const starts = eventsOf(events, SimEventType.CONTAINER_STARTED).map((e) => e.time);
    const exits = eventsOf(events, SimEventType.CONTAINER_EXITED).map((e) => e.time);
    return starts.slice(1).map((t, i) => ms(t - exits[i]));
  };

  it('a self-exit waits the back-off from its own exit; a liveness kill of an instance as old restarts at once', () => {
    const selfExit = simulate({ podGraceSeconds: 30 }, scenario('{ duration: 3m, faults: [{ kind: exit, afterStart: 30 }] }'));
    const w1 = waits(selfExit.events);
    expect(w1[0]).toBeLessThan(PLEG_RELIST_SECONDS + RESTART_LATENCY_SECONDS);
    expect(w1[1]).toBeGreaterThanOrEqual(10 + RESTART_LATENCY_SECONDS);
    expect(w1[2]).toBeGreaterThanOrEqual(20 + RESTART_LATENCY_SECONDS);
    expect(eventsOf(selfExit.events, SimEventType.BACK_OFF).length).toBeGreaterThanOrEqual(2);
    const killed = simulate({ livenessProbe: { ...http, periodSeconds: 1, failureThreshold: 1 }, podGraceSeconds: 30 },
      scenario('{ duration: 3m, faults: [{ kind: error, afterStart: 30, until: restart }] }'));
    expect(waits(killed.events).slice(0, 4)).toEqual(Array(4).fill(RESTART_LATENCY_SECONDS));
    // the first wait comes when the entry (10, 20, 40 s) outgrows the ~31 s an instance lives
    expect(eventsOf(killed.events, SimEventType.BACK_OFF)[0]).toMatchObject({ container: 5 });
    expect(eventsOf(killed.events, SimEventType.BACK_OFF)[0].detail).toContain('back-off 40 s');
  });

  it('a readiness result that turns to Failure on the exited container triggers a sync (a restart no later than the retry)', () => {
    const container: SimulatedContainer = { readinessProbe: { ...http, periodSeconds: 1 }, podGraceSeconds: 30 };
    const result = simulate(container, scenario('{ duration: 5m, faults: [{ kind: exit, afterStart: 20 }] }'));
    const w = waits(result.events);
    // every wait after the first ends within the nominal back-off + the 10–15 s retry + the start
    w.slice(1, 5).forEach((x, i) => expect(x).toBeLessThanOrEqual(10 * 2 ** i + BACKOFF_RETRY_SLACK_SECONDS + RESTART_LATENCY_SECONDS));
  });
});

describe('pod deletion', () => {
  const container: SimulatedContainer = {
    livenessProbe: { ...http, periodSeconds: 1 },
    readinessProbe: { httpGet: { path: '/readyz', port: 8080 }, periodSeconds: 1 },
    podGraceSeconds: 30,
    preStopSeconds: 10,
  };
  const result = simulate(container, scenario('{ duration: 200, app: { shutdown: never }, faults: [{ kind: delete, at: 100 }] }'));

  it('takes the pod out of traffic at once and kills it with the pod grace, preStop inside', () => {
    const deleting = eventsOf(result.events, SimEventType.DELETING)[0];
    expect(deleting.time).toBe(100);
    const exit = firstAfter(result.events, SimEventType.CONTAINER_EXITED, 100);
    expect(exit?.time).toBe(130);
    expect(result.summary.replicas[0].restarts).toBe(0);
  });

  it('stops liveness but keeps probing readiness until the container exits', () => {
    const after = (probe: ProbeKind): number => eventsOf(result.events, SimEventType.PROBE, 0, probe)
      .filter((e) => e.time > 100).length;
    expect(after(ProbeKind.LIVENESS)).toBe(0);
    expect(after(ProbeKind.READINESS)).toBeGreaterThanOrEqual(29);
    expect(eventsOf(result.events, SimEventType.PROBE).every((e) => e.time <= 130)).toBe(true);
  });

  it('accounts Ready time only while the pod exists', () => {
    const r = result.summary.replicas[0];
    expect(ms(r.secondsReady + r.secondsNotReady)).toBe(130);
  });
});

describe('containerFromJson', () => {
  it("defaults the pod's grace to 30 s and reads no preStop when there is none", () => {
    const c = containerFromJson({ name: 'app', livenessProbe: { ...http } }, {});
    expect(c).toEqual({ livenessProbe: { ...http }, startupProbe: undefined, readinessProbe: undefined, podGraceSeconds: 30, preStopSeconds: undefined });
  });

  it.each([
    [{ sleep: { seconds: 7 } }, 7],
    [{ exec: { command: ['sleep', '15'] } }, 15],
    [{ exec: { command: ['/bin/sh', '-c', 'sleep 5 && nginx -s quit'] } }, 5],
    [{ exec: { command: ['/bin/sh', '-c', 'echo bye; sleep 12'] } }, 12],
    [{ exec: { command: ['/app/drain'] } }, 0],
    [{ httpGet: { path: '/shutdown', port: 8080 } }, 0],
  ])('reads the preStop duration of %j as %d s', (preStop, seconds) => {
    const c = containerFromJson({ lifecycle: { preStop } }, { terminationGracePeriodSeconds: 45 });
    expect(c.preStopSeconds).toBe(seconds);
    expect(c.podGraceSeconds).toBe(45);
  });
});

describe('formatSimulation', () => {
  const result = simulate({ livenessProbe: { ...http, periodSeconds: 1 }, podGraceSeconds: 30 },
    scenario('{ duration: 100, replicas: 2, faults: [{ kind: error, at: 50, replicas: 1 }] }'));

  it('text: summary per replica and total, and runs of successes folded', () => {
    const text = formatSimulation(result, 'text');
    expect(text).toMatch(/^Simulation of 2 replicas over 100 s \(seed 1\)/);
    expect(text).toMatch(/\ntotal +1 +1 /);
    expect(text).toMatch(/liveness success ×\d+, last at/);
    expect(text).toContain('liveness failure 3/3');
    expect(text.split('\n').length).toBeLessThan(40);
  });

  it('markdown: tables', () => {
    const md = formatSimulation(result, 'markdown');
    expect(md).toContain('| replica | restarts | liveness kills |');
    expect(md).toContain('| time s | replica | container | event | detail |');
  });

  it('json: the whole result, every event', () => {
    expect(JSON.parse(formatSimulation(result, 'json'))).toEqual(JSON.parse(JSON.stringify(result)));
  });
});
