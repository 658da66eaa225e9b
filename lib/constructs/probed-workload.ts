/**
 * The Deployment shape: what a workload *is* in, a cdk8s-plus-27 Deployment (+ Service,
 * HorizontalPodAutoscaler, PodDisruptionBudget) with separate, sized probes out. Planning and
 * every input check live in lib/intents and the shared base (workload-base.ts); this file only
 * adds what a Deployment has of its own: replicas, the rollout deadline, autoscaling, disruption.
 */
import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { WorkloadPlan } from '../intents/plan';
import { addSidecars, ProbedSidecarProps } from './apply-sidecars';
import { ProbeIntents } from './apply';
import { objectOrUndefined } from './props-checks';
import { addAutoscaler, addDisruptionBudget, readScaling, ScalingProps } from './scaling';
import { WorkloadBase } from './workload-base';
import { ProbedWorkloadBaseProps } from './workload-props';

/** Properties of a {@link ProbedWorkload}. */
export interface ProbedWorkloadProps extends ProbedWorkloadBaseProps, ScalingProps {
  /**
   * Pin the Deployment's progressDeadlineSeconds. It must leave room for the declared worst startup.
   * @default - 600, or more when the startup budget needs it
   */
  readonly progressDeadlineSeconds?: number;
  /**
   * Further containers of the pod, each with its own intents (a metrics or auth sidecar, a gRPC
   * server beside a REST one), planned with the app container by `planPod`: ports and port names
   * unique in the pod, the grace period and rollout deadline covering every container, and
   * per-container annotations. The pod is Ready only when every container is (README "Several containers").
   * @default - the app container only
   */
  readonly sidecars?: ProbedSidecarProps[];
}

/** Deployment replicas when none are given (cdk8s-plus-27's default). */
const DEFAULT_DEPLOYMENT_REPLICAS = 2;

/**
 * A Deployment (and a Service, for workloads that serve traffic) whose probes follow from what
 * the workload is. Reach the cdk8s-plus objects through `deployment`, `container` and `service`
 * for anything the props do not cover.
 */
export class ProbedWorkload extends Construct {
  /** The Deployment. */
  public readonly deployment: kplus.Deployment;
  /** The app container (the Deployment's first). */
  public readonly container: kplus.Container;
  /** The Service, for workloads that serve traffic; undefined for workers. */
  public readonly service?: kplus.Service;
  /** The HorizontalPodAutoscaler (autoscaling/v2), with `autoscaling`. */
  public readonly autoscaler?: kplus.k8s.KubeHorizontalPodAutoscalerV2;
  /** The PodDisruptionBudget (policy/v1), unless opted out or the workload runs a single pod. */
  public readonly disruptionBudget?: kplus.k8s.KubePodDisruptionBudget;
  /** The plan the objects were rendered from; undefined when the input is invalid (synth then fails with every problem). */
  public readonly plan?: WorkloadPlan;
  /** metadata.name of the Deployment and Service, and the `app.kubernetes.io/name` label value. */
  public readonly workloadName: string;
  /** The intents of the `sidecars`, applied to the Deployment; undefined without sidecars. */
  public readonly sidecarIntents?: ProbeIntents;

  constructor(scope: Construct, id: string, props: ProbedWorkloadProps) {
    super(scope, id);
    const p: Partial<ProbedWorkloadProps> = props !== null && typeof props === 'object' ? props : {};
    const base = new WorkloadBase(this, props, {
      replicas: p.autoscaling !== undefined ? undefined : p.replicas,
      progressDeadlineSeconds: p.progressDeadlineSeconds,
    });
    const scaling = readScaling(p, objectOrUndefined(p.resources), DEFAULT_DEPLOYMENT_REPLICAS, base.checks);
    this.workloadName = base.name;
    this.plan = base.plan;
    const plan = this.plan;

    this.deployment = new kplus.Deployment(this, 'deployment', base.workloadProps({
      replicas: scaling?.replicas,
      progressDeadline: plan ? Duration.seconds(plan.progressDeadlineSeconds) : undefined,
    }));
    this.container = base.renderContainer(this.deployment);
    if (!plan || !scaling) return;
    if (plan.service) {
      this.service = base.addService(this, 'service', base.name, plan.service.exposure, base.servicePorts(plan));
      this.service.select(this.deployment);
    }
    this.sidecarIntents = addSidecars(this, this.deployment, p.sidecars, this.service, { gracefulShutdown: p.gracefulShutdown, drainSeconds: p.drainSeconds });
    const target = { workload: this.deployment, kind: 'Deployment', name: base.name, labels: base.labels, namespace: base.namespace };
    if (scaling.autoscaling) {
      this.deployment.markHasAutoscaler();
      this.autoscaler = addAutoscaler(this, target, scaling.autoscaling);
    }
    if (scaling.maxUnavailable !== undefined) this.disruptionBudget = addDisruptionBudget(this, target, scaling.maxUnavailable);
  }
}
