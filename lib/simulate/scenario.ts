/**
 * Scenario files: YAML written by hand, read into a validated {@link Scenario}. Every bad field is
 * reported as a {@link ScenarioError} naming the file, the field, the value given and what is allowed.
 * The format is documented in docs/simulate.md.
 *
 * Two stages. The structure (fields, types, ranges, names, the fields of each fault kind) is checked
 * by the JSON Schema of lib/simulate/scenario-schema.ts, compiled by ajv at build time into
 * scenario-validator.generated.ts; the first error in file order becomes the ScenarioError. What JSON
 * Schema cannot say is checked here by hand: durations after unit conversion (above 0, at most 7
 * days), listensAfter no later than answersAfter / app.startup, `at` xor `afterStart` (one required),
 * `until` xor `for`, `until` after `at` and not a time for an `afterStart` fault, `at` before the
 * scenario's end, an outage's end (required, not `restart`), an outage's dependency declared under
 * `dependencies`, and fault replica indexes below `replicas`.
 */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import {
  APP_KEYS, DEFAULT_SEED, DEPENDENCY_KEYS, FAULT_KEYS, FAULT_KINDS, HANDLER_KEYS, MAX_DURATION_SECONDS, MAX_REPLICAS, MAX_SEED,
  PROBE_HANDLERS, ScenarioSchemaError, TOP_KEYS,
} from './scenario-schema';
import { validateScenario } from './scenario-validator.generated';
import {
  Dependency, Effect, Fault, FaultEnd, FaultKind, Handler, HandlerBehaviour, HANDLERS, Scenario,
} from './types';

export { DEFAULT_SEED, MAX_DURATION_SECONDS, MAX_REPLICAS } from './scenario-schema';

/** A scenario file that cannot be used, with where and why. */
export class ScenarioError extends Error {
  /**
   * @param file the scenario file
   * @param field the field, as a path (`faults[1].until`), or `(document)` for the file as a whole
   * @param value the value given (undefined when missing)
   * @param allowed what would be accepted, in words
   */
  constructor(
    /** The scenario file. */
    public readonly file: string,
    /** The field, e.g. `faults[1].until`. */
    public readonly field: string,
    /** The value given. */
    public readonly value: unknown,
    /** What is allowed, in words. */
    public readonly allowed: string,
  ) {
    super(`${file}: ${field}: ${describeValue(value)} is not allowed; ${allowed}`);
    this.name = 'ScenarioError';
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing value';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value); // .inf is Infinity, not JSON's null
  try {
    const s = JSON.stringify(value);
    return s === undefined ? String(value) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(value);
  }
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const DURATION_ALLOWED = 'a number of seconds ≥ 0, or a duration such as "90s", "2m", "1h30m", "500ms"';
const MAPPING = 'a mapping (key: value)';

type Obj = Record<string, unknown>;

/** Seconds of a value the schema accepted as a duration (a number ≥ 0 or duration text), to the millisecond. */
function toSeconds(value: unknown): number {
  let s = 0;
  if (typeof value === 'number') s = value;
  else for (const m of String(value).trim().matchAll(DURATION_PART)) s += Number(m[1]) * UNIT_SECONDS[m[2]];
  return Math.round(s * 1000) / 1000;
}

/** The handlers of a value the schema accepted as one handler name or a list: deduplicated, in HANDLERS order. */
function toHandlers(value: unknown): Handler[] {
  const list = (Array.isArray(value) ? value : [value]) as Handler[];
  return HANDLERS.filter((h) => list.includes(h));
}

// ---- schema errors → ScenarioError --------------------------------------------------------------

/** One schema error, resolved: the path of the field it is about, its value, where it is in the file. */
interface Located {
  readonly segments: readonly string[];
  readonly keyword: string;
  readonly value: unknown;
  readonly offset: number;
}

function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(data: unknown, segments: readonly string[]): unknown {
  return segments.reduce<unknown>((v, s) => (v !== null && typeof v === 'object' ? (v as Obj)[s] : undefined), data);
}

/** The YAML node at a path (`key` for the key node of a mapping entry). */
function nodeAt(doc: Document, segments: readonly string[], key = false): Node | undefined {
  let node: unknown = doc.contents;
  let keyNode: unknown;
  for (const seg of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === seg);
      keyNode = pair?.key;
      node = pair?.value;
    } else if (isSeq(node)) {
      keyNode = undefined;
      node = node.items[Number(seg)];
    } else {
      return undefined;
    }
  }
  return ((key ? keyNode : undefined) ?? node ?? undefined) as Node | undefined;
}

/** Resolves an error to its field; a missing field is placed at the end of its mapping, an unknown one at its key. */
function locate(e: ScenarioSchemaError, data: unknown, doc: Document): Located {
  const parent = pointerSegments(e.instancePath);
  if (e.keyword === 'additionalProperties' || e.keyword === 'required') {
    const name = String(e.keyword === 'required' ? e.params.missingProperty : e.params.additionalProperty);
    const segments = [...parent, name];
    const offset = e.keyword === 'required' ? nodeAt(doc, parent)?.range?.[1] : nodeAt(doc, segments, true)?.range?.[0];
    return { segments, keyword: e.keyword, value: valueAt(data, segments), offset: offset ?? 0 };
  }
  return { segments: parent, keyword: e.keyword, value: valueAt(data, parent), offset: nodeAt(doc, parent)?.range?.[0] ?? 0 };
}

function isPrefix(a: readonly string[], b: readonly string[]): boolean {
  return a.length < b.length && a.every((s, i) => s === b[i]);
}

/**
 * The error to report: the first in file order. An `anyOf` reports at the value and inside it (a
 * handler list's bad item): the innermost field wins; `if` only repeats its `then`'s errors.
 */
function firstError(errors: readonly ScenarioSchemaError[], data: unknown, doc: Document): Located {
  const located = errors.filter((e) => e.keyword !== 'if').map((e) => locate(e, data, doc));
  const precise = located.filter((l) => !located.some((o) => isPrefix(l.segments, o.segments)));
  return precise.reduce((a, b) => (b.offset < a.offset ? b : a));
}

/** The field as written in messages: `faults[1].until`, `(document)` for the file as a whole. */
function fieldName(segments: readonly string[], data: unknown): string {
  if (segments.length === 0) return '(document)';
  return segments.map((s, i) => (Array.isArray(valueAt(data, segments.slice(0, i))) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** The path with list indexes, dependency names and handler names replaced: `faults[].replicas[]`. */
function shapeOf(segments: readonly string[]): string {
  return segments.map((s, i) => {
    const parent = segments[i - 1];
    if (/^\d+$/.test(s) && (parent === 'faults' || parent === 'replicas' || parent === 'handlers' || parent === 'checkedBy')) return '[]';
    if (i === 1 && (parent === 'dependencies' || parent === 'handlers')) return '.*';
    return i === 0 ? s : `.${s}`;
  }).join('');
}

const oneOrList = (names: readonly string[]) => `one of ${names.join(', ')} (or a list of them)`;

/** What a field allows, in words, by its shape (the data gives the context: a fault's kind, the replicas, the dependencies). */
function allowedAt(shape: string, segments: readonly string[], data: Obj, missing: boolean): string {
  const fault = (segments[0] === 'faults' ? valueAt(data, segments.slice(0, 2)) ?? {} : {}) as Obj;
  const replicas = Number.isInteger(data.replicas) ? (data.replicas as number) : 1;
  const names = data.dependencies !== null && typeof data.dependencies === 'object' ? Object.keys(data.dependencies as Obj).sort() : [];
  const fixed: Record<string, string> = {
    '': MAPPING,
    '$schema': "a string (the schema's path or URL, for editors)",
    'description': 'a string',
    'duration': missing ? `${DURATION_ALLOWED}, above 0` : DURATION_ALLOWED,
    'replicas': `an integer from 1 to ${MAX_REPLICAS}`,
    'seed': `an integer from 0 to ${MAX_SEED}`,
    'app': MAPPING,
    'app.shutdown': `${DURATION_ALLOWED}, or "never" (the process ignores SIGTERM and is SIGKILLed)`,
    'handlers': MAPPING,
    'handlers.*': MAPPING,
    'dependencies': MAPPING,
    'dependencies.*': MAPPING,
    'dependencies.*.critical': 'true or false',
    'dependencies.*.checkedBy': oneOrList(PROBE_HANDLERS),
    'dependencies.*.checkedBy[]': oneOrList(PROBE_HANDLERS),
    'faults': 'a list of faults',
    'faults[]': MAPPING,
    'faults[].kind': `one of ${FAULT_KINDS.join(', ')}`,
    'faults[].until': fault.afterStart !== undefined
      ? '"restart" or "never" (use "for" to give a duration after each start)'
      : '"restart", "never", or a scenario time after "at"',
    'faults[].handlers': oneOrList(HANDLERS),
    'faults[].handlers[]': oneOrList(HANDLERS),
    'faults[].latency': missing ? `the seconds each affected answer takes: ${DURATION_ALLOWED}` : DURATION_ALLOWED,
    'faults[].dependency': dependencyAllowed(names),
    'faults[].effect': '"error" (the checks answer 503 at once) or "hang" (the checks wait on the dependency and time out)',
    'faults[].replicas': `a replica index from 0 to ${replicas - 1}, or a non-empty list of them`,
    'faults[].replicas[]': `an integer from 0 to ${replicas - 1}`,
  };
  return fixed[shape] ?? (DURATION_SHAPES.includes(shape) ? DURATION_ALLOWED : 'what schema/scenario.schema.json allows here');
}

/** The fields that take a duration (seconds or duration text). */
const DURATION_SHAPES: readonly string[] = [
  'app.startup', 'app.listensAfter', ...HANDLER_KEYS.map((k) => `handlers.*.${k}`), 'faults[].at', 'faults[].afterStart', 'faults[].for',
];

function dependencyAllowed(names: readonly string[]): string {
  return names.length
    ? `the name of a dependency declared under "dependencies": ${names.join(', ')}`
    : 'the name of a dependency declared under "dependencies" (none is declared)';
}

/** The fields allowed in the mapping at a path (for an unknown field). */
function keysAt(shape: string, segments: readonly string[], data: Obj): readonly string[] {
  if (shape === '') return TOP_KEYS;
  if (shape === 'app') return APP_KEYS;
  if (shape === 'handlers') return HANDLERS;
  if (shape === 'handlers.*') return HANDLER_KEYS;
  if (shape === 'dependencies.*') return DEPENDENCY_KEYS;
  return FAULT_KEYS[(valueAt(data, segments) as Obj).kind as FaultKind];
}

/** The ScenarioError of a schema error. */
function schemaError(file: string, e: Located, data: unknown): ScenarioError {
  const root = (data ?? {}) as Obj;
  const field = fieldName(e.segments, data);
  if (e.keyword === 'additionalProperties') {
    const parent = e.segments.slice(0, -1);
    const name = e.segments[e.segments.length - 1];
    if (shapeOf(parent) === 'dependencies') return new ScenarioError(file, field, name, 'a dependency name of letters, digits, "-", "_" and "."');
    return new ScenarioError(file, field, e.value, `unknown field; allowed here: ${keysAt(shapeOf(parent), parent, root).join(', ')}`);
  }
  return new ScenarioError(file, field, e.value, allowedAt(shapeOf(e.segments), e.segments, root, e.keyword === 'required'));
}

// ---- the scenario -------------------------------------------------------------------------------

/**
 * Reads a YAML scenario file into a validated {@link Scenario}. Unknown fields are rejected (a typo
 * must not silently change the simulation). Throws {@link ScenarioError}.
 * @param text the file's content
 * @param file the file's name, used in every message
 */
export function parseScenario(text: string, file: string): Scenario {
  const fail = (field: string, value: unknown, allowed: string): never => {
    throw new ScenarioError(file, field, value, allowed);
  };
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const where = e.linePos?.[0] ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
    fail('(document)', undefined, `valid YAML${where}: ${e.message.split('\n')[0]}`);
  }
  const data: unknown = doc.toJS();
  if (!validateScenario(data)) throw schemaError(file, firstError(validateScenario.errors ?? [], data, doc), data);
  const root = data as Obj;

  const durationSeconds = toSeconds(root.duration);
  if (durationSeconds <= 0) fail('duration', root.duration, `a duration above 0 (${DURATION_ALLOWED})`);
  if (durationSeconds > MAX_DURATION_SECONDS) fail('duration', root.duration, `at most ${MAX_DURATION_SECONDS} s (7 days)`);
  const replicas = (root.replicas as number | undefined) ?? 1;
  const seed = (root.seed as number | undefined) ?? DEFAULT_SEED;

  const app = (root.app ?? {}) as Obj;
  const startupSeconds = app.startup === undefined ? 0 : toSeconds(app.startup);
  const appListens = app.listensAfter === undefined ? undefined : toSeconds(app.listensAfter);
  if (appListens !== undefined && appListens > startupSeconds) {
    fail('app.listensAfter', app.listensAfter, `a time no later than app.startup (${startupSeconds} s): the port accepts connections before the app answers`);
  }
  const sigtermExitSeconds = app.shutdown === 'never' ? undefined : app.shutdown === undefined ? 0 : toSeconds(app.shutdown);

  const handlersIn = (root.handlers ?? {}) as Obj;
  const handlers = {} as Record<Handler, HandlerBehaviour>;
  for (const h of HANDLERS) {
    const field = `handlers.${h}`;
    const spec = (handlersIn[h] ?? {}) as Obj;
    const answersAfterSeconds = spec.answersAfter === undefined ? startupSeconds : toSeconds(spec.answersAfter);
    const listensAfterSeconds = spec.listensAfter !== undefined ? toSeconds(spec.listensAfter)
      : Math.min(appListens ?? answersAfterSeconds, answersAfterSeconds);
    if (listensAfterSeconds > answersAfterSeconds) {
      const where = spec.listensAfter !== undefined ? `${field}.listensAfter` : 'app.listensAfter';
      fail(where, spec.listensAfter ?? app.listensAfter, `a time no later than ${field}.answersAfter (${answersAfterSeconds} s): a port must accept connections before it can answer`);
    }
    handlers[h] = { listensAfterSeconds, answersAfterSeconds, latencySeconds: spec.latency === undefined ? 0 : toSeconds(spec.latency) };
  }

  const depsIn = (root.dependencies ?? {}) as Obj;
  const dependencies: Dependency[] = Object.keys(depsIn).sort().map((name) => {
    const spec = (depsIn[name] ?? {}) as Obj;
    return { name, critical: (spec.critical as boolean | undefined) ?? true, checkedBy: spec.checkedBy === undefined ? [] : toHandlers(spec.checkedBy) };
  });

  const faults = ((root.faults ?? []) as Obj[]).map((f, i) => parseFault(fail, f, `faults[${i}]`, { durationSeconds, replicas, dependencies }));

  return {
    file, durationSeconds, replicas, seed, startupSeconds, sigtermExitSeconds, handlers, dependencies, faults,
  };
}

type Fail = (field: string, value: unknown, allowed: string) => never;

interface FaultContext {
  readonly durationSeconds: number;
  readonly replicas: number;
  readonly dependencies: readonly Dependency[];
}

/** A positive duration (`for`, a slow fault's `latency`): the schema allows 0, these must be above. */
function positiveSeconds(fail: Fail, value: unknown, field: string): number {
  const s = toSeconds(value);
  if (s <= 0) fail(field, value, `a duration above 0 (${DURATION_ALLOWED})`);
  return s;
}

/** When a fault starts: `at` or `afterStart`, exactly one; `at` before the scenario's end. */
function faultStart(fail: Fail, f: Obj, field: string, ctx: FaultContext): { startSeconds: number; fromContainerStart: boolean } {
  if (f.at !== undefined && f.afterStart !== undefined) fail(`${field}.afterStart`, f.afterStart, 'not together with "at": give one of them');
  const fromContainerStart = f.afterStart !== undefined;
  if (!fromContainerStart && f.at === undefined) {
    const allowed = f.kind === FaultKind.OUTAGE || f.kind === FaultKind.DELETE
      ? `"at": the scenario time it starts (${DURATION_ALLOWED})`
      : `"at" (scenario time) or "afterStart" (seconds after each container start): ${DURATION_ALLOWED}`;
    fail(`${field}.at`, undefined, allowed);
  }
  const startSeconds = toSeconds(fromContainerStart ? f.afterStart : f.at);
  if (!fromContainerStart && startSeconds >= ctx.durationSeconds) {
    fail(`${field}.at`, f.at, `a time before the scenario's duration (${ctx.durationSeconds} s)`);
  }
  return { startSeconds, fromContainerStart };
}

/** When a fault ends: `until` or `for`, at most one; `until` a time after `at` (not for `afterStart` faults). */
function faultEnd(fail: Fail, f: Obj, field: string, start: { startSeconds: number; fromContainerStart: boolean }): { end: FaultEnd; durationSeconds?: number } {
  const kind = f.kind as FaultKind;
  if (f.until !== undefined && f.for !== undefined) fail(`${field}.for`, f.for, 'not together with "until": give one of them');
  if (f.for !== undefined) return { end: FaultEnd.DURATION, durationSeconds: positiveSeconds(fail, f.for, `${field}.for`) };
  if (f.until === 'restart') {
    if (kind === FaultKind.OUTAGE) fail(`${field}.until`, f.until, 'a time after "at", or "never": restarting the app does not end a dependency outage');
    return { end: FaultEnd.RESTART };
  }
  if (f.until === 'never') return { end: FaultEnd.NEVER };
  if (f.until !== undefined) {
    const untilAllowed = start.fromContainerStart
      ? '"restart" or "never" (use "for" to give a duration after each start)'
      : `"restart", "never", or a scenario time after "at" (${start.startSeconds} s)`;
    const until = toSeconds(f.until);
    if (start.fromContainerStart || until <= start.startSeconds) fail(`${field}.until`, f.until, untilAllowed);
    return { end: FaultEnd.DURATION, durationSeconds: Math.round((until - start.startSeconds) * 1000) / 1000 };
  }
  if (kind === FaultKind.OUTAGE) fail(`${field}.until`, undefined, 'an outage needs "until" (a scenario time after "at", or "never") or "for" (a duration)');
  return { end: kind === FaultKind.EXIT || kind === FaultKind.DELETE ? FaultEnd.NEVER : FaultEnd.RESTART };
}

const HANDLER_EFFECTS: Readonly<Partial<Record<FaultKind, Effect>>> = {
  [FaultKind.HANG]: Effect.HANG, [FaultKind.ERROR]: Effect.ERROR, [FaultKind.SLOW]: Effect.SLOW,
};

function parseFault(fail: Fail, f: Obj, field: string, ctx: FaultContext): Fault {
  const kind = f.kind as FaultKind;
  const start = faultStart(fail, f, field, ctx);
  const { end, durationSeconds } = faultEnd(fail, f, field, start);

  // what it hits
  let handlers: Handler[] = [];
  let effect = HANDLER_EFFECTS[kind];
  let latencySeconds: number | undefined;
  let dependency: string | undefined;
  if (effect !== undefined) {
    handlers = f.handlers === undefined ? [...HANDLERS] : toHandlers(f.handlers);
    if (kind === FaultKind.SLOW) latencySeconds = positiveSeconds(fail, f.latency, `${field}.latency`);
  } else if (kind === FaultKind.OUTAGE) {
    const dep = ctx.dependencies.find((d) => d.name === f.dependency);
    if (dep === undefined) return fail(`${field}.dependency`, f.dependency, dependencyAllowed(ctx.dependencies.map((d) => d.name)));
    dependency = dep.name;
    handlers = HANDLERS.filter((h) => dep.checkedBy.includes(h) || (h === Handler.TRAFFIC && dep.critical));
    effect = (f.effect as Effect | undefined) ?? Effect.ERROR;
  }

  let replicas: number[] | undefined;
  if (f.replicas !== undefined) {
    const list = (Array.isArray(f.replicas) ? f.replicas : [f.replicas]) as number[];
    list.forEach((x, i) => {
      if (x >= ctx.replicas) fail(Array.isArray(f.replicas) ? `${field}.replicas[${i}]` : `${field}.replicas`, x, `an integer from 0 to ${ctx.replicas - 1}`);
    });
    replicas = [...new Set(list)].sort((a, b) => a - b);
  }

  return {
    kind, source: field, startSeconds: start.startSeconds, fromContainerStart: start.fromContainerStart, end, durationSeconds, effect, latencySeconds, handlers, dependency, replicas,
  };
}
