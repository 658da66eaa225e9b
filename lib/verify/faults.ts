/**
 * A simulator scenario (lib/simulate's format) mapped onto one real process: which faults verify
 * can replay and how, which it cannot and why, and the pure verdicts on what the real probes did.
 *
 * The mapping (one process: replica 0, first container; scenario time 0 = the app's start):
 * - hang of the whole process -> SIGSTOP of its process group, SIGCONT when the fault ends;
 * - outage -> the dependency's proxy is cut, restored when the fault ends (refused connections);
 * - exit -> SIGKILL; verify restarts nothing, so the replay stops there;
 * - delete -> the termination phase (preStop, SIGTERM, SIGKILL at the grace period).
 * error and slow faults, and a hang of some handlers only, need the app's cooperation (a handler
 * that answers 500 or slowly while the rest of the process works): no signal or proxy makes a
 * real process do that, so they are reported as not replayable.
 */
import { parseScenario, ScenarioError } from '../simulate/scenario';
import { Effect, Fault, FaultEnd, FaultKind, HANDLERS, Scenario } from '../simulate/types';
import { failureDetection, FailureMode, ProbeTiming, recovery, TimeWindow } from '../timing';
import { VerifyInputError } from './errors';
import { Verdict, VerdictStatus } from './types';
import { SimulatedFault } from './simulated';
import { secs } from './verdicts';

/** The longest scenario verify replays, in seconds: it runs in real time. */
export const MAX_REPLAY_SECONDS = 600;

/** Seconds of slack on a predicted bound before a late trip counts as a failure (timer and process scheduling). */
export const REPLAY_SLACK_SECONDS = 1;

/** One fault of the scenario, as verify will (or will not) replay it. */
export interface PlannedFault {
  /** Where it was written, e.g. `faults[0]`. */
  readonly source: string;
  /** hang, error, slow, exit, outage, delete. */
  readonly kind: string;
  /** Seconds after the app's start when it begins. */
  readonly startSeconds: number;
  /** Seconds after the app's start when it ends, if it ends by itself within the scenario. */
  readonly endSeconds?: number;
  /** The dependency, for an outage. */
  readonly dependency?: string;
  /** Whether the scenario says user requests fail while that dependency is down. */
  readonly critical?: boolean;
  /** What verify does, in words; undefined when it cannot replay the fault. */
  readonly action?: string;
  /** Why it cannot be replayed, when it cannot. */
  readonly notReplayable?: string;
}

/** The scenario, checked against what verify can do. */
export interface ReplayPlan {
  /** The scenario file. */
  readonly file: string;
  /** Seconds the replay runs (the scenario's duration). */
  readonly durationSeconds: number;
  /** Every fault, in file order. */
  readonly faults: PlannedFault[];
  /** The scenario as read. */
  readonly scenario: Scenario;
}

/** Reads a scenario file's text for verify; throws {@link VerifyInputError} for any bad input. */
export function readScenario(text: string, file: string): Scenario {
  try {
    return parseScenario(text, file);
  } catch (e) {
    if (e instanceof ScenarioError) throw new VerifyInputError(e.message);
    throw e;
  }
}

const PROCESS_WIDE = (f: Fault) => HANDLERS.every((h) => f.handlers.includes(h));

/**
 * Plans the replay. Throws {@link VerifyInputError} when the scenario is longer than
 * {@link MAX_REPLAY_SECONDS} or names a dependency verify has no proxy for.
 * @param proxied the dependencies given with --dependency
 * @param startedApp whether verify starts the app (signals need its process)
 */
export function planReplay(s: Scenario, proxied: readonly string[], startedApp: boolean): ReplayPlan {
  if (s.durationSeconds > MAX_REPLAY_SECONDS) {
    throw new VerifyInputError(`${s.file}: duration: ${s.durationSeconds} s is longer than verify replays in real time (at most ${MAX_REPLAY_SECONDS} s); write a short scenario for verify: its times are seconds after the app starts`);
  }
  const faults = s.faults.map((f): PlannedFault => {
    const end = f.end === FaultEnd.DURATION && f.durationSeconds !== undefined ? f.startSeconds + f.durationSeconds : undefined;
    const base = { source: f.source, kind: f.kind, startSeconds: f.startSeconds, endSeconds: end !== undefined && end < s.durationSeconds ? end : undefined };
    const dep = f.dependency !== undefined ? s.dependencies.find((d) => d.name === f.dependency) : undefined;
    if (f.kind === FaultKind.OUTAGE && dep && !proxied.includes(dep.name)) {
      throw new VerifyInputError(`${s.file}: ${f.source}.dependency: ${JSON.stringify(dep.name)} has no proxy; give --dependency ${dep.name}=HOST:PORT (the real ${dep.name}) so verify can cut it, and point the app at ${dep.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_PROXY_ADDR`);
    }
    const no = (why: string): PlannedFault => ({ ...base, notReplayable: `not replayable against a real process: ${why}` });
    if (f.replicas !== undefined && !f.replicas.includes(0)) return no(`it hits replica(s) ${f.replicas.join(', ')} only; verify runs one process, replica 0`);
    switch (f.kind) {
      case FaultKind.ERROR:
      case FaultKind.SLOW:
        return no(`${f.kind === FaultKind.ERROR ? 'an error' : 'a slow'} fault needs the app's cooperation (handlers that answer ${f.kind === FaultKind.ERROR ? 'a failure' : 'slowly'} while the process runs); no signal or proxy makes a process do that — test it with a fault switch in the app`);
      case FaultKind.HANG:
        if (!PROCESS_WIDE(f)) return no(`a hang of ${f.handlers.join(', ')} only needs the app's cooperation; SIGSTOP freezes the whole process`);
        if (!startedApp) return no('verify did not start the app (give --command), so it cannot SIGSTOP it');
        return { ...base, action: `SIGSTOP of the app's process group${base.endSeconds !== undefined ? ', SIGCONT when it ends' : ''}` };
      case FaultKind.EXIT:
        if (!startedApp) return no('verify did not start the app (give --command), so it cannot kill it');
        return { ...base, action: 'SIGKILL of the app\'s process group; verify restarts nothing, so the replay stops there' };
      case FaultKind.DELETE:
        if (!startedApp) return no('verify did not start the app (give --command), so it cannot terminate it');
        return { ...base, action: 'the termination phase (preStop, SIGTERM, SIGKILL at the grace period); the replay stops there' };
      case FaultKind.OUTAGE:
        return {
          ...base, dependency: dep!.name, critical: dep!.critical,
          action: `cut of the ${dep!.name} proxy (new connections refused, open ones reset)${f.effect === Effect.HANG ? '; the scenario\'s effect: hang (timeouts) is replayed as refusals' : ''}${base.endSeconds !== undefined ? ', restored when it ends' : ''}`,
        };
      default:
        return no(`unknown fault kind ${f.kind}`);
    }
  });
  return { file: s.file, durationSeconds: s.durationSeconds, faults, scenario: s };
}

/** What the real probes did during one replayed fault. Times in seconds after the app's start. */
export interface FaultObservation {
  /** The fault as planned. */
  readonly fault: PlannedFault;
  /** When verify applied it (undefined when it was not replayed). */
  readonly appliedAt?: number;
  /** When verify ended it (SIGCONT, restore), if it did. */
  readonly endedAt?: number;
  /** When liveness tripped after the fault began, if it did. */
  readonly livenessTrippedAt?: number;
  /** When readiness turned NotReady after the fault began, if it did. */
  readonly notReadyAt?: number;
  /** When readiness was Ready again after the fault ended, if it was. */
  readonly readyAgainAt?: number;
  /** lib/timing's window for liveness to catch it (hang: a handler that never answers). */
  readonly predictedLiveness?: TimeWindow;
  /** lib/timing's window for readiness to turn NotReady. */
  readonly predictedNotReady?: TimeWindow;
  /** lib/timing's worst time for readiness to come back after the fault ends. */
  readonly predictedRecoveryWorst?: number;
  /** The simulator's run of the same scenario with the same probes (informative). */
  readonly simulated?: SimulatedFault;
  /** Why the replay did not apply a planned fault (the container had already ended…). */
  readonly missed?: string;
}

/** What the replay saw. */
export interface ScenarioObservation {
  /** The scenario file. */
  readonly file: string;
  /** Seconds the scenario lasts. */
  readonly durationSeconds: number;
  /** Seconds after the app's start when the replay ended. */
  readonly endedAt: number;
  /** Why it ended: the scenario's end, a liveness trip, an exit, a deletion. */
  readonly endReason: string;
  /** One per fault, in file order. */
  readonly faults: FaultObservation[];
}

/** lib/timing's windows for a fault, from the probes' timing. */
export function predictions(kind: string, liveness: ProbeTiming | undefined, readiness: ProbeTiming | undefined): Pick<FaultObservation, 'predictedLiveness' | 'predictedNotReady' | 'predictedRecoveryWorst'> {
  const mode = kind === FaultKind.HANG ? FailureMode.HANG : FailureMode.INSTANT;
  return {
    predictedLiveness: kind === FaultKind.HANG && liveness ? failureDetection(liveness, FailureMode.HANG) : undefined,
    predictedNotReady: readiness && (kind === FaultKind.HANG || kind === FaultKind.OUTAGE) ? failureDetection(readiness, mode) : undefined,
    predictedRecoveryWorst: readiness ? recovery(readiness, mode).worst : undefined,
  };
}

const rel = (at: number | undefined, from: number) => (at === undefined ? undefined : at - from);
const win = (w: TimeWindow) => `${secs(w.best)}–${secs(w.worst)}`;

/** The verdict on one fault. */
export function faultVerdict(o: FaultObservation): Verdict {
  const f = o.fault;
  const check = `fault:${f.source} ${f.kind}${f.dependency ? ` ${f.dependency}` : ''}`;
  if (f.notReplayable) return { check, status: VerdictStatus.SKIPPED, detail: f.notReplayable };
  if (o.appliedAt === undefined) return { check, status: VerdictStatus.SKIPPED, detail: `not replayed: ${o.missed ?? 'the replay ended first'}` };
  const at = o.appliedAt;
  const facts: string[] = [`applied at ${secs(at)}${o.endedAt !== undefined ? `, ended at ${secs(o.endedAt)}` : ''}`];
  const problems: string[] = [];
  let warn = false;
  const trip = rel(o.livenessTrippedAt, at);
  const down = rel(o.notReadyAt, at);
  const back = o.endedAt !== undefined ? rel(o.readyAgainAt, o.endedAt) : undefined;
  const recoveryCheck = () => {
    if (o.endedAt === undefined || o.predictedRecoveryWorst === undefined || o.notReadyAt === undefined || trip !== undefined) return;
    const bound = o.predictedRecoveryWorst + REPLAY_SLACK_SECONDS;
    if (back === undefined) problems.push(`readiness did not come back after the fault ended (lib/timing: within ${secs(o.predictedRecoveryWorst)})`);
    else if (back > bound) problems.push(`Ready again ${secs(back)} after the fault ended, later than lib/timing's ${secs(o.predictedRecoveryWorst)} (+${REPLAY_SLACK_SECONDS} s)`);
    else facts.push(`Ready again ${secs(back)} after it ended (lib/timing: ≤ ${secs(o.predictedRecoveryWorst)})`);
  };
  const readinessFact = () => {
    if (down !== undefined) facts.push(`readiness NotReady ${secs(down)} in${o.predictedNotReady ? ` (lib/timing: ${win(o.predictedNotReady)})` : ''}`);
  };
  if (f.kind === FaultKind.HANG) {
    const p = o.predictedLiveness;
    const lasted = (o.endedAt ?? o.livenessTrippedAt ?? Infinity) - at;
    if (!p) problems.push('no liveness probe: nothing restarts a hung process');
    else if (trip !== undefined) {
      if (trip > p.worst + REPLAY_SLACK_SECONDS) problems.push(`liveness tripped ${secs(trip)} into the hang, later than lib/timing's worst ${secs(p.worst)} (+${REPLAY_SLACK_SECONDS} s)`);
      else facts.push(`liveness tripped ${secs(trip)} into the hang (lib/timing: ${win(p)}): the kubelet would kill and restart the container`);
    } else if (o.endedAt !== undefined && lasted < p.worst) {
      facts.push(`liveness did not trip in the ${secs(lasted)} hang (lib/timing catches a hang only after ${win(p)})`);
      warn = lasted >= p.best;
    } else problems.push(`liveness did not trip in ${secs(lasted === Infinity ? 0 : lasted)} of hang (lib/timing: ${win(p)}); a TCP probe cannot see a hung process: the kernel still accepts its connections`);
    readinessFact();
    recoveryCheck();
  } else if (f.kind === FaultKind.OUTAGE) {
    if (trip !== undefined) problems.push(`liveness tripped ${secs(trip)} into the outage: every pod would restart while ${f.dependency} is down`);
    else facts.push(`liveness green through the outage`);
    if (f.critical) {
      if (down === undefined) problems.push(`readiness stayed Ready while ${f.dependency}, critical in the scenario, was down: traffic keeps coming to a pod that cannot serve it`);
      else {
        readinessFact();
        if (o.predictedNotReady && down > o.predictedNotReady.worst + REPLAY_SLACK_SECONDS) warn = true;
      }
    } else if (down !== undefined) problems.push(`readiness NotReady ${secs(down)} into an outage of ${f.dependency}, not critical in the scenario: every pod leaves the Service for a dependency it can serve without`);
    else facts.push(`readiness stayed Ready (${f.dependency} is not critical in the scenario)`);
    recoveryCheck();
  } else if (f.kind === FaultKind.EXIT) {
    facts.push('the process was SIGKILLed; the kubelet would restart the container (restartPolicy Always) about 1 s after the exit; verify restarts nothing, so the replay stopped');
    if (down !== undefined) facts.push(`readiness NotReady ${secs(down)} after`);
  } else if (f.kind === FaultKind.DELETE) {
    facts.push('the termination phase began here: see the shutdown verdict');
  }
  const status = problems.length > 0 ? VerdictStatus.FAIL : warn ? VerdictStatus.WARN : VerdictStatus.PASS;
  return { check, status, detail: [...problems, ...facts].join('; ') };
}
