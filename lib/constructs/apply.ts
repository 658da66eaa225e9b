/**
 * Intents on what a team already has: `ProbeIntents.applyTo(workload, { container, intents })`
 * plans the named containers of an existing workload with the same pipeline as `ProbedWorkload`
 * (lib/intents planPod → planWorkload per container) and writes the plan into the object through
 * JSON patches. The workload is any construct whose default child is an ApiObject with a pod
 * template — a Deployment, StatefulSet or DaemonSet of any cdk8s-plus version, an object from
 * `Include` or `Helm`, a class from `cdk8s import k8s`, a hand-built ApiObject — so nothing in
 * the signature is a cdk8s-plus type. Bad input, a missing container or pod template, probes
 * that conflict, and anything a later edit or a toJson filter lost are synth errors naming this
 * construct's path.
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { FieldChecks, PlanIssue, show } from '../intents/checks';
import { Intent } from '../intents/intent';
import { readDeclaredIntents, writeDeclaredIntents } from '../k8s/annotations';
import { ContainerIntents, planPod, PodPlan } from '../intents/pod';
import {
  annotationOps, containerOps, findPodTemplate, locateContainer, PatchOp, PodTemplate, podOps, portsOf, readOnlyRootFilesystem,
  verifyRendered,
} from './apply-json';
import { checkRenders } from './render-check';
import { synthRuleProblems } from './synth-rules';

/** One container of an existing workload and what it is. */
export interface ExistingContainerIntents {
  /** The container's name in the workload's pod template. */
  readonly container: string;
  /**
   * What the container is: exactly one of `Intent.httpService`, `Intent.tcpService`,
   * `Intent.grpcService`, `Intent.worker`, plus any of `Intent.slowStart`,
   * `Intent.criticalDependencies`, `Intent.command`, `Intent.fastRecovery`.
   */
  readonly intents: Intent[];
  /**
   * The worst acceptable time to notice the container hanging.
   * @default - liveness P = 10, F = 3
   */
  readonly hangDetectionSeconds?: number;
  /**
   * The health handler's worst latency.
   * @default 1 (0.5 with fast recovery)
   */
  readonly handlerLatencySeconds?: number;
  /**
   * Whether the image has a POSIX shell with `date`, `stat` and `sleep`.
   * @default true
   */
  readonly imageHasShell?: boolean;
}

/** Properties of {@link ProbeIntents}. */
export interface ProbeIntentsProps extends ExistingContainerIntents {
  /**
   * Further containers of the same pod with their own intents (a sidecar, a second server).
   * All containers are planned together: ports, port names and volume names unique in the pod,
   * the grace period and rollout deadline covering every container.
   * @default - none
   */
  readonly additionalContainers?: ExistingContainerIntents[];
  /**
   * A preStop sleep for each serving container (unless it already has a preStop hook) and a
   * grace period covering it plus `drainSeconds`.
   * @default true
   */
  readonly gracefulShutdown?: boolean;
  /**
   * Seconds to finish in-flight work after the preStop sleep.
   * @default 15
   */
  readonly drainSeconds?: number;
  /**
   * A rollout deadline the plan must fit in. The workload's own progressDeadlineSeconds is
   * raised when the plan needs more, never lowered.
   * @default - what the slowest container's startup budget needs (at least 600)
   */
  readonly progressDeadlineSeconds?: number;
  /**
   * Replace probes the containers already have. Without it, a probe that differs from the plan
   * is a synth error; cdk8s-plus's implicit TCP startup probe (added to a container with
   * `portNumber` and no startup probe) is always replaced.
   * @default false
   */
  readonly replaceExistingProbes?: boolean;
  /**
   * Run the rules `ProbedWorkload` runs at synth over the workload as rendered, for the
   * containers given here, and fail synth on a finding.
   * @default true
   */
  readonly lintAtSynth?: boolean;
}

/** A container given to {@link ProbeIntents} with the field its issues are reported under. */
interface Declared {
  readonly given: ExistingContainerIntents;
  /** The field naming the container. */
  readonly field: string;
  /** The prefix of conflicts found in the container as written. */
  readonly scope: string;
}

/**
 * Set on props built from a shape's `sidecars` prop (apply-sidecars.ts): fields are then named
 * `sidecars[i]…` as the user wrote them, and each entry's `exposeViaService` is read.
 * Not part of the public API.
 */
export const SIDECAR_PROPS: unique symbol = Symbol('cdk8s-probes.sidecar-props');

/** Props as the sidecar helper builds them. */
export type SidecarApplyProps = ProbeIntentsProps & { readonly [SIDECAR_PROPS]?: boolean };

/** Renames the pod planner's `containers[i] (name)` fields to this construct's props. */
function propsField(field: string, sidecars: boolean): string {
  const m = /^containers\[(\d+)\]( \([^)]*\))?(\.(.*))?$/.exec(field);
  if (!m) return field;
  const i = Number(m[1]);
  if (sidecars) return `sidecars[${i}]${m[2] ?? ''}${m[3] ?? ''}`;
  const rest = m[4] === 'name' ? 'container' : m[4];
  const head = i === 0 ? '' : `additionalContainers[${i - 1}]${m[2] ?? ''}`;
  return [head, rest ?? (i === 0 ? 'container' : '')].filter((s) => s).join('.');
}

function apiObjectOf(workload: Construct, c: FieldChecks): ApiObject | undefined {
  try {
    return ApiObject.of(workload);
  } catch {
    c.add('workload', `got ${workload.node.path}, which is neither an ApiObject nor a construct whose default child is one; allowed: a Deployment, StatefulSet or DaemonSet of any cdk8s-plus version, or an ApiObject with a pod template (from Include, Helm or cdk8s import)`);
    return undefined;
  }
}

/** Whether the object's class passes its JSON through a generated `toJson_*` filter. */
function passesGeneratedFilter(o: ApiObject): boolean {
  let proto = Object.getPrototypeOf(o);
  while (proto && !Object.prototype.hasOwnProperty.call(proto, 'toJson')) proto = Object.getPrototypeOf(proto);
  return proto !== ApiObject.prototype;
}

/**
 * Containers of the pod whose intents are already declared (a ProbedWorkload's app container,
 * an earlier application) keep their annotations; the ones planned here follow them under
 * `<container>.probes.cdk8s.io/*`. A container declared twice is an error.
 */
function withDeclaredBefore(t: PodTemplate, plan: PodPlan, declared: Declared[], c: FieldChecks): PodPlan | undefined {
  const first = (t.spec.containers as Array<{ name?: unknown }>)[0]?.name;
  const before = readDeclaredIntents(t.meta?.annotations);
  if (before.length === 0) return plan;
  let ok = true;
  declared.forEach((d) => {
    const mine = before.find((b) => (b.container ?? first) === d.given.container);
    if (!mine) return;
    c.add(d.field, `got ${show(d.given.container)}, whose intents the pod template already declares (${mine.intents.join(',')}, in its probes.cdk8s.io/* annotations); allowed: a container without declared intents — change its intents where they were declared`);
    ok = false;
  });
  return ok ? { ...plan, annotations: writeDeclaredIntents([...before, ...readDeclaredIntents(plan.annotations)]) } : undefined;
}

/**
 * Intents applied to the containers of an existing workload: probes, ports, writable volumes,
 * preStop hooks, grace period, rollout deadline and the `probes.cdk8s.io/*` annotations, written
 * through JSON patches. Use `ProbeIntents.applyTo(workload, props)`.
 */
export class ProbeIntents extends Construct {
  /**
   * Applies intents to a container (and `additionalContainers`) of an existing workload: a
   * cdk8s-plus Deployment / StatefulSet / DaemonSet (any plus version), or any ApiObject with a
   * pod template (Include, Helm, imported classes). Call it after the workload's containers exist.
   */
  public static applyTo(workload: Construct, props: ProbeIntentsProps): ProbeIntents {
    let id = 'probe-intents';
    for (let i = 2; workload.node.tryFindChild(id) !== undefined; i++) id = `probe-intents-${i}`;
    return new ProbeIntents(workload, id, props);
  }

  /** The plan written into the workload; undefined when the input is invalid (synth then fails with every problem). */
  public readonly plan?: PodPlan;
  /** The ApiObject the patches went to; undefined when the workload has none. */
  public readonly apiObject?: ApiObject;

  private readonly issues: PlanIssue[];

  /** Prefer {@link ProbeIntents.applyTo}; `workload` is the scope, and the object patched. */
  constructor(workload: Construct, id: string, props: ProbeIntentsProps) {
    super(workload, id);
    const c = new FieldChecks();
    this.checkSingle(workload, c);
    const p: Partial<ProbeIntentsProps> = c.record('props', props) ? props : {};
    this.apiObject = apiObjectOf(workload, c);
    if (p.lintAtSynth !== undefined) c.flag('lintAtSynth', p.lintAtSynth);
    const applied = this.apiObject ? this.applyIntents(this.apiObject, p, c) : undefined;
    this.issues = c.issues;
    this.plan = this.issues.length === 0 ? applied?.plan : undefined;
    this.node.addValidation({ validate: () => this.issues.map((i) => `${i.field}: ${i.message}`) });
    if (this.plan && applied && this.apiObject) this.checkEachRender(this.apiObject, applied.template, applied.indices, p.lintAtSynth ?? true);
  }

  private checkSingle(workload: Construct, c: FieldChecks): void {
    const first = workload.node.children.find((x) => x instanceof ProbeIntents && x !== this);
    if (first) c.add('workload', `got ${workload.node.path}, whose containers ${first.node.path} already gave intents; allowed: one ProbeIntents per workload, with every container in one call (additionalContainers)`);
  }

  private declared(p: Partial<ProbeIntentsProps>, c: FieldChecks): Declared[] | undefined {
    const extra = p.additionalContainers ?? [];
    if (!Array.isArray(extra)) {
      c.add('additionalContainers', `got ${show(extra)}; allowed: a list of { container, intents }`);
      return undefined;
    }
    if ((p as SidecarApplyProps)[SIDECAR_PROPS]) {
      return [p as ExistingContainerIntents, ...extra].map((x, i) => ({ given: x, field: `sidecars[${i}].name`, scope: `sidecars[${i}] (${String(x.container)})` }));
    }
    const out: Declared[] = [{ given: p as ExistingContainerIntents, field: 'container', scope: 'container' }];
    extra.forEach((x, i) => {
      if (!c.record(`additionalContainers[${i}]`, x)) return;
      out.push({ given: x, field: `additionalContainers[${i}].container`, scope: `additionalContainers[${i}] (${String(x.container)})` });
    });
    return out;
  }

  private applyIntents(obj: ApiObject, p: Partial<ProbeIntentsProps>, c: FieldChecks): { plan: PodPlan; template: PodTemplate; indices: number[] } | undefined {
    let json: Record<string, unknown>;
    try {
      json = obj.toJson();
    } catch (e) {
      c.add('workload', `got ${obj.node.path}, which cannot be rendered yet (${(e as Error).message}); allowed: a workload whose containers exist before intents are applied`);
      return undefined;
    }
    const template = findPodTemplate(json, obj.node.path, c);
    const declared = this.declared(p, c);
    if (!template || !declared) return undefined;
    const indices = declared.map((d) => (c.dnsLabel(d.field, d.given.container) ? locateContainer(template, d.given.container, d.field, c) : undefined));
    if (c.issues.length > 0) return undefined;
    const containers = template.spec.containers as unknown[];
    const sidecars = (p as SidecarApplyProps)[SIDECAR_PROPS] === true;
    const planned = planPod(declared.map((d, n): ContainerIntents => ({
      name: d.given.container,
      intents: d.given.intents,
      hangDetectionSeconds: d.given.hangDetectionSeconds,
      handlerLatencySeconds: d.given.handlerLatencySeconds,
      imageHasShell: d.given.imageHasShell,
      readOnlyRootFilesystem: readOnlyRootFilesystem(containers[indices[n]!]),
      // a shape's sidecars join its Service only when asked; applied intents create no Service
      exposeViaService: sidecars ? ((d.given as { exposeViaService?: boolean }).exposeViaService ?? false) : undefined,
    })), { gracefulShutdown: p.gracefulShutdown, drainSeconds: p.drainSeconds, progressDeadlineSeconds: p.progressDeadlineSeconds });
    for (const issue of planned.issues) c.add(propsField(issue.field, sidecars), issue.message);
    if (!planned.plan) return undefined;
    const plan = withDeclaredBefore(template, planned.plan, declared, c);
    if (!plan) return undefined;
    const ops = this.patchOps(obj, json, template, plan, indices as number[], p, declared, c);
    if (c.issues.length > 0) return undefined;
    obj.addJsonPatch(...ops.map((o) => (o.op === 'test' ? JsonPatch.test(o.path, o.value) : JsonPatch.add(o.path, o.value))));
    return { plan, template, indices: indices as number[] };
  }

  private patchOps(obj: ApiObject, json: Record<string, unknown>, t: PodTemplate, plan: PodPlan, indices: number[], p: Partial<ProbeIntentsProps>, declared: Declared[], c: FieldChecks): PatchOp[] {
    const filtered = passesGeneratedFilter(obj);
    if (p.replaceExistingProbes !== undefined) c.flag('replaceExistingProbes', p.replaceExistingProbes);
    const containers = t.spec.containers as unknown[];
    const takenVolumes = new Set(((Array.isArray(t.spec.volumes) ? t.spec.volumes : []) as Array<Record<string, unknown>>).map((v) => String(v?.name)));
    const ops: PatchOp[] = [];
    plan.containers.forEach((pc, n) => {
      const otherPorts = containers.filter((_x, i) => i !== indices[n]).flatMap(portsOf);
      ops.push(...containerOps(t, indices[n], pc, { filtered, replaceExistingProbes: p.replaceExistingProbes === true, takenVolumes, otherPorts }, c.at(declared[n].scope)));
    });
    ops.push(...podOps(json, t, plan));
    // a cdk8s-plus workload keeps its pod metadata live: annotations added there survive later
    // additions of the user's own; any other object gets them by JSON patch
    const podMetadata = (this.node.scope as unknown as { podMetadata?: { addAnnotation?: unknown } }).podMetadata;
    if (podMetadata && typeof podMetadata.addAnnotation === 'function' && c.issues.length === 0) {
      for (const [k, v] of Object.entries(plan.annotations)) (podMetadata.addAnnotation as (k: string, v: string) => void).call(podMetadata, k, v);
    } else {
      ops.push(...annotationOps(t, plan.annotations));
    }
    return ops;
  }

  /**
   * Checks each render of the workload as it is written (render-check.ts): the planned fields must
   * survive its toJson filters and later edits, and, unless `lintAtSynth` is false, the synth rules
   * must hold for this workload's intent containers.
   */
  private checkEachRender(obj: ApiObject, t: PodTemplate, indices: readonly number[], lint: boolean): void {
    const plan = this.plan!;
    const ours = new Set(plan.containers.map((x) => x.name));
    checkRenders(this, {
      members: () => [obj],
      renderFailed: (o, e) => `workload: ${o.node.path} cannot be rendered with the intents applied (${e.message}); allowed: edits after ProbeIntents.applyTo that keep every container at its place — apply intents last`,
      check: ([rendered]) => {
        const lost = verifyRendered(rendered, t, indices, plan);
        if (lost.length > 0) return lost.map((m) => `workload: ${m}; allowed: a rendering that keeps the planned fields (a JSON patch value its toJson filter drops, or a later edit, changed them)`);
        return lint ? synthRuleProblems([rendered], (f) => f.container === undefined || ours.has(f.container)) : [];
      },
    });
  }
}
