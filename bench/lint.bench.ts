/**
 * Benchmark of `cdk8s-probes lint` (and explain's memory), whole processes, alternating rounds:
 *
 * 1. speed: 10,000 workload documents (100 files × 100, every kind, right and wrong probes, a
 *    Service every 10) — `lint` against a js-yaml parse and a `yaml` parse of the same files
 *    (bench/baseline.ts). Target (issue 11): lint CPU ≤ 2× the js-yaml parse.
 * 1b. the same over a clean corpus: 10,002 documents synthesized by 3,334 ProbedWorkloads, in which
 *    lint finds nothing (the share of findings in the cost of 1).
 * 2. memory: 50,000 workload documents (~65 MB) — peak RSS of lint and explain. Target: < 600 MB.
 * 3. cold start: `lint` on one small file against `node -e 0`. Target: ≤ 2×.
 *
 * Figures: whole-process CPU (user + system), wall and peak RSS, medians of alternating runs with
 * min–max; ratios per round against the baselines of the same round. Rounds: BENCH_ROUNDS (5),
 * BENCH_MEMORY_ROUNDS (3), BENCH_COLD_ROUNDS (15). Prints figures; exits non-zero only on a crash.
 * Run: npm run build && node bench/run.js lint
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generate, workloadYaml } from './corpus';
import { alternate, Case, printTable, ratio, Sample, spread, threadSplit, verdict } from './proc';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'cdk8s-probes.js');
const BASELINE = path.join(__dirname, 'baseline.js');
const RATIO_TARGET = 2;
const RSS_TARGET_MB = 600;
const COLD_TARGET = 2;

function speed(dir: string, rounds: number): void {
  const { bytes, documents } = generate(dir);
  console.log(`\n### speed: ${documents} documents (10,000 workloads + Services) in 100 files, ${(bytes / 1e6).toFixed(1)} MB`);
  const cases: Case[] = [
    { name: 'baseline: js-yaml parse (loadAll)', args: [BASELINE, 'js-yaml', dir] },
    { name: 'baseline: yaml parse (+ toJS)', args: [BASELINE, 'yaml', dir] },
    { name: 'lint (human output)', args: [BIN, 'lint', '--fail-on', 'none', dir] },
    { name: 'lint --format sarif', args: [BIN, 'lint', '--fail-on', 'none', '--format', 'sarif', dir] },
  ];
  const s = alternate(cases, rounds, dir);
  printTable(s, rounds);
  speedVerdict(s, cases, '');
}

/** Ratio lines and the verdict of lint against the js-yaml parse (the first case). */
function speedVerdict(s: Map<string, Sample[]>, cases: readonly Case[], what: string): void {
  const js = s.get(cases[0].name)!;
  const y = s.get(cases[1].name)!;
  for (const c of cases.slice(2)) {
    const l = s.get(c.name)!;
    console.log(`ratio     ${c.name.padEnd(28)} CPU ${ratio(l, js, 'cpuMs').text} js-yaml, ${ratio(l, y, 'cpuMs').text} yaml; wall ${ratio(l, js, 'wallMs').text} js-yaml`);
    const split = threadSplit(l, js);
    if (split) console.log(`          ${''.padEnd(28)} against js-yaml: ${split}`);
  }
  const lint = s.get(cases[2].name)!;
  console.log(`target    ${what}lint CPU ≤ ${RATIO_TARGET}× a js-yaml parse: ${verdict(lint, js, 'cpuMs', RATIO_TARGET)}; wall: ${verdict(lint, js, 'wallMs', RATIO_TARGET)}`);
}

/**
 * The same measure over what the constructs write and lint finds nothing in: 3,334 ProbedWorkloads
 * synthesized (Deployment + Service + PodDisruptionBudget each, 10,002 documents in one file), so
 * the share of the cost that is findings (positions, messages, output) shows apart from the rest.
 */
function speedClean(dir: string, rounds: number): void {
  const synth = spawnSync(process.execPath, [path.join(__dirname, 'synth.bench.js'), 'child', 'intent', '3334', dir], { encoding: 'utf8' });
  if (synth.status !== 0) throw new Error(`synthesizing the clean corpus failed: ${synth.stderr}`);
  const files = fs.readdirSync(dir);
  const bytes = files.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
  console.log(`\n### speed, clean corpus: 10,002 documents synthesized by 3,334 ProbedWorkloads (no findings) in ${files.length} file, ${(bytes / 1e6).toFixed(1)} MB`);
  const cases: Case[] = [
    { name: 'baseline: js-yaml parse (loadAll)', args: [BASELINE, 'js-yaml', dir] },
    { name: 'baseline: yaml parse (+ toJS)', args: [BASELINE, 'yaml', dir] },
    { name: 'lint (human output)', args: [BIN, 'lint', dir] },
  ];
  const s = alternate(cases, rounds, dir);
  printTable(s, rounds);
  speedVerdict(s, cases, '(clean corpus) ');
}

function memory(dir: string, rounds: number): void {
  const { bytes, documents } = generate(dir, 500, 100, 600);
  console.log(`\n### memory: ${documents} documents (50,000 workloads + Services) in 500 files, ${(bytes / 1e6).toFixed(1)} MB`);
  const cases: Case[] = [
    { name: 'baseline: js-yaml parse (loadAll)', args: [BASELINE, 'js-yaml', dir] },
    { name: 'lint', args: [BIN, 'lint', '--fail-on', 'none', dir] },
    { name: 'explain', args: [BIN, 'explain', dir], okCodes: [0, 2] },
  ];
  const s = alternate(cases, rounds, dir);
  printTable(s, rounds);
  for (const c of cases.slice(1)) {
    const rss = s.get(c.name)!.map((x) => x.rssMb);
    const meeting = rss.filter((r) => r < RSS_TARGET_MB).length;
    console.log(`target    ${c.name} peak RSS < ${RSS_TARGET_MB} MB: ${meeting === rss.length ? 'met' : meeting > rss.length / 2 ? 'met in most runs' : 'NOT met'} (${spread(rss)} MB)`);
  }
}

function coldStart(dir: string, rounds: number): void {
  const one = path.join(dir, 'one.yaml');
  fs.writeFileSync(one, workloadYaml(1));
  console.log('\n### cold start: lint on one small file');
  const cases: Case[] = [
    { name: 'baseline: node -e 0', args: ['-e', '0'] },
    { name: 'lint one.yaml', args: [BIN, 'lint', '--fail-on', 'none', one] },
  ];
  const s = alternate(cases, rounds, dir);
  printTable(s, rounds);
  const base = s.get(cases[0].name)!;
  const lint = s.get(cases[1].name)!;
  console.log(`ratio     lint one.yaml: wall ${ratio(lint, base, 'wallMs').text}, CPU ${ratio(lint, base, 'cpuMs').text} node -e 0`);
  console.log(`target    cold start ≤ ${COLD_TARGET}× node -e 0: wall ${verdict(lint, base, 'wallMs', COLD_TARGET)}; CPU ${verdict(lint, base, 'cpuMs', COLD_TARGET)}`);
}

function main(): void {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'cli', 'main.js'))) throw new Error('lib/cli/main.js is not built: run `npm run build`');
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  console.log(`lint benchmark on ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, ${new Date().toISOString()}`);
  const only = process.env.BENCH_ONLY;
  for (const [name, fn, r] of [
    ['speed', speed, rounds],
    ['clean', speedClean, rounds],
    ['memory', memory, Number(process.env.BENCH_MEMORY_ROUNDS ?? 3)],
    ['cold', coldStart, Number(process.env.BENCH_COLD_ROUNDS ?? 15)],
  ] as Array<[string, (dir: string, rounds: number) => void, number]>) {
    if (only && !only.split(',').includes(name)) continue;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lint-bench-${name}-`));
    try {
      fn(dir, r);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

main();
