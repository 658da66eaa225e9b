/**
 * How long a StatefulSet takes to roll out, from its probes. A StatefulSet has no
 * progressDeadlineSeconds: its controller waits for each pod in turn and never gives up.
 *
 * - Rolling update (the default strategy): pods are replaced one at a time in reverse ordinal
 *   order, each old pod terminated first and each new one waited for until Running and Ready,
 *   whatever the podManagementPolicy (KEP-3541 "Current RollingUpdate Algorithm",
 *   kubernetes/enhancements keps/sig-apps/3541; maxUnavailable for StatefulSets is alpha in 1.27).
 * - Initial creation and scaling: under OrderedReady, pod N+1 is created only once pod N is
 *   Running and Ready, so the pods' startups add up; under Parallel they overlap.
 *
 * A pod that never becomes Ready stalls the rollout until someone deletes it.
 */
import { ProbeTiming } from './defaults';
import { minimumProgressDeadline } from './sizing';

/** The worst-case rollout times of a StatefulSet, in seconds. */
export interface StatefulRolloutBudget {
  /** One pod, from creation until Ready: the startup probe's maximum allowance, one readiness period and 60 s for scheduling and image pulls. */
  readonly perPodSeconds: number;
  /** Creating every replica from nothing: `replicas × perPod` under OrderedReady, `perPod` under Parallel. */
  readonly creationSeconds: number;
  /** A rolling update of every replica: `replicas × (termination grace + perPod)`, under either policy. */
  readonly rollingUpdateSeconds: number;
}

/**
 * The rollout budget of a StatefulSet whose pods have these startup and readiness probes.
 * @param ordered podManagementPolicy OrderedReady (true) or Parallel (false)
 */
export function statefulRolloutBudget(
  startup: ProbeTiming, readiness: ProbeTiming, replicas: number, terminationGraceSeconds: number, ordered: boolean,
): StatefulRolloutBudget {
  const perPod = minimumProgressDeadline(startup, readiness);
  return {
    perPodSeconds: perPod,
    creationSeconds: ordered ? replicas * perPod : perPod,
    rollingUpdateSeconds: replicas * (terminationGraceSeconds + perPod),
  };
}
