/**
 * Scenario files: YAML written by hand, read into a validated {@link Scenario}. Every bad field is
 * reported as a {@link ScenarioError} naming the file, the field, the value given and what is allowed.
 * The format is documented in docs/simulate.md.
 */
import { parseDocument } from 'yaml';
import {
  Dependency, Effect, Fault, FaultEnd, FaultKind, Handler, HandlerBehaviour, HANDLERS, Scenario,
} from './types';

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
  try {
    const s = JSON.stringify(value);
    return s === undefined ? String(value) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(value);
  }
}

/** The default PRNG seed, so that a scenario without one is still reproducible. */
export const DEFAULT_SEED = 1;
/** The longest scenario accepted: 7 days. */
export const MAX_DURATION_SECONDS = 7 * 24 * 3600;
/** The most replicas accepted. */
export const MAX_REPLICAS = 100;

const UNIT_SECONDS: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };
const DURATION_TEXT = /^(\d+(?:\.\d+)?(?:ms|s|m|h|d)\s*)+$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const DURATION_ALLOWED = 'a number of seconds ≥ 0, or a duration such as "90s", "2m", "1h30m", "500ms"';

type Obj = Record<string, unknown>;

class Reader {
  constructor(readonly file: string) {}

  fail(field: string, value: unknown, allowed: string): never {
    throw new ScenarioError(this.file, field, value, allowed);
  }

  object(value: unknown, field: string): Obj {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) this.fail(field, value, 'a mapping (key: value)');
    return value as Obj;
  }

  keys(obj: Obj, field: string, allowed: readonly string[]): void {
    for (const key of Object.keys(obj).sort()) {
      if (!allowed.includes(key)) {
        this.fail(field ? `${field}.${key}` : key, obj[key], `unknown field; allowed here: ${allowed.join(', ')}`);
      }
    }
  }

  seconds(value: unknown, field: string, positive = false): number {
    let s: number | undefined;
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) s = value;
    else if (typeof value === 'string' && DURATION_TEXT.test(value.trim())) {
      s = 0;
      for (const m of value.trim().matchAll(DURATION_PART)) s += Number(m[1]) * UNIT_SECONDS[m[2]];
    }
    if (s === undefined) this.fail(field, value, DURATION_ALLOWED);
    const rounded = Math.round(s * 1000) / 1000;
    if (positive && rounded <= 0) this.fail(field, value, `a duration above 0 (${DURATION_ALLOWED})`);
    return rounded;
  }

  integer(value: unknown, field: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(field, value, `an integer from ${min} to ${max}`);
    }
    return value;
  }

  boolean(value: unknown, field: string): boolean {
    if (typeof value !== 'boolean') this.fail(field, value, 'true or false');
    return value;
  }

  handlerList(value: unknown, field: string, allowed: readonly Handler[]): Handler[] {
    const list = Array.isArray(value) ? value : [value];
    const names = allowed.map((h) => h as string);
    const out: Handler[] = [];
    list.forEach((item, i) => {
      if (typeof item !== 'string' || !names.includes(item)) {
        this.fail(Array.isArray(value) ? `${field}[${i}]` : field, item, `one of ${names.join(', ')} (or a list of them)`);
      }
      const h = item as Handler;
      if (!out.includes(h)) out.push(h);
    });
    return allowed.filter((h) => out.includes(h));
  }
}

const TOP_KEYS = ['description', 'seed', 'replicas', 'duration', 'app', 'handlers', 'dependencies', 'faults'];
const PROBE_HANDLERS: readonly Handler[] = [Handler.STARTUP, Handler.LIVENESS, Handler.READINESS];
const DEPENDENCY_NAME = /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/i;
const FAULT_KINDS = Object.values(FaultKind) as string[];

/**
 * Reads a YAML scenario file into a validated {@link Scenario}. Unknown fields are rejected (a typo
 * must not silently change the simulation). Throws {@link ScenarioError}.
 * @param text the file's content
 * @param file the file's name, used in every message
 */
export function parseScenario(text: string, file: string): Scenario {
  const r = new Reader(file);
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const where = e.linePos?.[0] ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
    r.fail('(document)', undefined, `valid YAML${where}: ${e.message.split('\n')[0]}`);
  }
  const root = r.object(doc.toJS(), '(document)');
  r.keys(root, '', TOP_KEYS);
  if (root.description !== undefined && typeof root.description !== 'string') r.fail('description', root.description, 'a string');

  const durationSeconds = r.seconds(root.duration ?? failMissing(r, 'duration', `${DURATION_ALLOWED}, above 0`), 'duration', true);
  if (durationSeconds > MAX_DURATION_SECONDS) r.fail('duration', root.duration, `at most ${MAX_DURATION_SECONDS} s (7 days)`);
  const replicas = root.replicas === undefined ? 1 : r.integer(root.replicas, 'replicas', 1, MAX_REPLICAS);
  const seed = root.seed === undefined ? DEFAULT_SEED : r.integer(root.seed, 'seed', 0, 0xffffffff);

  const app = root.app === undefined ? {} : r.object(root.app, 'app');
  r.keys(app, 'app', ['startup', 'listensAfter', 'shutdown']);
  const startupSeconds = app.startup === undefined ? 0 : r.seconds(app.startup, 'app.startup');
  const appListens = app.listensAfter === undefined ? undefined : r.seconds(app.listensAfter, 'app.listensAfter');
  if (appListens !== undefined && appListens > startupSeconds) {
    r.fail('app.listensAfter', app.listensAfter, `a time no later than app.startup (${startupSeconds} s): the port accepts connections before the app answers`);
  }
  let sigtermExitSeconds: number | undefined = 0;
  if (app.shutdown === 'never') sigtermExitSeconds = undefined;
  else if (app.shutdown !== undefined) {
    if (typeof app.shutdown === 'string' && !DURATION_TEXT.test(app.shutdown.trim())) {
      r.fail('app.shutdown', app.shutdown, `${DURATION_ALLOWED}, or "never" (the process ignores SIGTERM and is SIGKILLed)`);
    }
    sigtermExitSeconds = r.seconds(app.shutdown, 'app.shutdown');
  }

  const handlersIn = root.handlers === undefined ? {} : r.object(root.handlers, 'handlers');
  r.keys(handlersIn, 'handlers', HANDLERS);
  const handlers = {} as Record<Handler, HandlerBehaviour>;
  for (const h of HANDLERS) {
    const field = `handlers.${h}`;
    const spec = handlersIn[h] === undefined || handlersIn[h] === null ? {} : r.object(handlersIn[h], field);
    r.keys(spec, field, ['listensAfter', 'answersAfter', 'latency']);
    const answersAfterSeconds = spec.answersAfter === undefined ? startupSeconds : r.seconds(spec.answersAfter, `${field}.answersAfter`);
    const listensAfterSeconds = spec.listensAfter !== undefined ? r.seconds(spec.listensAfter, `${field}.listensAfter`)
      : Math.min(appListens ?? answersAfterSeconds, answersAfterSeconds);
    if (listensAfterSeconds > answersAfterSeconds) {
      const where = spec.listensAfter !== undefined ? `${field}.listensAfter` : 'app.listensAfter';
      r.fail(where, spec.listensAfter ?? app.listensAfter, `a time no later than ${field}.answersAfter (${answersAfterSeconds} s): a port must accept connections before it can answer`);
    }
    handlers[h] = {
      listensAfterSeconds,
      answersAfterSeconds,
      latencySeconds: spec.latency === undefined ? 0 : r.seconds(spec.latency, `${field}.latency`),
    };
  }

  const depsIn = root.dependencies === undefined ? {} : r.object(root.dependencies, 'dependencies');
  const dependencies: Dependency[] = [];
  for (const name of Object.keys(depsIn).sort()) {
    const field = `dependencies.${name}`;
    if (!DEPENDENCY_NAME.test(name)) r.fail(field, name, 'a dependency name of letters, digits, "-", "_" and "."');
    const spec = depsIn[name] === null ? {} : r.object(depsIn[name], field);
    r.keys(spec, field, ['critical', 'checkedBy']);
    dependencies.push({
      name,
      critical: spec.critical === undefined ? true : r.boolean(spec.critical, `${field}.critical`),
      checkedBy: spec.checkedBy === undefined ? [] : r.handlerList(spec.checkedBy, `${field}.checkedBy`, PROBE_HANDLERS),
    });
  }

  const faultsIn: unknown = root.faults === undefined || root.faults === null ? [] : root.faults;
  if (!Array.isArray(faultsIn)) r.fail('faults', faultsIn, 'a list of faults');
  const faults = (faultsIn as unknown[]).map((f, i) => parseFault(r, f, `faults[${i}]`, { durationSeconds, replicas, dependencies }));

  return {
    file, durationSeconds, replicas, seed, startupSeconds, sigtermExitSeconds, handlers, dependencies, faults,
  };
}

function failMissing(r: Reader, field: string, allowed: string): never {
  return r.fail(field, undefined, allowed);
}

interface FaultContext {
  readonly durationSeconds: number;
  readonly replicas: number;
  readonly dependencies: readonly Dependency[];
}

const FAULT_KEYS: Readonly<Record<FaultKind, readonly string[]>> = {
  [FaultKind.HANG]: ['kind', 'at', 'afterStart', 'until', 'for', 'handlers', 'replicas'],
  [FaultKind.ERROR]: ['kind', 'at', 'afterStart', 'until', 'for', 'handlers', 'replicas'],
  [FaultKind.SLOW]: ['kind', 'at', 'afterStart', 'until', 'for', 'handlers', 'replicas', 'latency'],
  [FaultKind.EXIT]: ['kind', 'at', 'afterStart', 'replicas'],
  [FaultKind.OUTAGE]: ['kind', 'at', 'until', 'for', 'replicas', 'dependency', 'effect'],
  [FaultKind.DELETE]: ['kind', 'at', 'replicas'],
};

function parseFault(r: Reader, value: unknown, field: string, ctx: FaultContext): Fault {
  const f = r.object(value, field);
  if (typeof f.kind !== 'string' || !FAULT_KINDS.includes(f.kind)) r.fail(`${field}.kind`, f.kind, `one of ${FAULT_KINDS.join(', ')}`);
  const kind = f.kind as FaultKind;
  r.keys(f, field, FAULT_KEYS[kind]);

  // when it starts
  if (f.at !== undefined && f.afterStart !== undefined) r.fail(`${field}.afterStart`, f.afterStart, 'not together with "at": give one of them');
  const fromContainerStart = f.afterStart !== undefined;
  if (!fromContainerStart && f.at === undefined) {
    const allowed = kind === FaultKind.OUTAGE || kind === FaultKind.DELETE
      ? `"at": the scenario time it starts (${DURATION_ALLOWED})`
      : `"at" (scenario time) or "afterStart" (seconds after each container start): ${DURATION_ALLOWED}`;
    r.fail(`${field}.at`, undefined, allowed);
  }
  const startSeconds = fromContainerStart ? r.seconds(f.afterStart, `${field}.afterStart`) : r.seconds(f.at, `${field}.at`);
  if (!fromContainerStart && startSeconds >= ctx.durationSeconds) {
    r.fail(`${field}.at`, f.at, `a time before the scenario's duration (${ctx.durationSeconds} s)`);
  }

  // when it ends
  let end = FaultEnd.RESTART;
  let durationSeconds: number | undefined;
  const pointEvent = kind === FaultKind.EXIT || kind === FaultKind.DELETE;
  if (f.until !== undefined && f.for !== undefined) r.fail(`${field}.for`, f.for, 'not together with "until": give one of them');
  if (f.for !== undefined) {
    end = FaultEnd.DURATION;
    durationSeconds = r.seconds(f.for, `${field}.for`, true);
  } else if (f.until === 'restart') {
    if (kind === FaultKind.OUTAGE) r.fail(`${field}.until`, f.until, 'a time after "at", or "never": restarting the app does not end a dependency outage');
    end = FaultEnd.RESTART;
  } else if (f.until === 'never') {
    end = FaultEnd.NEVER;
  } else if (f.until !== undefined) {
    const untilAllowed = fromContainerStart
      ? '"restart" or "never" (use "for" to give a duration after each start)'
      : `"restart", "never", or a scenario time after "at" (${startSeconds} s)`;
    if (fromContainerStart || (typeof f.until === 'string' && !DURATION_TEXT.test(f.until.trim()))) r.fail(`${field}.until`, f.until, untilAllowed);
    const until = r.seconds(f.until, `${field}.until`);
    if (until <= startSeconds) r.fail(`${field}.until`, f.until, untilAllowed);
    end = FaultEnd.DURATION;
    durationSeconds = Math.round((until - startSeconds) * 1000) / 1000;
  } else if (kind === FaultKind.OUTAGE) {
    r.fail(`${field}.until`, undefined, 'an outage needs "until" (a scenario time after "at", or "never") or "for" (a duration)');
  } else if (pointEvent) {
    end = FaultEnd.NEVER;
  }

  // what it hits
  let handlers: Handler[] = [];
  let effect: Effect | undefined;
  let latencySeconds: number | undefined;
  let dependency: string | undefined;
  if (kind === FaultKind.HANG || kind === FaultKind.ERROR || kind === FaultKind.SLOW) {
    handlers = f.handlers === undefined ? [...HANDLERS] : r.handlerList(f.handlers, `${field}.handlers`, HANDLERS);
    effect = kind === FaultKind.HANG ? Effect.HANG : kind === FaultKind.ERROR ? Effect.ERROR : Effect.SLOW;
    if (kind === FaultKind.SLOW) {
      if (f.latency === undefined) r.fail(`${field}.latency`, undefined, `the seconds each affected answer takes: ${DURATION_ALLOWED}`);
      latencySeconds = r.seconds(f.latency, `${field}.latency`, true);
    }
  } else if (kind === FaultKind.OUTAGE) {
    const names = ctx.dependencies.map((d) => d.name);
    if (typeof f.dependency !== 'string' || !names.includes(f.dependency)) {
      r.fail(`${field}.dependency`, f.dependency, names.length
        ? `the name of a dependency declared under "dependencies": ${names.join(', ')}`
        : 'the name of a dependency declared under "dependencies" (none is declared)');
    }
    const dep = ctx.dependencies.find((d) => d.name === f.dependency) as Dependency;
    dependency = dep.name;
    handlers = HANDLERS.filter((h) => dep.checkedBy.includes(h) || (h === Handler.TRAFFIC && dep.critical));
    if (f.effect !== undefined && f.effect !== Effect.ERROR && f.effect !== Effect.HANG) {
      r.fail(`${field}.effect`, f.effect, '"error" (the checks answer 503 at once) or "hang" (the checks wait on the dependency and time out)');
    }
    effect = (f.effect as Effect | undefined) ?? Effect.ERROR;
  }

  let replicas: number[] | undefined;
  if (f.replicas !== undefined) {
    const list = Array.isArray(f.replicas) ? f.replicas : [f.replicas];
    replicas = [...new Set(list.map((x, i) => r.integer(x, Array.isArray(f.replicas) ? `${field}.replicas[${i}]` : `${field}.replicas`, 0, ctx.replicas - 1)))].sort((a, b) => a - b);
    if (replicas.length === 0) r.fail(`${field}.replicas`, f.replicas, `a replica index from 0 to ${ctx.replicas - 1}, or a non-empty list of them`);
  }

  return {
    kind, source: field, startSeconds, fromContainerStart, end, durationSeconds, effect, latencySeconds, handlers, dependency, replicas,
  };
}
