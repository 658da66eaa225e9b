import * as fs from 'fs';
import * as path from 'path';
import { PEER_RULES } from '../../lib/rules/peer';
import { API_RULES } from '../../lib/rules/api';
import { parseManifestText } from '../../lib/manifest';
import { buildIndex, runRules } from '../../lib/rules/engine';
import { Finding, RuleCategory } from '../../lib/rules/types';
import * as fc from 'fast-check';
import { runRuleOnYaml, testRuleFixtures } from './rule-tester';

for (const rule of PEER_RULES) testRuleFixtures(rule);

describe('PEER group', () => {
  it('has unique kebab-case ids, PEER category and complete metadata', () => {
    const ids = PEER_RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of PEER_RULES) {
      expect(r.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.meta.category).toBe(RuleCategory.PEER);
      expect(r.meta.description.length).toBeGreaterThan(10);
      expect(r.meta.rationale).toMatch(/seed|reference|peer-checks|kube-|#\d+/);
      expect(r.meta.fix.length).toBeGreaterThan(10);
    }
  });
});

describe('PEER and API rules on lenient input', () => {
  const ALL = [...PEER_RULES, ...API_RULES];
  const weird = fc.oneof(fc.anything(), fc.constantFrom(null, '10', -1, 1.5, 0, 65536, 'http', '', [], {}, true));
  const handler = fc.record(
    { port: weird, host: weird, path: weird, scheme: weird, httpHeaders: fc.oneof(weird, fc.array(fc.record({ name: weird, value: weird }, { requiredKeys: [] }))), command: fc.oneof(weird, fc.array(weird)), service: weird },
    { requiredKeys: [] },
  );
  const probe = fc.oneof(
    weird,
    fc.record(
      {
        exec: fc.oneof(weird, handler), httpGet: fc.oneof(weird, handler), tcpSocket: fc.oneof(weird, handler), grpc: fc.oneof(weird, handler),
        initialDelaySeconds: weird, periodSeconds: weird, timeoutSeconds: weird, successThreshold: weird, failureThreshold: weird, terminationGracePeriodSeconds: weird,
      },
      { requiredKeys: [] },
    ),
  );
  const container = fc.record(
    {
      name: fc.oneof(weird, fc.constantFrom('app', 'istio-proxy')),
      ports: fc.oneof(weird, fc.array(fc.record({ containerPort: weird, name: weird, protocol: weird }, { requiredKeys: [] }))),
      livenessProbe: probe, readinessProbe: probe, startupProbe: probe,
      restartPolicy: fc.oneof(weird, fc.constant('Always')),
      lifecycle: fc.oneof(weird, fc.record({ preStop: fc.oneof(weird, fc.record({ httpGet: handler, tcpSocket: handler }, { requiredKeys: [] })) }, { requiredKeys: [] })),
    },
    { requiredKeys: [] },
  );
  const workload = fc.record({
    kind: fc.constantFrom('Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'),
    containers: fc.oneof(weird, fc.array(fc.oneof(container, weird), { maxLength: 3 })),
    initContainers: fc.oneof(weird, fc.array(fc.oneof(container, weird), { maxLength: 2 })),
    ephemeralContainers: fc.oneof(weird, fc.array(fc.oneof(container, weird), { maxLength: 1 })),
    restartPolicy: weird,
    replicas: weird,
    strategy: weird,
    minReadySeconds: weird,
  });

  function toYaml(w: { kind: string; containers: unknown; initContainers: unknown; ephemeralContainers: unknown; restartPolicy: unknown; replicas: unknown; strategy: unknown; minReadySeconds: unknown }): string {
    const podSpec = { containers: w.containers, initContainers: w.initContainers, ephemeralContainers: w.ephemeralContainers, restartPolicy: w.restartPolicy };
    const template = { metadata: { labels: { app: 'x' } }, spec: podSpec };
    const obj =
      w.kind === 'Pod' ? { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', labels: { app: 'x' } }, spec: podSpec }
      : w.kind === 'CronJob' ? { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'x' }, spec: { jobTemplate: { spec: { template } } } }
      : { apiVersion: 'apps/v1', kind: w.kind, metadata: { name: 'x' }, spec: { replicas: w.replicas, strategy: w.strategy, updateStrategy: w.strategy, minReadySeconds: w.minReadySeconds, template } };
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { selector: { app: 'x' } } };
    return `${JSON.stringify(obj)}\n---\n${JSON.stringify(service)}\n`;
  }

  it('never throw on values of the wrong type, and report the same findings twice', () => {
    fc.assert(
      fc.property(workload, (w) => {
        const loaded = parseManifestText(toYaml(w), 'fuzz.yaml');
        expect(loaded.errors).toEqual([]);
        const index = buildIndex(loaded.documents);
        const show = (f: Finding) => `${f.ruleId} ${f.line}:${f.column} ${f.message}`;
        // runRules rethrows the first rule that threw
        expect(runRules(ALL, index).map(show)).toEqual(runRules(ALL, index).map(show));
      }),
      { numRuns: 300 },
    );
  });
});

describe("this project's own synthesized manifests (dist/)", () => {
  const dist = path.join(__dirname, '..', '..', 'dist');
  const files = fs.existsSync(dist) ? fs.readdirSync(dist).filter((f) => f.endsWith('.k8s.yaml')).sort() : [];
  it('exist', () => expect(files.length).toBeGreaterThan(0));
  for (const f of files) {
    it(`${f} is clean under every PEER and API rule`, () => {
      const text = fs.readFileSync(path.join(dist, f), 'utf8');
      const findings = [...PEER_RULES, ...API_RULES].flatMap((r) => runRuleOnYaml(r, text, f));
      expect(findings.map((x) => `${x.ruleId}: ${x.message}`)).toEqual([]);
    });
  }
});
