/**
 * What several probe rules judge the same way: the well-known injected sidecars and the
 * containers whose probes are the manifest author's business, and which workloads serve for a
 * long time. The field readers these rules once kept here live in lib/manifest (one reader per
 * field, shared with the intent planning); they are re-exported below for callers on other
 * branches and are deprecated here.
 */
import { asRecord, recentPerObject } from '../manifest/record';
import { RUN_TO_COMPLETION_KINDS, Workload, WorkloadContainer } from '../manifest/workloads';
import { probedContainers } from './types';

/** @deprecated import from lib/manifest. */
export {
  asRecord,
  declaredPorts,
  DeclaredPort,
  describeDeclaredPorts,
  describeHandler,
  execPrograms,
  HANDLER_FIELDS,
  HandlerField,
  handlerFieldsOf,
  HandlerKind,
  handlerKind,
  HandlerPort,
  handlerPorts,
  isPortNumber,
  isSet,
  normalizeHandler,
  NormalizedHandler,
  ProbeEntry,
  probesOf,
  ResolvedPort,
  resolvePort,
  sameHandler,
} from '../manifest';
/** @deprecated import from lib/k8s/names. */
export { portNameErrors } from '../k8s/names';

/**
 * Names of sidecars that meshes and agents inject, whose probes (or lack of them) are the
 * injector's business, not the manifest author's. Matched on the container name.
 */
export const INJECTED_SIDECAR_NAMES: ReadonlySet<string> = new Set([
  'cloud-sql-proxy', // Google Cloud SQL Auth Proxy
  'cloudsql-proxy', // its older name
  'consul-dataplane', // Consul service mesh
  'daprd', // Dapr
  'envoy-sidecar', // Consul Connect (older)
  'istio-proxy', // Istio
  'kuma-sidecar', // Kuma / Kong Mesh
  'linkerd-proxy', // Linkerd
  'otc-container', // OpenTelemetry Operator collector sidecar
  'vault-agent', // HashiCorp Vault Agent Injector
]);

/** Whether a container is a well-known injected sidecar (see {@link INJECTED_SIDECAR_NAMES}). */
export function isInjectedSidecar(container: unknown): boolean {
  const c = asRecord(container);
  return !!c && typeof c.name === 'string' && INJECTED_SIDECAR_NAMES.has(c.name);
}

/** Whether a workload serves for a long time (not a Job or CronJob, which run to completion). */
export function isLongRunning(w: Workload): boolean {
  return !RUN_TO_COMPLETION_KINDS.has(w.kind);
}

/**
 * The containers a "probe missing" check should judge: containers whose probes run (app
 * containers and native sidecars, not plain init containers), minus well-known injected sidecars.
 */
export const authoredProbedContainers: (w: Workload) => readonly WorkloadContainer[] = recentPerObject((w: Workload) =>
  probedContainers(w).filter((c) => !isInjectedSidecar(c.container)),
);

