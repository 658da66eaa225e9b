/**
 * The linter as a class with jsii-compatible types, so Python, Java, Go and .NET users can lint
 * what their charts synthesize (or manifest files) with the same rules as `cdk8s-probes lint`.
 * TypeScript users can use it too; `lintObjects` / `lintPaths` (lib/rules/lint.ts) are the richer
 * TypeScript entry points it wraps.
 */
import { checkLintOptions, LintConfigurationError, lintObjects, lintPaths } from './lint';
import { RULE_IDS } from './registry';
import { Finding, Severity } from './types';

/** Options of {@link Linter}. */
export interface LinterOptions {
  /**
   * Rule ids not to run.
   * @default - every rule runs
   */
  readonly disabledRules?: string[];
  /**
   * Severity per rule id, replacing the rule's default.
   * @default - every rule at its default severity
   */
  readonly severities?: { [ruleId: string]: Severity };
}

/** One finding, located. */
export interface LintFinding {
  /** The rule id, e.g. `liveness-readiness-identical`. */
  readonly ruleId: string;
  /** The severity after configuration. */
  readonly severity: Severity;
  /** What is wrong here, with the values involved. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** The file the object came from (`<memory>` for objects linted in memory). */
  readonly file: string;
  /** The YAML document (or object) index in the file, 0-based. */
  readonly documentIndex: number;
  /** 1-based line of the offending field (1 for objects linted in memory). */
  readonly line: number;
  /** 1-based column of the offending field. */
  readonly column: number;
  /** The resource's kind. */
  readonly resourceKind: string;
  /** The resource's metadata.name. */
  readonly resourceName: string;
  /**
   * The resource's metadata.namespace (`namespace` is a reserved word in C#).
   * @default - none written
   */
  readonly resourceNamespace?: string;
  /**
   * The container concerned.
   * @default - the finding is about the object, not one container
   */
  readonly container?: string;
  /** The offending field's path within the object, dotted (`spec.template.spec.containers.0.livenessProbe`). */
  readonly path: string;
}

/** What {@link Linter.lintFiles} found. */
export interface LintFilesResult {
  /** The findings, sorted by file, document, line and rule id. */
  readonly findings: LintFinding[];
  /** Files or documents that could not be read, one line each: `file[:line]: message`. */
  readonly inputErrors: string[];
}

function toLintFinding(f: Finding): LintFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    fix: f.fix,
    file: f.file,
    documentIndex: f.documentIndex,
    line: f.line,
    column: f.column,
    resourceKind: f.resource.kind,
    resourceName: f.resource.name,
    ...(f.resource.namespace !== undefined ? { resourceNamespace: f.resource.namespace } : {}),
    ...(f.container !== undefined ? { container: f.container } : {}),
    path: f.path.join('.'),
  };
}

/**
 * Lints Kubernetes objects or manifest files with the probe rules of `cdk8s-probes lint`.
 * Throws when an option names an unknown rule id (the message has a "did you mean").
 */
export class Linter {
  /** The ids of every rule, in registry order. */
  public static ruleIds(): string[] {
    return [...RULE_IDS];
  }

  private readonly disabledRules: string[];
  private readonly severities: { [ruleId: string]: Severity };

  constructor(options: LinterOptions = {}) {
    this.disabledRules = [...(options.disabledRules ?? [])];
    this.severities = { ...(options.severities ?? {}) };
    const problems = checkLintOptions({ disabledRules: this.disabledRules, severityOverrides: this.severities });
    if (problems.length > 0) throw new LintConfigurationError(problems.join('; '));
  }

  /**
   * Lints plain JSON objects, e.g. `Testing.synth(chart)` or `chart.toJson()`; a `kind: …List`
   * object is expanded into its items. Every finding is at line 1 of `<memory>`.
   */
  public lintObjects(objects: any[]): LintFinding[] {
    return lintObjects(objects, { disabledRules: this.disabledRules, severityOverrides: this.severities }).map(toLintFinding);
  }

  /**
   * Lints files and directories (recursively: `.yaml`, `.yml`, `.json`).
   * @param paths the files and directories
   * @param cwd the directory relative paths are resolved against and reported relative to (default: the process's)
   */
  public lintFiles(paths: string[], cwd?: string): LintFilesResult {
    const r = lintPaths(paths, { disabledRules: this.disabledRules, severityOverrides: this.severities, ...(cwd !== undefined ? { cwd } : {}) });
    return {
      findings: r.findings.map(toLintFinding),
      inputErrors: r.errors.map((e) => `${e.file}${e.line !== undefined ? `:${e.line}` : ''}: ${e.documentIndex !== undefined ? `YAML document ${e.documentIndex + 1}: ` : ''}${e.message}`),
    };
  }
}
