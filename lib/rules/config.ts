/**
 * Lint configuration: the `.cdk8s-probes.yaml` file (or `--config FILE`) and the command-line
 * flags that feed the same settings. Bad settings are input errors that name the file, the field,
 * the value given and what is allowed.
 *
 * ```yaml
 * # .cdk8s-probes.yaml
 * failOn: warning            # error | warning | info | none
 * disable:                   # rule ids never run
 *   - readiness-probe-missing
 * rules:                     # per-rule severity: error | warning | info | off
 *   liveness-fragile: error
 * ```
 */
import * as fs from 'fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar } from 'yaml';
import { InputError } from '../manifest';
import { didYouMean } from './suppress';
import { Severity } from './types';

/** The configuration file read from the working directory when `--config` is not given. */
export const CONFIG_FILE_NAME = '.cdk8s-probes.yaml';

/** The severities, highest first, as written in configuration. */
export const SEVERITY_NAMES: readonly string[] = [Severity.ERROR, Severity.WARNING, Severity.INFO];

/** The `--fail-on` / `failOn` values: a severity, or `none` (never fail on findings). */
export const FAIL_ON_NAMES: readonly string[] = [...SEVERITY_NAMES, 'none'];

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

const TOP_LEVEL_KEYS = ['disable', 'failOn', 'rules'];

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

/**
 * Parses configuration text. Every problem is an error naming the file, the field and the value;
 * the settings that are valid are still returned.
 */
export function parseConfigText(text: string, file: string, knownRuleIds: readonly string[]): { config: LintConfig; errors: InputError[] } {
  const errors: InputError[] = [];
  const known = new Set(knownRuleIds);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    return { config: EMPTY_CONFIG, errors: [{ file, line: e.linePos?.[0]?.line, message: `invalid YAML: ${e.message.split('\n')[0]}` }] };
  }
  const lineOf = (node: unknown): number | undefined => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lines.linePos(range[0]).line : undefined;
  };
  const err = (node: unknown, message: string) => errors.push({ file, line: lineOf(node), message });
  if (doc.contents === null) return { config: EMPTY_CONFIG, errors };
  if (!isMap(doc.contents)) {
    err(doc.contents, `the configuration must be a mapping with the keys ${TOP_LEVEL_KEYS.join(', ')}; got ${show(doc.toJS())}`);
    return { config: EMPTY_CONFIG, errors };
  }
  const disabled: string[] = [];
  const overrides: Record<string, Severity> = {};
  let failOn: Severity | null | undefined;
  for (const pair of doc.contents.items) {
    const keyNode = pair.key;
    const key = isScalar(keyNode) ? keyNode.value : keyNode;
    const valueNode = pair.value;
    const value = isScalar(valueNode) ? (valueNode as Scalar).value : valueNode && (valueNode as { toJSON?: () => unknown }).toJSON?.();
    if (key === 'failOn') {
      const f = parseFailOn(value);
      if (f === undefined) err(valueNode ?? keyNode, `failOn: ${show(value)} is not allowed; use one of ${FAIL_ON_NAMES.join(', ')}`);
      else failOn = f;
    } else if (key === 'disable') {
      if (valueNode === null || (isScalar(valueNode) && valueNode.value === null)) continue;
      if (!isSeq(valueNode)) {
        err(valueNode, `disable: must be a list of rule ids; got ${show(value)}`);
        continue;
      }
      valueNode.items.forEach((item, i) => {
        const id = isScalar(item) ? item.value : undefined;
        if (typeof id !== 'string') err(item, `disable[${i}]: ${show(isScalar(item) ? item.value : item)} is not a rule id`);
        else if (!known.has(id)) err(item, unknownRuleMessage(`disable[${i}]`, id, knownRuleIds));
        else disabled.push(id);
      });
    } else if (key === 'rules') {
      if (valueNode === null || (isScalar(valueNode) && valueNode.value === null)) continue;
      if (!isMap(valueNode)) {
        err(valueNode, `rules: must be a mapping of rule id to ${[...SEVERITY_NAMES, 'off'].join(' | ')}; got ${show(value)}`);
        continue;
      }
      for (const rulePair of valueNode.items) {
        const id = isScalar(rulePair.key) ? rulePair.key.value : undefined;
        const sevNode = rulePair.value;
        const sev = isScalar(sevNode) ? sevNode.value : sevNode;
        if (typeof id !== 'string') {
          err(rulePair.key, `rules: key ${show(id)} is not a rule id`);
          continue;
        }
        if (!known.has(id)) {
          err(rulePair.key, unknownRuleMessage(`rules.${id}`, id, knownRuleIds));
          continue;
        }
        // YAML 1.2 reads `off` as a string; `false` is accepted as a synonym
        if (sev === 'off' || sev === false) {
          disabled.push(id);
          continue;
        }
        const s = parseSeverity(sev);
        if (s === undefined) err(sevNode ?? rulePair.key, `rules.${id}: ${show(sev)} is not allowed; use one of ${[...SEVERITY_NAMES, 'off'].join(', ')}`);
        else overrides[id] = s;
      }
    } else {
      err(keyNode, `${show(key)} is not a configuration key; allowed keys: ${TOP_LEVEL_KEYS.join(', ')}`);
    }
  }
  const config: LintConfig = {
    disabledRules: [...new Set(disabled)].sort(),
    severityOverrides: Object.fromEntries(Object.keys(overrides).sort().map((k) => [k, overrides[k]])),
    ...(failOn !== undefined ? { failOn } : {}),
  };
  return { config, errors };
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
