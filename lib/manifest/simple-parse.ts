/**
 * A one-pass reader for the plain shape most manifests are written in (what cdk8s, Helm and
 * kubectl emit): block mappings and sequences, one-line flow collections, single-line plain and
 * quoted scalars without escapes, comments, `---` between documents. It builds the objects and the
 * compact position events ({@link EventIndex}) as it goes, the same events js-yaml's parser would
 * give, so positions are the same by construction. It costs about half the CPU of js-yaml's
 * events-then-objects passes, which allocate an object per YAML node (README, Benchmarks).
 *
 * Anything outside that shape (anchors, aliases, tags, block scalars, multi-line scalars,
 * escapes, duplicate or merge keys, tabs, carriage returns, directives, deep nesting, and any
 * irregularity at all) makes it give up on the whole file: the caller then reads the file with
 * js-yaml (lib/manifest/fast-parse.ts), which owns the YAML semantics. So it never has to be
 * right about hard YAML, only to recognise easy YAML; test/manifest/simple-parse.test.ts holds it
 * to js-yaml's values and events on every fixture, the benchmark corpora and generated input.
 */
import {
  BLOCK,
  DOCUMENT,
  DOUBLE_QUOTED,
  EventIndex,
  FLAG_FAST,
  FLOW,
  LONG,
  MAPPING,
  mayResolve,
  PLAIN,
  POP,
  SCALAR,
  SEQUENCE,
  SINGLE_QUOTED,
} from './positions';
// type-only: fast-parse calls this reader, and this reader gives what fast-parse gives
import type { FastDocument, FastFile } from './fast-parse';

/** Thrown inside the reader when the input leaves the plain shape; never escapes {@link parseSimple}. */
class NotSimple {}
const NOT_SIMPLE = new NotSimple();

/** Deeper than this, the file is js-yaml's (which bounds depth and reports it). */
const MAX_NESTING = 100;

/**
 * Characters that make a file not plain: tabs, CR, other controls and NEL, Unicode line and
 * paragraph separators, a byte order mark past the start (js-yaml skips one at a document start),
 * surrogates and non-characters. js-yaml judges what they mean.
 */
const IRREGULAR_CHARS = /[\x00-\x08\x0B-\x1F\x7F-\x9F\t\u2028\u2029\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/;

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const COMMA = 0x2c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const BACKSLASH = 0x5c;
const PERCENT = 0x25;
const DOT = 0x2e;
const QUESTION = 0x3f;

/** Whether a character cannot start a plain scalar or key here (YAML c-indicators, and `-`, `?`, `:` handled by the caller). */
function isIndicator(c: number): boolean {
  // , [ ] { } # & * ! | > ' " % @ `
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE || c === HASH || c === 0x26 || c === 0x2a
    || c === 0x21 || c === 0x7c || c === 0x3e || c === SQUOTE || c === DQUOTE || c === PERCENT || c === 0x40 || c === 0x60;
}

/**
 * The value of a plain scalar under the core schema: the text itself unless it may resolve
 * ({@link mayResolve}: a number, null or a boolean). Plain decimal integers and the three lower-case
 * words are answered here, the rest by js-yaml's own resolver (`resolve`), so the two readers
 * cannot disagree on a value.
 */
function plainValue(s: string, resolve: (s: string) => unknown): unknown {
  if (!mayResolve(s)) return s;
  if (s.length <= 15 && isDecimalInteger(s)) return Number(s);
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (s === 'null') return null;
  // a sign before a letter is text (`-c`, `--flag`: a number has a digit or a dot after its sign)
  const c = s.charCodeAt(0);
  const next = s.charCodeAt(1) | 0x20;
  return (c === 0x2b || c === DASH) && next >= 0x61 && next <= 0x7a ? s : resolve(s);
}

/** Whether `s` is `0` or digits without a leading zero (a plain decimal integer, the same value to every YAML reader). */
function isDecimalInteger(s: string): boolean {
  const n = s.length;
  if (s.charCodeAt(0) === 0x30) return n === 1;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i);
    if (d < 0x30 || d > 0x39) return false;
  }
  return true;
}

/** The reader's state over one file. */
class SimpleReader {
  private packed = new Uint8Array(256);
  private starts = new Int32Array(256);
  private lengths = new Uint16Array(256);
  private n = 0;
  private readonly documentEvents: number[] = [];
  private depth = 0;

  // the current content line (blank and comment lines are skipped)
  private lineStart = 0;
  private lineEnd = 0;
  /** Its indentation: the column of its first character. */
  private lineIndent = 0;
  /** The offset of its first character. */
  private contentStart = 0;
  /** No content line left. */
  private eof = false;

  constructor(private readonly text: string, private readonly resolve: (s: string) => unknown) {}

  /** Reads every document. */
  read(): FastFile {
    const documents: FastDocument[] = [];
    this.seek(0);
    let first = true;
    while (!this.eof) {
      const separator = this.isSeparator();
      if (separator) this.nextLine();
      else if (!first) throw NOT_SIMPLE; // content after a document's root node
      first = false;
      const event = this.n;
      this.documentEvents.push(event);
      this.emit(DOCUMENT, -1, 0);
      let value: unknown = null;
      if (this.eof || this.isSeparator()) this.emptyScalar();
      else value = this.blockNode(-1);
      this.emit(POP, -1, 0);
      documents.push({ value, event });
    }
    const n = this.n;
    // copies of the used part, so a big input keeps no spare capacity alive for its positions
    return {
      documents,
      index: new EventIndex(this.text, this.packed.slice(0, n), this.starts.slice(0, n), this.lengths.slice(0, n), this.documentEvents),
    };
  }

  // ---- events

  private emit(packed: number, start: number, length: number): void {
    if (this.n === this.packed.length) this.grow();
    const i = this.n++;
    this.packed[i] = packed;
    this.starts[i] = start;
    this.lengths[i] = length;
  }

  private grow(): void {
    const size = this.packed.length * 2;
    const packed = new Uint8Array(size);
    const starts = new Int32Array(size);
    const lengths = new Uint16Array(size);
    packed.set(this.packed);
    starts.set(this.starts);
    lengths.set(this.lengths);
    this.packed = packed;
    this.starts = starts;
    this.lengths = lengths;
  }

  private scalarEvent(style: number, start: number, end: number): void {
    this.emit(SCALAR | (style << 3) | FLAG_FAST, start, Math.min(LONG, end - start));
  }

  /** The event of an empty scalar (a key or item with nothing after it): null. */
  private emptyScalar(): null {
    this.emit(SCALAR | (PLAIN << 3), -1, 0);
    return null;
  }

  /** The text of a one-line quoted scalar whose quotes are at `open` and `close`, with its event. */
  private quotedScalar(open: number, close: number): string {
    this.scalarEvent(this.text.charCodeAt(open) === DQUOTE ? DOUBLE_QUOTED : SINGLE_QUOTED, open + 1, close);
    return this.text.slice(open + 1, close);
  }

  /** The value of the plain scalar from `start` to `end`, with its event (a merge key is js-yaml's). */
  private plainScalar(start: number, end: number): unknown {
    this.scalarEvent(PLAIN, start, end);
    const s = this.text.slice(start, end);
    if (s === '<<') throw NOT_SIMPLE;
    return plainValue(s, this.resolve);
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING) throw NOT_SIMPLE;
  }

  // ---- lines

  /** Moves to the first content line at or after offset `p`. */
  private seek(p: number): void {
    const text = this.text;
    const length = text.length;
    while (p < length) {
      let e = text.indexOf('\n', p);
      if (e < 0) e = length;
      let q = p;
      while (q < e && text.charCodeAt(q) === SPACE) q++;
      if (q < e && text.charCodeAt(q) !== HASH) {
        this.lineStart = p;
        this.lineEnd = e;
        this.lineIndent = q - p;
        this.contentStart = q;
        return;
      }
      p = e + 1;
    }
    this.eof = true;
  }

  private nextLine(): void {
    this.seek(this.lineEnd + 1);
  }

  /** Whether the current line is `---` (a document separator); other line-start markers are not plain. */
  private isSeparator(): boolean {
    const text = this.text;
    const content = this.contentStart;
    const c = text.charCodeAt(content);
    if (this.lineIndent === 0 && (c === PERCENT || ((c === DASH || c === DOT) && text.startsWith(c === DASH ? '---' : '...', content)))) {
      if (c !== DASH || this.restIsBlank(content + 3) !== this.lineEnd) throw NOT_SIMPLE; // directives, `...`, content after `---`
      return true;
    }
    return false;
  }

  /** The line end when only spaces (and a comment after a space) follow `p`, else -1. */
  private restIsBlank(p: number): number {
    const q = this.skipSpaces(p);
    if (q === this.lineEnd) return q;
    return this.text.charCodeAt(q) === HASH && q > p ? this.lineEnd : -1;
  }

  /** After a value that ended the line at `p`: the line must hold nothing more, and the next line no deeper text. */
  private endLine(p: number, indent: number): void {
    if (this.restIsBlank(p) < 0) throw NOT_SIMPLE;
    this.nextLine();
    // a deeper line here would continue a multi-line scalar, or be an error: js-yaml's to judge
    if (!this.eof && this.lineIndent > indent) throw NOT_SIMPLE;
  }

  private isDashLine(): boolean {
    return this.isDashAt(this.contentStart);
  }

  /** Whether a sequence entry's `-` is at `p` (a dash with a space or the line end after it). */
  private isDashAt(p: number): boolean {
    return this.text.charCodeAt(p) === DASH && this.blankAfter(p);
  }

  /** Whether the character after `p` is a space or the line ends there (what makes `-`, `?` and `:` indicators). */
  private blankAfter(p: number): boolean {
    return p + 1 === this.lineEnd || this.text.charCodeAt(p + 1) === SPACE;
  }

  // ---- block nodes

  /** The node starting on the current line, deeper than `parentIndent`. */
  private blockNode(parentIndent: number): unknown {
    if (this.lineIndent <= parentIndent) throw NOT_SIMPLE;
    if (this.isDashLine()) return this.blockSequence(this.lineIndent);
    const content = this.contentStart;
    const c = this.text.charCodeAt(content);
    if (c === LBRACE || c === LBRACKET) return this.inlineValue(content, this.lineIndent);
    if (this.keyEnd(content) < 0) throw NOT_SIMPLE; // a scalar on a line of its own
    return this.blockMapping(this.lineIndent, content);
  }

  /** A block sequence whose dashes are at column `indent`. */
  private blockSequence(indent: number): unknown[] {
    this.enter();
    const text = this.text;
    this.emit(SEQUENCE | (BLOCK << 3), this.contentStart, 0);
    const items: unknown[] = [];
    while (!this.eof && this.lineIndent === indent && this.isDashLine()) {
      const p = this.skipSpaces(this.contentStart + 1);
      if (p === this.lineEnd || text.charCodeAt(p) === HASH) {
        this.nextLine();
        items.push(!this.eof && this.lineIndent > indent ? this.blockNode(indent) : this.emptyScalar());
      } else if (this.isDashAt(p)) {
        throw NOT_SIMPLE; // `- - x`
      } else if (this.keyEnd(p) >= 0) {
        items.push(this.blockMapping(p - this.lineStart, p));
      } else {
        items.push(this.inlineValue(p, indent));
      }
    }
    if (!this.eof && this.lineIndent > indent) throw NOT_SIMPLE;
    this.emit(POP, -1, 0);
    this.depth--;
    return items;
  }

  /** A block mapping whose keys are at column `indent`, the first key at offset `first`. */
  private blockMapping(indent: number, first: number): Record<string, unknown> {
    this.enter();
    this.emit(MAPPING | (BLOCK << 3), first, 0);
    const map: Record<string, unknown> = {};
    let keyStart = first;
    for (;;) {
      const colon = this.keyEnd(keyStart);
      if (colon < 0) throw NOT_SIMPLE;
      const key = this.key(keyStart, colon);
      if (Object.prototype.hasOwnProperty.call(map, key)) throw NOT_SIMPLE; // duplicates: js-yaml reports them
      map[key] = this.mappingValue(colon + 1, indent);
      if (this.eof || this.lineIndent < indent) break;
      if (this.lineIndent > indent || this.isDashLine()) throw NOT_SIMPLE;
      if (this.isSeparator()) break;
      keyStart = this.contentStart;
    }
    this.emit(POP, -1, 0);
    this.depth--;
    return map;
  }

  /** The value after a key's colon at `p`, in a mapping at column `indent`. */
  private mappingValue(p: number, indent: number): unknown {
    p = this.skipSpaces(p);
    if (p < this.lineEnd && this.text.charCodeAt(p) !== HASH) return this.inlineValue(p, indent);
    this.nextLine();
    if (!this.eof && this.lineIndent > indent) return this.blockNode(indent);
    if (!this.eof && this.lineIndent === indent && this.isDashLine()) return this.blockSequence(indent);
    return this.emptyScalar();
  }

  /** A value written on the rest of the line from `p` (flow, quoted or plain), in a block at column `indent`. */
  private inlineValue(p: number, indent: number): unknown {
    const text = this.text;
    const c = text.charCodeAt(p);
    if (c === LBRACE || c === LBRACKET) {
      const box: [unknown] = [undefined];
      const end = this.flowNode(p, box);
      this.endLine(end, indent);
      return box[0];
    }
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.quotedEnd(p);
      const value = this.quotedScalar(p, close);
      this.endLine(close + 1, indent);
      return value;
    }
    if (isIndicator(c) || ((c === DASH || c === QUESTION || c === COLON) && this.blankAfter(p))) throw NOT_SIMPLE;
    // a plain scalar runs to the line end or a comment; `: ` inside it is an error js-yaml reports
    const lineEnd = this.lineEnd;
    let end = p;
    let q = p;
    while (q < lineEnd) {
      const ch = text.charCodeAt(q);
      if (ch === SPACE) {
        if (text.charCodeAt(q + 1) === HASH) break;
      } else {
        if (ch === COLON && this.blankAfter(q)) throw NOT_SIMPLE;
        end = q + 1;
      }
      q++;
    }
    const value = this.plainScalar(p, end);
    this.nextLine();
    if (!this.eof && this.lineIndent > indent) throw NOT_SIMPLE; // a multi-line plain scalar
    return value;
  }

  /** The offset of the `:` ending a block key that starts at `p`, or -1 when the line holds no key there. */
  private keyEnd(p: number): number {
    const text = this.text;
    const lineEnd = this.lineEnd;
    const c = text.charCodeAt(p);
    let q: number;
    if (c === DQUOTE || c === SQUOTE) {
      q = this.quotedEnd(p) + 1;
    } else {
      if (isIndicator(c) || c === DASH || c === QUESTION || c === COLON) return -1;
      q = p;
      for (;;) {
        if (q >= lineEnd) return -1;
        const ch = text.charCodeAt(q);
        if (ch === COLON && this.blankAfter(q)) break;
        if (ch === SPACE && text.charCodeAt(q + 1) === HASH) return -1;
        q++;
      }
      if (text.charCodeAt(q - 1) === SPACE || q - p > 1000) throw NOT_SIMPLE;
      return q;
    }
    return text.charCodeAt(q) === COLON && this.blankAfter(q) ? q : -1;
  }

  /** The key from `p` to the colon at `colon`, as js-yaml makes it (a plain key resolves, then becomes text). */
  private key(p: number, colon: number): string {
    const c = this.text.charCodeAt(p);
    const key = c === DQUOTE || c === SQUOTE ? this.quotedScalar(p, colon - 1) : String(this.plainScalar(p, colon));
    if (key === '__proto__') throw NOT_SIMPLE;
    return key;
  }

  /** The closing quote of a one-line quoted scalar opening at `p` (no escapes, else not plain). */
  private quotedEnd(p: number): number {
    const text = this.text;
    const quote = text.charCodeAt(p);
    const lineEnd = this.lineEnd;
    for (let q = p + 1; q < lineEnd; q++) {
      const ch = text.charCodeAt(q);
      if (ch === quote) {
        if (quote === SQUOTE && text.charCodeAt(q + 1) === SQUOTE) throw NOT_SIMPLE; // '' escapes a quote
        return q;
      }
      if (ch === BACKSLASH && quote === DQUOTE) throw NOT_SIMPLE;
    }
    throw NOT_SIMPLE; // runs past the line
  }

  // ---- flow nodes (on one line)

  /** A flow collection opening at `p`; its value goes in `box[0]`; returns the offset after it. */
  private flowNode(p: number, box: [unknown]): number {
    this.enter();
    const text = this.text;
    const isMap = text.charCodeAt(p) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    this.emit((isMap ? MAPPING : SEQUENCE) | (FLOW << 3), p, 0);
    const map: Record<string, unknown> = {};
    const items: unknown[] = [];
    const item: [unknown] = [undefined];
    p = this.skipSpaces(p + 1);
    if (text.charCodeAt(p) === close) p++;
    else {
      for (;;) {
        if (isMap) {
          const colon = this.flowKeyEnd(p);
          const key = this.key(p, colon);
          if (Object.prototype.hasOwnProperty.call(map, key)) throw NOT_SIMPLE;
          p = this.flowValue(this.skipSpaces(colon + 1), item);
          map[key] = item[0];
        } else {
          p = this.flowValue(p, item);
          items.push(item[0]);
        }
        p = this.skipSpaces(p);
        const ch = text.charCodeAt(p);
        if (ch === close) {
          p++;
          break;
        }
        if (ch !== COMMA) throw NOT_SIMPLE;
        p = this.skipSpaces(p + 1);
        if (text.charCodeAt(p) === close) throw NOT_SIMPLE; // a trailing comma
      }
    }
    this.emit(POP, -1, 0);
    this.depth--;
    box[0] = isMap ? map : items;
    return p;
  }

  private skipSpaces(p: number): number {
    while (p < this.lineEnd && this.text.charCodeAt(p) === SPACE) p++;
    return p;
  }

  /** The colon after a flow mapping key starting at `p` (plain or quoted; `key: ` only). */
  private flowKeyEnd(p: number): number {
    const text = this.text;
    const c = text.charCodeAt(p);
    let q: number;
    if (c === DQUOTE || c === SQUOTE) q = this.quotedEnd(p) + 1;
    else {
      if (isIndicator(c) || c === DASH || c === QUESTION || c === COLON) throw NOT_SIMPLE;
      q = p;
      while (q < this.lineEnd) {
        const ch = text.charCodeAt(q);
        if (ch === COLON || ch === COMMA || ch === LBRACE || ch === RBRACE || ch === LBRACKET || ch === RBRACKET || ch === HASH) break;
        q++;
      }
      if (text.charCodeAt(q - 1) === SPACE) throw NOT_SIMPLE;
    }
    if (text.charCodeAt(q) !== COLON || text.charCodeAt(q + 1) !== SPACE) throw NOT_SIMPLE;
    return q;
  }

  /** A flow value at `p` (a nested collection, a quoted or a plain scalar); returns the offset after it. */
  private flowValue(p: number, box: [unknown]): number {
    const text = this.text;
    const c = text.charCodeAt(p);
    if (c === LBRACE || c === LBRACKET) return this.flowNode(p, box);
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.quotedEnd(p);
      box[0] = this.quotedScalar(p, close);
      return close + 1;
    }
    if (isIndicator(c) || c === DASH && text.charCodeAt(p + 1) === SPACE || c === QUESTION || c === COLON) throw NOT_SIMPLE;
    let end = p;
    let q = p;
    while (q < this.lineEnd) {
      const ch = text.charCodeAt(q);
      if (ch === COMMA || ch === RBRACE || ch === RBRACKET) break;
      if (ch === COLON || ch === LBRACE || ch === LBRACKET || ch === HASH) throw NOT_SIMPLE;
      if (ch !== SPACE) end = q + 1;
      q++;
    }
    if (end === p) throw NOT_SIMPLE;
    box[0] = this.plainScalar(p, end);
    return end;
  }
}

/**
 * Reads a file in the plain shape described above, or answers undefined (the caller then reads it
 * with js-yaml). `resolve` gives a plain scalar's value under the schema the file is read with; it
 * is asked only for text that may be a number, a boolean or null.
 */
export function parseSimple(text: string, resolve: (s: string) => unknown): FastFile | undefined {
  if (IRREGULAR_CHARS.test(text)) return undefined;
  try {
    return new SimpleReader(text, resolve).read();
  } catch (e) {
    if (e === NOT_SIMPLE) return undefined;
    throw e;
  }
}
