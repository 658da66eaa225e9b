/**
 * The intent-level construct: what a workload *is* in, a cdk8s-plus-27 Deployment (+ Service)
 * with separate, sized probes out. Planning and every input check live in lib/intents; this file
 * only renders the plan and registers the synth-time validations.
 */
import { ApiObject, Chart, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ProbeJson } from '../k8s/types';
import { FieldChecks, PlanIssue } from '../intents/checks';
import { Intent, ServiceExposure } from '../intents/intent';
import { planWorkload, WorkloadPlan } from '../intents/plan';
import { lintObjects } from '../rules/lint';
import { checkEnv, checkImage, checkPassThrough, checkPropsObject, objectOrUndefined } from './props-checks';
import { renderProbe } from './render-probe';
import { SYNTH_RULES } from './synth-rules';
import { workloadName } from './workload-name';

/** Properties of a {@link ProbedWorkload}. */
export interface ProbedWorkloadProps {
  /** The container image. */
  readonly image: string;
  /**
   * What the workload is: exactly one of `Intent.httpService`, `Intent.tcpService`,
   * `Intent.grpcService`, `Intent.worker`, plus any of `Intent.slowStart`,
   * `Intent.criticalDependencies`, `Intent.command`, `Intent.fastRecovery`.
   */
  readonly intents: Intent[];
  /**
   * metadata.name of the Deployment and Service, and the `app.kubernetes.io/name` label: a
   * DNS-1123 label, starting with a letter when the workload has a Service (DNS-1035), unique
   * among the workloads of its chart.
   * @default - derived from the construct path as cdk8s derives names (`Names.toDnsLabel`), e.g. `shop-orders-c8a1b2c3`
   */
  readonly name?: string;
  /**
   * The app container's name.
   * @default 'app'
   */
  readonly containerName?: string;
  /**
   * Pod replicas.
   * @default 2
   */
  readonly replicas?: number;
  /**
   * The worst acceptable time to notice a hung process; liveness is sized so its worst hang
   * detection, F·P + T, stays within it.
   * @default - liveness P = 10, F = 3 (worst hang detection 30 s + timeout)
   */
  readonly hangDetectionSeconds?: number;
  /**
   * The health handler's worst latency; probe timeouts are this rounded up plus 2 s of headroom
   * (plus 2 s more for exec probes).
   * @default 1 (0.5 with fast recovery)
   */
  readonly handlerLatencySeconds?: number;
  /**
   * A preStop sleep as long as the readiness window and a grace period covering it plus the
   * drain time, so a terminating pod leaves the Service before it stops serving. The preStop hook
   * runs `sleep`; with `imageHasShell: false` no preStop hook is written and the grace period
   * still covers the readiness window plus the drain time.
   * @default true
   */
  readonly gracefulShutdown?: boolean;
  /**
   * Seconds to finish in-flight work after the preStop sleep (part of terminationGracePeriodSeconds).
   * @default 15
   */
  readonly drainSeconds?: number;
  /**
   * Pin the Deployment's progressDeadlineSeconds. It must leave room for the declared worst startup.
   * @default - 600, or more when the startup budget needs it
   */
  readonly progressDeadlineSeconds?: number;
  /**
   * Whether the image has a POSIX shell with `date`, `stat` and `sleep` (busybox, Debian, Alpine,
   * UBI images do). The worker's heartbeat check runs `sh -c` with `date` and `stat`; the
   * graceful-shutdown preStop hook runs `sleep`. Set false for distroless or scratch images: no
   * preStop hook is written, and a worker must give a liveness `Intent.command` running a program
   * the image has (it then serves all three probes); a `sh -c` command is a synth error.
   * @default true
   */
  readonly imageHasShell?: boolean;
  /**
   * Run the error-severity `cdk8s-probes lint` rules, and the warnings listed in README "Bad input"
   * (shared liveness check, timeout ≥ period, undeclared probe ports, …), over what this construct
   * synthesizes — including changes made afterwards through `deployment`, `container`, `service`
   * or JSON patches — and fail synth on a finding. It renders the objects once more per validation
   * (about 1 s per 1,000 workloads, see README "Benchmarks"); turn it off for very large apps
   * that run the rules through the cdk8s validation plugin or `cdk8s-probes lint` instead.
   * @default true
   */
  readonly lintAtSynth?: boolean;
  /**
   * Environment variables of the app container.
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * Container resources.
   * @default - cdk8s-plus-27's defaults
   */
  readonly resources?: kplus.ContainerResources;
  /**
   * Container security context; cdk8s-plus-27's hardened defaults (non-root, read-only root
   * filesystem, no privilege escalation) apply to whatever is not given. Under a read-only root
   * filesystem, the directories of files the probes read (a heartbeat) get an emptyDir.
   * @default - cdk8s-plus-27's hardened defaults
   */
  readonly securityContext?: kplus.ContainerSecurityContextProps;
}

/** The standard label every object of a workload carries. */
const NAME_LABEL = 'app.kubernetes.io/name';

/** The workloads of each chart by name, to report two with one name. */
const NAMES_BY_CHART = new WeakMap<Construct, Map<string, ProbedWorkload[]>>();

/**
 * A Deployment (and a Service, for workloads that serve traffic) whose probes follow from what
 * the workload is. Reach the cdk8s-plus objects through `deployment`, `container` and `service`
 * to add env, volumes, resources or more containers.
 */
export class ProbedWorkload extends Construct {
  /** The Deployment. */
  public readonly deployment: kplus.Deployment;
  /** The app container (the Deployment's first). */
  public readonly container: kplus.Container;
  /** The Service, for workloads that serve traffic; undefined for workers. */
  public readonly service?: kplus.Service;
  /** The plan the objects were rendered from; undefined when the input is invalid (synth then fails with every problem). */
  public readonly plan?: WorkloadPlan;
  /** metadata.name of the Deployment and Service, and the `app.kubernetes.io/name` label value. */
  public readonly workloadName: string;

  constructor(scope: Construct, id: string, props: ProbedWorkloadProps) {
    super(scope, id);
    const c = new FieldChecks();
    const p: Partial<ProbedWorkloadProps> = checkPropsObject(props, c) ? props : {};
    const { plan, issues } = this.planFrom(p);
    checkImage(p.image, c);
    checkEnv(p.env, c);
    checkPassThrough(p as { readonly [field: string]: unknown }, ['resources', 'securityContext'], c);
    if (p.lintAtSynth !== undefined) c.flag('lintAtSynth', p.lintAtSynth);
    this.workloadName = workloadName(this, p.name, plan?.service !== undefined, c);
    const all: PlanIssue[] = [...c.issues, ...issues];
    // reported at synth with this construct's path; no YAML is written while any remains
    this.node.addValidation({ validate: () => [...all, ...this.duplicateName()].map((i) => `${i.field}: ${i.message}`) });
    this.registerName();
    this.plan = all.length === 0 ? plan : undefined;

    const labels = { [NAME_LABEL]: this.workloadName };
    this.deployment = new kplus.Deployment(this, 'deployment', {
      metadata: { name: this.workloadName, labels },
      replicas: this.plan?.replicas,
      progressDeadline: this.plan ? Duration.seconds(this.plan.progressDeadlineSeconds) : undefined,
      terminationGracePeriod: this.plan ? Duration.seconds(this.plan.terminationGracePeriodSeconds) : undefined,
      podMetadata: { labels, annotations: this.plan?.annotations },
    });
    this.container = this.addAppContainer(p, this.plan);
    if (!this.plan) return;
    this.renderPlan(this.plan);
    if (this.plan.service) this.service = this.addService(this.plan, labels);

    // The rules `cdk8s-probes lint` runs, over what this construct synthesizes — including
    // whatever was changed through the escape hatches afterwards. Findings fail synth.
    if (p.lintAtSynth ?? true) this.node.addValidation({ validate: () => this.lintErrors() });
  }

  private planFrom(p: Partial<ProbedWorkloadProps>) {
    return planWorkload(p.intents as Intent[], {
      hangDetectionSeconds: p.hangDetectionSeconds,
      handlerLatencySeconds: p.handlerLatencySeconds,
      replicas: p.replicas,
      gracefulShutdown: p.gracefulShutdown,
      drainSeconds: p.drainSeconds,
      progressDeadlineSeconds: p.progressDeadlineSeconds,
      containerName: p.containerName,
      imageHasShell: p.imageHasShell,
      readOnlyRootFilesystem: objectOrUndefined(p.securityContext)?.readOnlyRootFilesystem,
    });
  }

  private addAppContainer(p: Partial<ProbedWorkloadProps>, plan: WorkloadPlan | undefined): kplus.Container {
    const env = plan && p.env ? p.env : {};
    return this.deployment.addContainer({
      name: plan?.containerName ?? 'app',
      image: typeof p.image === 'string' ? p.image : '',
      ports: (plan?.ports ?? []).map((x) => ({ number: x.number, name: x.name })),
      envVariables: Object.fromEntries(Object.keys(env).sort().map((k) => [k, kplus.EnvValue.fromValue(env[k])])),
      resources: objectOrUndefined(p.resources),
      securityContext: objectOrUndefined(p.securityContext),
      lifecycle: plan?.preStopSleepSeconds !== undefined
        ? { preStop: kplus.Handler.fromCommand(['sleep', String(plan.preStopSleepSeconds)]) }
        : undefined,
    });
  }

  private renderPlan(plan: WorkloadPlan): void {
    for (const v of plan.volumes) {
      this.container.mount(v.mountPath, kplus.Volume.fromEmptyDir(this, `volume-${v.name}`, v.name));
    }
    // cdk8s-plus-27 cannot express named probe ports, gRPC probes or a probe-level grace period,
    // so the probes are rendered from the plan and patched into the app container (index 0).
    const patch = (field: string, probe: ProbeJson) =>
      ApiObject.of(this.deployment).addJsonPatch(JsonPatch.add(`/spec/template/spec/containers/0/${field}`, renderProbe(probe)));
    patch('startupProbe', plan.startupProbe);
    patch('livenessProbe', plan.livenessProbe);
    patch('readinessProbe', plan.readinessProbe);
  }

  private addService(plan: WorkloadPlan, labels: Record<string, string>): kplus.Service {
    return new kplus.Service(this, 'service', {
      metadata: { name: this.workloadName, labels },
      selector: this.deployment,
      type: plan.service!.exposure === ServiceExposure.NODE_PORT ? kplus.ServiceType.NODE_PORT : kplus.ServiceType.CLUSTER_IP,
      ports: plan.service!.ports.map((x) => ({ name: x.name, port: x.port, targetPort: x.targetPort, nodePort: x.nodePort })),
    });
  }

  private registerName(): void {
    const chart = Chart.of(this);
    const names = NAMES_BY_CHART.get(chart) ?? new Map<string, ProbedWorkload[]>();
    NAMES_BY_CHART.set(chart, names);
    names.set(this.workloadName, [...(names.get(this.workloadName) ?? []), this]);
  }

  private duplicateName(): PlanIssue[] {
    const same = NAMES_BY_CHART.get(Chart.of(this))?.get(this.workloadName) ?? [];
    if (same.length < 2 || same[0] === this) return [];
    return [{
      field: 'name',
      message: `got ${JSON.stringify(this.workloadName)}, the name of ${same[0].node.path} in the same chart; allowed: a name no other workload of the chart has (two Deployments or Services with one name overwrite each other)`,
    }];
  }

  private lintErrors(): string[] {
    const objects = [this.deployment, this.service].filter((o) => o !== undefined).map((o) => ApiObject.of(o!).toJson());
    // cdk8s validates the whole app again for every chart it writes: lint each distinct rendering once
    const key = JSON.stringify(objects);
    if (this.lintMemo?.key !== key) {
      this.lintMemo = {
        key,
        errors: lintObjects(objects, { rules: SYNTH_RULES })
          .map((f) => `${f.ruleId}: ${f.resource.kind}${f.container ? ` container ${f.container}` : ''}: ${f.message} (fix: ${f.fix})`),
      };
    }
    return this.lintMemo.errors;
  }

  private lintMemo?: { readonly key: string; readonly errors: string[] };
}
