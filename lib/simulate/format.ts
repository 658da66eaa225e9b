/**
 * Rendering a {@link SimulationResult} for people (text, Markdown) and machines (JSON).
 */
import { ProbeOutcome, ReplicaSummary, SimEvent, SimEventType, SimulationResult } from './types';
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
 * Folds runs of successful attempts of one probe of one replica into a row; a run ends at any
 * other event of that replica, so the log still reads in order.
 */
function foldEvents(events: readonly SimEvent[]): Row[] {
  const rows: Row[] = [];
  const open = new Map<string, Row>();
  for (const e of events) {
    if (e.type === SimEventType.PROBE && e.outcome === ProbeOutcome.SUCCESS) {
      const key = `${e.replica}/${e.probe}`;
      const row = open.get(key);
      if (row && row.first.container === e.container) {
        row.count++;
        row.last = e.time;
        continue;
      }
      const fresh: Row = { first: e, count: 1, last: e.time };
      open.set(key, fresh);
      rows.push(fresh);
      continue;
    }
    for (const key of [...open.keys()]) if (key.startsWith(`${e.replica}/`)) open.delete(key);
    rows.push({ first: e, count: 1, last: e.time });
  }
  return rows;
}

function seconds(t: number): string {
  return t.toFixed(3);
}

function rowText(row: Row): string {
  if (row.count === 1) return row.first.detail;
  return `${row.first.probe} success ×${row.count}, last at ${seconds(row.last)}`;
}

function summaryCells(r: ReplicaSummary | undefined, total: SimulationResult['summary']['total']): string[] {
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
  const s = result.summary;
  if (format === 'json') return `${JSON.stringify(result, null, 2)}\n`;
  const summaryRows = [...s.replicas.map((r) => summaryCells(r, s.total)), ...(s.replicas.length > 1 ? [summaryCells(undefined, s.total)] : [])];
  const eventRows = foldEvents(result.events).map(eventCells);
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
