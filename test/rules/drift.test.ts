import * as fs from 'fs';
import * as path from 'path';
import { parseManifestText } from '../../lib/manifest';
import { DEPENDENCY_RULES } from '../../lib/rules/dependency';
import { DRIFT_RULES } from '../../lib/rules/drift';
import { buildIndex, runRules } from '../../lib/rules/engine';
import { SERVICE_RULES } from '../../lib/rules/service';
import { TIMING_RULES } from '../../lib/rules/timing';
import { FAST_RECOVERY_MAX_DETECTION_SECONDS } from '../../lib/rules/drift/drift-fast-recovery-slow-detection';
import { RuleCategory } from '../../lib/rules/types';
import { failureDetection, FAST_RECOVERY_FAILURE_THRESHOLD, FAST_RECOVERY_PERIOD_SECONDS } from '../../lib/timing';
import { runRuleOnYaml, testRuleFixtures } from './rule-tester';

for (const rule of DRIFT_RULES) testRuleFixtures(rule);

describe('drift group', () => {
  it('lists every rule once, in id order, all in the drift category with drift- ids', () => {
    const ids = DRIFT_RULES.map((r) => r.meta.id);
    expect([...ids].sort()).toEqual(ids);
    for (const r of DRIFT_RULES) {
      expect(r.meta.category).toBe(RuleCategory.DRIFT);
      expect(r.meta.id.startsWith('drift-')).toBe(true);
    }
  });

  it("leaves room for the fast-recovery intent's own liveness probe", () => {
    const own = failureDetection({ initialDelaySeconds: 0, periodSeconds: FAST_RECOVERY_PERIOD_SECONDS, timeoutSeconds: 1, successThreshold: 1, failureThreshold: FAST_RECOVERY_FAILURE_THRESHOLD });
    expect(own.worst).toBeLessThanOrEqual(FAST_RECOVERY_MAX_DETECTION_SECONDS);
  });

  it('never throws on malformed annotations and probes', () => {
    const yaml = `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    metadata:
      annotations:
        probes.cdk8s.io/intents: "worker-no-http,http-service,grpc-service,fast-recovery"
        probes.cdk8s.io/critical-dependencies: ",,"
        probes.cdk8s.io/optional-dependencies: "a.b(c"
        probes.cdk8s.io/hang-detection-seconds: "-3"
        probes.cdk8s.io/handler-latency-seconds: "2"
    spec:
      containers:
        - name: 5
          ports: [null, {containerPort: "80", name: 3}, {containerPort: 8080}]
          livenessProbe: {httpGet: {path: [], port: {}}, grpc: null, timeoutSeconds: "9"}
          readinessProbe: {grpc: {service: 4}, exec: {command: null}}
          startupProbe: {exec: {command: [null, 3]}}
`;
    for (const rule of DRIFT_RULES) expect(() => runRuleOnYaml(rule, yaml)).not.toThrow();
  });

  it('is silent when the container the annotations name does not exist', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations: {probes.cdk8s.io/intents: fast-recovery, probes.cdk8s.io/container: gone}
spec: {containers: [{name: app}]}
`;
    for (const rule of DRIFT_RULES) expect(runRuleOnYaml(rule, yaml)).toEqual([]);
  });
});

describe("this project's own synth output (dist/)", () => {
  // dist/ is committed (GitOps) and synthesized by the constructs; it must be clean under the
  // timing, dependency, service and drift rules, and a hand edit that breaks an intent must show.
  const mine = [...TIMING_RULES, ...DEPENDENCY_RULES, ...SERVICE_RULES, ...DRIFT_RULES];
  const distDir = path.join(__dirname, '..', '..', 'dist');
  const files = fs.readdirSync(distDir).filter((f) => f.endsWith('.k8s.yaml')).sort();
  const lint = (text: string, file: string) => {
    const loaded = parseManifestText(text, file);
    expect(loaded.errors).toEqual([]);
    return runRules(mine, buildIndex(loaded.documents));
  };

  it('has synthesized charts to check', () => expect(files.length).toBeGreaterThan(0));
  for (const f of files) {
    it(`${f} is clean`, () => {
      const findings = lint(fs.readFileSync(path.join(distDir, f), 'utf8'), f);
      expect(findings.map((x) => `${x.ruleId}: ${x.message}`)).toEqual([]);
    });
  }

  it('reports hand edits that break the declared intent', () => {
    const original = fs.readFileSync(path.join(distDir, 'seed-004-spring-service.k8s.yaml'), 'utf8');
    expect(original).toContain('path: /actuator/health/liveness');
    const edited = original.replace('path: /actuator/health/liveness', 'path: /actuator/health');
    const ids = new Set(lint(edited, 'edited.yaml').map((x) => x.ruleId));
    expect(ids.has('liveness-dependency-endpoint')).toBe(true);
  });
});
