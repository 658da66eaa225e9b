/**
 * Synth benchmark: N intent workloads (ProbedWorkload: HTTP service + slow start + critical
 * dependency: Deployment + Service + PodDisruptionBudget) against N hand-written cdk8s-plus-27
 * Deployments + Services + PodDisruptionBudgets with the same probes, labels and annotations (the
 * same YAML but for the probe port, a name plus-27 cannot write), in the same run. Each case runs
 * in its own process so peak RSS is its own.
 * Prints whole-process CPU (user + system, start-up and module loading included), wall time and
 * peak RSS as medians of alternating runs with min–max, and per-round ratios against plain.
 * Target at N = 1,000: CPU ratio ≤ 1.2.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Intent, ProbedWorkload } from '../lib';
import { spread } from './proc';
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
  // What a careful team writes by hand with cdk8s-plus-27 for the same objects: the Deployment with
  // the same probes, labels and annotations, its Service and its PodDisruptionBudget. plus-27 cannot
  // write a named probe port, so its probes name the number (and it adds scheme: HTTP).
  const name = `bench-svc-${i}`;
  const labels = { 'app.kubernetes.io/name': name };
  const deployment = new kplus.Deployment(chart, `svc-${i}`, {
    metadata: { name, labels },
    terminationGracePeriod: Duration.seconds(30),
    podMetadata: {
      labels,
      annotations: {
        'probes.cdk8s.io/container': 'app',
        'probes.cdk8s.io/critical-dependencies': 'postgres',
        'probes.cdk8s.io/intents': 'http-service,slow-start,critical-dependency',
        'probes.cdk8s.io/worst-startup-seconds': '120',
      },
    },
  });
  const probe = (path: string, periodSeconds: number, failureThreshold: number) => kplus.Probe.fromHttpGet(path, {
    port: 8080, periodSeconds: Duration.seconds(periodSeconds), timeoutSeconds: Duration.seconds(3), failureThreshold, successThreshold: 1,
  });
  deployment.addContainer({
    name: 'app',
    image: `registry.example.com/svc-${i}:1.0.0`,
    ports: [{ number: 8080, name: 'http' }],
    startup: probe('/livez', 5, 25),
    liveness: probe('/livez', 10, 3),
    readiness: probe('/readyz', 5, 3),
    lifecycle: { preStop: kplus.Handler.fromCommand(['sleep', '15']) },
  });
  new kplus.Service(chart, `svc-${i}-service`, { metadata: { name, labels }, selector: deployment, ports: [{ name: 'http', port: 8080, targetPort: 8080 }] });
  new kplus.k8s.KubePodDisruptionBudget(chart, `svc-${i}-pdb`, {
    metadata: { name, labels },
    spec: { maxUnavailable: kplus.k8s.IntOrString.fromNumber(1), selector: { matchLabels: deployment.matchLabels } },
  });
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
  if (process.env.BENCH_KEEP) console.error(outdir); else fs.rmSync(outdir, { recursive: true, force: true });
  const u = process.resourceUsage();
  process.stdout.write(JSON.stringify({ ms, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, rssMb: u.maxRSS / 1024, bytes }));
}

interface SynthSample {
  ms: number;
  wallMs: number;
  cpuMs: number;
  rssMb: number;
  bytes: number;
}

function run(variant: Variant, n: number): SynthSample {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [__filename, 'child', variant, String(n)], { encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${variant} N=${n} failed: ${r.stderr}`);
  return { ...JSON.parse(r.stdout), wallMs };
}

function ratios(a: readonly SynthSample[], b: readonly SynthSample[], field: 'cpuMs' | 'wallMs'): string {
  const rs = a.map((x, i) => x[field] / b[i][field]);
  return `${median(rs).toFixed(2)}× (${Math.min(...rs).toFixed(2)}–${Math.max(...rs).toFixed(2)})`;
}


function main(): void {
  const sizes = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
  const repeats = Number(process.env.BENCH_REPEATS ?? 3);
  console.log(`synth: ProbedWorkload vs hand-written cdk8s-plus-27, whole processes, median (min–max) of ${repeats} alternating runs`);
  for (const n of sizes) {
    const runs: Record<Variant, SynthSample[]> = { 'plain': [], 'intent': [], 'intent-nolint': [] };
    const order: Variant[] = ['plain', 'intent', 'intent-nolint'];
    for (let k = 0; k < repeats; k++) {
      // alternate, rotating the order, so machine noise hits every variant alike
      for (let j = 0; j < order.length; j++) {
        const v = order[(j + k) % order.length];
        runs[v].push(run(v, n));
      }
    }
    console.log(`N = ${n}`);
    console.log('  variant         CPU ms (min–max)        wall ms (min–max)       peak RSS MB      CPU ratio (min–max)   wall ratio (min–max)');
    for (const v of order) {
      const s = runs[v];
      const r = v === 'plain' ? '' : `${ratios(s, runs.plain, 'cpuMs').padEnd(22)}${ratios(s, runs.plain, 'wallMs')}`;
      console.log(`  ${v.padEnd(16)}${spread(s.map((x) => x.cpuMs)).padEnd(24)}${spread(s.map((x) => x.wallMs)).padEnd(24)}${spread(s.map((x) => x.rssMb)).padEnd(17)}${r}`);
    }
  }
  console.log('intent = ProbedWorkload with its default synth-time lint; no-lint = lintAtSynth: false.');
}

if (process.argv[2] === 'child') child(process.argv[3] as Variant, Number(process.argv[4]));
else main();
