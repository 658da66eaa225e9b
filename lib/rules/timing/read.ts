/**
 * What the timing, dependency, service and drift rules locate the same way: a container's probe
 * of one role, the path a finding points at, the words for a role, and the container this
 * project's annotations describe. Field readers live in lib/manifest (one reader per field,
 * shared with the intent planning); those once kept here are re-exported, deprecated, for
 * callers on other branches.
 */
import { ProbeRole } from '../../k8s/types';
import { DeclaredIntent, readDeclaredIntents } from '../../k8s/annotations';
import { JsonPath } from '../../manifest/load';
import { containerProbe } from '../../manifest/probes';
import { recentPerObject } from '../../manifest/record';
import { Workload, WorkloadContainer } from '../../manifest/workloads';

/** @deprecated import from lib/manifest. */
export { asRecord, execCommandOf, handlerPortOf, handlerTypeOf, httpPathOf, writtenNumber } from '../../manifest';
/** @deprecated use effectiveTiming from lib/timing. */
export { effectiveTiming as timingOf } from '../../timing';

/** The words used for each probe role in messages. */
export const ROLE_LABEL: Readonly<Record<ProbeRole, string>> = Object.freeze({
  startupProbe: 'startup',
  livenessProbe: 'liveness',
  readinessProbe: 'readiness',
});

/** A container's probe of one role, when it is an object. */
export function probeOf(c: WorkloadContainer, role: ProbeRole): Record<string, unknown> | undefined {
  return containerProbe(c.container, role);
}

/** Path of a probe field when it is written, else of the probe itself (so the line is always real). */
export function probeFieldPath(c: WorkloadContainer, role: ProbeRole, field?: string): JsonPath {
  const probe = probeOf(c, role);
  if (field !== undefined && probe && Object.prototype.hasOwnProperty.call(probe, field)) return [...c.path, role, field];
  return [...c.path, role];
}

/** The declared intent of a workload and the container it describes. */
export interface IntentTarget {
  /** What the annotations declare. */
  readonly declared: DeclaredIntent;
  /** The container described: the one the `container` annotation names, else the first app container. */
  readonly container: WorkloadContainer;
}

/**
 * What a workload's pod-template annotations declare (lib/k8s/annotations readDeclaredIntents),
 * read once while the workload is checked and shared by the rules that hold manifests to it.
 */
export const declaredIntentsOf: (w: Workload) => readonly DeclaredIntent[] = recentPerObject((w: Workload) => readDeclaredIntents(w.podMetadata.annotations));

/**
 * Every container's declared intent with the container it describes: the unprefixed
 * `probes.cdk8s.io/*` keys (the first container) and each `<container>.probes.cdk8s.io/*` group a
 * pod with several probed containers carries (lib/k8s/annotations readDeclaredIntents). A group
 * naming a container the pod does not have is skipped (a wrong name is not guessed at); without a
 * `container` annotation the unprefixed keys describe the first app container. Read once while
 * the workload is checked.
 */
export const intentTargets: (w: Workload) => readonly IntentTarget[] = recentPerObject((w: Workload) =>
  declaredIntentsOf(w)
    .map((declared) => targetOf(w, declared))
    .filter((t): t is IntentTarget => t !== undefined),
);

function targetOf(w: Workload, declared: DeclaredIntent): IntentTarget | undefined {
  const app = w.containers.filter((c) => !c.init);
  let container: WorkloadContainer | undefined;
  if (declared.container !== undefined) {
    container = w.containers.find((c) => c.container.name === declared.container);
  } else {
    container = app[0];
  }
  return container ? { declared, container } : undefined;
}
