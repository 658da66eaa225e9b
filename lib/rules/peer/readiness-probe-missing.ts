/**
 * readiness-probe-missing: a container of a long-running workload that a Service selects has no
 * readiness probe, so the pod receives traffic the moment the container starts.
 */
import { declaredPorts } from '../../manifest/ports';
import { isSet } from '../../manifest/record';
import { Workload, WorkloadContainer } from '../../manifest/workloads';
import { authoredProbedContainers, isLongRunning } from '../probe-util';
import { containerName, Rule, RuleCategory, ServiceInfo, Severity } from '../types';

/**
 * The containers of a workload that should carry a readiness probe but do not, given the Services
 * that select it. Candidates are the authored probed containers (app containers and native
 * sidecars, not plain init containers, not well-known injected sidecars) without one.
 * - When an authored container declares a port that a Service targets (targetPort, or
 *   port when targetPort is absent; by number or name), only those serving containers count:
 *   a metrics exporter beside a Ready-gated app is left alone.
 * - Otherwise (ports undeclared, so the serving container is unknown): candidates that declare
 *   ports; when none does and no container of the pod has a readiness probe, the first candidate.
 */
export function containersMissingReadiness(w: Workload, services: readonly ServiceInfo[] = []): WorkloadContainer[] {
  const eligible = authoredProbedContainers(w);
  const has = (c: WorkloadContainer) => isSet((c.container as Record<string, unknown>).readinessProbe);
  const missing = eligible.filter((c) => !has(c));
  if (missing.length === 0) return [];
  const targets = new Set<number | string>();
  for (const s of services) {
    for (const p of s.ports) {
      const t = p.targetPort ?? p.port;
      if (typeof t === 'number' || (typeof t === 'string' && t !== '')) targets.add(t);
    }
  }
  const serves = (c: WorkloadContainer) =>
    declaredPorts(c.container).some((p) => (p.containerPort !== undefined && targets.has(p.containerPort)) || (p.name !== undefined && targets.has(p.name)));
  if (eligible.some(serves)) return missing.filter(serves);
  const withPorts = missing.filter((c) => declaredPorts(c.container).length > 0);
  if (withPorts.length > 0) return withPorts;
  return eligible.some(has) ? [] : [missing[0]];
}

/** The rule. */
export const rule: Rule = {
  meta: {
    id: 'readiness-probe-missing',
    severity: Severity.ERROR,
    category: RuleCategory.PEER,
    description: 'A container behind a Service has no readiness probe, so it gets traffic as soon as it starts.',
    rationale:
      'Without a readiness probe a container is Ready once it runs (after its startup probe, if any): a Service sends it requests before the app ' +
      'listens, and keeps sending them while it is overloaded or shutting down (seeds 000, 001, 004; reference/probe-semantics.md, "Initial results"). ' +
      'Judged only where it matters, fixing the peers\' false positives: long-running workloads (not Job/CronJob), containers whose probes run ' +
      '(app containers and native sidecars, not plain init containers), not well-known injected sidecars (istio-proxy, linkerd-proxy, vault-agent, ' +
      'cloud-sql-proxy, cloudsql-proxy, consul-dataplane, envoy-sidecar, kuma-sidecar, daprd, otc-container), and only when a Service in the same ' +
      'namespace selects the pod. Where the Service\'s target ports tell which containers serve it, only those are judged (a metrics exporter beside a ' +
      'Ready-gated app is not flagged); otherwise containers that declare ports, or the first container when no container has a readiness probe.',
    fix: 'Add a readinessProbe on a dedicated endpoint (e.g. httpGet /readyz on the serving port) that fails while the app cannot serve.',
    peers: [
      'kube-score pod-probes',
      'kube-linter no-readiness-probe',
      'Polaris readinessProbeMissing',
      'Datree 12',
      'Checkov CKV_K8S_9',
      'Kubescape C-0018',
      'Gatekeeper K8sRequiredProbes',
      'Kyverno require-pod-probes',
    ],
  },
  checkWorkload(w, ctx) {
    if (!isLongRunning(w)) return;
    if (containersMissingReadiness(w).length === 0) return;
    const services = ctx.index.servicesSelecting(w);
    if (services.length === 0) return;
    const names = services.map((s) => `"${s.name}"`).sort().join(', ');
    for (const c of containersMissingReadiness(w, services)) {
      const name = containerName(c.container);
      ctx.report({
        path: c.path,
        container: name,
        message: `${c.nativeSidecar ? 'native sidecar' : 'container'} "${name}" has no readinessProbe but Service ${names} selects this pod: it receives traffic as soon as it starts, and while overloaded or shutting down`,
      });
    }
  },
};
