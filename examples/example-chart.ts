/**
 * The chart every example extends: its own namespace, named after the chart, written as a
 * Namespace object with its Pod Security level, so dist/ is one GitOps tree in which no two
 * objects share kind, namespace and name (seeds 000 and 001 both write `flask-app`).
 */
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';

/** Pod Security Standard levels (pod-security.kubernetes.io/enforce). */
export enum PodSecurityLevel {
  /** What cdk8s-plus-27's defaults meet: no host namespaces, no privileged containers. */
  BASELINE = 'baseline',
  /** Host network, host paths: node agents. */
  PRIVILEGED = 'privileged',
}

/** A chart in a namespace of its own. */
export class ExampleChart extends Chart {
  constructor(scope: Construct, id: string, podSecurity = PodSecurityLevel.BASELINE) {
    super(scope, id, { namespace: id });
    const ns = new kplus.k8s.KubeNamespace(this, 'namespace', {
      metadata: { name: id, labels: { 'pod-security.kubernetes.io/enforce': podSecurity } },
    });
    // a Namespace is cluster-scoped: cdk8s would stamp the chart's namespace on it too
    ApiObject.of(ns).addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
}
