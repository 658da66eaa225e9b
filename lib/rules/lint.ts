/**
 * Linting: load → index → run the configured rules → apply suppressions and severities → sort.
 * The one entry point behind every door: the CLI (`lintPaths`), the cdk8s validation plugin
 * (`lintPaths`) and the constructs (`lintObjects`, over what they synthesize in memory).
 */
import * as path from 'path';
import { InputError, JsonPath, loadPaths, SourceDocument, STDIN_NAME } from '../manifest/load';
import { unknownRuleMessage } from './config';
import { buildIndex, runRulesWithSources } from './engine';
import { ALL_RULES, RULE_IDS } from './registry';
import { createIgnoreAnnotationRule, IGNORE_ANNOTATION_RULE_ID, suppressedRules } from './suppress';
import { Finding, Rule, Severity } from './types';

/**
 * What to run and how.
 *
 * TypeScript-only option/result shape (readonly arrays, functions); other languages use the `Linter` class.
 * @jsii ignore
 */
export interface LintOptions {
  /**
   * Rule ids not to run.
   * @default - none
   */
  readonly disabledRules?: readonly string[];
  /**
   * Severity per rule id, replacing the rule's default.
   * @default - every rule at its default severity
   */
  readonly severityOverrides?: Readonly<Record<string, Severity>>;
  /**
   * The rules to run.
   * @default ALL_RULES
   */
  readonly rules?: readonly Rule[];
}

/**
 * Options of {@link lintPaths}.
 *
 * TypeScript-only option/result shape (readonly arrays, functions); other languages use the `Linter` class.
 * @jsii ignore
 */
export interface LintPathsOptions extends LintOptions {
  /**
   * The directory relative paths are resolved against; files inside it are reported relative to
   * it (forward slashes), files outside it by absolute path.
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * Reads standard input (called only when a path is `-`); bytes are checked for UTF-8.
   * @default - reads file descriptor 0
   */
  readonly readStdin?: () => string | Uint8Array;
  /**
   * The file name reported for standard input.
   * @default '<stdin>'
   */
  readonly stdinName?: string;
  /**
   * Glob patterns of directory entries not to read (see lib/manifest/files.ts).
   * @default - none
   */
  readonly exclude?: readonly string[];
}

/**
 * Options of {@link lintObjects}.
 *
 * TypeScript-only option/result shape (readonly arrays, functions); other languages use the `Linter` class.
 * @jsii ignore
 */
export interface LintObjectsOptions extends LintOptions {
  /**
   * The file name reported for the objects (every position is line 1, column 1).
   * @default '<memory>'
   */
  readonly fileName?: string;
}

/**
 * A finding silenced by a `probes.cdk8s.io/ignore` annotation.
 *
 * TypeScript-only option/result shape (readonly arrays, functions); other languages use the `Linter` class.
 * @jsii ignore
 */
export interface SuppressedFinding {
  /** The finding, as it would have been reported. */
  readonly finding: Finding;
  /** The reason written in the annotation. */
  readonly reason: string;
}

/**
 * Everything a lint run produced.
 *
 * TypeScript-only option/result shape (readonly arrays, functions); other languages use the `Linter` class.
 * @jsii ignore
 */
export interface LintResult {
  /** Findings, sorted by file, document, line, rule id (then column, message). */
  readonly findings: Finding[];
  /** Files, documents or settings that could not be read; sorted by file, document, line. */
  readonly errors: InputError[];
  /** Findings silenced by annotations, in the same order as findings. */
  readonly suppressed: SuppressedFinding[];
  /** How many Kubernetes objects were read (workloads, Services and skipped kinds). */
  readonly objectsRead: number;
  /** How many workloads and Services the rules checked. */
  readonly resourcesChecked: number;
  /** The files (or `<stdin>`) read, in the order read: those with at least one object or one broken document. */
  readonly files: string[];
  /**
   * Entries skipped on purpose (FIFOs or devices inside a directory, symlink loops), for standard error.
   * @default - none
   */
  readonly warnings?: InputError[];
}

/**
 * Thrown by {@link lintObjects} (and other in-memory entry points) for unknown rule ids in options.
 *
 * TypeScript-only: jsii cannot model classes that extend Error.
 * @jsii ignore
 */
export class LintConfigurationError extends Error {
  /** @param message what is wrong */
  constructor(message: string) {
    super(message);
    this.name = 'LintConfigurationError';
  }
}

/** Checks rule ids in options against the rule list; one message per unknown id. */
export function checkLintOptions(options: LintOptions): string[] {
  const rules = options.rules ?? ALL_RULES;
  const ids = rules.map((r) => r.meta.id);
  const known = new Set(ids);
  const problems: string[] = [];
  for (const id of options.disabledRules ?? []) {
    if (!known.has(id)) problems.push(unknownRuleMessage('disabled rules', id, ids));
  }
  for (const [id, sev] of Object.entries(options.severityOverrides ?? {})) {
    if (!known.has(id)) problems.push(unknownRuleMessage('severity overrides', id, ids));
    else if (!Object.values(Severity).includes(sev)) problems.push(`severity overrides: ${id}: ${JSON.stringify(sev)} is not one of error, warning, info`);
  }
  return problems;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The deterministic finding order: file, document, line, rule id, then column, message, container. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.documentIndex - b.documentIndex ||
    a.line - b.line ||
    compareStrings(a.ruleId, b.ruleId) ||
    a.column - b.column ||
    compareStrings(a.message, b.message) ||
    compareStrings(a.container ?? '', b.container ?? '')
  );
}

/** The deterministic input-error order: file, document, line, message. */
export function compareInputErrors(a: InputError, b: InputError): number {
  return (
    compareStrings(a.file, b.file) ||
    (a.documentIndex ?? -1) - (b.documentIndex ?? -1) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    compareStrings(a.message, b.message)
  );
}

/**
 * Lints documents already loaded. Rules that throw become input errors naming the rule and the
 * document (a bug to report), so one bad rule never hides the others' findings.
 */
export function lintDocuments(documents: readonly SourceDocument[], options: LintOptions = {}): Omit<LintResult, 'files'> {
  return lintPrepared(documents, prepareRules(options));
}

/** The rules a run applies and their severity overrides, worked out once from the options. */
interface PreparedRules {
  readonly rules: readonly Rule[];
  readonly overrides: Readonly<Record<string, Severity>>;
}

function prepareRules(options: LintOptions): PreparedRules {
  const disabled = new Set(options.disabledRules ?? []);
  const given = options.rules ?? ALL_RULES;
  // the suppression-annotation check must know the ids of the rules given too (not only ALL_RULES)
  const known = [...new Set([...RULE_IDS, ...given.map((r) => r.meta.id)])];
  const rules = given
    .filter((r) => !disabled.has(r.meta.id))
    .map((r) => (r.meta.id === IGNORE_ANNOTATION_RULE_ID && given !== ALL_RULES ? createIgnoreAnnotationRule(() => known) : r));
  return { rules, overrides: options.severityOverrides ?? {} };
}

function lintPrepared(documents: readonly SourceDocument[], { rules, overrides }: PreparedRules): Omit<LintResult, 'files'> {
  const index = buildIndex(documents);
  const run = runRulesWithSources(rules, index);
  const suppressionCache = new Map<SourceDocument, ReadonlyMap<string, string>>();
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const { finding, source } of run.findings) {
    const severity = overrides[finding.ruleId] ?? finding.severity;
    const f: Finding = severity === finding.severity ? finding : { ...finding, severity };
    let sup = suppressionCache.get(source);
    if (!sup) {
      sup = suppressedRules(source);
      suppressionCache.set(source, sup);
    }
    const reason = sup.get(f.ruleId);
    if (reason !== undefined) suppressed.push({ finding: f, reason });
    else findings.push(f);
  }
  findings.sort(compareFindings);
  suppressed.sort((a, b) => compareFindings(a.finding, b.finding));
  const errors: InputError[] = run.failures.map((failure) => ({
    file: failure.source.file,
    documentIndex: failure.source.documentIndex,
    line: failure.source.positionOf([]).line,
    message: `rule ${failure.ruleId} failed on this object (a bug in cdk8s-probes, please report it): ${failure.error}`,
  }));
  errors.sort(compareInputErrors);
  return {
    findings,
    errors,
    suppressed,
    objectsRead: documents.length,
    resourcesChecked: index.workloads.length + index.services.length,
  };
}

/** The name a file is reported by: relative to `cwd` with forward slashes when inside it, else absolute. */
export function displayPath(file: string, cwd: string): string {
  if (file === STDIN_NAME || !path.isAbsolute(file)) return file.split(path.sep).join('/');
  const rel = path.relative(cwd, file);
  if (rel === '') return path.basename(file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return file.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

function renameDocuments(docs: SourceDocument[], name: (f: string) => string): SourceDocument[] {
  return docs.map((d) => {
    const file = name(d.file);
    if (file === d.file) return d;
    return { file, documentIndex: d.documentIndex, basePath: d.basePath, object: d.object, positionOf: (p: JsonPath) => d.positionOf(p) };
  });
}

/**
 * Lints files, directories (recursively: `.yaml`, `.yml`, `.json`) and standard input (`-`).
 * Input errors (unreadable files, invalid YAML, documents that are not objects, unknown rule ids in
 * options) are collected; every other file and document is still checked.
 */
export function lintPaths(paths: readonly string[], options: LintPathsOptions = {}): LintResult {
  const cwd = options.cwd ?? process.cwd();
  const optionProblems = checkLintOptions(options);
  const documents: SourceDocument[] = [];
  const errors: InputError[] = optionProblems.map((message) => ({ file: '<options>', message }));
  const files: string[] = [];
  // one display name per file, not one path.relative per document
  const names = new Map<string, string>();
  const name = (f: string) => {
    let n = names.get(f);
    if (n === undefined) {
      n = displayPath(f, cwd);
      names.set(f, n);
    }
    return n;
  };
  const warnings: InputError[] = [];
  for (const p of paths) {
    if (p === '-') {
      const stdinName = options.stdinName ?? STDIN_NAME;
      const r = loadPaths(['-'], options.readStdin ?? readFd0, { stdinName });
      if (!r.errors.some((e) => e.message.startsWith('cannot read standard input'))) files.push(stdinName);
      documents.push(...r.documents);
      errors.push(...r.errors);
      continue;
    }
    const r = loadPaths([path.resolve(cwd, p)], undefined, { exclude: options.exclude });
    const seen = new Set<string>();
    for (const d of r.documents) seen.add(d.file);
    for (const e of r.errors) if (e.documentIndex !== undefined) seen.add(e.file); // read, but a document is broken
    files.push(...[...seen].map(name));
    documents.push(...renameDocuments(r.documents, name));
    errors.push(...r.errors.map((e) => ({ ...e, file: name(e.file) })));
    warnings.push(...(r.warnings ?? []).map((e) => ({ ...e, file: name(e.file) })));
  }
  if (optionProblems.length > 0) {
    errors.sort(compareInputErrors);
    return { findings: [], errors, suppressed: [], objectsRead: documents.length, resourcesChecked: 0, files, warnings };
  }
  const result = lintDocuments(documents, options);
  const allErrors = [...errors, ...result.errors].sort(compareInputErrors);
  return { ...result, errors: allErrors, files, warnings };
}

function readFd0(): Uint8Array {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('fs') as typeof import('fs')).readFileSync(0);
}

function memoryDocument(file: string, documentIndex: number, basePath: JsonPath, object: unknown): SourceDocument {
  return { file, documentIndex, basePath, object, positionOf: atFirstLine };
}

/** An object in memory has no text: every position is line 1, column 1 (one function for every such document). */
function atFirstLine(): { line: number; column: number } {
  return { line: 1, column: 1 };
}

/**
 * Lints plain JSON objects in memory (what a cdk8s chart synthesizes): the same rules, suppressions
 * and severities as the CLI. Every finding is at line 1, column 1 of `options.fileName`; a
 * `kind: …List` object is expanded into its items. Throws {@link LintConfigurationError} for unknown
 * rule ids in the options; a rule that throws is rethrown (it is a bug).
 */
export function lintObjects(objects: readonly unknown[], options: LintObjectsOptions = {}): Finding[] {
  return createObjectLinter(options)(objects);
}

/**
 * {@link lintObjects} with its options checked and its rules prepared once, for a caller that lints
 * many small sets of objects alike: the synth-time check lints each workload as it is rendered.
 *
 * TypeScript-only (returns a function); other languages use the `Linter` class.
 * @jsii ignore
 */
export function createObjectLinter(options: LintObjectsOptions = {}): (objects: readonly unknown[]) => Finding[] {
  const problems = checkLintOptions(options);
  if (problems.length > 0) throw new LintConfigurationError(problems.join('; '));
  const prepared = prepareRules(options);
  const file = options.fileName ?? '<memory>';
  return (objects) => {
    const documents: SourceDocument[] = [];
    objects.forEach((o, i) => {
      const rec = o !== null && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>) : undefined;
      if (rec && typeof rec.kind === 'string' && rec.kind.endsWith('List') && Array.isArray(rec.items)) {
        rec.items.forEach((item, j) => documents.push(memoryDocument(file, i, ['items', j], item)));
      } else {
        documents.push(memoryDocument(file, i, [], o));
      }
    });
    const result = lintPrepared(documents, prepared);
    if (result.errors.length > 0) throw new Error(result.errors.map((e) => e.message).join('; '));
    return result.findings;
  };
}
