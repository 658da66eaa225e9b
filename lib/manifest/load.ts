/**
 * Reading manifests: files, directories (recursive), stdin; multi-document YAML; `kind: List`.
 * Reads with js-yaml's event parser (lib/manifest/fast-parse.ts) and keeps only the objects and a
 * compact index of offsets, so the line of any field can be found later (SARIF, human output)
 * without a parsed document kept per object. Files js-yaml cannot read go through the `yaml`
 * package as before (lib/manifest/yaml-parse.ts), which also places the rare position the index
 * cannot. Knows nothing of rules, probes or cdk8s.
 */
import * as fs from 'fs';
import { findTemplate, hasTemplateString, shapeProblems, TEMPLATE_HINT } from './checks';
import { isFastFile, MAX_DEPTH, parseFast } from './fast-parse';
import { isWorkloadKind } from './workloads';
import { collectFiles } from './files';
import { parseWithYaml, YamlFile, yamlPositionOf } from './yaml-parse';

/** A path to a value inside a document: object keys and array indexes. */
export type JsonPath = ReadonlyArray<string | number>;

/** One Kubernetes object read from a file. */
export interface SourceDocument {
  /** The file it came from (`<stdin>` for standard input, or the name given by `--stdin-filename`). */
  readonly file: string;
  /** The 0-based index of the YAML document in the file. */
  readonly documentIndex: number;
  /** Where the object sits inside the YAML document: [] normally, ['items', i] inside a `kind: List`. */
  readonly basePath: JsonPath;
  /** The object as plain JSON. */
  readonly object: unknown;
  /** The 1-based line and column of a field of the object (path relative to the object), or of the nearest ancestor that exists. */
  positionOf(relativePath: JsonPath): { line: number; column: number };
}

/** A file or document that could not be read as Kubernetes objects. */
export interface InputError {
  /** The file (or `<stdin>`). */
  readonly file: string;
  /** The 0-based YAML document index, when the error is inside one document. */
  readonly documentIndex?: number;
  /** 1-based line, when known. */
  readonly line?: number;
  /** What is wrong, in words. */
  readonly message: string;
}

/** What reading some inputs produced: every object that could be read, and every error. */
export interface LoadResult {
  /** The objects, in file order then document order. */
  readonly documents: SourceDocument[];
  /** The errors; other files and documents are still read. */
  readonly errors: InputError[];
  /** Things skipped on purpose that the user should hear about (FIFOs or devices inside a directory, symlink loops). */
  readonly warnings?: InputError[];
}

/** Options of {@link loadPaths}. */
export interface LoadOptions {
  /**
   * Glob patterns of directory entries not to read (`templates`, `*.tmpl.yaml`, `charts/*\/tests`).
   * @default - none
   */
  readonly exclude?: readonly string[];
  /**
   * The file name recorded for standard input.
   * @default '<stdin>'
   */
  readonly stdinName?: string;
}

const CHECKED: ParseOptions = { inputChecks: true };

/** The name used for standard input in messages. */
export const STDIN_NAME = '<stdin>';

/** The per-file state positions are computed from, shared by the file's documents. */
interface FileContext {
  readonly file: string;
  readonly text: string;
  yaml?: YamlFile;
  /** Whether the text holds `{{` at all (templates are looked for only then). */
  hasBraces?: boolean;
}

function yamlOf(ctx: FileContext): YamlFile {
  if (!ctx.yaml) ctx.yaml = parseWithYaml(ctx.text);
  return ctx.yaml;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Reports what a document holds: objects, or errors naming the field and the value given. */
class DocumentSink {
  constructor(
    private readonly ctx: FileContext,
    private readonly out: { documents: SourceDocument[]; errors: InputError[] },
    private readonly checks: boolean,
  ) {}

  add(documentIndex: number, value: unknown, position: (p: JsonPath) => { line: number; column: number }): void {
    const { file } = this.ctx;
    if (value === null || value === undefined) return; // an empty document (a trailing `---`, comments only)
    if (!isRecord(value)) {
      this.out.errors.push({ file, documentIndex, line: position([]).line, message: `not a Kubernetes object: the document is a ${Array.isArray(value) ? 'list' : typeof value}, not a mapping` });
      return;
    }
    const make = (basePath: JsonPath, object: unknown): SourceDocument => ({
      file,
      documentIndex,
      basePath,
      object,
      positionOf: (rel: JsonPath) => position(basePath.length === 0 ? rel : [...basePath, ...rel]),
    });
    if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
      value.items.forEach((item, i) => {
        if (!isRecord(item)) {
          this.out.errors.push({ file, documentIndex, line: position(['items', i]).line, message: `items[${i}] of this ${value.kind} is ${item === null ? 'null' : Array.isArray(item) ? 'a list' : typeof item}, not a Kubernetes object` });
          return;
        }
        this.check(documentIndex, make(['items', i], item), item, `items[${i}]: `);
      });
      return;
    }
    this.check(documentIndex, make([], value), value, '');
  }

  private check(documentIndex: number, doc: SourceDocument, obj: Record<string, unknown>, prefix: string): void {
    if (!this.checks) {
      this.out.documents.push(doc);
      return;
    }
    for (const p of shapeProblems(obj)) {
      this.out.errors.push({ file: doc.file, documentIndex, line: doc.positionOf(p.path).line, message: `${prefix}${p.message}` });
    }
    // only where a template changes what is checked: a ConfigMap may hold Go templates of its own
    if ((this.ctx.hasBraces ??= this.ctx.text.includes('{{')) && (isWorkloadKind(obj.kind) || obj.kind === 'Service') && hasTemplateString(obj)) {
      const t = findTemplate(this.ctx.text.slice(this.offsetOfLine(doc.positionOf([]).line)));
      const line = doc.positionOf([]).line + (t ? t.line - 1 : 0);
      this.out.errors.push({ file: doc.file, documentIndex, line, message: `${prefix}unrendered template expression ${t ? t.snippet : '{{ … }}'}: ${TEMPLATE_HINT}` });
    }
    this.out.documents.push(doc);
  }

  private offsetOfLine(line: number): number {
    let offset = 0;
    for (let l = 1; l < line && offset >= 0; l++) offset = this.ctx.text.indexOf('\n', offset) + 1;
    return Math.max(0, offset);
  }
}

/** The `yaml` package's reading, for files js-yaml cannot read: per-document errors as before. */
function parseSlow(ctx: FileContext, sink: DocumentSink, out: { errors: InputError[] }): void {
  const { file } = ctx;
  let parsed: YamlFile;
  try {
    parsed = yamlOf(ctx);
  } catch (e) {
    out.errors.push({ file, message: `not YAML: ${(e as Error).message}` });
    return;
  }
  const template = findTemplate(ctx.text);
  parsed.docs.forEach((doc, documentIndex) => {
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      const line = err.linePos?.[0]?.line;
      const first = err.message.split('\n')[0];
      const message = template ? `invalid YAML: ${first.replace(/:$/, '')}; ${TEMPLATE_HINT} (${template.snippet} on line ${template.line})` : `invalid YAML: ${first}`;
      out.errors.push({ file, documentIndex, line, message });
      return;
    }
    if (doc.contents === null) return;
    let object: unknown;
    try {
      object = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      out.errors.push({ file, documentIndex, message: `invalid YAML: ${(e as Error).message}` });
      return;
    }
    sink.add(documentIndex, object, (p) => yamlPositionOf(doc, parsed.lines, p));
  });
}

/** Options of {@link parseManifestText}. */
export interface ParseOptions {
  /**
   * Also report objects the API server would not take as they are (no apiVersion or kind, `kind:
   * List` items that are not objects, null specs, `containers` that is not a list, duplicate keys,
   * unrendered templates) and empty input, as input errors. {@link loadPaths} (the CLI, the
   * plugin, explain) turns this on; rule tests leave it off to feed rules malformed objects.
   * @default false
   */
  readonly inputChecks?: boolean;
}

/** Parses one file's text: every YAML document, with `kind: List` expanded into its items. */
export function parseManifestText(text: string, file: string, options: ParseOptions = {}): LoadResult {
  const checks = options.inputChecks ?? false;
  const documents: SourceDocument[] = [];
  const errors: InputError[] = [];
  const ctx: FileContext = { file, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  const out = { documents, errors };
  const sink = new DocumentSink(ctx, out, checks);
  const fast = parseFast(ctx.text);
  let count = 0;
  if (isFastFile(fast)) {
    const { index } = fast;
    fast.documents.forEach((d, documentIndex) => {
      if (d.value !== null && d.value !== undefined) count++;
      const position = (p: JsonPath) => {
        const offset = index.locate(d.event, p);
        return offset >= 0 ? index.lineCol(offset) : yamlPositionOf(yamlOf(ctx).docs[documentIndex], yamlOf(ctx).lines, p);
      };
      if (d.duplicate && checks) {
        errors.push({ file, documentIndex, line: d.duplicate.line, message: 'duplicate key: kubectl (strict field validation, its default) rejects this object; without it the API server keeps the last value, which is what was checked' });
      }
      sink.add(documentIndex, d.value, position);
    });
  } else if (fast.tooDeep) {
    errors.push({ file, line: fast.tooDeep.line, message: `nested deeper than ${MAX_DEPTH} levels; no Kubernetes object is (kubectl's YAML reader stops at 10000)` });
    return { documents, errors };
  } else {
    parseSlow(ctx, sink, out);
    count = documents.length + errors.length;
  }
  if (checks && count === 0 && errors.length === 0) {
    errors.push({ file, message: 'no Kubernetes objects: the input is empty (or only comments); did the command that produced it fail?' });
  }
  return { documents, errors };
}

/** The 1-based line and the byte offset of the first byte that is not UTF-8, if any. */
export function invalidUtf8(bytes: Uint8Array): { offset: number; line: number } | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isUtf8 } = require('buffer') as { isUtf8?: (b: Uint8Array) => boolean };
  if (isUtf8 ? isUtf8(bytes) : !Buffer.from(bytes).toString('utf8').includes('\ufffd')) return undefined;
  let line = 1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const width = b < 0x80 ? 1 : (b & 0xe0) === 0xc0 && b >= 0xc2 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = width > 0 && i + width <= bytes.length;
    for (let k = 1; ok && k < width; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    if (ok && width === 3) ok = Buffer.from(bytes.subarray(i, i + 3)).toString('utf8') !== '\ufffd';
    if (ok && width === 4) ok = Buffer.from(bytes.subarray(i, i + 4)).toString('utf8').length === 2;
    if (!ok) return { offset: i, line };
    if (b === 0x0a) line++;
    i += width;
  }
  return { offset: 0, line: 1 };
}

/**
 * Reads a file's bytes: invalid UTF-8 is an input error (kubectl's YAML reader, goyaml.v2
 * readerc.go `yaml_parser_update_buffer`, rejects it: "invalid leading UTF-8 octet"), never
 * replaced silently.
 */
export function parseManifestBytes(bytes: Uint8Array, file: string, options: ParseOptions = {}): LoadResult {
  const bad = invalidUtf8(bytes);
  if (bad) return { documents: [], errors: [{ file, line: bad.line, message: `not valid UTF-8 (byte ${bad.offset}); kubectl and the API server reject it` }] };
  return parseManifestText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), file, options);
}

/**
 * Reads files and directories (recursively: `.yaml`, `.yml`, `.json`, sorted by name so output is
 * deterministic). `-` reads `stdinText` (text, or bytes checked for UTF-8). Errors are collected
 * per file; the rest is still read. Only the objects and a compact offset index stay in memory,
 * never a parsed document per object.
 */
export function loadPaths(paths: readonly string[], stdinText?: () => string | Uint8Array, options: LoadOptions = {}): LoadResult {
  const documents: SourceDocument[] = [];
  const errors: InputError[] = [];
  const warnings: InputError[] = [];
  for (const p of paths) {
    if (p === '-') {
      const name = options.stdinName ?? STDIN_NAME;
      let input: string | Uint8Array;
      try {
        input = stdinText ? stdinText() : fs.readFileSync(0);
      } catch (e) {
        errors.push({ file: name, message: `cannot read standard input: ${(e as Error).message}` });
        continue;
      }
      const r = typeof input === 'string' ? parseManifestText(input, name, CHECKED) : parseManifestBytes(input, name, CHECKED);
      documents.push(...r.documents);
      errors.push(...r.errors);
      continue;
    }
    const found = collectFiles(p, options.exclude);
    errors.push(...found.errors);
    warnings.push(...found.warnings);
    for (const file of found.files) {
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch (e) {
        errors.push({ file, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
        continue;
      }
      const r = parseManifestBytes(bytes, file, CHECKED);
      for (const d of r.documents) documents.push(d);
      errors.push(...r.errors);
    }
  }
  return { documents, errors, warnings };
}
