/**
 * `JSON.stringify(value, null, 2)`, written in pieces: the same text byte for byte, without ever
 * holding it whole. `explain --format json --scenario` embeds up to half a million events, and one
 * string of them (plus its copy on the way to stdout) took explain past 450 MB (issue 11).
 */

type Write = (chunk: string) => void;

const STEP = '  ';

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

/** Writes `raw` (as JSON.stringify sees it under `key`) at indentation `pad`; false when JSON.stringify would leave it out. */
function writeValue(raw: unknown, key: string, pad: string, write: Write): boolean {
  const v = jsonValue(raw, key);
  if (v === null || typeof v !== 'object') {
    const text = JSON.stringify(v);
    if (text === undefined) return false;
    write(text);
    return true;
  }
  writeContainer(v, pad, write);
  return true;
}

/** Writes an array or object whose toJSON (if any) was already applied. */
function writeContainer(v: object, pad: string, write: Write): void {
  // a nested value's lines carry its depth's indentation after each line break
  if (flat(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
    write(JSON.stringify(v, null, STEP).replace(/\n/g, `\n${pad}`));
    return;
  }
  const inner = pad + STEP;
  if (Array.isArray(v)) {
    if (v.length === 0) return write('[]');
    for (let i = 0; i < v.length; i++) {
      write(`${i === 0 ? '[' : ','}\n${inner}`);
      if (!writeValue(v[i], String(i), inner, write)) write('null');
    }
    return write(`\n${pad}]`);
  }
  let first = true;
  for (const k of Object.keys(v)) {
    const value = jsonValue((v as Record<string, unknown>)[k], k);
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    write(`${first ? '{' : ','}\n${inner}${JSON.stringify(k)}: `);
    first = false;
    if (value === null || typeof value !== 'object') write(JSON.stringify(value));
    else writeContainer(value, inner, write);
  }
  write(first ? '{}' : `\n${pad}}`);
}

/**
 * Writes what `JSON.stringify(value, null, 2)` returns, in pieces through `write`. Values
 * JSON.stringify leaves out are left out here too; nothing is written for a top-level undefined.
 */
export function writeJson(value: unknown, write: Write): void {
  writeValue(value, '', '', write);
}
