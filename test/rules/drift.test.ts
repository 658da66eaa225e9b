import { DRIFT_RULES } from '../../lib/rules/drift';
import { FAST_RECOVERY_MAX_DETECTION_SECONDS } from '../../lib/rules/drift/drift-fast-recovery-slow-detection';
import { RuleCategory } from '../../lib/rules/types';
import { mentionsWord } from '../../lib/rules/timing/read';
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

describe('mentionsWord', () => {
  it.each([
    ['/health/postgres', 'postgres', true],
    ['pg_isready -h orders-db.data', 'orders-db', true],
    ['/Health/Redis', 'redis', true],
    ['/health/postgresql', 'postgres', false],
    ['/health/mypostgres', 'postgres', false],
    ['anything', '  ', false],
    ['/a.b(c/', 'a.b(c', true],
  ])('%s mentions %s: %s', (text, name, expected) => expect(mentionsWord(text, name)).toBe(expected));
});
