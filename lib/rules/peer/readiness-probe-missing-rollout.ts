/**
 * readiness-probe-missing-rollout: no Service selects the pod, but a rolling update or
 * minReadySeconds relies on Ready, and nothing in the pod gates Ready.
 */
import { asRecord, isSet } from '../../manifest/record';
import { Workload } from '../../manifest/workloads';
import { authoredProbedContainers, isLongRunning } from '../probe-util';
import { containerName, Rule, RuleCategory, Severity } from '../types';

/**
 * Why a workload's rollout relies on the pod condition Ready, or undefined when it does not:
 * minReadySeconds > 0, or a rolling update (the default) of a Deployment or StatefulSet with an
 * explicit replicas > 1, or of a DaemonSet (one pod per node, updated node by node).
 */
export function rolloutReliesOnReady(w: Workload): string | undefined {
  if (w.kind !== 'Deployment' && w.kind !== 'StatefulSet' && w.kind !== 'DaemonSet') return undefined;
  const minReady = w.spec.minReadySeconds;
  if (typeof minReady === 'number' && minReady > 0) return `minReadySeconds: ${minReady} counts from Ready`;
  const strategy = asRecord(w.kind === 'Deployment' ? w.spec.strategy : w.spec.updateStrategy);
  const type = strategy?.type;
  const rolling = w.kind === 'Deployment' ? type !== 'Recreate' : type !== 'OnDelete';
  if (!rolling) return undefined;
  if (w.kind === 'DaemonSet') return 'its rolling update moves to the next node once the new pod is Ready';
  const replicas = w.spec.replicas;
  if (typeof replicas === 'number' && replicas > 1) return `its rolling update of ${replicas} replicas replaces old pods once new ones are Ready`;
  return undefined;
}

/** The rule. */
export const rule: Rule = {
  meta: {
    id: 'readiness-probe-missing-rollout',
    severity: Severity.WARNING,
    category: RuleCategory.PEER,
    description: 'A rolling update or minReadySeconds relies on Ready, but no container of the pod has a readiness or startup probe.',
    rationale:
      'Readiness also gates rollouts: a rolling update replaces old pods as soon as new ones are Ready, and minReadySeconds counts from Ready. ' +
      'With neither a readiness nor a startup probe anywhere in the pod, Ready means "the process started", so a broken version rolls out ' +
      'completely (peer-checks.md, check 13; seed 001). A startup probe alone is enough here: containers are not Ready until it succeeds. ' +
      'Only where no Service selects the pod (readiness-probe-missing covers that, as an error); Deployments and StatefulSets need an explicit ' +
      'replicas > 1 (an HPA-managed workload without replicas is not judged); PodDisruptionBudgets are not read. Same container exclusions as readiness-probe-missing.',
    fix: 'Add a readinessProbe (or at least a startupProbe) that succeeds only once the app works, so the rollout waits for it.',
    peers: ['kube-linter no-readiness-probe', 'Polaris readinessProbeMissing', 'Datree 12', 'Checkov CKV_K8S_9', 'Kubescape C-0018'],
  },
  checkWorkload(w, ctx) {
    if (!isLongRunning(w)) return;
    const why = rolloutReliesOnReady(w);
    if (!why) return;
    const eligible = authoredProbedContainers(w);
    if (eligible.length === 0) return;
    const gated = eligible.some((c) => {
      const rec = c.container as Record<string, unknown>;
      return isSet(rec.readinessProbe) || isSet(rec.startupProbe);
    });
    if (gated) return;
    if (ctx.index.servicesSelecting(w).length > 0) return; // readiness-probe-missing reports it
    const first = eligible[0];
    const name = containerName(first.container);
    ctx.report({
      path: first.path,
      container: name,
      message: `${w.kind} "${w.name}": ${why}, but no container has a readiness or startup probe, so Ready only means the process started ("${name}" first)`,
    });
  },
};
