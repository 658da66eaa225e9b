/**
 * Replicas, autoscaling and disruption for the shapes that have replicas (Deployment,
 * StatefulSet): the props, their checks, and the HorizontalPodAutoscaler (autoscaling/v2) and
 * PodDisruptionBudget (policy/v1) they render.
 *
 * Readiness is what both count: the HPA leaves pods that are not yet Ready out of its CPU
 * average while they start, and a PodDisruptionBudget counts only Ready pods as healthy, so a
 * voluntary eviction (node drain, cluster upgrade) waits for replacements to pass readiness
 * even when no Service routes to them.
 */
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { FieldChecks, INT32_MAX, show } from '../intents/checks';

/** An autoscaling/v2 HorizontalPodAutoscaler for the workload; `replicas` is then left unset. */
export interface AutoscalingOptions {
  /** The fewest pods (1 ≤ minReplicas ≤ maxReplicas). */
  readonly minReplicas: number;
  /** The most pods. */
  readonly maxReplicas: number;
  /**
   * Target average CPU utilisation, in percent of the pods' CPU request.
   * @default 70 when no memory target is given either; otherwise no CPU target
   */
  readonly cpuUtilizationPercent?: number;
  /**
   * Target average memory utilisation, in percent of the pods' memory request. Memory rarely
   * falls when pods are added (caches, JVM heaps), so it is opt-in.
   * @default - no memory target
   */
  readonly memoryUtilizationPercent?: number;
}

/** How many pods a voluntary disruption (node drain, upgrade) may take down at once. */
export class DisruptionBudget {
  /** A PodDisruptionBudget with `maxUnavailable` pods (a whole number ≥ 1). */
  public static maxUnavailable(pods: number): DisruptionBudget {
    return new DisruptionBudget(pods);
  }

  /** No PodDisruptionBudget. */
  public static none(): DisruptionBudget {
    return new DisruptionBudget(undefined);
  }

  /** The PDB's maxUnavailable; undefined for no PDB. */
  public readonly maxUnavailablePods?: number;

  private constructor(pods: number | undefined) {
    this.maxUnavailablePods = pods;
  }
}

/** Replica props of the shapes that have replicas. */
export interface ScalingProps {
  /**
   * Pod replicas. Leave it out with `autoscaling`: the autoscaler owns the count.
   * @default 2 for a Deployment, 1 for a StatefulSet (none written with `autoscaling`)
   */
  readonly replicas?: number;
  /**
   * Create a HorizontalPodAutoscaler. An HPA adds pods when the *average* load of all pods
   * rises; it does not help one overloaded pod (seed 004) — readiness takes that pod out of the
   * Service while it recovers.
   * @default - no autoscaler
   */
  readonly autoscaling?: AutoscalingOptions;
  /**
   * The PodDisruptionBudget.
   * @default - maxUnavailable 1 when the workload can run 2 or more pods (replicas ≥ 2, or autoscaling maxReplicas ≥ 2); none for a single pod
   */
  readonly disruptionBudget?: DisruptionBudget;
}

/** Scaling, checked and defaulted. */
export interface ResolvedScaling {
  /** spec.replicas; undefined when an autoscaler owns it. */
  readonly replicas?: number;
  /** The HPA, when asked. */
  readonly autoscaling?: { readonly min: number; readonly max: number; readonly cpu?: number; readonly memory?: number };
  /** The PDB's maxUnavailable; undefined for none. */
  readonly maxUnavailable?: number;
}

/** The default CPU utilisation target when autoscaling names no target. */
export const DEFAULT_CPU_UTILIZATION_PERCENT = 70;

function readAutoscaling(a: unknown, resources: kplus.ContainerResources | undefined, c: FieldChecks): ResolvedScaling['autoscaling'] | null {
  if (!c.record('autoscaling', a)) return null;
  const o = a as Record<string, unknown>;
  const min = o.minReplicas;
  const max = o.maxReplicas;
  let ok = c.wholeNumber('autoscaling.minReplicas', min, 1, 'pods') && c.wholeNumber('autoscaling.maxReplicas', max, 1, 'pods');
  if (ok && (max as number) < (min as number)) {
    c.add('autoscaling.maxReplicas', `got ${max}, below minReplicas ${min}; allowed: 1 ≤ minReplicas ≤ maxReplicas ≤ ${INT32_MAX}`);
    ok = false;
  }
  const neither = o.cpuUtilizationPercent === undefined && o.memoryUtilizationPercent === undefined;
  const cpu = neither ? DEFAULT_CPU_UTILIZATION_PERCENT : o.cpuUtilizationPercent;
  const memory = o.memoryUtilizationPercent;
  if (cpu !== undefined) ok = c.wholeNumber('autoscaling.cpuUtilizationPercent', cpu, 1, 'percent') && ok;
  if (memory !== undefined) ok = c.wholeNumber('autoscaling.memoryUtilizationPercent', memory, 1, 'percent') && ok;
  // the HPA computes utilisation against the request (a limit alone defaults the request to it)
  if (resources !== undefined && resources !== null) {
    if (cpu !== undefined && !resources.cpu?.request && !resources.cpu?.limit) {
      c.add('autoscaling.cpuUtilizationPercent', `got ${show(cpu)} but resources has no CPU request; allowed: a CPU utilisation target only with resources.cpu.request (the HPA divides usage by the request)`);
      ok = false;
    }
    if (memory !== undefined && !resources.memory?.request && !resources.memory?.limit) {
      c.add('autoscaling.memoryUtilizationPercent', `got ${show(memory)} but resources has no memory request; allowed: a memory utilisation target only with resources.memory.request`);
      ok = false;
    }
  }
  return ok ? { min: min as number, max: max as number, cpu: cpu as number | undefined, memory: memory as number | undefined } : null;
}

function readBudget(b: unknown, mostPods: number, c: FieldChecks): number | undefined | null {
  if (b === undefined) return mostPods >= 2 ? 1 : undefined;
  if (!(b instanceof DisruptionBudget)) {
    c.add('disruptionBudget', `got ${show(b)}; allowed: DisruptionBudget.maxUnavailable(n) or DisruptionBudget.none()`);
    return null;
  }
  if (b.maxUnavailablePods === undefined) return undefined;
  return c.wholeNumber('disruptionBudget.maxUnavailable', b.maxUnavailablePods, 1, 'pods') ? b.maxUnavailablePods : null;
}

/**
 * Reads replicas, autoscaling and the disruption budget; undefined when one does not hold.
 * `replicas` itself is checked by the planning pipeline.
 */
export function readScaling(p: ScalingProps, resources: kplus.ContainerResources | undefined, defaultReplicas: number, c: FieldChecks): ResolvedScaling | undefined {
  const before = c.issues.length;
  let autoscaling: ResolvedScaling['autoscaling'] | null | undefined;
  if (p.autoscaling !== undefined) {
    if (p.replicas !== undefined) {
      c.add('replicas', `got ${show(p.replicas)} together with autoscaling; allowed: leave replicas out when an autoscaler owns the count (set autoscaling.minReplicas instead)`);
    }
    autoscaling = readAutoscaling(p.autoscaling, resources, c);
  }
  const replicas = p.replicas ?? defaultReplicas;
  const mostPods = autoscaling ? autoscaling.max : (typeof replicas === 'number' ? replicas : 1);
  const maxUnavailable = readBudget(p.disruptionBudget, mostPods, c);
  if (c.issues.length > before || autoscaling === null || maxUnavailable === null) return undefined;
  return { replicas: autoscaling ? undefined : replicas, autoscaling: autoscaling ?? undefined, maxUnavailable };
}

/** What the HPA and PDB need of the workload. */
export interface ScalingTarget {
  readonly workload: kplus.Deployment | kplus.StatefulSet;
  readonly kind: string;
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly namespace?: string;
}

/** Renders the HorizontalPodAutoscaler (autoscaling/v2). */
export function addAutoscaler(scope: Construct, t: ScalingTarget, a: NonNullable<ResolvedScaling['autoscaling']>): kplus.k8s.KubeHorizontalPodAutoscalerV2 {
  const metric = (name: string, percent: number): kplus.k8s.MetricSpecV2 => ({
    type: 'Resource',
    resource: { name, target: { type: 'Utilization', averageUtilization: percent } },
  });
  return new kplus.k8s.KubeHorizontalPodAutoscalerV2(scope, 'autoscaler', {
    metadata: { name: t.name, labels: t.labels, namespace: t.namespace },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: t.kind, name: t.name },
      minReplicas: a.min,
      maxReplicas: a.max,
      metrics: [
        ...(a.cpu !== undefined ? [metric('cpu', a.cpu)] : []),
        ...(a.memory !== undefined ? [metric('memory', a.memory)] : []),
      ],
    },
  });
}

/** Renders the PodDisruptionBudget (policy/v1), selecting the workload's pods. */
export function addDisruptionBudget(scope: Construct, t: ScalingTarget, maxUnavailable: number): kplus.k8s.KubePodDisruptionBudget {
  return new kplus.k8s.KubePodDisruptionBudget(scope, 'disruption-budget', {
    metadata: { name: t.name, labels: t.labels, namespace: t.namespace },
    spec: {
      maxUnavailable: kplus.k8s.IntOrString.fromNumber(maxUnavailable),
      selector: { matchLabels: t.workload.matchLabels },
    },
  });
}
