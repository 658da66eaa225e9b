/**
 * Pod-level facts of `explain` that no single container shows: which containers gate the pod's
 * Ready condition (and so the traffic a Service sends it), and how long a StatefulSet takes to roll
 * out, given its probes. Numbers come from lib/timing (statefulRolloutBudget); this module only
 * picks the containers and the policy from the manifest.
 */
import { statefulRolloutBudget, StatefulRolloutBudget } from '../timing';
import { Workload } from '../manifest';
import { ContainerReport } from './model';

/** A StatefulSet's spec.podManagementPolicy (the API's values). */
export type PodManagementPolicy = 'OrderedReady' | 'Parallel';

/** Which containers gate the pod's Ready condition, and the slowest of them. */
export interface ReadyGateReport {
  /**
   * Every container the pod's Ready condition waits for: app containers and native sidecars. The
   * kubelet's pod status sets ContainersReady, and with it Ready, only when all of them are Ready
   * (pkg/kubelet/status/generate.go, GenerateContainersReadyCondition), so any one of them failing
   * readiness takes the whole pod out of every Service.
   */
  readonly containers: string[];
  /** The container with the latest worst time to Ready. */
  readonly slowest: string;
  /** The pod's worst time to first Ready: the latest of its containers'. */
  readonly worstSeconds: number;
}

/** A StatefulSet's rollout, from its probes (lib/timing/rollout.ts). */
export interface StatefulRolloutReport extends StatefulRolloutBudget {
  /** spec.podManagementPolicy as used (OrderedReady when unset). */
  readonly podManagementPolicy: PodManagementPolicy;
  /** The container whose probes set the per-pod budget (the slowest allowed to start). */
  readonly container: string;
  /** The pod's terminationGracePeriodSeconds, part of every rolling-update step. */
  readonly graceSeconds: number;
}

/** The containers that gate Ready; undefined when fewer than two do (one container says it all). */
export function readyGate(containers: readonly ContainerReport[]): ReadyGateReport | undefined {
  const gating = containers.filter((c) => c.role !== 'init');
  if (gating.length < 2) return undefined;
  const slowest = gating.reduce((a, b) => (b.timeToReady.worst > a.timeToReady.worst ? b : a));
  return { containers: gating.map((c) => c.name), slowest: slowest.name, worstSeconds: slowest.timeToReady.worst };
}

/**
 * The rollout budget of a StatefulSet, from the container whose startup may take longest; undefined
 * for other kinds, and when a gating container has no startup or liveness probe (nothing bounds its
 * start, so nothing bounds the rollout).
 */
export function statefulRollout(w: Workload, containers: readonly ContainerReport[], graceSeconds: number): StatefulRolloutReport | undefined {
  if (w.kind !== 'StatefulSet') return undefined;
  const policy: PodManagementPolicy = w.spec.podManagementPolicy === 'Parallel' ? 'Parallel' : 'OrderedReady';
  let best: StatefulRolloutReport | undefined;
  for (const c of containers.filter((x) => x.role !== 'init')) {
    const guard = c.probes.startup ?? c.probes.liveness;
    if (!guard) return undefined;
    const readiness = c.probes.readiness?.timing ?? guard.timing;
    const budget = statefulRolloutBudget(guard.timing, readiness, w.replicas, graceSeconds, policy === 'OrderedReady');
    if (!best || budget.perPodSeconds > best.perPodSeconds) best = { ...budget, podManagementPolicy: policy, container: c.name, graceSeconds };
  }
  return best;
}

/** The StatefulSet rollout in one sentence, for the text and Markdown formats. */
export function describeStatefulRollout(r: StatefulRolloutReport, replicas: number): string {
  const creation = r.podManagementPolicy === 'OrderedReady'
    ? `pods start one after another — creation up to ${replicas} × ${r.perPodSeconds} s = ${r.creationSeconds} s`
    : `pods start together — creation up to ${r.creationSeconds} s`;
  return `StatefulSet, podManagementPolicy ${r.podManagementPolicy}, ${replicas} replica${replicas === 1 ? '' : 's'}: no progress deadline; ${creation}, `
    + `a rolling update up to ${replicas} × (${r.graceSeconds} s grace + ${r.perPodSeconds} s) = ${r.rollingUpdateSeconds} s (one pod at a time under either policy); `
    + `a pod that never becomes Ready stalls the rollout until it is deleted (per-pod budget from container ${r.container}'s probes)`;
}

/** Which containers gate Ready, in one sentence. */
export function describeReadyGate(g: ReadyGateReport): string {
  return `pod Ready only when every container is: ${g.containers.join(', ')} (any one failing readiness takes the pod out of every Service); slowest to Ready: ${g.slowest}, worst ${g.worstSeconds} s`;
}
