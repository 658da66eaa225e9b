import { parseManifestText } from '../../lib/manifest';
import { buildIndex } from '../../lib/rules/engine';
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

describe('index.workloadsSelectedBy (label map)', () => {
  it('gives the same answer as the plain definition', () => {
    const docs: string[] = [];
    const labelSets = ['{app: a}', '{app: a, tier: web}', '{app: b, tier: web}', '{app: "1"}', '{app: 1}', '{}', 'null', '[app]'];
    labelSets.forEach((labels, i) => {
      for (const ns of ['', 'namespace: shop, ']) {
        docs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {${ns}name: d${i}}\nspec: {template: {metadata: {labels: ${labels}}, spec: {containers: [{name: c}]}}}`);
      }
    });
    const selectors = ['{app: a}', '{tier: web}', '{app: a, tier: web}', '{app: "1"}', '{app: 1}', '{app: c}', '{}'];
    selectors.forEach((sel, i) => {
      for (const ns of ['', 'namespace: shop, ', 'namespace: default, ']) {
        docs.push(`apiVersion: v1\nkind: Service\nmetadata: {${ns}name: s${i}}\nspec: {selector: ${sel}, ports: [{port: 80}]}`);
      }
    });
    const index = buildIndex(parseManifestText(docs.join('\n---\n'), 'x.yaml').documents);
    expect(index.services.length).toBe(selectors.length * 3);
    let nonEmpty = 0;
    for (const s of index.services) {
      const expected = index.workloads.filter((w) => {
        const labels = (w.podMetadata.labels ?? {}) as Record<string, unknown>;
        return (w.namespace ?? 'default') === (s.namespace ?? 'default') && Object.keys(s.selector ?? {}).length > 0
          && Object.entries(s.selector ?? {}).every(([k, v]) => labels[k] === v);
      });
      if (expected.length > 0) nonEmpty++;
      expect(index.workloadsSelectedBy(s).map((w) => `${w.namespace}/${w.name}`)).toEqual(expected.map((w) => `${w.namespace}/${w.name}`));
    }
    expect(nonEmpty).toBeGreaterThan(5);
  });

  it('reads a selector as text, a "__proto__" key included, as an own key', () => {
    const objects = [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { metadata: { labels: JSON.parse('{"__proto__": "x", "port": "1"}') }, spec: { containers: [{ name: 'c' }] } } } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: JSON.parse('{"__proto__": "x", "port": 1}') } },
    ];
    const index = buildIndex(objects.map((object, i) => ({ file: 'm', documentIndex: i, basePath: [], object, positionOf: () => ({ line: 1, column: 1 }) })));
    const selector = index.services[0].selector!;
    expect(Object.keys(selector)).toEqual(['__proto__', 'port']);
    expect(Object.getPrototypeOf(selector)).toBe(Object.prototype);
    expect(selector.port).toBe('1');
    expect(index.workloadsSelectedBy(index.services[0]).map((w) => w.name)).toEqual(['d']);
  });
});
