/**
 * Reading manifests: files, directories (recursive), stdin; multi-document YAML; `kind: List`.
 * Each document keeps its parsed YAML so the line of any field can be found later (SARIF, human
 * output) without paying for it on clean documents. Knows nothing of rules, probes or cdk8s.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Document, isMap, isSeq, LineCounter, parseAllDocuments } from 'yaml';

/** A path to a value inside a document: object keys and array indexes. */
export type JsonPath = ReadonlyArray<string | number>;

/** One Kubernetes object read from a file. */
export interface SourceDocument {
  /** The file it came from (`<stdin>` for standard input). */
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
}

/** The name used for standard input in messages. */
export const STDIN_NAME = '<stdin>';

const YAML_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

function makeDocument(file: string, documentIndex: number, basePath: JsonPath, object: unknown, doc: Document, lines: LineCounter): SourceDocument {
  return {
    file,
    documentIndex,
    basePath,
    object,
    positionOf(relativePath: JsonPath) {
      const full = [...basePath, ...relativePath];
      for (let n = full.length; n >= 0; n--) {
        const node = doc.getIn(full.slice(0, n), true) as { range?: [number, number, number] } | undefined;
        // a map or sequence node's range starts at its first key; a scalar's at the value itself
        if (node && typeof node === 'object' && node.range) {
          const pos = lines.linePos(node.range[0]);
          return { line: pos.line, column: pos.col };
        }
      }
      return { line: 1, column: 1 };
    },
  };
}

/** Parses one file's text: every YAML document, with `kind: List` expanded into its items. */
export function parseManifestText(text: string, file: string): LoadResult {
  const documents: SourceDocument[] = [];
  const errors: InputError[] = [];
  const lines = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false }) as Document.Parsed[];
  } catch (e) {
    return { documents, errors: [{ file, message: `not YAML: ${(e as Error).message}` }] };
  }
  if (!Array.isArray(docs)) docs = [docs];
  docs.forEach((doc, documentIndex) => {
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      const line = err.linePos?.[0]?.line;
      errors.push({ file, documentIndex, line, message: `invalid YAML: ${err.message.split('\n')[0]}` });
      return;
    }
    if (doc.contents === null) return; // empty document (a trailing `---`, comments only)
    let object: unknown;
    try {
      object = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      errors.push({ file, documentIndex, message: `invalid YAML: ${(e as Error).message}` });
      return;
    }
    if (object === null || object === undefined) return;
    if (typeof object !== 'object' || Array.isArray(object)) {
      errors.push({ file, documentIndex, line: lines.linePos(doc.contents.range[0]).line, message: `not a Kubernetes object: the document is a ${Array.isArray(object) ? 'list' : typeof object}, not a mapping` });
      return;
    }
    const o = object as Record<string, unknown>;
    if (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items) && isMap(doc.contents) && isSeq(doc.get('items', true))) {
      o.items.forEach((item, i) => documents.push(makeDocument(file, documentIndex, ['items', i], item, doc, lines)));
      return;
    }
    documents.push(makeDocument(file, documentIndex, [], object, doc, lines));
  });
  return { documents, errors };
}

function collectFiles(target: string, out: string[], errors: InputError[]): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch (e) {
    errors.push({ file: target, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return;
  }
  if (stat.isDirectory()) {
    let entries: string[];
    try {
      entries = fs.readdirSync(target).sort();
    } catch (e) {
      errors.push({ file: target, message: `cannot read directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return;
    }
    for (const entry of entries) {
      if (entry === 'node_modules' || entry.startsWith('.')) continue;
      const child = path.join(target, entry);
      let childStat: fs.Stats;
      try {
        childStat = fs.statSync(child);
      } catch {
        continue;
      }
      if (childStat.isDirectory()) collectFiles(child, out, errors);
      else if (YAML_EXTENSIONS.has(path.extname(entry).toLowerCase())) out.push(child);
    }
    return;
  }
  out.push(target); // a file named explicitly is read whatever its extension
}

/**
 * Reads files and directories (recursively: `.yaml`, `.yml`, `.json`, sorted by name so output is
 * deterministic). `-` reads `stdinText`. Errors are collected per file; the rest is still read.
 */
export function loadPaths(paths: readonly string[], stdinText?: () => string): LoadResult {
  const documents: SourceDocument[] = [];
  const errors: InputError[] = [];
  for (const p of paths) {
    if (p === '-') {
      const text = stdinText ? stdinText() : fs.readFileSync(0, 'utf8');
      const r = parseManifestText(text, STDIN_NAME);
      documents.push(...r.documents);
      errors.push(...r.errors);
      continue;
    }
    const files: string[] = [];
    collectFiles(p, files, errors);
    for (const file of files) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        errors.push({ file, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
        continue;
      }
      const r = parseManifestText(text, file);
      documents.push(...r.documents);
      errors.push(...r.errors);
    }
  }
  return { documents, errors };
}
