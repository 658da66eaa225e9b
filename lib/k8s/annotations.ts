/**
 * The pod-template annotations the constructs write so that a checker can hold edited YAML to
 * what the team declared. One definition, read by the constructs (writing) and the rules (reading).
 */

/** The project-owned annotation prefix. */
export const ANNOTATION_PREFIX = 'probes.cdk8s.io/';

/** Every annotation key this project writes or reads. */
export const Annotations = Object.freeze({
  /** Comma-separated intent names, e.g. `http-service,slow-start,critical-dependency`. */
  INTENTS: `${ANNOTATION_PREFIX}intents`,
  /** The name of the container the intents describe. */
  CONTAINER: `${ANNOTATION_PREFIX}container`,
  /** Declared worst startup, seconds. */
  WORST_STARTUP_SECONDS: `${ANNOTATION_PREFIX}worst-startup-seconds`,
  /** Declared worst acceptable hang detection, seconds. */
  HANG_DETECTION_SECONDS: `${ANNOTATION_PREFIX}hang-detection-seconds`,
  /** Declared worst health-handler latency, seconds. */
  HANDLER_LATENCY_SECONDS: `${ANNOTATION_PREFIX}handler-latency-seconds`,
  /** Comma-separated critical dependencies (checked by readiness only). */
  CRITICAL_DEPENDENCIES: `${ANNOTATION_PREFIX}critical-dependencies`,
  /** Comma-separated optional dependencies (kept out of every probe). */
  OPTIONAL_DEPENDENCIES: `${ANNOTATION_PREFIX}optional-dependencies`,
  /** Per-resource lint suppression: `rule-id[,rule-id…]: reason`. */
  IGNORE: `${ANNOTATION_PREFIX}ignore`,
});

/** What the annotations of a pod template declare; fields absent when not annotated or unreadable. */
export interface DeclaredIntent {
  /** Intent names. */
  readonly intents: string[];
  /** The container the intents describe. */
  readonly container?: string;
  /** Declared worst startup, seconds. */
  readonly worstStartupSeconds?: number;
  /** Declared hang-detection target, seconds. */
  readonly hangDetectionSeconds?: number;
  /** Declared handler latency, seconds. */
  readonly handlerLatencySeconds?: number;
  /** Critical dependencies. */
  readonly criticalDependencies: string[];
  /** Optional dependencies. */
  readonly optionalDependencies: string[];
}

function list(value: unknown): string[] {
  const out: string[] = [];
  if (typeof value !== 'string') return out;
  const parts = value.split(',');
  for (let i = 0; i < parts.length; i++) {
    const item = parts[i].trim();
    if (item.length > 0) out.push(item);
  }
  return out;
}

function seconds(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  return Number(value);
}

/** Whether any key is one of ours other than the ignore annotation. */
function hasOwnKey(a: Record<string, unknown>): boolean {
  for (const k in a) {
    if (Object.prototype.hasOwnProperty.call(a, k) && k.startsWith(ANNOTATION_PREFIX) && k !== Annotations.IGNORE) return true;
  }
  return false;
}

/** Reads the declared intent from pod-template annotations; undefined when none of ours is there. */
export function readDeclaredIntent(annotations: unknown): DeclaredIntent | undefined {
  if (annotations === null || typeof annotations !== 'object') return undefined;
  const a = annotations as Record<string, unknown>;
  if (!hasOwnKey(a)) return undefined;
  return {
    intents: list(a[Annotations.INTENTS]),
    container: typeof a[Annotations.CONTAINER] === 'string' ? (a[Annotations.CONTAINER] as string) : undefined,
    worstStartupSeconds: seconds(a[Annotations.WORST_STARTUP_SECONDS]),
    hangDetectionSeconds: seconds(a[Annotations.HANG_DETECTION_SECONDS]),
    handlerLatencySeconds: seconds(a[Annotations.HANDLER_LATENCY_SECONDS]),
    criticalDependencies: list(a[Annotations.CRITICAL_DEPENDENCIES]),
    optionalDependencies: list(a[Annotations.OPTIONAL_DEPENDENCIES]),
  };
}

/** Renders a declared intent as annotations (sorted keys, so output is deterministic). */
export function writeDeclaredIntent(d: DeclaredIntent): Record<string, string> {
  const out: Record<string, string> = {};
  out[Annotations.INTENTS] = d.intents.join(',');
  if (d.container !== undefined) out[Annotations.CONTAINER] = d.container;
  if (d.worstStartupSeconds !== undefined) out[Annotations.WORST_STARTUP_SECONDS] = String(d.worstStartupSeconds);
  if (d.hangDetectionSeconds !== undefined) out[Annotations.HANG_DETECTION_SECONDS] = String(d.hangDetectionSeconds);
  if (d.handlerLatencySeconds !== undefined) out[Annotations.HANDLER_LATENCY_SECONDS] = String(d.handlerLatencySeconds);
  if (d.criticalDependencies.length > 0) out[Annotations.CRITICAL_DEPENDENCIES] = d.criticalDependencies.join(',');
  if (d.optionalDependencies.length > 0) out[Annotations.OPTIONAL_DEPENDENCIES] = d.optionalDependencies.join(',');
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
}

/**
 * Several probed containers in one pod. The unprefixed keys above describe the first planned
 * container (the one `probes.cdk8s.io/container` names), so readers that know only them stay
 * right for it. Every further container gets the same keys, in the same formats, under a prefix
 * naming it, after Kubernetes's own per-container annotations
 * (`container.apparmor.security.beta.kubernetes.io/<container>`): `<container>.probes.cdk8s.io/<key>`,
 * e.g. `metrics.probes.cdk8s.io/intents: http-service`. A container name is a DNS-1123 label, so
 * the prefix stays a valid DNS subdomain.
 */
export function containerAnnotationKey(container: string, key: string): string {
  if (!key.startsWith(ANNOTATION_PREFIX)) throw new Error(`not a ${ANNOTATION_PREFIX} key: ${key}`);
  return `${container}.${key}`;
}

const CONTAINER_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.probes\.cdk8s\.io\/(.+)$/;
/** What every key CONTAINER_KEY matches holds. */
const CONTAINER_KEY_INFIX = `.${ANNOTATION_PREFIX}`;

/**
 * Reads every container's declared intent: the unprefixed keys (first container) and each
 * `<container>.probes.cdk8s.io/*` group, in the order written (first container first, then by name).
 */
export function readDeclaredIntents(annotations: unknown): DeclaredIntent[] {
  if (annotations === null || typeof annotations !== 'object') return [];
  const a = annotations as Record<string, unknown>;
  const out: DeclaredIntent[] = [];
  const first = readDeclaredIntent(a);
  if (first) out.push(first);
  let groups: Map<string, Record<string, unknown>> | undefined;
  for (const k in a) {
    // the common case, a pod of one probed container: no key of another container's group
    if (!Object.prototype.hasOwnProperty.call(a, k) || !k.includes(CONTAINER_KEY_INFIX)) continue;
    const m = CONTAINER_KEY.exec(k);
    if (!m) continue;
    groups ??= new Map();
    const group = groups.get(m[1]) ?? {};
    group[`${ANNOTATION_PREFIX}${m[3]}`] = a[k];
    groups.set(m[1], group);
  }
  if (!groups) return out;
  for (const name of [...groups.keys()].sort()) {
    const d = readDeclaredIntent(groups.get(name));
    if (d) out.push({ ...d, container: name });
  }
  return out;
}

/**
 * Renders several containers' declared intents: the first under the unprefixed keys (with
 * `probes.cdk8s.io/container`), the others under `<container>.probes.cdk8s.io/*`. Sorted keys.
 */
export function writeDeclaredIntents(declared: readonly DeclaredIntent[]): Record<string, string> {
  const out: Record<string, string> = {};
  declared.forEach((d, i) => {
    if (i === 0) {
      Object.assign(out, writeDeclaredIntent(d));
      return;
    }
    if (d.container === undefined) throw new Error('a further container\'s declared intent needs its container name');
    for (const [k, v] of Object.entries(writeDeclaredIntent({ ...d, container: undefined }))) out[containerAnnotationKey(d.container, k)] = v;
  });
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
}

/** The intent names, as written in the annotation. */
export enum IntentName {
  HTTP_SERVICE = 'http-service',
  SLOW_START = 'slow-start',
  CRITICAL_DEPENDENCY = 'critical-dependency',
  WORKER = 'worker-no-http',
  TCP_SERVICE = 'tcp-service',
  GRPC_SERVICE = 'grpc-service',
  EXEC = 'exec',
  FAST_RECOVERY = 'fast-recovery',
}
