/**
 * Intents -> a probe plan: ports, the three probes as plain Kubernetes JSON, the Service, writable
 * volumes, graceful shutdown, the rollout deadline and the annotations. A short pipeline over the
 * intent modules (lib/intents/modules); every number comes from lib/timing and every check of the
 * user's input lives in the modules and the steps, so the constructs only render.
 */
import { IntentName, writeDeclaredIntent } from '../k8s/annotations';
import { ProbeJson, ProbeKind } from '../k8s/types';
import { ProbeTiming, SizedProbes } from '../timing';
import { FieldChecks, PlanIssue } from './checks';
import { checkDependencies, checkFastRecovery, checkShelllessImage } from './cross-checks';
import { Intent } from './intent';
import { ContainerDraft, PlannedPort, PlannedService, PlannedVolume } from './modules';
import { planVolumes } from './modules/volumes';
import { readIntents, ReadIntent } from './read-intents';
import { planShutdown } from './shutdown';
import { sizedWorstStartup, sizeTimings } from './size';
import { readTargets, ResolvedTargets, WorkloadTargets } from './targets';

export { PlanIssue } from './checks';
export { PlannedPort, PlannedService, PlannedServicePort, PlannedVolume } from './modules';
export { WorkloadTargets } from './targets';

/** Everything the constructs render. */
export interface WorkloadPlan {
  /** Intent names in a fixed order. */
  readonly intents: string[];
  /** The app container's name. */
  readonly containerName: string;
  /** Container ports, serving port first. */
  readonly ports: PlannedPort[];
  /** The startup probe, as Kubernetes JSON. */
  readonly startupProbe: ProbeJson;
  /** The liveness probe, as Kubernetes JSON. */
  readonly livenessProbe: ProbeJson;
  /** The readiness probe, as Kubernetes JSON. */
  readonly readinessProbe: ProbeJson;
  /** The timings behind the three probes. */
  readonly timings: SizedProbes;
  /** The worst startup the startup probe was sized for (at least the 60 s default). */
  readonly worstStartupSeconds: number;
  /** The Service, for workloads that serve traffic. */
  readonly service?: PlannedService;
  /** emptyDir volumes mounted in the app container so it can write the files its probes read. */
  readonly volumes: PlannedVolume[];
  /** preStop `sleep` seconds, when graceful shutdown is on, the workload serves traffic and the image has a shell. */
  readonly preStopSleepSeconds?: number;
  /** The pod's terminationGracePeriodSeconds. */
  readonly terminationGracePeriodSeconds: number;
  /** The Deployment's progressDeadlineSeconds. */
  readonly progressDeadlineSeconds: number;
  /** Pod replicas. */
  readonly replicas: number;
  /** Pod-template annotations recording the declared intent. */
  readonly annotations: Record<string, string>;
}

/** The result of planning: a plan when the input holds, and every issue found. */
export interface PlanResult {
  /** The plan; undefined when there are issues. */
  readonly plan?: WorkloadPlan;
  /** Every problem with the input; empty when the plan is good. */
  readonly issues: PlanIssue[];
}

function newDraft(): ContainerDraft {
  return { ports: [], volumes: [], critical: [], optional: [], pins: {}, primaryField: 'intents' };
}

/** Steps 1–3: read the intents and targets, let each module contribute to the draft. */
function contribute(intents: unknown, targets: WorkloadTargets, c: FieldChecks): { draft: ContainerDraft; read: ReadIntent[]; t: ResolvedTargets } | undefined {
  const read = readIntents(intents, c);
  const fast = read?.some((r) => r.module.name === IntentName.FAST_RECOVERY) ?? false;
  const t = readTargets(targets ?? {}, fast, c);
  if (!read || !t || c.issues.length > 0) return undefined;
  const draft = newDraft();
  const primary = read.find((r) => r.module.primary)!;
  draft.primary = primary.module.name;
  draft.primaryField = primary.field;
  for (const r of read) {
    r.module.contribute(r.options, draft, { field: r.field, imageHasShell: t.imageHasShell }, c.at(r.field));
  }
  return c.issues.length > 0 ? undefined : { draft, read, t };
}

function withTiming(handler: ProbeJson, t: ProbeTiming, graceSeconds?: number): ProbeJson {
  // initialDelaySeconds is left out: 0 is the default and the startup probe gates the rest.
  // Object.assign, not `{ ...handler, periodSeconds, … }`: on Node 20 (V8 11.3) a spread followed by
  // more properties makes a fresh map per object, ~5 µs each (bench/README, issue 11)
  const timing = { periodSeconds: t.periodSeconds, timeoutSeconds: t.timeoutSeconds, failureThreshold: t.failureThreshold, successThreshold: t.successThreshold };
  return Object.assign({}, handler, timing, graceSeconds === undefined ? {} : { terminationGracePeriodSeconds: graceSeconds });
}

function annotationsOf(intents: string[], draft: ContainerDraft, t: ResolvedTargets, targets: WorkloadTargets): Record<string, string> {
  return writeDeclaredIntent({
    intents,
    container: t.containerName,
    worstStartupSeconds: draft.declaredWorstStartupSeconds,
    hangDetectionSeconds: t.hangDetectionSeconds,
    handlerLatencySeconds: targets.handlerLatencySeconds,
    criticalDependencies: [...draft.critical].sort(),
    optionalDependencies: [...draft.optional].sort(),
  });
}

/**
 * Plans a workload from its intents and targets. Never throws on bad input: every problem comes
 * back as an issue naming the field as written, the value given and what is allowed.
 */
export function planWorkload(intents: readonly Intent[], targets: WorkloadTargets = {}): PlanResult {
  const c = new FieldChecks();
  const contributed = contribute(intents, targets, c);
  if (!contributed) return { issues: c.issues };
  const { draft, read, t } = contributed;
  // step 4: across intents
  checkShelllessImage(draft, t, c);
  checkDependencies(draft, c);
  checkFastRecovery(draft, t, c);
  planVolumes(draft, t.readOnlyRootFilesystem, c);
  if (c.issues.length > 0) return { issues: c.issues };
  // steps 5–6: timings, shutdown and rollout
  const timings = sizeTimings(draft, t, c);
  const worst = sizedWorstStartup(draft);
  const shutdown = timings && planShutdown(draft, timings, t, worst, c);
  if (!timings || !shutdown) return { issues: c.issues };
  const names = [...new Set(read.map((r) => r.module.name as string))];
  const h = draft.handlers!;
  const livenessGrace = timings.livenessGraceSeconds !== undefined ? draft.fastRecovery?.graceSeconds : undefined;
  // Object.assign, not a spread between properties: see withTiming
  const plan: WorkloadPlan = Object.assign({
    intents: names,
    containerName: t.containerName,
    ports: draft.ports,
    startupProbe: withTiming(h[ProbeKind.STARTUP].json, timings.startup),
    livenessProbe: withTiming(h[ProbeKind.LIVENESS].json, timings.liveness, livenessGrace),
    readinessProbe: withTiming(h[ProbeKind.READINESS].json, timings.readiness),
    timings,
    worstStartupSeconds: worst,
    service: draft.service,
    volumes: draft.volumes,
  }, shutdown, { replicas: t.replicas, annotations: annotationsOf(names, draft, t, targets) });
  return { issues: [], plan };
}
