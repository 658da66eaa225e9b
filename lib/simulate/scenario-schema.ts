/**
 * The JSON Schema of scenario files (`cdk8s-probes explain --scenario FILE`), from the constants the
 * parser uses (limits, fault kinds, handler names, the fields of each fault kind): one source of
 * truth. `npm run docs` writes it to schema/scenario.schema.json (shipped in the package, for editor
 * completion: `# yaml-language-server: $schema=…`) and compiles it with ajv's standalone code
 * generation into lib/simulate/scenario-validator.generated.ts, so the package does not ship ajv.
 * lib/simulate/scenario.ts validates with it and turns the first error into a ScenarioError naming
 * the file, the field, the value given and what is allowed.
 */
import { REPOSITORY_URL } from '../project';
import { FaultKind, Handler, HANDLERS } from './types';

/** Where the published schema can be fetched (the file in the repository's default branch). */
export const SCENARIO_SCHEMA_URL = `${REPOSITORY_URL}/raw/main/schema/scenario.schema.json`;

/** The schema file inside the package: `node_modules/cdk8s-probes/schema/scenario.schema.json`. */
export const SCENARIO_SCHEMA_PATH = 'schema/scenario.schema.json';

/** The default PRNG seed, so that a scenario without one is still reproducible. */
export const DEFAULT_SEED = 1;
/** The largest seed (the PRNG's state is 32 bits). */
export const MAX_SEED = 0xffffffff;
/** The longest scenario accepted: 7 days. */
export const MAX_DURATION_SECONDS = 7 * 24 * 3600;
/** The most replicas accepted. */
export const MAX_REPLICAS = 100;

/** A duration written as text: `90s`, `2m`, `1h30m`, `500ms`, `1d` (surrounding blanks ignored). */
export const DURATION_PATTERN = '^\\s*(\\d+(\\.\\d+)?(ms|s|m|h|d)\\s*)+$';
/** A dependency name: letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit. */
export const DEPENDENCY_NAME_PATTERN = '^[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$';

/** The top-level fields (`$schema` names the schema for editors and is ignored). */
export const TOP_KEYS: readonly string[] = ['description', 'seed', 'replicas', 'duration', 'app', 'handlers', 'dependencies', 'faults', '$schema'];
/** The fields of `app`. */
export const APP_KEYS: readonly string[] = ['startup', 'listensAfter', 'shutdown'];
/** The fields of `handlers.<h>`. */
export const HANDLER_KEYS: readonly string[] = ['listensAfter', 'answersAfter', 'latency'];
/** The fields of `dependencies.<name>`. */
export const DEPENDENCY_KEYS: readonly string[] = ['critical', 'checkedBy'];
/** The handlers a dependency can be checked by (the probes'; `traffic` is the users'). */
export const PROBE_HANDLERS: readonly Handler[] = [Handler.STARTUP, Handler.LIVENESS, Handler.READINESS];
/** The fault kinds, in the order the documentation lists them. */
export const FAULT_KINDS: readonly FaultKind[] = Object.values(FaultKind);
/** The outage effects. */
export const OUTAGE_EFFECTS: readonly string[] = ['error', 'hang'];

/** The fields each fault kind takes. */
export const FAULT_KEYS: Readonly<Record<FaultKind, readonly string[]>> = {
  [FaultKind.HANG]: ['kind', 'at', 'afterStart', 'until', 'for', 'handlers', 'replicas'],
  [FaultKind.ERROR]: ['kind', 'at', 'afterStart', 'until', 'for', 'handlers', 'replicas'],
  [FaultKind.SLOW]: ['kind', 'at', 'afterStart', 'until', 'for', 'handlers', 'replicas', 'latency'],
  [FaultKind.EXIT]: ['kind', 'at', 'afterStart', 'replicas'],
  [FaultKind.OUTAGE]: ['kind', 'at', 'until', 'for', 'replicas', 'dependency', 'effect'],
  [FaultKind.DELETE]: ['kind', 'at', 'replicas'],
};

/** The fields a fault kind requires besides `kind` (the start is checked by the parser: `at` or `afterStart`). */
const FAULT_REQUIRED: Readonly<Partial<Record<FaultKind, readonly string[]>>> = {
  [FaultKind.SLOW]: ['latency'],
  [FaultKind.OUTAGE]: ['dependency'],
};

type Schema = Record<string, unknown>;

/** A duration field: a reference to the one definition, so the generated validator checks durations in one function. */
function duration(description: string): Schema {
  return { description: `${description} Seconds (90, 1.5) or a duration ("90s", "2m", "1h30m", "500ms", "1d").`, $ref: '#/definitions/duration' };
}

function oneOrList(names: readonly string[], description: string): Schema {
  return { description, anyOf: [{ enum: [...names] }, { type: 'array', items: { enum: [...names] } }] };
}

function mapping(properties: Schema, description: string): Schema {
  return { description, type: ['object', 'null'], additionalProperties: false, properties };
}

/** The properties a fault may have (which kinds take which is in FAULT_KEYS). */
function faultProperties(): Record<string, Schema> {
  return {
    kind: { description: 'What happens.', enum: [...FAULT_KINDS] },
    at: duration('The scenario time the fault starts.'),
    afterStart: duration('When the fault starts, counted from each container start (not with "at").'),
    until: {
      description: 'When the fault ends: "restart" (the default for hang, error, slow), "never", or a scenario time after "at".',
      anyOf: [{ enum: ['restart', 'never'] }, { $ref: '#/definitions/duration' }],
    },
    for: duration('How long the fault lasts (not with "until"); above 0.'),
    handlers: oneOrList(HANDLERS, 'The handlers the fault hits (default: all).'),
    latency: duration('How long each affected answer takes (slow faults; required); above 0.'),
    dependency: { description: 'The dependency that is down (outage faults; declared under "dependencies").', type: 'string' },
    effect: { description: '"error" (the checks answer 503 at once, the default) or "hang" (they time out).', enum: [...OUTAGE_EFFECTS] },
    replicas: {
      description: 'The replicas hit (0-based index or list; default all).',
      anyOf: [{ type: 'integer', minimum: 0 }, { type: 'array', minItems: 1, items: { type: 'integer', minimum: 0 } }],
    },
  };
}

/** One fault: every field's type once, and per kind (an if/then) which fields it takes. */
function faultSchema(): Schema {
  return {
    type: 'object',
    required: ['kind'],
    properties: faultProperties(),
    allOf: FAULT_KINDS.map((kind) => ({
      if: { properties: { kind: { const: kind } }, required: ['kind'] },
      then: {
        properties: Object.fromEntries(FAULT_KEYS[kind].map((k) => [k, true])),
        additionalProperties: false,
        ...(FAULT_REQUIRED[kind] ? { required: [...(FAULT_REQUIRED[kind] ?? [])] } : {}),
      },
    })),
  };
}

/**
 * The JSON Schema (draft-07) of a scenario file (deterministic). It checks the structure: fields,
 * types, ranges, names, the fields of each fault kind. What it cannot say (relations between
 * fields, durations after unit conversion) lib/simulate/scenario.ts checks by hand.
 */
export function scenarioSchema(): Record<string, unknown> {
  const handler = mapping({
    listensAfter: duration('Until the port accepts connections (at most answersAfter).'),
    answersAfter: duration('From container start until the handler answers (default app.startup).'),
    latency: duration('How long a healthy answer takes.'),
  }, 'How this handler behaves when healthy.');
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCENARIO_SCHEMA_URL,
    title: 'cdk8s-probes scenario (explain --scenario FILE)',
    description: `The app over time, per handler, and its faults. Documentation: ${REPOSITORY_URL}/blob/main/docs/simulate.md#the-scenario-file`,
    definitions: {
      duration: { anyOf: [{ type: 'number', minimum: 0 }, { type: 'string', pattern: DURATION_PATTERN }] },
      handler,
    },
    type: 'object',
    additionalProperties: false,
    required: ['duration'],
    properties: {
      $schema: { type: 'string', description: 'The schema this file follows (for editors); ignored by cdk8s-probes.' },
      description: { type: 'string', description: 'Free text.' },
      seed: { type: 'integer', minimum: 0, maximum: MAX_SEED, default: DEFAULT_SEED, description: "Seed of the PRNG that places each probe's ticker phase." },
      replicas: { type: 'integer', minimum: 1, maximum: MAX_REPLICAS, default: 1, description: 'Pods, simulated independently.' },
      duration: duration(`How long to simulate; above 0, at most ${MAX_DURATION_SECONDS} s (7 days).`),
      app: mapping({
        startup: duration('From container start until the app serves users, and until every handler answers (unless overridden).'),
        listensAfter: duration('From container start until the port accepts connections; at most app.startup.'),
        shutdown: {
          description: 'From SIGTERM to the process exiting, or "never" (ignores SIGTERM and is SIGKILLed).',
          anyOf: [{ const: 'never' }, { $ref: '#/definitions/duration' }],
        },
      }, 'The app as a whole.'),
      handlers: mapping(Object.fromEntries(HANDLERS.map((h) => [h, { $ref: '#/definitions/handler' }])), 'Per handler: startup, liveness, readiness (called by the probe of that role) and traffic (user requests).'),
      dependencies: {
        description: 'What the app calls, by name.',
        type: ['object', 'null'],
        additionalProperties: false,
        patternProperties: {
          [DEPENDENCY_NAME_PATTERN]: mapping({
            critical: { type: 'boolean', default: true, description: 'User requests fail while it is down.' },
            checkedBy: oneOrList(PROBE_HANDLERS, 'The probe handlers that call it.'),
          }, 'One dependency.'),
        },
      },
      faults: { description: 'What goes wrong, and when.', type: ['array', 'null'], items: faultSchema() },
    },
  };
}

/** One error of the generated validator (ajv's ErrorObject, the fields used here). */
export interface ScenarioSchemaError {
  /** JSON Pointer of the offending value, `''` for the root. */
  readonly instancePath: string;
  /** The schema keyword that failed (`type`, `enum`, `additionalProperties`, …). */
  readonly keyword: string;
  /** Keyword parameters, e.g. `additionalProperty`, `missingProperty`. */
  readonly params: Record<string, unknown>;
}

/** The generated validator: returns whether the data is valid, errors in `.errors` when not. */
export type ScenarioSchemaValidator = ((data: unknown) => boolean) & { errors?: ScenarioSchemaError[] | null };
