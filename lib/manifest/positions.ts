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
export const DOCUMENT = 1;
export const SEQUENCE = 2;
export const MAPPING = 3;
export const SCALAR = 4;
export const POP = 6;
/** js-yaml's scalar styles (SCALAR_STYLE). */
export const PLAIN = 1;
export const SINGLE_QUOTED = 2;
export const DOUBLE_QUOTED = 3;
/** js-yaml's collection styles (COLLECTION_STYLE). */
export const BLOCK = 1;
export const FLOW = 2;

/**
 * The words that are not text in the YAML 1.2 core schema: its null and boolean spellings (js-yaml's
 * and `yaml`'s `null` and `bool` types). Every other word is text.
 */
export const CORE_WORDS: ReadonlySet<string> = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

/**
 * Whether a plain scalar spelled `s` may resolve to something other than its text in the core
 * schema: a number (a digit, a sign or a dot first), null (`~` or a word) or a boolean.
 */
export function mayResolve(s: string): boolean {
  const c = s.charCodeAt(0);
  const numberOrTilde = (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e || c === 0x7e; // 0-9 + - . ~
  return numberOrTilde || ((s.length === 4 || s.length === 5) && CORE_WORDS.has(s));
}

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
/** The packed flag of a scalar whose text is its value (no escapes, no folding). */
export const FLAG_FAST = 0x40;
/** A scalar this long or longer is never compared as a key here. */
export const LONG = 0xffff;

/** Whether an event carries an anchor or a tag. */
function hasProps(e: PositionEvent): boolean {
  return (e.anchorStart ?? -1) >= 0 || (e.tagStart ?? -1) >= 0;
}

/**
 * The events of one file, compacted to 7 bytes an event: type (3 bits), style (3 bits) and two
 * flags in one byte, the start offset, and a scalar's length (for comparing keys). Built from
 * js-yaml's events ({@link EventIndex.fromEvents}) or written directly by a reader that produces
 * the same compact events as it goes (lib/manifest/simple-parse.ts).
 */
export class EventIndex {
  /** Packs js-yaml's events of `text`. */
  static fromEvents(text: string, events: readonly PositionEvent[]): EventIndex {
    const n = events.length;
    const packed = new Uint8Array(n);
    const starts = new Int32Array(n);
    const lengths = new Uint16Array(n);
    const documentEvents: number[] = [];
    for (let i = 0; i < n; i++) {
      const e = events[i];
      const type = e.type;
      // each event type has its own fields (js-yaml's add*Event): read only those, so every read sees one shape
      if (type === SCALAR) {
        const valueStart = e.valueStart ?? -1;
        packed[i] = type | ((e.style ?? 0) << 3) | (hasProps(e) ? FLAG_PROPS : 0) | (e.fast ? FLAG_FAST : 0);
        starts[i] = valueStart;
        lengths[i] = Math.min(LONG, Math.max(0, (e.valueEnd ?? -1) - valueStart));
      } else if (type === MAPPING || type === SEQUENCE) {
        packed[i] = type | ((e.style ?? 0) << 3) | (hasProps(e) ? FLAG_PROPS : 0);
        starts[i] = e.start ?? -1;
      } else if (type === POP) {
        packed[i] = type;
        starts[i] = -1;
      } else {
        if (type === DOCUMENT) documentEvents.push(i);
        packed[i] = type | (hasProps(e) ? FLAG_PROPS : 0) | (e.fast ? FLAG_FAST : 0);
        starts[i] = e.start ?? -1;
      }
    }
    return new EventIndex(text, packed, starts, lengths, documentEvents);
  }

  private lineStarts?: Int32Array;

  /**
   * @param text the file's text
   * @param packed per event: type | style << 3 | flags
   * @param starts per event: its start offset (a scalar's value start), -1 when none
   * @param lengths per event: a scalar's length, capped at {@link LONG}
   * @param documentEvents the index of every DOCUMENT event, in order
   */
  constructor(
    private readonly text: string,
    private readonly packed: Uint8Array,
    private readonly starts: Int32Array,
    private readonly lengths: Uint16Array,
    readonly documentEvents: readonly number[],
  ) {}

  /** The event type at `i`. */
  private kind(i: number): number {
    return this.packed[i] & 0x07;
  }

  /** The scalar or collection style at `i`. */
  private style(i: number): number {
    return (this.packed[i] >> 3) & 0x07;
  }

  /** The event index right after the node that starts at `i`. */
  private skip(i: number): number {
    const k = this.kind(i);
    if (k !== MAPPING && k !== SEQUENCE) return i + 1;
    let depth = 0;
    for (let j = i; j < this.packed.length; j++) {
      const kj = this.kind(j);
      if (kj === MAPPING || kj === SEQUENCE) depth++;
      else if (kj === POP && --depth === 0) return j + 1;
    }
    return this.packed.length;
  }

  /** Whether the key event at `i` is the plain string `key`; undefined when only `yaml` can tell. */
  private keyIs(i: number, key: string): boolean | undefined {
    const k = this.kind(i);
    if (k !== SCALAR) return k === MAPPING || k === SEQUENCE ? false : undefined;
    const s = this.packed[i];
    if (s & FLAG_PROPS || !(s & FLAG_FAST) || this.lengths[i] === LONG) return undefined;
    const style = this.style(i);
    const start = this.starts[i];
    // compare in place (no substring per key): same length, same characters
    const same = this.lengths[i] === key.length && this.text.startsWith(key, start);
    if (style === PLAIN) {
      if (!same) return false;
      // a plain key that resolves to a number, boolean or null is not the string `key` to `yaml`
      return mayResolve(key) ? undefined : true;
    }
    if (style === SINGLE_QUOTED || style === DOUBLE_QUOTED) return same;
    return undefined;
  }

  /** The offset `yaml` reports for the node starting at event `i`, or NEEDS_YAML. */
  private offsetOf(i: number): number {
    const k = this.kind(i);
    const s = this.packed[i];
    if (s & FLAG_PROPS) return NEEDS_YAML;
    if (k === MAPPING || k === SEQUENCE) return this.starts[i] >= 0 ? this.starts[i] : NEEDS_YAML;
    if (k !== SCALAR || this.starts[i] < 0) return NEEDS_YAML;
    const style = this.style(i);
    if (style === PLAIN) return this.starts[i];
    if (style === SINGLE_QUOTED || style === DOUBLE_QUOTED) return this.starts[i] - 1;
    return NEEDS_YAML;
  }

  /**
   * The offset of the deepest node along `path` inside the document whose DOCUMENT event is at
   * `documentEvent` (the root node when nothing of the path exists), or NEEDS_YAML.
   */
  locate(documentEvent: number, path: JsonPath): number {
    if (this.kind(documentEvent) !== DOCUMENT) return NEEDS_YAML;
    let node = documentEvent + 1;
    let found = this.offsetOf(node);
    for (const key of path) {
      const k = this.kind(node);
      let next = -1;
      if (k === MAPPING && typeof key === 'string') {
        let j = node + 1;
        while (j < this.packed.length && this.kind(j) !== POP) {
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
        for (let n = 0; j < this.packed.length && this.kind(j) !== POP; n++) {
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
