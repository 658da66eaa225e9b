/** Monotonic time in seconds, and waiting. */
import { performance } from 'perf_hooks';

/** Seconds on a monotonic clock. */
export function nowSeconds(): number {
  return performance.now() / 1000;
}

/** Resolves after `seconds`. */
export function sleep(seconds: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, seconds * 1000)));
}

/** Polls `done` every 50 ms until it holds or `seconds` pass; resolves whether it held. */
export async function waitUntil(done: () => boolean, seconds: number): Promise<boolean> {
  const end = nowSeconds() + seconds;
  while (!done()) {
    if (nowSeconds() >= end) return false;
    await sleep(0.05);
  }
  return true;
}
