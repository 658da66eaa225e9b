/**
 * The scenario file's JSON Schema: the shipped schema/scenario.schema.json and the generated
 * validator are up to date with lib/simulate/scenario-schema.ts, the schema is a valid draft-07
 * schema, every example scenario (test/simulate/scenarios, the README and docs) passes it and the
 * parser, and a file may name its schema for editors.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { AJV_OPTIONS, SCENARIO_VALIDATOR_PATH, scenarioSchemaText, scenarioValidatorText } from '../../scripts/gen-scenario-schema';
import { parseScenario, ScenarioError } from '../../lib/simulate';
import { MAX_REPLICAS, SCENARIO_SCHEMA_PATH, SCENARIO_SCHEMA_URL } from '../../lib/simulate/scenario-schema';

const ROOT = path.join(__dirname, '..', '..');
const shipped = fs.readFileSync(path.join(ROOT, SCENARIO_SCHEMA_PATH), 'utf8');
const validate = new Ajv({ ...AJV_OPTIONS }).compile(JSON.parse(shipped));

/** Every example scenario: the files of test/simulate/scenarios and the YAML blocks of the README and docs that are scenarios. */
function examples(): Array<[string, string]> {
  const dir = path.join(ROOT, 'test', 'simulate', 'scenarios');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()
    .map((f): [string, string] => [`test/simulate/scenarios/${f}`, fs.readFileSync(path.join(dir, f), 'utf8')]);
  const docs = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
  const blocks = docs.flatMap((doc) => [...fs.readFileSync(path.join(ROOT, doc), 'utf8').matchAll(/^```yaml\n([\s\S]*?)^```/gm)]
    .map((m, i): [string, string] => [`${doc} yaml block ${i + 1}`, m[1]]))
    .filter(([, text]) => {
      try {
        const data: unknown = parse(text);
        return data !== null && typeof data === 'object' && 'duration' in data && !('apiVersion' in data);
      } catch {
        return false; // not one document: a manifest stream, not a scenario
      }
    });
  return [...files, ...blocks];
}

function errorOf(text: string): string {
  try {
    parseScenario(text, 's.yaml');
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  return 'accepted';
}

describe('scenario schema', () => {
  it('is up to date, and so is the generated validator (run `npm run docs`)', () => {
    expect(shipped).toBe(scenarioSchemaText());
    expect(fs.readFileSync(path.join(ROOT, SCENARIO_VALIDATOR_PATH), 'utf8')).toBe(scenarioValidatorText());
  });

  it('needs no ajv at run time: the validator is generated code', () => {
    expect(fs.readFileSync(path.join(ROOT, SCENARIO_VALIDATOR_PATH), 'utf8')).not.toMatch(/require\(/);
    expect(fs.readFileSync(path.join(ROOT, 'lib', 'simulate', 'scenario.ts'), 'utf8')).not.toMatch(/from 'ajv'|require\('ajv'\)/);
  });

  it('is a valid draft-07 schema with its published address, from the parser\'s limits', () => {
    const schema = JSON.parse(shipped);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toBe(SCENARIO_SCHEMA_URL);
    expect(schema.properties.replicas.maximum).toBe(MAX_REPLICAS);
    expect(validate({ duration: '10m', replicas: MAX_REPLICAS + 1 })).toBe(false);
    expect(validate({ duration: '10m', faults: [{ kind: 'exit', at: 5, until: 10 }] })).toBe(false);
    expect(validate({ colour: true, duration: 1 })).toBe(false);
  });

  const all = examples();
  it('finds the example scenarios of the tests, the README and the docs', () => {
    expect(all.filter(([name]) => name.startsWith('test/')).length).toBeGreaterThanOrEqual(5);
    expect(all.filter(([name]) => name.startsWith('README.md')).length).toBeGreaterThanOrEqual(1);
    expect(all.filter(([name]) => name.startsWith('docs/simulate.md')).length).toBeGreaterThanOrEqual(1);
  });

  it.each(all)('%s passes the schema and the parser', (name, text) => {
    expect(validate(parse(text))).toBe(true);
    expect(() => parseScenario(text, name)).not.toThrow();
  });

  it('lets a file name its schema for editors (a $schema key or the yaml-language-server comment)', () => {
    const text = `# yaml-language-server: $schema=./node_modules/cdk8s-probes/${SCENARIO_SCHEMA_PATH}
$schema: ./node_modules/cdk8s-probes/${SCENARIO_SCHEMA_PATH}
duration: 10m
`;
    expect(validate(parse(text))).toBe(true);
    expect(parseScenario(text, 's.yaml').durationSeconds).toBe(600);
    expect(errorOf('$schema: 3\nduration: 1m\n')).toBe("s.yaml: $schema: 3 is not allowed; a string (the schema's path or URL, for editors)");
  });

  it('words what every field allows (no field falls back to a generic message)', () => {
    const schema = JSON.parse(shipped);
    const bad = '[[1]]';
    const texts = [
      ...Object.keys(schema.properties).filter((k) => k !== 'duration').map((k) => `duration: 1m\n${k}: ${bad}\n`),
      `duration: ${bad}\n`,
      ...Object.keys(schema.properties.app.properties).map((k) => `duration: 1m\napp: {${k}: ${bad}}\n`),
      ...Object.keys(schema.definitions.handler.properties).map((k) => `duration: 1m\nhandlers: {liveness: {${k}: ${bad}}}\n`),
      ...['critical', 'checkedBy'].map((k) => `duration: 1m\ndependencies: {db: {${k}: ${bad}}}\n`),
      ...Object.keys(schema.properties.faults.items.properties).filter((k) => k !== 'kind')
        .map((k) => `duration: 1m\ndependencies: {db: {}}\nfaults: [{kind: ${k === 'latency' || k === 'afterStart' || k === 'handlers' ? 'slow' : 'outage'}, ${k}: ${bad}}]\n`),
    ];
    for (const text of texts) expect(errorOf(text)).not.toMatch(/what schema\/scenario\.schema\.json allows|unknown field|^accepted$/);
  });

  it('reports the first mistake in file order, at the innermost field', () => {
    expect(errorOf('foo: 1\nreplicas: 0\n')).toMatch(/^s\.yaml: foo: 1 is not allowed; unknown field; allowed here: description, /);
    expect(errorOf('replicas: 0\nfoo: 1\n')).toBe('s.yaml: replicas: 0 is not allowed; an integer from 1 to 100');
    expect(errorOf('replicas: 2\n')).toMatch(/^s\.yaml: duration: missing value is not allowed; a number of seconds/);
    expect(errorOf('duration: 1m\nfaults: [{kind: hang, at: 5, replicas: [0, -1]}]\n')).toBe('s.yaml: faults[0].replicas[1]: -1 is not allowed; an integer from 0 to 0');
    expect(errorOf('duration: .inf\n')).toMatch(/^s\.yaml: duration: Infinity is not allowed; a number of seconds ≥ 0/);
  });
});
