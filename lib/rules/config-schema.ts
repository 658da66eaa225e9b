/**
 * The JSON Schema of the `.cdk8s-probes.yaml` configuration file, in two forms from one function:
 * the editor schema (every rule id enumerated, with its description, for completion), written to
 * schema/config.schema.json by `npm run docs` and shipped in the package
 * (`# yaml-language-server: $schema=…`); and the structural schema (rule ids as strings), which
 * ajv compiles at build time into lib/rules/config-validator.generated.ts (ajv's standalone code,
 * so the package does not ship ajv). lib/rules/config.ts validates with it, checks rule ids
 * against the rules actually run, and turns every error into a message naming the file, line,
 * field, value and what is allowed.
 */
import { REPOSITORY_URL } from '../project';
import { Severity } from './types';

/** Where the published schema can be fetched (the file in the repository's default branch). */
export const CONFIG_SCHEMA_URL = `${REPOSITORY_URL}/raw/main/schema/config.schema.json`;

/** The schema file inside the package: `node_modules/cdk8s-probes/schema/config.schema.json`. */
export const CONFIG_SCHEMA_PATH = 'schema/config.schema.json';

/** The top-level keys of a configuration file (besides `$schema`). */
export const CONFIG_KEYS: readonly string[] = ['disable', 'failOn', 'rules'];

/** The severities, highest first, as written in configuration. */
export const SEVERITY_NAMES: readonly string[] = [Severity.ERROR, Severity.WARNING, Severity.INFO];

/** The `--fail-on` / `failOn` values: a severity, or `none` (never fail on findings). */
export const FAIL_ON_NAMES: readonly string[] = [...SEVERITY_NAMES, 'none'];

/** The values of a per-rule setting under `rules:` (`false` is also read as `off`). */
export const RULE_SETTING_NAMES: readonly string[] = [...SEVERITY_NAMES, 'off'];

/** What the schema needs to know of a rule. */
export interface SchemaRule {
  /** The rule id. */
  readonly id: string;
  /** One line: what the rule flags (shown by editors). */
  readonly description?: string;
}

/**
 * The JSON Schema (draft-07) of the configuration file (deterministic). With rules, every rule id
 * is enumerated (the editor schema); without, rule ids are any strings (the structural schema the
 * linter validates with before checking ids against the rules it runs).
 */
export function configSchema(rules?: readonly SchemaRule[]): Record<string, unknown> {
  const ruleSetting = { enum: [...RULE_SETTING_NAMES, false] };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: CONFIG_SCHEMA_URL,
    title: 'cdk8s-probes lint configuration (.cdk8s-probes.yaml)',
    description: `Settings for \`cdk8s-probes lint\`. Documentation: ${REPOSITORY_URL}/blob/main/docs/lint.md#configuration`,
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'The schema this file follows (for editors); ignored by cdk8s-probes.' },
      failOn: {
        description: 'Exit 1 when a finding is at or above this severity; `none` never fails on findings. The --fail-on flag wins.',
        enum: [...FAIL_ON_NAMES],
        default: 'error',
      },
      disable: {
        description: 'Rule ids that never run.',
        type: ['array', 'null'],
        items: rules ? { enum: rules.map((r) => r.id) } : { type: 'string' },
      },
      rules: {
        description: 'Severity per rule id (error, warning, info), or off to disable the rule.',
        type: ['object', 'null'],
        ...(rules
          ? { properties: Object.fromEntries(rules.map((r) => [r.id, { ...ruleSetting, ...(r.description ? { description: r.description } : {}) }])), additionalProperties: false }
          : { additionalProperties: ruleSetting }),
      },
    },
  };
}

/** One error of the generated validator (ajv's ErrorObject, the fields used here). */
export interface ConfigSchemaError {
  /** JSON Pointer of the offending value, `''` for the root. */
  readonly instancePath: string;
  /** The schema keyword that failed (`type`, `enum`, `additionalProperties`, …). */
  readonly keyword: string;
  /** Keyword parameters, e.g. `additionalProperty`. */
  readonly params: Record<string, unknown>;
  /** ajv's own message. */
  readonly message?: string;
}

/** The generated validator: returns whether the data is valid, errors in `.errors` when not. */
export type ConfigSchemaValidator = ((data: unknown) => boolean) & { errors?: ConfigSchemaError[] | null };

