/** probe-host-set: httpGet.host / tcpSocket.host set in a probe or lifecycle hook (Pod Security baseline). */
import { JsonPath } from '../../manifest/load';
import { probesOf } from '../../manifest/probes';
import { asRecord } from '../../manifest/record';
import { WorkloadContainer } from '../../manifest/workloads';
import { containerName, Rule, RuleCategory, RuleContext, Severity } from '../types';

/** The rule. */
export const rule: Rule = {
  meta: {
    id: 'probe-host-set',
    severity: Severity.ERROR,
    category: RuleCategory.PEER,
    description: 'A probe or lifecycle hook sets httpGet.host or tcpSocket.host.',
    rationale:
      'The Pod Security Standards\' baseline profile forbids a non-empty host in probes and lifecycle hooks (the kubelet would reach any address ' +
      'from the node), so namespaces enforcing baseline reject the pod (reference/probe-semantics.md, "API validation"). It is also a probe of ' +
      'something other than this container, which liveness must never be (seed 004). tcpSocket.host cannot even be a Service name.',
    fix: 'Remove host: probes go to the pod IP. To send a virtual-host name, set an httpHeaders entry {name: Host, value: …} instead.',
    peers: ['Gatekeeper K8sPSPHostProbesLifecycle'],
  },
  checkWorkload(w, ctx) {
    for (const c of w.containers) {
      for (const { role, probe } of probesOf(c.container)) {
        const hosts = hostsSet(probe);
        if (hosts) report(ctx, c, role, [...c.path, role], hosts);
      }
      const lifecycle = asRecord((c.container as Record<string, unknown>).lifecycle);
      if (!lifecycle) continue;
      for (const hook of LIFECYCLE_HOOKS) {
        const hosts = asRecord(lifecycle[hook]) ? hostsSet(lifecycle[hook]) : undefined;
        if (hosts) report(ctx, c, `lifecycle.${hook}`, [...c.path, 'lifecycle', hook], hosts);
      }
    }
  },
};

const LIFECYCLE_HOOKS = ['postStart', 'preStop'] as const;

/** Reports each host a probe (`where`: its role) or lifecycle hook sets. */
function report(ctx: RuleContext, c: WorkloadContainer, where: string, at: JsonPath, hosts: readonly HostSet[]): void {
  const name = containerName(c.container);
  for (const { field, host } of hosts) {
    ctx.report({
      path: [...at, field, 'host'],
      container: name,
      message: `container "${name}" ${where}.${field}.host is "${host}": Pod Security baseline forbids a host in probes and lifecycle hooks, and the check no longer targets this container`,
    });
  }
}

/** A handler field that sets a host, and the host. */
interface HostSet {
  readonly field: string;
  readonly host: string;
}

/** The httpGet and tcpSocket hosts a probe or hook handler sets (a non-empty string), or undefined when none (the common case, allocating nothing). */
function hostsSet(handler: unknown): HostSet[] | undefined {
  const h = asRecord(handler);
  if (!h) return undefined;
  let out: HostSet[] | undefined;
  for (const field of HANDLERS_WITH_HOST) {
    const host = asRecord(h[field])?.host;
    if (typeof host !== 'string' || host === '') continue;
    (out ??= []).push({ field, host });
  }
  return out;
}

const HANDLERS_WITH_HOST = ['httpGet', 'tcpSocket'] as const;
