/**
 * Seed 002: a crashy app answers HTTP 500 on every endpoint CRASH_AFTER = 60 s after each start.
 *
 * Part 1 reproduces the article's real `kubectl events` log fact by fact, with the article's own
 * manifest (liveness only: httpGet /health, P = 1, F = 3, probe-level grace 1 s; a Python server as
 * PID 1 that ignores SIGTERM):
 *   - three failures 1 s apart ("x2 over 1s", "x3 over 2s"), Killing with the third;
 *   - containers start about 65 s apart ("x2 over 65s", "x3 over 2m10s"): 0, 65, 130, ~195 s,
 *     with no CrashLoopBackOff — a liveness kill and its restart happen in one SyncPod whose
 *     back-off check reads the status from before the kill (kuberuntime_manager.go doBackOff);
 *   - `RESTARTS 3 (3s ago)` at `AGE 3m19s`.
 * Part 2 checks the library's own fast-recovery sizing against the same app.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import {
  BACKOFF_RETRY_SLACK_SECONDS, FailureMode, failureDetection, hangToFreshContainer, MINIMUM_GRACE_SECONDS, probeKillBackoffSeconds,
  RESTART_LATENCY_SECONDS,
} from '../../lib/timing';
import { containerFromJson, ProbeKind, ProbeOutcome, simulate, SimEventType } from '../../lib/simulate';
import { ContainerJson, PodSpecJson } from '../../lib/k8s/types';
import { containerFor, eventsOf, ms, scenario } from './helpers';

const CRASH_AFTER = 60;

/** The article's crashy-deployment.yaml, with its liveness probe, verbatim. */
const ARTICLE_MANIFEST = fs.readFileSync(path.join(__dirname, 'seeds', 'seed-002-crashy-deployment.yaml'), 'utf8');

/** The app as the article runs it (test/simulate/scenarios/seed-002-article.yaml), with another seed or duration. */
function articleScenario(seed: number, duration = '199s'): string {
  return fs.readFileSync(path.join(__dirname, 'scenarios', 'seed-002-article.yaml'), 'utf8')
    .replace(/^seed: .*$/m, `seed: ${seed}`).replace(/^duration: .*$/m, `duration: ${duration}`);
}

describe('seed 002 as written: the real kubectl events log, fact by fact', () => {
  const doc = parse(ARTICLE_MANIFEST) as { spec: { template: { spec: PodSpecJson } } };
  const podSpec = doc.spec.template.spec;
  const container = containerFromJson((podSpec.containers as ContainerJson[])[0], podSpec);

  it('reads the manifest as written: liveness only, probe-level grace 1 s, pod grace 30 s', () => {
    expect(container.startupProbe).toBeUndefined();
    expect(container.readinessProbe).toBeUndefined();
    expect(container.livenessProbe).toMatchObject({ periodSeconds: 1, failureThreshold: 3, terminationGracePeriodSeconds: 1 });
    expect(container.podGraceSeconds).toBe(30);
  });

  // every tick phase the seed can draw gives the same facts
  for (const seed of [0, 1, 2, 3, 7, 42, 1234]) {
    describe(`seed ${seed}`, () => {
      const result = simulate(container, scenario(articleScenario(seed)));
      const starts = eventsOf(result.events, SimEventType.CONTAINER_STARTED).map((e) => e.time);
      const kills = eventsOf(result.events, SimEventType.KILLING);
      const failures = eventsOf(result.events, SimEventType.PROBE, 0, ProbeKind.LIVENESS).filter((e) => e.outcome !== ProbeOutcome.SUCCESS);

      it('"x2 over 1s", "x3 over 2s": three failures 1 s apart per container, the first within 1 s of the crash', () => {
        for (let c = 1; c <= 3; c++) {
          const mine = failures.filter((e) => e.container === c).map((e) => e.time);
          expect(mine).toHaveLength(3);
          expect([ms(mine[1] - mine[0]), ms(mine[2] - mine[0])]).toEqual([1, 2]);
          const crash = starts[c - 1] + CRASH_AFTER;
          expect(mine[0]).toBeGreaterThanOrEqual(crash);
          expect(mine[0]).toBeLessThan(crash + 1);
          expect(failures.filter((e) => e.container === c).every((e) => e.outcome === ProbeOutcome.FAILURE)).toBe(true); // statuscode 500, no timeout
        }
      });

      it('"Killing … failed liveness probe, will be restarted" at the third failure', () => {
        expect(kills.slice(0, 3).map((k) => k.time)).toEqual([1, 2, 3].map((c) => failures.filter((e) => e.container === c)[2].time));
        for (const k of kills) expect(k.detail).toMatch(/^liveness probe failed 3 times in a row: grace 1 s \(probe-level/);
      });

      it('SIGKILL 2 s after SIGTERM: the probe-level grace of 1 s is raised to the kubelet\'s 2 s minimum', () => {
        const exits = eventsOf(result.events, SimEventType.CONTAINER_EXITED);
        exits.forEach((e, i) => {
          expect(e.detail).toBe('killed (SIGKILL)');
          expect(ms(e.time - kills[i].time)).toBe(MINIMUM_GRACE_SECONDS);
        });
      });

      it('"x2 over 65s", "x3 over 2m10s": containers start at 0, ~65, ~130, ~195 s, with no back-off', () => {
        expect(starts).toHaveLength(4);
        expect(starts[0]).toBe(0);
        for (let i = 1; i < 4; i++) {
          const gap = starts[i] - starts[i - 1];
          expect(gap).toBeGreaterThanOrEqual(64.5);
          expect(gap).toBeLessThan(66);
        }
        // kubectl prints durations truncated to whole seconds (HumanDuration)
        expect(Math.floor(starts[1])).toBe(65);
        expect(Math.floor(starts[2] - starts[0])).toBe(130);
        expect(Math.floor(starts[3] - starts[0])).toBe(195);
        expect(eventsOf(result.events, SimEventType.BACK_OFF)).toEqual([]);
        expect(result.summary.replicas[0].maxBackOffSeconds).toBe(0);
      });

      it('"x4 over 65s", "x6 over 67s": the fourth failure 65 s after the first, the sixth 67 s after it', () => {
        expect(Math.floor(failures[3].time - failures[0].time)).toBe(65);
        expect(Math.floor(failures[5].time - failures[0].time)).toBe(67);
      });

      it('"RESTARTS 3 (3s ago)" at "AGE 3m19s"', () => {
        expect(result.summary.replicas[0].restarts).toBe(3);
        expect(result.summary.replicas[0].livenessKills).toBe(3);
        expect(Math.floor(199 - starts[3])).toBe(3);
      });
    });
  }

  it('later, the back-off catches up: the restart after the fifth kill waits (back-off 80 s > 65 s of life)', () => {
    const result = simulate(container, scenario(articleScenario(1, '30m')));
    const starts = eventsOf(result.events, SimEventType.CONTAINER_STARTED).map((e) => e.time);
    const exits = eventsOf(result.events, SimEventType.CONTAINER_EXITED).map((e) => e.time);
    const waits = exits.map((x, i) => (starts[i + 1] === undefined ? undefined : ms(starts[i + 1] - x))).filter((w): w is number => w !== undefined);
    // restarts 1–5 follow the kill by the restart latency only
    expect(waits.slice(0, 5)).toEqual(Array(5).fill(RESTART_LATENCY_SECONDS));
    // restart 6 waits the 80 s back-off from the sixth instance's exit, found by a sync retried every 10–15 s
    expect(probeKillBackoffSeconds(5)).toBe(80);
    expect(waits[5]).toBeGreaterThanOrEqual(80);
    expect(waits[5]).toBeLessThanOrEqual(80 + BACKOFF_RETRY_SLACK_SECONDS + RESTART_LATENCY_SECONDS);
    expect(eventsOf(result.events, SimEventType.BACK_OFF)[0].detail).toContain('back-off 80 s');
  });
});

describe('seed 002 with the library\'s fast-recovery sizing', () => {
function crashyScenario(shutdown: string): string {
  return `
duration: 10m
replicas: 2
seed: 2
app:
  startup: 1s
  shutdown: ${shutdown}
faults:
  - kind: error        # CRASH_AFTER=60: HTTP 500 on every endpoint, answered at once
    afterStart: ${CRASH_AFTER}
    until: restart
`;
}

  const { sized, container } = containerFor({ fastRecovery: true, handlerLatencySeconds: 0.2, worstStartupSeconds: 5 });

  it('is sized as the seed: liveness P=1 F=3 T=1 and probe-level grace 1 s', () => {
    expect(sized.liveness).toMatchObject({ periodSeconds: 1, failureThreshold: 3, timeoutSeconds: 1 });
    expect(sized.livenessGraceSeconds).toBe(1);
    expect(container.livenessProbe?.terminationGracePeriodSeconds).toBe(1);
  });

  for (const shutdown of ['0s', 'never']) {
    describe(`app shutdown on SIGTERM: ${shutdown}`, () => {
      const result = simulate(container, scenario(crashyScenario(shutdown)));

      for (const replica of [0, 1]) {
        it(`replica ${replica}: restarted within 5 s of the first 500, then serving again`, () => {
          const starts = eventsOf(result.events, SimEventType.CONTAINER_STARTED, replica);
          expect(starts.length).toBeGreaterThanOrEqual(2);
          const firstError = ms(starts[0].time + CRASH_AFTER);
          const failures = eventsOf(result.events, SimEventType.PROBE, replica, ProbeKind.LIVENESS)
            .filter((e) => e.outcome === ProbeOutcome.FAILURE && e.container === 1);
          expect(failures[0].time).toBeGreaterThanOrEqual(firstError);
          const kill = eventsOf(result.events, SimEventType.KILLING, replica)[0];
          expect(kill.container).toBe(1);
          expect(kill.detail).toContain('probe-level terminationGracePeriodSeconds');
          // detection of an instant failure is within lib/timing's window
          const detection = failureDetection(sized.liveness, FailureMode.INSTANT);
          expect(kill.time - firstError).toBeGreaterThanOrEqual(detection.best);
          expect(kill.time - firstError).toBeLessThanOrEqual(detection.worst);
          // the preStop sleep (shutdownPlan: 2 s) is cut at the 1 s grace; SIGTERM then, and the kubelet
          // still leaves 2 s before SIGKILL
          const exited = eventsOf(result.events, SimEventType.CONTAINER_EXITED, replica)[0];
          const grace = sized.livenessGraceSeconds ?? 0;
          const preStop = Math.min(container.preStopSeconds ?? 0, grace);
          expect(Number((exited.time - kill.time).toFixed(3))).toBe(shutdown === 'never' ? preStop + MINIMUM_GRACE_SECONDS : preStop);
          // the first restart has no back-off: a fresh container within 5 s of the first 500 (the seed),
          // or within lib/timing's hang-to-fresh bound when the app ignores SIGTERM
          const bound = hangToFreshContainer({ liveness: sized.liveness, graceSeconds: grace, hasPreStop: true, startupSeconds: 0, mode: FailureMode.INSTANT }).worst;
          expect(starts[1].time - firstError).toBeLessThanOrEqual(shutdown === 'never' ? bound : Math.min(bound, 5));
          // the fresh container is Ready again and its probes pass until its own crash
          const readyAgain = eventsOf(result.events, SimEventType.READY, replica).find((e) => e.container === 2);
          expect(readyAgain).toBeDefined();
          expect((readyAgain?.time ?? Infinity) - starts[1].time).toBeLessThan(CRASH_AFTER);
          const secondLivenessFailures = eventsOf(result.events, SimEventType.PROBE, replica, ProbeKind.LIVENESS)
            .filter((e) => e.container === 2 && e.outcome !== ProbeOutcome.SUCCESS);
          expect(secondLivenessFailures[0].time).toBeGreaterThanOrEqual(ms(starts[1].time + CRASH_AFTER));
        });
      }

      it('keeps crashing about every 65 s, and the first back-off comes only when it exceeds an instance\'s life', () => {
        const r0 = result.summary.replicas[0];
        expect(r0.livenessKills).toBeGreaterThanOrEqual(4);
        const backOffs = eventsOf(result.events, SimEventType.BACK_OFF, 0).map((e) => Number(/back-off (\d+) s/.exec(e.detail)?.[1]));
        expect(backOffs[0]).toBe(80);
        const firstWait = eventsOf(result.events, SimEventType.BACK_OFF, 0)[0];
        expect(firstWait.container).toBe(6);
      });

      it('sends traffic to a broken pod only until readiness trips, once per crash', () => {
        const readinessWorst = failureDetection(sized.readiness, FailureMode.INSTANT).worst;
        for (const r of result.summary.replicas) {
          expect(r.secondsTrafficWhileBroken).toBeGreaterThan(0);
          expect(r.secondsTrafficWhileBroken).toBeLessThanOrEqual((r.livenessKills + 1) * readinessWorst);
        }
      });
    });
  }

  it('without a liveness probe the pod stays broken (the seed before its fix)', () => {
    const result = simulate({ ...container, livenessProbe: undefined }, scenario(crashyScenario('0s')));
    expect(result.summary.total.restarts).toBe(0);
    // readiness takes it out of the Service, but nothing brings it back
    expect(result.summary.replicas[0].secondsNotReady).toBeGreaterThan(500);
  });
});
