/**
 * The fast loader (js-yaml events + a compact offset index) must place every field exactly where
 * the `yaml` package's document model did before it: same objects, same document indexes, same
 * line and column for every path (and for paths that do not exist: the nearest ancestor). Checked
 * on every rule fixture, on the lint benchmark's generated corpus and on generated YAML.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { JsonPath, parseManifestText, SourceDocument } from '../../lib/manifest';
import { parseWithYaml, yamlPositionOf } from '../../lib/manifest/yaml-parse';
import { generate } from '../../bench/corpus';

/** Every path to a value in `v`, plus a missing child under each mapping and sequence. */
function allPaths(v: unknown, prefix: (string | number)[] = [], out: JsonPath[] = []): JsonPath[] {
  out.push(prefix);
  if (Array.isArray(v)) {
    v.forEach((x, i) => allPaths(x, [...prefix, i], out));
    out.push([...prefix, v.length]);
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) allPaths(x, [...prefix, k], out);
    out.push([...prefix, 'no-such-field']);
  }
  return out;
}

/**
 * The reference: the previous loader's reading, with the `yaml` package, and the indexes of the
 * documents it cannot turn into objects (`toJS` throws, e.g. on a merge key `<<` whose value is not
 * a mapping: an input error to the loader, never a document).
 */
function reference(text: string): { readable: Array<{ documentIndex: number; object: unknown; at: (p: JsonPath) => { line: number; column: number } }>; unreadable: number[] } {
  const { docs, lines } = parseWithYaml(text);
  const unreadable: number[] = [];
  const readable = docs.flatMap((doc, documentIndex) => {
    if (doc.errors.length > 0 || doc.contents === null) return [];
    let object: unknown;
    try {
      object = doc.toJS();
    } catch {
      unreadable.push(documentIndex);
      return [];
    }
    return object === null ? [] : [{ documentIndex, object, at: (p: JsonPath) => yamlPositionOf(doc, lines, p) }];
  });
  return { readable, unreadable };
}

function expectSamePositions(text: string, file: string): number {
  const { readable: ref, unreadable } = reference(text);
  const fast = parseManifestText(text, file);
  // what the yaml package cannot make into an object, the loader gives no document for either
  expect(fast.documents.filter((d) => unreadable.includes(d.documentIndex)).map((d) => d.documentIndex)).toEqual([]);
  const key = (d: { documentIndex: number }, base: JsonPath) => `${d.documentIndex}:${JSON.stringify(base)}`;
  const byDoc = new Map<string, SourceDocument>(fast.documents.map((d) => [key(d, d.basePath), d]));
  let checked = 0;
  for (const r of ref) {
    const items = (r.object as { kind?: unknown; items?: unknown }).kind;
    const list = typeof items === 'string' && items.endsWith('List') && Array.isArray((r.object as { items?: unknown }).items);
    const parts: Array<{ base: JsonPath; object: unknown }> = list
      ? ((r.object as { items: unknown[] }).items.map((o, i) => ({ base: ['items', i], object: o })))
      : [{ base: [], object: r.object }];
    for (const part of parts) {
      const d = byDoc.get(key(r, part.base));
      if (!d) continue; // a List item that is not an object
      expect(d.object).toEqual(part.object);
      for (const p of allPaths(part.object)) {
        expect([file, d.documentIndex, p, d.positionOf(p)]).toEqual([file, d.documentIndex, p, r.at([...part.base, ...p])]);
        checked++;
      }
    }
  }
  expect(fast.documents.length).toBe(byDoc.size);
  return checked;
}

function fixtureFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? fixtureFiles(path.join(dir, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

describe('fast loader positions are the yaml package positions', () => {
  const root = path.join(__dirname, '..', '..');
  const fixtures = [...fixtureFiles(path.join(root, 'test', 'rules', 'fixtures')), ...fixtureFiles(path.join(root, 'test', 'lint', 'demo')), ...fixtureFiles(path.join(root, 'dist'))];

  it('on every rule fixture, the demo and dist/', () => {
    expect(fixtures.length).toBeGreaterThan(80);
    let checked = 0;
    for (const f of fixtures) checked += expectSamePositions(fs.readFileSync(f, 'utf8'), path.relative(root, f));
    expect(checked).toBeGreaterThan(10000);
  });

  it("on the lint benchmark's generated corpus", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'positions-'));
    try {
      generate(dir, 3, 60);
      for (const f of fs.readdirSync(dir)) expectSamePositions(fs.readFileSync(path.join(dir, f), 'utf8'), f);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('on generated YAML in every style the yaml package writes (flow, quoted, block scalars, JSON)', () => {
    const key = fc.oneof(fc.constantFrom('name', 'spec', 'containers', 'livenessProbe', 'a b', 'x:y', '#c', "it's", 'ports'), fc.string({ maxLength: 6 }));
    const leaf = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 12 }), fc.constantFrom('multi\nline\n', ' lead', 'true', '1.5', '~', '{{ .Values.x }}'));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('tree'), { maxLength: 3 }), fc.dictionary(key, tie('tree'), { maxKeys: 4 })),
    }));
    fc.assert(
      fc.property(fc.array(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 4 }), { minLength: 1, maxLength: 3 }), fc.constantFrom('block', 'flow', 'json', 'indent4'), (docs, style) => {
        const text = docs
          .map((d) => (style === 'json' ? JSON.stringify(d, null, 2) + '\n' : stringify(d, { collectionStyle: style === 'flow' ? 'flow' : 'any', indent: style === 'indent4' ? 4 : 2 })))
          .join('---\n');
        expectSamePositions(text, 'gen.yaml');
      }),
      { numRuns: 300 },
    );
  });

  it('on anchors, aliases, merge keys, tags, empty values, comments, directives and Lists', () => {
    const text = `%YAML 1.2
--- # leading comment
apiVersion: v1
kind: List
items:
  - &base
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: "a", labels: {'app': a}}
    spec:
      template:
        spec:
          containers:
            - name: app
              args: !!seq [x, "y"]
              command: |
                echo hi
              livenessProbe:
                exec: {command: [cat, /tmp/x]}
                periodSeconds:
  - <<: *base
    metadata: {name: b}
...
---
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations: !!map
    "quoted key": v
spec:
  containers: [{name: c, image: "i:1", readinessProbe: {tcpSocket: {port: 80}}}]
`;
    expect(expectSamePositions(text, 'edge.yaml')).toBeGreaterThan(40);
  });
});
