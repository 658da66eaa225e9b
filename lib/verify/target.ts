/**
 * What `verify` runs: one container's probes, ports, preStop hook, grace period, literal env and the
 * declared intent — read from a manifest file through lib/manifest (the same readers as lint and
 * explain) or from a {@link WorkloadPlan} of the constructs.
 */
import { ContainerJson, ContainerPortJson, ProbeJson } from '../k8s/types';
import { WorkloadPlan } from '../intents/plan';
import { loadPaths, toWorkload, Workload } from '../manifest';
import { DEFAULT_POD_GRACE_SECONDS } from '../timing';
import { Annotations, DeclaredIntent, readDeclaredIntent } from './declared';
import { shown, VerifyInputError } from './errors';

/** The container's preStop hook as verify runs it. */
export interface PreStopSpec {
  /** `sleep`, `exec` or `httpGet`. */
  readonly type: string;
  /** Seconds of a `sleep` hook (or of an exec `sleep N`), when known. */
  readonly sleepSeconds?: number;
  /** The exec command. */
  readonly command?: string[];
  /** The httpGet probe-like action. */
  readonly httpGet?: ProbeJson;
}

/** Everything verify needs about the container under test. */
export interface VerifyTargetData {
  /** `Kind/name` of the workload, or `plan` for a plan. */
  readonly workload: string;
  /** The manifest file, when read from one. */
  readonly file?: string;
  /** The container's name. */
  readonly container: string;
  /** The container's ports. */
  readonly ports: ContainerPortJson[];
  /** startupProbe, as written. */
  readonly startupProbe?: ProbeJson;
  /** livenessProbe, as written. */
  readonly livenessProbe?: ProbeJson;
  /** readinessProbe, as written. */
  readonly readinessProbe?: ProbeJson;
  /** The preStop hook. */
  readonly preStop?: PreStopSpec;
  /** The pod's terminationGracePeriodSeconds (30 when not written). */
  readonly graceSeconds: number;
  /** Literal `env` values of the container (valueFrom entries are listed in {@link skippedEnv}). */
  readonly env: Record<string, string>;
  /** env names whose value comes from elsewhere (secrets, fields): verify cannot set them. */
  readonly skippedEnv: string[];
  /** What the probes.cdk8s.io annotations declare. */
  readonly declared?: DeclaredIntent;
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function readPreStop(container: ContainerJson): PreStopSpec | undefined {
  const pre = asRecord(asRecord(container.lifecycle)?.preStop);
  if (!pre) return undefined;
  const sleep = asRecord(pre.sleep);
  if (sleep && typeof sleep.seconds === 'number') return { type: 'sleep', sleepSeconds: sleep.seconds };
  const exec = asRecord(pre.exec);
  if (exec && Array.isArray(exec.command) && exec.command.every((c) => typeof c === 'string') && exec.command.length > 0) {
    const command = exec.command as string[];
    const m = command.length === 2 && command[0].replace(/^.*\//, '') === 'sleep' ? /^\d+(\.\d+)?$/.exec(command[1]) : null;
    return { type: 'exec', command, sleepSeconds: m ? Number(command[1]) : undefined };
  }
  if (asRecord(pre.httpGet)) return { type: 'httpGet', httpGet: { httpGet: pre.httpGet as ProbeJson['httpGet'] } };
  return undefined;
}

function readEnv(container: ContainerJson): { env: Record<string, string>; skipped: string[] } {
  const env: Record<string, string> = {};
  const skipped: string[] = [];
  const list = (container as Record<string, unknown>).env;
  if (!Array.isArray(list)) return { env, skipped };
  for (const e of list) {
    const r = asRecord(e);
    if (!r || typeof r.name !== 'string') continue;
    if (typeof r.value === 'string') env[r.name] = r.value;
    else if (r.valueFrom !== undefined) skipped.push(r.name);
    else env[r.name] = '';
  }
  return { env, skipped };
}

function pickContainer(w: Workload, name: string | undefined, where: string): ContainerJson {
  const candidates = w.containers.filter((c) => !c.init || c.nativeSidecar).map((c) => c.container);
  const names = candidates.map((c) => (typeof c.name === 'string' ? c.name : '(unnamed)'));
  const annotated = w.podMetadata.annotations?.[Annotations.CONTAINER];
  const wanted = name ?? (typeof annotated === 'string' ? annotated : undefined);
  if (wanted !== undefined) {
    const c = candidates.find((x) => x.name === wanted);
    if (!c) throw new VerifyInputError(`${where}: --container ${shown(wanted)}: no such container; allowed: ${names.map((n) => JSON.stringify(n)).join(', ')}`);
    return c;
  }
  if (candidates.length === 1) return candidates[0];
  throw new VerifyInputError(`${where}: ${candidates.length === 0 ? 'has no container' : `has ${candidates.length} containers (${names.join(', ')}); choose one with --container`}`);
}

/** Reads the target from a manifest file: the workload named `workloadName` (or the only one), its container `containerName` (or the annotated or only one). */
export function targetFromManifest(file: string, workloadName?: string, containerName?: string): VerifyTargetData {
  const loaded = loadPaths([file]);
  if (loaded.errors.length > 0) {
    const e = loaded.errors[0];
    throw new VerifyInputError(`${e.file}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message}`);
  }
  const workloads = loaded.documents.map(toWorkload).filter((w): w is Workload => w !== undefined);
  const describe = (w: Workload) => `${w.kind}/${w.name}`;
  let w: Workload | undefined;
  if (workloadName !== undefined) {
    w = workloads.find((x) => x.name === workloadName || describe(x) === workloadName);
    if (!w) throw new VerifyInputError(`${file}: --workload ${shown(workloadName)}: no such workload; allowed: ${workloads.map(describe).join(', ') || 'the file has no workload'}`);
  } else if (workloads.length === 1) {
    w = workloads[0];
  } else {
    throw new VerifyInputError(`${file}: ${workloads.length === 0 ? 'no workload (Deployment, StatefulSet, DaemonSet, Pod, …) in the file' : `${workloads.length} workloads (${workloads.map(describe).join(', ')}); choose one with --workload`}`);
  }
  const where = `${file}: ${describe(w)}`;
  const c = pickContainer(w, containerName, where);
  const { env, skipped } = readEnv(c);
  const grace = w.podSpec.terminationGracePeriodSeconds;
  if (grace !== undefined && (typeof grace !== 'number' || !Number.isFinite(grace) || grace < 0)) {
    throw new VerifyInputError(`${where}: spec.terminationGracePeriodSeconds = ${shown(grace)}: allowed: a whole number of seconds ≥ 0`);
  }
  return {
    workload: describe(w),
    file,
    container: typeof c.name === 'string' ? c.name : '(unnamed)',
    ports: Array.isArray(c.ports) ? [...c.ports] : [],
    startupProbe: asRecord(c.startupProbe) as ProbeJson | undefined,
    livenessProbe: asRecord(c.livenessProbe) as ProbeJson | undefined,
    readinessProbe: asRecord(c.readinessProbe) as ProbeJson | undefined,
    preStop: readPreStop(c),
    graceSeconds: grace ?? DEFAULT_POD_GRACE_SECONDS,
    env,
    skippedEnv: skipped,
    declared: readDeclaredIntent(w.podMetadata.annotations),
  };
}

/** The target of a plan made by the constructs (lib/intents planWorkload). */
export function targetFromPlan(plan: WorkloadPlan): VerifyTargetData {
  return {
    workload: 'plan',
    container: plan.containerName,
    ports: plan.ports.map((p) => ({ name: p.name, containerPort: p.number })),
    startupProbe: plan.startupProbe,
    livenessProbe: plan.livenessProbe,
    readinessProbe: plan.readinessProbe,
    preStop: plan.preStopSleepSeconds !== undefined ? { type: 'exec', command: ['sleep', String(plan.preStopSleepSeconds)], sleepSeconds: plan.preStopSleepSeconds } : undefined,
    graceSeconds: plan.terminationGracePeriodSeconds,
    env: {},
    skippedEnv: [],
    declared: readDeclaredIntent(plan.annotations),
  };
}
