import { TIMING_RULES } from '../../lib/rules/timing';
import { LARGE_LIVENESS_DELAY_SECONDS } from '../../lib/rules/timing/liveness-delay-instead-of-startup-probe';
import { rule as startupAllowanceBelowDeclared } from '../../lib/rules/timing/startup-allowance-below-declared';
import { rule as timeoutNotBelowPeriod } from '../../lib/rules/timing/timeout-not-below-period';
import { RuleCategory } from '../../lib/rules/types';
import { runRuleOnYaml, testRuleFixtures } from './rule-tester';

for (const rule of TIMING_RULES) testRuleFixtures(rule);

describe('timing group', () => {
  it('lists every rule once, in id order, all in the timing category', () => {
    const ids = TIMING_RULES.map((r) => r.meta.id);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of TIMING_RULES) {
      expect(r.meta.category).toBe(RuleCategory.TIMING);
      expect(r.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.meta.description.length).toBeGreaterThan(0);
      expect(r.meta.rationale).toMatch(/seed|probe-semantics|peer-checks/);
    }
  });

  const malformed = [
    'spec: null',
    'spec: {template: {spec: {containers: "nope"}}}',
    'spec: {template: {spec: {containers: [null, 3, "x", {name: 7, livenessProbe: "bad"}]}}}',
    'spec: {template: {spec: {containers: [{livenessProbe: {periodSeconds: "10", timeoutSeconds: [1], failureThreshold: null, initialDelaySeconds: {}, exec: {command: "sh"}}, readinessProbe: []}]}}}',
    'spec: {progressDeadlineSeconds: "600", template: {metadata: {annotations: {"probes.cdk8s.io/worst-startup-seconds": "abc", "probes.cdk8s.io/container": 5}}, spec: {terminationGracePeriodSeconds: "x", containers: [{startupProbe: {terminationGracePeriodSeconds: "30", httpGet: null}}]}}}',
    'spec: {template: {metadata: {annotations: ["probes.cdk8s.io/intents"]}, spec: {containers: [{startupProbe: {failureThreshold: -4, periodSeconds: 1e400}}]}}}',
  ];
  for (const spec of malformed) {
    it(`never throws on malformed input: ${spec.slice(0, 60)}…`, () => {
      const yaml = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: bad}\n${spec}\n`;
      for (const rule of TIMING_RULES) expect(() => runRuleOnYaml(rule, yaml)).not.toThrow();
    });
  }

  it('points at the offending field so file:line is exact', () => {
    const yaml = [
      'apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '    - name: app',
      '      readinessProbe:', '        httpGet: {path: /readyz, port: 8080}', '        periodSeconds: 2', '        timeoutSeconds: 4', '',
    ].join('\n');
    const [f] = runRuleOnYaml(timeoutNotBelowPeriod, yaml);
    expect(f.line).toBe(10);
    expect(f.path).toEqual(['spec', 'containers', 0, 'readinessProbe', 'timeoutSeconds']);
    expect(f.container).toBe('app');
  });

  it('suggests a startup probe sized by lib/timing that really covers the declared startup', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations: {probes.cdk8s.io/worst-startup-seconds: "300"}
spec:
  containers:
    - name: app
      startupProbe: {httpGet: {port: 8080}, periodSeconds: 10, failureThreshold: 30, timeoutSeconds: 3}
`;
    const [f] = runRuleOnYaml(startupAllowanceBelowDeclared, yaml);
    const m = /periodSeconds (\d+), failureThreshold (\d+)/.exec(f.fix);
    expect(m).not.toBeNull();
    const [p, fth] = [Number(m![1]), Number(m![2])];
    expect((fth - 1) * p).toBeGreaterThanOrEqual(300);
  });

  it('fires on a liveness delay from the documented threshold on, not below it', () => {
    const pod = (d: number) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      livenessProbe: {httpGet: {port: 8080}, initialDelaySeconds: ${d}}\n`;
    const rule = TIMING_RULES.find((r) => r.meta.id === 'liveness-delay-instead-of-startup-probe')!;
    expect(runRuleOnYaml(rule, pod(LARGE_LIVENESS_DELAY_SECONDS - 1))).toHaveLength(0);
    expect(runRuleOnYaml(rule, pod(LARGE_LIVENESS_DELAY_SECONDS))).toHaveLength(1);
  });
});
