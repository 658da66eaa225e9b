/**
 * verify's output: a human report (probes table, phases, one line per verdict) and JSON (the whole
 * {@link VerifyReport} with a format version, times in seconds rounded to milliseconds).
 */
import { alignColumns } from '../text/table';
import { VerdictStatus } from './types';
import { secs } from './verdicts';
import { VerifyReport } from './verifier';

/** The version of the JSON output's shape. */
export const VERIFY_JSON_FORMAT_VERSION = 1;

const LABEL: Record<string, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skipped: 'SKIP' };
const COLOR: Record<string, string> = { pass: '\x1b[32m', warn: '\x1b[33m', fail: '\x1b[31m', skipped: '\x1b[2m' };

function opt(n: number | undefined): string {
  return n === undefined ? '-' : secs(n);
}

/** Counts of verdicts by status. */
export function countVerdicts(r: VerifyReport): Record<VerdictStatus, number> {
  const c = { [VerdictStatus.PASS]: 0, [VerdictStatus.WARN]: 0, [VerdictStatus.FAIL]: 0, [VerdictStatus.SKIPPED]: 0 };
  for (const v of r.verdicts) c[v.status]++;
  return c;
}

function phases(r: VerifyReport): string[] {
  const out: string[] = [];
  const s = r.startup;
  out.push(`startup: app answered at ${opt(s.appStartedAt)}; startup probe succeeded at ${opt(s.startupSucceededAt)}; Ready at ${opt(s.readyAt)}${s.killedAt !== undefined ? `; ${s.guard} probe tripped at ${secs(s.killedAt)}` : ''}${s.exitedAt !== undefined ? `; process exited at ${secs(s.exitedAt)}` : ''}`);
  if (r.steady) out.push(`steady: watched ${secs(r.steady.seconds)}`);
  for (const d of r.dependencies) {
    out.push(`outage of ${d.name}: cut at ${secs(d.cutAt)}, NotReady at ${opt(d.notReadyAt)}, restored at ${secs(d.restoredAt)}, Ready at ${opt(d.readyAgainAt)}; liveness ${d.livenessFailures}/${d.livenessAttempts} failed`);
  }
  if (r.scenario) {
    const sc = r.scenario;
    out.push(`scenario ${sc.file} (${secs(sc.durationSeconds)}, times from the app's start): ended at ${secs(sc.endedAt)}: ${sc.endReason}`);
    for (const f of sc.faults) {
      const p = f.fault;
      const head = `  ${p.source} ${p.kind}${p.dependency ? ` ${p.dependency}` : ''} at ${secs(p.startSeconds)}${p.endSeconds !== undefined ? ` until ${secs(p.endSeconds)}` : ''}`;
      if (p.notReplayable) out.push(`${head}: ${p.notReplayable}`);
      else if (f.appliedAt === undefined) out.push(`${head}: not replayed: ${f.missed ?? ''}`);
      else {
        const seen = [
          `applied ${secs(f.appliedAt)}${f.endedAt !== undefined ? `, ended ${secs(f.endedAt)}` : ''}`,
          `liveness trip ${opt(f.livenessTrippedAt)}${f.predictedLiveness ? ` (predicted ${secs(f.appliedAt + f.predictedLiveness.best)}–${secs(f.appliedAt + f.predictedLiveness.worst)})` : ''}`,
          `NotReady ${opt(f.notReadyAt)}${f.predictedNotReady ? ` (predicted ${secs(f.appliedAt + f.predictedNotReady.best)}–${secs(f.appliedAt + f.predictedNotReady.worst)})` : ''}`,
        ];
        if (f.endedAt !== undefined) seen.push(`Ready again ${opt(f.readyAgainAt)}${f.predictedRecoveryWorst !== undefined ? ` (predicted by ${secs(f.endedAt + f.predictedRecoveryWorst)})` : ''}`);
        out.push(`${head}: ${p.action}`, `    ${seen.join('; ')}`);
        const sim = f.simulated;
        if (sim) out.push(`    simulator, same scenario and probes: liveness trip ${opt(sim.livenessTrippedAt)}; NotReady ${opt(sim.notReadyAt)}${f.endedAt !== undefined ? `; Ready again ${opt(sim.readyAgainAt)}` : ''}`);
      }
    }
  }
  for (const sd of [r.shutdown, r.shutdownPid1]) {
    if (!sd) continue;
    out.push(`shutdown${sd.pid1 ? ' as PID 1' : ''}${sd.reason !== 'delete' ? ` (${sd.reason} kill)` : ''}, times from its start: ${sd.preStop ? `preStop ${sd.preStop} until ${secs(sd.preStopSeconds)}, ` : ''}SIGTERM at ${opt(sd.sigtermAt)}, stopped serving at ${opt(sd.stoppedServingAt)}, ${sd.killed ? `SIGKILL at ${secs((sd.sigtermAt ?? 0) + sd.sigkillAfterSeconds)}` : `exited at ${opt(sd.exitedAt)}`} (grace ${secs(sd.graceSeconds)})`);
  }
  return out;
}

/** The human report. */
export function formatVerifyHuman(r: VerifyReport, options: { readonly color?: boolean } = {}): string {
  const paint = (status: string, text: string) => (options.color ? `${COLOR[status]}${text}\x1b[0m` : text);
  const lines: string[] = [];
  lines.push(`verify ${r.workload} container ${r.container}${r.file ? ` (${r.file})` : ''}`);
  lines.push(`  ${r.command ? `started: ${r.command}` : 'app already running'}; probes to ${r.host} as kube-probe/${r.kubernetesVersion}`);
  lines.push('', 'Probes (times from container start)');
  const rows = [['probe', 'handler', 'timing', 'attempts', 'ok', 'failed', 'timeouts', 'first ok', 'median', 'max']];
  for (const p of r.probes) {
    rows.push([p.probe, p.handler, p.timing, String(p.attempts), String(p.successes), String(p.failures), String(p.timeouts), opt(p.firstSuccessAt), opt(p.medianSuccessLatency), opt(p.maxSuccessLatency)]);
  }
  lines.push(...alignColumns(rows, { indent: '  ' }));
  for (const p of r.probes) if (p.failureMessages.length > 0) lines.push(`  ${p.probe} failures: ${p.failureMessages.join(' | ')}`);
  lines.push('', 'Phases');
  lines.push(...phases(r).map((l) => `  ${l}`));
  lines.push('', 'Verdicts');
  const w = Math.max(...r.verdicts.map((v) => v.check.length));
  for (const v of r.verdicts) lines.push(`  ${paint(v.status, LABEL[v.status])}  ${v.check.padEnd(w)}  ${v.detail}`);
  if (r.notes.length > 0) lines.push('', 'Notes', ...r.notes.map((n) => `  - ${n}`));
  const exited = r.startup.exitedAt !== undefined || r.steady?.exitedAt !== undefined || (r.scenario !== undefined && /process .*(exited|killed)/.test(r.scenario.endReason));
  if (exited && r.appOutput) lines.push('', 'The app\'s last output', ...r.appOutput.trimEnd().split('\n').slice(-15).map((l) => `  | ${l}`));
  const c = countVerdicts(r);
  lines.push('', `${c.fail} failed, ${c.warn} warned, ${c.pass} passed, ${c.skipped} skipped`);
  return lines.join('\n') + '\n';
}

function rounded(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? Number(value.toFixed(3)) : value;
}

/** The JSON report (two-space indent, trailing newline). */
export function formatVerifyJson(r: VerifyReport, exitCode: number): string {
  const c = countVerdicts(r);
  return JSON.stringify({ formatVersion: VERIFY_JSON_FORMAT_VERSION, exitCode, summary: c, ...r }, rounded, 2) + '\n';
}
