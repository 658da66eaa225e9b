import { SERVICE_RULES } from '../../lib/rules/service';
import { RuleCategory } from '../../lib/rules/types';
import { runRuleOnYaml, testRuleFixtures } from './rule-tester';

for (const rule of SERVICE_RULES) testRuleFixtures(rule);

describe('service group', () => {
  it('lists every rule once, in id order, all in the service category', () => {
    const ids = SERVICE_RULES.map((r) => r.meta.id);
    expect([...ids].sort()).toEqual(ids);
    for (const r of SERVICE_RULES) expect(r.meta.category).toBe(RuleCategory.SERVICE);
  });

  it('never throws on malformed Services and pods', () => {
    const yaml = `apiVersion: v1
kind: Service
metadata: {name: s}
spec: {selector: {app: web}, ports: [null, 3, {port: "80", targetPort: [1]}, {port: 80, targetPort: {}}, {targetPort: ""}]}
---
apiVersion: v1
kind: Service
metadata: {name: t}
spec: {selector: [app], ports: "x"}
---
apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: web}}
spec: {containers: [{name: a, ports: [null, {containerPort: "x", name: 5, protocol: 7}]}, {name: b, ports: {}}]}
`;
    for (const rule of SERVICE_RULES) expect(() => runRuleOnYaml(rule, yaml)).not.toThrow();
  });

  it('locates the finding on the targetPort line', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: web}}
spec: {containers: [{name: a, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  selector: {app: web}
  ports:
    - port: 80
      targetPort: htp
`;
    const rule = SERVICE_RULES.find((r) => r.meta.id === 'service-target-port-name-unknown')!;
    const [f] = runRuleOnYaml(rule, yaml);
    expect(f.resource).toEqual({ kind: 'Service', name: 's', namespace: undefined });
    expect(f.line).toBe(13);
  });
});
