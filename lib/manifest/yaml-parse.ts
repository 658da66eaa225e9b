/**
 * The `yaml` package's reading of a file: the exact reference for positions and error messages.
 * The loader reads with js-yaml (lib/manifest/fast-parse.ts, many times faster) and comes here
 * only for a file js-yaml cannot read (to report the error as before) and for the rare position
 * the compact event index cannot place exactly (anchors, tags, aliases, block scalars).
 */
import type { Document, LineCounter } from 'yaml';
import type { JsonPath } from './load';

/** A file parsed by the `yaml` package, with its line counter. */
export interface YamlFile {
  /** Every YAML document, in order. */
  readonly docs: Document.Parsed[];
  /** Offsets to lines and columns. */
  readonly lines: LineCounter;
}

/** Parses a whole file with the `yaml` package (YAML 1.2 core schema, merge keys as kubectl's YAML 1.1 reader applies them). */
export function parseWithYaml(text: string): YamlFile {
  // loaded on first use: most runs never need it, and it is the biggest module a cold start would load
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml = require('yaml') as typeof import('yaml');
  const lines = new yaml.LineCounter();
  let docs = yaml.parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false, merge: true }) as Document.Parsed[] | Document.Parsed;
  if (!Array.isArray(docs)) docs = [docs];
  return { docs, lines };
}

/** The 1-based line and column of the deepest existing node along `fullPath` in a `yaml` document. */
export function yamlPositionOf(doc: Document, lines: LineCounter, fullPath: JsonPath): { line: number; column: number } {
  for (let n = fullPath.length; n >= 0; n--) {
    const node = doc.getIn(fullPath.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    // a map or sequence node's range starts at its first key; a scalar's at the value itself
    if (node && typeof node === 'object' && node.range) {
      const pos = lines.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}
