/**
 * Writes schema/scenario.schema.json (the schema of `explain --scenario` files, shipped in the
 * package for editors) and lib/simulate/scenario-validator.generated.ts (the same schema compiled by
 * ajv's standalone code generation, so the package needs no ajv at run time), both from
 * lib/simulate/scenario-schema.ts. Run by `npm run docs`; test/simulate/scenario-schema.test.ts
 * fails when either file is stale.
 */
import { SCENARIO_SCHEMA_PATH, scenarioSchema } from '../lib/simulate/scenario-schema';
import { validatorModuleText, writeGenerated } from './schema-codegen';

/** Where the generated validator is written. */
export const SCENARIO_VALIDATOR_PATH = 'lib/simulate/scenario-validator.generated.ts';

/** The ajv options the validator is compiled with (tests compile the shipped schema the same way). */
export const AJV_OPTIONS = { allErrors: true, strict: true, strictNumbers: true, allowUnionTypes: true, inlineRefs: false } as const;

/** The schema file's text. */
export function scenarioSchemaText(): string {
  return JSON.stringify(scenarioSchema(), null, 2) + '\n';
}

/** The generated validator module's text. */
export function scenarioValidatorText(): string {
  return validatorModuleText({
    generator: 'scripts/gen-scenario-schema.ts',
    source: 'scenarioSchema() in lib/simulate/scenario-schema.ts',
    validatorType: 'ScenarioSchemaValidator',
    typeModule: './scenario-schema',
    exportName: 'validateScenario',
    doc: 'Validates a parsed scenario file against the scenario schema; errors in `.errors`.',
    schema: scenarioSchema(),
    ajvOptions: AJV_OPTIONS,
  });
}

if (require.main === module) {
  writeGenerated([[SCENARIO_SCHEMA_PATH, scenarioSchemaText()], [SCENARIO_VALIDATOR_PATH, scenarioValidatorText()]]);
}
