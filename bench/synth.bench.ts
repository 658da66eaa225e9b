/**
 * Synth benchmark: N intent workloads (ProbedWorkload: HTTP service + slow start + critical
 * dependency, Deployment + Service) against N hand-written cdk8s-plus-27 Deployments + Services
 * with equivalent probes, in the same run. Each case runs in its own process so peak RSS is its own.
 * Prints wall time, peak RSS and the ratio. Target at N = 1,000: ratio ≤ 1.2 and under 2 s.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Intent, ProbedWorkload } from '../lib';
import { median } from './util';

type Variant = 'intent' | 'intent-nolint' | 'plain';

function buildIntent(chart: Chart, i: number, lintAtSynth = true): void {
  new ProbedWorkload(chart, `svc-${i}`, {
    lintAtSynth,
    image: `registry.example.com/svc-${i}:1.0.0`,
    intents: [
      Intent.httpService({ port: 8080 }),
      Intent.slowStart({ worstStartupSeconds: 120 }),
      Intent.criticalDependencies({ critical: ['postgres'] }),
    ],
  });
}

function buildPlain(chart: Chart, i: number): void {
  // what a careful team writes by hand with cdk8s-plus-27 for the same probes
  const deployment = new kplus.Deployment(chart, `svc-${i}`, {
    terminationGracePeriod: Duration.seconds(30),
    podMetadata: { annotations: { 'probes.cdk8s.io/intents': 'http-service,slow-start,critical-dependency' } },
  });
  deployment.addContainer({
    name: 'app',
    image: `registry.example.com/svc-${i}:1.0.0`,
    ports: [{ number: 8080, name: 'http' }],
    startup: kplus.Probe.fromHttpGet('/livez', { port: 8080, periodSeconds: Duration.seconds(5), timeoutSeconds: Duration.seconds(3), failureThreshold: 25 }),
    liveness: kplus.Probe.fromHttpGet('/livez', { port: 8080, periodSeconds: Duration.seconds(10), timeoutSeconds: Duration.seconds(3), failureThreshold: 3 }),
    readiness: kplus.Probe.fromHttpGet('/readyz', { port: 8080, periodSeconds: Duration.seconds(5), timeoutSeconds: Duration.seconds(3), failureThreshold: 3 }),
    lifecycle: { preStop: kplus.Handler.fromCommand(['sleep', '15']) },
  });
  new kplus.Service(chart, `svc-${i}-service`, { selector: deployment, ports: [{ name: 'http', port: 8080, targetPort: 8080 }] });
}

function child(variant: Variant, n: number): void {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-probes-bench-'));
  const start = process.hrtime.bigint();
  const app = new App({ outdir });
  const chart = new Chart(app, 'bench');
  for (let i = 0; i < n; i++) {
    if (variant === 'plain') buildPlain(chart, i);
    else buildIntent(chart, i, variant === 'intent');
  }
  app.synth();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const bytes = fs.readdirSync(outdir).reduce((sum, f) => sum + fs.statSync(path.join(outdir, f)).size, 0);
  fs.rmSync(outdir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, bytes }));
}

function run(variant: Variant, n: number): { ms: number; rssMb: number; bytes: number } {
  const r = spawnSync(process.execPath, [__filename, 'child', variant, String(n)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${variant} N=${n} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}


function main(): void {
  const sizes = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
  const repeats = Number(process.env.BENCH_REPEATS ?? 3);
  console.log(`synth: ProbedWorkload vs hand-written cdk8s-plus-27 (median of ${repeats} runs, each in a fresh process)`);
  console.log('N       plain ms   intent ms  ratio   no-lint ms  ratio   plain RSS MB  intent RSS MB  RSS ratio');
  for (const n of sizes) {
    const runs: Record<Variant, Array<{ ms: number; rssMb: number }>> = { 'plain': [], 'intent': [], 'intent-nolint': [] };
    for (let k = 0; k < repeats; k++) {
      // interleave so machine noise hits every variant alike
      for (const v of ['plain', 'intent', 'intent-nolint'] as Variant[]) runs[v].push(run(v, n));
    }
    const ms = (v: Variant) => median(runs[v].map((x) => x.ms));
    const rss = (v: Variant) => median(runs[v].map((x) => x.rssMb));
    const pm = ms('plain');
    console.log(`${String(n).padEnd(8)}${pm.toFixed(0).padStart(8)}${ms('intent').toFixed(0).padStart(12)}${(ms('intent') / pm).toFixed(2).padStart(7)}`
      + `${ms('intent-nolint').toFixed(0).padStart(12)}${(ms('intent-nolint') / pm).toFixed(2).padStart(8)}`
      + `${rss('plain').toFixed(0).padStart(15)}${rss('intent').toFixed(0).padStart(15)}${(rss('intent') / rss('plain')).toFixed(2).padStart(11)}`);
  }
  console.log('intent = ProbedWorkload with its default synth-time lint; no-lint = lintAtSynth: false.');
}

if (process.argv[2] === 'child') child(process.argv[3] as Variant, Number(process.argv[4]));
else main();
