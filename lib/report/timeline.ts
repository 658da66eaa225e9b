/**
 * A drawing-neutral timeline of one workload: per container, one row per probe with its attempts
 * (ticks) and the windows that matter (startup allowance, Ready, detection, grace), plus markers
 * (hang, kill, Ready). Built from the timing model here; the SVG renderer only draws it.
 */
import { TimeWindow, worstKillSeconds } from '../timing';
import { ContainerReport, WorkloadReport } from './model';

/** What a band on a row means (it decides its colour and legend entry). */
export type BandKind =
  | 'guaranteed' // startup allowance that never trips: [0, D + (F−1)·P]
  | 'possible-kill' // startup may be killed here, depending on tick phase: [guaranteed, maximum)
  | 'ready-window' // first Ready happens somewhere in here
  | 'ready' // Ready (in the endpoints)
  | 'detection' // the probe trips somewhere in here after the hang
  | 'grace' // terminating: SIGTERM → SIGKILL
  | 'restart'; // the fresh container starts and becomes Ready somewhere in here

/** One probe attempt. */
export interface TimelineTick {
  /** Seconds after the first container start. */
  readonly t: number;
  /** Whether the attempt succeeds. */
  readonly ok: boolean;
}

/** A span on a row. */
export interface TimelineBand {
  /** Start, seconds. */
  readonly from: number;
  /** End, seconds. */
  readonly to: number;
  /** What it means. */
  readonly kind: BandKind;
  /** A short label drawn inside when it fits. */
  readonly label?: string;
}

/** One row: a probe, or the container's state. */
export interface TimelineRow {
  /** Row label, e.g. `startup`, `liveness`, `readiness`, `container`. */
  readonly label: string;
  /** Probe attempts on this row. */
  readonly ticks: TimelineTick[];
  /** Spans on this row. */
  readonly bands: TimelineBand[];
}

/** A vertical marker across a container's rows. */
export interface TimelineMarker {
  /** Seconds. */
  readonly t: number;
  /** What happens. */
  readonly kind: 'hang' | 'kill' | 'ready' | 'start';
  /** Short label. */
  readonly label: string;
}

/** One container's rows. */
export interface TimelineLane {
  /** e.g. `container web`. */
  readonly title: string;
  /** Rows, top to bottom. */
  readonly rows: TimelineRow[];
  /** Markers across the lane. */
  readonly markers: TimelineMarker[];
}

/** A workload's timeline. */
export interface Timeline {
  /** e.g. `Deployment shop/orders`. */
  readonly title: string;
  /** The scenario in words. */
  readonly subtitle: string;
  /** The right end of the axis, seconds. */
  readonly horizon: number;
  /** One lane per container. */
  readonly lanes: TimelineLane[];
}

/** How far past the hang a container that nothing takes out of the endpoints is drawn Ready. */
export const STILL_READY_AFTER_HANG_SECONDS = 60;

/** When the default scenario's hang starts: after the latest possible first Ready, plus a few periods, on a round number. */
export function defaultHangAt(w: WorkloadReport): number {
  let latest = 0;
  let period = 10;
  for (const c of w.containers) {
    latest = Math.max(latest, c.timeToReady.worst);
    if (c.probes.liveness) period = Math.max(period, c.probes.liveness.timing.periodSeconds);
  }
  return Math.ceil((latest + 2 * period) / 10) * 10;
}

/** Attempts every `spacing` s from `first` to `until`; from `failFrom` on they fail and are `spacingFailing` apart (a hung attempt holds the worker for T). */
function ticksFrom(first: number, spacing: number, until: number, failFrom: number, spacingFailing: number = spacing): TimelineTick[] {
  const out: TimelineTick[] = [];
  if (!(spacing > 0) || !(spacingFailing > 0)) return out;
  for (let t = first, n = 0; t <= until && n < 2000; n++) {
    const ok = t < failFrom;
    out.push({ t, ok });
    t += ok ? spacing : spacingFailing;
  }
  return out;
}

function clampBand(from: number, to: number, kind: BandKind, label?: string): TimelineBand {
  return { from, to: Math.max(from, to), kind, label };
}

function shift(w: TimeWindow, by: number): TimeWindow {
  return { best: w.best + by, worst: w.worst + by };
}

/**
 * The lane of one container under the default scenario, from the timing model: the app answers
 * from its ready time, then hangs at `hangAt`. Windows are exact (best…worst over every tick
 * phase); the ticks drawn are one possible phase (first attempt exactly at D), for orientation.
 */
export function laneFromModel(c: ContainerReport, hangAt: number): TimelineLane {
  const rows: TimelineRow[] = [];
  const markers: TimelineMarker[] = [];
  const app = c.timeToReady.appReadySeconds;
  const s = c.probes.startup;
  // the moment liveness/readiness may start, for the phase drawn: the first startup attempt at or after app ready
  let gate = 0;
  if (s) {
    const t = s.timing;
    const a = c.startupAllowance;
    const bands: TimelineBand[] = [];
    if (a.guaranteedSeconds !== null && a.maximumSeconds !== null) {
      bands.push(clampBand(0, a.guaranteedSeconds, 'guaranteed', `${a.guaranteedSeconds} s guaranteed`));
      bands.push(clampBand(a.guaranteedSeconds, a.maximumSeconds, 'possible-kill'));
    }
    const k = Math.max(0, Math.ceil((app - t.initialDelaySeconds) / t.periodSeconds));
    gate = t.initialDelaySeconds + k * t.periodSeconds;
    const ticks = ticksFrom(t.initialDelaySeconds, t.periodSeconds, Math.min(gate, a.maximumSeconds ?? gate), Number.POSITIVE_INFINITY)
      .map((tick) => ({ t: tick.t, ok: tick.t >= app }));
    rows.push({ label: 'startup', ticks, bands });
  }
  const l = c.probes.liveness;
  if (l) {
    const t = l.timing;
    const bands: TimelineBand[] = [];
    if (!s && c.startupAllowance.guaranteedSeconds !== null && c.startupAllowance.maximumSeconds !== null) {
      bands.push(clampBand(0, c.startupAllowance.guaranteedSeconds, 'guaranteed', `${c.startupAllowance.guaranteedSeconds} s guaranteed`));
      bands.push(clampBand(c.startupAllowance.guaranteedSeconds, c.startupAllowance.maximumSeconds, 'possible-kill'));
    }
    const d = c.livenessDetection?.hung; // null: tcpSocket, blind to a hang
    if (d) bands.push(clampBand(hangAt + d.best, hangAt + d.worst, 'detection', 'restart decided'));
    const killBy = d ? hangAt + d.worst : hangAt + STILL_READY_AFTER_HANG_SECONDS;
    const first = Math.max(t.initialDelaySeconds, gate);
    // a tcpSocket liveness probe keeps passing against the hung process
    rows.push({ label: 'liveness', ticks: ticksFrom(first, t.periodSeconds, killBy, d ? hangAt : Number.POSITIVE_INFINITY, Math.max(t.periodSeconds, t.timeoutSeconds)), bands });
  }
  const r = c.probes.readiness;
  const ready = c.timeToReady;
  const readyBands: TimelineBand[] = [];
  if (ready.worst > ready.best) readyBands.push(clampBand(ready.best, ready.worst, 'ready-window'));
  const readinessHung = c.readinessDetection?.hung;
  const livenessHung = c.livenessDetection?.hung;
  const notReadyBy = readinessHung ? hangAt + readinessHung.worst : Number.POSITIVE_INFINITY;
  const killBy = livenessHung ? hangAt + livenessHung.worst : Number.POSITIVE_INFINITY;
  const readyUntil = Math.min(readinessHung ? hangAt + readinessHung.best : killBy, killBy);
  // nothing takes a hung container out of the endpoints without readiness or liveness: draw it Ready past the hang
  const readyEnd = Number.isFinite(readyUntil) ? readyUntil : hangAt + STILL_READY_AFTER_HANG_SECONDS;
  if (readyEnd > ready.worst) readyBands.push(clampBand(ready.worst, readyEnd, 'ready', Number.isFinite(readyUntil) ? 'Ready' : 'Ready (even while hung)'));
  if (r) {
    const t = r.timing;
    if (readinessHung) readyBands.push(clampBand(hangAt + readinessHung.best, hangAt + readinessHung.worst, 'detection', 'NotReady'));
    const first = Math.max(t.initialDelaySeconds, gate);
    const until = Math.min(notReadyBy, killBy);
    rows.push({ label: 'readiness', ticks: ticksFrom(first, t.periodSeconds, Number.isFinite(until) ? until : first, hangAt, Math.max(t.periodSeconds, t.timeoutSeconds)).map((tick) => ({ t: tick.t, ok: tick.ok && tick.t >= app })), bands: readyBands });
  } else {
    rows.push({ label: 'Ready', ticks: [], bands: readyBands });
  }
  markers.push({ t: ready.worst, kind: 'ready', label: ready.worst > ready.best ? `Ready by ${ready.worst} s` : `Ready at ${ready.worst} s` });
  markers.push({ t: hangAt, kind: 'hang', label: `hang at ${hangAt} s` });
  const f = c.hangToFreshContainer;
  if (f && livenessHung) {
    const kill = hangAt + livenessHung.worst;
    markers.push({ t: kill, kind: 'kill', label: `killed by ${kill} s` });
    const graceEnd = kill + worstKillSeconds(f.graceSeconds, f.preStop);
    const fresh = shift({ best: f.best, worst: f.worst }, hangAt);
    rows.push({ label: 'terminating', ticks: [], bands: [clampBand(kill, graceEnd, 'grace', 'grace')] });
    rows.push({ label: 'fresh container', ticks: [], bands: [clampBand(fresh.best, fresh.worst, 'restart', 'Ready again')] });
  }
  const title = c.role === 'container' ? `container ${c.name}` : c.role === 'sidecar' ? `native sidecar ${c.name}` : `init container ${c.name}`;
  return { title, rows, markers };
}

/** The right end of the axis: every band and marker fits, plus a margin. */
export function horizonOf(lanes: readonly TimelineLane[]): number {
  let end = 10;
  for (const lane of lanes) {
    for (const m of lane.markers) end = Math.max(end, m.t);
    for (const row of lane.rows) {
      for (const b of row.bands) end = Math.max(end, b.to);
      for (const tick of row.ticks) end = Math.max(end, tick.t);
    }
  }
  return Math.ceil((end * 1.05 + 1) / 10) * 10;
}

/**
 * The default-scenario timeline of a workload from the timing model: each container's app is ready
 * at its declared worst startup (else at once) and hangs at {@link defaultHangAt}.
 */
export function timelineFromModel(w: WorkloadReport, hangAt: number = defaultHangAt(w)): Timeline {
  const lanes = w.containers.map((c) => laneFromModel(c, hangAt));
  const apps = [...new Set(w.containers.map((c) => `${c.timeToReady.appReadySeconds} s (${c.timeToReady.appReadySource})`))];
  return {
    title: `${w.kind} ${w.namespace ? `${w.namespace}/` : ''}${w.name}`,
    subtitle: `timing model: app ready at ${apps.join(', ') || '0 s'}, hangs at ${hangAt} s; windows cover every tick phase, ticks drawn for the first attempt at D`,
    horizon: horizonOf(lanes),
    lanes,
  };
}
