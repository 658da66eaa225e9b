/**
 * Benchmark: `explain` over 10,000 workloads (100 files × 100 Deployments, plus a Service every
 * 10 workloads), generated in a temp dir. Baseline in the same run: YAML parsing alone of the same
 * bytes (read + parseAllDocuments + toJS, what any tool must pay). Target: explain < 5 s.
 * Run: npm run build && node bench/run.js explain
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runExplain } from '../lib/cli/explain';
import { loadPaths } from '../lib/manifest';
import { explainLoadedDetailed, formatJson, formatText, renderTimelineSvg, timelineFromModel, timelineFromSimulation } from '../lib/report';
import { gc, nullIo, parseOnly, time, timeAsync } from './util';

const FILES = 100;
const PER_FILE = 100;
const WORKLOADS = FILES * PER_FILE;
const SVG_SAMPLE = 200;
const TARGET_SECONDS = 5;

function workloadYaml(i: number): string {
  const period = [5, 10, 15, 20][i % 4];
  const startup = i % 3 === 0
    ? `        startupProbe:\n          httpGet: {path: /livez, port: 8080}\n          periodSeconds: 5\n          failureThreshold: ${10 + (i % 50)}\n`
    : '';
  const annotations = i % 5 === 0
    ? `      annotations:\n        probes.cdk8s.io/intents: http-service,slow-start\n        probes.cdk8s.io/worst-startup-seconds: "${30 + (i % 90)}"\n`
    : '';
  const sidecar = i % 7 === 0
    ? `      - name: proxy\n        image: envoy:1.30\n        readinessProbe:\n          tcpSocket: {port: 15000}\n          periodSeconds: 2\n`
    : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-${i}
  namespace: team-${i % 17}
spec:
  replicas: ${1 + (i % 5)}
  selector:
    matchLabels: {app: svc-${i}}
  template:
    metadata:
      labels: {app: svc-${i}}
${annotations}    spec:
      terminationGracePeriodSeconds: ${20 + (i % 40)}
      containers:
      - name: app
        image: registry.example/svc-${i}:1.0.${i}
        ports:
        - {containerPort: 8080, name: http}
        livenessProbe:
          httpGet: {path: /livez, port: 8080}
          periodSeconds: ${period}
          timeoutSeconds: ${1 + (i % 3)}
          failureThreshold: 3
        readinessProbe:
          httpGet: {path: /readyz, port: http}
          periodSeconds: 5
          failureThreshold: 2
${startup}${sidecar}`;
}

function generate(dir: string): number {
  let bytes = 0;
  for (let f = 0; f < FILES; f++) {
    const docs: string[] = [];
    for (let k = 0; k < PER_FILE; k++) {
      const i = f * PER_FILE + k;
      docs.push(workloadYaml(i));
      if (i % 10 === 0) docs.push(`apiVersion: v1\nkind: Service\nmetadata: {name: svc-${i}, namespace: team-${i % 17}}\nspec:\n  selector: {app: svc-${i}}\n  ports: [{port: 80, targetPort: http}]\n`);
    }
    const text = docs.join('---\n');
    bytes += Buffer.byteLength(text);
    fs.writeFileSync(path.join(dir, `chart-${String(f).padStart(3, '0')}.k8s.yaml`), text);
  }
  return bytes;
}





async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'explain-bench-'));
  try {
    const bytes = generate(dir);
    const files = fs.readdirSync(dir).sort().map((f) => path.join(dir, f));
    console.log(`input: ${WORKLOADS} Deployments (+ ${WORKLOADS / 10} Services) in ${FILES} files, ${(bytes / 1e6).toFixed(1)} MB`);

    // warm-up (JIT) on one file, not measured
    loadPaths([files[0]]);

    gc();
    const baseline = time(() => parseOnly(files));

    gc();
    const sink = { bytes: 0 };
    const cli = await timeAsync(() => runExplain([dir], nullIo(dir, sink)));
    if (cli.value !== 0) throw new Error(`explain exited ${cli.value}`);

    gc();
    const jsonSink = { bytes: 0 };
    const cliJson = await timeAsync(() => runExplain(['--format', 'json', dir], nullIo(dir, jsonSink)));
    if (cliJson.value !== 0) throw new Error(`explain --format json exited ${cliJson.value}`);

    // phases, for where the time goes
    gc();
    const load = time(() => loadPaths([dir]));
    const model = time(() => explainLoadedDetailed(load.value));
    const text = time(() => formatText(model.value.result));
    const json = time(() => formatJson(model.value.result));
    if (model.value.result.workloads.length !== WORKLOADS) throw new Error(`explained ${model.value.result.workloads.length} workloads, expected ${WORKLOADS}`);

    // SVG timelines on a sample: from the model alone, and simulated (the --svg default)
    const sample = model.value.result.workloads.slice(0, SVG_SAMPLE);
    const svgModel = time(() => sample.reduce((n, w) => n + renderTimelineSvg(timelineFromModel(w)).length, 0));
    const svgSim = time(() => sample.reduce((n, w, i) => n + renderTimelineSvg(timelineFromSimulation(model.value.sources[i], w)).length, 0));

    const perSec = (ms: number, n: number) => Math.round(n / (ms / 1000));
    console.log(`baseline  YAML parse only           ${baseline.ms.toFixed(0).padStart(6)} ms  (${baseline.value} documents)`);
    console.log(`explain   text, end to end (CLI)     ${cli.ms.toFixed(0).padStart(6)} ms  ${perSec(cli.ms, WORKLOADS)} workloads/s  ratio ${(cli.ms / baseline.ms).toFixed(2)}× baseline  output ${(sink.bytes / 1e6).toFixed(1)} MB`);
    console.log(`explain   json, end to end (CLI)     ${cliJson.ms.toFixed(0).padStart(6)} ms  ${perSec(cliJson.ms, WORKLOADS)} workloads/s  ratio ${(cliJson.ms / baseline.ms).toFixed(2)}× baseline  output ${(jsonSink.bytes / 1e6).toFixed(1)} MB`);
    console.log(`phases    load ${load.ms.toFixed(0)} ms (${(load.ms / baseline.ms).toFixed(2)}× baseline: + line positions, workload extraction), model ${model.ms.toFixed(0)} ms, text ${text.ms.toFixed(0)} ms, json ${json.ms.toFixed(0)} ms`);
    console.log(`svg       ${SVG_SAMPLE} timelines: model ${svgModel.ms.toFixed(0)} ms (${(svgModel.ms / SVG_SAMPLE).toFixed(2)} ms each), simulated ${svgSim.ms.toFixed(0)} ms (${(svgSim.ms / SVG_SAMPLE).toFixed(2)} ms each)`);
    const ok = cli.ms / 1000 < TARGET_SECONDS;
    console.log(`target    explain < ${TARGET_SECONDS} s for ${WORKLOADS} workloads: ${ok ? 'met' : 'NOT met'} (${(cli.ms / 1000).toFixed(2)} s)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
