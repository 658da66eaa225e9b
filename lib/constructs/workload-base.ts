/**
 * The shared workload base: every shape (Deployment, StatefulSet, DaemonSet) checks its props,
 * plans its probes and renders the plan into a cdk8s-plus workload here, the way cdk8s-plus's
 * `Workload` serves Deployment, StatefulSet and DaemonSet. A shape only creates its workload
 * object, its own extra objects, and checks its own props.
 *
 * Internal: the public surface is the shapes (probed-workload.ts, probed-stateful-set.ts,
 * probed-daemon-set.ts) and their props (workload-props.ts).
 */
import { ApiObject, Chart, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { FieldChecks, PlanIssue } from '../intents/checks';
import { Intent, ServiceExposure } from '../intents/intent';
import { planWorkload, PlannedServicePort, PlannedVolume, WorkloadPlan } from '../intents/plan';
import { ProbeJson } from '../k8s/types';
import {
  checkAnnotations, checkEnum, checkEnvFrom, checkEnvVariables, checkExtraPorts, checkLabels, checkNamespace,
  checkServiceAccount, checkStrings, checkVolumeMounts, NAME_LABEL,
} from './parity-checks';
import { checkEnv, checkImage, checkPassThrough, checkPropsObject, objectOrUndefined } from './props-checks';
import { renderProbe } from './render-probe';
import { checkRenders } from './render-check';
import { synthRuleProblems } from './synth-rules';
import { workloadName } from './workload-name';
import { ExtraPort, ProbedWorkloadBaseProps } from './workload-props';

export { NAME_LABEL } from './parity-checks';

/** What a shape tells the base. */
export interface ShapeOptions {
  /** The replicas the plan is sized for (undefined: the shape has none, or an autoscaler owns them). */
  readonly replicas?: number;
  /** Whether the plan's progress deadline is used (Deployment only). */
  readonly progressDeadlineSeconds?: number;
}

/** The workloads of each chart by namespace and name, to report two with one name. */
const NAMES_BY_CHART = new WeakMap<Construct, Map<string, Construct[]>>();

/** Plans and renders one probed workload; each shape owns one. */
export class WorkloadBase {
  /** Every problem found, reported at synth with the construct's path. */
  public readonly checks = new FieldChecks();
  /** The props as given (an empty object when they are not an object). */
  public readonly props: Partial<ProbedWorkloadBaseProps>;
  /** The name of the workload and its Service. */
  public readonly name: string;
  /** The labels of every object. */
  public readonly labels: Record<string, string>;
  /** The namespace given (the chart's applies otherwise). */
  public readonly namespace?: string;
  /** The objects linted at synth (the workload, its Services, …). */
  public readonly objects: Construct[] = [];
  private readonly draftPlan?: WorkloadPlan;
  private readonly planIssues: PlanIssue[];
  /** The extra ports, checked. */
  public readonly extraPorts: ExtraPort[];
  private readonly replacedVolumes: Set<string>;

  constructor(private readonly scope: Construct, props: unknown, shape: ShapeOptions) {
    const c = this.checks;
    const p: Partial<ProbedWorkloadBaseProps> = checkPropsObject(props, c) ? props as ProbedWorkloadBaseProps : {};
    this.props = p;
    const { plan, issues } = planWorkload(p.intents as Intent[], {
      hangDetectionSeconds: p.hangDetectionSeconds,
      handlerLatencySeconds: p.handlerLatencySeconds,
      replicas: shape.replicas,
      gracefulShutdown: p.gracefulShutdown,
      drainSeconds: p.drainSeconds,
      progressDeadlineSeconds: shape.progressDeadlineSeconds,
      containerName: p.containerName,
      imageHasShell: p.imageHasShell,
      readOnlyRootFilesystem: objectOrUndefined(p.securityContext)?.readOnlyRootFilesystem,
    });
    this.draftPlan = plan;
    this.planIssues = issues;
    checkImage(p.image, c);
    checkEnv(p.env, c);
    checkPassThrough(p as { readonly [field: string]: unknown }, ['resources', 'securityContext', 'podSecurityContext'], c);
    if (p.lintAtSynth !== undefined) c.flag('lintAtSynth', p.lintAtSynth);
    this.checkParity(p);
    this.extraPorts = checkExtraPorts(p.extraPorts, plan?.ports ?? [], plan?.service !== undefined, c);
    this.replacedVolumes = checkVolumeMounts(p.volumeMounts, plan?.volumes ?? [], c);
    this.name = workloadName(scope, p.name, plan?.service !== undefined, c);
    this.namespace = typeof p.namespace === 'string' ? p.namespace : undefined;
    this.labels = { ...(typeof p.labels === 'object' ? p.labels : {}), [NAME_LABEL]: this.name };
    this.registerName();
    // reported at synth with this construct's path; no YAML is written while any remains
    scope.node.addValidation({ validate: () => this.issues().map((i) => `${i.field}: ${i.message}`) });
    // the synth rules over what each synth writes, escape-hatch edits included (render-check.ts)
    if (p.lintAtSynth ?? true) checkRenders(scope, { members: () => this.objects, check: (renders) => (this.plan ? synthRuleProblems(renders) : []) });
  }

  private checkParity(p: Partial<ProbedWorkloadBaseProps>): void {
    const c = this.checks;
    checkNamespace(p.namespace, c);
    checkLabels(p.labels, c);
    checkAnnotations('annotations', p.annotations, false, c);
    checkAnnotations('podAnnotations', p.podAnnotations, true, c);
    checkStrings('command', p.command, c);
    checkStrings('args', p.args, c);
    checkEnum('imagePullPolicy', p.imagePullPolicy, kplus.ImagePullPolicy, 'ImagePullPolicy', c);
    checkEnvVariables(p.envVariables, p.env, c);
    checkEnvFrom(p.envFrom, c);
    checkServiceAccount(p.serviceAccount, c);
    if (p.automountServiceAccountToken !== undefined) c.flag('automountServiceAccountToken', p.automountServiceAccountToken);
  }

  /** Every issue: the checks', the plan's, and a duplicate name. */
  public issues(): PlanIssue[] {
    return [...this.checks.issues, ...this.planIssues, ...this.duplicateName()];
  }

  /** The emptyDirs the plan mounts for probe files (known even while other input is wrong). */
  public get plannedVolumes(): PlannedVolume[] {
    return this.draftPlan?.volumes ?? [];
  }

  /** The plan, when every input holds (shape checks included); read after the shape's checks. */
  public get plan(): WorkloadPlan | undefined {
    return this.checks.issues.length === 0 && this.planIssues.length === 0 ? this.draftPlan : undefined;
  }

  /**
   * The cdk8s-plus WorkloadProps every shape passes to its workload, with the shape's own props
   * (`shape`) added. Object.assign, not `{ ...workloadProps(), replicas }`: on Node 20 a spread
   * followed by more properties is the slow path (see plan.ts withTiming).
   */
  public workloadProps<T extends object>(shape: T): kplus.WorkloadProps & T {
    const p = this.props;
    const plan = this.plan;
    const podAnnotations = { ...(p.podAnnotations ?? {}), ...(plan?.annotations ?? {}) };
    return Object.assign({
      metadata: { name: this.name, labels: this.labels, annotations: p.annotations, namespace: this.namespace },
      podMetadata: { labels: this.labels, annotations: Object.keys(podAnnotations).length > 0 ? podAnnotations : undefined },
      terminationGracePeriod: plan ? Duration.seconds(plan.terminationGracePeriodSeconds) : undefined,
      serviceAccount: p.serviceAccount,
      automountServiceAccountToken: p.automountServiceAccountToken,
      securityContext: objectOrUndefined(p.podSecurityContext),
    }, shape);
  }

  /** Adds the app container to `workload` and, when the input holds, patches in the planned probes. */
  public renderContainer(workload: kplus.Workload): kplus.Container {
    this.objects.push(workload);
    const p = this.props;
    const plan = this.plan;
    const env = plan && p.env ? p.env : {};
    const vars = plan && p.envVariables ? p.envVariables : {};
    const container = workload.addContainer({
      name: plan?.containerName ?? 'app',
      image: typeof p.image === 'string' ? p.image : '',
      command: plan ? p.command : undefined,
      args: plan ? p.args : undefined,
      imagePullPolicy: plan ? p.imagePullPolicy : undefined,
      ports: plan ? [
        ...plan.ports.map((x) => ({ number: x.number, name: x.name })),
        ...this.extraPorts.map((x) => ({ number: x.number, name: x.name, protocol: x.protocol })),
      ] : [],
      envVariables: {
        ...Object.fromEntries(Object.keys(env).sort().map((k) => [k, kplus.EnvValue.fromValue(env[k])])),
        ...Object.fromEntries(Object.keys(vars).sort().map((k) => [k, vars[k]])),
      },
      envFrom: plan ? p.envFrom : undefined,
      volumeMounts: plan ? p.volumeMounts : undefined,
      resources: objectOrUndefined(p.resources),
      securityContext: objectOrUndefined(p.securityContext),
      lifecycle: plan?.preStopSleepSeconds !== undefined
        ? { preStop: kplus.Handler.fromCommand(['sleep', String(plan.preStopSleepSeconds)]) }
        : undefined,
    });
    if (plan) this.renderPlan(workload, container, plan);
    return container;
  }

  private renderPlan(workload: kplus.Workload, container: kplus.Container, plan: WorkloadPlan): void {
    for (const v of plan.volumes) {
      if (this.replacedVolumes.has(v.name)) continue;
      container.mount(v.mountPath, kplus.Volume.fromEmptyDir(this.scope, `volume-${v.name}`, v.name));
    }
    // cdk8s-plus-27 cannot express named probe ports, gRPC probes or a probe-level grace period,
    // so the probes are rendered from the plan and patched into the app container (index 0).
    // None sets the probe `host` field: the kubelet probes the pod IP (the node's IP under
    // hostNetwork), and Pod Security baseline forbids `host` from Kubernetes 1.34 (KEP-4940).
    const patch = (field: string, probe: ProbeJson) =>
      ApiObject.of(workload).addJsonPatch(JsonPatch.add(`/spec/template/spec/containers/0/${field}`, renderProbe(probe)));
    patch('startupProbe', plan.startupProbe);
    patch('livenessProbe', plan.livenessProbe);
    patch('readinessProbe', plan.readinessProbe);
  }

  /** The Service ports: the plan's serving port and the extra ports marked exposed. */
  public servicePorts(plan: WorkloadPlan): PlannedServicePort[] {
    return [
      ...(plan.service?.ports ?? []),
      ...this.extraPorts.filter((x) => x.exposed).map((x) => ({ name: x.name, port: x.number, targetPort: x.number })),
    ];
  }

  /**
   * Adds a Service selecting `workload`'s pods. `headless` writes clusterIP: None (with
   * publishNotReadyAddresses when it only gives a StatefulSet's pods their identities).
   */
  public addService(scope: Construct, id: string, name: string, exposure: ServiceExposure, ports: PlannedServicePort[], identities = false): kplus.Service {
    const type = exposure === ServiceExposure.NODE_PORT ? kplus.ServiceType.NODE_PORT
      : exposure === ServiceExposure.LOAD_BALANCER ? kplus.ServiceType.LOAD_BALANCER : kplus.ServiceType.CLUSTER_IP;
    const service = new kplus.Service(scope, id, {
      metadata: { name, labels: this.labels, namespace: this.namespace },
      type,
      clusterIP: exposure === ServiceExposure.HEADLESS ? 'None' : undefined,
      ports: ports.map((x) => ({ name: x.name, port: x.port, targetPort: x.targetPort, nodePort: x.nodePort })),
    });
    if (identities) {
      ApiObject.of(service).addJsonPatch(JsonPatch.add('/spec/publishNotReadyAddresses', true));
    }
    this.objects.push(service);
    return service;
  }

  private registerName(): void {
    const chart = Chart.of(this.scope);
    const names = NAMES_BY_CHART.get(chart) ?? new Map<string, Construct[]>();
    NAMES_BY_CHART.set(chart, names);
    const key = this.nameKey();
    names.set(key, [...(names.get(key) ?? []), this.scope]);
  }

  private nameKey(): string {
    return `${this.namespace ?? Chart.of(this.scope).namespace ?? ''}/${this.name}`;
  }

  private duplicateName(): PlanIssue[] {
    const same = NAMES_BY_CHART.get(Chart.of(this.scope))?.get(this.nameKey()) ?? [];
    if (same.length < 2 || same[0] === this.scope) return [];
    return [{
      field: 'name',
      message: `got ${JSON.stringify(this.name)}, the name of ${same[0].node.path} in the same chart and namespace; allowed: a name no other workload of the namespace has (two workloads or Services with one name overwrite each other)`,
    }];
  }
}
