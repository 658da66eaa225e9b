/**
 * Per-resource suppression, in the spirit of kube-linter's ignore annotations: the annotation
 * `probes.cdk8s.io/ignore` on an object's metadata or on its pod template's metadata, with the value
 * `rule-id[,rule-id…]: reason` (one such entry per line). A reason is required: an entry without
 * one is not applied, and the `ignore-annotation-invalid` rule says why.
 */
import { Annotations } from '../k8s/annotations';
import { JsonPath, SourceDocument } from '../manifest/load';
import { asRecord } from '../manifest/record';
import { toWorkload } from '../manifest/workloads';
import { Rule, RuleCategory, Severity } from './types';

/** The id of the rule that reports unusable suppression annotations. */
export const IGNORE_ANNOTATION_RULE_ID = 'ignore-annotation-invalid';

/** The shape a rule id must have (kebab-case). */
const RULE_ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** One usable entry of a suppression annotation. */
export interface SuppressionEntry {
  /** The rule ids it silences. */
  readonly ruleIds: readonly string[];
  /** Why, as written. */
  readonly reason: string;
}

/** Something wrong with a suppression annotation. */
export interface SuppressionProblem {
  /** What is wrong and what to write instead. */
  readonly message: string;
}

/** A suppression annotation, read. */
export interface ParsedSuppression {
  /** The entries that apply (have rule ids and a reason). */
  readonly entries: readonly SuppressionEntry[];
  /** Entries that do not apply, and why. */
  readonly problems: readonly SuppressionProblem[];
}

const FORMAT_HINT = 'write `rule-id[,rule-id…]: reason`';

/**
 * Reads the value of a `probes.cdk8s.io/ignore` annotation. Never throws: anything unusable is a
 * problem, and only well-formed entries with a reason are returned as entries.
 */
export function parseIgnoreAnnotation(value: unknown): ParsedSuppression {
  if (typeof value !== 'string') {
    const got = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
    return { entries: [], problems: [{ message: `${Annotations.IGNORE} must be a string (${FORMAT_HINT}); got ${got}` }] };
  }
  const entries: SuppressionEntry[] = [];
  const problems: SuppressionProblem[] = [];
  const lines = value.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length === 0) {
    problems.push({ message: `${Annotations.IGNORE} is empty; ${FORMAT_HINT}` });
  }
  for (const line of lines) {
    const colon = line.indexOf(':');
    const idsText = colon < 0 ? line : line.slice(0, colon);
    const reason = colon < 0 ? '' : line.slice(colon + 1).trim();
    const ids = idsText.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
    if (ids.length === 0) {
      problems.push({ message: `${Annotations.IGNORE} entry "${line}" names no rule id; ${FORMAT_HINT}` });
      continue;
    }
    const badIds = ids.filter((id) => !RULE_ID_PATTERN.test(id));
    if (badIds.length > 0) {
      problems.push({ message: `${Annotations.IGNORE} entry "${line}": ${badIds.map((b) => `"${b}"`).join(', ')} is not a rule id (rule ids are kebab-case); ${FORMAT_HINT}` });
      continue;
    }
    if (reason.length === 0) {
      problems.push({
        message: `${Annotations.IGNORE} entry "${line}" gives no reason, so it is not applied; ${FORMAT_HINT}, e.g. "${ids.join(',')}: <why this is safe here>"`,
      });
      continue;
    }
    entries.push({ ruleIds: ids, reason });
  }
  return { entries, problems };
}


/** Where a document may carry the suppression annotation, and what each place holds. */
export interface IgnoreAnnotationSite {
  /** Path of the annotation's value, relative to the object. */
  readonly path: JsonPath;
  /** The annotation's value as written. */
  readonly value: unknown;
}

/**
 * Every suppression annotation of a document: on the object's metadata and, for workloads, on the
 * pod template's metadata (a Pod's template is the Pod itself, so it is read once).
 */
export function ignoreAnnotationSites(source: SourceDocument): IgnoreAnnotationSite[] {
  const sites: IgnoreAnnotationSite[] = [];
  const obj = asRecord(source.object);
  if (!obj) return sites;
  const ownAnnotations = asRecord(asRecord(obj.metadata)?.annotations);
  if (ownAnnotations && Object.prototype.hasOwnProperty.call(ownAnnotations, Annotations.IGNORE)) {
    sites.push({ path: ['metadata', 'annotations', Annotations.IGNORE], value: ownAnnotations[Annotations.IGNORE] });
  }
  const w = toWorkload(source);
  if (w && w.kind !== 'Pod') {
    const podAnnotations = asRecord(asRecord(w.podMetadata)?.annotations);
    if (podAnnotations && Object.prototype.hasOwnProperty.call(podAnnotations, Annotations.IGNORE)) {
      sites.push({ path: [...w.podSpecPath.slice(0, -1), 'metadata', 'annotations', Annotations.IGNORE], value: podAnnotations[Annotations.IGNORE] });
    }
  }
  return sites;
}

/** The rule ids a document suppresses, each with its reason (first reason wins when repeated). */
export function suppressedRules(source: SourceDocument): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const site of ignoreAnnotationSites(source)) {
    for (const entry of parseIgnoreAnnotation(site.value).entries) {
      for (const id of entry.ruleIds) if (!out.has(id)) out.set(id, entry.reason);
    }
  }
  return out;
}

function closest(id: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(id, k);
    if (d < bestDistance) {
      bestDistance = d;
      best = k;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(id.length / 4)) ? best : undefined;
}

/** Levenshtein distance (for "did you mean" hints). */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** A "did you mean" suffix for an unknown rule id, or an empty string. */
export function didYouMean(id: string, known: readonly string[]): string {
  const c = closest(id, known);
  return c ? ` (did you mean "${c}"?)` : '';
}

/**
 * Creates the `ignore-annotation-invalid` rule. `knownRuleIds` is called when a document is checked
 * (so the registry can pass a closure over the full rule list, itself included).
 */
export function createIgnoreAnnotationRule(knownRuleIds: () => readonly string[]): Rule {
  const check = (source: SourceDocument, report: (path: JsonPath, message: string) => void) => {
    for (const site of ignoreAnnotationSites(source)) {
      const parsed = parseIgnoreAnnotation(site.value);
      for (const p of parsed.problems) report(site.path, p.message);
      const known = knownRuleIds();
      const knownSet = new Set(known);
      for (const entry of parsed.entries) {
        for (const id of entry.ruleIds) {
          if (!knownSet.has(id)) {
            report(site.path, `${Annotations.IGNORE} names unknown rule "${id}"${didYouMean(id, known)}; it silences nothing`);
          }
        }
      }
    }
  };
  return {
    meta: {
      id: IGNORE_ANNOTATION_RULE_ID,
      severity: Severity.WARNING,
      category: RuleCategory.LINTER,
      description: `A \`${Annotations.IGNORE}\` suppression annotation that cannot be applied: no reason, not a string, a malformed entry or an unknown rule id.`,
      rationale:
        'A suppression is a decision someone has to be able to review later, so it must say why (kube-linter requires the same of its ignore annotations). ' +
        'An entry without a reason is not applied, and an unknown rule id (usually a typo) would silently silence nothing; both are reported instead of being ignored.',
      fix: `Write \`${Annotations.IGNORE}: "rule-id[,rule-id…]: reason"\` (one entry per line) on the object's or the pod template's metadata, with rule ids from \`cdk8s-probes lint --list-rules\`.`,
      peers: ['kube-linter ignore-check.kube-linter.io/<check> annotations'],
    },
    checkWorkload(workload, ctx) {
      check(workload.source, (path, message) => ctx.report({ path, message }));
    },
    checkService(service, ctx) {
      check(service.source, (path, message) => ctx.report({ path, message }));
    },
  };
}
