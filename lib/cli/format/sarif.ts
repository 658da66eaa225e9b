/**
 * The SARIF 2.1.0 format (`--format sarif`), for GitHub code scanning
 * (github/codeql-action/upload-sarif) and other SARIF viewers. One run; tool.driver.rules lists
 * every rule that ran with its effective level and a `helpUri` to its documentation; results point
 * at the offending field by `file:line:column`, with artifact URIs relative to the working
 * directory (forward slashes, `uriBaseId` `%SRCROOT%`) and a `partialFingerprints` entry that
 * stays the same when lines move. Input errors become tool execution notifications and mark the
 * invocation unsuccessful. Validated against the official SARIF 2.1.0 schema in test/sarif.
 */
import { createHash } from 'crypto';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { ArtifactLocation, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { InputError, STDIN_NAME } from '../../manifest/load';
import { REPOSITORY_URL, ruleDocsUrl } from '../../project';
import { Finding, Severity, SEVERITY_RANK } from '../../rules/types';
import { LintReport } from './types';

/** The SARIF schema the output declares. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * GitHub code scanning rejects a run with more results than this ("Results per run: 25,000";
 * it shows only the top 5,000 by severity). Above it, the most severe results are kept and the
 * run says how many were left out.
 */
export const GITHUB_MAX_RESULTS_PER_RUN = 25_000;

/** The key of the fingerprint in `partialFingerprints` (versioned, as SARIF recommends). */
export const FINGERPRINT_KEY = 'cdk8sProbesFinding/v1';

/** The SARIF level of a severity. */
export function sarifLevel(s: Severity): 'error' | 'warning' | 'note' {
  return s === Severity.ERROR ? 'error' : s === Severity.WARNING ? 'warning' : 'note';
}

/**
 * The artifact location of a reported file name: relative names (already relative to the working
 * directory, forward slashes) are percent-encoded relative URIs against `%SRCROOT%`; absolute
 * names become `file://` URIs. Standard input read without `--stdin-filename` has no file: it is
 * the relative URI `stdin` with a description saying so.
 */
export function artifactLocation(file: string): ArtifactLocation {
  if (file === STDIN_NAME) return { uri: 'stdin', uriBaseId: '%SRCROOT%', description: { text: 'standard input (name it with --stdin-filename)' } };
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/**
 * A fingerprint of a finding that does not depend on where it sits in the file: the rule, the
 * file, the resource (kind, namespace, name), the container and the field path, hashed. Moving
 * the object within the file, or editing other objects, keeps it; renaming or moving the
 * resource to another file changes it.
 */
export function findingFingerprint(f: Finding): string {
  const r = f.resource;
  const key = JSON.stringify([f.ruleId, f.file, r.kind, r.namespace ?? '', r.name, f.container ?? '', f.path]);
  return createHash('sha256').update(key).digest('hex');
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

function ruleName(id: string): string {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/**
 * The findings a run reports: all of them up to `max`; above it the most severe first (stable:
 * the report's order within one severity), then put back in report order.
 */
export function capFindings(findings: readonly Finding[], max: number): readonly Finding[] {
  if (findings.length <= max) return findings;
  const order = findings.map((_, i) => i);
  order.sort((a, b) => SEVERITY_RANK[findings[b].severity] - SEVERITY_RANK[findings[a].severity] || a - b);
  const kept = order.slice(0, max).sort((a, b) => a - b);
  return kept.map((i) => findings[i]);
}

/** The SARIF log as an object. */
export function toSarif(report: LintReport, maxResults: number = GITHUB_MAX_RESULTS_PER_RUN): Log {
  const ruleIndex = new Map<string, number>();
  const rules: ReportingDescriptor[] = report.rules.map((rule, i) => {
    ruleIndex.set(rule.meta.id, i);
    const m = rule.meta;
    return {
      id: m.id,
      name: ruleName(m.id),
      shortDescription: { text: m.description },
      fullDescription: { text: m.rationale },
      helpUri: ruleDocsUrl(m.id),
      help: { text: m.fix, markdown: `**Fix:** ${m.fix}\n\n**Why:** ${m.rationale}${m.peers.length > 0 ? `\n\n**Peer checks:** ${m.peers.join(', ')}` : ''}` },
      defaultConfiguration: { level: sarifLevel(report.severityOf(m.id)) },
      properties: { tags: ['kubernetes', 'probes', m.category] },
    };
  });
  const all = report.result.findings;
  const reported = capFindings(all, maxResults);
  const results: Result[] = reported.map((f) => {
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
      partialFingerprints: { [FINGERPRINT_KEY]: findingFingerprint(f) },
      properties: { fix: f.fix, documentIndex: f.documentIndex, path: f.path.join('.'), ...(f.container !== undefined ? { container: f.container } : {}) },
    };
  });
  const notifications: Notification[] = report.result.errors.map(notification);
  const omitted = all.length - reported.length;
  if (omitted > 0) {
    notifications.push({
      level: 'warning',
      message: {
        text: `${omitted} of ${all.length} results left out: GitHub code scanning accepts at most ${maxResults} results per run; the most severe are kept. Run with --format json for every finding.`,
      },
    });
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'cdk8s-probes', version: report.toolVersion, semanticVersion: report.toolVersion, informationUri: REPOSITORY_URL, rules },
        },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: report.result.errors.length === 0,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        ...(omitted > 0 ? { properties: { resultsOmitted: omitted, resultsTotal: all.length } } : {}),
      },
    ],
  };
}

/**
 * The SARIF report as text (two-space indent, trailing newline). The result cap bounds it too:
 * at most 25,000 results, a few tens of MB of text, whatever the number of findings.
 */
export function formatSarif(report: LintReport, maxResults: number = GITHUB_MAX_RESULTS_PER_RUN): string {
  return JSON.stringify(toSarif(report, maxResults), null, 2) + '\n';
}
