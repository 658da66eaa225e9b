/**
 * Renders explain reports as text (a table per container), Markdown or JSON. Pure string
 * building; deterministic (no clocks, no environment); numbers rounded to milliseconds.
 */
import { ProbeTiming, TimeWindow } from '../timing';
import { ContainerReport, DetectionReport, WorkloadReport } from './model';
import { FieldWarning, ResolvedProbe } from './probes';
import { describeReadyGate, describeStatefulRollout } from './pod';
import { nestedJson } from '../text/json-stream';
import { alignColumns, markdownCell } from '../text/table';

/** The output formats of `explain`. */
export enum ReportFormat {
  /** Aligned plain-text tables (default). */
  TEXT = 'text',
  /** GitHub-flavoured Markdown tables. */
  MARKDOWN = 'markdown',
  /** Stable JSON, see docs/explain.md. */
  JSON = 'json',
}

/** A document that was read but is not a workload (Service, ConfigMap, …). */
export interface SkippedDocument {
  /** The file. */
  readonly file: string;
  /** 1-based YAML document number in the file. */
  readonly document: number;
  /** Its kind, when it has one. */
  readonly kind?: string;
  /** Its metadata.name, when it has one. */
  readonly name?: string;
  /** Why it was skipped. */
  readonly reason: string;
}

/** A file or document that could not be read. */
export interface ReportInputError {
  /** The file (or `<stdin>`). */
  readonly file: string;
  /** 1-based YAML document number, when the error is inside one document. */
  readonly document?: number;
  /** 1-based line, when known. */
  readonly line?: number;
  /** What is wrong. */
  readonly message: string;
}

/** Everything one `explain` run reports. */
export interface ExplainResult {
  /** One report per workload, in file then document order. */
  readonly workloads: WorkloadReport[];
  /** Documents that are not workloads. */
  readonly skipped: SkippedDocument[];
  /** Files and documents that could not be read. */
  readonly errors: ReportInputError[];
}

/** The `schemaVersion` of the JSON output; bumped only on an incompatible change. */
export const EXPLAIN_JSON_SCHEMA_VERSION = 2;

/** Rounds to milliseconds so float noise (0.1 + 0.2) never reaches the output. */
export function roundSeconds(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** A number of seconds for people: `290`, `0.5`, `0.333`. */
export function formatNumber(n: number): string {
  return String(roundSeconds(n));
}

/** A window for people: `21–31 s`, or `10 s` when best = worst. */
export function formatWindow(w: TimeWindow): string {
  const b = formatNumber(w.best);
  const wo = formatNumber(w.worst);
  return b === wo ? `${b} s` : `${b}–${wo} s`;
}

/** The timing fields in one line: `D=0 P=10 T=1 S=1 F=30`. */
export function formatTiming(t: ProbeTiming): string {
  return `D=${formatNumber(t.initialDelaySeconds)} P=${formatNumber(t.periodSeconds)} T=${formatNumber(t.timeoutSeconds)} S=${formatNumber(t.successThreshold)} F=${formatNumber(t.failureThreshold)}`;
}

/** The title of a workload: `Deployment shop/orders`. */
export function workloadTitle(w: Pick<WorkloadReport, 'kind' | 'name' | 'namespace'>): string {
  return `${w.kind} ${w.namespace ? `${w.namespace}/` : ''}${w.name}`;
}

/** One row of a container's timing table. */
export interface ReportRow {
  /** What is measured. */
  readonly what: string;
  /** The value, with its unit. */
  readonly value: string;
  /** How it was computed, or what it rests on. */
  readonly how: string;
}

function hungRow(prefix: string, outcome: string, d: DetectionReport): ReportRow {
  const what = `${prefix}: hung process → ${outcome}`;
  if (d.hung === null) {
    return { what, value: 'never', how: 'tcpSocket: the kernel completes the handshake from the listen backlog while the app is stuck' };
  }
  if (d.hangCheck === 'heartbeat') {
    return { what, value: `${formatWindow(d.hung)} after the last heartbeat`, how: `heartbeat older than ${formatNumber(d.heartbeatMaxAgeSeconds ?? 0)} s fails at once: max age + (F−1)·P; worst + P` };
  }
  return { what, value: formatWindow(d.hung), how: '(F−1)·max(P,T) + T; worst + P' };
}

function detectionRows(prefix: string, outcome: string, d: DetectionReport | null, missing: string): ReportRow[] {
  if (!d) return [{ what: `${prefix}: hung or dead process → ${outcome}`, value: 'never', how: missing }];
  return [
    hungRow(prefix, outcome, d),
    { what: `${prefix}: dead process → ${outcome}`, value: formatWindow(d.dead), how: 'connection refused: T → 0' },
  ];
}

/** The timing table of one container, row by row (shared by the text and Markdown formats). */
export function containerRows(c: ContainerReport, replicas: number): ReportRow[] {
  const rows: ReportRow[] = [];
  const a = c.startupAllowance;
  if (a.guardedBy === 'none' || a.guaranteedSeconds === null || a.maximumSeconds === null) {
    rows.push({ what: 'startup allowance', value: 'unlimited', how: 'no startup or liveness probe: never killed while starting' });
  } else {
    rows.push({
      what: `startup allowance (${a.guardedBy} probe)`,
      value: `${formatNumber(a.guaranteedSeconds)} s guaranteed, < ${formatNumber(a.maximumSeconds)} s at most`,
      how: 'D + (F−1)·P; D + F·P',
    });
    if (a.listeningGuaranteedSeconds !== null) {
      rows.push({
        what: '… port open before the app answers',
        value: `${formatNumber(a.listeningGuaranteedSeconds)} s guaranteed`,
        how: 'attempts time out, one sent within T of the first answer passes: D + (F−1)·max(P,T) + T',
      });
    }
  }
  rows.push(...detectionRows('liveness', 'restart', c.livenessDetection, 'no liveness probe: never restarted on a hang'));
  rows.push(...detectionRows('readiness', 'NotReady', c.readinessDetection, 'no readiness probe: stays in the endpoints'));
  const r = c.timeToReady;
  rows.push({
    what: 'time to first Ready',
    value: formatWindow(r),
    how: c.probes.readiness || c.probes.startup
      ? `app ready at ${formatNumber(r.appReadySeconds)} s (${r.appReadySource === 'declared' ? 'declared worst startup' : 'assumed: no worst-startup annotation'}); + endpoint propagation`
      : 'no readiness or startup probe: Ready as soon as it runs',
  });
  if (c.dependencyOutage) {
    const o = c.dependencyOutage;
    rows.push({ what: 'dependency outage → NotReady', value: `${formatWindow(o.lossFailingFast)} (fails fast), ${formatWindow(o.lossHanging)} (hangs)`, how: 'readiness F·P window; hanging handler waits T per attempt' });
    rows.push({ what: 'dependency back → Ready', value: formatWindow(o.recovery), how: '(S−1)·P; S·P' });
  } else {
    rows.push({ what: 'dependency outage → NotReady', value: 'never', how: 'no readiness probe: traffic keeps arriving' });
  }
  if (c.hangToFreshContainer) {
    const f = c.hangToFreshContainer;
    rows.push({
      what: 'hang → fresh container Ready',
      value: formatWindow(f),
      how: `detection + kill (grace ${formatNumber(f.graceSeconds)} s, at least 2 s${f.preStop ? ', +2 s after preStop' : ''}) + ~1 s restart + time to Ready; no back-off for the first two restarts after liveness kills, later ones up to ${formatNumber(f.maxBackoffSeconds)} s + 10–15 s`,
    });
  } else if (c.livenessDetection) {
    rows.push({ what: 'hang → fresh container Ready', value: 'never', how: 'tcpSocket liveness cannot see a hang: a hung process stays hung' });
  } else {
    rows.push({ what: 'hang → fresh container Ready', value: 'never', how: 'no liveness probe: a hung process stays hung' });
  }
  rows.push({
    what: 'probe load',
    value: `${formatNumber(c.probeLoad.perContainer)} req/s per container, ${formatNumber(c.probeLoad.perWorkload)} req/s per workload`,
    how: `Σ 1/P over liveness and readiness; × ${formatNumber(replicas)} replica${replicas === 1 ? '' : 's'}`,
  });
  return rows;
}

function probeLines(c: ContainerReport): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  const entries: Array<[string, ResolvedProbe | undefined]> = [['startup', c.probes.startup], ['liveness', c.probes.liveness], ['readiness', c.probes.readiness]];
  for (const [name, p] of entries) {
    if (!p) continue;
    const grace = p.terminationGracePeriodSeconds !== undefined ? ` grace=${formatNumber(p.terminationGracePeriodSeconds)}` : '';
    out.push([name, p.handler.description, formatTiming(p.timing) + grace]);
  }
  return out;
}

function warningLine(w: FieldWarning): string {
  return `${w.field} = ${w.given}: ${w.message}`;
}

function containerLabel(c: ContainerReport): string {
  return c.role === 'container' ? `container ${c.name}` : c.role === 'sidecar' ? `native sidecar ${c.name}` : `init container ${c.name}`;
}

function location(w: WorkloadReport): string {
  return `${w.file}, document ${w.documentIndex + 1}`;
}

function summaryLine(result: ExplainResult): string {
  const containers = result.workloads.reduce((n, w) => n + w.containers.length, 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(result.workloads.length, 'workload')}, ${plural(containers, 'container')}; ${plural(result.skipped.length, 'document')} skipped (not workloads); ${plural(result.errors.length, 'input error')}`;
}

/** The text format: per workload, the probes as resolved and a timing table per container. */
export function formatText(result: ExplainResult): string {
  return [...textChunks(result)].join('');
}

/** The lines of one workload in the text format. */
function textLines(w: WorkloadReport): string[] {
  const lines: string[] = [];
  lines.push(`${workloadTitle(w)}  (${location(w)}; ${formatNumber(w.replicas)} replica${w.replicas === 1 ? '' : 's'}; grace ${formatNumber(w.podGraceSeconds)} s${w.intents.length ? `; intents ${w.intents.join(', ')}` : ''})`);
  for (const warning of w.warnings) lines.push(`  warning: ${warningLine(warning)}`);
  if (w.containers.length === 0) lines.push('  no containers');
  for (const c of w.containers) {
    lines.push(`  ${containerLabel(c)}`);
    const probes = probeLines(c);
    if (probes.length === 0) lines.push('    no probes');
    else lines.push(...alignColumns(probes, { indent: '    ' }));
    lines.push('');
    const rows = containerRows(c, w.replicas);
    lines.push(...alignColumns([['what', 'seconds', 'how'], ...rows.map((r) => [r.what, r.value, r.how])], { indent: '    ' }));
    for (const note of c.notes) lines.push(`    note: ${note}`);
    for (const warning of c.warnings) lines.push(`    warning: ${warningLine(warning)}`);
  }
  for (const line of podLines(w)) lines.push(`  ${line}`);
  lines.push(`  workload probe load: ${formatNumber(w.probeLoadPerWorkload)} req/s`);
  lines.push('');
  return lines;
}

/** What the pod as a whole does: which containers gate Ready, a StatefulSet's rollout (none for most workloads). */
function podLines(w: WorkloadReport): string[] {
  const out: string[] = [];
  if (w.readyGate) out.push(describeReadyGate(w.readyGate));
  if (w.statefulRollout) out.push(describeStatefulRollout(w.statefulRollout, w.replicas));
  return out;
}

/** {@link formatText} one workload at a time: chunks whose concatenation is exactly formatText's. */
function* textChunks(result: ExplainResult): Generator<string> {
  for (const w of result.workloads) yield `${textLines(w).join('\n')}\n`;
  yield `${summaryLine(result)}\n`;
}

/** The Markdown format: a heading per workload, a table of probes and a timing table per container. */
export function formatMarkdown(result: ExplainResult): string {
  return [...markdownChunks(result)].join('');
}

/** The lines of one workload in the Markdown format. */
function markdownLines(w: WorkloadReport): string[] {
  const lines: string[] = [];
  lines.push(`### ${markdownCell(workloadTitle(w))}`, '');
  lines.push(`\`${markdownCell(location(w))}\` · ${formatNumber(w.replicas)} replica${w.replicas === 1 ? '' : 's'} · grace ${formatNumber(w.podGraceSeconds)} s${w.intents.length ? ` · intents ${w.intents.join(', ')}` : ''}`, '');
  for (const warning of w.warnings) lines.push(`- ⚠ ${markdownCell(warningLine(warning))}`);
  if (w.warnings.length) lines.push('');
  for (const c of w.containers) {
    lines.push(`#### ${markdownCell(containerLabel(c))}`, '');
    const probes = probeLines(c);
    if (probes.length === 0) {
      lines.push('No probes.', '');
    } else {
      lines.push('| probe | handler | timing |', '|---|---|---|');
      for (const [name, handler, timing] of probes) lines.push(`| ${name} | \`${markdownCell(handler)}\` | ${timing} |`);
      lines.push('');
    }
    lines.push('| what | seconds | how |', '|---|---|---|');
    for (const r of containerRows(c, w.replicas)) lines.push(`| ${markdownCell(r.what)} | ${markdownCell(r.value)} | ${markdownCell(r.how)} |`);
    lines.push('');
    for (const note of c.notes) lines.push(`- ${markdownCell(note)}`);
    for (const warning of c.warnings) lines.push(`- ⚠ ${markdownCell(warningLine(warning))}`);
    if (c.notes.length || c.warnings.length) lines.push('');
  }
  const pod = podLines(w);
  for (const line of pod) lines.push(`- ${markdownCell(line)}`);
  if (pod.length) lines.push('');
  lines.push(`Workload probe load: ${formatNumber(w.probeLoadPerWorkload)} req/s.`, '');
  return lines;
}

/** {@link formatMarkdown} one workload at a time: chunks whose concatenation is exactly formatMarkdown's. */
function* markdownChunks(result: ExplainResult): Generator<string> {
  for (const w of result.workloads) yield `${markdownLines(w).join('\n')}\n`;
  yield `_${summaryLine(result)}_\n`;
}

function win(w: TimeWindow): { best: number; worst: number } {
  return { best: roundSeconds(w.best), worst: roundSeconds(w.worst) };
}

function det(d: DetectionReport | null): Record<string, unknown> | null {
  return d
    ? { hung: d.hung === null ? null : win(d.hung), hangCheck: d.hangCheck, heartbeatMaxAgeSeconds: d.heartbeatMaxAgeSeconds, dead: win(d.dead) }
    : null;
}

function probeJson(p: ResolvedProbe | undefined): unknown {
  if (!p) return null;
  const t = p.timing;
  return {
    handler: { type: p.handler.type, description: p.handler.description },
    timing: {
      initialDelaySeconds: t.initialDelaySeconds,
      periodSeconds: t.periodSeconds,
      timeoutSeconds: t.timeoutSeconds,
      successThreshold: t.successThreshold,
      failureThreshold: t.failureThreshold,
    },
    terminationGracePeriodSeconds: p.terminationGracePeriodSeconds ?? null,
  };
}

function warningsJson(ws: FieldWarning[]): unknown[] {
  return ws.map((w) => ({ field: w.field, given: w.given, message: w.message }));
}

function containerJson(c: ContainerReport): unknown {
  const a = c.startupAllowance;
  const o = c.dependencyOutage;
  const f = c.hangToFreshContainer;
  return {
    name: c.name,
    role: c.role,
    probes: { startup: probeJson(c.probes.startup), liveness: probeJson(c.probes.liveness), readiness: probeJson(c.probes.readiness) },
    startupAllowance: {
      guardedBy: a.guardedBy,
      guaranteedSeconds: a.guaranteedSeconds === null ? null : roundSeconds(a.guaranteedSeconds),
      maximumSeconds: a.maximumSeconds === null ? null : roundSeconds(a.maximumSeconds),
      listeningGuaranteedSeconds: a.listeningGuaranteedSeconds === null ? null : roundSeconds(a.listeningGuaranteedSeconds),
    },
    livenessDetection: det(c.livenessDetection),
    readinessDetection: det(c.readinessDetection),
    timeToReady: { ...win(c.timeToReady), appReadySeconds: roundSeconds(c.timeToReady.appReadySeconds), appReadySource: c.timeToReady.appReadySource },
    dependencyOutage: o ? { lossFailingFast: win(o.lossFailingFast), lossHanging: win(o.lossHanging), recovery: win(o.recovery) } : null,
    hangToFreshContainer: f
      ? { ...win(f), graceSeconds: f.graceSeconds, preStop: f.preStop, backoffSeconds: f.backoffSeconds, maxBackoffSeconds: f.maxBackoffSeconds }
      : null,
    probeLoad: { perContainer: roundSeconds(c.probeLoad.perContainer), perWorkload: roundSeconds(c.probeLoad.perWorkload) },
    notes: [...c.notes],
    warnings: warningsJson(c.warnings),
  };
}

/** The JSON document `--format json` prints, as a plain object (schema in docs/explain.md). */
export function toJsonReport(result: ExplainResult): Record<string, unknown> {
  return {
    schemaVersion: EXPLAIN_JSON_SCHEMA_VERSION,
    units: 'seconds',
    workloads: result.workloads.map(workloadJson),
    skipped: skippedJson(result),
    errors: errorsJson(result),
  };
}

function workloadJson(w: WorkloadReport): unknown {
  return {
    kind: w.kind,
    name: w.name,
    namespace: w.namespace ?? null,
    file: w.file,
    document: w.documentIndex + 1,
    replicas: w.replicas,
    podGraceSeconds: w.podGraceSeconds,
    intents: [...w.intents],
    probeLoadPerWorkload: roundSeconds(w.probeLoadPerWorkload),
    warnings: warningsJson(w.warnings),
    containers: w.containers.map(containerJson),
    ...(w.readyGate ? { readyGate: { ...w.readyGate, worstSeconds: roundSeconds(w.readyGate.worstSeconds) } } : {}),
    ...(w.statefulRollout ? { statefulRollout: { ...w.statefulRollout } } : {}),
  };
}

function skippedJson(result: ExplainResult): unknown[] {
  return result.skipped.map((s) => ({ file: s.file, document: s.document, kind: s.kind ?? null, name: s.name ?? null, reason: s.reason }));
}

function errorsJson(result: ExplainResult): unknown[] {
  return result.errors.map((e) => ({ file: e.file, document: e.document ?? null, line: e.line ?? null, message: e.message }));
}

/**
 * {@link formatJson} one workload at a time: chunks whose concatenation is exactly formatJson's
 * (each nested value written by {@link nestedJson}).
 */
function* jsonChunks(result: ExplainResult): Generator<string> {
  yield `{\n  "schemaVersion": ${nestedJson(EXPLAIN_JSON_SCHEMA_VERSION, '  ')},\n  "units": "seconds",\n  "workloads": [`;
  for (let i = 0; i < result.workloads.length; i++) yield `${i === 0 ? '' : ','}\n    ${nestedJson(workloadJson(result.workloads[i]), '    ')}`;
  yield result.workloads.length === 0 ? ']' : '\n  ]';
  yield `,\n  "skipped": ${nestedJson(skippedJson(result), '  ')},\n  "errors": ${nestedJson(errorsJson(result), '  ')}\n}\n`;
}

/** The JSON format, pretty-printed with a trailing newline. */
export function formatJson(result: ExplainResult): string {
  return `${JSON.stringify(toJsonReport(result), null, 2)}\n`;
}

/**
 * A result in the given format, one workload at a time: the chunks concatenate to exactly
 * {@link formatReport}'s output, so the whole report never has to exist as one string, and a
 * writer can pause between chunks (for a slow reader of standard output).
 */
export function reportChunks(result: ExplainResult, format: ReportFormat): Generator<string> {
  if (format === ReportFormat.MARKDOWN) return markdownChunks(result);
  if (format === ReportFormat.JSON) return jsonChunks(result);
  return textChunks(result);
}

/** {@link reportChunks} into `write`, one chunk at a time. */
export function writeReport(result: ExplainResult, format: ReportFormat, write: (chunk: string) => void): void {
  for (const chunk of reportChunks(result, format)) write(chunk);
}

/** Renders a result in the given format. */
export function formatReport(result: ExplainResult, format: ReportFormat): string {
  switch (format) {
    case ReportFormat.MARKDOWN:
      return formatMarkdown(result);
    case ReportFormat.JSON:
      return formatJson(result);
    case ReportFormat.TEXT:
    default:
      return formatText(result);
  }
}
