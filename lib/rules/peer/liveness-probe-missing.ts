/** liveness-probe-missing: a container of a long-running workload has no liveness probe (advisory). */
import { authoredProbedContainers, isLongRunning } from '../probe-util';
import { isSet } from '../../manifest/record';
import { containerName, Rule, RuleCategory, Severity } from '../types';

/** The rule. */
export const rule: Rule = {
  meta: {
    id: 'liveness-probe-missing',
    severity: Severity.INFO,
    category: RuleCategory.PEER,
    description: 'A long-running container has no liveness probe: a deadlocked process is never restarted.',
    rationale:
      'A liveness probe is how the kubelet restarts a process that is running but stuck (deadlock, livelock): seeds 002 and 004. It is advisory, ' +
      'because a wrong liveness probe is worse than none (seeds 003, 004: restarts under load, cascading failures). Judged on long-running workloads only ' +
      '(not Job/CronJob), on containers whose probes run (app containers and native sidecars, not plain init containers), and not on well-known injected ' +
      'sidecars (istio-proxy, linkerd-proxy, vault-agent, cloud-sql-proxy …, whose injector owns their probes).',
    fix: 'Add a livenessProbe that checks only the process itself (e.g. httpGet /livez, or an exec heartbeat check for workers), never its dependencies.',
    peers: [
      'kube-score pod-probes',
      'kube-linter no-liveness-probe',
      'Polaris livenessProbeMissing',
      'Datree 11',
      'Checkov CKV_K8S_8',
      'Kubescape C-0056',
      'Gatekeeper K8sRequiredProbes',
      'Kyverno require-pod-probes',
    ],
  },
  checkWorkload(w, ctx) {
    if (!isLongRunning(w)) return;
    for (const c of authoredProbedContainers(w)) {
      if (isSet((c.container as Record<string, unknown>).livenessProbe)) continue;
      const name = containerName(c.container);
      ctx.report({
        path: c.path,
        container: name,
        message: `${c.nativeSidecar ? 'native sidecar' : 'container'} "${name}" has no livenessProbe: if it hangs, nothing restarts it`,
      });
    }
  },
};
