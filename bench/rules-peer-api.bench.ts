/**
 * Cost of the PEER and API rule groups over many workloads, against baselines measured in the
 * same run: reading the YAML and building the index, and running one rule that does nothing
 * (the engine's own per-rule walk). Two corpora: clean workloads (this project's own output
 * shape) and workloads without readiness, where readiness-probe-missing must ask which Services
 * select each pod (a scan of every Service per workload: the quadratic part, if any).
 * Prints figures and ratios; exits non-zero only on a crash.
 */
import { parseManifestText } from '../lib/manifest';
import { API_RULES } from '../lib/rules/api';
import { buildIndex, runRules } from '../lib/rules/engine';
import { PEER_RULES } from '../lib/rules/peer';
import { Rule, RuleCategory, Severity } from '../lib/rules/types';

function workload(i: number, withReadiness: boolean): string {
  const readiness = withReadiness
    ? `
        readinessProbe:
          httpGet:
            path: /readyz
            port: http
          periodSeconds: 5
          timeoutSeconds: 3`
    : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-${i}
  namespace: ns-${i % 20}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: svc-${i}
  template:
    metadata:
      labels:
        app: svc-${i}
    spec:
      containers:
      - name: main
        image: example/svc:${i}
        ports:
        - containerPort: 8080
          name: http
        - containerPort: 8081
          name: management
        startupProbe:
          httpGet:
            path: /livez
            port: management
          periodSeconds: 5
          failureThreshold: 13
          timeoutSeconds: 3
        livenessProbe:
          httpGet:
            path: /livez
            port: management
          periodSeconds: 10
          timeoutSeconds: 3${readiness}
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
  - port: 80
    targetPort: http
`;
}

const NOOP: Rule = {
  meta: { id: 'noop', severity: Severity.INFO, category: RuleCategory.PEER, description: 'nothing', rationale: 'baseline', fix: 'none', peers: [] },
  checkWorkload() {
    /* baseline: the engine's walk only */
  },
};

function time(fn: () => void, repeat: number): number {
  fn(); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < repeat; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / repeat;
}

function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(0);
}

const rules = [...PEER_RULES, ...API_RULES];
console.log(`rules: ${PEER_RULES.length} PEER + ${API_RULES.length} API`);
console.log('| corpus | workloads | load+index ms | no-op rule ms | PEER+API ms | per workload µs | PEER+API / load | findings |');
console.log('|---|---|---|---|---|---|---|---|');
for (const withReadiness of [true, false]) {
  for (const n of [1000, 5000]) {
    const text = Array.from({ length: n }, (_, i) => workload(i, withReadiness)).join('---\n');
    let docs = parseManifestText(text, 'bench.yaml').documents;
    const load = time(() => {
      docs = parseManifestText(text, 'bench.yaml').documents;
      buildIndex(docs);
    }, 2);
    const index = buildIndex(docs);
    const repeat = n <= 1000 ? 5 : 2;
    const noop = time(() => runRules([NOOP], index), repeat);
    let findings = 0;
    const all = time(() => {
      findings = runRules(rules, index).length;
    }, repeat);
    console.log(
      `| ${withReadiness ? 'clean' : 'no readiness'} | ${n} | ${fmt(load)} | ${fmt(noop)} | ${fmt(all)} | ${((all * 1000) / n).toFixed(1)} | ${(all / load).toFixed(3)} | ${findings} |`,
    );
  }
}
