/**
 * The JSON format (`--format json`): one object, keys in a fixed order, arrays sorted as the lint
 * result is. `formatVersion` changes only on incompatible changes. Documented in docs/lint.md.
 */
import { InputError } from '../../manifest/load';
import { Finding } from '../../rules/types';
import { countBySeverity, LintReport } from './types';

/** The version of the JSON output's shape. */
export const JSON_FORMAT_VERSION = 1;

function findingJson(f: Finding): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    fix: f.fix,
    file: f.file,
    documentIndex: f.documentIndex,
    line: f.line,
    column: f.column,
    resource: { kind: f.resource.kind, name: f.resource.name, ...(f.resource.namespace !== undefined ? { namespace: f.resource.namespace } : {}) },
    ...(f.container !== undefined ? { container: f.container } : {}),
    path: [...f.path],
  };
}

function inputErrorJson(e: InputError): Record<string, unknown> {
  return {
    file: e.file,
    ...(e.documentIndex !== undefined ? { documentIndex: e.documentIndex } : {}),
    ...(e.line !== undefined ? { line: e.line } : {}),
    message: e.message,
  };
}

/** The JSON report (pretty-printed, two-space indent, trailing newline). */
export function formatJson(report: LintReport, exitCode: number): string {
  const c = countBySeverity(report);
  const r = report.result;
  const out = {
    formatVersion: JSON_FORMAT_VERSION,
    tool: { name: 'cdk8s-probes', version: report.toolVersion },
    summary: {
      error: c.error,
      warning: c.warning,
      info: c.info,
      suppressed: r.suppressed.length,
      inputErrors: r.errors.length,
      resourcesChecked: r.resourcesChecked,
      files: r.files.length,
      failOn: report.failOn ?? 'none',
      exitCode,
    },
    findings: r.findings.map(findingJson),
    suppressed: r.suppressed.map((s) => ({ ...findingJson(s.finding), reason: s.reason })),
    inputErrors: r.errors.map(inputErrorJson),
  };
  return JSON.stringify(out, null, 2) + '\n';
}
