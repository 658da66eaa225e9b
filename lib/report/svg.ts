/**
 * Draws a {@link Timeline} as a standalone SVG: plain strings, no dependencies, no timestamps or
 * random ids, so the same input always gives the same bytes.
 */
import { BandKind, Timeline, TimelineBand, TimelineMarker, TimelineRow } from './timeline';

const WIDTH = 1000;
const LEFT = 170;
const RIGHT = 30;
const ROW_HEIGHT = 28;
const LANE_HEADER = 36;
/** Lines available for marker labels above a lane's rows. */
const MARKER_LABEL_LINES = 3;
/** Approximate width of one character of a 10 px label. */
const LABEL_CHAR_WIDTH = 5.6;
const LANE_GAP = 14;
const TOP = 66;
const PLOT = WIDTH - LEFT - RIGHT;

/** Fill colour and legend text of each band kind. */
export const BAND_STYLES: Readonly<Record<BandKind, { readonly fill: string; readonly legend: string }>> = {
  'guaranteed': { fill: '#b2f2bb', legend: 'guaranteed startup allowance D + (F−1)·P' },
  'possible-kill': { fill: '#ffd8a8', legend: 'startup may be killed here (up to D + F·P)' },
  'ready-window': { fill: '#d0ebff', legend: 'first Ready happens in here' },
  'ready': { fill: '#74c0fc', legend: 'Ready (in the Service endpoints)' },
  'detection': { fill: '#ffc9c9', legend: 'detection window after the hang (best…worst)' },
  'grace': { fill: '#dee2e6', legend: 'terminating: grace period' },
  'restart': { fill: '#e5dbff', legend: 'fresh container Ready in here' },
};

const MARKER_STYLES: Readonly<Record<TimelineMarker['kind'], { readonly stroke: string; readonly dash: string; readonly legend: string }>> = {
  start: { stroke: '#495057', dash: '2 2', legend: 'container (re)start' },
  ready: { stroke: '#1971c2', dash: '6 3', legend: 'Ready line' },
  hang: { stroke: '#e67700', dash: '4 3', legend: 'the app hangs' },
  kill: { stroke: '#c92a2a', dash: '', legend: 'kill (liveness tripped)' },
};

const TICK_OK = '#2b8a3e';
const TICK_FAIL = '#c92a2a';

/** Escapes text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function n(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** A round step for axis labels: at most about 12 labels over the horizon. */
export function axisStep(horizon: number): number {
  const steps = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600];
  for (const s of steps) if (horizon / s <= 12) return s;
  return Math.ceil(horizon / 12 / 3600) * 3600;
}

function band(b: TimelineBand, x: (t: number) => number, y: number): string {
  const x0 = x(b.from);
  const w = Math.max(1, x(b.to) - x0);
  const parts = [`<rect class="band ${b.kind}" x="${n(x0)}" y="${n(y + 4)}" width="${n(w)}" height="${ROW_HEIGHT - 8}" fill="${BAND_STYLES[b.kind].fill}"><title>${escapeXml(`${b.label ?? BAND_STYLES[b.kind].legend}: ${n(b.from)}–${n(b.to)} s`)}</title></rect>`];
  if (b.label && w >= b.label.length * 6 + 8) {
    parts.push(`<text x="${n(x0 + 4)}" y="${n(y + ROW_HEIGHT / 2 + 4)}" font-size="10" fill="#212529">${escapeXml(b.label)}</text>`);
  }
  return parts.join('');
}

function row(r: TimelineRow, x: (t: number) => number, y: number): string[] {
  const out: string[] = [];
  out.push(`<text x="${LEFT - 10}" y="${n(y + ROW_HEIGHT / 2 + 4)}" font-size="12" text-anchor="end" fill="#343a40">${escapeXml(r.label)}</text>`);
  out.push(`<line x1="${LEFT}" y1="${n(y + ROW_HEIGHT / 2)}" x2="${WIDTH - RIGHT}" y2="${n(y + ROW_HEIGHT / 2)}" stroke="#e9ecef" stroke-width="1"/>`);
  for (const b of r.bands) out.push(band(b, x, y));
  for (const t of r.ticks) {
    const cx = x(t.t);
    const colour = t.ok ? TICK_OK : TICK_FAIL;
    out.push(`<line class="tick ${t.ok ? 'ok' : 'fail'}" x1="${n(cx)}" y1="${n(y + 6)}" x2="${n(cx)}" y2="${n(y + ROW_HEIGHT - 6)}" stroke="${colour}" stroke-width="2"><title>${escapeXml(`${r.label} attempt at ${n(t.t)} s: ${t.ok ? 'success' : 'failure'}`)}</title></line>`);
  }
  return out;
}

function legend(y: number): string[] {
  const out: string[] = [`<text x="${LEFT}" y="${n(y)}" font-size="12" font-weight="bold" fill="#212529">Legend</text>`];
  const items: Array<(x: number, yy: number) => string> = [];
  for (const kind of Object.keys(BAND_STYLES) as BandKind[]) {
    const s = BAND_STYLES[kind];
    items.push((x, yy) => `<rect x="${n(x)}" y="${n(yy - 9)}" width="18" height="10" fill="${s.fill}"/><text x="${n(x + 24)}" y="${n(yy)}" font-size="11" fill="#343a40">${escapeXml(s.legend)}</text>`);
  }
  items.push((x, yy) => `<line x1="${n(x + 9)}" y1="${n(yy - 10)}" x2="${n(x + 9)}" y2="${n(yy + 1)}" stroke="${TICK_OK}" stroke-width="2"/><text x="${n(x + 24)}" y="${n(yy)}" font-size="11" fill="#343a40">probe attempt succeeds</text>`);
  items.push((x, yy) => `<line x1="${n(x + 9)}" y1="${n(yy - 10)}" x2="${n(x + 9)}" y2="${n(yy + 1)}" stroke="${TICK_FAIL}" stroke-width="2"/><text x="${n(x + 24)}" y="${n(yy)}" font-size="11" fill="#343a40">probe attempt fails</text>`);
  for (const kind of ['ready', 'hang', 'kill', 'start'] as const) {
    const s = MARKER_STYLES[kind];
    items.push((x, yy) => `<line x1="${n(x + 9)}" y1="${n(yy - 10)}" x2="${n(x + 9)}" y2="${n(yy + 1)}" stroke="${s.stroke}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/><text x="${n(x + 24)}" y="${n(yy)}" font-size="11" fill="#343a40">${escapeXml(s.legend)}</text>`);
  }
  const columns = 2;
  const colWidth = (PLOT + LEFT - 40) / columns;
  items.forEach((item, i) => {
    const col = i % columns;
    const line = Math.floor(i / columns);
    out.push(item(40 + col * colWidth, y + 20 + line * 18));
  });
  return out;
}

/** The height of the legend block for {@link renderTimelineSvg}. */
function legendHeight(): number {
  const items = Object.keys(BAND_STYLES).length + 2 + 4;
  return 30 + Math.ceil(items / 2) * 18;
}

/** Renders a timeline as a complete SVG document (with XML declaration), deterministic byte for byte. */
export function renderTimelineSvg(tl: Timeline): string {
  const horizon = tl.horizon > 0 ? tl.horizon : 10;
  const x = (t: number) => LEFT + (Math.min(Math.max(t, 0), horizon) / horizon) * PLOT;
  const body: string[] = [];
  let y = TOP;
  for (const lane of tl.lanes) {
    const laneTop = y;
    body.push(`<text x="16" y="${n(y + 16)}" font-size="13" font-weight="bold" fill="#212529">${escapeXml(lane.title)}</text>`);
    y += LANE_HEADER;
    const rowsTop = y;
    for (const r of lane.rows) {
      body.push(...row(r, x, y));
      y += ROW_HEIGHT;
    }
    if (lane.rows.length === 0) {
      body.push(`<text x="${LEFT}" y="${n(y + ROW_HEIGHT / 2 + 4)}" font-size="11" fill="#868e96">no probes</text>`);
      y += ROW_HEIGHT;
    }
    // markers sorted by time so labels are laid out the same way every run; each label takes the
    // first of the label lines where it does not overlap the label before it
    const markers = [...lane.markers].sort((a, b) => a.t - b.t || a.kind.localeCompare(b.kind));
    const lineEnds: number[] = new Array<number>(MARKER_LABEL_LINES).fill(Number.NEGATIVE_INFINITY);
    for (const m of markers) {
      const s = MARKER_STYLES[m.kind];
      const mx = x(m.t);
      body.push(`<line class="marker ${m.kind}" x1="${n(mx)}" y1="${n(rowsTop)}" x2="${n(mx)}" y2="${n(y)}" stroke="${s.stroke}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}><title>${escapeXml(m.label)}</title></line>`);
      const width = m.label.length * LABEL_CHAR_WIDTH;
      const anchor = mx + 3 + width > WIDTH - 4 ? 'end' : 'start';
      const left = anchor === 'end' ? mx - 3 - width : mx + 3;
      let line = lineEnds.findIndex((end) => end + 6 <= left);
      if (line < 0) line = lineEnds.indexOf(Math.min(...lineEnds));
      lineEnds[line] = left + width;
      const labelY = laneTop + 10 + line * 11;
      body.push(`<text x="${n(anchor === 'end' ? mx - 3 : mx + 3)}" y="${n(labelY)}" font-size="10" text-anchor="${anchor}" fill="${s.stroke}">${escapeXml(m.label)}</text>`);
    }
    y += LANE_GAP;
  }
  // axis
  const axisY = y + 4;
  body.push(`<line x1="${LEFT}" y1="${n(axisY)}" x2="${WIDTH - RIGHT}" y2="${n(axisY)}" stroke="#343a40" stroke-width="1"/>`);
  const step = axisStep(horizon);
  for (let t = 0; t <= horizon + 1e-9; t += step) {
    const tx = x(t);
    body.push(`<line x1="${n(tx)}" y1="${n(axisY)}" x2="${n(tx)}" y2="${n(axisY + 5)}" stroke="#343a40" stroke-width="1"/>`);
    body.push(`<line x1="${n(tx)}" y1="${TOP}" x2="${n(tx)}" y2="${n(axisY)}" stroke="#f1f3f5" stroke-width="1"/>`);
    body.push(`<text x="${n(tx)}" y="${n(axisY + 18)}" font-size="11" text-anchor="middle" fill="#343a40">${n(t)} s</text>`);
  }
  body.push(`<text x="${n(LEFT + PLOT / 2)}" y="${n(axisY + 36)}" font-size="12" text-anchor="middle" fill="#343a40">seconds since the first container start</text>`);
  const legendY = axisY + 62;
  body.push(...legend(legendY));
  const height = Math.ceil(legendY + legendHeight());
  // grid lines are drawn first so bands and ticks sit on top: move them to the front of the body
  const grid = body.filter((s) => s.includes('stroke="#f1f3f5"'));
  const rest = body.filter((s) => !s.includes('stroke="#f1f3f5"'));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${escapeXml(`${tl.title}: probe timeline`)}</title>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="16" y="26" font-size="16" font-weight="bold" fill="#212529">${escapeXml(tl.title)}</text>`,
    `<text x="16" y="46" font-size="11" fill="#495057">${escapeXml(tl.subtitle)}</text>`,
    ...grid,
    ...rest,
    '</svg>',
    '',
  ].join('\n');
}

/** A file name for a workload's SVG: `kind-namespace-name.svg`, lower case, every run of characters other than [a-z0-9_] replaced by one `-`. */
export function svgFileName(kind: string, namespace: string | undefined, name: string): string {
  const base = [kind, namespace ?? 'default', name]
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${base.slice(0, 200) || 'workload'}.svg`;
}
