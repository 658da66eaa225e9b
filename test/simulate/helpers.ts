/**
 * Test helpers: probes built from lib/timing sizing (the numbers the constructs emit), and small
 * readers over a simulation's events.
 */
import { ProbeJson } from '../../lib/k8s/types';
import {
  HandlerKind, ProbeTiming, SizedProbes, sizeProbes, SizingTargets, shutdownPlan,
} from '../../lib/timing';
import {
  parseScenario, ProbeKind, Scenario, SimEvent, SimEventType, SimulatedContainer,
} from '../../lib/simulate';

/** An httpGet probe with exactly the given timing. */
export function httpProbe(t: ProbeTiming, path: string, graceSeconds?: number): ProbeJson {
  return {
    httpGet: { path, port: 8080 },
    initialDelaySeconds: t.initialDelaySeconds,
    periodSeconds: t.periodSeconds,
    timeoutSeconds: t.timeoutSeconds,
    successThreshold: t.successThreshold,
    failureThreshold: t.failureThreshold,
    ...(graceSeconds === undefined ? {} : { terminationGracePeriodSeconds: graceSeconds }),
  };
}

/** Sizing targets with the library's defaults for an HTTP service. */
export function targets(overrides: Partial<SizingTargets>): SizingTargets {
  return {
    worstStartupSeconds: 60,
    handlerLatencySeconds: 1,
    livenessKind: HandlerKind.NETWORK,
    readinessKind: HandlerKind.NETWORK,
    fastRecovery: false,
    ...overrides,
  };
}

/** The container the intents would produce: sized probes and the shutdown plan (preStop + grace). */
export function sizedContainer(sized: SizedProbes): SimulatedContainer {
  const plan = shutdownPlan(sized.readiness);
  return {
    startupProbe: httpProbe(sized.startup, '/livez'),
    livenessProbe: httpProbe(sized.liveness, '/livez', sized.livenessGraceSeconds),
    readinessProbe: httpProbe(sized.readiness, '/readyz'),
    podGraceSeconds: plan.terminationGracePeriodSeconds,
    preStopSeconds: plan.preStopSleepSeconds,
  };
}

/** sizeProbes + sizedContainer. */
export function containerFor(overrides: Partial<SizingTargets>): { sized: SizedProbes; container: SimulatedContainer } {
  const sized = sizeProbes(targets(overrides));
  return { sized, container: sizedContainer(sized) };
}

/** Parses an inline scenario. */
export function scenario(yaml: string): Scenario {
  return parseScenario(yaml, 'test-scenario.yaml');
}

/** The events of one replica of one type (and probe). */
export function eventsOf(events: readonly SimEvent[], type: SimEventType, replica = 0, probe?: ProbeKind): SimEvent[] {
  return events.filter((e) => e.type === type && e.replica === replica && (probe === undefined || e.probe === probe));
}

/** The first event of one replica of one type at or after a time. */
export function firstAfter(events: readonly SimEvent[], type: SimEventType, time: number, replica = 0): SimEvent | undefined {
  return events.find((e) => e.type === type && e.replica === replica && e.time >= time);
}

/** Rounds seconds to the simulator's millisecond grid (for sums of event times). */
export function ms(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
