/**
 * The props every workload shape shares (Deployment, StatefulSet, DaemonSet): what the workload is
 * (image, intents, timing targets) and the cdk8s-plus-style pod and container settings, so
 * ordinary things never need a JSON patch. Shape-specific props extend this interface.
 */
import * as kplus from 'cdk8s-plus-27';
import { Intent } from '../intents/intent';

/** A container port beyond the ones the intents declare: never probed, optionally exposed by the Service. */
export interface ExtraPort {
  /** The container port number (1–65535). */
  readonly number: number;
  /** The port's name (IANA_SVC_NAME: at most 15 lowercase letters, digits and "-"), unique in the pod. */
  readonly name: string;
  /**
   * The port's protocol.
   * @default kplus.Protocol.TCP
   */
  readonly protocol?: kplus.Protocol;
  /**
   * Whether the workload's Service exposes this port too (at the same number). The workload must
   * have a Service (a serving intent).
   * @default false
   */
  readonly exposed?: boolean;
}

/** Properties every probed workload shape shares. */
export interface ProbedWorkloadBaseProps {
  /** The container image. */
  readonly image: string;
  /**
   * What the workload is: exactly one of `Intent.httpService`, `Intent.tcpService`,
   * `Intent.grpcService`, `Intent.worker`, plus any of `Intent.slowStart`,
   * `Intent.criticalDependencies`, `Intent.command`, `Intent.fastRecovery`.
   */
  readonly intents: Intent[];
  /**
   * metadata.name of the workload and its Service, and the `app.kubernetes.io/name` label: a
   * DNS-1123 label, starting with a letter when the workload has a Service (DNS-1035), unique
   * among the workloads of its chart and namespace.
   * @default - derived from the construct path as cdk8s derives names (`Names.toDnsLabel`), e.g. `shop-orders-c8a1b2c3`
   */
  readonly name?: string;
  /**
   * The namespace of every object the workload writes (a DNS-1123 label).
   * @default - the chart's namespace (none when the chart has none)
   */
  readonly namespace?: string;
  /**
   * Labels added to every object the workload writes and to its pods. `app.kubernetes.io/name`
   * is the library's (the workload name) and cannot be given.
   * @default - only `app.kubernetes.io/name`
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the workload object (Deployment, StatefulSet or DaemonSet).
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Annotations of the pods (e.g. `prometheus.io/scrape`). The `probes.cdk8s.io/` prefix is the
   * library's own record of the declared intent and cannot be given.
   * @default - only the `probes.cdk8s.io/*` annotations
   */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * The app container's name.
   * @default 'app'
   */
  readonly containerName?: string;
  /**
   * The container's entrypoint (replaces the image's ENTRYPOINT).
   * @default - the image's
   */
  readonly command?: string[];
  /**
   * The container's arguments (replace the image's CMD).
   * @default - the image's
   */
  readonly args?: string[];
  /**
   * When the kubelet pulls the image.
   * @default kplus.ImagePullPolicy.ALWAYS (cdk8s-plus-27's default)
   */
  readonly imagePullPolicy?: kplus.ImagePullPolicy;
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
   * synthesizes — including changes made afterwards through the cdk8s-plus objects or JSON
   * patches — and fail synth on a finding. The rules run over the very renders cdk8s writes,
   * once every object of the workload is rendered, so nothing is rendered twice; with several
   * charts, the charts rendered before the failing one may already be written. Turn it off for
   * apps that run the rules through the cdk8s validation plugin or `cdk8s-probes lint` instead.
   * @default true
   */
  readonly lintAtSynth?: boolean;
  /**
   * Environment variables of the app container, as plain strings.
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * Environment variables of the app container from cdk8s-plus values: secrets
   * (`EnvValue.fromSecretValue`), config maps (`EnvValue.fromConfigMap`), field references, …
   * A name may be given here or in `env`, not both.
   * @default - none
   */
  readonly envVariables?: { [name: string]: kplus.EnvValue };
  /**
   * Whole config maps or secrets as environment variables (`Env.fromConfigMap`, `Env.fromSecret`).
   * @default - none
   */
  readonly envFrom?: kplus.EnvFrom[];
  /**
   * Volumes mounted in the app container (the volumes are added to the pod). A mount at the
   * directory of a file the probes read (a heartbeat) replaces the emptyDir the library would add
   * there; it must then be writable.
   * @default - none beyond the library's emptyDirs for probe files
   */
  readonly volumeMounts?: kplus.VolumeMount[];
  /**
   * Container ports beyond the ones the intents declare (metrics, admin): never probed; exposed by
   * the Service only when asked.
   * @default - none
   */
  readonly extraPorts?: ExtraPort[];
  /**
   * Container resources. A CPU or memory utilisation target of `autoscaling` needs the matching
   * request.
   * @default - cdk8s-plus-27's defaults (requests cpu 1000m, memory 512Mi; limits cpu 1500m, memory 2048Mi)
   */
  readonly resources?: kplus.ContainerResources;
  /**
   * Container security context; cdk8s-plus-27's hardened defaults (non-root, read-only root
   * filesystem, no privilege escalation) apply to whatever is not given. Under a read-only root
   * filesystem, the directories of files the probes read (a heartbeat) get an emptyDir.
   * @default - cdk8s-plus-27's hardened defaults
   */
  readonly securityContext?: kplus.ContainerSecurityContextProps;
  /**
   * Pod security context, e.g. `fsGroup` so a non-root database can write its persistent volume.
   * @default - cdk8s-plus-27's: runAsNonRoot, fsGroupChangePolicy Always
   */
  readonly podSecurityContext?: kplus.PodSecurityContextProps;
  /**
   * The pods' service account.
   * @default - the namespace's default service account
   */
  readonly serviceAccount?: kplus.IServiceAccount;
  /**
   * Whether the service account token is mounted into the pods (an app that calls the Kubernetes
   * API needs it).
   * @default false (cdk8s-plus-27's default)
   */
  readonly automountServiceAccountToken?: boolean;
}
