/**
 * Preloaded (`node -r`) into every benchmarked process: at exit, writes the whole process's CPU
 * time (user + system, start-up included), the main thread's share of it, and peak RSS to
 * $BENCH_USAGE_FILE.
 */
import * as fs from 'fs';

/**
 * CPU time of the main (JavaScript) thread in ms, from Linux's per-thread scheduler statistics
 * (/proc/self/task/<pid>/schedstat: its first field is nanoseconds on a CPU); undefined where the
 * file cannot be read. The rest of the process's CPU is node's and V8's other threads: mostly the
 * optimizing compiler's background jobs and the concurrent garbage collector.
 */
function mainThreadCpuMs(): number | undefined {
  try {
    const ns = Number(fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
    return Number.isFinite(ns) ? ns / 1e6 : undefined;
  } catch {
    return undefined;
  }
}

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    fs.writeFileSync(file, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, mainCpuMs: mainThreadCpuMs(), rssMb: u.maxRSS / 1024 }));
  });
}
