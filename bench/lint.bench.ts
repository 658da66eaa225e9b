/**
 * Benchmark: `cdk8s-probes lint` over 10,000 workload documents (100 files × 100, varied kinds,
 * probes and mistakes, plus a Service every 10 workloads), generated in a temp dir.
 * Baseline in the same run: YAML parsing alone of the same bytes (read + parseAllDocuments +
 * toJS). Target: lint ≤ 2× the baseline.
 * Then the cold start of `node bin/cdk8s-probes.js lint <one file>` (median of several runs),
 * against `node -e 0` measured the same way. Target: < 0.5 s.
 * Prints figures and ratios; exits non-zero only on a crash.
 * Run: npm run build && node bench/run.js lint
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runLint } from '../lib/cli/lint';
import { lintPaths } from '../lib/rules/lint';
import { ALL_RULES } from '../lib/rules/registry';
import { gc, median, nullIo, parseOnly, time, timeAsync } from './util';

const FILES = 100;
const PER_FILE = 100;
const WORKLOADS = FILES * PER_FILE;
const COLD_RUNS = 9;
const ROUNDS = 2;
const RATIO_TARGET = 2;
const COLD_TARGET_MS = 500;

const KINDS = ['Deployment', 'Deployment', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ReplicaSet', 'Deployment'];

function container(i: number): string {
  const v = i % 6;
  const period = [5, 10, 15, 20][i % 4];
  // a spread of right and wrong probes, so findings (and their line lookups) are part of the cost
  const liveness =
    v === 0
      ? '' // missing liveness
      : v === 1
        ? `          livenessProbe:\n            httpGet: {path: /readyz, port: http}\n            periodSeconds: ${period}\n            timeoutSeconds: ${period}\n            failureThreshold: 1\n` // dependency path, T = P, F = 1
        : v === 2
          ? `          livenessProbe:\n            exec: {command: [sh, -c, "test -e /tmp/healthy"]}\n            periodSeconds: ${period}\n`
          : `          livenessProbe:\n            httpGet: {path: /livez, port: 8080}\n            initialDelaySeconds: ${v === 3 ? 120 : 0}\n            periodSeconds: ${period}\n            timeoutSeconds: ${1 + (i % 3)}\n            failureThreshold: 3\n`;
  const readiness =
    v === 4
      ? `          readinessProbe:\n            httpGet: {path: /livez, port: 8080}\n            periodSeconds: ${period}\n` // identical to liveness
      : `          readinessProbe:\n            httpGet: {path: /readyz, port: http}\n            periodSeconds: 5\n            failureThreshold: 2\n`;
  const startup = i % 3 === 0 ? `          startupProbe:\n            tcpSocket: {port: 8080}\n            periodSeconds: 5\n            failureThreshold: ${10 + (i % 50)}\n` : '';
  return `        - name: app
          image: registry.example/svc-${i}:1.0.${i}
          ports:
            - {containerPort: 8080, name: http}
${liveness}${readiness}${startup}`;
}

/** The pod template's metadata block, its keys at `indent`. */
function podMeta(i: number, indent: string): string {
  const ann =
    i % 5 === 0
      ? `${indent}annotations:\n${indent}  probes.cdk8s.io/intents: http-service,slow-start\n${indent}  probes.cdk8s.io/worst-startup-seconds: "${30 + (i % 90)}"\n` +
        (i % 20 === 0 ? `${indent}  probes.cdk8s.io/ignore: "liveness-probe-missing: bench"\n` : '')
      : '';
  return `${indent}labels: {app: svc-${i}}\n${ann}`;
}

/** The pod spec's keys at `indent`. */
function podBody(i: number, indent: string): string {
  const restart = i % 10 === 5 || i % 10 === 6 ? `${indent}restartPolicy: Never\n` : '';
  const containers = container(i)
    .split('\n')
    .map((l) => (l.length > 0 ? indent + l.slice(6) : l))
    .join('\n');
  return `${restart}${indent}terminationGracePeriodSeconds: ${20 + (i % 40)}\n${indent}containers:\n${containers}`;
}

function workloadYaml(i: number): string {
  const kind = KINDS[i % KINDS.length];
  const apiVersion = kind === 'Pod' ? 'v1' : kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
  if (kind === 'Pod') return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: svc-${i}\n  namespace: team-${i % 17}\n${podMeta(i, '  ')}spec:\n${podBody(i, '  ')}`;
  const head = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: svc-${i}\n  namespace: team-${i % 17}\n`;
  if (kind === 'CronJob') return `${head}spec:\n  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        metadata:\n${podMeta(i, '          ')}        spec:\n${podBody(i, '          ')}`;
  const replicas = kind === 'DaemonSet' || kind === 'Job' ? '' : `  replicas: ${1 + (i % 5)}\n`;
  return `${head}spec:\n${replicas}  selector:\n    matchLabels: {app: svc-${i}}\n  template:\n    metadata:\n${podMeta(i, '      ')}    spec:\n${podBody(i, '      ')}`;
}

function generate(dir: string): { bytes: number; documents: number } {
  let bytes = 0;
  let documents = 0;
  for (let f = 0; f < FILES; f++) {
    const docs: string[] = [];
    for (let k = 0; k < PER_FILE; k++) {
      const i = f * PER_FILE + k;
      docs.push(workloadYaml(i));
      if (i % 10 === 0) docs.push(`apiVersion: v1\nkind: Service\nmetadata: {name: svc-${i}, namespace: team-${i % 17}}\nspec:\n  selector: {app: svc-${i}}\n  ports: [{port: 80, targetPort: http}]\n`);
    }
    documents += docs.length;
    const text = `# Source: bench/templates/chart-${f}.yaml\n` + docs.join('---\n');
    bytes += Buffer.byteLength(text);
    fs.writeFileSync(path.join(dir, `chart-${String(f).padStart(3, '0')}.k8s.yaml`), text);
  }
  return { bytes, documents };
}






function wall(args: string[], cwd: string): { ms: number; status: number | null } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, status: r.status };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-bench-'));
  try {
    const { bytes, documents } = generate(dir);
    const files = fs.readdirSync(dir).sort().map((f) => path.join(dir, f));
    console.log(`input: ${WORKLOADS} workloads (${[...new Set(KINDS)].join(', ')}) + ${WORKLOADS / 10} Services in ${FILES} files, ${(bytes / 1e6).toFixed(1)} MB; ${ALL_RULES.length} rules`);

    // warm-up (JIT) on one file, not measured
    lintPaths([files[0]], { cwd: dir });

    // baseline and library run alternate, best of ROUNDS each, so machine load and JIT order
    // affect both alike
    let baseline = { ms: Infinity, value: 0 };
    let lib = { ms: Infinity, value: undefined as unknown as ReturnType<typeof lintPaths> };
    for (let round = 0; round < ROUNDS; round++) {
      gc();
      const b = time(() => parseOnly(files));
      if (b.ms < baseline.ms) baseline = b;
      gc();
      const l = time(() => lintPaths([dir], { cwd: dir }));
      if (l.ms < lib.ms) lib = l;
    }
    if (baseline.value !== documents) throw new Error(`baseline parsed ${baseline.value} documents, expected ${documents}`);
    const r = lib.value;
    if (r.errors.length > 0) throw new Error(`input errors in generated YAML: ${r.errors.slice(0, 3).map((e) => `${e.file}: ${e.message}`).join('; ')}`);
    if (r.resourcesChecked !== documents) throw new Error(`checked ${r.resourcesChecked} resources, expected ${documents}`);

    gc();
    const human = { bytes: 0 };
    const cli = await timeAsync(() => runLint(['--fail-on', 'none', dir], nullIo(dir, human)));
    if (cli.value !== 0) throw new Error(`lint exited ${cli.value}`);

    gc();
    const sarifSink = { bytes: 0 };
    const cliSarif = await timeAsync(() => runLint(['--fail-on', 'none', '--format', 'sarif', dir], nullIo(dir, sarifSink)));
    if (cliSarif.value !== 0) throw new Error(`lint --format sarif exited ${cliSarif.value}`);

    const perSec = (ms: number) => Math.round(documents / (ms / 1000));
    const ratio = (ms: number) => (ms / baseline.ms).toFixed(2);
    console.log(`baseline  YAML parse only (parseAllDocuments + toJS)  ${baseline.ms.toFixed(0).padStart(6)} ms  ${perSec(baseline.ms)} docs/s  (best of ${ROUNDS})`);
    console.log(`lint      lintPaths (library)                         ${lib.ms.toFixed(0).padStart(6)} ms  ${perSec(lib.ms)} docs/s  ratio ${ratio(lib.ms)}× baseline  (best of ${ROUNDS}; ${r.findings.length} findings, ${r.suppressed.length} suppressed)`);
    console.log(`lint      CLI, human output                           ${cli.ms.toFixed(0).padStart(6)} ms  ${perSec(cli.ms)} docs/s  ratio ${ratio(cli.ms)}× baseline  output ${(human.bytes / 1e6).toFixed(1)} MB`);
    console.log(`lint      CLI, SARIF output                           ${cliSarif.ms.toFixed(0).padStart(6)} ms  ${perSec(cliSarif.ms)} docs/s  ratio ${ratio(cliSarif.ms)}× baseline  output ${(sarifSink.bytes / 1e6).toFixed(1)} MB`);
    const ratioMet = lib.ms / baseline.ms <= RATIO_TARGET;
    console.log(`target    lint ≤ ${RATIO_TARGET}× YAML parsing: ${ratioMet ? 'met' : 'NOT met'} (${ratio(lib.ms)}×)`);

    // cold start of the command on one small file
    const root = path.join(__dirname, '..');
    const bin = path.join(root, 'bin', 'cdk8s-probes.js');
    if (!fs.existsSync(path.join(root, 'lib', 'cli', 'main.js'))) {
      console.log('cold start: not measured, lib/cli/main.js is not built (the lead\'s dispatcher); run `npm run build`');
      return;
    }
    const one = path.join(dir, 'one.yaml');
    fs.writeFileSync(one, workloadYaml(1));
    const nodeOnly: number[] = [];
    const coldLint: number[] = [];
    const coldLintModule: number[] = [];
    wall([bin, 'lint', one], dir); // warm the file system cache
    for (let k = 0; k < COLD_RUNS; k++) {
      nodeOnly.push(wall(['-e', '0'], dir).ms);
      const c = wall([bin, 'lint', '--fail-on', 'none', one], dir);
      if (c.status !== 0) throw new Error(`cdk8s-probes lint exited ${c.status}`);
      coldLint.push(c.ms);
      coldLintModule.push(wall(['-e', `require(${JSON.stringify(path.join(root, 'lib', 'cli', 'lint.js'))})`], dir).ms);
    }
    const m = median(coldLint);
    console.log(`baseline  node -e 0                                   ${median(nodeOnly).toFixed(0).padStart(6)} ms  (median of ${COLD_RUNS})`);
    console.log(`cold      require lib/cli/lint.js only                ${median(coldLintModule).toFixed(0).padStart(6)} ms  (median of ${COLD_RUNS})`);
    console.log(`cold      node bin/cdk8s-probes.js lint <one file>    ${m.toFixed(0).padStart(6)} ms  (median of ${COLD_RUNS}; ${(m / median(nodeOnly)).toFixed(1)}× bare node)`);
    console.log(`target    cold start < ${COLD_TARGET_MS} ms: ${m < COLD_TARGET_MS ? 'met' : 'NOT met'} (${m.toFixed(0)} ms)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
