/**
 * Helpers shared by the benchmarks (not a benchmark itself: bench/run.js runs *.bench.js only).
 */
import * as fs from 'fs';
import { parseAllDocuments } from 'yaml';
import { CliIo } from '../lib/cli/io';

/** Runs the garbage collector when node was started with --expose-gc (bench/run.js does). */
export function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) g();
}

/** Wall time of a synchronous call, in milliseconds, with its result. */
export function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

/** Wall time of an asynchronous call, in milliseconds, with its result. */
export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

/** The median (the mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** A CLI IO that discards output and counts its characters in `sink.bytes`. */
export function nullIo(cwd: string, sink: { bytes: number }): CliIo {
  return {
    stdout: (t) => {
      sink.bytes += t.length;
    },
    stderr: () => undefined,
    readStdin: () => '',
    isTty: false,
    env: {},
    cwd,
  };
}

/** The baseline of the lint and explain benchmarks: YAML parsing alone (parse + toJS) of the same files; returns the document count. */
export function parseOnly(files: readonly string[]): number {
  let docs = 0;
  for (const f of files) {
    for (const d of parseAllDocuments(fs.readFileSync(f, 'utf8'))) {
      d.toJS();
      docs++;
    }
  }
  return docs;
}
