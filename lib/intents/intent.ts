/**
 * The user's vocabulary: what a workload *is*. Each intent is a value made by a static factory
 * (`Intent.httpService(…)`, `Intent.slowStart(…)`, …); a workload takes a list of them and they
 * combine (seed 004's service is `httpService` + `slowStart` + `criticalDependencies`).
 *
 * Plain data only: nothing here knows about cdk8s. `planWorkload` turns a list of intents into a
 * probe plan.
 */
import { ProbeKind } from '../k8s/types';
import { IntentName } from '../k8s/annotations';

/** How a Service exposes a workload. */
export enum ServiceExposure {
  /** Reachable inside the cluster only. */
  CLUSTER_IP = 'ClusterIP',
  /** Also reachable on every node's IP at a node port (seeds 002, 003). */
  NODE_PORT = 'NodePort',
  /** Also reachable through the cloud provider's load balancer (a node port is allocated too). */
  LOAD_BALANCER = 'LoadBalancer',
  /**
   * A headless Service (clusterIP: None): DNS returns the Ready pods' addresses, no virtual IP and
   * no port mapping, so the Service port must be the container port.
   */
  HEADLESS = 'Headless',
}

/** Which probe a custom command replaces (one enum for the whole library). */
export { ProbeKind };

/** Options of a Service in front of a workload. */
export interface ServiceOptions {
  /**
   * The port the Service listens on.
   * @default - the container's serving port
   */
  readonly servicePort?: number;
  /**
   * How the Service is exposed.
   * @default ServiceExposure.CLUSTER_IP
   */
  readonly exposure?: ServiceExposure;
  /**
   * A fixed node port (30000–32767); only with `ServiceExposure.NODE_PORT` or `LOAD_BALANCER`.
   * @default - the cluster picks one
   */
  readonly nodePort?: number;
}

/** Options of the HTTP service intent. */
export interface HttpServiceOptions extends ServiceOptions {
  /** The port the app serves HTTP on. */
  readonly port: number;
  /**
   * The name of the serving port.
   * @default 'http'
   */
  readonly portName?: string;
  /**
   * The liveness endpoint: answers 200 while the process can make progress; checks no dependency.
   * @default '/livez'
   */
  readonly livenessPath?: string;
  /**
   * The readiness endpoint: answers 200 when the app and its critical dependencies can serve.
   * An app with a single health endpoint (seed 002's `/health`) gives the same path as
   * `livenessPath`: accepted, because liveness is always sized to trip strictly after readiness
   * (the rule `liveness-readiness-identical` applies).
   * @default '/readyz'
   */
  readonly readinessPath?: string;
  /**
   * A separate management port for the health endpoints, which the Service does not expose
   * (seed 003: health endpoints should not be publicly reachable).
   * @default - health endpoints on the serving port
   */
  readonly managementPort?: number;
  /**
   * The name of the management port.
   * @default 'management'
   */
  readonly managementPortName?: string;
  /**
   * Whether the health endpoints are served over HTTPS (the kubelet skips certificate checks).
   * @default false
   */
  readonly https?: boolean;
}

/** Options of the TCP service intent (databases, brokers). */
export interface TcpServiceOptions extends ServiceOptions {
  /** The TCP port the app listens on; every probe connects to it. */
  readonly port: number;
  /**
   * The name of the port.
   * @default 'tcp'
   */
  readonly portName?: string;
}

/** Options of the gRPC service intent. */
export interface GrpcServiceOptions extends ServiceOptions {
  /** The gRPC port. gRPC probes take a port number only: the kubelet does not resolve named ports for them. */
  readonly port: number;
  /**
   * The name of the port (for the Service; the probes use the number).
   * @default 'grpc'
   */
  readonly portName?: string;
  /**
   * The grpc.health.v1 service name the liveness (and startup) probe asks for. The default `""`
   * is the server's overall health, which every stock grpc.health.v1 server answers; a distinct
   * name is answered only if the server registers it (`health.SetServingStatus("liveness", …)`).
   * @default '' (the server's overall health)
   */
  readonly livenessService?: string;
  /**
   * The grpc.health.v1 service name the readiness probe asks for. Like `livenessService`, a
   * name other than `""` must be registered by the server. When both ask the same service,
   * liveness is sized to trip strictly after readiness.
   * @default '' (the server's overall health)
   */
  readonly readinessService?: string;
}

/** Options of the worker intent: no HTTP, no Service; liveness from a heartbeat file. */
export interface WorkerOptions {
  /**
   * The file the worker touches whenever it makes progress. Under a read-only root filesystem
   * (cdk8s-plus-27's default) its directory gets an emptyDir so the worker can write it; a file
   * directly under `/` or in a system directory (/etc, /usr, …) is a synth error. The check runs
   * `sh -c` with `date` and `stat`; with `imageHasShell: false` give a liveness `Intent.command`.
   * @default '/tmp/heartbeat'
   */
  readonly heartbeatFile?: string;
  /**
   * The heartbeat is stale, and the worker hung, when the file is older than this.
   * @default 60
   */
  readonly maxHeartbeatAgeSeconds?: number;
}

/** Options of the slow-start intent. */
export interface SlowStartOptions {
  /**
   * The worst time from container start until the app answers its health checks, on the slowest
   * node you run on. A value below the 60 s default still gets the default's allowance: declaring a
   * number never makes a workload more fragile than declaring none.
   */
  readonly worstStartupSeconds: number;
}

/** Options of the critical-dependency intent. */
export interface DependenciesOptions {
  /** Dependencies the app cannot serve without (a database): checked by readiness only, never by liveness. */
  readonly critical: string[];
  /**
   * Dependencies the app degrades without (a cache): recorded, and kept out of every probe.
   * @default []
   */
  readonly optional?: string[];
}

/** Options of the exec / custom command intent. */
export interface CommandProbeOptions {
  /** The probe the command serves as. */
  readonly probe: ProbeKind;
  /** The command; exit 0 means healthy. Run without a shell unless you call one (`['sh', '-c', '…']`). */
  readonly command: string[];
  /**
   * Seconds between attempts.
   * @default - sized from the workload's targets
   */
  readonly periodSeconds?: number;
  /**
   * Seconds one attempt may take; must stay below periodSeconds.
   * @default - the handler latency plus headroom plus process start (never the 1 s API default)
   */
  readonly timeoutSeconds?: number;
  /**
   * Consecutive failures that trip the probe.
   * @default - sized from the workload's targets
   */
  readonly failureThreshold?: number;
  /**
   * A directory the app writes the file(s) this command reads, mounted as an emptyDir under a
   * read-only root filesystem. Files read by `test`, `[`, `stat`, `cat`, `head`, `tail` or `grep`
   * (directly or in `sh -c`) are found without it.
   * @default - the directories of the files the command is seen to read
   */
  readonly writableDirectory?: string;
}

/** Options of the fast-recovery intent. */
export interface FastRecoveryOptions {
  /**
   * The probe-level grace period a liveness kill uses (terminationGracePeriodSeconds on the probe).
   * @default 1
   */
  readonly restartGraceSeconds?: number;
}

/** One intent: what the workload is. Made by the static factories; combine several in a list. */
export class Intent {
  /**
   * An HTTP service (seed 000): Deployment + Service, distinct liveness and readiness endpoints,
   * and a startup probe on the liveness endpoint.
   */
  public static httpService(options: HttpServiceOptions): Intent {
    return new Intent(IntentName.HTTP_SERVICE, options);
  }

  /**
   * A slow starter (seeds 001, 004): the startup probe's guaranteed allowance covers the declared
   * worst startup; liveness and readiness carry no initialDelaySeconds.
   */
  public static slowStart(options: SlowStartOptions): Intent {
    return new Intent(IntentName.SLOW_START, options);
  }

  /**
   * Critical and optional dependencies (seed 004): readiness covers the critical ones, liveness
   * never does, optional ones stay out of every probe.
   */
  public static criticalDependencies(options: DependenciesOptions): Intent {
    return new Intent(IntentName.CRITICAL_DEPENDENCY, options);
  }

  /** A worker with no HTTP (seeds 003, 004): no Service, no port; liveness from a heartbeat file. */
  public static worker(options: WorkerOptions = {}): Intent {
    return new Intent(IntentName.WORKER, options);
  }

  /**
   * A TCP service (databases, brokers): tcpSocket probes on a named port. A TCP probe passes as soon
   * as the kernel completes the handshake, which it does from the listen backlog even while the
   * process is hung, so its liveness catches a dead or unbound process only, never a hang
   * (reference/probe-semantics.md "Handlers"). To catch hangs, replace liveness with
   * `Intent.command` running a real query (e.g. `pg_isready`, `redis-cli ping`).
   */
  public static tcpService(options: TcpServiceOptions): Intent {
    return new Intent(IntentName.TCP_SERVICE, options);
  }

  /** A gRPC service (seed 003): native gRPC probes asking the server's overall health ("") unless names are given. */
  public static grpcService(options: GrpcServiceOptions): Intent {
    return new Intent(IntentName.GRPC_SERVICE, options);
  }

  /** An exec / custom command probe (seed 003: `test -e /tmp/healthy`) replacing one probe's handler. */
  public static command(options: CommandProbeOptions): Intent {
    return new Intent(IntentName.EXEC, options);
  }

  /**
   * Fast recovery (seed 002): liveness every second, tripping on the third failure, killed with a
   * 1 s probe-level grace, so a wedged app is restarted within about 5 s.
   */
  public static fastRecovery(options: FastRecoveryOptions = {}): Intent {
    return new Intent(IntentName.FAST_RECOVERY, options);
  }

  /** The intent's name, as written in the `probes.cdk8s.io/intents` annotation. */
  public readonly name: string;

  /** The options the intent was made with. @internal */
  public readonly _options: object;

  private constructor(name: IntentName, options: object) {
    this.name = name;
    this._options = options ?? {};
  }
}
