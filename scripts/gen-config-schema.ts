/**
 * Writes schema/config.schema.json (the editor schema of `.cdk8s-probes.yaml`, every rule id
 * enumerated, shipped in the package) and lib/rules/config-validator.generated.ts (the structural
 * schema compiled by ajv's standalone code generation, so the package needs no ajv at run time),
 * both from lib/rules/config-schema.ts. Run by `npm run docs`; test/lint/config-schema.test.ts
 * fails when either file is stale.
 */
import { CONFIG_SCHEMA_PATH, configSchema } from '../lib/rules/config-schema';
import { ALL_RULES } from '../lib/rules/registry';
import { validatorModuleText, writeGenerated } from './schema-codegen';

/** Where the generated validator is written. */
export const VALIDATOR_PATH = 'lib/rules/config-validator.generated.ts';

/** The schema file's text. */
export function configSchemaText(): string {
  return JSON.stringify(configSchema(ALL_RULES.map((r) => ({ id: r.meta.id, description: r.meta.description }))), null, 2) + '\n';
}

/** The generated validator module's text. */
export function configValidatorText(): string {
  return validatorModuleText({
    generator: 'scripts/gen-config-schema.ts',
    source: 'configSchema() in lib/rules/config-schema.ts',
    validatorType: 'ConfigSchemaValidator',
    typeModule: './config-schema',
    exportName: 'validateConfig',
    doc: 'Validates a parsed configuration file against the structural schema; errors in `.errors`.',
    schema: configSchema(),
    ajvOptions: { allErrors: true, strict: true, allowUnionTypes: true },
  });
}

if (require.main === module) {
  writeGenerated([[CONFIG_SCHEMA_PATH, configSchemaText()], [VALIDATOR_PATH, configValidatorText()]]);
}
