/**
 * Timelines driven by the simulator (lib/simulate): the default scenario (the app is ready at its
 * declared worst startup, else at once, then hangs until restarted) is simulated for each container,
 * and its event log gives the probe attempts, Ready intervals, kills and restarts. The timing
 * model's windows (startup allowance, detection best…worst) are drawn around them, so the picture
 * shows one real run inside the bounds every run keeps.
 */
import { Workload } from '../manifest';
import {
  containerFromJson,
  parseScenario,
  ProbeKind,
  ProbeOutcome,
  Scenario,
  SimEvent,
  SimEventType,
  simulate,
} from '../simulate';
import { ContainerReport, WorkloadReport } from './model';
import { defaultHangAt, horizonOf, Timeline, TimelineBand, TimelineLane, TimelineMarker, TimelineRow, TimelineTick } from './timeline';

/** Seconds simulated past the latest bound the model gives, so the fresh container is seen Ready. */
export const DEFAULT_SCENARIO_TAIL_SECONDS = 20;

/** The seconds the default scenario must run to show a container's hang and recovery. */
export function defaultScenarioDuration(c: ContainerReport, hangAt: number): number {
  const after = c.hangToFreshContainer?.worst ?? c.readinessDetection?.hung?.worst ?? 30;
  return Math.ceil(Math.max(c.startupAllowance.maximumSeconds ?? 0, hangAt + after) + DEFAULT_SCENARIO_TAIL_SECONDS);
}

/**
 * The default scenario for one container, as scenario YAML (the simulator's own format): the app
 * answers from `appReadySeconds`, every handler hangs at `hangAt` until the container is restarted,
 * and the hung process ignores SIGTERM (it is SIGKILLed at the end of the grace period).
 */
export function defaultScenarioText(appReadySeconds: number, hangAt: number, durationSeconds: number): string {
  return [
    'description: explain default scenario (app ready at its declared worst startup, then hangs until restarted)',
    `duration: ${durationSeconds}`,
    // a hung process cannot run its SIGTERM handler either: it is SIGKILLed when the grace period ends
    `app: {startup: ${appReadySeconds}, shutdown: never}`,
    'faults:',
    `  - {kind: hang, at: ${hangAt}, until: restart}`,
    '',
  ].join('\n');
}

/** The default scenario for one container, parsed. */
export function defaultScenario(c: ContainerReport, hangAt: number): Scenario {
  return parseScenario(defaultScenarioText(c.timeToReady.appReadySeconds, hangAt, defaultScenarioDuration(c, hangAt)), '<default scenario>');
}

const ROW_OF_PROBE: Readonly<Record<ProbeKind, string>> = {
  [ProbeKind.STARTUP]: 'startup',
  [ProbeKind.LIVENESS]: 'liveness',
  [ProbeKind.READINESS]: 'readiness',
};

/** Ready intervals of one replica from its event log: [from, to) pairs, the last open until `end`. */
function readyIntervals(events: readonly SimEvent[], end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let since: number | undefined;
  for (const e of events) {
    if (e.type === SimEventType.READY && since === undefined) since = e.time;
    if (e.type === SimEventType.NOT_READY && since !== undefined) {
      out.push([since, e.time]);
      since = undefined;
    }
  }
  if (since !== undefined) out.push([since, end]);
  return out;
}

/**
 * A container's lane from the simulator's events of replica 0 under the default scenario, with the
 * model's windows around them.
 */
export function laneFromSimulation(c: ContainerReport, events: readonly SimEvent[], hangAt: number, durationSeconds: number): TimelineLane {
  const mine = events.filter((e) => e.replica === 0);
  const ticks: Record<string, TimelineTick[]> = { startup: [], liveness: [], readiness: [] };
  for (const e of mine) {
    if (e.type === SimEventType.PROBE && e.probe) ticks[ROW_OF_PROBE[e.probe]].push({ t: e.time, ok: e.outcome === ProbeOutcome.SUCCESS });
  }
  const rows: TimelineRow[] = [];
  const a = c.startupAllowance;
  const allowanceBands: TimelineBand[] = a.guaranteedSeconds !== null && a.maximumSeconds !== null
    ? [
      { from: 0, to: a.guaranteedSeconds, kind: 'guaranteed', label: `${a.guaranteedSeconds} s guaranteed` },
      { from: a.guaranteedSeconds, to: a.maximumSeconds, kind: 'possible-kill' },
    ]
    : [];
  if (c.probes.startup) rows.push({ label: 'startup', ticks: ticks.startup, bands: allowanceBands });
  if (c.probes.liveness) {
    const bands: TimelineBand[] = c.probes.startup ? [] : [...allowanceBands];
    const hung = c.livenessDetection?.hung; // null: tcpSocket, blind to a hang
    if (hung) bands.push({ from: hangAt + hung.best, to: hangAt + hung.worst, kind: 'detection', label: 'restart decided' });
    rows.push({ label: 'liveness', ticks: ticks.liveness, bands });
  }
  const readyBands: TimelineBand[] = [];
  if (c.timeToReady.worst > c.timeToReady.best) readyBands.push({ from: c.timeToReady.best, to: c.timeToReady.worst, kind: 'ready-window' });
  for (const [from, to] of readyIntervals(mine, durationSeconds)) readyBands.push({ from, to, kind: 'ready', label: 'Ready' });
  const readinessHung = c.readinessDetection?.hung;
  if (readinessHung) readyBands.push({ from: hangAt + readinessHung.best, to: hangAt + readinessHung.worst, kind: 'detection', label: 'NotReady' });
  rows.push({ label: c.probes.readiness ? 'readiness' : 'Ready', ticks: ticks.readiness, bands: readyBands });

  const markers: TimelineMarker[] = [{ t: hangAt, kind: 'hang', label: `hang at ${hangAt} s` }];
  const firstReady = mine.find((e) => e.type === SimEventType.READY);
  if (firstReady) markers.push({ t: firstReady.time, kind: 'ready', label: `Ready at ${round(firstReady.time)} s` });
  const terminating: TimelineBand[] = [];
  const fresh: TimelineBand[] = [];
  for (const kill of mine.filter((e) => e.type === SimEventType.KILLING)) {
    markers.push({ t: kill.time, kind: 'kill', label: `killed at ${round(kill.time)} s` });
    const exited = mine.find((e) => e.type === SimEventType.CONTAINER_EXITED && e.container === kill.container && e.time >= kill.time);
    terminating.push({ from: kill.time, to: exited ? exited.time : durationSeconds, kind: 'grace', label: 'grace' });
    const restarted = mine.find((e) => e.type === SimEventType.CONTAINER_STARTED && e.container === kill.container + 1);
    if (restarted) {
      markers.push({ t: restarted.time, kind: 'start', label: `restart at ${round(restarted.time)} s` });
      const readyAgain = mine.find((e) => e.type === SimEventType.READY && e.container === restarted.container);
      fresh.push({ from: restarted.time, to: readyAgain ? readyAgain.time : durationSeconds, kind: 'restart', label: 'starting' });
    }
  }
  if (terminating.length) rows.push({ label: 'terminating', ticks: [], bands: terminating });
  if (fresh.length) rows.push({ label: 'fresh container', ticks: [], bands: fresh });
  const title = c.role === 'container' ? `container ${c.name}` : c.role === 'sidecar' ? `native sidecar ${c.name}` : `init container ${c.name}`;
  return { title, rows, markers };
}

/** Seconds for a marker label: one decimal. */
function round(t: number): number {
  return Math.round(t * 10) / 10;
}

/** The simulator-driven timeline of a workload under the default scenario (replica 0, seed 1). */
export function timelineFromSimulation(source: Workload, report: WorkloadReport, hangAt: number = defaultHangAt(report)): Timeline {
  const lanes: TimelineLane[] = [];
  for (const c of report.containers) {
    const wc = source.containers[c.sourceIndex];
    const scenario = defaultScenario(c, hangAt);
    const result = simulate(containerFromJson(wc.container, source.podSpec), scenario);
    lanes.push(laneFromSimulation(c, result.events, hangAt, scenario.durationSeconds));
  }
  const apps = [...new Set(report.containers.map((c) => `${c.timeToReady.appReadySeconds} s (${c.timeToReady.appReadySource})`))];
  return {
    title: `${report.kind} ${report.namespace ? `${report.namespace}/` : ''}${report.name}`,
    subtitle: `simulated (seed 1): app ready at ${apps.join(', ') || '0 s'}, hangs at ${hangAt} s (ignoring SIGTERM) until restarted; shaded windows: the timing model's best…worst over every tick phase`,
    horizon: horizonOf(lanes),
    lanes,
  };
}
