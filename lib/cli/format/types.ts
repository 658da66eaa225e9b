/**
 * What every output format is given: the lint result plus the settings that shaped it.
 */
import { LintResult } from '../../rules/lint';
import { Rule, Severity } from '../../rules/types';

/** The input of a formatter. */
export interface LintReport {
  /** The result of the run. */
  readonly result: LintResult;
  /** The rules that ran (after disabling), in registry order. */
  readonly rules: readonly Rule[];
  /** The effective severity of a rule (its default unless configured). */
  severityOf(ruleId: string): Severity;
  /** The fail-on threshold (`undefined` = never fail on findings). */
  readonly failOn: Severity | undefined;
  /** The tool's version (package.json). */
  readonly toolVersion: string;
}

/** Counts of findings by severity. */
export interface SeverityCounts {
  /** Findings at error. */
  readonly error: number;
  /** Findings at warning. */
  readonly warning: number;
  /** Findings at info. */
  readonly info: number;
}

/** Counts findings by severity. */
export function countBySeverity(report: LintReport): SeverityCounts {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of report.result.findings) c[f.severity]++;
  return c;
}

/** The name a resource is shown by: `Kind name` or `Kind namespace/name`. */
export function resourceLabel(r: { readonly kind: string; readonly name: string; readonly namespace?: string }): string {
  return `${r.kind} ${r.namespace !== undefined ? `${r.namespace}/` : ''}${r.name}`;
}
