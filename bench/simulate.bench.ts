/**
 * Benchmark: 24 h of a P = 1 workload (startup, then liveness P=1 + readiness P=1, healthy, a 2-minute database
 * outage every 2 hours and two short hangs) through the simulator. Prints wall time, events/s and
 * the ratio to two baselines measured in the same run: iterating the same number of ticks with no
 * work, and pushing/popping them through the simulator's event queue alone.
 * Target: one simulated day in under 1 s.
 *
 * Then `explain --scenario` at the documented maximum (7 days, 100 replicas) over 1 and 3 workloads,
 * as whole processes (CPU, wall, peak RSS; medians of alternating runs with min–max).
 * Target: under 5 s and 300 MB per workload, linear in workloads. Exits non-zero only on a crash.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EventQueue, Queued } from '../lib/simulate/heap';
import { MAX_DURATION_SECONDS, MAX_REPLICAS } from '../lib/simulate/scenario';
import { alternate, printTable, Sample, spread } from './proc';
import { median as medianOf } from './util';
import { formatSimulation, parseScenario, simulate, SimulatedContainer, SimulationResult } from '../lib/simulate';

const DAY = 24 * 3600;
const RUNS = 5;

function scenarioYaml(): string {
  const outages: string[] = [];
  for (let at = 3600; at < DAY; at += 2 * 3600) outages.push(`  - { kind: outage, dependency: db, at: ${at}, for: 120 }`);
  return [
    'description: one day of a P = 1 workload with an outage every 2 hours',
    `duration: ${DAY}`,
    'seed: 7',
    'app: { startup: 5 }',
    'dependencies: { db: { critical: true, checkedBy: [readiness] } }',
    'faults:',
    ...outages,
    '  - { kind: hang, at: 30000, for: 20, handlers: [readiness, traffic] }',
    '  - { kind: hang, at: 60000 }',
  ].join('\n');
}

const container: SimulatedContainer = {
  startupProbe: { httpGet: { path: '/livez', port: 8080 }, periodSeconds: 1, failureThreshold: 30, timeoutSeconds: 1 },
  livenessProbe: { httpGet: { path: '/livez', port: 8080 }, periodSeconds: 1, failureThreshold: 3, timeoutSeconds: 1 },
  readinessProbe: { httpGet: { path: '/readyz', port: 8080 }, periodSeconds: 1, failureThreshold: 2, timeoutSeconds: 1 },
  podGraceSeconds: 30,
};

function time<T>(fn: () => T): { ms: number; value: T } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Baseline 1: the same number of ticks, no work but advancing two tickers' clocks. */
function bareTicks(ticks: number): number {
  let a = 0;
  let b = 500;
  let sum = 0;
  for (let i = 0; i < ticks; i++) {
    if (a <= b) a += 1000; else b += 1000;
    sum += a ^ b;
  }
  return sum;
}

/** Baseline 2: the same number of ticks pushed and popped through the event queue, nothing done. */
function queueOnly(ticks: number): number {
  interface E extends Queued { readonly w: number }
  const q = new EventQueue<E>();
  q.push({ t: 0, prio: 1, seq: 0, w: 0 });
  q.push({ t: 500, prio: 1, seq: 0, w: 1 });
  let n = 0;
  for (let e = q.pop(); e !== undefined && n < ticks; e = q.pop()) {
    n++;
    q.push({ t: e.t + 1000, prio: 1, seq: 0, w: e.w });
  }
  return n;
}

function main(): void {
  const scenario = parseScenario(scenarioYaml(), 'bench/simulate (generated)');
  simulate(container, scenario); // warm-up
  const sims: number[] = [];
  let result: SimulationResult | undefined;
  for (let i = 0; i < RUNS; i++) {
    const run = time(() => simulate(container, scenario));
    sims.push(run.ms);
    result = run.value;
  }
  if (!result) throw new Error('no run');
  const events = result.events.length;
  const ticks = 2 * DAY; // two probes at P = 1
  const bare = median(Array.from({ length: RUNS }, () => time(() => bareTicks(ticks)).ms));
  const queue = median(Array.from({ length: RUNS }, () => time(() => queueOnly(ticks)).ms));
  const simMs = median(sims);
  const fmt = time(() => formatSimulation(result as SimulationResult, 'text'));
  const s = result.summary.total;

  console.log(`simulated: 24 h, liveness + readiness at P = 1, ${scenario.faults.length} faults; ${events} events, ${ticks} probe ticks`);
  console.log(`outcome: restarts ${s.restarts}, Ready ${s.secondsReady} s, NotReady ${s.secondsNotReady} s, traffic while broken ${s.secondsTrafficWhileBroken} s`);
  console.log(`simulate (median of ${RUNS}): ${simMs.toFixed(1)} ms  -> ${Math.round(events / (simMs / 1000)).toLocaleString('en-US')} events/s`);
  console.log(`baseline, bare tick loop:    ${bare.toFixed(2)} ms  -> simulate is ${(simMs / bare).toFixed(0)}x`);
  console.log(`baseline, event queue only:  ${queue.toFixed(1)} ms  -> simulate is ${(simMs / queue).toFixed(1)}x`);
  console.log(`formatSimulation text:       ${fmt.ms.toFixed(1)} ms (${fmt.value.split('\n').length} lines)`);
  console.log(`target < 1000 ms for one simulated day: ${simMs < 1000 ? 'met' : 'NOT met'}`);
  scenarioAtTheMaximum();
}

const SCENARIO_ROUNDS = 3;

/** A Deployment with liveness P = 10 and readiness P = 5 (the probes of a typical service). */
function deploymentYaml(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: app-${i}}
spec:
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata: {labels: {app: app-${i}}}
    spec:
      containers:
      - name: app
        image: registry.example/app:1.0
        livenessProbe: {httpGet: {path: /livez, port: 8080}, periodSeconds: 10, failureThreshold: 3}
        readinessProbe: {httpGet: {path: /readyz, port: 8080}, periodSeconds: 5, failureThreshold: 2}
`;
}

/** `explain --scenario` over 7 days × 100 replicas, 1 and 3 workloads, as whole processes. */
function scenarioAtTheMaximum(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simulate-bench-'));
  try {
    fs.writeFileSync(path.join(dir, 'scenario.yaml'), [
      `description: the documented maximum, ${MAX_DURATION_SECONDS} s x ${MAX_REPLICAS} replicas`,
      `duration: ${MAX_DURATION_SECONDS}`,
      `replicas: ${MAX_REPLICAS}`,
      'seed: 3',
      'app: { startup: 5 }',
      'dependencies: { db: { critical: true, checkedBy: [readiness] } }',
      'faults:',
      '  - { kind: outage, dependency: db, at: 3600, for: 120 }',
      '  - { kind: outage, dependency: db, at: 100000, for: 300 }',
      '  - { kind: hang, at: 200000, for: 20, handlers: [readiness, traffic] }',
      '  - { kind: hang, at: 300000 }',
      '',
    ].join('\n'));
    fs.writeFileSync(path.join(dir, 'one.yaml'), deploymentYaml(1));
    fs.writeFileSync(path.join(dir, 'three.yaml'), [1, 2, 3].map(deploymentYaml).join('---\n'));
    const cli = path.join(__dirname, '..', 'bin', 'cdk8s-probes.js');
    const samples = alternate([
      { name: 'explain --scenario, 1 workload', args: [cli, 'explain', '--scenario', 'scenario.yaml', 'one.yaml'] },
      { name: 'explain --scenario, 3 workloads', args: [cli, 'explain', '--scenario', 'scenario.yaml', 'three.yaml'] },
    ], SCENARIO_ROUNDS, dir);
    console.log(`\nexplain --scenario at the maximum (${MAX_DURATION_SECONDS / 86400} days x ${MAX_REPLICAS} replicas; liveness P = 10, readiness P = 5):`);
    printTable(samples, SCENARIO_ROUNDS);
    const [one, three] = [...samples.values()];
    const perWorkload = (xs: readonly Sample[], n: number, f: (s: Sample) => number): number[] => xs.map((s) => f(s) / n);
    console.log(`per workload, 3 workloads: CPU ${spread(perWorkload(three, 3, (s) => s.cpuMs))} ms, peak RSS ${spread(perWorkload(three, 3, (s) => s.rssMb))} MB`);
    // judged on CPU (the machine is shared: wall time carries other processes' load) and peak RSS, medians per workload
    const met = (xs: readonly Sample[], n: number): boolean => medianOf(xs.map((s) => s.cpuMs / n)) < 5000 && medianOf(xs.map((s) => s.rssMb / n)) < 300;
    console.log(`target < 5 s CPU and < 300 MB per workload (medians): ${met(one, 1) && met(three, 3) ? 'met' : 'NOT met'}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
