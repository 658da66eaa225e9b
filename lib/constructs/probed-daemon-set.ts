/**
 * The DaemonSet shape, for node agents: one pod per node, no replicas (and so no autoscaler or
 * disruption budget), a rolling update that replaces `maxUnavailable` nodes' pods at a time, and
 * probes that work under hostNetwork.
 *
 * The probes never set the `host` field: the kubelet probes the pod's IP, which under hostNetwork
 * is the node's IP, so a probe on the agent's port reaches it either way. Pod Security baseline
 * forbids `host` in probes and lifecycle hooks from Kubernetes 1.34 (KEP-4940), and forbids
 * hostNetwork itself at every version: a hostNetwork agent needs a namespace labelled
 * `pod-security.kubernetes.io/enforce: privileged`.
 */
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { WorkloadPlan } from '../intents/plan';
import { WorkloadBase } from './workload-base';
import { ProbedWorkloadBaseProps } from './workload-props';

/** Properties of a {@link ProbedDaemonSet}. */
export interface ProbedDaemonSetProps extends ProbedWorkloadBaseProps {
  /**
   * How many nodes' pods a rolling update replaces at once (each new pod must pass readiness
   * before the next node's is replaced).
   * @default 1
   */
  readonly maxUnavailable?: number;
  /**
   * Run in the node's network namespace (node exporters, CNI and log agents). Container ports
   * then bind on the node, so two agents cannot share a port; DNS uses ClusterFirstWithHostNet so
   * cluster names still resolve.
   * @default false
   */
  readonly hostNetwork?: boolean;
}

/** cdk8s-plus-27's DaemonSet plus the updateStrategy it cannot write. */
class RollingDaemonSet extends kplus.DaemonSet {
  public maxUnavailable = 1;

  /** @internal */
  public _toKube(): kplus.k8s.DaemonSetSpec {
    return {
      ...super._toKube(),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: kplus.k8s.IntOrString.fromNumber(this.maxUnavailable) } },
    };
  }
}

/** A DaemonSet (and a Service, for agents that serve traffic) whose probes follow from what the agent is. */
export class ProbedDaemonSet extends Construct {
  /** The DaemonSet. */
  public readonly daemonSet: kplus.DaemonSet;
  /** The app container (the DaemonSet's first). */
  public readonly container: kplus.Container;
  /** The Service, for agents that serve traffic. */
  public readonly service?: kplus.Service;
  /** The plan the objects were rendered from; undefined when the input is invalid. */
  public readonly plan?: WorkloadPlan;
  /** metadata.name of the DaemonSet and Service, and the `app.kubernetes.io/name` label value. */
  public readonly workloadName: string;

  constructor(scope: Construct, id: string, props: ProbedDaemonSetProps) {
    super(scope, id);
    const p: Partial<ProbedDaemonSetProps> = props !== null && typeof props === 'object' ? props : {};
    const base = new WorkloadBase(this, props, {});
    const c = base.checks;
    const maxUnavailable = p.maxUnavailable ?? 1;
    c.wholeNumber('maxUnavailable', maxUnavailable, 1, 'pods');
    const hostNetwork = p.hostNetwork ?? false;
    c.flag('hostNetwork', hostNetwork);
    this.workloadName = base.name;
    this.plan = base.plan;
    const plan = this.plan;

    const set = new RollingDaemonSet(this, 'daemonset', base.workloadProps({
      hostNetwork: hostNetwork === true,
      dns: hostNetwork === true ? { policy: kplus.DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET } : undefined,
    }));
    this.daemonSet = set;
    this.container = base.renderContainer(set);
    if (!plan) return;
    set.maxUnavailable = maxUnavailable;
    if (plan.service) {
      this.service = base.addService(this, 'service', base.name, plan.service.exposure, base.servicePorts(plan));
      this.service.select(set);
    }
  }
}
