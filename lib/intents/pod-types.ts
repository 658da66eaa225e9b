/**
 * The types of a pod with several probed containers: what the user declares per container and per
 * pod, and the plan a construct (or the JSON-level apply) renders. Plain data, no cdk8s.
 */
import { ProbeJson } from '../k8s/types';
import { SizedProbes } from '../timing';
import { Intent } from './intent';
import { PlannedPort, PlannedService, PlannedVolume } from './modules';
import { PlanIssue } from './checks';

/** One container of a pod and what it is: its own intents and timing targets. */
export interface ContainerIntents {
  /** The container's name: a DNS-1123 label, unique in the pod. */
  readonly name: string;
  /** What this container is (exactly one primary intent, as for a single-container workload). */
  readonly intents: Intent[];
  /**
   * The worst acceptable time to notice this container hanging.
   * @default - liveness P = 10, F = 3
   */
  readonly hangDetectionSeconds?: number;
  /**
   * This container's health handler's worst latency.
   * @default 1 (0.5 with fast recovery)
   */
  readonly handlerLatencySeconds?: number;
  /**
   * Whether this container's image has a POSIX shell with `date`, `stat` and `sleep`.
   * @default true
   */
  readonly imageHasShell?: boolean;
  /**
   * Whether this container's root filesystem is read-only (files its probes read then get an emptyDir).
   * @default true (cdk8s-plus-27's default)
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Whether the Service forwards to this container's serving port. A container that serves
   * nothing (a worker) cannot be exposed.
   * @default - true for the first container when it serves, false for the others (a metrics or auth sidecar stays out of the Service unless asked)
   */
  readonly exposeViaService?: boolean;
}

/** Pod-level declarations shared by all containers. */
export interface PodTargets {
  /**
   * Pod replicas.
   * @default 2
   */
  readonly replicas?: number;
  /**
   * A preStop sleep per serving container and a pod grace period covering it plus `drainSeconds`.
   * @default true
   */
  readonly gracefulShutdown?: boolean;
  /**
   * Seconds to finish in-flight work after the preStop sleep.
   * @default 15
   */
  readonly drainSeconds?: number;
  /**
   * A rollout deadline pinned by the user; it must cover every container's startup budget.
   * @default - 600, or more when the slowest container's startup budget needs it
   */
  readonly progressDeadlineSeconds?: number;
}

/** One container of a pod plan. */
export interface PlannedContainer {
  /** The container's name. */
  readonly name: string;
  /** Its intent names, in a fixed order. */
  readonly intents: string[];
  /** Its ports, serving port first. */
  readonly ports: PlannedPort[];
  /** Its startup probe, as Kubernetes JSON. */
  readonly startupProbe: ProbeJson;
  /** Its liveness probe, as Kubernetes JSON. */
  readonly livenessProbe: ProbeJson;
  /** Its readiness probe, as Kubernetes JSON. */
  readonly readinessProbe: ProbeJson;
  /** The timings behind its probes. */
  readonly timings: SizedProbes;
  /** The worst startup its startup probe was sized for. */
  readonly worstStartupSeconds: number;
  /** emptyDir volumes mounted in this container (names unique in the pod). */
  readonly volumes: PlannedVolume[];
  /** Its preStop `sleep` seconds, when it serves, graceful shutdown is on and it has a shell. */
  readonly preStopSleepSeconds?: number;
  /** Whether the Service forwards to its serving port. */
  readonly exposed: boolean;
  /** What its readiness probe checks, in words (e.g. `httpGet /readyz on port "management"`). */
  readonly readinessCheck: string;
}

/**
 * Which containers gate traffic. A pod is Ready, and in the Service's endpoints, only when every
 * one of its containers is Ready; a container is Ready when its readiness probe passes (one
 * without a readiness probe: as soon as it runs).
 */
export interface TrafficGate {
  /** Containers whose serving ports the Service forwards to. */
  readonly servingContainers: string[];
  /** Every container whose readiness gates the pod's, with what it checks: `app: httpGet /readyz on port "http"`. */
  readonly readyWhen: string[];
  /** The container with the longest startup allowance: it decides the pod's worst time to Ready and the rollout deadline. */
  readonly slowestContainer: string;
}

/** A pod with several probed containers, planned. */
export interface PodPlan {
  /** The containers, in the order given. */
  readonly containers: PlannedContainer[];
  /** The Service: the serving ports of the exposed containers; undefined when none is exposed. */
  readonly service?: PlannedService;
  /** The pod's terminationGracePeriodSeconds: the largest any container needs. */
  readonly terminationGracePeriodSeconds: number;
  /** The rollout deadline: covers the slowest container's startup budget. */
  readonly progressDeadlineSeconds: number;
  /** Pod replicas. */
  readonly replicas: number;
  /** Pod-template annotations: the first container under the plain keys, the others under `<container>.probes.cdk8s.io/*`. */
  readonly annotations: Record<string, string>;
  /** Which containers gate traffic (for README and `explain`). */
  readonly traffic: TrafficGate;
}

/** The result of planning a pod: a plan when the input holds, and every issue found. */
export interface PodPlanResult {
  /** The plan; undefined when there are issues. */
  readonly plan?: PodPlan;
  /** Every problem with the input; empty when the plan is good. */
  readonly issues: PlanIssue[];
}
