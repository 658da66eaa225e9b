/**
 * The simulator's run of the same scenario with the same probes, for the report to show next to
 * what the real probes did: per fault, when the simulated replica 0 tripped liveness, lost and
 * regained readiness. Informative only; verdicts use lib/timing's bounds. The simulator places each
 * probe's tick phase from the scenario's seed, so its times differ from a real run within a period.
 */
import { simulate } from '../simulate/engine';
import { Scenario, SimEvent, SimEventType } from '../simulate/types';
import { PlannedFault } from './faults';
import { VerifyTargetData } from './target';

/** What the simulator predicts for one fault, seconds after the start. */
export interface SimulatedFault {
  /** The simulated liveness kill after the fault began, if any. */
  readonly livenessTrippedAt?: number;
  /** The simulated NotReady after the fault began, if any. */
  readonly notReadyAt?: number;
  /** The simulated Ready after the fault ended, if any. */
  readonly readyAgainAt?: number;
}

/** Simulates `scenario` for the target's probes; one entry per fault (undefined when not replayable), or why it could not run. */
export function simulateFaults(scenario: Scenario, faults: readonly PlannedFault[], t: VerifyTargetData): Array<SimulatedFault | undefined> | string {
  let events: readonly SimEvent[];
  try {
    events = simulate({
      startupProbe: t.startupProbe, livenessProbe: t.livenessProbe, readinessProbe: t.readinessProbe,
      podGraceSeconds: t.graceSeconds, preStopSeconds: t.preStop ? t.preStop.sleepSeconds ?? 0 : undefined,
    }, scenario).events.filter((e) => e.replica === 0 && e.container === 1); // verify runs replica 0 and restarts nothing
  } catch (e) {
    return `the simulator could not run the scenario: ${(e as Error).message}`;
  }
  const starts = faults.filter((f) => !f.notReplayable).map((f) => f.startSeconds);
  return faults.map((f) => {
    if (f.notReplayable) return undefined;
    const next = Math.min(...starts.filter((s) => s > f.startSeconds));
    const first = (type: SimEventType, from: number, probe?: string) => events.find((e) => e.type === type && e.time >= from && e.time < next && (probe === undefined || e.probe === probe || e.detail.startsWith(`${probe} `)))?.time;
    return {
      livenessTrippedAt: first(SimEventType.KILLING, f.startSeconds, 'liveness'),
      notReadyAt: first(SimEventType.NOT_READY, f.startSeconds),
      readyAgainAt: f.endSeconds !== undefined ? first(SimEventType.READY, f.endSeconds) : undefined,
    };
  });
}
