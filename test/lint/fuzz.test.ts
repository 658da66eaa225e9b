/**
 * Robustness: random and malformed documents through ALL_RULES. Whatever the input, linting
 * returns findings and/or input errors; it never throws and no rule body crashes (a crash would
 * surface as a "failed on this object" input error, or as a throw from lintObjects).
 * 10,000 runs across the properties below; documents are kept small.
 */
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { Annotations } from '../../lib/k8s/annotations';
import { parseManifestText } from '../../lib/manifest';
import { lintDocuments, lintObjects } from '../../lib/rules/lint';
import { RULE_IDS } from '../../lib/rules/registry';

const WORKLOAD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'];

/** Wrong-typed and edge values. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer({ min: -5, max: 100 }),
  fc.constantFrom(0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, 0.5, 1e-9, 2147483648),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e999', '-0', '0x1F', '10s', '', ' ', '8080', 'http', '💥', 'a,b,c: d'),
  fc.string({ maxLength: 8 }),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), fc.constant(null)), { maxLength: 3 }),
);

const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: a }, { weight: 1, arbitrary: junk });
const num = maybe(fc.integer({ min: -3, max: 700 }));
const port = maybe(fc.oneof(fc.integer({ min: -1, max: 70000 }), fc.constantFrom('http', 'grpc', 'metrics', 'HTTP', 'a-very-long-port-name')));

const probe = maybe(
  fc.record(
    {
      httpGet: maybe(fc.record({ path: maybe(fc.constantFrom('/healthz', '/ready', '/livez', '/actuator/health', '/health/db', 'nope')), port, host: maybe(fc.constantFrom('', 'db', '127.0.0.1')), scheme: maybe(fc.constantFrom('HTTP', 'HTTPS', 'http', 'FTP')), httpHeaders: maybe(fc.array(fc.record({ name: junk, value: junk }, { requiredKeys: [] }), { maxLength: 2 })) }, { requiredKeys: [] })),
      tcpSocket: maybe(fc.record({ port, host: junk }, { requiredKeys: [] })),
      exec: maybe(fc.record({ command: maybe(fc.array(fc.constantFrom('sh', '-c', 'curl -f http://db:5432', 'test -e /tmp/healthy', 'ps aux', 'cat'), { maxLength: 4 })) }, { requiredKeys: [] })),
      grpc: maybe(fc.record({ port, service: junk }, { requiredKeys: [] })),
      initialDelaySeconds: num,
      periodSeconds: num,
      timeoutSeconds: num,
      successThreshold: num,
      failureThreshold: num,
      terminationGracePeriodSeconds: num,
    },
    { requiredKeys: [] },
  ),
);

const container = maybe(
  fc.record(
    {
      name: maybe(fc.constantFrom('app', 'web', 'istio-proxy', 'worker', '')),
      image: junk,
      ports: maybe(fc.array(maybe(fc.record({ containerPort: num, name: maybe(fc.constantFrom('http', 'grpc', 'metrics')), protocol: maybe(fc.constantFrom('TCP', 'UDP', 'SCTP')) }, { requiredKeys: [] })), { maxLength: 3 })),
      livenessProbe: probe,
      readinessProbe: probe,
      startupProbe: probe,
      restartPolicy: maybe(fc.constantFrom('Always', 'Never')),
      lifecycle: junk,
    },
    { requiredKeys: [] },
  ),
);

const podSpec = maybe(
  fc.record(
    {
      containers: maybe(fc.array(container, { maxLength: 3 })),
      initContainers: maybe(fc.array(container, { maxLength: 2 })),
      terminationGracePeriodSeconds: num,
      restartPolicy: maybe(fc.constantFrom('Always', 'OnFailure', 'Never')),
    },
    { requiredKeys: [] },
  ),
);

const annotations = maybe(
  fc.dictionary(
    fc.constantFrom(Annotations.IGNORE, Annotations.INTENTS, Annotations.WORST_STARTUP_SECONDS, Annotations.HANG_DETECTION_SECONDS, Annotations.CRITICAL_DEPENDENCIES, Annotations.CONTAINER, 'other'),
    maybe(fc.oneof(fc.constantFrom(`${RULE_IDS[0]}: reason`, 'x', 'a,b', '120', '-3', 'slow-start,http-service', 'db,cache'), fc.string({ maxLength: 12 }))),
    { maxKeys: 3 },
  ),
);

const metadata = maybe(fc.record({ name: maybe(fc.constantFrom('web', 'db', 'worker')), namespace: maybe(fc.constantFrom('default', 'shop')), labels: maybe(fc.dictionary(fc.constantFrom('app', 'tier'), maybe(fc.constantFrom('web', 'db')), { maxKeys: 2 })), annotations }, { requiredKeys: [] }));

const workload: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ kind: fc.constant('Pod'), metadata, spec: podSpec }, { requiredKeys: ['kind'] }),
  fc.record(
    {
      kind: fc.constantFrom(...WORKLOAD_KINDS.filter((k) => k !== 'Pod' && k !== 'CronJob')),
      metadata,
      spec: maybe(fc.record({ replicas: num, progressDeadlineSeconds: num, minReadySeconds: num, strategy: junk, template: maybe(fc.record({ metadata, spec: podSpec }, { requiredKeys: [] })) }, { requiredKeys: [] })),
    },
    { requiredKeys: ['kind'] },
  ),
  fc.record({ kind: fc.constant('CronJob'), metadata, spec: maybe(fc.record({ jobTemplate: maybe(fc.record({ spec: maybe(fc.record({ template: maybe(fc.record({ metadata, spec: podSpec }, { requiredKeys: [] })) }, { requiredKeys: [] })) }, { requiredKeys: [] })) }, { requiredKeys: [] })) }, { requiredKeys: ['kind'] }),
  fc.record({ kind: fc.constant('Service'), metadata, spec: maybe(fc.record({ selector: maybe(fc.dictionary(fc.constantFrom('app', 'tier'), maybe(fc.constantFrom('web', 'db')), { maxKeys: 2 })), ports: maybe(fc.array(maybe(fc.record({ port: num, targetPort: port, name: junk, protocol: junk }, { requiredKeys: [] })), { maxLength: 2 })) }, { requiredKeys: [] })) }, { requiredKeys: ['kind'] }),
  fc.record({ kind: fc.oneof(fc.constantFrom('ConfigMap', 'Ingress', 'List', 'DeploymentList', ''), junk), metadata, spec: junk, items: junk }, { requiredKeys: [] }),
  junk,
);

/** Deeply nested values in places where objects are expected. */
const deep: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, junk, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('spec', 'template', 'containers', 'metadata', 'livenessProbe', 'kind', 'items'), tie('node'), { maxKeys: 3 })),
})).node;

function expectNoRuleCrash(errors: ReadonlyArray<{ message: string }>): void {
  const crashes = errors.filter((e) => e.message.includes('failed on this object'));
  expect(crashes).toEqual([]);
}

describe('fuzzing the linter with random and malformed documents', () => {
  it('lints random workload-shaped objects in memory without a crash (5,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(workload, { minLength: 1, maxLength: 3 }), (objects) => {
        const findings = lintObjects(objects);
        expect(Array.isArray(findings)).toBe(true);
        for (const f of findings) {
          expect(RULE_IDS).toContain(f.ruleId);
          expect(typeof f.message).toBe('string');
          expect(f.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS_1 ?? 5000), endOnFailure: process.env.FUZZ_SHRINK !== '1' },
    );
  });

  it('lints the same objects as (possibly corrupted) YAML text: findings or input errors, never a throw (3,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(workload, { minLength: 1, maxLength: 3 }), fc.nat(), fc.constantFrom('none', 'truncate', 'tab', 'colon', 'anchor'), (objects, at, corruption) => {
        let text = objects.map((o) => stringify(o === undefined ? null : o)).join('---\n');
        const i = text.length === 0 ? 0 : at % text.length;
        if (corruption === 'truncate') text = text.slice(0, i);
        else if (corruption === 'tab') text = `${text.slice(0, i)}\t${text.slice(i)}`;
        else if (corruption === 'colon') text = `${text.slice(0, i)}: [${text.slice(i)}`;
        else if (corruption === 'anchor') text = `${text.slice(0, i)} *missing ${text.slice(i)}`;
        const loaded = parseManifestText(text, 'fuzz.yaml');
        const result = lintDocuments(loaded.documents);
        expectNoRuleCrash(result.errors);
        for (const f of result.findings) {
          expect(f.file).toBe('fuzz.yaml');
          expect(f.line).toBeGreaterThanOrEqual(1);
          expect(f.column).toBeGreaterThanOrEqual(1);
        }
        for (const e of loaded.errors) expect(e.file).toBe('fuzz.yaml');
      }),
      { numRuns: Number(process.env.FUZZ_RUNS_2 ?? 3000), endOnFailure: process.env.FUZZ_SHRINK !== '1' },
    );
  });

  it('survives deep nesting and arrays where objects belong (2,000 runs)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...WORKLOAD_KINDS, 'Service', 'List'), deep, deep, (kind, spec, meta) => {
        const obj = { kind, metadata: meta, spec, items: Array.isArray(spec) ? spec : undefined };
        expect(() => lintObjects([obj])).not.toThrow();
        const loaded = parseManifestText(stringify(obj), 'deep.yaml');
        expectNoRuleCrash(lintDocuments(loaded.documents).errors);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS_3 ?? 2000), endOnFailure: process.env.FUZZ_SHRINK !== '1' },
    );
  });
});
