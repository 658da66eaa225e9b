/**
 * Finding the pod template inside any workload kind, as plain JSON. Shared by the rules and by
 * `explain`, so both agree on what a workload is and where its containers are.
 */
import { ContainerJson, ObjectMetaJson, PodSpecJson } from '../k8s/types';
import { JsonPath, SourceDocument } from './load';
import { asRecord, getPath, oncePerObject } from './record';

/** The kinds whose pods carry probes, and where each keeps its pod template. */
export const WORKLOAD_POD_SPEC_PATHS: Readonly<Record<string, JsonPath>> = Object.freeze({
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
});

/** Where each kind keeps its pod template's metadata (beside the pod spec), worked out once. */
const POD_METADATA_PATHS: Readonly<Record<string, JsonPath>> = Object.fromEntries(
  Object.entries(WORKLOAD_POD_SPEC_PATHS).map(([kind, p]) => [kind, p.slice(0, -1).concat('metadata')]),
);

/** Kinds that run to completion rather than serve. */
export const RUN_TO_COMPLETION_KINDS: ReadonlySet<string> = new Set(['Job', 'CronJob']);

/** A container of a workload, with where it sits. */
export interface WorkloadContainer {
  /** The container as written. */
  readonly container: ContainerJson;
  /** Its path relative to the object, e.g. ['spec','template','spec','containers',0]. */
  readonly path: JsonPath;
  /** An init container (including native sidecars). */
  readonly init: boolean;
  /** A native sidecar: an init container with restartPolicy Always (its probes run). */
  readonly nativeSidecar: boolean;
}

/** A workload object and its pod template, read leniently from plain JSON. */
export interface Workload {
  /** The document it came from. */
  readonly source: SourceDocument;
  /** The object's kind. */
  readonly kind: string;
  /** metadata.name, or `<unnamed>`. */
  readonly name: string;
  /** metadata.namespace, if written. */
  readonly namespace?: string;
  /** The object's metadata. */
  readonly metadata: ObjectMetaJson;
  /** The pod template's metadata (the object's own for a Pod). */
  readonly podMetadata: ObjectMetaJson;
  /** The pod spec. */
  readonly podSpec: PodSpecJson;
  /** Where the pod spec sits, relative to the object. */
  readonly podSpecPath: JsonPath;
  /** spec.replicas where the kind has it (default 1 where it is missing); 1 for a Pod. */
  readonly replicas: number;
  /** The workload's own spec (Deployment spec, …) for fields such as progressDeadlineSeconds. */
  readonly spec: Record<string, unknown>;
  /** Every container that can carry probes: containers, then init containers. */
  readonly containers: WorkloadContainer[];
}


/** Whether an object's kind is one whose pods this library reads. */
export function isWorkloadKind(kind: unknown): kind is string {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(WORKLOAD_POD_SPEC_PATHS, kind);
}

/**
 * Reads a document as a workload; undefined when its kind is not a workload kind or it has no
 * pod spec object. Containers that are not objects are skipped (the API-validation rules report them).
 * Read once per document: the index, the suppression reader and the rules share the same workload.
 */
export const toWorkload: (source: SourceDocument) => Workload | undefined = oncePerObject(readWorkload);

function readWorkload(source: SourceDocument): Workload | undefined {
  const obj = asRecord(source.object);
  if (!obj || !isWorkloadKind(obj.kind)) return undefined;
  const kind = obj.kind;
  const podSpecPath = WORKLOAD_POD_SPEC_PATHS[kind];
  const podSpec = asRecord(getPath(obj, podSpecPath));
  if (!podSpec) return undefined;
  const metadata = (asRecord(obj.metadata) ?? {}) as ObjectMetaJson;
  const podMetadata = (kind === 'Pod' ? metadata : asRecord(getPath(obj, POD_METADATA_PATHS[kind])) ?? {}) as ObjectMetaJson;
  const spec = asRecord(obj.spec) ?? {};
  const replicasRaw = kind === 'Pod' || RUN_TO_COMPLETION_KINDS.has(kind) || kind === 'DaemonSet' ? 1 : spec.replicas;
  const replicas = typeof replicasRaw === 'number' && Number.isFinite(replicasRaw) && replicasRaw >= 0 ? replicasRaw : 1;
  const containers: WorkloadContainer[] = [];
  addContainers(containers, podSpec, podSpecPath, 'containers');
  addContainers(containers, podSpec, podSpecPath, 'initContainers');
  return {
    source,
    kind,
    name: typeof metadata.name === 'string' ? metadata.name : '<unnamed>',
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
    metadata,
    podMetadata,
    podSpec: podSpec as PodSpecJson,
    podSpecPath,
    replicas,
    spec,
    containers,
  };
}

/** Adds the containers of one list of a pod spec that are objects (the API-validation rules report the others). */
function addContainers(out: WorkloadContainer[], podSpec: Record<string, unknown>, podSpecPath: JsonPath, field: 'containers' | 'initContainers'): void {
  const list = podSpec[field];
  if (!Array.isArray(list)) return;
  const init = field === 'initContainers';
  for (let i = 0; i < list.length; i++) {
    const rec = asRecord(list[i]);
    if (!rec) continue;
    out.push({ container: rec as ContainerJson, path: [...podSpecPath, field, i], init, nativeSidecar: init && rec.restartPolicy === 'Always' });
  }
}
