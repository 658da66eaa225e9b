/**
 * The cdk8s validation plugin: `cdk8s synth` runs the same rules as `cdk8s-probes lint` over the
 * manifests it just wrote. Wire it in cdk8s.yaml:
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/cdk8s-probes/lib/plugin   # or ./lib/plugin inside this repository
 *     version: 0.1.0
 *     class: ProbeValidation
 *     properties:
 *       failOn: error          # error | warning | info | none
 *       disabledRules: []
 * ```
 *
 * The interface is cdk8s-cli's `Validation` (lib/plugins/validation.d.ts), restated here
 * structurally so this package does not depend on cdk8s-cli at run time.
 */
import * as fs from 'fs';
import * as path from 'path';
import { FAIL_ON_NAMES, parseFailOn, parseSeverity, SEVERITY_NAMES, unknownRuleMessage } from '../rules/config';
import { lintPaths } from '../rules/lint';
import { findRule, RULE_IDS } from '../rules/registry';
import { Finding, Severity, SEVERITY_RANK } from '../rules/types';

/**
 * A resource that violates a rule, as cdk8s-cli reports it.
 *
 * TypeScript-only: the cdk8s validation plugin is loaded by cdk8s-cli from JavaScript.
 * @jsii ignore
 */
export interface ProbeValidationViolatingResource {
  /**
   * metadata.name, which cdk8s-cli maps to the construct path through construct-metadata.json; or
   * `Kind/name` (`Kind/namespace/name`) when several synthesized objects share the name, since
   * that file keeps one path per name and would show another object's path.
   */
  readonly resourceName: string;
  /** One entry per finding: `Kind [namespace/]name: field.path (line N) [severity]: message`. */
  readonly locations: readonly string[];
  /** The manifest file. */
  readonly manifestPath: string;
}

/**
 * A violation, as cdk8s-cli's `ValidationReport.addViolation` takes it.
 *
 * TypeScript-only: the cdk8s validation plugin is loaded by cdk8s-cli from JavaScript.
 * @jsii ignore
 */
export interface ProbeValidationViolation {
  /** The rule id. */
  readonly ruleName: string;
  /** What the rule flags and why. */
  readonly recommendation: string;
  /** How to fix it. */
  readonly fix: string;
  /** The resources that violate it. */
  readonly violatingResources: readonly ProbeValidationViolatingResource[];
}

/**
 * The part of cdk8s-cli's `ValidationReport` a plugin uses.
 *
 * TypeScript-only: the cdk8s validation plugin is loaded by cdk8s-cli from JavaScript.
 * @jsii ignore
 */
export interface ProbeValidationReport {
  /** Adds one violation. */
  addViolation(violation: ProbeValidationViolation): void;
  /** Submits the result; must be called exactly once. */
  submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
}

/**
 * The part of cdk8s-cli's `ValidationContext` a plugin uses.
 *
 * TypeScript-only: the cdk8s validation plugin is loaded by cdk8s-cli from JavaScript.
 * @jsii ignore
 */
export interface ProbeValidationContext {
  /** Paths of the synthesized manifests. */
  readonly manifests: readonly string[];
  /** The report to fill. */
  readonly report: ProbeValidationReport;
  /** A logger (instead of console.log). */
  readonly logger: { log(message: string): void };
}

/**
 * Properties of {@link ProbeValidation}, as written under `properties:` in cdk8s.yaml.
 *
 * TypeScript-only: the cdk8s validation plugin is loaded by cdk8s-cli from JavaScript.
 * @jsii ignore
 */
export interface ProbeValidationProps {
  /**
   * Fail the synth when a finding is at or above this severity: `error`, `warning`, `info`, or
   * `none` (report only).
   * @default 'error'
   */
  readonly failOn?: string;
  /**
   * Rule ids not to run.
   * @default - none
   */
  readonly disabledRules?: string[];
  /**
   * Severity per rule id (`error`, `warning`, `info`), replacing the rule's default.
   * @default - every rule at its default severity
   */
  readonly severities?: { [ruleId: string]: string };
}

type ResourceId = Finding['resource'];

function resourceLabel(r: ResourceId): string {
  return `${r.kind} ${r.namespace !== undefined ? `${r.namespace}/` : ''}${r.name}`;
}

/**
 * The name cdk8s-cli looks the construct path up by. cdk8s records construct-metadata.json as
 * `{ [metadata.name]: { path } }` (cdk8s App.writeConstructMetadata), one entry per name across
 * all charts, and cdk8s-cli's ValidationReport reads `metadata[resourceName].path`: a Deployment
 * and a Service both named `web` would both show the path of whichever was recorded last. For a
 * shared name the qualified `Kind/[namespace/]name` is reported instead, which cdk8s-cli shows with
 * "Construct Path: N/A" rather than a wrong path.
 */
export function reportedResourceName(r: ResourceId, sharedNames: ReadonlySet<string>): string {
  if (!sharedNames.has(r.name)) return r.name;
  return `${r.kind}/${r.namespace !== undefined ? `${r.namespace}/` : ''}${r.name}`;
}

/** metadata.name values held by more than one object in the manifests (List items counted). */
export function sharedNames(manifests: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  const count = (o: unknown) => {
    if (o === null || typeof o !== 'object' || Array.isArray(o)) return;
    const rec = o as { kind?: unknown; items?: unknown; metadata?: { name?: unknown } | null };
    if (typeof rec.kind === 'string' && rec.kind.endsWith('List') && Array.isArray(rec.items)) {
      rec.items.forEach(count);
      return;
    }
    const name = rec.metadata?.name;
    if (typeof name !== 'string') return;
    if (seen.has(name)) shared.add(name);
    seen.add(name);
  };
  for (const m of manifests) {
    let text: string;
    try {
      text = fs.readFileSync(m, 'utf8');
    } catch {
      continue; // reported by the lint run already
    }
    // the `yaml` package is loaded here, not with the module: an app that imports the constructs
    // (and this plugin with them, from lib/index) never reads YAML and should not pay for loading it
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    for (const doc of (require('yaml') as typeof import('yaml')).parseAllDocuments(text)) {
      try {
        count(doc.toJS({ maxAliasCount: 100 }));
      } catch {
        // a broken document is an input error of the lint run
      }
    }
  }
  return shared;
}

/**
 * The cdk8s validation plugin. Reports one violation per rule, listing each violating resource
 * (by metadata.name, so cdk8s shows the construct path; by `Kind/name` when the name is shared, see
 * {@link reportedResourceName}) with one location per finding
 * (`Kind name: field.path (line N) [severity]: message`), and submits `failure` when any finding is at or
 * above `failOn` or a manifest cannot be read; otherwise `success`. It always submits, even when
 * something unexpected is thrown.
  *
 * TypeScript-only: the cdk8s validation plugin is loaded by cdk8s-cli from JavaScript.
 * @jsii ignore
 */
export class ProbeValidation {
  private readonly failOn: Severity | undefined;
  private readonly disabledRules: readonly string[];
  private readonly severities: Readonly<Record<string, Severity>>;

  /**
   * @param props the `properties:` of the cdk8s.yaml entry. Throws an error naming the property,
   * the value given and what is allowed when a property is wrong.
   */
  constructor(props: ProbeValidationProps = {}) {
    const problems: string[] = [];
    const allowed = ['failOn', 'disabledRules', 'severities'];
    for (const key of Object.keys(props ?? {})) {
      if (!allowed.includes(key)) problems.push(`property ${JSON.stringify(key)} is not known; allowed: ${allowed.join(', ')}`);
    }
    const f = props.failOn === undefined ? Severity.ERROR : parseFailOn(props.failOn);
    if (f === undefined) problems.push(`failOn: ${JSON.stringify(props.failOn)} is not allowed; use one of ${FAIL_ON_NAMES.join(', ')}`);
    this.failOn = f ?? undefined;
    const disabled: string[] = [];
    if (props.disabledRules !== undefined && !Array.isArray(props.disabledRules)) {
      problems.push(`disabledRules: must be a list of rule ids; got ${JSON.stringify(props.disabledRules)}`);
    } else {
      for (const id of props.disabledRules ?? []) {
        if (typeof id !== 'string' || !RULE_IDS.includes(id)) problems.push(unknownRuleMessage('disabledRules', String(id), RULE_IDS));
        else disabled.push(id);
      }
    }
    this.disabledRules = disabled;
    const severities: Record<string, Severity> = {};
    const sev = props.severities;
    if (sev !== undefined && (sev === null || typeof sev !== 'object' || Array.isArray(sev))) {
      problems.push(`severities: must be a mapping of rule id to ${SEVERITY_NAMES.join(' | ')}; got ${JSON.stringify(sev)}`);
    } else {
      for (const [id, value] of Object.entries(sev ?? {})) {
        const s = parseSeverity(value);
        if (!RULE_IDS.includes(id)) problems.push(unknownRuleMessage(`severities.${id}`, id, RULE_IDS));
        else if (s === undefined) problems.push(`severities.${id}: ${JSON.stringify(value)} is not allowed; use one of ${SEVERITY_NAMES.join(', ')}`);
        else severities[id] = s;
      }
    }
    this.severities = severities;
    if (problems.length > 0) throw new Error(`cdk8s-probes ProbeValidation (cdk8s.yaml validations properties): ${problems.join('; ')}`);
  }

  /** Checks the synthesized manifests and submits the report. */
  public async validate(context: ProbeValidationContext): Promise<void> {
    let status: 'success' | 'failure' = 'failure';
    const meta: Record<string, string> = {};
    try {
      const cwd = process.cwd();
      const result = lintPaths(context.manifests, { cwd, disabledRules: this.disabledRules, severityOverrides: this.severities });
      for (const e of result.errors) {
        context.logger.log(`cdk8s-probes: ${e.file}${e.line !== undefined ? `:${e.line}` : ''}${e.documentIndex !== undefined ? ` (YAML document ${e.documentIndex + 1})` : ''}: ${e.message}`);
      }
      // map reported (cwd-relative) file names back to the manifest paths cdk8s gave
      const manifestOf = new Map<string, string>();
      for (const m of context.manifests) manifestOf.set(path.resolve(cwd, m), m);
      const shared = result.findings.length > 0 ? sharedNames(context.manifests) : new Set<string>();
      const byRule = new Map<string, Finding[]>();
      for (const f of result.findings) {
        const list = byRule.get(f.ruleId);
        if (list) list.push(f);
        else byRule.set(f.ruleId, [f]);
      }
      for (const ruleId of [...byRule.keys()].sort()) {
        const findings = byRule.get(ruleId)!;
        const rule = findRule(ruleId);
        const resources = new Map<string, { resourceName: string; manifestPath: string; locations: string[] }>();
        for (const f of findings) {
          const manifestPath = manifestOf.get(path.resolve(cwd, f.file)) ?? f.file;
          const key = `${manifestPath}\u0000${f.resource.kind}\u0000${f.resource.namespace ?? ''}\u0000${f.resource.name}`;
          let r = resources.get(key);
          if (!r) {
            r = { resourceName: reportedResourceName(f.resource, shared), manifestPath, locations: [] };
            resources.set(key, r);
          }
          r.locations.push(`${resourceLabel(f.resource)}: ${f.path.join('.') || '(object)'} (line ${f.line}) [${f.severity}]: ${f.message}`);
        }
        context.report.addViolation({
          ruleName: ruleId,
          recommendation: rule ? `${rule.meta.description} ${rule.meta.rationale}` : findings[0].message,
          fix: rule?.meta.fix ?? findings[0].fix,
          violatingResources: [...resources.values()],
        });
      }
      const counts = { error: 0, warning: 0, info: 0 };
      for (const f of result.findings) counts[f.severity]++;
      meta.findings = String(result.findings.length);
      meta.errors = String(counts.error);
      meta.warnings = String(counts.warning);
      meta.info = String(counts.info);
      meta.suppressed = String(result.suppressed.length);
      meta.failOn = this.failOn ?? 'none';
      if (result.errors.length > 0) meta.inputErrors = String(result.errors.length);
      const failing = this.failOn !== undefined && result.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[this.failOn!]);
      status = failing || result.errors.length > 0 ? 'failure' : 'success';
    } catch (e) {
      context.logger.log(`cdk8s-probes: validation failed unexpectedly (a bug, please report it): ${e instanceof Error ? e.message : String(e)}`);
      meta.crash = e instanceof Error ? e.message : String(e);
      status = 'failure';
    } finally {
      context.report.submit(status, meta);
    }
  }
}
