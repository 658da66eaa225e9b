/**
 * The one-pass reader of plain YAML (lib/manifest/simple-parse.ts) must give exactly what js-yaml
 * gives whenever it accepts a file: the same values (key order, number types) and the same compact
 * position events, so positions cannot differ. It must decline everything outside its shape, and
 * accept the shape manifests are written in (else it would never pay).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import fc from 'fast-check';
import * as jsYaml from 'js-yaml';
import { stringify } from 'yaml';
import { generate } from '../../bench/corpus';
import { FastFile, isFastFile, parseWithJsYaml } from '../../lib/manifest/fast-parse';
import { EventIndex } from '../../lib/manifest/positions';
import { parseSimple } from '../../lib/manifest/simple-parse';

const SCHEMA = jsYaml.CORE_SCHEMA.withTags(jsYaml.mergeTag);
const resolve = (s: string): unknown => SCHEMA.resolveImplicitScalarTag(s).value;
const ROOT = path.join(__dirname, '..', '..');

/** A value as text that tells -0, NaN and infinities apart (JSON would not). */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'number' && (Object.is(x, -0) || !Number.isFinite(x)) ? `number:${Object.is(x, -0) ? '-0' : String(x)}` : x));
}

/** The compact events of an index, as plain arrays. */
function eventsOf(index: EventIndex): unknown {
  const raw = index as unknown as { packed: Uint8Array; starts: Int32Array; lengths: Uint16Array; documentEvents: readonly number[] };
  return { packed: [...raw.packed], starts: [...raw.starts], lengths: [...raw.lengths], documents: [...raw.documentEvents] };
}

/** Whether the reader accepted `text`; when it did, that it read it as js-yaml does. */
function expectSameAsJsYaml(text: string, label: string): boolean {
  const simple = parseSimple(text, resolve);
  if (!simple) return false;
  const reference = parseWithJsYaml(text);
  expect([label, isFastFile(reference)]).toEqual([label, true]);
  const ref = reference as FastFile;
  expect([label, ref.documents.some((d) => d.duplicate)]).toEqual([label, false]);
  expect([label, canonical(simple.documents.map((d) => d.value))]).toEqual([label, canonical(ref.documents.map((d) => d.value))]);
  expect([label, simple.documents.map((d) => d.event)]).toEqual([label, ref.documents.map((d) => d.event)]);
  expect([label, eventsOf(simple.index)]).toEqual([label, eventsOf(ref.index)]);
  return true;
}

describe('parseSimple reads as js-yaml does', () => {
  test('every YAML file in the repository (fixtures, examples, their synthesized output)', () => {
    const files = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    let accepted = 0;
    for (const f of files) {
      let text = fs.readFileSync(path.join(ROOT, f), 'utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (expectSameAsJsYaml(text, f)) accepted++;
    }
    // the point of the reader: nearly every manifest is in its shape
    expect(accepted).toBeGreaterThan(files.length * 0.9);
  });

  test('the lint benchmark corpus', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simple-parse-'));
    try {
      generate(dir, 3, 40);
      for (const f of fs.readdirSync(dir)) expect(expectSameAsJsYaml(fs.readFileSync(path.join(dir, f), 'utf8'), f)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  // values of the kinds manifests hold, and (weighted lower) keys and strings that look like other types or YAML syntax
  const tricky = fc.constantFrom('true', 'false', 'null', '~', 'yes', 'no', 'on', '0', '007', '0x1F', '0o17', '1e3', '.5', '-1', '+1', '.inf', '-.inf', '.nan', '1_000', '1.0.0', 'v1', '8080', '12345678901234567890', 'a: b', 'a #b', 'a#b', '# c', '-', '- a', '?', ':', '<<', '__proto__', "it's", 'say "hi"', 'back\\slash', ' lead', 'trail ', '', 'http://x:80/y', 'a, b', '[x]', '{y}', '@at', '`tick', '%pct', '&anchor', '*alias', '!tag', '|', '>');
  const word = fc.stringMatching(/^[a-z][a-z0-9./-]{0,12}$/);
  const scalar = fc.oneof(
    { arbitrary: word, weight: 6 },
    { arbitrary: fc.integer({ min: -100000, max: 100000 }), weight: 3 },
    { arbitrary: fc.boolean(), weight: 1 },
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: tricky, weight: 1 },
    { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
    { arbitrary: fc.double(), weight: 1 },
  );
  const key = fc.oneof({ arbitrary: word, weight: 8 }, { arbitrary: tricky, weight: 1 }, { arbitrary: fc.string({ maxLength: 6 }), weight: 1 });
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
    list: fc.array(tie('value'), { maxLength: 4 }),
    map: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  }));
  // a manifest is a mapping at its root
  const documents = fc.array(fc.dictionary(key, value, { minKeys: 1, maxKeys: 6 }), { minLength: 1, maxLength: 3 });

  test('generated documents, written by js-yaml and by `yaml` in block and flow styles, with comments', () => {
    let accepted = 0;
    fc.assert(
      fc.property(documents, fc.integer({ min: -1, max: 3 }), fc.boolean(), fc.integer({ min: 0, max: 5 }), (docs, flowLevel, byYaml, commentEvery) => {
        const texts = docs.map((d) => (byYaml ? stringify(d, { indentSeq: flowLevel % 2 === 0 }) : jsYaml.dump(d, { flowLevel, lineWidth: -1 })));
        let text = texts.join('---\n');
        if (commentEvery > 0) {
          text = text.split('\n').map((l, i) => (i % commentEvery === 0 ? `${l.replace(/\S.*/, '')}# note ${i}\n${l}` : l)).join('\n');
        }
        if (expectSameAsJsYaml(text, text)) accepted++;
      }),
      { numRuns: 500, seed: 11 },
    );
    // a good share of the generated input is in the reader's shape (the rest has a tricky value somewhere), so the comparison is not vacuous
    expect(accepted).toBeGreaterThan(150);
  });
});

describe('parseSimple accepts the plain shape', () => {
  test.each([
    ['an empty file', ''],
    ['only comments', '# one\n  # two\n'],
    ['a lone separator', '---\n'],
    ['empty documents between separators', 'a: 1\n---\n---\nb: 2\n---\n'],
    ['a sequence at its key\'s indent', 'spec:\n  containers:\n  - name: a\n    ports:\n    - 80\n  - name: b\nnext: 1\n'],
    ['a nested sequence on its own line', 'a:\n  -\n    - x\n  -\n'],
    ['quoted keys and values', '"a": \'b\'\n\'c\': "d e"\n'],
    ['a root flow mapping (one-line JSON)', '{"a": 1, "b": [true, null]}\n'],
    ['a comment after every value', 'a: 1 # one\nb: "x" # two\nc: [1] # three\nd: # four\n  e: f\n'],
    ['plain text with colons and hashes inside', 'url: http://x:80/y#frag\nhash: a#b\n'],
    ['no final newline', 'a: b'],
    ['a separator with a comment, trailing spaces', '--- # first\na: b   \nc: "d"  \n---   \ne: f\n'],
    ['an item whose mapping starts on the next line', 'a:\n- # note\n  b: 1\n  c: 2\n-\n  d: 3\n'],
    ['words that look like null or booleans but are text in the core schema', 'yes: no\non: off\nname: Nope\nnulls: Truth\nNULL: FALSEs\ntrue: ~\ny: n\nargs: [-c, --flag, +x, -Inf, -.inf, +.5, -0, -_1]\n'],
    ['numbers, booleans and nulls in every spelling js-yaml resolves', 'a: [0, -1, +2, 1.5, 1e3, 0x1F, 0o17, .inf, -.Inf, .NaN, ~, Null, NULL, True, FALSE, 007]\n80: port\ntrue: yes\n'],
  ])('%s', (_name, text) => {
    expect(expectSameAsJsYaml(text, text)).toBe(true);
  });
});

describe('parseSimple declines what js-yaml must judge', () => {
  test.each([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a literal block scalar', 'a: |\n  text\n'],
    ['a folded block scalar', 'a: >\n  text\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a multi-line quoted scalar', 'a: "one\n  two"\n'],
    ['an escape in double quotes', 'a: "x\\ny"\n'],
    ['an escaped single quote', "a: 'it''s'\n"],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a duplicate key in a flow mapping', 'a: {b: 1, b: 2}\n'],
    ['a merge key', 'a: {x: 1}\nb:\n  <<: {x: 2}\n'],
    ['a __proto__ key', '__proto__: 1\n'],
    ['a tab', 'a:\t1\n'],
    ['a carriage return', 'a: 1\r\nb: 2\r\n'],
    ['a byte order mark inside', 'a: 1\n---\n\uFEFFb: 2\n'],
    ['a line separator', 'a: b\u2028c\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['a document end marker', 'a: 1\n...\n'],
    ['content after ---', '--- a: 1\n'],
    ['a flow collection over several lines', 'a: [1,\n  2]\n'],
    ['a scalar alone on its line', 'a:\n  text\n'],
    ['a mapping value in a plain scalar', 'a: b: c\n'],
    ['a complex key', '? a\n: b\n'],
    ['a sequence of sequences on one line', '- - a\n'],
    ['a trailing comma in a flow collection', 'a: [1, 2, ]\n'],
    ['a single-pair mapping in a flow sequence', 'a: [b: c]\n'],
    ['nesting deeper than the reader goes', `${Array.from({ length: 120 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} 1\n`],
    ['a second root node without a separator', 'a: 1\n- b\n'],
  ])('%s', (_name, text) => {
    expect(parseSimple(text, resolve) as FastFile | undefined).toBeUndefined();
  });
});
