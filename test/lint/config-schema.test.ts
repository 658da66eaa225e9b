/**
 * The configuration file's JSON Schema: the shipped schema/config.schema.json is the one ajv
 * validates with, it is a valid draft-07 schema, and a file written with editor completion
 * (`$schema`, every rule id) passes both the schema and the parser.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { configSchemaText, configValidatorText, VALIDATOR_PATH } from '../../scripts/gen-config-schema';
import { parseConfigText } from '../../lib/rules/config';
import { CONFIG_SCHEMA_PATH, CONFIG_SCHEMA_URL } from '../../lib/rules/config-schema';
import { RULE_IDS } from '../../lib/rules/registry';

const ROOT = path.join(__dirname, '..', '..');
const shipped = fs.readFileSync(path.join(ROOT, CONFIG_SCHEMA_PATH), 'utf8');

describe('configuration schema', () => {
  it('is up to date with the rule registry, and so is the generated validator (run `npm run docs`)', () => {
    expect(shipped).toBe(configSchemaText());
    expect(fs.readFileSync(path.join(ROOT, VALIDATOR_PATH), 'utf8')).toBe(configValidatorText());
  });

  it('needs no ajv at run time: the validator is generated code', () => {
    const generated = fs.readFileSync(path.join(ROOT, VALIDATOR_PATH), 'utf8');
    expect(generated).not.toMatch(/require\(/);
    const config = fs.readFileSync(path.join(ROOT, 'lib', 'rules', 'config.ts'), 'utf8');
    expect(config).not.toMatch(/from 'ajv'|require\('ajv'\)/);
  });

  it('is a valid draft-07 schema that accepts a complete file and rejects mistakes', () => {
    const schema = JSON.parse(shipped);
    expect(schema.$id).toBe(CONFIG_SCHEMA_URL);
    const validate = new Ajv({ strict: true, allowUnionTypes: true }).compile(schema);
    const good = { $schema: `./node_modules/cdk8s-probes/${CONFIG_SCHEMA_PATH}`, failOn: 'warning', disable: [RULE_IDS[0]], rules: Object.fromEntries(RULE_IDS.map((id) => [id, 'info'])) };
    expect(validate(good)).toBe(true);
    expect(validate({ failOn: 'fatal' })).toBe(false);
    expect(validate({ rules: { 'no-such-rule': 'error' } })).toBe(false);
    expect(validate({ colour: true })).toBe(false);
  });

  it('lets a file name its schema for editors (a $schema key or the yaml-language-server comment)', () => {
    const text = `# yaml-language-server: $schema=./node_modules/cdk8s-probes/schema/config.schema.json
$schema: ./node_modules/cdk8s-probes/schema/config.schema.json
failOn: info
`;
    expect(parseConfigText(text, '.cdk8s-probes.yaml', RULE_IDS)).toEqual({ config: { disabledRules: [], severityOverrides: {}, failOn: 'info' }, errors: [] });
    expect(parseConfigText('$schema: 42\n', 'c.yaml', RULE_IDS).errors).toEqual([{ file: 'c.yaml', line: 1, message: "$schema: must be a string (the schema's path or URL); got 42" }]);
  });

  it('reports several mistakes in one field once each, in file order, with the line', () => {
    const text = 'rules:\n  liveness-probe-missing: [error]\n  no-such-rule: error\ndisable: [readiness-probe-missing, {a: 1}]\n';
    expect(parseConfigText(text, 'c.yaml', RULE_IDS).errors.map((e) => `${e.line} ${e.message}`)).toEqual([
      '2 rules.liveness-probe-missing: a list is not allowed; use one of error, warning, info, off',
      expect.stringMatching(/^3 rules\.no-such-rule: unknown rule id "no-such-rule"/),
      '4 disable[1]: a mapping is not a rule id',
    ]);
  });
});
