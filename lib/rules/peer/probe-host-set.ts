/** probe-host-set: httpGet.host / tcpSocket.host set in a probe or lifecycle hook (Pod Security baseline). */
import { JsonPath } from '../../manifest/load';
import { probesOf } from '../../manifest/probes';
import { asRecord } from '../../manifest/record';
import { containerName, Rule, RuleCategory, Severity } from '../types';

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
      const name = containerName(c.container);
      const handlers: Array<{ where: string; at: JsonPath; handler: unknown }> = [];
      for (const { role, probe } of probesOf(c.container)) handlers.push({ where: role, at: [...c.path, role], handler: probe });
      const lifecycle = asRecord((c.container as Record<string, unknown>).lifecycle);
      for (const hook of ['postStart', 'preStop']) {
        if (lifecycle && asRecord(lifecycle[hook])) handlers.push({ where: `lifecycle.${hook}`, at: [...c.path, 'lifecycle', hook], handler: lifecycle[hook] });
      }
      for (const { where, at, handler } of handlers) {
        const h = asRecord(handler);
        if (!h) continue;
        for (const field of ['httpGet', 'tcpSocket']) {
          const host = asRecord(h[field])?.host;
          if (typeof host !== 'string' || host === '') continue;
          ctx.report({
            path: [...at, field, 'host'],
            container: name,
            message: `container "${name}" ${where}.${field}.host is "${host}": Pod Security baseline forbids a host in probes and lifecycle hooks, and the check no longer targets this container`,
          });
        }
      }
    }
  },
};
