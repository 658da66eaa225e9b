/**
 * Reading a file's YAML into objects and the offsets positions are computed from later, only for
 * the documents that get findings (lib/manifest/positions.ts). A file in the plain shape generators
 * write is read in one pass by lib/manifest/simple-parse.ts; any other file by js-yaml's event
 * parser and its own constructor over the events, which own the YAML semantics below.
 *
 * Semantics are the ones kubectl and the API server apply (sigs.k8s.io/yaml `YAMLToJSON` over
 * goyaml.v2, called from k8s.io/apimachinery/pkg/runtime/serializer/json/json.go `unmarshal`):
 * - merge keys (`<<`) are applied (goyaml.v2 decode.go `decoder.merge`);
 * - duplicate keys: the last value wins in the object, and the duplicate is reported, since the
 *   strict decoding kubectl asks for by default (`YAMLToJSONStrict`, field validation Strict)
 *   rejects the object;
 * - nesting is bounded (goyaml.v2 scannerc.go stops at 10000 levels; we stop at {@link MAX_DEPTH}).
 */
import type { Schema, YAMLException } from 'js-yaml';
import { EventIndex } from './positions';
import { parseSimple } from './simple-parse';

/** The deepest nesting read (deeper documents are input errors, never a stack overflow). */
export const MAX_DEPTH = 1000;

/**
 * js-yaml and the schema read with, loaded on the first file: the constructs import this module
 * (through the linter they run at synth) but never read YAML, and should not pay for loading it.
 */
let jsYaml: { readonly lib: typeof import('js-yaml'); readonly schema: Schema } | undefined;
function loadJsYaml(): NonNullable<typeof jsYaml> {
  if (!jsYaml) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lib = require('js-yaml') as typeof import('js-yaml');
    jsYaml = { lib, schema: lib.CORE_SCHEMA.withTags(lib.mergeTag) };
  }
  return jsYaml;
}

/** A plain scalar's value under the schema files are read with (js-yaml's resolver). */
function resolvePlain(text: string): unknown {
  return loadJsYaml().schema.resolveImplicitScalarTag(text).value;
}

/** One YAML document read. */
export interface FastDocument {
  /** The document's value (null for an empty document). */
  readonly value: unknown;
  /** The index of its DOCUMENT event in the file's {@link EventIndex}. */
  readonly event: number;
  /** A duplicate key, when the document has one: what it is and on which line. */
  readonly duplicate?: { readonly message: string; readonly line?: number };
}

/** A file read. */
export interface FastFile {
  /** Every document, in order. */
  readonly documents: FastDocument[];
  /** The positions of the file's nodes. */
  readonly index: EventIndex;
}

/** Why js-yaml could not read a file. */
export interface FastFailure {
  /** Nested deeper than {@link MAX_DEPTH}: an input error of its own (the `yaml` package would overflow the stack). */
  readonly tooDeep?: { readonly line?: number };
}

function markLine(e: unknown): number | undefined {
  const mark = (e as YAMLException).mark;
  return mark && typeof mark.line === 'number' ? mark.line + 1 : undefined;
}

/**
 * Reads a file, with the one-pass reader when the file is in its shape, else with js-yaml; a
 * {@link FastFailure} when js-yaml cannot read it either (invalid YAML, unknown tags: the caller
 * then reads the file with the `yaml` package, whose error messages the output has always had).
 */
export function parseFast(text: string): FastFile | FastFailure {
  // most manifests are in the plain shape lib/manifest/simple-parse.ts reads in one cheap pass
  const simple = parseSimple(text, resolvePlain);
  if (simple) return simple;
  return parseWithJsYaml(text);
}

/** Reads a file with js-yaml's event parser and constructor. */
export function parseWithJsYaml(text: string): FastFile | FastFailure {
  const { lib: { parseEvents, constructFromEvents }, schema: SCHEMA } = loadJsYaml();
  let events;
  try {
    events = parseEvents(text, { maxDepth: MAX_DEPTH });
  } catch (e) {
    if (e instanceof RangeError || /maxDepth/.test(String((e as Error).message))) return { tooDeep: { line: markLine(e) } };
    return {};
  }
  const index = EventIndex.fromEvents(text, events);
  const starts = index.documentEvents;
  const duplicates = new Map<number, NonNullable<FastDocument['duplicate']>>();
  const documents: FastDocument[] = [];
  try {
    let values: unknown[];
    try {
      values = constructFromEvents(events, { source: text, schema: SCHEMA, maxAliases: 100 });
    } catch (e) {
      if (!/duplicated mapping key/.test(String((e as YAMLException).reason ?? ''))) throw e;
      values = [];
      // a duplicate key somewhere: read document by document to know which, the last value winning
      starts.forEach((start, k) => {
        const slice = events.slice(start, k + 1 < starts.length ? starts[k + 1] : events.length);
        try {
          values.push(constructFromEvents(slice, { source: text, schema: SCHEMA, maxAliases: 100 })[0]);
        } catch (d) {
          if (!/duplicated mapping key/.test(String((d as YAMLException).reason ?? ''))) throw d;
          values.push(constructFromEvents(slice, { source: text, schema: SCHEMA, maxAliases: 100, json: true })[0]);
          duplicates.set(k, { message: 'duplicated mapping key', line: markLine(d) });
        }
      });
    }
    starts.forEach((event, k) => documents.push({ value: values[k], event, duplicate: duplicates.get(k) }));
  } catch (e) {
    if (e instanceof RangeError) return { tooDeep: {} };
    return {};
  }
  return { documents, index };
}

/** Whether {@link parseFast} read the file. */
export function isFastFile(r: FastFile | FastFailure): r is FastFile {
  return (r as FastFile).documents !== undefined;
}
