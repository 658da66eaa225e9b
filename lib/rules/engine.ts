/**
 * Runs rules over loaded documents. The CLI, the cdk8s validation plugin and the constructs'
 * own validations all come through here: one engine, three doors.
 */
import { SourceDocument } from '../manifest/load';
import { asRecord } from '../manifest/record';
import { toWorkload, Workload } from '../manifest/workloads';
import { Finding, FindingReport, ManifestIndex, Rule, RuleContext, ServiceInfo } from './types';


function toService(source: SourceDocument): ServiceInfo | undefined {
  const obj = asRecord(source.object);
  if (!obj || obj.kind !== 'Service') return undefined;
  const meta = asRecord(obj.metadata) ?? {};
  const spec = asRecord(obj.spec) ?? {};
  const selector = asRecord(spec.selector);
  return {
    source,
    name: typeof meta.name === 'string' ? meta.name : '<unnamed>',
    namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined,
    selector: selector ? stringValues(selector) : undefined,
    ports: Array.isArray(spec.ports) ? spec.ports.map((p) => asRecord(p) ?? {}) : [],
  };
}

/** A copy of a record with every value as text (a selector as the API server compares it). */
function stringValues(record: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(record)) {
    // an own "__proto__" key (YAML can write one) stays a key, as Object.fromEntries keeps it
    if (k === '__proto__') Object.defineProperty(out, k, { value: String(record[k]), enumerable: true, writable: true, configurable: true });
    else out[k] = String(record[k]);
  }
  return out;
}

function selects(selector: Readonly<Record<string, string>> | undefined, labels: unknown): boolean {
  if (!selector) return false;
  const keys = Object.keys(selector);
  if (keys.length === 0) return false;
  const l = asRecord(labels) ?? {};
  for (const k of keys) if (l[k] !== selector[k]) return false;
  return true;
}

/** Builds the cross-object index of one run. */
export function buildIndex(documents: readonly SourceDocument[]): ManifestIndex {
  const workloads: Workload[] = [];
  const services: ServiceInfo[] = [];
  for (const d of documents) {
    const w = toWorkload(d);
    if (w) {
      workloads.push(w);
      continue;
    }
    const s = toService(d);
    if (s) services.push(s);
  }
  // label maps, built on first use, so N workloads against N Services cost O(N · labels), not O(N²)
  // length-prefixed, so distinct triples never share a key (cheaper than JSON.stringify of the triple)
  const key = (namespace: string | undefined, k: string, v: string) => {
    const ns = namespace ?? 'default';
    return `${ns.length}:${ns}${k.length}:${k}${v}`;
  };
  let workloadsByLabel: Map<string, number[]> | undefined;
  let servicesByFirstSelector: Map<string, number[]> | undefined;
  const push = (map: Map<string, number[]>, k: string, i: number) => {
    const list = map.get(k);
    if (list) list.push(i);
    else map.set(k, [i]);
  };
  return {
    workloads,
    services,
    servicesSelecting: (w) => {
      if (!servicesByFirstSelector) {
        servicesByFirstSelector = new Map();
        services.forEach((s, i) => {
          const first = Object.entries(s.selector ?? {})[0];
          if (first) push(servicesByFirstSelector!, key(s.namespace, first[0], first[1]), i);
        });
      }
      const hits = new Set<number>();
      for (const [k, v] of Object.entries(asRecord(w.podMetadata.labels) ?? {})) {
        if (typeof v !== 'string') continue;
        for (const i of servicesByFirstSelector.get(key(w.namespace, k, v)) ?? []) {
          if (selects(services[i].selector, w.podMetadata.labels)) hits.add(i);
        }
      }
      return [...hits].sort((a, b) => a - b).map((i) => services[i]);
    },
    workloadsSelectedBy: (s) => {
      const first = Object.entries(s.selector ?? {})[0];
      if (!first) return [];
      if (!workloadsByLabel) {
        workloadsByLabel = new Map();
        workloads.forEach((w, i) => {
          for (const [k, v] of Object.entries(asRecord(w.podMetadata.labels) ?? {})) {
            if (typeof v === 'string') push(workloadsByLabel!, key(w.namespace, k, v), i);
          }
        });
      }
      return (workloadsByLabel.get(key(s.namespace, first[0], first[1])) ?? [])
        .map((i) => workloads[i])
        .filter((w) => selects(s.selector, w.podMetadata.labels));
    },
  };
}

function resourceOf(source: SourceDocument): { kind: string; name: string; namespace?: string } {
  const obj = asRecord(source.object) ?? {};
  const meta = asRecord(obj.metadata) ?? {};
  return {
    kind: typeof obj.kind === 'string' ? obj.kind : '<no kind>',
    name: typeof meta.name === 'string' ? meta.name : '<unnamed>',
    namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined,
  };
}

/** A finding together with the document it was reported on (for suppression by annotation). */
export interface SourcedFinding {
  /** The finding. */
  readonly finding: Finding;
  /** The document of the resource the finding is about. */
  readonly source: SourceDocument;
}

/** A rule body that threw on a document: a bug in the rule, reported instead of crashing the run. */
export interface RuleFailure {
  /** The rule id. */
  readonly ruleId: string;
  /** The document it threw on. */
  readonly source: SourceDocument;
  /** What was thrown, as text. */
  readonly error: string;
}

/** What {@link runRulesWithSources} produced. */
export interface RuleRun {
  /** Findings in the order rules reported them: workloads first, then Services, each in document order. */
  readonly findings: SourcedFinding[];
  /** Rule bodies that threw; the other rules and documents still ran. */
  readonly failures: RuleFailure[];
}

/** The resource of the document being checked, built on its first finding and shared by the rest of its findings. */
class ResourceCache {
  private source: SourceDocument | undefined;
  private resource: Finding['resource'] | undefined;

  /** The resource (kind, name, namespace) of `source`. */
  of(source: SourceDocument): Finding['resource'] {
    if (source !== this.source || this.resource === undefined) {
      this.source = source;
      this.resource = resourceOf(source);
    }
    return this.resource;
  }
}

/**
 * The context handed to one rule: reused for every document the rule checks (the engine sets the
 * document before each call), so a run allocates one per rule, not one per rule and document.
 */
class RuleRunContext implements RuleContext {
  /** The document being checked. */
  source!: SourceDocument;

  constructor(
    readonly index: ManifestIndex,
    private readonly rule: Rule,
    private readonly findings: SourcedFinding[],
    private readonly resources: ResourceCache,
  ) {}

  report(f: FindingReport): void {
    const source = this.source;
    const pos = source.positionOf(f.path);
    const meta = this.rule.meta;
    this.findings.push({
      source,
      finding: {
        ruleId: meta.id,
        severity: meta.severity,
        message: f.message,
        fix: f.fix ?? meta.fix,
        file: source.file,
        documentIndex: source.documentIndex,
        line: pos.line,
        column: pos.column,
        resource: this.resources.of(source),
        container: f.container,
        path: f.path,
      },
    });
  }
}

function failureOf(rule: Rule, source: SourceDocument, e: unknown): RuleFailure {
  return { ruleId: rule.meta.id, source, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}

/** Runs every workload rule over one workload (its own function, so the JIT optimizes it apart from the run's loop). */
function checkWorkloadWith(rules: readonly Rule[], contexts: readonly RuleRunContext[], w: Workload, failures: RuleFailure[]): void {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (!rule.checkWorkload) continue;
    const ctx = contexts[i];
    ctx.source = w.source;
    try {
      rule.checkWorkload(w, ctx);
    } catch (e) {
      failures.push(failureOf(rule, w.source, e));
    }
  }
}

/** Runs every Service rule over one Service. */
function checkServiceWith(rules: readonly Rule[], contexts: readonly RuleRunContext[], s: ServiceInfo, failures: RuleFailure[]): void {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (!rule.checkService) continue;
    const ctx = contexts[i];
    ctx.source = s.source;
    try {
      rule.checkService(s, ctx);
    } catch (e) {
      failures.push(failureOf(rule, s.source, e));
    }
  }
}

/**
 * Runs the given rules over an index, keeping each finding's document. A rule that throws on one
 * document is recorded as a {@link RuleFailure}; every other rule and document still runs.
 */
export function runRulesWithSources(rules: readonly Rule[], index: ManifestIndex): RuleRun {
  const findings: SourcedFinding[] = [];
  const failures: RuleFailure[] = [];
  const resources = new ResourceCache();
  const contexts = rules.map((rule) => new RuleRunContext(index, rule, findings, resources));
  for (const w of index.workloads) checkWorkloadWith(rules, contexts, w, failures);
  for (const s of index.services) checkServiceWith(rules, contexts, s, failures);
  return { findings, failures };
}

/**
 * Runs the given rules over an index: workloads first, then Services, each in document order.
 * A rule that throws is rethrown here (use {@link runRulesWithSources} to keep going).
 */
export function runRules(rules: readonly Rule[], index: ManifestIndex): Finding[] {
  const run = runRulesWithSources(rules, index);
  if (run.failures.length > 0) {
    const f = run.failures[0];
    throw new Error(`rule ${f.ruleId} failed on ${f.source.file} (document ${f.source.documentIndex}): ${f.error}`);
  }
  return run.findings.map((s) => s.finding);
}
