/**
 * Observations -> one verdict per declared intent. Pure functions over numbers, so each rule of
 * judgement is tested without a process; the numbers they hold the app to come from lib/timing.
 */
import { ProbeTiming, startupAllowance } from '../timing';
import { DependencyObservation } from './dependency';
import { ShutdownObservation } from './shutdown';
import { StartupObservation } from './startup';
import { Verdict, VerdictStatus } from './types';

/** Seconds, as printed: two decimals at most. */
export function secs(n: number): string {
  return `${Number(n.toFixed(2))} s`;
}

/** The startup verdict: the measured start against the guard's guaranteed allowance and the declared worst startup. */
export function startupVerdict(obs: StartupObservation, guard: ProbeTiming | undefined, declaredWorstStartup: number | undefined): Verdict {
  const check = 'startup';
  const started = obs.appStartedAt;
  if (obs.exitedAt !== undefined && started === undefined) return { check, status: VerdictStatus.FAIL, detail: `the process exited ${secs(obs.exitedAt)} after start, before it answered its startup check` };
  if (started === undefined) return { check, status: VerdictStatus.FAIL, detail: `the app never answered its startup check${obs.killedAt !== undefined ? `; the ${obs.guard} probe tripped at ${secs(obs.killedAt)} and the kubelet would kill the container` : ''}` };
  const parts: string[] = [`answered its startup check ${secs(started)} after start`];
  let status = VerdictStatus.PASS;
  if (guard) {
    const a = startupAllowance(guard);
    parts.push(`the ${obs.guard} probe guarantees ${secs(a.guaranteedSeconds)} (D + (F−1)·P; at most < ${secs(a.maximumSeconds)} with a lucky tick)`);
    if (started >= a.maximumSeconds) status = VerdictStatus.FAIL;
    else if (started > a.guaranteedSeconds) status = VerdictStatus.WARN;
  } else {
    parts.push('no startup or liveness probe guards startup');
  }
  if (declaredWorstStartup !== undefined) {
    parts.push(`declared worst startup ${secs(declaredWorstStartup)}`);
    if (started > declaredWorstStartup) status = VerdictStatus.FAIL;
  }
  if (obs.killedAt !== undefined) {
    parts.push(`but the ${obs.guard} probe tripped at ${secs(obs.killedAt)}: the kubelet would kill the container`);
    status = VerdictStatus.FAIL;
  }
  if (status === VerdictStatus.WARN) parts.push('it fits only when the first probe lands late in its period');
  if (status === VerdictStatus.FAIL && declaredWorstStartup !== undefined && started > declaredWorstStartup) parts.push('the app starts slower than declared: raise the declaration (and the startup probe with it) or make it start faster');
  return { check, status, detail: parts.join('; ') };
}

/** What the steady phase saw. */
export interface SteadyObservation {
  /** Seconds observed. */
  readonly seconds: number;
  /** When liveness tripped, if it did. */
  readonly livenessTrippedAt?: number;
  /** Liveness's last failure message before it tripped. */
  readonly livenessMessage?: string;
  /** When the process exited, if it did. */
  readonly exitedAt?: number;
  /** How it exited. */
  readonly exit?: string;
  /** Whether readiness was Ready at the end. */
  readonly readyAtEnd: boolean;
  /** Readiness NotReady transitions during the phase. */
  readonly readinessDrops: number;
}

/** Liveness stays green and readiness Ready while nothing is wrong. */
export function steadyVerdict(o: SteadyObservation): Verdict {
  const check = 'steady';
  if (o.livenessTrippedAt !== undefined) return { check, status: VerdictStatus.FAIL, detail: `liveness tripped at ${secs(o.livenessTrippedAt)} with nothing wrong outside the app (${o.livenessMessage ?? 'failed'}): the kubelet would restart the container` };
  if (o.exitedAt !== undefined) return { check, status: VerdictStatus.FAIL, detail: `the process ${o.exit ?? 'exited'} at ${secs(o.exitedAt)}` };
  if (!o.readyAtEnd) return { check, status: VerdictStatus.FAIL, detail: `readiness was not Ready after ${secs(o.seconds)} of steady running` };
  if (o.readinessDrops > 0) return { check, status: VerdictStatus.WARN, detail: `readiness dropped ${o.readinessDrops} time(s) in ${secs(o.seconds)} with nothing wrong outside the app` };
  return { check, status: VerdictStatus.PASS, detail: `liveness green and readiness Ready for ${secs(o.seconds)}` };
}

/** Latencies of one probe. */
export interface LatencyFigures {
  /** startup, liveness or readiness. */
  readonly probe: string;
  /** Successful attempts measured. */
  readonly successes: number;
  /** The slowest successful attempt, seconds. */
  readonly maxSuccessLatency?: number;
  /** timeoutSeconds. */
  readonly timeoutSeconds: number;
}

/** Handler latencies against timeoutSeconds and the declared handler latency. */
export function latencyVerdict(figures: readonly LatencyFigures[], declaredHandlerLatency: number | undefined): Verdict {
  const check = 'handler-latency';
  const measured = figures.filter((f) => f.maxSuccessLatency !== undefined);
  if (measured.length === 0) return { check, status: VerdictStatus.SKIPPED, detail: 'no successful probe attempt to measure' };
  const slow = measured.some((f) => declaredHandlerLatency !== undefined && f.maxSuccessLatency! > declaredHandlerLatency);
  const tight = measured.some((f) => f.maxSuccessLatency! > f.timeoutSeconds / 2);
  const status = slow ? VerdictStatus.FAIL : tight ? VerdictStatus.WARN : VerdictStatus.PASS;
  const parts = measured.map((f) => `${f.probe} up to ${secs(f.maxSuccessLatency!)} (timeout ${secs(f.timeoutSeconds)})`);
  const declared = declaredHandlerLatency !== undefined ? `; declared handler latency ${secs(declaredHandlerLatency)}` : '; no handler latency declared';
  const why = slow ? ': slower than declared, so the timeouts sized from it are too tight' : tight ? ': less than half the timeout left as headroom' : '';
  return { check, status, detail: `${parts.join(', ')}${declared}${why}` };
}

/** Liveness green, readiness red and back, through an outage of a critical dependency. */
export function dependencyVerdict(o: DependencyObservation): Verdict {
  const check = `dependency:${o.name}`;
  const problems: string[] = [];
  const facts: string[] = [];
  if (o.livenessTrippedAt !== undefined) problems.push(`liveness tripped ${secs(o.livenessTrippedAt - o.cutAt)} into the outage: every pod would restart while ${o.name} is down`);
  else if (o.livenessFailures > 0) problems.push(`liveness failed ${o.livenessFailures} of ${o.livenessAttempts} attempts during the outage (${o.livenessFailureMessage}): it checks ${o.name}, so a longer outage restarts every pod`);
  else facts.push(`liveness green through the outage (${o.livenessAttempts} attempts)`);
  if (!o.hasReadiness) problems.push(`no readiness probe: traffic keeps coming while ${o.name} is down`);
  else if (o.notReadyAt === undefined) problems.push(`readiness stayed Ready for ${secs(o.restoredAt - o.cutAt)} while ${o.name} was down: traffic keeps coming to a pod that cannot serve it`);
  else facts.push(`readiness NotReady ${secs(o.notReadyAt - o.cutAt)} after the cut`);
  if (o.hasReadiness && o.notReadyAt !== undefined) {
    if (o.readyAgainAt === undefined) problems.push(`readiness did not come back after ${o.name} was restored`);
    else facts.push(`Ready again ${secs(o.readyAgainAt - o.restoredAt)} after the restore`);
  }
  return { check, status: problems.length > 0 ? VerdictStatus.FAIL : VerdictStatus.PASS, detail: [...problems, ...facts].join('; ') };
}

/** Keeps serving through the preStop window (or fails readiness first), and exits within the grace period. */
export function shutdownVerdict(o: ShutdownObservation): Verdict {
  const check = o.pid1 ? 'shutdown-pid1' : 'shutdown';
  const parts: string[] = [];
  let status = VerdictStatus.PASS;
  if (o.reason !== 'delete') {
    parts.push(`after the ${o.reason} kill decision (grace ${secs(o.graceSeconds)}); serving is not judged: the container restarts in place`);
  } else if (o.servingCheck === undefined) {
    parts.push('no probe talks to a port, so serving through shutdown was not checked');
  } else if (o.servingWindow === 0) {
    parts.push(`stopped serving ${secs(o.stoppedServingAt ?? 0)} after SIGTERM; no preStop hook and no readiness probe, so nothing holds the pod in service and serving was not judged`);
  } else {
    const served = o.stoppedServingAt ?? Infinity;
    const window = `${o.preStop ? `the preStop window (${o.preStop}, ${secs(o.servingWindow)})` : `the readiness window F·P = ${secs(o.servingWindow)} (no preStop hook)`}`;
    if (served >= o.servingWindow) parts.push(`kept serving through ${window}`);
    else if (o.readinessFailedAt !== undefined && o.readinessFailedAt < served) {
      status = VerdictStatus.WARN;
      parts.push(`failed readiness ${secs(o.readinessFailedAt)} after termination began, then stopped serving at ${secs(served)}, inside ${window}: endpoints may still route to it until readiness trips`);
    } else {
      status = VerdictStatus.FAIL;
      parts.push(`stopped serving ${secs(served)} after termination began, inside ${window}, without failing readiness first: requests still routed to it are refused`);
    }
  }
  if (o.killed) {
    status = VerdictStatus.FAIL;
    parts.push(`ignored SIGTERM${o.pid1 ? ' as PID 1' : ''}: still running ${secs(o.sigkillAfterSeconds)} after it (grace ${secs(o.graceSeconds)}${o.preStop ? ' less the preStop hook' : ''}, at least 2 s) and SIGKILLed${o.pid1 ? ' (PID 1 gets no default signal action: handle SIGTERM, or run under an init such as tini)' : ''}`);
  } else if (o.exitedAt !== undefined) {
    parts.push(`${o.exit} ${secs(o.exitedAt - (o.sigtermAt ?? 0))} after SIGTERM, within the ${secs(o.sigkillAfterSeconds)} before SIGKILL`);
  }
  return { check, status, detail: parts.join('; ') };
}
