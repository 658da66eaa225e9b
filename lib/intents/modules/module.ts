/**
 * The contract between the planning pipeline and the intent modules. Each intent is one module:
 * it reads (validates) its own options and contributes its part to a container's draft plan —
 * ports, probe handlers, a Service, writable volumes, dependencies, timing pins. The pipeline
 * (plan.ts) runs the modules in a fixed order and turns the draft into a plan.
 *
 * The draft describes one container, so a workload shape with several containers (or a
 * StatefulSet / DaemonSet) reuses the same modules per container.
 */
import { ProbeKind } from '../../k8s/types';
import { ProbeJson } from '../../k8s/types';
import { IntentName } from '../../k8s/annotations';
import { HandlerKind } from '../../timing';
import { FieldChecks } from '../checks';
import { ServiceExposure } from '../intent';

/** A container port of the plan. */
export interface PlannedPort {
  /** Port name. */
  readonly name: string;
  /** Port number. */
  readonly number: number;
}

/** A Service port of the plan. */
export interface PlannedServicePort {
  /** Port name (the container port's). */
  readonly name: string;
  /** The port the Service listens on. */
  readonly port: number;
  /** The container port it forwards to. */
  readonly targetPort: number;
  /** A fixed node port. */
  readonly nodePort?: number;
}

/** The Service of the plan. */
export interface PlannedService {
  /** How it is exposed. */
  readonly exposure: ServiceExposure;
  /** Its ports: the serving port only, never the management port. */
  readonly ports: PlannedServicePort[];
}

/** An emptyDir the plan mounts so the app can write a file a probe reads under a read-only root. */
export interface PlannedVolume {
  /** The volume's name (a DNS-1123 label). */
  readonly name: string;
  /** Where it is mounted in the app container. */
  readonly mountPath: string;
  /** Why: the probe file(s) it holds. */
  readonly reason: string;
}

/** One probe's handler in the draft. */
export interface DraftHandler {
  /** The handler as Kubernetes JSON (no timing fields). */
  readonly json: ProbeJson;
  /** Network or exec: decides the timeout. */
  readonly kind: HandlerKind;
  /** What the handler names, for dependency checks: the HTTP path, gRPC service or command line. */
  readonly text: string;
  /** The field that set it, for messages. */
  readonly field: string;
  /** Programs it needs in the image beyond its own (e.g. sh, date, stat). */
  readonly needs: readonly string[];
  /** Files it reads that the app writes (a heartbeat): their directories must be writable. */
  readonly files: readonly string[];
  /** Directories declared writable for it (`writableDirectory`). */
  readonly directories: readonly string[];
  /** Whether it is the worker's heartbeat check (which a liveness command replaces). */
  readonly heartbeat: boolean;
}

/** Timing fields a command intent pins on its probe. */
export interface TimingPins {
  /** The field of the intent that pinned them. */
  readonly field: string;
  /** periodSeconds given. */
  readonly periodSeconds?: number;
  /** timeoutSeconds given. */
  readonly timeoutSeconds?: number;
  /** failureThreshold given. */
  readonly failureThreshold?: number;
}

/** A container's plan under construction; modules write to it in pipeline order. */
export interface ContainerDraft {
  /** Container ports, serving port first. */
  ports: PlannedPort[];
  /** The three handlers, set by the primary intent and replaced by command intents. */
  handlers?: Record<ProbeKind, DraftHandler>;
  /** The Service, for workloads that serve traffic. */
  service?: PlannedService;
  /** emptyDir mounts for files probes read. */
  volumes: PlannedVolume[];
  /** The declared worst startup, seconds (slow-start). */
  declaredWorstStartupSeconds?: number;
  /** The slow-start field that declared it, for messages. */
  worstStartupField?: string;
  /** Critical dependencies (readiness only). */
  critical: string[];
  /** Optional dependencies (no probe). */
  optional: string[];
  /** Fast recovery: the probe-level grace for liveness kills, and the intent's field. */
  fastRecovery?: { readonly graceSeconds: number; readonly field: string };
  /** Timing pins of command intents, per probe. */
  pins: Partial<Record<ProbeKind, TimingPins>>;
  /** The field of the primary intent, for messages. */
  primaryField: string;
  /** The primary intent. */
  primary?: IntentName;
}

/** What a module may know about the workload while contributing. */
export interface ModuleContext {
  /** The intent's field prefix, e.g. `intents[0] (http-service)`. */
  readonly field: string;
  /** Whether the image has a POSIX shell and coreutils (sh, date, stat, sleep). */
  readonly imageHasShell: boolean;
}

/** One intent's planning: reads its options, contributes to the draft. */
export interface IntentModule<O> {
  /** The intent it plans. */
  readonly name: IntentName;
  /** Whether it says what the workload serves (exactly one primary per workload). */
  readonly primary: boolean;
  /** Whether it may be given more than once (a command per probe). */
  readonly repeatable: boolean;
  /** Validates the options (issues go to `c`, scoped to the intent); undefined when they do not hold. */
  read(options: Record<string, unknown>, c: FieldChecks): O | undefined;
  /** Adds the intent's part to the draft; may record cross-field issues on `c`. */
  contribute(options: O, draft: ContainerDraft, ctx: ModuleContext, c: FieldChecks): void;
}

/** An intent module of any options type, as the registry holds them. */
export type AnyIntentModule = IntentModule<any>;

/** The same handler for all three probes. */
export function sameHandlers(h: DraftHandler): Record<ProbeKind, DraftHandler> {
  return { [ProbeKind.STARTUP]: h, [ProbeKind.LIVENESS]: h, [ProbeKind.READINESS]: h } as Record<ProbeKind, DraftHandler>;
}
