/**
 * Lint configuration: the `.cdk8s-probes.yaml` file (or `--config FILE`) and the command-line
 * flags that feed the same settings. The file is validated against the JSON Schema of
 * lib/rules/config-schema.ts (compiled by ajv at build time; the editor form ships as
 * schema/config.schema.json), rule ids against the rules that run; bad settings are
 * input errors that name the file, the line, the field, the value given and what is allowed.
 *
 * ```yaml
 * # yaml-language-server: $schema=./node_modules/cdk8s-probes/schema/config.schema.json
 * failOn: warning            # error | warning | info | none
 * disable:                   # rule ids never run
 *   - readiness-probe-missing
 * rules:                     # per-rule severity: error | warning | info | off
 *   liveness-fragile: error
 * ```
 */
import * as fs from 'fs';
import type { Document, Node } from 'yaml';
import { InputError } from '../manifest/load';
import { CONFIG_KEYS, ConfigSchemaError, FAIL_ON_NAMES, RULE_SETTING_NAMES, SEVERITY_NAMES } from './config-schema';
import { validateConfig } from './config-validator.generated';
import { didYouMean } from './suppress';
import { Severity } from './types';

export { FAIL_ON_NAMES, SEVERITY_NAMES } from './config-schema';

/** The configuration file read from the working directory when `--config` is not given. */
export const CONFIG_FILE_NAME = '.cdk8s-probes.yaml';

/** The threshold for a failing exit: findings at or above this severity fail; `undefined` = never. */
export type FailOn = Severity | undefined;

/** Settings read from a configuration file. */
export interface LintConfig {
  /** Rule ids that do not run. */
  readonly disabledRules: readonly string[];
  /** Severity per rule id, replacing the rule's default. */
  readonly severityOverrides: Readonly<Record<string, Severity>>;
  /** The fail-on threshold, when the file sets one (`null` means `none`). */
  readonly failOn?: Severity | null;
}

/** An empty configuration. */
export const EMPTY_CONFIG: LintConfig = Object.freeze({ disabledRules: [], severityOverrides: {} });

/** Reads a severity name (`error`, `warning`, `info`), or undefined. */
export function parseSeverity(value: unknown): Severity | undefined {
  return typeof value === 'string' && SEVERITY_NAMES.includes(value) ? (value as Severity) : undefined;
}

/** Reads a fail-on name: a severity, `null` for `none`, undefined when not a valid name. */
export function parseFailOn(value: unknown): Severity | null | undefined {
  if (value === 'none') return null;
  return parseSeverity(value);
}

/** A message for a rule id that is not known, with a "did you mean" hint. */
export function unknownRuleMessage(where: string, id: string, knownRuleIds: readonly string[]): string {
  return `${where}: unknown rule id "${id}"${didYouMean(id, knownRuleIds)}; run \`cdk8s-probes lint --list-rules\` for the ${knownRuleIds.length} known ids`;
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

/**
 * The `yaml` package, loaded only when a configuration file is read: most lint runs have none, and
 * the package is about half the modules a cold `lint` would otherwise load.
 */
function yamlPackage(): typeof import('yaml') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml');
}

/** The YAML node at a JSON path, and the key node of its last step when it is a mapping entry. */
function nodeAt(doc: Document, segments: readonly string[]): { value?: unknown; key?: unknown } {
  const { isMap, isScalar, isSeq } = yamlPackage();
  let node: unknown = doc.contents;
  let key: unknown;
  for (const seg of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === seg);
      key = pair?.key;
      node = pair?.value;
    } else if (isSeq(node)) {
      key = undefined;
      node = node.items[Number(seg)];
    } else {
      return {};
    }
  }
  return { value: node, key };
}

/** The message of one schema error: the field as written, the value given, what is allowed. */
function messageOf(e: ConfigSchemaError, segments: readonly string[], value: unknown): { message: string; at: 'key' | 'value' } {
  const [top, sub] = segments;
  if (e.keyword === 'additionalProperties') {
    const extra = String(e.params.additionalProperty);
    return { message: `${show(extra)} is not a configuration key; allowed keys: ${CONFIG_KEYS.join(', ')}`, at: 'key' };
  }
  if (segments.length === 0) return { message: `the configuration must be a mapping with the keys ${CONFIG_KEYS.join(', ')}; got ${show(value)}`, at: 'value' };
  if (top === 'failOn') return { message: `failOn: ${show(value)} is not allowed; use one of ${FAIL_ON_NAMES.join(', ')}`, at: 'value' };
  if (top === 'disable' && sub === undefined) return { message: `disable: must be a list of rule ids; got ${show(value)}`, at: 'value' };
  if (top === 'disable') return { message: `disable[${sub}]: ${show(value)} is not a rule id`, at: 'value' };
  if (top === 'rules' && sub === undefined) return { message: `rules: must be a mapping of rule id to ${RULE_SETTING_NAMES.join(' | ')}; got ${show(value)}`, at: 'value' };
  if (top === 'rules') return { message: `rules.${sub}: ${show(value)} is not allowed; use one of ${RULE_SETTING_NAMES.join(', ')}`, at: 'value' };
  if (top === '$schema') return { message: `$schema: must be a string (the schema's path or URL); got ${show(value)}`, at: 'value' };
  return { message: `${segments.join('.')}: ${show(value)} ${e.message ?? 'is not allowed'}`, at: 'value' };
}

/**
 * Parses configuration text and validates it against the configuration schema (ajv). Every
 * problem is an error naming the file, the line, the field and the value; the settings that are
 * valid are still returned.
 */
export function parseConfigText(text: string, file: string, knownRuleIds: readonly string[]): { config: LintConfig; errors: InputError[] } {
  const { LineCounter, parseDocument } = yamlPackage();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    return { config: EMPTY_CONFIG, errors: [{ file, line: e.linePos?.[0]?.line, message: `invalid YAML: ${e.message.split('\n')[0]}` }] };
  }
  if (doc.contents === null) return { config: EMPTY_CONFIG, errors: [] };
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  const known = new Set(knownRuleIds);
  const found: Array<{ line?: number; message: string; order: number }> = [];
  const seen = new Set<string>();
  const lineOf = (node: unknown) => {
    const range = (node as Node | null)?.range;
    return range ? lines.linePos(range[0]).line : undefined;
  };
  // rule ids: the schema only says they are strings; they must name a rule that runs
  const rec = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const unknownRules = new Set<string>();
  if (rec.rules !== null && typeof rec.rules === 'object' && !Array.isArray(rec.rules)) {
    for (const id of Object.keys(rec.rules)) {
      if (known.has(id)) continue;
      unknownRules.add(id);
      found.push({ line: lineOf(nodeAt(doc, ['rules', id]).key), message: unknownRuleMessage(`rules.${id}`, id, knownRuleIds), order: -1 });
    }
  }
  if (Array.isArray(rec.disable)) {
    rec.disable.forEach((id, i) => {
      if (typeof id === 'string' && !known.has(id)) found.push({ line: lineOf(nodeAt(doc, ['disable', String(i)]).value), message: unknownRuleMessage(`disable[${i}]`, id, knownRuleIds), order: -1 });
    });
  }
  if (!validateConfig(data)) {
    (validateConfig.errors ?? []).forEach((e, order) => {
      const segments = e.instancePath === '' ? [] : e.instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      if (segments[0] === 'rules' && segments.length > 1 && unknownRules.has(segments[1])) return; // the unknown id is the error
      const at = nodeAt(doc, segments);
      const value = segments.reduce<unknown>((v, s) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[s] : undefined), data);
      const { message, at: where } = messageOf(e, segments, value);
      if (seen.has(message)) return; // one message per field (a type error and an enum error say the same)
      seen.add(message);
      let node = where === 'key' ? at.key : at.value;
      if (e.keyword === 'additionalProperties') node = nodeAt(doc, [...segments, String(e.params.additionalProperty)]).key;
      node ??= at.value ?? at.key ?? doc.contents;
      found.push({ line: lineOf(node), message, order });
    });
  }
  found.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.order - b.order);
  const errors: InputError[] = found.map((f) => ({ file, line: f.line, message: f.message }));
  return { config: configFrom(data, knownRuleIds), errors };
}

/** The valid settings of a parsed file (invalid entries, already reported, are left out). */
function configFrom(data: unknown, knownRuleIds: readonly string[]): LintConfig {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return EMPTY_CONFIG;
  const rec = data as Record<string, unknown>;
  const known = new Set(knownRuleIds);
  const disabled: string[] = [];
  const overrides: Record<string, Severity> = {};
  if (Array.isArray(rec.disable)) {
    for (const id of rec.disable) if (typeof id === 'string' && known.has(id)) disabled.push(id);
  }
  const rules = rec.rules;
  if (rules !== null && typeof rules === 'object' && !Array.isArray(rules)) {
    for (const [id, setting] of Object.entries(rules as Record<string, unknown>)) {
      if (!known.has(id)) continue;
      // YAML 1.2 reads `off` as a string; `false` is accepted as a synonym
      if (setting === 'off' || setting === false) disabled.push(id);
      else {
        const sev = parseSeverity(setting);
        if (sev !== undefined) overrides[id] = sev;
      }
    }
  }
  const failOn = parseFailOn(rec.failOn);
  return {
    disabledRules: [...new Set(disabled)].sort(),
    severityOverrides: Object.fromEntries(Object.keys(overrides).sort().map((k) => [k, overrides[k]])),
    ...(failOn !== undefined ? { failOn } : {}),
  };
}

/** Reads and parses a configuration file; a missing or unreadable file is an error naming it. */
export function loadConfigFile(file: string, knownRuleIds: readonly string[]): { config: LintConfig; errors: InputError[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { config: EMPTY_CONFIG, errors: [{ file, message: `cannot read the configuration file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }] };
  }
  return parseConfigText(text, file, knownRuleIds);
}
