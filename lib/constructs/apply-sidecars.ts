/**
 * Several probed containers in a shape's pod: the `sidecars` prop of ProbedWorkload. Each sidecar
 * is added with cdk8s-plus and given its intents by the same path as `ProbeIntents.applyTo`
 * (planPod: one pipeline per container), so ports, port names, volume names, the grace period, the
 * rollout deadline and the per-container annotations hold across the pod with the app container;
 * the sidecars with `exposeViaService` join the shape's Service.
 */
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { FieldChecks, show } from '../intents/checks';
import { Intent, ServiceExposure } from '../intents/intent';
import { PodPlan } from '../intents/pod';
import { ProbeIntents, SIDECAR_PROPS, SidecarApplyProps } from './apply';
import { checkImage } from './props-checks';

/** A container beside the app container, with its own intents (a metrics or auth sidecar, a second server). */
export interface ProbedSidecarProps {
  /** The container's name: a DNS-1123 label, unique in the pod. */
  readonly name: string;
  /** The container image. */
  readonly image: string;
  /**
   * What the sidecar is: exactly one of `Intent.httpService`, `Intent.tcpService`,
   * `Intent.grpcService`, `Intent.worker`, plus any modifiers. Its ports and port names must
   * differ from every other container's of the pod.
   */
  readonly intents: Intent[];
  /**
   * The worst acceptable time to notice the sidecar hanging.
   * @default - liveness P = 10, F = 3
   */
  readonly hangDetectionSeconds?: number;
  /**
   * The sidecar's health handler's worst latency.
   * @default 1 (0.5 with fast recovery)
   */
  readonly handlerLatencySeconds?: number;
  /**
   * Whether the sidecar's image has a POSIX shell with `date`, `stat` and `sleep`.
   * @default true
   */
  readonly imageHasShell?: boolean;
  /**
   * Whether the workload's Service also forwards to the sidecar's serving port (a gRPC server
   * beside a REST one). A metrics exporter usually stays out: Prometheus scrapes pods directly.
   * @default false
   */
  readonly exposeViaService?: boolean;
  /**
   * Container resources.
   * @default - cdk8s-plus-27's defaults
   */
  readonly resources?: kplus.ContainerResources;
  /**
   * Container security context.
   * @default - cdk8s-plus-27's hardened defaults (a read-only root: files the probes read get an emptyDir)
   */
  readonly securityContext?: kplus.ContainerSecurityContextProps;
}

/** Adds the sidecars it can to the workload; issues for the entries it cannot. */
function addContainers(workload: kplus.Workload, sidecars: readonly unknown[], c: FieldChecks): ProbedSidecarProps[] {
  const taken = new Set(workload.containers.map((x) => x.name));
  const added: ProbedSidecarProps[] = [];
  sidecars.forEach((raw, i) => {
    if (!c.record(`sidecars[${i}]`, raw)) return;
    const s = raw as unknown as ProbedSidecarProps;
    checkImage(s.image, c.at(`sidecars[${i}]`));
    if (typeof s.name === 'string' && taken.has(s.name)) {
      c.add(`sidecars[${i}].name`, `got ${show(s.name)}, the name of another container of the pod; allowed: a container name unique in the pod`);
      return;
    }
    if (typeof s.name === 'string' && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s.name) && s.name.length <= 63) {
      workload.addContainer({ name: s.name, image: typeof s.image === 'string' ? s.image : '', resources: s.resources, securityContext: s.securityContext });
      taken.add(s.name);
    }
    added.push(s);
  });
  return added;
}

/** The Service type an exposure means (a headless Service is a ClusterIP one without a cluster IP). */
function serviceTypeOf(exposure: ServiceExposure): string {
  return exposure === ServiceExposure.HEADLESS ? ServiceExposure.CLUSTER_IP : exposure;
}

/** Binds the exposed sidecars' serving ports on the shape's Service. */
function exposeOn(service: kplus.Service | undefined, plan: PodPlan, sidecars: readonly ProbedSidecarProps[], c: FieldChecks): void {
  const exposed = plan.service?.ports ?? [];
  for (const port of exposed) {
    const i = plan.containers.findIndex((x) => x.ports.some((p) => p.name === port.name));
    const field = `sidecars[${i}] (${sidecars[i].name}).exposeViaService`;
    if (!service) {
      c.add(field, 'got true, but the workload serves nothing and has no Service; allowed: false');
      continue;
    }
    if (String(service.type) !== serviceTypeOf(plan.service!.exposure)) {
      c.add(field, `got true with the sidecar exposed as ${show(plan.service!.exposure)}, but the workload's Service is ${show(String(service.type))}; allowed: the Service's exposure in the sidecar's intent`);
      continue;
    }
    const clash = service.ports.find((p) => p.port === port.port || p.name === port.name);
    if (clash) {
      c.add(field, `got true, but the Service already has port ${clash.port}${clash.name ? ` named ${show(clash.name)}` : ''}; allowed: a servicePort and port name the Service does not use`);
      continue;
    }
    service.bind(port.port, { name: port.name, targetPort: port.targetPort, nodePort: port.nodePort });
  }
}

/** What the shape decides for its whole pod. */
export interface SidecarPodOptions {
  /** The shape's gracefulShutdown. */
  readonly gracefulShutdown?: boolean;
  /** The shape's drainSeconds. */
  readonly drainSeconds?: number;
}

/**
 * Adds `sidecars` to the workload and gives them their intents (a ProbeIntents child of the
 * workload); reports every problem at synth on `scope`, named `sidecars[i]…`. The shape's own
 * lint at synth covers the whole pod, sidecars included.
 */
export function addSidecars(scope: Construct, workload: kplus.Workload, sidecars: unknown, service: kplus.Service | undefined, pod: SidecarPodOptions = {}): ProbeIntents | undefined {
  if (sidecars === undefined) return undefined;
  const c = new FieldChecks();
  scope.node.addValidation({ validate: () => c.issues.map((i) => `${i.field}: ${i.message}`) });
  if (!Array.isArray(sidecars) || sidecars.length === 0) {
    c.add('sidecars', `got ${Array.isArray(sidecars) ? '0 entries' : show(sidecars)}; allowed: a non-empty list of { name, image, intents }`);
    return undefined;
  }
  const added = addContainers(workload, sidecars, c);
  if (added.length === 0 || c.issues.length > 0) return undefined;
  const entries = added.map((s) => ({
    container: s.name, intents: s.intents, hangDetectionSeconds: s.hangDetectionSeconds, handlerLatencySeconds: s.handlerLatencySeconds,
    imageHasShell: s.imageHasShell, exposeViaService: s.exposeViaService,
  }));
  const props: SidecarApplyProps = {
    ...entries[0], additionalContainers: entries.slice(1), gracefulShutdown: pod.gracefulShutdown, drainSeconds: pod.drainSeconds, lintAtSynth: false,
    [SIDECAR_PROPS]: true,
  };
  const applied = ProbeIntents.applyTo(workload, props);
  if (applied.plan) exposeOn(service, applied.plan, added, c);
  return applied;
}
