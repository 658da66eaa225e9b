/**
 * Cost of the TIMING, DEPENDENCY, SERVICE and DRIFT rule groups over many annotated workloads,
 * each with a Service, against baselines measured in the same run: reading the YAML and building
 * the index, and one rule that does nothing (the engine's own walk). The SERVICE rules ask the
 * index which workloads each Service selects (a scan of every workload per Service), so the
 * per-workload cost is printed at three sizes to show whether it grows.
 * Prints figures and ratios; exits non-zero only on a crash.
 */
import { parseManifestText } from '../lib/manifest';
import { DEPENDENCY_RULES } from '../lib/rules/dependency';
import { DRIFT_RULES } from '../lib/rules/drift';
import { buildIndex, runRules } from '../lib/rules/engine';
import { SERVICE_RULES } from '../lib/rules/service';
import { TIMING_RULES } from '../lib/rules/timing';
import { Rule, RuleCategory, Severity } from '../lib/rules/types';

function workload(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-${i}
  namespace: ns-${i % 20}
spec:
  selector:
    matchLabels:
      app: svc-${i}
  template:
    metadata:
      labels:
        app: svc-${i}
      annotations:
        probes.cdk8s.io/intents: http-service,slow-start,critical-dependency
        probes.cdk8s.io/critical-dependencies: postgres
        probes.cdk8s.io/optional-dependencies: redis
        probes.cdk8s.io/worst-startup-seconds: "60"
        probes.cdk8s.io/hang-detection-seconds: "40"
        probes.cdk8s.io/handler-latency-seconds: "1"
    spec:
      containers:
      - name: app
        image: example/svc:${i}
        ports:
        - {containerPort: 8080, name: http}
        - {containerPort: 8081, name: management}
        startupProbe: {httpGet: {path: /livez, port: management}, periodSeconds: 5, failureThreshold: 13, timeoutSeconds: 3}
        livenessProbe: {httpGet: {path: /livez, port: management}, periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 3}
        readinessProbe: {httpGet: {path: /readyz, port: management}, periodSeconds: 5, failureThreshold: 3, timeoutSeconds: 3}
---
apiVersion: v1
kind: Service
metadata:
  name: svc-${i}
  namespace: ns-${i % 20}
spec:
  selector:
    app: svc-${i}
  ports:
  - {port: 80, targetPort: http}
`;
}

const NOOP: Rule = {
  meta: { id: 'noop', severity: Severity.INFO, category: RuleCategory.TIMING, description: 'nothing', rationale: 'baseline', fix: 'none', peers: [] },
  checkWorkload() {
    /* baseline: the engine's walk only */
  },
  checkService() {
    /* baseline */
  },
};

function time<T>(fn: () => T, repeat: number): { ms: number; result: T } {
  let result = fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < repeat; i++) result = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6 / repeat, result };
}

const groups: Array<[string, readonly Rule[]]> = [
  ['timing', TIMING_RULES],
  ['dependency', DEPENDENCY_RULES],
  ['service', SERVICE_RULES],
  ['drift', DRIFT_RULES],
];

for (const n of [200, 1000, 4000]) {
  const text = Array.from({ length: n }, (_, i) => workload(i)).join('---\n');
  const repeat = n >= 4000 ? 1 : 3;
  const load = time(() => buildIndex(parseManifestText(text, 'bench.yaml').documents), repeat);
  const index = load.result;
  const noop = time(() => runRules([NOOP], index), repeat);
  console.log(`N = ${n} workloads + ${n} Services`);
  console.log(`  parse + index          ${load.ms.toFixed(1)} ms (${((load.ms * 1000) / n).toFixed(1)} µs/workload)`);
  console.log(`  no-op rule (baseline)  ${noop.ms.toFixed(2)} ms`);
  for (const [name, rules] of groups) {
    const t = time(() => runRules(rules, index), repeat);
    if (t.result.length !== 0) throw new Error(`${name}: clean corpus produced ${t.result.length} findings, first: ${t.result[0].message}`);
    console.log(`  ${name.padEnd(22)} ${t.ms.toFixed(1)} ms (${((t.ms * 1000) / n).toFixed(1)} µs/workload; ${(t.ms / load.ms).toFixed(3)}× parse + index)`);
  }
}
