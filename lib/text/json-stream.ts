/**
 * `JSON.stringify(value, null, 2)`, in pieces: the same text byte for byte, without ever
 * holding it whole. `explain --format json --scenario` embeds up to half a million events, and one
 * string of them (plus its copy on the way to stdout) took explain past 450 MB (issue 11).
 */

const STEP = '  ';

/**
 * `JSON.stringify(value, null, 2)` as it reads nested in a document indented by 2, after `pad`:
 * JSON.stringify puts a raw line break only between tokens, so a nested value is the value
 * stringified alone with each line break followed by its depth's indentation.
 */
export function nestedJson(value: unknown, pad: string): string {
  return JSON.stringify(value, null, STEP).replace(/\n/g, `\n${pad}`);
}

/** What JSON.stringify serializes in place of `v` (its toJSON result, if it has one). */
function jsonValue(v: unknown, key: string): unknown {
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    return (v as { toJSON(key: string): unknown }).toJSON(key);
  }
  return v;
}

/** Whether every value directly inside `v` is a primitive: then JSON.stringify writes it in one go. */
function flat(v: object): boolean {
  const values = Array.isArray(v) ? v : Object.values(v);
  if (Array.isArray(v) && v.length > 64) return false;
  return values.every((x) => x === null || typeof x !== 'object');
}

/** An array item as JSON.stringify writes it: its text, or `null` for what it leaves out. */
function* itemChunks(raw: unknown, key: string, pad: string): Generator<string> {
  const v = jsonValue(raw, key);
  if (v !== null && typeof v === 'object') yield* containerChunks(v, pad);
  else yield JSON.stringify(v) ?? 'null';
}

/** An array or object whose toJSON (if any) was already applied. */
function* containerChunks(v: object, pad: string): Generator<string> {
  if (flat(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
    yield nestedJson(v, pad);
    return;
  }
  const inner = pad + STEP;
  if (Array.isArray(v)) {
    if (v.length === 0) {
      yield '[]';
      return;
    }
    for (let i = 0; i < v.length; i++) {
      yield `${i === 0 ? '[' : ','}\n${inner}`;
      yield* itemChunks(v[i], String(i), inner);
    }
    yield `\n${pad}]`;
    return;
  }
  let first = true;
  for (const k of Object.keys(v)) {
    const value = jsonValue((v as Record<string, unknown>)[k], k);
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(k)}: `;
    first = false;
    if (value === null || typeof value !== 'object') yield JSON.stringify(value);
    else yield* containerChunks(value, inner);
  }
  yield first ? '{}' : `\n${pad}}`;
}

/**
 * What `JSON.stringify(value, null, 2)` returns, in pieces (for `writeBuffered`). Values
 * JSON.stringify leaves out are left out here too; nothing at all for a top-level undefined.
 */
export function* jsonChunks(value: unknown): Generator<string> {
  const v = jsonValue(value, '');
  if (v !== null && typeof v === 'object') {
    yield* containerChunks(v, '');
    return;
  }
  const text = JSON.stringify(v);
  if (text !== undefined) yield text;
}
