/**
 * Plain Kubernetes JSON shapes, as far as probes need them.
 *
 * These describe manifests as they are written, not as the API server stores them: every field
 * is optional and may hold a value of the wrong type, so code over them must check before use.
 * Nothing here knows about cdk8s.
 */

/** An `httpGet` probe handler. */
export interface HttpGetAction {
  readonly path?: string;
  readonly port?: number | string;
  readonly host?: string;
  readonly scheme?: string;
  readonly httpHeaders?: ReadonlyArray<{ readonly name?: string; readonly value?: string }>;
}

/** A `tcpSocket` probe handler. */
export interface TcpSocketAction {
  readonly port?: number | string;
  readonly host?: string;
}

/** An `exec` probe handler. */
export interface ExecAction {
  readonly command?: readonly string[];
}

/** A `grpc` probe handler (GA in Kubernetes 1.27). */
export interface GrpcAction {
  readonly port?: number;
  readonly service?: string;
}

/** A container probe as written in a manifest. */
export interface ProbeJson {
  readonly exec?: ExecAction;
  readonly httpGet?: HttpGetAction;
  readonly tcpSocket?: TcpSocketAction;
  readonly grpc?: GrpcAction;
  readonly initialDelaySeconds?: number;
  readonly periodSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly successThreshold?: number;
  readonly failureThreshold?: number;
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
