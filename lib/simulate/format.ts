/**
 * Rendering a {@link SimulationResult} for people (text, Markdown) and machines (JSON).
 */
import { simulate, simulateStreaming } from './engine';
import { ProbeKind, ProbeOutcome, ReplicaSummary, Scenario, SimEvent, SimEventType, SimulatedContainer, SimulationResult, SimulationSummary } from './types';
import { alignColumns, markdownTable } from '../text/table';

/** The output formats of {@link formatSimulation}. */
export type SimulationFormat = 'text' | 'markdown' | 'json';

/** One line of the event log: an event, or a fold of consecutive successful attempts of one probe. */
interface Row {
  readonly first: SimEvent;
  count: number;
  last: number;
}

/**
 * Folds runs of successful attempts of one probe of one replica into a row, one event at a time;
 * a run ends at any other event of that replica, so the log still reads in order. Only the rows
 * are kept: a folded attempt costs nothing past its own call.
 */
class EventFolder {
  readonly rows: Row[] = [];
  /** The open run of each replica's probes: replica → probe → row. */
  private readonly open = new Map<number, Map<string | undefined, Row>>();

  /** Extends the open run of a replica's probe by a successful attempt, if there is one for this container. */
  extend(replica: number, time: number, container: number, probe: ProbeKind): boolean {
    const row = this.open.get(replica)?.get(probe);
    if (row === undefined || row.first.container !== container) return false;
    row.count++;
    row.last = time;
    return true;
  }

  add(e: SimEvent): void {
    if (e.type === SimEventType.PROBE && e.outcome === ProbeOutcome.SUCCESS) {
      let runs = this.open.get(e.replica);
      if (runs === undefined) {
        runs = new Map();
        this.open.set(e.replica, runs);
      }
      const row = runs.get(e.probe);
      if (row && row.first.container === e.container) {
        row.count++;
        row.last = e.time;
        return;
      }
      const fresh: Row = { first: e, count: 1, last: e.time };
      runs.set(e.probe, fresh);
      this.rows.push(fresh);
      return;
    }
    this.open.delete(e.replica);
    this.rows.push({ first: e, count: 1, last: e.time });
  }
}

function foldEvents(events: readonly SimEvent[]): Row[] {
  const folder = new EventFolder();
  for (const e of events) folder.add(e);
  return folder.rows;
}

function seconds(t: number): string {
  return t.toFixed(3);
}

function rowText(row: Row): string {
  if (row.count === 1) return row.first.detail;
  return `${row.first.probe} success ×${row.count}, last at ${seconds(row.last)}`;
}

function summaryCells(r: ReplicaSummary | undefined, total: SimulationSummary['total']): string[] {
  if (r) {
    return [String(r.replica), String(r.restarts), String(r.livenessKills), String(r.startupKills), String(r.exits),
      seconds(r.secondsReady), seconds(r.secondsNotReady), seconds(r.secondsTrafficWhileBroken),
      r.firstReadySeconds === undefined ? 'never' : seconds(r.firstReadySeconds), String(r.maxBackOffSeconds)];
  }
  return ['total', String(total.restarts), String(total.livenessKills), String(total.startupKills), String(total.exits),
    seconds(total.secondsReady), seconds(total.secondsNotReady), seconds(total.secondsTrafficWhileBroken),
    total.replicasNeverReady > 0 ? `${total.replicasNeverReady} never Ready` : '', ''];
}

const SUMMARY_HEADER = ['replica', 'restarts', 'liveness kills', 'startup kills', 'exits', 'Ready s', 'NotReady s',
  'traffic while broken s', 'first Ready s', 'max back-off s'];
const EVENT_HEADER = ['time s', 'replica', 'container', 'event', 'detail'];

function table(header: string[], rows: string[][], rightAligned: ReadonlySet<number>): string {
  return alignColumns([header, ...rows], { rightAligned }).join('\n');
}

function eventCells(row: Row): string[] {
  const e = row.first;
  return [seconds(e.time), String(e.replica), `#${e.container}`, e.type, rowText(row)];
}

/**
 * Renders a simulation. `text` and `markdown` give the summary (per replica and total) and the event
 * log with runs of successful attempts folded; `json` gives the whole result, every event included.
 */
export function formatSimulation(result: SimulationResult, format: 'text' | 'markdown' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(result, null, 2)}\n`;
  return renderFolded(result.summary, foldEvents(result.events), format);
}

/**
 * The most events `json` output holds for one container: every event is printed (about 200 bytes
 * of JSON each), so 7 days × 100 replicas at P = 5 and 10 s would be 18 million events and 4 GB;
 * it ran out of memory instead (issue 11). 500,000 events keep `explain` under 300 MB.
 */
export const MAX_JSON_EVENTS = 500_000;

/**
 * Simulates a scenario and renders it as {@link formatSimulation} renders `simulate()`'s result,
 * byte for byte. For `text` and `markdown` the events are folded as they happen, one replica at a
 * time, and only the printed rows are kept (memory follows the output, not the number of probe
 * attempts); `json` prints every event, so it keeps them all, up to {@link MAX_JSON_EVENTS}
 * (beyond, it throws `SimulationTooLargeError`).
 */
export function simulateFormatted(container: SimulatedContainer, scenario: Scenario, format: SimulationFormat): string {
  if (format === 'json') return formatSimulation(simulate(container, scenario, MAX_JSON_EVENTS), format);
  const folders: EventFolder[] = [];
  const summary = simulateStreaming(container, scenario, (replica) => {
    const folder = new EventFolder();
    folders.push(folder);
    return { event: (e) => folder.add(e), foldSuccess: (time, n, probe) => folder.extend(replica, time, n, probe) };
  });
  // the rows of one replica are in event order; merged as simulate() sorts its events (stable: by time, then replica)
  const rows = folders.length === 1 ? folders[0].rows : folders.flatMap((f) => f.rows).sort((a, b) => a.first.time - b.first.time || a.first.replica - b.first.replica);
  return renderFolded(summary, rows, format);
}

function renderFolded(s: SimulationSummary, rows: readonly Row[], format: 'text' | 'markdown'): string {
  const summaryRows = [...s.replicas.map((r) => summaryCells(r, s.total)), ...(s.replicas.length > 1 ? [summaryCells(undefined, s.total)] : [])];
  const eventRows = rows.map(eventCells);
  const title = `Simulation of ${s.replicas.length} replica${s.replicas.length === 1 ? '' : 's'} over ${s.durationSeconds} s (seed ${s.seed})`;
  if (format === 'markdown') {
    return [
      `**${title}**`, '',
      markdownTable(SUMMARY_HEADER, summaryRows), '',
      '<details><summary>Events (runs of successful probe attempts folded)</summary>', '',
      markdownTable(EVENT_HEADER, eventRows), '',
      '</details>', '',
    ].join('\n');
  }
  if (format !== 'text') throw new Error(`unknown simulation format "${String(format)}"; allowed: text, markdown, json`);
  return [
    title, '',
    table(SUMMARY_HEADER, summaryRows, new Set([1, 2, 3, 4, 5, 6, 7, 8, 9])), '',
    'Events (runs of successful probe attempts folded):',
    table(EVENT_HEADER, eventRows, new Set([0])), '',
  ].join('\n');
}
