/**
 * Plain Kubernetes JSON shapes, as far as probes need them.
 *
 * These describe manifests as they are written, not as the API server stores them: every field
 * is optional and may hold a value of the wrong type, so code over them must check before use.
 * Nothing here knows about cdk8s.
 */

/** One `httpGet.httpHeaders` entry. */
export interface HttpHeaderJson {
  /** The header name. */
  readonly name?: string;
  /** The header value. */
  readonly value?: string;
}

/** An `httpGet` probe handler. */
export interface HttpGetAction {
  /** The request path. */
  readonly path?: string;
  /** The port: a number or a container port name. */
  readonly port?: number | string;
  /** The host to connect to (the pod IP when absent). */
  readonly host?: string;
  /** `HTTP` or `HTTPS`. */
  readonly scheme?: string;
  /** Extra request headers (a mutable array type because jsii has no read-only arrays). */
  readonly httpHeaders?: HttpHeaderJson[];
}

/** A `tcpSocket` probe handler. */
export interface TcpSocketAction {
  /** The port: a number or a container port name. */
  readonly port?: number | string;
  /** The host to connect to (the pod IP when absent). */
  readonly host?: string;
}

/** An `exec` probe handler. */
export interface ExecAction {
  /** The command and its arguments, run without a shell (a mutable array type because jsii has no read-only arrays). */
  readonly command?: string[];
}

/** A `grpc` probe handler (GA in Kubernetes 1.27). */
export interface GrpcAction {
  /** The port number (gRPC probes take no port names). */
  readonly port?: number;
  /** The health service name sent in the request. */
  readonly service?: string;
}

/** A container probe as written in a manifest. */
export interface ProbeJson {
  /** An exec handler. */
  readonly exec?: ExecAction;
  /** An HTTP GET handler. */
  readonly httpGet?: HttpGetAction;
  /** A TCP connect handler. */
  readonly tcpSocket?: TcpSocketAction;
  /** A gRPC health-check handler. */
  readonly grpc?: GrpcAction;
  /**
   * Seconds after the container starts before the first probe.
   * @default 0
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between probes.
   * @default 10
   */
  readonly periodSeconds?: number;
  /**
   * Seconds before a probe attempt times out.
   * @default 1
   */
  readonly timeoutSeconds?: number;
  /**
   * Consecutive successes to count as passing after a failure.
   * @default 1
   */
  readonly successThreshold?: number;
  /**
   * Consecutive failures to count as failing.
   * @default 3
   */
  readonly failureThreshold?: number;
  /**
   * Probe-level grace period for a liveness/startup kill.
   * @default - the pod's terminationGracePeriodSeconds
   */
  readonly terminationGracePeriodSeconds?: number;
}

/** A container port as written in a manifest. */
export interface ContainerPortJson {
  readonly containerPort?: number;
  readonly name?: string;
  readonly protocol?: string;
}

/** A container as written in a manifest. */
export interface ContainerJson {
  readonly name?: string;
  readonly image?: string;
  readonly ports?: readonly ContainerPortJson[];
  readonly livenessProbe?: ProbeJson;
  readonly readinessProbe?: ProbeJson;
  readonly startupProbe?: ProbeJson;
  readonly restartPolicy?: string;
  readonly lifecycle?: {
    readonly preStop?: { readonly exec?: ExecAction; readonly httpGet?: HttpGetAction; readonly sleep?: { readonly seconds?: number } };
  };
}

/** A pod spec as written in a manifest. */
export interface PodSpecJson {
  readonly containers?: readonly ContainerJson[];
  readonly initContainers?: readonly ContainerJson[];
  readonly terminationGracePeriodSeconds?: number;
  readonly restartPolicy?: string;
}

/** Object metadata as written in a manifest. */
export interface ObjectMetaJson {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** The three probe fields of a container, in the order the kubelet gates them. */
export type ProbeRole = 'startupProbe' | 'livenessProbe' | 'readinessProbe';

/** Every probe role, startup first. */
export const PROBE_ROLES: readonly ProbeRole[] = ['startupProbe', 'livenessProbe', 'readinessProbe'];

/** A probe by its role; the values are the role names used in messages, scenarios and annotations. */
export enum ProbeKind {
  /** The startup probe: gates the other two until the app has started. */
  STARTUP = 'startup',
  /** The liveness probe: restarts the container when it trips. */
  LIVENESS = 'liveness',
  /** The readiness probe: takes the pod out of its Services when it trips. */
  READINESS = 'readiness',
}
