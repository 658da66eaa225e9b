/**
 * Seed 002: a crashy app answers HTTP 500 on every endpoint CRASH_AFTER = 60 s after each start.
 * With the fast-recovery sizing (liveness P = 1, F = 3, T = 1, probe-level grace 1 s) the kubelet
 * restarts it within 5 s of the first 500, and the fresh container serves again.
 */
import { FailureMode, failureDetection, hangToFreshContainer, PRESTOP_GRACE_EXTENSION_SECONDS } from '../../lib/timing';
import { ProbeKind, ProbeOutcome, simulate, SimEventType } from '../../lib/simulate';
import { containerFor, eventsOf, ms, scenario } from './helpers';

const CRASH_AFTER = 60;

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

describe('seed 002: crashy app with fast-recovery liveness', () => {
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
          expect(Number((exited.time - kill.time).toFixed(3))).toBe(shutdown === 'never' ? preStop + PRESTOP_GRACE_EXTENSION_SECONDS : preStop);
          // the first restart has no back-off: a fresh container within 5 s of the first 500 (the seed),
          // or within lib/timing's hang-to-fresh bound when the app ignores SIGTERM
          const bound = shutdown === 'never'
            ? hangToFreshContainer({ liveness: sized.liveness, graceSeconds: grace, hasPreStop: true, startupSeconds: 0, mode: FailureMode.INSTANT }).worst
            : 5;
          expect(starts[1].time - firstError).toBeLessThanOrEqual(bound);
          // the fresh container is Ready again and its probes pass until its own crash
          const readyAgain = eventsOf(result.events, SimEventType.READY, replica).find((e) => e.container === 2);
          expect(readyAgain).toBeDefined();
          expect((readyAgain?.time ?? Infinity) - starts[1].time).toBeLessThan(CRASH_AFTER);
          const secondLivenessFailures = eventsOf(result.events, SimEventType.PROBE, replica, ProbeKind.LIVENESS)
            .filter((e) => e.container === 2 && e.outcome !== ProbeOutcome.SUCCESS);
          expect(secondLivenessFailures[0].time).toBeGreaterThanOrEqual(ms(starts[1].time + CRASH_AFTER));
        });
      }

      it('keeps crashing every ~60 s with a growing CrashLoopBackOff', () => {
        const r0 = result.summary.replicas[0];
        expect(r0.livenessKills).toBeGreaterThanOrEqual(4);
        const backOffs = eventsOf(result.events, SimEventType.BACK_OFF, 0).map((e) => Number(/(\d+) s/.exec(e.detail)?.[1]));
        expect(backOffs.slice(0, 3)).toEqual([10, 20, 40]);
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
