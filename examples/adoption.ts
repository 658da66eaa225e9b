/**
 * Intents on what a team already has, and several probed containers in one pod.
 * `examples/main.ts` synthesizes these into dist/ beside the other examples; their snapshot
 * tests are test/apply/examples.test.ts.
 */
import * as kplus from 'cdk8s-plus-27';
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Intent, ProbedWorkload, ProbeIntents } from '../lib';
import { ExampleChart } from './example-chart';

/**
 * A two-container pod with two probed containers: the orders API and a Prometheus exporter
 * sidecar beside it, each with its own intents (`sidecars`). The Service exposes the API only
 * (Prometheus scrapes pods directly); the pod is Ready, and receives traffic, only when both
 * containers are Ready.
 */
export class TwoContainerPodExample extends ExampleChart {
  constructor(scope: Construct, id = 'two-container-pod') {
    super(scope, id);
    new ProbedWorkload(this, 'orders', {
      name: 'orders',
      image: 'registry.example.com/orders:2.3.0',
      replicas: 3,
      intents: [
        Intent.httpService({ port: 8080, managementPort: 8081 }),
        Intent.criticalDependencies({ critical: ['postgres'] }),
      ],
      sidecars: [{
        name: 'exporter',
        image: 'registry.example.com/orders-exporter:0.9.1',
        resources: {},
        intents: [Intent.httpService({ port: 9102, portName: 'metrics', livenessPath: '/healthz', readinessPath: '/ready' })],
      }],
    });
  }
}

/**
 * An existing cdk8s-plus Deployment given intents: the storefront as the team wrote it — a
 * container with `portNumber` (which gets cdk8s-plus's implicit TCP startup probe with a ~30 s
 * budget), a Service from `exposeViaService` — adopts the library without being rewritten. The
 * intents replace the implicit startup probe with one sized for a 4-minute start, add separate
 * liveness and readiness, name the port, and raise the grace period and rollout deadline.
 */
export class AdoptedDeploymentExample extends ExampleChart {
  constructor(scope: Construct, id = 'adopted-deployment') {
    super(scope, id);
    const storefront = new kplus.Deployment(this, 'storefront', {
      metadata: { name: 'storefront' },
      replicas: 4,
    });
    storefront.addContainer({
      name: 'storefront',
      image: 'registry.example.com/storefront:5.1.0',
      portNumber: 8080,
      envVariables: { CATALOG_URL: kplus.EnvValue.fromValue('http://catalog:8080') },
    });
    storefront.exposeViaService({ name: 'storefront' });
    ProbeIntents.applyTo(storefront, {
      container: 'storefront',
      intents: [
        Intent.httpService({ port: 8080, livenessPath: '/health/live', readinessPath: '/health/ready' }),
        Intent.slowStart({ worstStartupSeconds: 240 }),
        Intent.criticalDependencies({ critical: ['catalog'], optional: ['redis'] }),
      ],
    });
  }
}

/** The charts of this file, in dist/ order. */
export const ADOPTION_CHARTS: ReadonlyArray<new (scope: Construct) => Chart> = [TwoContainerPodExample, AdoptedDeploymentExample];
