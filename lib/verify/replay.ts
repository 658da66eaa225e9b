/**
 * The scenario phase: replays a {@link ReplayPlan} against the running container in real time
 * (scenario time 0 = the app's start) and records, per fault, what the real probes did.
 * A liveness trip ends the replay (the kubelet would kill and restart the container:
 * kuberuntime_manager.go computePodActions, "Container ... failed liveness probe, will be
 * restarted"); so do an exit (verify restarts nothing) and a deletion (the termination phase follows).
 */
import { FaultKind } from '../simulate/types';
import { sleep, waitUntil } from './clock';
import { ContainerRun } from './container-run';
import { WAIT_MARGIN_SECONDS } from './dependency';
import { FaultObservation, PlannedFault, predictions, REPLAY_SLACK_SECONDS, ReplayPlan, ScenarioObservation } from './faults';
import { DependencyProxy } from './proxy';
import { SimulatedFault } from './simulated';
import { AttemptResult, Transition } from './types';

interface Action {
  readonly at: number;
  readonly index: number;
  readonly end: boolean;
}

/** What the replay leaves behind for the phases after it. */
export interface ReplayOutcome {
  /** The observation for the report. */
  readonly observation: ScenarioObservation;
  /** Why the container cannot go on to the termination phase, if it cannot. */
  readonly noShutdown?: string;
}

/** Runs the plan against `run`, using `proxies` for outages. */
export async function replayScenario(run: ContainerRun, plan: ReplayPlan, proxies: readonly DependencyProxy[], simulated: ReadonlyArray<SimulatedFault | undefined> = []): Promise<ReplayOutcome> {
  const applied = new Map<number, number>();
  const ended = new Map<number, number>();
  const actions: Action[] = [];
  plan.faults.forEach((f, index) => {
    if (f.notReplayable) return;
    actions.push({ at: f.startSeconds, index, end: false });
    if (f.endSeconds !== undefined && f.kind !== FaultKind.EXIT && f.kind !== FaultKind.DELETE) actions.push({ at: f.endSeconds, index, end: true });
  });
  // by time; at the same time an end before a start, then file order: deterministic
  actions.sort((a, b) => a.at - b.at || Number(b.end) - Number(a.end) || a.index - b.index);
  const over = () => run.killedByProbe !== undefined || !run.running;
  let endReason: string | undefined;
  const stopped = new Set<number>();
  for (const a of actions) {
    await waitUntil(() => run.elapsed >= a.at || over(), Math.max(0, a.at - run.elapsed) + 1);
    if (over()) break;
    const f = plan.faults[a.index];
    const now = run.elapsed;
    if (a.end) {
      if (!applied.has(a.index)) continue;
      if (f.kind === FaultKind.HANG) {
        run.app?.signalGroup('SIGCONT');
        stopped.delete(a.index);
      } else await proxyOf(proxies, f).restore();
      ended.set(a.index, now);
      continue;
    }
    applied.set(a.index, now);
    if (f.kind === FaultKind.HANG) {
      run.app?.signalGroup('SIGSTOP');
      stopped.add(a.index);
    } else if (f.kind === FaultKind.OUTAGE) await proxyOf(proxies, f).cut();
    else if (f.kind === FaultKind.EXIT) {
      run.app?.signalGroup('SIGKILL');
      await run.app?.waitForExit(5);
      endReason = `${f.source}: exit at ${now.toFixed(2)} s (the kubelet would restart the container; verify does not)`;
      break;
    } else if (f.kind === FaultKind.DELETE) {
      endReason = `${f.source}: deletion at ${now.toFixed(2)} s (the termination phase follows)`;
      break;
    }
  }
  if (endReason === undefined) await waitUntil(() => run.elapsed >= plan.durationSeconds || over(), Math.max(0, plan.durationSeconds - run.elapsed) + 1);
  const trip = run.killedByProbe;
  if (endReason === undefined && trip) endReason = `the ${trip.probe} probe tripped at ${trip.at.toFixed(2)} s (the kubelet would kill and restart the container; verify does not)`;
  else if (endReason === undefined && !run.running) endReason = `the process ${run.app?.describeExit() ?? 'exited'} at ${((run.app?.exitedAt ?? 0) - run.start).toFixed(2)} s`;
  // a fault that ended near the scenario's end: give readiness its recovery time before judging
  const readiness = run.probe('readiness');
  if (endReason === undefined && readiness && ended.size > 0 && run.state('readiness') !== AttemptResult.SUCCESS) {
    const p = predictions(FaultKind.HANG, undefined, readiness.timing);
    await waitUntil(() => run.state('readiness') === AttemptResult.SUCCESS || over(), (p.predictedRecoveryWorst ?? 0) + readiness.timing.timeoutSeconds + REPLAY_SLACK_SECONDS + WAIT_MARGIN_SECONDS);
  }
  endReason ??= 'the scenario\'s end';
  await sleep(0.05);
  const liveness = run.probe('liveness')?.timing;
  const faults = plan.faults.map((fault, index): FaultObservation => {
    const appliedAt = applied.get(index);
    if (fault.notReplayable) return { fault };
    if (appliedAt === undefined) return { fault, missed: `the replay had ended (${endReason}) before ${fault.startSeconds} s` };
    const endedAt = ended.get(index);
    // what happened up to the next fault's start is this fault's doing (overlapping faults share it)
    const next = Math.min(...[...applied.values()].filter((x) => x > appliedAt));
    const within = (t: Transition | undefined) => (t !== undefined && t.at < next ? t.at : undefined);
    return {
      fault, appliedAt, endedAt,
      livenessTrippedAt: within(run.transitionAfter('liveness', AttemptResult.FAILURE, appliedAt)),
      notReadyAt: within(run.transitionAfter('readiness', AttemptResult.FAILURE, appliedAt)),
      readyAgainAt: endedAt !== undefined ? within(run.transitionAfter('readiness', AttemptResult.SUCCESS, endedAt)) : undefined,
      ...predictions(fault.kind, liveness, readiness?.timing),
      simulated: simulated[index],
    };
  });
  // whatever is still cut is restored, so the termination phase sees the app as the scenario leaves it
  for (const p of proxies) await p.restore();
  const observation: ScenarioObservation = { file: plan.file, durationSeconds: plan.durationSeconds, endedAt: run.elapsed, endReason, faults };
  if (trip) return { observation, noShutdown: `the ${trip.probe} probe tripped at ${trip.at.toFixed(2)} s during the scenario: the kubelet would restart the container` };
  if (!run.running) return { observation, noShutdown: `the process ${run.app?.describeExit() ?? 'exited'} during the scenario` };
  if (stopped.size > 0) return { observation, noShutdown: 'the app was still hung (SIGSTOPped) at the scenario\'s end' };
  return { observation };
}

function proxyOf(proxies: readonly DependencyProxy[], f: PlannedFault): DependencyProxy {
  const p = proxies.find((x) => x.name === f.dependency);
  if (!p) throw new Error(`no proxy for ${f.dependency}`); // planReplay refuses such a scenario
  return p;
}
