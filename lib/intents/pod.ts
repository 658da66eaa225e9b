/**
 * Several probed containers in one pod (app + a metrics or auth sidecar; a REST and a gRPC
 * server). Each container is planned on its own by the same pipeline as a single-container
 * workload (`planWorkload`: the modules' draft is per container); then the pod-level values are
 * composed: ports and port names unique across containers, one Service from the exposed
 * containers, volume names unique, the grace period the largest any container needs, the rollout
 * deadline covering the slowest container, annotations per container.
 */
import { readDeclaredIntent, writeDeclaredIntents } from '../k8s/annotations';
import { startupAllowance } from '../timing';
import { FieldChecks, show } from './checks';
import { planWorkload, WorkloadTargets } from './plan';
import { checkPodPorts, describeCheck, mergeService, PlannedEntry, podVolumes } from './pod-checks';
import { ContainerIntents, PlannedContainer, PodPlan, PodPlanResult, PodTargets, TrafficGate } from './pod-types';

export * from './pod-types';

/** Fields of the single-container pipeline that are the pod's here: reported once, unprefixed. */
const POD_FIELDS: ReadonlySet<string> = new Set(['replicas', 'gracefulShutdown', 'drainSeconds', 'progressDeadlineSeconds']);
/** Fields of the single-container pipeline named differently in {@link ContainerIntents}. */
const RENAMED: Readonly<Record<string, string>> = { 'securityContext.readOnlyRootFilesystem': 'readOnlyRootFilesystem', containerName: 'name' };

function targetsOf(x: ContainerIntents, pod: PodTargets): WorkloadTargets {
  return {
    hangDetectionSeconds: x.hangDetectionSeconds,
    handlerLatencySeconds: x.handlerLatencySeconds,
    imageHasShell: x.imageHasShell,
    readOnlyRootFilesystem: x.readOnlyRootFilesystem,
    containerName: x.name,
    replicas: pod.replicas,
    gracefulShutdown: pod.gracefulShutdown,
    drainSeconds: pod.drainSeconds,
    progressDeadlineSeconds: pod.progressDeadlineSeconds,
  };
}

/** Plans each container on its own; issues scoped to `containers[i] (name)`, pod-level ones once. */
function planEach(containers: readonly unknown[], pod: PodTargets, c: FieldChecks): PlannedEntry[] {
  const entries: PlannedEntry[] = [];
  const names = new Map<string, string>();
  const podIssues = new Set<string>();
  containers.forEach((x, i) => {
    const at = `containers[${i}]`;
    if (!c.record(at, x)) return;
    const ci = x as unknown as ContainerIntents;
    if (!c.dnsLabel(`${at}.name`, ci.name)) return;
    if (names.has(ci.name)) {
      c.add(`${at}.name`, `got ${show(ci.name)}, the name of ${names.get(ci.name)} too; allowed: a container name unique in the pod`);
      return;
    }
    names.set(ci.name, at);
    const field = `${at} (${ci.name})`;
    if (ci.exposeViaService !== undefined && !c.flag(`${field}.exposeViaService`, ci.exposeViaService)) return;
    const { plan, issues } = planWorkload(ci.intents, targetsOf(ci, pod));
    // by default the first container is exposed when it serves; the others only when asked
    const exposed = ci.exposeViaService ?? (i === 0 && plan?.service !== undefined);
    for (const issue of issues) {
      if (!POD_FIELDS.has(issue.field)) {
        c.add(`${field}.${RENAMED[issue.field] ?? issue.field}`, issue.message);
        continue;
      }
      const key = `${issue.field}\u0000${issue.message}`;
      if (!podIssues.has(key)) c.add(issue.field, issue.message);
      podIssues.add(key);
    }
    if (plan) entries.push({ field, name: ci.name, intents: Array.isArray(ci.intents) ? ci.intents : [], plan, exposed });
  });
  return entries;
}

function trafficGate(containers: readonly PlannedContainer[], entries: readonly PlannedEntry[]): TrafficGate {
  let slowest = entries[0];
  for (const e of entries) {
    if (startupAllowance(e.plan.timings.startup).maximumSeconds > startupAllowance(slowest.plan.timings.startup).maximumSeconds) slowest = e;
  }
  return {
    servingContainers: containers.filter((x) => x.exposed && entries.find((e) => e.name === x.name)!.plan.service).map((x) => x.name),
    readyWhen: containers.map((x) => `${x.name}: ${x.readinessCheck}`),
    slowestContainer: slowest.name,
  };
}

/**
 * Plans a pod of several probed containers. Never throws on bad input: every problem comes back as
 * an issue naming the field as written (`containers[1] (metrics).intents[0] (http-service).port`),
 * the value given and what is allowed.
 */
export function planPod(containers: readonly ContainerIntents[], targets: PodTargets = {}): PodPlanResult {
  const c = new FieldChecks();
  if (!Array.isArray(containers) || containers.length === 0) {
    c.add('containers', `got ${Array.isArray(containers) ? '0 entries' : show(containers)}; allowed: a non-empty list of containers, each with a name and intents`);
    return { issues: c.issues };
  }
  if (!c.record('podTargets', targets ?? {})) return { issues: c.issues };
  const entries = planEach(containers, targets ?? {}, c);
  if (c.issues.length > 0) return { issues: c.issues };
  checkPodPorts(entries, c);
  const service = mergeService(entries, c);
  if (c.issues.length > 0 || service === false) return { issues: c.issues };
  const volumes = podVolumes(entries);
  const planned: PlannedContainer[] = entries.map((e, i) => ({
    name: e.name,
    intents: e.plan.intents,
    ports: e.plan.ports,
    startupProbe: e.plan.startupProbe,
    livenessProbe: e.plan.livenessProbe,
    readinessProbe: e.plan.readinessProbe,
    timings: e.plan.timings,
    worstStartupSeconds: e.plan.worstStartupSeconds,
    volumes: volumes[i],
    preStopSleepSeconds: e.plan.preStopSleepSeconds,
    exposed: e.exposed && e.plan.service !== undefined,
    readinessCheck: describeCheck(e.plan.readinessProbe),
  }));
  const plan: PodPlan = {
    containers: planned,
    service,
    terminationGracePeriodSeconds: Math.max(...entries.map((e) => e.plan.terminationGracePeriodSeconds)),
    progressDeadlineSeconds: Math.max(...entries.map((e) => e.plan.progressDeadlineSeconds)),
    replicas: entries[0].plan.replicas,
    annotations: writeDeclaredIntents(entries.map((e) => readDeclaredIntent(e.plan.annotations)!)),
    traffic: trafficGate(planned, entries),
  };
  return { issues: [], plan };
}

