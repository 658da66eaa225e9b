/**
 * Preloaded (`node -r`) into every benchmarked process: at exit, writes the whole process's CPU
 * time (user + system, start-up included) and peak RSS to $BENCH_USAGE_FILE.
 */
import * as fs from 'fs';

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    fs.writeFileSync(file, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, rssMb: u.maxRSS / 1024 }));
  });
}
