/**
 * The SARIF 2.1.0 format (`--format sarif`), for GitHub code scanning
 * (github/codeql-action/upload-sarif) and other SARIF viewers. One run; tool.driver.rules lists
 * every rule that ran with its effective level; results point at the offending field by
 * `file:line:column`, with artifact URIs relative to the working directory (forward slashes).
 * Input errors become tool execution notifications and mark the invocation unsuccessful.
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { InputError } from '../../manifest';
import { Severity } from '../../rules/types';
import { LintReport } from './types';

/** The SARIF schema the output declares. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The SARIF level of a severity. */
export function sarifLevel(s: Severity): 'error' | 'warning' | 'note' {
  return s === Severity.ERROR ? 'error' : s === Severity.WARNING ? 'warning' : 'note';
}

/**
 * The artifact location of a reported file name: relative names (already relative to the working
 * directory, forward slashes) are percent-encoded relative URIs against `%SRCROOT%`; absolute
 * names become `file://` URIs.
 */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function notification(e: InputError): Notification {
  return {
    level: 'error',
    message: { text: `${e.documentIndex !== undefined ? `YAML document ${e.documentIndex + 1}: ` : ''}${e.message}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(e.file),
          ...(e.line !== undefined ? { region: { startLine: e.line } } : {}),
        },
      },
    ],
  };
}

/** The SARIF log as an object. */
export function toSarif(report: LintReport): Log {
  const ruleIndex = new Map<string, number>();
  const rules: ReportingDescriptor[] = report.rules.map((rule, i) => {
    ruleIndex.set(rule.meta.id, i);
    const m = rule.meta;
    return {
      id: m.id,
      name: m.id
        .split('-')
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join(''),
      shortDescription: { text: m.description },
      fullDescription: { text: m.rationale },
      help: { text: m.fix, markdown: `**Fix:** ${m.fix}\n\n**Why:** ${m.rationale}${m.peers.length > 0 ? `\n\n**Peer checks:** ${m.peers.join(', ')}` : ''}` },
      defaultConfiguration: { level: sarifLevel(report.severityOf(m.id)) },
      properties: { tags: ['kubernetes', 'probes', m.category] },
    };
  });
  const results: Result[] = report.result.findings.map((f) => {
    const idx = ruleIndex.get(f.ruleId);
    const r = f.resource;
    return {
      ruleId: f.ruleId,
      ...(idx !== undefined ? { ruleIndex: idx } : {}),
      level: sarifLevel(f.severity),
      message: { text: `${r.kind} ${r.namespace !== undefined ? `${r.namespace}/` : ''}${r.name}: ${f.message}` },
      locations: [
        {
          physicalLocation: { artifactLocation: artifactLocation(f.file), region: { startLine: f.line, startColumn: f.column } },
          logicalLocations: [{ name: r.name, fullyQualifiedName: `${r.namespace ?? ''}/${r.kind}/${r.name}`, kind: 'object' }],
        },
      ],
      properties: { fix: f.fix, documentIndex: f.documentIndex, path: f.path.join('.') },
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'cdk8s-probes', version: report.toolVersion, semanticVersion: report.toolVersion, rules } },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: report.result.errors.length === 0,
            ...(report.result.errors.length > 0 ? { toolExecutionNotifications: report.result.errors.map(notification) } : {}),
          },
        ],
      },
    ],
  };
}

/** The SARIF report as text (two-space indent, trailing newline). */
export function formatSarif(report: LintReport): string {
  return JSON.stringify(toSarif(report), null, 2) + '\n';
}
