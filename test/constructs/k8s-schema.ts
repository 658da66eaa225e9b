/**
 * Validation of synthesized objects against the Kubernetes 1.27 schema with kubernetes-models
 * (generated from the 1.27.1 OpenAPI; not a hand-written schema). Throws on an invalid object and
 * on a kind this library never writes.
 */
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';

const MODELS: Record<string, new (o: any) => { validate(): void }> = {
  'apps/v1 Deployment': Deployment,
  'apps/v1 StatefulSet': StatefulSet,
  'apps/v1 DaemonSet': DaemonSet,
  'v1 Service': Service,
  'v1 Namespace': Namespace,
  'autoscaling/v2 HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget,
};

/** The kinds (apiVersion + kind) the schema check knows. */
export const VALIDATED_KINDS = Object.keys(MODELS);

/** Validates one object; throws with the kind and name when it is invalid or of an unknown kind. */
export function validateObject(o: Record<string, any>): void {
  const Model = MODELS[`${o.apiVersion} ${o.kind}`];
  if (!Model) throw new Error(`no schema check for ${o.apiVersion} ${o.kind} (${o.metadata?.name})`);
  new Model(o).validate();
}
