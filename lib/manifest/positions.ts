/**
 * Line and column of a field, from js-yaml's event stream kept in compact typed arrays (a few
 * bytes per YAML node, not a parsed document per object), so positions cost nothing on clean
 * documents and little memory on big inputs. The answer is the one the `yaml` package gives
 * (`doc.getIn(path, true).range[0]` through a LineCounter: a block map at its first key, a flow
 * collection at its bracket, a quoted scalar at its quote). Where the events cannot say that
 * exactly (anchors, tags, aliases, block or empty scalars, keys that are not plain strings), the
 * lookup answers {@link NEEDS_YAML} and the caller asks the `yaml` package itself.
 */
import type { JsonPath } from './load';

/** js-yaml's event type ids (EVENT_ID in js-yaml 5). */
const DOCUMENT = 1;
const SEQUENCE = 2;
const MAPPING = 3;
const SCALAR = 4;
const POP = 6;
/** js-yaml's scalar styles (SCALAR_STYLE). */
const PLAIN = 1;
const SINGLE_QUOTED = 2;
const DOUBLE_QUOTED = 3;

/** The answer when only the `yaml` package can place a path exactly. */
export const NEEDS_YAML = -2;

/** A js-yaml event, as far as positions need it. */
export interface PositionEvent {
  readonly type: number;
  readonly start?: number;
  readonly valueStart?: number;
  readonly valueEnd?: number;
  readonly anchorStart?: number;
  readonly tagStart?: number;
  readonly style?: number;
  readonly fast?: boolean;
}

const FLAG_PROPS = 0x80; // an anchor or a tag
const FLAG_FAST = 0x40; // the scalar's text is its value (no escapes, no folding)

/** The events of one file, compacted: type and style and flags per event, and two offsets. */
export class EventIndex {
  private readonly kinds: Uint8Array;
  private readonly styles: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private lineStarts?: Int32Array;

  /** @param text the file's text @param events js-yaml's events of it */
  constructor(private readonly text: string, events: readonly PositionEvent[]) {
    const n = events.length;
    this.kinds = new Uint8Array(n);
    this.styles = new Uint8Array(n);
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const e = events[i];
      const props = (e.anchorStart ?? -1) >= 0 || (e.tagStart ?? -1) >= 0;
      this.kinds[i] = e.type;
      this.styles[i] = (e.style ?? 0) | (props ? FLAG_PROPS : 0) | (e.fast ? FLAG_FAST : 0);
      this.starts[i] = e.type === SCALAR ? e.valueStart ?? -1 : e.start ?? -1;
      this.ends[i] = e.type === SCALAR ? e.valueEnd ?? -1 : -1;
    }
  }

  /** The event index right after the node that starts at `i`. */
  private skip(i: number): number {
    const k = this.kinds[i];
    if (k !== MAPPING && k !== SEQUENCE) return i + 1;
    let depth = 0;
    for (let j = i; j < this.kinds.length; j++) {
      const kj = this.kinds[j];
      if (kj === MAPPING || kj === SEQUENCE) depth++;
      else if (kj === POP && --depth === 0) return j + 1;
    }
    return this.kinds.length;
  }

  /** Whether the key event at `i` is the plain string `key`; undefined when only `yaml` can tell. */
  private keyIs(i: number, key: string): boolean | undefined {
    if (this.kinds[i] !== SCALAR) return this.kinds[i] === MAPPING || this.kinds[i] === SEQUENCE ? false : undefined;
    const s = this.styles[i];
    if (s & FLAG_PROPS || !(s & FLAG_FAST)) return undefined;
    const style = s & 0x0f;
    const start = this.starts[i];
    // compare in place (no substring per key): same length, same characters
    const same = this.ends[i] - start === key.length && this.text.startsWith(key, start);
    if (style === PLAIN) {
      if (!same) return false;
      // a plain key that resolves to a number, boolean or null is not the string `key` to `yaml`
      return /^[-+.0-9~]|^(true|false|null|True|False|TRUE|FALSE|Null|NULL)$/.test(key) ? undefined : true;
    }
    if (style === SINGLE_QUOTED || style === DOUBLE_QUOTED) return same;
    return undefined;
  }

  /** The offset `yaml` reports for the node starting at event `i`, or NEEDS_YAML. */
  private offsetOf(i: number): number {
    const k = this.kinds[i];
    const s = this.styles[i];
    if (s & FLAG_PROPS) return NEEDS_YAML;
    if (k === MAPPING || k === SEQUENCE) return this.starts[i] >= 0 ? this.starts[i] : NEEDS_YAML;
    if (k !== SCALAR || this.starts[i] < 0) return NEEDS_YAML;
    const style = s & 0x0f;
    if (style === PLAIN) return this.starts[i];
    if (style === SINGLE_QUOTED || style === DOUBLE_QUOTED) return this.starts[i] - 1;
    return NEEDS_YAML;
  }

  /**
   * The offset of the deepest node along `path` inside the document whose DOCUMENT event is at
   * `documentEvent` (the root node when nothing of the path exists), or NEEDS_YAML.
   */
  locate(documentEvent: number, path: JsonPath): number {
    if (this.kinds[documentEvent] !== DOCUMENT) return NEEDS_YAML;
    let node = documentEvent + 1;
    let found = this.offsetOf(node);
    for (const key of path) {
      const k = this.kinds[node];
      let next = -1;
      if (k === MAPPING && typeof key === 'string') {
        let j = node + 1;
        while (j < this.kinds.length && this.kinds[j] !== POP) {
          const value = this.skip(j);
          const is = this.keyIs(j, key);
          if (is === undefined) return NEEDS_YAML;
          if (is) {
            next = value;
            break;
          }
          j = this.skip(value);
        }
      } else if (k === SEQUENCE && typeof key === 'number') {
        let j = node + 1;
        for (let n = 0; j < this.kinds.length && this.kinds[j] !== POP; n++) {
          if (n === key) {
            next = j;
            break;
          }
          j = this.skip(j);
        }
      } else if (k === SCALAR || k === MAPPING || k === SEQUENCE) {
        return found; // `yaml` finds nothing below a scalar, nor a number key in a map
      } else {
        return NEEDS_YAML; // an alias
      }
      if (next < 0) return found;
      const offset = this.offsetOf(next);
      if (offset === NEEDS_YAML) return NEEDS_YAML;
      node = next;
      found = offset;
    }
    return found;
  }

  /** 1-based line and column of an offset, as `yaml`'s LineCounter gives them. */
  lineCol(offset: number): { line: number; column: number } {
    if (!this.lineStarts) this.lineStarts = lineStartsOf(this.text);
    const ls = this.lineStarts;
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - ls[lo] + 1 };
  }
}

/** The offset of the start of every line (a line ends at `\n`, as in `yaml`'s LineCounter). */
export function lineStartsOf(text: string): Int32Array {
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Int32Array(count);
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[n++] = i + 1;
  return starts;
}
