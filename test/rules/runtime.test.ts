import * as fc from 'fast-check';
import { RUNTIME_RULES } from '../../lib/rules/runtime';
import { RuleCategory } from '../../lib/rules/types';
import { runRuleOnYaml, testRuleFixtures } from './rule-tester';

for (const rule of RUNTIME_RULES) testRuleFixtures(rule);

describe('RUNTIME group', () => {
  it('has RUNTIME category and complete metadata', () => {
    for (const r of RUNTIME_RULES) {
      expect(r.meta.category).toBe(RuleCategory.RUNTIME);
      expect(r.meta.rationale).toMatch(/seed|issue|reference/);
    }
  });
});

describe('RUNTIME rules on lenient input', () => {
  const weird = fc.oneof(fc.anything(), fc.constantFrom(null, true, 'true', '/tmp', '', [], {}, 8080, '8080'));
  const path = fc.constantFrom('/tmp', '/tmp/', '/tmp/healthy', '/var/run', '/', 'tmp', '/data');
  const container = fc.record(
    {
      name: fc.oneof(weird, fc.constantFrom('app', 'sidecar')),
      securityContext: fc.oneof(weird, fc.record({ readOnlyRootFilesystem: fc.oneof(weird, fc.constant(true)) }, { requiredKeys: [] })),
      volumeMounts: fc.oneof(weird, fc.array(fc.oneof(weird, fc.record({ mountPath: fc.oneof(weird, path), readOnly: weird }, { requiredKeys: [] })), { maxLength: 3 })),
      ports: fc.oneof(weird, fc.array(fc.record({ containerPort: fc.oneof(weird, fc.constantFrom(8080, 9090)) }, { requiredKeys: [] }), { maxLength: 2 })),
      livenessProbe: fc.oneof(
        weird,
        fc.record({ exec: fc.oneof(weird, fc.record({ command: fc.oneof(weird, fc.array(fc.oneof(weird, fc.constantFrom('sh', '-c', 'test', '-e', 'stat -c %Y /tmp/hb', '/tmp/healthy', 'cat /data/x')), { maxLength: 4 })) })) }),
        fc.record({ httpGet: fc.record({ port: fc.oneof(weird, fc.constantFrom(8080, 9090)), host: weird }, { requiredKeys: [] }) }),
      ),
    },
    { requiredKeys: [] },
  );
  it('never throw, and every file finding names an absolute path no volumeMount covers', () => {
    fc.assert(
      fc.property(fc.array(container, { minLength: 1, maxLength: 3 }), (containers) => {
        const yaml = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers } });
        for (const rule of RUNTIME_RULES) {
          for (const f of runRuleOnYaml(rule, yaml)) {
            if (rule.meta.id !== 'exec-probe-file-read-only-root') continue;
            const m = / reads (\/\S*) \(/.exec(f.message);
            expect(m).not.toBeNull();
            const c = containers[f.path[2] as number] as { volumeMounts?: unknown }; // path: spec, containers, index, …
            const mounts = (Array.isArray(c.volumeMounts) ? c.volumeMounts : [])
              .map((v) => (v !== null && typeof v === 'object' ? (v as { mountPath?: unknown }).mountPath : undefined))
              .filter((x): x is string => typeof x === 'string' && x.startsWith('/'))
              .map((x) => (x.length > 1 ? x.replace(/\/+$/, '') : x));
            for (const d of mounts) expect(m![1] === d || m![1].startsWith(d === '/' ? '/' : `${d}/`)).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
