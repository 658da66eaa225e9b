/**
 * Writes schema/config.schema.json, the JSON Schema of `.cdk8s-probes.yaml` (from
 * lib/rules/config-schema.ts and the rule registry), shipped in the package for editors.
 * Run by `npm run docs`; test/lint/config-schema.test.ts fails when the file is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_SCHEMA_PATH, configSchema } from '../lib/rules/config-schema';
import { ALL_RULES } from '../lib/rules/registry';

/** The schema file's text. */
export function configSchemaText(): string {
  return JSON.stringify(configSchema(ALL_RULES.map((r) => ({ id: r.meta.id, description: r.meta.description }))), null, 2) + '\n';
}

if (require.main === module) {
  const file = path.join(__dirname, '..', CONFIG_SCHEMA_PATH);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, configSchemaText());
  console.log(`wrote ${CONFIG_SCHEMA_PATH}`);
}
