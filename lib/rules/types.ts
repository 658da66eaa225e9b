/**
 * The shape of a probe rule. Rules are plain modules over plain Kubernetes JSON (any manifest,
 * ours or not): they know nothing of cdk8s or the CLI. One module per rule, ESLint style: the
 * metadata says what, why and how to fix; the body reports findings through the context.
 */
import { ContainerJson } from '../k8s/types';
import { JsonPath, SourceDocument } from '../manifest/load';
import { recentPerObject } from '../manifest/record';
import { Workload, WorkloadContainer } from '../manifest/workloads';

/** How bad a finding is. Ordered: error > warning > info. */
export enum Severity {
  /** The manifest is rejected by the API server or will misbehave at run time. */
  ERROR = 'error',
  /** Likely wrong; may restart or drop traffic under conditions that will happen. */
  WARNING = 'warning',
  /** Worth knowing; a choice to make deliberately. */
  INFO = 'info',
}

/** Severity rank for comparisons (--fail-on). */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

/** Where a rule comes from. */
export enum RuleCategory {
  /** Checks the existing manifest checkers have (peer-checks.md), with their false positives fixed. */
  PEER = 'peer',
  /** The API server's own probe validation, offline. */
  API = 'api',
  /** Timing mistakes only the timing model can see. */
  TIMING = 'timing',
  /** Dependency heuristics from paths and commands. */
  DEPENDENCY = 'dependency',
  /** Services against the pods they select. */
  SERVICE = 'service',
  /** Probes against the intent recorded in this project's annotations. */
  DRIFT = 'drift',
  /** The container as the kubelet runs it: probes that cannot pass in the container as configured. */
  RUNTIME = 'runtime',
  /** The linter's own checks of what manifests say to it (the `probes.cdk8s.io/ignore` suppression annotation). */
  LINTER = 'linter',
}

/**
 * A rule's metadata: everything a user sees about it except the finding's own message.
 *
 * TypeScript-only rule-engine type (readonly arrays, methods); other languages use the `Linter` class.
 * @jsii ignore
 */
export interface RuleMeta {
  /** Stable id, kebab-case, e.g. `liveness-readiness-identical`. Never renamed once released. */
  readonly id: string;
  /** Default severity. */
  readonly severity: Severity;
  /** Category. */
  readonly category: RuleCategory;
  /** One line: what the rule flags. */
  readonly description: string;
  /** Why it matters, citing the seed or reference it rests on. */
  readonly rationale: string;
  /** How to fix a finding, in general. */
  readonly fix: string;
  /** Peer tools with an equivalent check, e.g. ['kube-score pod-probes-identical']; empty if none. */
  readonly peers: readonly string[];
}

/**
 * A Service, read leniently.
 *
 * TypeScript-only rule-engine type (readonly arrays, methods); other languages use the `Linter` class.
 * @jsii ignore
 */
export interface ServiceInfo {
  /** The document. */
  readonly source: SourceDocument;
  /** metadata.name. */
  readonly name: string;
  /** metadata.namespace (undefined = default namespace of the apply). */
  readonly namespace?: string;
  /** spec.selector; undefined when the Service has none (selects nothing by itself: endpoints are managed by hand). */
  readonly selector?: Readonly<Record<string, string>>;
  /** spec.ports as written. */
  readonly ports: ReadonlyArray<{ readonly port?: unknown; readonly targetPort?: unknown; readonly name?: unknown; readonly protocol?: unknown }>;
}

/**
 * Everything in one run, for rules that relate objects (Services ↔ pods).
 *
 * TypeScript-only rule-engine type (readonly arrays, methods); other languages use the `Linter` class.
 * @jsii ignore
 */
export interface ManifestIndex {
  /** Every workload read. */
  readonly workloads: readonly Workload[];
  /** Every Service read. */
  readonly services: readonly ServiceInfo[];
  /** Services (same namespace) whose selector matches the workload's pod labels. */
  servicesSelecting(workload: Workload): ServiceInfo[];
  /** Workloads (same namespace) whose pod labels the Service's selector matches. */
  workloadsSelectedBy(service: ServiceInfo): Workload[];
}

/**
 * What a rule reports.
 *
 * TypeScript-only rule-engine type (readonly arrays, methods); other languages use the `Linter` class.
 * @jsii ignore
 */
export interface FindingReport {
  /** The specific message: what is wrong here, with the values involved. */
  readonly message: string;
  /** Path of the offending field, relative to the object (used for file and line). */
  readonly path: JsonPath;
  /** The container concerned, if any. */
  readonly container?: string;
  /** A specific fix for this finding; the rule's general fix is used when absent. */
  readonly fix?: string;
}

/**
 * The context a rule body runs with.
 *
 * TypeScript-only rule-engine type (readonly arrays, methods); other languages use the `Linter` class.
 * @jsii ignore
 */
export interface RuleContext {
  /** All objects of the run. */
  readonly index: ManifestIndex;
  /** Reports one finding of this rule. */
  report(finding: FindingReport): void;
}

/**
 * A rule: metadata plus a body for workloads and/or Services.
 *
 * TypeScript-only rule-engine type (readonly arrays, methods); other languages use the `Linter` class.
 * @jsii ignore
 */
export interface Rule {
  /** Metadata. */
  readonly meta: RuleMeta;
  /** Checks one workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob). */
  checkWorkload?(workload: Workload, ctx: RuleContext): void;
  /** Checks one Service. */
  checkService?(service: ServiceInfo, ctx: RuleContext): void;
}

/**
 * A finding, located.
 *
 * TypeScript-only rule-engine type (readonly arrays, methods); other languages use the `Linter` class.
 * @jsii ignore
 */
export interface Finding {
  /** The rule id. */
  readonly ruleId: string;
  /** Severity after configuration. */
  readonly severity: Severity;
  /** The message. */
  readonly message: string;
  /** The fix. */
  readonly fix: string;
  /** File the object came from. */
  readonly file: string;
  /** YAML document index in the file (0-based). */
  readonly documentIndex: number;
  /** 1-based line of the offending field. */
  readonly line: number;
  /** 1-based column of the offending field. */
  readonly column: number;
  /** The resource: kind, name, namespace. */
  readonly resource: { readonly kind: string; readonly name: string; readonly namespace?: string };
  /** The container concerned, if any. */
  readonly container?: string;
  /** Path of the offending field within the object. */
  readonly path: JsonPath;
}

/**
 * Helper for rule bodies: containers whose probes run (app containers and native sidecars). Read
 * once while the workload is checked and shared by the rules (most of them start here).
 */
export const probedContainers: (w: Workload) => readonly WorkloadContainer[] = recentPerObject((w: Workload) => w.containers.filter((c) => !c.init || c.nativeSidecar));

/** A container's name for messages. */
export function containerName(c: ContainerJson): string {
  return typeof c.name === 'string' ? c.name : '<unnamed>';
}
