/**
 * The workload shapes beyond the seeds' Deployments: a node agent (DaemonSet) and an autoscaled
 * web service with a disruption budget, using the cdk8s-plus-style props (secrets and config maps
 * as env, a service account, extra ports, labels and annotations) that need no JSON patch.
 */
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Intent, ProbedDaemonSet, ProbedWorkload, ServiceExposure } from '../lib';
import { ExampleChart, PodSecurityLevel } from './example-chart';

/**
 * A node agent: Prometheus' node exporter on every node, in the node's network namespace so it
 * reports the node's interfaces. With hostNetwork the kubelet probes the pod IP, which is the
 * node's IP, on the agent's port; no probe sets `host`. hostNetwork and hostPath need the
 * namespace's Pod Security level to be privileged.
 */
export class NodeAgentExample extends ExampleChart {
  constructor(scope: Construct, id = 'node-agent') {
    super(scope, id, PodSecurityLevel.PRIVILEGED);
    const proc = kplus.Volume.fromHostPath(this, 'proc', 'proc', { path: '/proc' });
    const sys = kplus.Volume.fromHostPath(this, 'sys', 'sys', { path: '/sys' });
    new ProbedDaemonSet(this, 'node-exporter', {
      name: 'node-exporter',
      image: 'quay.io/prometheus/node-exporter:v1.7.0',
      hostNetwork: true,
      maxUnavailable: 2,
      args: ['--path.procfs=/host/proc', '--path.sysfs=/host/sys', '--web.listen-address=:9100'],
      volumeMounts: [
        { path: '/host/proc', volume: proc, readOnly: true },
        { path: '/host/sys', volume: sys, readOnly: true },
      ],
      // the image's user: nobody
      securityContext: { user: 65534, group: 65534 },
      resources: {
        cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(250) },
        memory: { request: Size.mebibytes(32), limit: Size.mebibytes(128) },
      },
      // one endpoint (the landing page): readiness leaves the Service before liveness restarts
      intents: [Intent.httpService({ port: 9100, portName: 'metrics', livenessPath: '/', readinessPath: '/' })],
    });
  }
}

/**
 * An autoscaled web service: an HPA between 3 and 12 pods on 70 % CPU of the request, no
 * `replicas` (the HPA owns the count), a PodDisruptionBudget of one pod, a LoadBalancer on port
 * 80 in front of container port 8080, a metrics port the Service does not expose, the database
 * URL from a Secret and feature flags from a ConfigMap.
 */
export class AutoscaledWebExample extends ExampleChart {
  constructor(scope: Construct, id = 'autoscaled-web') {
    super(scope, id);
    const secret = kplus.Secret.fromSecretName(this, 'db', 'storefront-db');
    const flags = kplus.ConfigMap.fromConfigMapName(this, 'flags', 'storefront-flags');
    new ProbedWorkload(this, 'storefront', {
      name: 'storefront',
      image: 'registry.example.com/storefront:5.1.0',
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      labels: { 'app.kubernetes.io/part-of': 'shop' },
      podAnnotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090' },
      serviceAccount: kplus.ServiceAccount.fromServiceAccountName(this, 'sa', 'storefront'),
      envVariables: {
        DATABASE_URL: kplus.EnvValue.fromSecretValue({ secret, key: 'url' }),
        FEATURE_FLAGS: kplus.EnvValue.fromConfigMap(flags, 'flags'),
      },
      extraPorts: [{ number: 9090, name: 'metrics' }],
      resources: {
        cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(1000) },
        memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
      },
      autoscaling: { minReplicas: 3, maxReplicas: 12, cpuUtilizationPercent: 70 },
      intents: [
        Intent.httpService({ port: 8080, servicePort: 80, exposure: ServiceExposure.LOAD_BALANCER }),
        Intent.criticalDependencies({ critical: ['postgres'] }),
      ],
    });
  }
}
