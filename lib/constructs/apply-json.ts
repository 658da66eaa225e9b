/**
 * The JSON side of applying intents to an existing workload: find the pod template and the named
 * containers in the object as rendered, check what is already there against the plan (probes,
 * ports, volumes), and write the plan as RFC 6902 operations. Plain JSON in and out: no cdk8s,
 * no cdk8s-plus, so it works on any ApiObject whatever generated it.
 *
 * Two renderings: an object whose class passes its JSON through a generated `toJson_*` filter
 * (every cdk8s-plus version, `cdk8s import k8s` classes) needs IntOrString ports as
 * `{ value: … }` objects — the filter reads `.value` and drops anything else, raw strings and
 * numbers alike (reference/cdk8s-notes.md, seen again with plus-27 and plus-33); a plain
 * `ApiObject` (Include, Helm) takes the JSON as written.
 */
import { FieldChecks, show } from '../intents/checks';
import { PlannedContainer, PodPlan } from '../intents/pod';
import { ContainerJson, ProbeJson } from '../k8s/types';
import { podGraceSeconds } from '../manifest/grace';
import { declaredPorts } from '../manifest/ports';
import { asRecord, getPath } from '../manifest/record';
import { RUN_TO_COMPLETION_KINDS, WORKLOAD_POD_SPEC_PATHS } from '../manifest/workloads';
import { DEFAULT_PROGRESS_DEADLINE_SECONDS } from '../timing/defaults';

/** One RFC 6902 operation. */
export interface PatchOp {
  readonly op: 'add' | 'test';
  readonly path: string;
  readonly value: unknown;
}

/** Where the pod template sits in an object. */
export interface PodTemplate {
  /** The object's kind. */
  readonly kind: string;
  /** JSON pointer of the pod spec, e.g. `/spec/template/spec`. */
  readonly specPointer: string;
  /** JSON pointer of the pod template's metadata. */
  readonly metaPointer: string;
  /** The pod spec as rendered. */
  readonly spec: Record<string, unknown>;
  /** The pod template's metadata as rendered, if any. */
  readonly meta?: Record<string, unknown>;
}

/** Kinds intents can be applied to: long-running pods behind a template. */
export const APPLY_KINDS: readonly string[] = Object.keys(WORKLOAD_POD_SPEC_PATHS).filter((k) => k !== 'Pod' && !RUN_TO_COMPLETION_KINDS.has(k));

/** A JSON pointer segment (RFC 6901: "~" → "~0", "/" → "~1"). */
export function pointerSegment(s: string | number): string {
  return String(s).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Finds the pod template; records an issue on `workload` when the object has none. */
export function findPodTemplate(object: unknown, path: string, c: FieldChecks): PodTemplate | undefined {
  const o = asRecord(object) ?? {};
  const kind = typeof o.kind === 'string' ? o.kind : undefined;
  if (kind === undefined || !APPLY_KINDS.includes(kind)) {
    const why = kind !== undefined && RUN_TO_COMPLETION_KINDS.has(kind) ? ' (it runs to completion: intents describe long-running containers)' : '';
    c.add('workload', `got ${path}, a ${kind ?? 'object without kind'}${why}; allowed: an object with a pod template, of kind ${APPLY_KINDS.join(', ')}`);
    return undefined;
  }
  const segs = WORKLOAD_POD_SPEC_PATHS[kind] as ReadonlyArray<string>;
  const spec = asRecord(getPath(o, segs));
  if (!spec || !Array.isArray(spec.containers)) {
    c.add('workload', `got ${path}, a ${kind} without a pod template (no ${segs.join('.')}.containers list); allowed: a ${kind} whose ${segs.slice(0, -1).join('.')} holds a pod spec with containers`);
    return undefined;
  }
  const metaPath = [...segs.slice(0, -1), 'metadata'];
  return { kind, specPointer: `/${segs.join('/')}`, metaPointer: `/${metaPath.join('/')}`, spec, meta: asRecord(getPath(o, metaPath)) };
}

/** The index of each named container in `containers`; an issue for each one that is not there. */
export function locateContainer(t: PodTemplate, name: string, field: string, c: FieldChecks): number | undefined {
  const list = t.spec.containers as unknown[];
  const i = list.findIndex((x) => asRecord(x)?.name === name);
  if (i >= 0) return i;
  const names = list.map((x) => asRecord(x)?.name).filter((n) => typeof n === 'string') as string[];
  const inInit = Array.isArray(t.spec.initContainers) && (t.spec.initContainers as unknown[]).some((x) => asRecord(x)?.name === name);
  c.add(field, `got ${show(name)}, which is not a container of the pod template${inInit ? ' (it is an init container: probes run on containers only in Kubernetes 1.27)' : ''}; allowed: one of ${names.length > 0 ? names.map((n) => show(n)).join(', ') : '(none: the pod template has no named containers)'}`);
  return undefined;
}

/** Whether the container's root filesystem is read-only as written (the API's default: writable). */
export function readOnlyRootFilesystem(container: unknown): boolean {
  return asRecord(asRecord(container)?.securityContext)?.readOnlyRootFilesystem === true;
}

/** Plain probe JSON in the shape the object's rendering keeps. */
export function probeValue(p: ProbeJson, filtered: boolean): Record<string, unknown> {
  const port = (x: unknown) => (filtered ? { value: x } : x);
  const out: Record<string, unknown> = { ...p };
  if (p.httpGet) out.httpGet = { ...p.httpGet, port: port(p.httpGet.port) };
  if (p.tcpSocket) out.tcpSocket = { ...p.tcpSocket, port: port(p.tcpSocket.port) };
  return out;
}

/** JSON with object keys sorted, for comparing what was written with what was planned. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (asRecord(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x));
}

const PROBE_FIELDS = ['startupProbe', 'livenessProbe', 'readinessProbe'] as const;

/**
 * cdk8s-plus adds `startupProbe: { tcpSocket: { port: N }, failureThreshold: 3 }` to a container
 * with `portNumber` and no startup probe: its default, not the user's choice, so the plan replaces it.
 */
function isPlusImplicitStartup(probe: unknown, container: Record<string, unknown>): boolean {
  const p = asRecord(probe);
  const tcp = asRecord(p?.tcpSocket);
  if (!p || !tcp || Object.keys(p).sort().join() !== 'failureThreshold,tcpSocket' || p.failureThreshold !== 3) return false;
  const ports = Array.isArray(container.ports) ? container.ports : [];
  return ports.some((x) => asRecord(x)?.containerPort === tcp.port);
}

/** Options of {@link containerOps}. */
export interface ContainerOpsOptions {
  /** The object passes a generated toJson filter (cdk8s-plus, imported classes). */
  readonly filtered: boolean;
  /** Replace probes the container already has. */
  readonly replaceExistingProbes: boolean;
  /** Volume names the pod already has (updated as volumes are planned). */
  readonly takenVolumes: Set<string>;
  /** The other containers' ports (number and name), which the plan must not reuse. */
  readonly otherPorts: ReadonlyArray<{ readonly number?: number; readonly name?: string; readonly container: string }>;
}

function portOps(base: string, container: Record<string, unknown>, planned: PlannedContainer, o: ContainerOpsOptions, c: FieldChecks): PatchOp[] {
  const ops: PatchOp[] = [];
  const existing = (Array.isArray(container.ports) ? container.ports : []).map((x) => asRecord(x) ?? {});
  const fresh: Array<Record<string, unknown>> = [];
  for (const p of planned.ports) {
    const clash = o.otherPorts.find((x) => x.number === p.number || x.name === p.name);
    if (clash) {
      c.add('ports', `the plan declares port ${p.number} named ${show(p.name)}, but container ${show(clash.container)} already has ${clash.number === p.number ? `port ${p.number}` : `a port named ${show(p.name)}`}; allowed: a port number and name no other container of the pod uses (set port / portName in the intent)`);
      continue;
    }
    const i = existing.findIndex((x) => x.containerPort === p.number);
    if (i >= 0 && existing[i].name === undefined) ops.push({ op: 'add', path: `${base}/ports/${i}/name`, value: p.name });
    else if (i >= 0 && existing[i].name !== p.name) {
      c.add('ports', `the plan names port ${p.number} ${show(p.name)}, but container ${show(planned.name)} declares it as ${show(existing[i].name)}; allowed: portName (or managementPortName) ${show(existing[i].name)} in the intent, since the probes refer to the port by name`);
    } else if (i < 0) {
      const named = existing.find((x) => x.name === p.name);
      if (named) c.add('ports', `the plan declares port ${show(p.name)} as ${p.number}, but container ${show(planned.name)} declares ${show(p.name)} as ${show(named.containerPort)}; allowed: the container's port number in the intent, or another port name`);
      else fresh.push({ containerPort: p.number, name: p.name });
    }
  }
  if (fresh.length === 0) return ops;
  if (!Array.isArray(container.ports)) return [...ops, { op: 'add', path: `${base}/ports`, value: fresh }];
  return [...ops, ...fresh.map((value) => ({ op: 'add' as const, path: `${base}/ports/-`, value }))];
}

function probeOps(base: string, container: Record<string, unknown>, planned: PlannedContainer, o: ContainerOpsOptions, c: FieldChecks): PatchOp[] {
  const ops: PatchOp[] = [];
  for (const field of PROBE_FIELDS) {
    const want = planned[field];
    const have = container[field];
    const conflict = have !== undefined && canonical(have) !== canonical(probeValue(want, false))
      && !o.replaceExistingProbes && !(field === 'startupProbe' && o.filtered && isPlusImplicitStartup(have, container));
    if (conflict) {
      c.add(field, `container ${show(planned.name)} already has ${field} ${canonical(have)}, which differs from the planned ${canonical(probeValue(want, false))}; allowed: remove it from the workload, or replaceExistingProbes: true to let the intents decide`);
      continue;
    }
    ops.push({ op: 'add', path: `${base}/${field}`, value: probeValue(want, o.filtered) });
  }
  return ops;
}

function volumeOps(t: PodTemplate, base: string, container: Record<string, unknown>, planned: PlannedContainer, o: ContainerOpsOptions): PatchOp[] {
  const mounts = (Array.isArray(container.volumeMounts) ? container.volumeMounts : []).map((x) => asRecord(x) ?? {});
  const volumes: Array<Record<string, unknown>> = [];
  const newMounts: Array<Record<string, unknown>> = [];
  for (const v of planned.volumes) {
    if (mounts.some((m) => m.mountPath === v.mountPath)) continue; // the workload already mounts something there
    // a name the pod already uses: the container's name in front, then a number
    const prefixed = v.name.startsWith(`${planned.name}-`) ? v.name : `${planned.name}-${v.name}`.slice(0, 60).replace(/-+$/, '');
    let name = o.takenVolumes.has(v.name) ? prefixed : v.name;
    for (let i = 2; o.takenVolumes.has(name); i++) name = `${prefixed.slice(0, 58)}-${i}`;
    o.takenVolumes.add(name);
    volumes.push({ name, emptyDir: {} });
    newMounts.push({ name, mountPath: v.mountPath });
  }
  const ops: PatchOp[] = [];
  if (volumes.length === 0) return ops;
  if (Array.isArray(t.spec.volumes)) ops.push(...volumes.map((value) => ({ op: 'add' as const, path: `${t.specPointer}/volumes/-`, value })));
  else ops.push({ op: 'add', path: `${t.specPointer}/volumes`, value: volumes });
  if (Array.isArray(container.volumeMounts)) ops.push(...newMounts.map((value) => ({ op: 'add' as const, path: `${base}/volumeMounts/-`, value })));
  else ops.push({ op: 'add', path: `${base}/volumeMounts`, value: newMounts });
  return ops;
}

function preStopOps(base: string, container: Record<string, unknown>, planned: PlannedContainer): PatchOp[] {
  if (planned.preStopSleepSeconds === undefined) return [];
  const lifecycle = asRecord(container.lifecycle);
  // the workload's own preStop hook wins: it knows how the app shuts down
  if (lifecycle?.preStop !== undefined) return [];
  const preStop = { exec: { command: ['sleep', String(planned.preStopSleepSeconds)] } };
  return lifecycle ? [{ op: 'add', path: `${base}/lifecycle/preStop`, value: preStop }] : [{ op: 'add', path: `${base}/lifecycle`, value: { preStop } }];
}

/**
 * The operations for one container at `index`: a test that it is still the container named
 * (a later edit that moves it fails synth instead of patching another container), its ports,
 * probes, writable volumes and preStop hook. Conflicts are recorded on `c`.
 */
export function containerOps(t: PodTemplate, index: number, planned: PlannedContainer, o: ContainerOpsOptions, c: FieldChecks): PatchOp[] {
  const base = `${t.specPointer}/containers/${index}`;
  const container = asRecord((t.spec.containers as unknown[])[index]) ?? {};
  return [
    { op: 'test', path: `${base}/name`, value: planned.name },
    ...portOps(base, container, planned, o, c),
    ...probeOps(base, container, planned, o, c),
    ...volumeOps(t, base, container, planned, o),
    ...preStopOps(base, container, planned),
  ];
}

/** Pod-level operations: the grace period and rollout deadline, raised when the plan needs more, never lowered. */
export function podOps(object: Record<string, unknown>, t: PodTemplate, plan: PodPlan): PatchOp[] {
  const ops: PatchOp[] = [];
  if (podGraceSeconds(t.spec) < plan.terminationGracePeriodSeconds) {
    ops.push({ op: 'add', path: `${t.specPointer}/terminationGracePeriodSeconds`, value: plan.terminationGracePeriodSeconds });
  }
  const deadline = asRecord(object.spec)?.progressDeadlineSeconds;
  const current = typeof deadline === 'number' ? deadline : DEFAULT_PROGRESS_DEADLINE_SECONDS;
  if (t.kind === 'Deployment' && current < plan.progressDeadlineSeconds) {
    ops.push({ op: 'add', path: '/spec/progressDeadlineSeconds', value: plan.progressDeadlineSeconds });
  }
  return ops;
}

/** Operations writing the annotations into the pod template's metadata (created when missing). */
export function annotationOps(t: PodTemplate, annotations: Record<string, string>): PatchOp[] {
  if (!t.meta) return [{ op: 'add', path: t.metaPointer, value: { annotations } }];
  if (!asRecord(t.meta.annotations)) return [{ op: 'add', path: `${t.metaPointer}/annotations`, value: annotations }];
  return Object.entries(annotations).map(([k, value]) => ({ op: 'add', path: `${t.metaPointer}/annotations/${pointerSegment(k)}`, value }));
}

/** A container's other ports, for clash checks against the plan. */
export function portsOf(container: unknown): Array<{ number?: number; name?: string; container: string }> {
  const name = asRecord(container)?.name;
  return declaredPorts(container).map((p) => ({ number: p.containerPort, name: p.name, container: typeof name === 'string' ? name : '(unnamed)' }));
}

/**
 * What the rendered object lost of the plan (a filter that dropped a field, a later edit that
 * replaced it): one message per difference, empty when everything planned is there.
 */
export function verifyRendered(object: unknown, t: PodTemplate, indices: readonly number[], plan: PodPlan): string[] {
  const out: string[] = [];
  const spec = getPath(object, t.specPointer.split('/').slice(1));
  const meta = getPath(object, t.metaPointer.split('/').slice(1));
  const annotations = asRecord(asRecord(meta)?.annotations) ?? {};
  for (const [k, v] of Object.entries(plan.annotations)) {
    if (annotations[k] !== v) out.push(`pod template annotation ${k}: planned ${show(v)}, written ${show(annotations[k])}`);
  }
  plan.containers.forEach((p, n) => {
    const container = asRecord((asRecord(spec)?.containers as unknown[] | undefined)?.[indices[n]]) as ContainerJson | undefined;
    if (!container || container.name !== p.name) {
      out.push(`container ${show(p.name)} is no longer at index ${indices[n]} of the pod template (it holds ${show(container?.name)}); allowed: apply intents after adding every container`);
      return;
    }
    for (const field of PROBE_FIELDS) {
      const want = canonical(probeValue(p[field], false));
      const have = canonical((container as Record<string, unknown>)[field]);
      if (want !== have) out.push(`container ${show(p.name)} ${field}: planned ${want}, written ${have ?? 'nothing'}`);
    }
  });
  return out;
}
