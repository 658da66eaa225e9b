/**
 * Whole-process measurements for the benchmarks: each case runs as its own `node` process, its
 * CPU time (user + system, from the child's own `process.resourceUsage()` at exit, so start-up is
 * included) and peak RSS reported back through a file, and its wall time taken by the parent.
 * Cases alternate round by round so machine load hits them alike; figures are medians with min–max.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { median } from './util';

/** One run of one case. */
export interface Sample {
  /** Wall time, ms. */
  readonly wallMs: number;
  /** User + system CPU of the whole process, ms. */
  readonly cpuMs: number;
  /**
   * CPU of its main thread, ms, where the system tells it (Linux); the rest of cpuMs is V8's
   * background threads: the optimizing compiler and the concurrent garbage collector.
   */
  readonly mainCpuMs?: number;
  /** Peak resident set size, MB. */
  readonly rssMb: number;
}

/** A case: a name and the node arguments that run it. */
export interface Case {
  readonly name: string;
  readonly args: string[];
  /** Exit codes that count as success. @default [0] */
  readonly okCodes?: number[];
}

const USAGE_HOOK = path.join(__dirname, 'usage-hook.js');

/** Runs a node process once, with the usage hook preloaded. */
export function runOnce(c: Case, cwd: string): Sample {
  const out = path.join(os.tmpdir(), `bench-usage-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', USAGE_HOOK, ...c.args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', BENCH_USAGE_FILE: out } });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!(c.okCodes ?? [0]).includes(r.status ?? -1)) throw new Error(`${c.name} exited ${r.status}: ${r.stderr.toString().slice(0, 500)}`);
  const u = JSON.parse(fs.readFileSync(out, 'utf8')) as { cpuMs: number; mainCpuMs?: number; rssMb: number };
  fs.rmSync(out, { force: true });
  return { wallMs, cpuMs: u.cpuMs, mainCpuMs: u.mainCpuMs, rssMb: u.rssMb };
}

/** Runs every case `rounds` times, alternating (case order rotates each round). */
export function alternate(cases: readonly Case[], rounds: number, cwd: string): Map<string, Sample[]> {
  const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < cases.length; k++) {
      const c = cases[(k + r) % cases.length];
      samples.get(c.name)!.push(runOnce(c, cwd));
    }
  }
  return samples;
}

/** `median (min–max)` of one field. */
export function spread(xs: readonly number[], digits = 0): string {
  return `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
}

/** Per-round ratios of a field between two cases: median and min–max (`mainCpuMs` only where every run told it). */
export function ratio(a: readonly Sample[], b: readonly Sample[], field: 'cpuMs' | 'wallMs' | 'rssMb' | 'mainCpuMs'): { median: number; text: string } {
  const rs = a.map((s, i) => s[field]! / b[i][field]!);
  return { median: median(rs), text: `${median(rs).toFixed(2)}× (${Math.min(...rs).toFixed(2)}–${Math.max(...rs).toFixed(2)})` };
}

/** Whether every run told its main thread's CPU (and there is a run). */
function toldMainCpu(xs: readonly Sample[]): boolean {
  return xs.length > 0 && xs.every((x) => x.mainCpuMs !== undefined);
}

/**
 * Prints one table row per case: CPU, wall and peak RSS as median (min–max), and, where every run
 * told it, the main thread's CPU (the rest of the CPU column is V8's compiler and GC threads).
 */
export function printTable(samples: Map<string, Sample[]>, rounds: number): void {
  const main = toldMainCpu([...samples.values()].flat());
  console.log(`case                                  CPU ms (min–max)        wall ms (min–max)       peak RSS MB (min–max)   ${main ? 'main-thread CPU ms      ' : ''}[median of ${rounds} alternating runs]`);
  for (const [name, s] of samples) {
    const row = `${name.padEnd(38)}${spread(s.map((x) => x.cpuMs)).padEnd(24)}${spread(s.map((x) => x.wallMs)).padEnd(24)}${spread(s.map((x) => x.rssMb)).padEnd(24)}`;
    console.log(main ? `${row}${spread(s.map((x) => x.mainCpuMs!))}` : row.trimEnd());
  }
}

/**
 * Where a case's CPU went against a baseline's, when every run told its main thread's share:
 * `main thread X× (min–max); other threads A ms against B ms` (medians; the other threads are V8's
 * optimizing compiler and concurrent GC). Undefined where the system does not tell it.
 */
export function threadSplit(a: readonly Sample[], b: readonly Sample[]): string | undefined {
  if (!toldMainCpu([...a, ...b])) return undefined;
  const other = (xs: readonly Sample[]) => median(xs.map((x) => x.cpuMs - x.mainCpuMs!)).toFixed(0);
  return `main thread ${ratio(a, b, 'mainCpuMs').text}; other threads (V8 compiler, GC) ${other(a)} ms against ${other(b)} ms`;
}

/** Whether a median ratio and most single rounds meet a target. */
export function verdict(a: readonly Sample[], b: readonly Sample[], field: 'cpuMs' | 'wallMs', target: number): string {
  const rs = a.map((s, i) => s[field] / b[i][field]);
  const meeting = rs.filter((r) => r <= target).length;
  return median(rs) <= target && meeting > rs.length / 2 ? `met (${meeting}/${rs.length} rounds)` : `NOT met (${meeting}/${rs.length} rounds)`;
}
