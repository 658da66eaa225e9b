/**
 * The human format: findings grouped by file and resource, each with severity, rule id, message,
 * `file:line:column` and fix; input errors; a one-line summary. Colour only when asked for.
 */
import { InputError } from '../../manifest/load';
import { Finding, Severity } from '../../rules/types';
import { countBySeverity, LintReport, resourceLabel } from './types';

const ESC = '\u001b[';
const STYLES = { red: '31', yellow: '33', blue: '34', green: '32', bold: '1', dim: '2', underline: '4' } as const;

type Style = keyof typeof STYLES;

function painter(color: boolean): (style: Style, text: string) => string {
  return color ? (style, text) => `${ESC}${STYLES[style]}m${text}${ESC}0m` : (_style, text) => text;
}

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'blue' };

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Formats one input error as a line: `file:line (YAML document N): message`. */
export function formatInputError(e: InputError): string {
  const where = `${e.file}${e.line !== undefined ? `:${e.line}` : ''}`;
  const doc = e.documentIndex !== undefined ? ` (YAML document ${e.documentIndex + 1})` : '';
  return `${where}${doc}: ${e.message}`;
}

/** The human report, for standard output (input errors go to standard error; see {@link formatInputError}). */
export function formatHuman(report: LintReport, options: { readonly color: boolean }): string {
  return [...formatHumanChunks(report, options)].join('');
}

/**
 * The human report in pieces (one per resource, then the summary) that join to exactly
 * {@link formatHuman}'s text, so a big report is written without holding it whole in memory.
 */
export function* formatHumanChunks(report: LintReport, options: { readonly color: boolean }): Generator<string> {
  const paint = painter(options.color);
  let out: string[] = [];
  let any = false;
  const flush = function* (): Generator<string> {
    if (out.length > 0) yield out.join('\n') + '\n';
    out = [];
  };
  const { findings, errors, suppressed } = report.result;
  let currentFile: string | undefined;
  let currentResource: string | undefined;
  const sevWidth = Math.max(...Object.values(Severity).map((s) => s.length));
  const idWidth = findings.reduce((w, f) => Math.max(w, f.ruleId.length), 0);
  const indent = ' '.repeat(4 + sevWidth + 2);
  // a finding's first line up to its message, painted once per severity and rule
  const headings = new Map<string, string>();
  const heading = (f: Finding): string => {
    const k = `${f.severity} ${f.ruleId}`;
    let h = headings.get(k);
    if (h === undefined) {
      h = `    ${paint(SEVERITY_STYLE[f.severity], f.severity.padEnd(sevWidth))}  ${paint('dim', f.ruleId.padEnd(idWidth))}  `;
      headings.set(k, h);
    }
    return h;
  };
  // group by file, then by resource within the file (documents in order, so a resource stays together)
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.file}\u0000${f.documentIndex}\u0000${resourceLabel(f.resource)}`;
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  const ordered = [...groups.values()].sort((a, b) => (a[0].file < b[0].file ? -1 : a[0].file > b[0].file ? 1 : a[0].documentIndex - b[0].documentIndex || a[0].line - b[0].line));
  for (const group of ordered) {
    const first = group[0];
    any = true;
    if (first.file !== currentFile) {
      if (currentFile !== undefined) out.push('');
      out.push(paint('underline', first.file));
      currentFile = first.file;
      currentResource = undefined;
    }
    yield* flush();
    const label = resourceLabel(first.resource);
    if (label !== currentResource) {
      out.push(`  ${paint('bold', label)}`);
      currentResource = label;
    }
    for (const f of group) {
      out.push(`${heading(f)}${f.message}`);
      out.push(`${indent}at ${f.file}:${f.line}:${f.column}`);
      out.push(`${indent}fix: ${f.fix}`);
    }
  }
  yield* flush();
  if (any) out.push('');
  const c = countBySeverity(report);
  const checked = `${plural(report.result.resourcesChecked, 'resource', 'resources')} in ${plural(report.result.files.length, 'file', 'files')} checked`;
  const sup = suppressed.length > 0 ? `, ${suppressed.length} suppressed by annotation` : '';
  const errs = errors.length > 0 ? `; ${plural(errors.length, 'input error', 'input errors')} (on standard error)` : '';
  if (findings.length === 0) {
    out.push(paint(errors.length > 0 ? 'yellow' : 'green', `${errors.length > 0 ? '!' : '✔'} no probe problems found; ${checked}${sup}${errs}`));
  } else {
    const summary = `✖ ${plural(findings.length, 'problem', 'problems')} (${plural(c.error, 'error', 'errors')}, ${plural(c.warning, 'warning', 'warnings')}, ${c.info} info); ${checked}${sup}${errs}`;
    out.push(paint('bold', paint(c.error > 0 ? 'red' : c.warning > 0 ? 'yellow' : 'blue', summary)));
  }
  yield* flush();
}
