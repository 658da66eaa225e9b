/**
 * The intent-level construct: what a workload *is* in, a cdk8s-plus-27 Deployment (+ Service)
 * with separate, sized probes out. Planning and every input check live in lib/intents; this file
 * only renders the plan and registers the synth-time validations.
 */
import { ApiObject, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ProbeJson } from '../k8s/types';
import { Intent, ServiceExposure } from '../intents/intent';
import { planWorkload, WorkloadPlan } from '../intents/plan';
import { lintObjects } from '../rules/lint';
import { Severity } from '../rules/types';
import { ALL_RULES } from '../rules/registry';
import { renderProbe } from './render-probe';

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
   * metadata.name of the Deployment and Service, and the `app.kubernetes.io/name` label.
   * @default - a name cdk8s derives from the construct path; the label uses the construct id
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
   * runs `sleep`: turn this off for images without one (distroless, scratch).
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
   * Run the error-severity `cdk8s-probes lint` rules over what this construct synthesizes —
   * including changes made afterwards through `deployment`, `container`, `service` or JSON
   * patches — and fail synth on a finding. It renders the objects once more per validation
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
   * filesystem, no privilege escalation) apply to whatever is not given.
   * @default - cdk8s-plus-27's hardened defaults
   */
  readonly securityContext?: kplus.ContainerSecurityContextProps;
}

/**
 * The rules run at synth: those of error severity, the only findings that fail synth. Warnings
 * and notes are the business of `cdk8s-probes lint` and the validation plugin.
 */
const SYNTH_RULES = ALL_RULES.filter((r) => r.meta.severity === Severity.ERROR);

/** The standard label every object of a workload carries. */
const NAME_LABEL = 'app.kubernetes.io/name';

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

  constructor(scope: Construct, id: string, props: ProbedWorkloadProps) {
    super(scope, id);
    const { plan, issues } = planWorkload(props.intents, {
      hangDetectionSeconds: props.hangDetectionSeconds,
      handlerLatencySeconds: props.handlerLatencySeconds,
      replicas: props.replicas,
      gracefulShutdown: props.gracefulShutdown,
      drainSeconds: props.drainSeconds,
      progressDeadlineSeconds: props.progressDeadlineSeconds,
      containerName: props.containerName,
    });
    // reported at synth with this construct's path; no YAML is written while any remains
    this.node.addValidation({ validate: () => issues.map((i) => `${i.field}: ${i.message}`) });
    this.plan = plan;

    const labels = { [NAME_LABEL]: props.name ?? id };
    this.deployment = new kplus.Deployment(this, 'deployment', {
      metadata: { name: props.name, labels },
      replicas: plan?.replicas,
      progressDeadline: plan ? Duration.seconds(plan.progressDeadlineSeconds) : undefined,
      terminationGracePeriod: plan ? Duration.seconds(plan.terminationGracePeriodSeconds) : undefined,
      podMetadata: { labels, annotations: plan?.annotations },
    });
    this.container = this.deployment.addContainer({
      name: plan?.containerName ?? 'app',
      image: props.image,
      ports: (plan?.ports ?? []).map((p) => ({ number: p.number, name: p.name })),
      envVariables: Object.fromEntries(Object.keys(props.env ?? {}).sort().map((k) => [k, kplus.EnvValue.fromValue(props.env![k])])),
      resources: props.resources,
      securityContext: props.securityContext,
      lifecycle: plan?.preStopSleepSeconds !== undefined
        ? { preStop: kplus.Handler.fromCommand(['sleep', String(plan.preStopSleepSeconds)]) }
        : undefined,
    });
    if (!plan) return;

    // cdk8s-plus-27 cannot express named probe ports, gRPC probes or a probe-level grace period,
    // so the probes are rendered from the plan and patched into the app container (index 0).
    const patch = (field: string, probe: ProbeJson) =>
      ApiObject.of(this.deployment).addJsonPatch(JsonPatch.add(`/spec/template/spec/containers/0/${field}`, renderProbe(probe)));
    patch('startupProbe', plan.startupProbe);
    patch('livenessProbe', plan.livenessProbe);
    patch('readinessProbe', plan.readinessProbe);

    if (plan.service) {
      this.service = new kplus.Service(this, 'service', {
        metadata: { name: props.name, labels },
        selector: this.deployment,
        type: plan.service.exposure === ServiceExposure.NODE_PORT ? kplus.ServiceType.NODE_PORT : kplus.ServiceType.CLUSTER_IP,
        ports: plan.service.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.targetPort, nodePort: p.nodePort })),
      });
    }

    // The same rules `cdk8s-probes lint` runs, over what this construct synthesizes — including
    // whatever was changed through the escape hatches afterwards. Errors fail synth.
    if (props.lintAtSynth ?? true) this.node.addValidation({ validate: () => this.lintErrors() });
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
