/**
 * jsonChunks yields JSON.stringify(value, null, 2) in pieces: the same text for any value, and never
 * one piece as large as the whole when the value holds a long array.
 */
import * as fc from 'fast-check';
import { jsonChunks } from '../../lib/text/json-stream';

function written(value: unknown): { text: string; largest: number } {
  let text = '';
  let largest = 0;
  for (const chunk of jsonChunks(value)) {
    text += chunk;
    largest = Math.max(largest, chunk.length);
  }
  return { text, largest };
}

describe('jsonChunks', () => {
  it('writes what JSON.stringify(value, null, 2) returns, for any value', () => {
    fc.assert(fc.property(fc.anything({ withBoxedValues: true, withNullPrototype: true, withSparseArray: true, withDate: true }), (v) => {
      expect(written(v).text).toBe(JSON.stringify(v, null, 2) ?? '');
    }), { numRuns: 2000 });
  });

  it('handles what JSON.stringify leaves out or replaces', () => {
    const cases: unknown[] = [
      undefined, null, NaN, -0, Infinity, 'a\nb"c', [], {}, [[]], [{}], { a: undefined, b: () => 1, c: Symbol('s'), d: 1 },
      [undefined, () => 1, Symbol('s')], { toJSON: () => ({ x: [1, { y: 2 }] }) }, { d: new Date(0) }, new Array(70).fill({ a: 1 }),
      { nested: { toJSON: (k: string) => `key ${k}` } }, Array.from({ length: 100 }, (_, i) => i),
    ];
    for (const v of cases) expect(written(v).text).toBe(JSON.stringify(v, null, 2) ?? '');
  });

  it('writes a long array of events one event at a time', () => {
    const events = Array.from({ length: 10_000 }, (_, i) => ({ time: i / 7, replica: i % 3, type: 'probe', probe: 'liveness', outcome: 'success' }));
    const report = { workloads: [{ name: 'web' }], scenario: { runs: [{ simulation: { events, summary: { total: 1 } } }] } };
    const { text, largest } = written(report);
    expect(text).toBe(JSON.stringify(report, null, 2));
    expect(largest).toBeLessThan(500);
  });
});
