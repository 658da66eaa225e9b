/**
 * The StatefulSet shape, for stateful services (databases, brokers): stable identities through a
 * headless governing Service, a client Service when it serves traffic, one PersistentVolumeClaim
 * per pod from the declared storage, and the same probes, checks and rendering as every shape.
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { show } from '../intents/checks';
import { ServiceExposure } from '../intents/intent';
import { WorkloadPlan } from '../intents/plan';
import { statefulRolloutBudget, StatefulRolloutBudget } from '../timing';
import { checkEnum } from './parity-checks';
import { objectOrUndefined } from './props-checks';
import { addAutoscaler, addDisruptionBudget, readScaling, ScalingProps } from './scaling';
import { claimTemplates, PersistentStorage, readStorage, ResolvedClaim } from './storage';
import { WorkloadBase } from './workload-base';
import { ProbedWorkloadBaseProps } from './workload-props';

/** Properties of a {@link ProbedStatefulSet}. */
export interface ProbedStatefulSetProps extends ProbedWorkloadBaseProps, ScalingProps {
  /**
   * Persistent storage: one PersistentVolumeClaim per pod from each entry, mounted in the app
   * container and kept when the pod is replaced.
   * @default - no persistent storage
   */
  readonly storage?: PersistentStorage[];
  /**
   * How pods are created and scaled. OrderedReady creates pod N+1 only once pod N is Running and
   * Ready, so creating the set takes the pods' startups one after another (`rolloutBudget`);
   * Parallel starts them together. Rolling updates replace one pod at a time and wait for its
   * readiness under either policy.
   * @default kplus.PodManagementPolicy.ORDERED_READY
   */
  readonly podManagementPolicy?: kplus.PodManagementPolicy;
}

/** StatefulSet replicas when none are given (cdk8s-plus-27's and Kubernetes' default). */
const DEFAULT_STATEFUL_REPLICAS = 1;
/**
 * The longest StatefulSet name whose pods still get created: the controller labels each pod
 * `controller-revision-hash: <name>-<hash>` (up to 11 more characters), and a label value holds
 * at most 63 (kubernetes/kubernetes#64023).
 */
const MAX_STATEFUL_NAME_LENGTH = 52;

/** cdk8s-plus-27's StatefulSet plus the volumeClaimTemplates it cannot write. */
class ClaimingStatefulSet extends kplus.StatefulSet {
  public claims: ResolvedClaim[] = [];
  public claimLabels: Record<string, string> = {};

  /** @internal */
  public _toKube(): kplus.k8s.StatefulSetSpec {
    const spec = super._toKube();
    if (this.claims.length === 0) return spec;
    const pod = spec.template.spec!;
    const mounts = this.claims.map((x) => ({ name: x.name, mountPath: x.mountPath }));
    return {
      ...spec,
      volumeClaimTemplates: claimTemplates(this.claims, this.claimLabels),
      template: {
        ...spec.template,
        spec: { ...pod, containers: pod.containers.map((ct, i) => (i === 0 ? { ...ct, volumeMounts: [...(ct.volumeMounts ?? []), ...mounts] } : ct)) },
      },
    };
  }
}

/**
 * A headless Service for a StatefulSet's identities. Kubernetes accepts one without ports (a
 * worker's set needs DNS names, not ports); cdk8s-plus-27 refuses any Service without a port.
 */
class IdentityService extends kplus.Service {
  /** @internal */
  public _toKube(): kplus.k8s.ServiceSpec {
    if (this.ports.length > 0) return super._toKube();
    const selector = (this as unknown as { _selector: Record<string, string> })._selector;
    return { clusterIp: 'None', type: kplus.ServiceType.CLUSTER_IP, selector: { ...selector } };
  }
}

/**
 * A StatefulSet whose probes follow from what the workload is, with a headless governing Service
 * (`<name>-headless`, or the workload's own Service with `ServiceExposure.HEADLESS`), a client
 * Service `<name>` when it serves traffic, and persistent storage per pod.
 */
export class ProbedStatefulSet extends Construct {
  /** The StatefulSet. */
  public readonly statefulSet: kplus.StatefulSet;
  /** The app container (the StatefulSet's first). */
  public readonly container: kplus.Container;
  /** The headless governing Service that gives each pod its DNS name (`<pod>.<service>`). */
  public readonly headlessService: kplus.Service;
  /** The client Service, for workloads that serve traffic (the headless one itself with `ServiceExposure.HEADLESS`). */
  public readonly service?: kplus.Service;
  /** The HorizontalPodAutoscaler (autoscaling/v2), with `autoscaling`. */
  public readonly autoscaler?: kplus.k8s.KubeHorizontalPodAutoscalerV2;
  /** The PodDisruptionBudget (policy/v1), unless opted out or the set runs a single pod. */
  public readonly disruptionBudget?: kplus.k8s.KubePodDisruptionBudget;
  /** The plan the objects were rendered from; undefined when the input is invalid. */
  public readonly plan?: WorkloadPlan;
  /** How long creating and rolling the set may take, from its probes: a StatefulSet has no progress deadline and waits for each pod. */
  public readonly rolloutBudget?: StatefulRolloutBudget;
  /** metadata.name of the StatefulSet and its client Service, and the `app.kubernetes.io/name` label value. */
  public readonly workloadName: string;

  constructor(scope: Construct, id: string, props: ProbedStatefulSetProps) {
    super(scope, id);
    const p: Partial<ProbedStatefulSetProps> = props !== null && typeof props === 'object' ? props : {};
    const base = new WorkloadBase(this, props, { replicas: p.autoscaling !== undefined ? undefined : p.replicas ?? DEFAULT_STATEFUL_REPLICAS });
    const c = base.checks;
    const scaling = readScaling(p, objectOrUndefined(p.resources), DEFAULT_STATEFUL_REPLICAS, c);
    checkEnum('podManagementPolicy', p.podManagementPolicy, kplus.PodManagementPolicy, 'PodManagementPolicy', c);
    if (base.name.length > MAX_STATEFUL_NAME_LENGTH) {
      c.add('name', `got ${show(base.name)} (${base.name.length} characters); allowed: at most ${MAX_STATEFUL_NAME_LENGTH} for a StatefulSet, whose pods carry the label controller-revision-hash: <name>-<hash> (at most 63 characters)`);
    }
    const claims = readStorage(p.storage, p.volumeMounts, base.plannedVolumes, c);
    this.workloadName = base.name;
    this.plan = base.plan;
    const plan = this.plan;

    const headlessClient = plan?.service?.exposure === ServiceExposure.HEADLESS;
    this.headlessService = new IdentityService(this, headlessClient ? 'service' : 'headless-service', {
      metadata: { name: headlessClient ? base.name : `${base.name}-headless`, labels: base.labels, namespace: base.namespace },
      clusterIP: 'None',
      ports: plan ? (headlessClient ? base.servicePorts(plan) : this.allPorts(plan, base)) : [],
    });
    if (!headlessClient) ApiObject.of(this.headlessService).addJsonPatch(JsonPatch.add('/spec/publishNotReadyAddresses', true));
    base.objects.push(this.headlessService);

    const ordered = (p.podManagementPolicy ?? kplus.PodManagementPolicy.ORDERED_READY) === kplus.PodManagementPolicy.ORDERED_READY;
    const set = new ClaimingStatefulSet(this, 'statefulset', base.workloadProps({
      service: this.headlessService,
      replicas: scaling?.replicas,
      podManagementPolicy: p.podManagementPolicy,
    }));
    this.statefulSet = set;
    this.container = base.renderContainer(set);
    if (!plan || !scaling) return;
    set.claims = claims;
    set.claimLabels = base.labels;
    if (headlessClient) this.service = this.headlessService;
    else if (plan.service) {
      this.service = base.addService(this, 'service', base.name, plan.service.exposure, base.servicePorts(plan));
      this.service.select(set);
    }
    const target = { workload: set, kind: 'StatefulSet', name: base.name, labels: base.labels, namespace: base.namespace };
    if (scaling.autoscaling) {
      set.markHasAutoscaler();
      this.autoscaler = addAutoscaler(this, target, scaling.autoscaling);
    }
    if (scaling.maxUnavailable !== undefined) this.disruptionBudget = addDisruptionBudget(this, target, scaling.maxUnavailable);
    const replicas = scaling.replicas ?? scaling.autoscaling?.max ?? DEFAULT_STATEFUL_REPLICAS;
    this.rolloutBudget = statefulRolloutBudget(plan.timings.startup, plan.timings.readiness, replicas, plan.terminationGracePeriodSeconds, ordered);
  }

  private allPorts(plan: WorkloadPlan, base: WorkloadBase): kplus.ServicePort[] {
    return [...plan.ports, ...base.extraPorts].map((x) => ({ name: x.name, port: x.number, targetPort: x.number }));
  }
}
