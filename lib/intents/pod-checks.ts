/**
 * What several containers of one pod must agree on, once each is planned on its own: ports (the
 * containers share one network namespace), port names (a Service's named targetPort resolves
 * against every container of the pod), the one Service, and volume names (one list per pod).
 */
import { ProbeJson } from '../k8s/types';
import { FieldChecks, show } from './checks';
import { Intent } from './intent';
import { PlannedService, PlannedServicePort, PlannedVolume } from './modules';
import { WorkloadPlan } from './plan';

/** A container planned on its own, with where it was declared. */
export interface PlannedEntry {
  /** `containers[i] (name)`. */
  readonly field: string;
  /** The container's name. */
  readonly name: string;
  /** Its intents as given (to name the field a port came from). */
  readonly intents: readonly Intent[];
  /** Its single-container plan. */
  readonly plan: WorkloadPlan;
  /** Whether the Service forwards to it. */
  readonly exposed: boolean;
}

const SERVING = new Set(['http-service', 'tcp-service', 'grpc-service']);

/** The field a planned port was declared by: the serving intent's `port` / `portName`, or its `managementPort`. */
function portField(e: PlannedEntry, index: number, what: 'number' | 'name'): string {
  const i = e.intents.findIndex((x) => x instanceof Intent && SERVING.has(x.name));
  const intent = i >= 0 ? `${e.field}.intents[${i}] (${e.intents[i].name})` : e.field;
  if (index === 0) return `${intent}.${what === 'number' ? 'port' : 'portName'}`;
  return `${intent}.${what === 'number' ? 'managementPort' : 'managementPortName'}`;
}

/**
 * Ports across containers: a number twice cannot be bound twice in one network namespace (the
 * second container fails with EADDRINUSE); a name twice makes a Service's named targetPort
 * ambiguous (it resolves to the first container declaring it).
 */
export function checkPodPorts(entries: readonly PlannedEntry[], c: FieldChecks): void {
  const numbers = new Map<number, string>();
  const names = new Map<string, string>();
  for (const e of entries) {
    e.plan.ports.forEach((p, i) => {
      const byNumber = numbers.get(p.number);
      if (byNumber !== undefined) {
        c.add(portField(e, i, 'number'), `got ${p.number}, already a port of ${byNumber}; allowed: a port no other container of the pod uses (containers share the pod's network namespace, so the second one cannot bind it)`);
      } else numbers.set(p.number, e.field);
      const byName = names.get(p.name);
      if (byName !== undefined) {
        c.add(portField(e, i, 'name'), `got ${show(p.name)}, already a port name of ${byName}; allowed: a port name unique in the pod (a Service's named targetPort resolves against every container), e.g. ${show(`${e.name}-${p.name}`.slice(0, 15).replace(/-+$/, ''))}`);
      } else names.set(p.name, e.field);
    });
  }
}

/** The one Service of the pod: the serving ports of the exposed containers. */
export function mergeService(entries: readonly PlannedEntry[], c: FieldChecks): PlannedService | undefined | false {
  const exposed = entries.filter((e) => e.exposed);
  let ok = true;
  for (const e of exposed) {
    if (e.plan.service) continue;
    c.add(`${e.field}.exposeViaService`, `got true, but ${e.name} serves nothing (${e.plan.intents[0]}); allowed: false, or a serving intent (httpService, tcpService, grpcService)`);
    ok = false;
  }
  const services = exposed.filter((e) => e.plan.service !== undefined);
  if (!ok) return false;
  if (services.length === 0) return undefined;
  const first = services[0];
  const ports: PlannedServicePort[] = [];
  const servicePorts = new Map<number, string>();
  for (const e of services) {
    const s = e.plan.service!;
    if (s.exposure !== first.plan.service!.exposure) {
      c.add(`${e.field}.exposure`, `got ${show(s.exposure)}, but ${first.field} is exposed as ${show(first.plan.service!.exposure)}; allowed: one exposure for the pod's Service`);
      ok = false;
    }
    for (const p of s.ports) {
      const taken = servicePorts.get(p.port);
      if (taken !== undefined) {
        c.add(`${e.field}.servicePort`, `got ${p.port}, the Service port of ${taken} too; allowed: a servicePort unique in the Service`);
        ok = false;
      } else servicePorts.set(p.port, e.field);
      ports.push(p);
    }
  }
  return ok ? { exposure: first.plan.service!.exposure, ports } : false;
}

/** Volume names, one list per pod: with several containers each is prefixed by its container (≤ 63 characters, unique). */
export function podVolumes(entries: readonly PlannedEntry[]): PlannedVolume[][] {
  if (entries.length === 1) return [entries[0].plan.volumes];
  const taken = new Set<string>();
  return entries.map((e) => e.plan.volumes.map((v) => {
    const base = `${e.name}-${v.name}`.slice(0, 60).replace(/-+$/, '');
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
    taken.add(name);
    return { ...v, name };
  }));
}

/** What a readiness probe checks, in words, for the traffic gate. */
export function describeCheck(p: ProbeJson): string {
  if (p.httpGet) return `httpGet ${p.httpGet.path ?? '/'} on port ${show(p.httpGet.port)}`;
  if (p.grpc) return `grpc health service ${show(p.grpc.service ?? '')} on port ${p.grpc.port}`;
  if (p.tcpSocket) return `tcpSocket on port ${show(p.tcpSocket.port)}`;
  if (p.exec) return `exec ${show(p.exec.command ?? [])}`;
  return 'no check';
}
