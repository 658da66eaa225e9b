/**
 * Synth benchmark: N intent workloads (ProbedWorkload: HTTP service + slow start + critical
 * dependency: Deployment + Service + PodDisruptionBudget) against N hand-written cdk8s-plus-27
 * Deployments + Services + PodDisruptionBudgets with the same probes, labels and annotations (the
 * same YAML but for the probe port, a name plus-27 cannot write), in the same run. Each case runs
 * in its own process so peak RSS is its own.
 * Prints whole-process CPU (user + system, start-up and module loading included), wall time and
 * peak RSS as medians of alternating runs with min–max (bench/proc.ts), and per-round ratios
 * against plain. Target (issue 11): CPU ≤ 1.2× plain at N = 1,000, 5,000 and 10,000.
 * BENCH_SIZES (1000,5000,10000), BENCH_REPEATS (5: the ratio moves by about ±0.1 between rounds on a shared machine); BENCH_KEEP=1 keeps a child's dist/ (path on stderr).
 * `node bench/synth.bench.js child intent N DIR` writes N ProbedWorkloads' YAML into DIR and keeps it
 * (the lint benchmark's clean corpus).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import type * as Lib from '../lib';
import { alternate, Case, printTable, ratio, threadSplit, verdict } from './proc';

type Variant = 'intent' | 'intent-nolint' | 'plain';

function buildIntent(lib: typeof Lib, chart: Chart, i: number, lintAtSynth = true): void {
  const { Intent, ProbedWorkload } = lib;
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
  // the same probes, labels and annotations, its Service and its PodDisruptionBudget, all named as
  // cdk8s names the Deployment (from the construct path, as ProbedWorkload derives its name).
  // plus-27 cannot write a named probe port, so its probes name the number (and add scheme: HTTP).
  const deployment = new kplus.Deployment(chart, `svc-${i}`, {
    terminationGracePeriod: Duration.seconds(30),
    podMetadata: {
      annotations: {
        'probes.cdk8s.io/container': 'app',
        'probes.cdk8s.io/critical-dependencies': 'postgres',
        'probes.cdk8s.io/intents': 'http-service,slow-start,critical-dependency',
        'probes.cdk8s.io/worst-startup-seconds': '120',
      },
    },
  });
  const name = deployment.name;
  const labels = { 'app.kubernetes.io/name': name };
  deployment.metadata.addLabel('app.kubernetes.io/name', name);
  deployment.podMetadata.addLabel('app.kubernetes.io/name', name);
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

function child(variant: Variant, n: number, keepIn?: string): void {
  const outdir = keepIn ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-probes-bench-'));
  const app = new App({ outdir });
  const chart = new Chart(app, 'bench');
  // only the intent variants load this library: the plain child loads cdk8s and cdk8s-plus-27 alone
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lib = variant === 'plain' ? undefined : (require('../lib') as typeof Lib);
  for (let i = 0; i < n; i++) {
    if (!lib) buildPlain(chart, i);
    else buildIntent(lib, chart, i, variant === 'intent');
  }
  app.synth();
  if (keepIn) return;
  if (process.env.BENCH_KEEP) console.error(outdir);
  else fs.rmSync(outdir, { recursive: true, force: true });
}

const TARGET = 1.2;

function main(): void {
  const sizes = (process.env.BENCH_SIZES ?? '1000,5000,10000').split(',').map(Number);
  const rounds = Number(process.env.BENCH_REPEATS ?? 5);
  console.log(`synth: ProbedWorkload vs hand-written cdk8s-plus-27 on ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), node ${process.version}, `
    + `load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, ${new Date().toISOString()}`);
  for (const n of sizes) {
    const cases: Case[] = (['plain', 'intent', 'intent-nolint'] as Variant[]).map((v) => ({ name: v, args: [__filename, 'child', v, String(n)] }));
    const s = alternate(cases, rounds, os.tmpdir());
    console.log(`\n### N = ${n} workloads`);
    printTable(s, rounds);
    const plain = s.get('plain')!;
    for (const v of ['intent', 'intent-nolint']) {
      const x = s.get(v)!;
      console.log(`ratio     ${v.padEnd(14)} CPU ${ratio(x, plain, 'cpuMs').text}, wall ${ratio(x, plain, 'wallMs').text} plain`);
      const split = threadSplit(x, plain);
      if (split) console.log(`          ${''.padEnd(14)} against plain: ${split}`);
    }
    console.log(`target    intent (default checks) CPU ≤ ${TARGET}× plain: ${verdict(s.get('intent')!, plain, 'cpuMs', TARGET)}; wall: ${verdict(s.get('intent')!, plain, 'wallMs', TARGET)}`);
  }
  console.log('intent = ProbedWorkload with its default synth-time lint; intent-nolint = lintAtSynth: false.');
}

if (process.argv[2] === 'child') child(process.argv[3] as Variant, Number(process.argv[4]), process.argv[5]);
else main();
