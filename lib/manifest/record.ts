/**
 * The lowest readers of plain JSON: a value as an object, whether a field is set, a path into an
 * object, a number as written. Every reader of manifests in this library starts here; none throws.
 */
import { JsonPath } from './load';

/** A value as an object record, or undefined when it is not a plain object (null, arrays and scalars are not). */
export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Whether a field is set the way the API server sees it (present and not null). */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** The value at a path of object keys (array indexes are not followed); undefined when any step is not an object. */
export function getPath(obj: unknown, p: JsonPath): unknown {
  let cur: unknown = obj;
  for (const key of p) {
    const rec = asRecord(cur);
    if (!rec) return undefined;
    cur = rec[key as string];
  }
  return cur;
}

/** A field's value when it is a finite number, else undefined. */
export function writtenNumber(obj: Record<string, unknown> | undefined, field: string): number | undefined {
  const v = obj?.[field];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * A function of one object, computed once per object and remembered while the object lives (a
 * WeakMap). For values several rules derive from the same document, workload or container in one
 * run; only for inputs that are not changed after the first call. The last key asked is also held
 * (strongly) until the next call, so a run of rules over one document costs a comparison, not a
 * WeakMap lookup, per call.
 */
export function oncePerObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  // the rules of one document run one after the other, so the last key asked is nearly always the next one
  let lastKey: K | undefined;
  let lastValue: V | undefined;
  return (key: K): V => {
    if (key === lastKey) return lastValue as V;
    let value = cache.get(key);
    if (value === undefined && !cache.has(key)) {
      value = compute(key);
      cache.set(key, value);
    }
    lastKey = key;
    lastValue = value;
    return value as V;
  };
}

/**
 * A function of one object, remembered for the last `size` objects asked (compared by identity).
 * For values derived from a workload or container that the rules of one document ask for one
 * after the other: the answer is shared while that document is checked, and nothing is held for
 * the rest of the run beyond those last `size` answers (a run of 50,000 workloads would otherwise
 * keep every answer until the end).
 */
export function recentPerObject<K extends object, V>(compute: (key: K) => V, size = 8): (key: K) => V {
  const keys: Array<K | undefined> = new Array<K | undefined>(size).fill(undefined);
  const values: Array<V | undefined> = new Array<V | undefined>(size).fill(undefined);
  let next = 0; // the slot written next; the newest entry is just before it
  return (key: K): V => {
    for (let k = 1; k <= size; k++) {
      const i = (next - k + size) % size;
      if (keys[i] === key) return values[i] as V;
    }
    const value = compute(key);
    keys[next] = key;
    values[next] = value;
    next = (next + 1) % size;
    return value;
  };
}

/**
 * A memo of answers by string key, for pure functions of text that a run asks about the same few
 * values on thousands of workloads (a dependency name's pattern, a liveness path, a probe command).
 * `memo(key, compute)` answers from the memo, or runs `compute` and remembers its answer; past
 * `max` keys the memo starts over, so a run of distinct values never grows it without bound.
 */
export function stringMemo<V>(max: number): (key: string, compute: () => V) => V {
  const answers = new Map<string, V>();
  return (key, compute) => {
    const known = answers.get(key);
    if (known !== undefined || answers.has(key)) return known as V;
    const value = compute();
    if (answers.size >= max) answers.clear();
    answers.set(key, value);
    return value;
  };
}
