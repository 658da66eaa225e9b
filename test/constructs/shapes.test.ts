/**
 * The workload shapes (issue 8): StatefulSet, DaemonSet, autoscaling and disruption budgets, and
 * the cdk8s-plus-style props, rendered end to end and validated against the 1.27 schema.
 */
import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  DisruptionBudget, Intent, ProbedDaemonSet, ProbedStatefulSet, ProbedWorkload, ProbeKind, ServiceExposure,
} from '../../lib';
import { statefulRolloutBudget } from '../../lib/timing';
import { validateObject } from './k8s-schema';

type Obj = Record<string, any>;

function synth(build: (chart: Chart) => void, namespace?: string): Obj[] {
  const chart = new Chart(Testing.app(), 'chart', { namespace });
  build(chart);
  const objects = Testing.synth(chart) as Obj[];
  for (const o of objects) validateObject(o);
  return objects;
}

const find = (objects: Obj[], kind: string, name?: string) => objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
const one = (objects: Obj[], kind: string, name?: string) => {
  const all = find(objects, kind, name);
  expect(all).toHaveLength(1);
  return all[0];
};
const http = (o: object = {}) => Intent.httpService({ port: 8080, ...o });
const postgresIntents = () => [
  Intent.tcpService({ port: 5432, portName: 'postgres' }),
  Intent.command({ probe: ProbeKind.READINESS, command: ['pg_isready', '-h', '127.0.0.1'] }),
];

describe('the schema check itself', () => {
  it('rejects an invalid object and a kind it does not know', () => {
    expect(() => validateObject({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'x' }, spec: { selector: {} } })).toThrow();
    expect(() => validateObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })).toThrow(/no schema check/);
  });
});

describe('ProbedStatefulSet', () => {
  it('writes a headless governing Service, a client Service and a claim per pod, mounted in the app container', () => {
    const objects = synth((chart) => new ProbedStatefulSet(chart, 'db', {
      name: 'postgres', image: 'postgres:16', intents: postgresIntents(),
      storage: [{ mountPath: '/var/lib/postgresql/data', size: Size.gibibytes(10), storageClassName: 'fast-ssd' }],
    }));
    const set = one(objects, 'StatefulSet', 'postgres');
    expect(set.spec.serviceName).toBe('postgres-headless');
    expect(set.spec.replicas).toBe(1);
    expect(set.spec.podManagementPolicy).toBe('OrderedReady');
    expect(set.spec.volumeClaimTemplates).toEqual([{
      metadata: { name: 'data', labels: { 'app.kubernetes.io/name': 'postgres' } },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast-ssd', resources: { requests: { storage: '10Gi' } } },
    }]);
    expect(set.spec.template.spec.containers[0].volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/postgresql/data' });
    const headless = one(objects, 'Service', 'postgres-headless');
    expect(headless.spec.clusterIP).toBe('None');
    expect(headless.spec.publishNotReadyAddresses).toBe(true);
    const client = one(objects, 'Service', 'postgres');
    expect(client.spec.clusterIP).toBeUndefined();
    expect(client.spec.selector).toEqual(headless.spec.selector);
    expect(client.spec.ports).toEqual([{ name: 'postgres', port: 5432, targetPort: 5432 }]);
    expect(find(objects, 'PodDisruptionBudget')).toEqual([]); // one pod: no budget
  });

  it('uses the workload Service as the governing one with ServiceExposure.HEADLESS', () => {
    const objects = synth((chart) => new ProbedStatefulSet(chart, 'kafka', {
      name: 'kafka', image: 'kafka:3', replicas: 3, intents: [Intent.tcpService({ port: 9092, exposure: ServiceExposure.HEADLESS })],
    }));
    expect(find(objects, 'Service').map((s) => s.metadata.name)).toEqual(['kafka']);
    const svc = one(objects, 'Service', 'kafka');
    expect(svc.spec.clusterIP).toBe('None');
    expect(svc.spec.publishNotReadyAddresses).toBeUndefined(); // it carries traffic: Ready pods only
    expect(one(objects, 'StatefulSet').spec.serviceName).toBe('kafka');
    expect(one(objects, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
  });

  it('gives a worker set a headless Service without ports (identities only)', () => {
    const objects = synth((chart) => new ProbedStatefulSet(chart, 'w', { name: 'indexer', image: 'i:1', intents: [Intent.worker()] }));
    const svc = one(objects, 'Service', 'indexer-headless');
    expect(svc.spec.ports).toBeUndefined();
    expect(svc.spec.clusterIP).toBe('None');
  });

  it('budgets the rollout: OrderedReady creation adds the pods up, Parallel overlaps them, updates are serial either way', () => {
    let ordered: ProbedStatefulSet | undefined;
    let parallel: ProbedStatefulSet | undefined;
    synth((chart) => {
      ordered = new ProbedStatefulSet(chart, 'a', { name: 'a', image: 'x:1', replicas: 3, intents: postgresIntents() });
      parallel = new ProbedStatefulSet(chart, 'b', { name: 'b', image: 'x:1', replicas: 3, podManagementPolicy: kplus.PodManagementPolicy.PARALLEL, intents: postgresIntents() });
    });
    const t = ordered!.plan!.timings;
    const expected = statefulRolloutBudget(t.startup, t.readiness, 3, ordered!.plan!.terminationGracePeriodSeconds, true);
    expect(ordered!.rolloutBudget).toEqual(expected);
    expect(expected.creationSeconds).toBe(3 * expected.perPodSeconds);
    expect(parallel!.rolloutBudget!.creationSeconds).toBe(expected.perPodSeconds);
    expect(parallel!.rolloutBudget!.rollingUpdateSeconds).toBe(expected.rollingUpdateSeconds);
  });
});

describe('ProbedDaemonSet', () => {
  it('writes no replicas, a rolling update of maxUnavailable pods, and hostNetwork with cluster DNS', () => {
    const objects = synth((chart) => new ProbedDaemonSet(chart, 'agent', {
      name: 'agent', image: 'agent:1', hostNetwork: true, maxUnavailable: 3, intents: [http({ livenessPath: '/', readinessPath: '/' })],
    }));
    const ds = one(objects, 'DaemonSet', 'agent');
    expect(ds.spec.replicas).toBeUndefined();
    expect(ds.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 3 } });
    expect(ds.spec.template.spec.hostNetwork).toBe(true);
    expect(ds.spec.template.spec.dnsPolicy).toBe('ClusterFirstWithHostNet');
    const c = ds.spec.template.spec.containers[0];
    for (const probe of [c.startupProbe, c.livenessProbe, c.readinessProbe]) expect(probe.httpGet.host).toBeUndefined();
    expect(find(objects, 'PodDisruptionBudget')).toEqual([]);
    expect(find(objects, 'HorizontalPodAutoscaler')).toEqual([]);
  });

  it('defaults to one pod at a time and the pod network', () => {
    const ds = one(synth((chart) => new ProbedDaemonSet(chart, 'a', { name: 'a', image: 'a:1', intents: [Intent.worker()] })), 'DaemonSet');
    expect(ds.spec.updateStrategy.rollingUpdate.maxUnavailable).toBe(1);
    expect(ds.spec.template.spec.hostNetwork).toBe(false);
  });
});

describe('replicas, autoscaling and disruption', () => {
  it('leaves replicas to the autoscaler and writes an autoscaling/v2 HPA with CPU and memory targets', () => {
    const objects = synth((chart) => new ProbedWorkload(chart, 'web', {
      name: 'web', image: 'web:1', intents: [http()],
      autoscaling: { minReplicas: 2, maxReplicas: 8, cpuUtilizationPercent: 60, memoryUtilizationPercent: 80 },
    }));
    expect(one(objects, 'Deployment').spec.replicas).toBeUndefined();
    const hpa = one(objects, 'HorizontalPodAutoscaler', 'web');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 8,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
      ],
    });
  });

  it('targets 70 % CPU when autoscaling names no target', () => {
    const objects = synth((chart) => new ProbedWorkload(chart, 'web', { name: 'web', image: 'web:1', intents: [http()], autoscaling: { minReplicas: 1, maxReplicas: 3 } }));
    expect(one(objects, 'HorizontalPodAutoscaler').spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
  });

  it('derives the PodDisruptionBudget from replicas, selecting the workload pods, also for a worker without a Service', () => {
    const objects = synth((chart) => {
      new ProbedWorkload(chart, 'one', { name: 'one', image: 'x:1', replicas: 1, intents: [http()] });
      new ProbedWorkload(chart, 'two', { name: 'two', image: 'x:1', replicas: 2, intents: [Intent.worker()] });
      new ProbedWorkload(chart, 'off', { name: 'off', image: 'x:1', replicas: 4, disruptionBudget: DisruptionBudget.none(), intents: [http()] });
      new ProbedWorkload(chart, 'wide', { name: 'wide', image: 'x:1', replicas: 6, disruptionBudget: DisruptionBudget.maxUnavailable(2), intents: [http()] });
    });
    expect(find(objects, 'PodDisruptionBudget').map((p) => [p.metadata.name, p.spec.maxUnavailable])).toEqual([['two', 1], ['wide', 2]]);
    const pdb = one(objects, 'PodDisruptionBudget', 'two');
    expect(pdb.spec.selector.matchLabels).toEqual(one(objects, 'Deployment', 'two').spec.selector.matchLabels);
  });

  it('autoscales a StatefulSet too', () => {
    const objects = synth((chart) => new ProbedStatefulSet(chart, 's', { name: 's', image: 'x:1', intents: postgresIntents(), autoscaling: { minReplicas: 2, maxReplicas: 4 } }));
    expect(one(objects, 'StatefulSet').spec.replicas).toBeUndefined();
    expect(one(objects, 'HorizontalPodAutoscaler').spec.scaleTargetRef.kind).toBe('StatefulSet');
  });
});

describe('cdk8s-plus parity props', () => {
  it('renders metadata, namespace, env values, mounts, ports, command and pull policy without JSON patches', () => {
    const objects = synth((chart) => {
      const secret = kplus.Secret.fromSecretName(chart, 's', 'creds');
      const config = kplus.ConfigMap.fromConfigMapName(chart, 'c', 'cfg');
      new ProbedWorkload(chart, 'api', {
        name: 'api', image: 'api:1', namespace: 'team-a', replicas: 1,
        labels: { team: 'a' }, annotations: { 'example.com/owner': 'a' }, podAnnotations: { 'prometheus.io/scrape': 'true' },
        command: ['/app'], args: ['--serve'], imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
        env: { MODE: 'prod' },
        envVariables: { TOKEN: kplus.EnvValue.fromSecretValue({ secret, key: 'token' }) },
        envFrom: [kplus.Env.fromConfigMap(config)],
        volumeMounts: [{ path: '/etc/api', volume: kplus.Volume.fromConfigMap(chart, 'cv', config), readOnly: true }],
        serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'api'),
        automountServiceAccountToken: true,
        extraPorts: [{ number: 9090, name: 'metrics' }, { number: 9443, name: 'admin', exposed: true }],
        intents: [http({ servicePort: 80, exposure: ServiceExposure.LOAD_BALANCER })],
      });
    }, 'chart-ns');
    const d = one(objects, 'Deployment');
    expect(d.metadata).toMatchObject({ namespace: 'team-a', labels: { 'team': 'a', 'app.kubernetes.io/name': 'api' }, annotations: { 'example.com/owner': 'a' } });
    expect(d.spec.template.metadata.annotations['prometheus.io/scrape']).toBe('true');
    expect(d.spec.template.metadata.annotations['probes.cdk8s.io/intents']).toBe('http-service');
    expect(d.spec.template.spec.serviceAccountName).toBe('api');
    expect(d.spec.template.spec.automountServiceAccountToken).toBe(true);
    const c = d.spec.template.spec.containers[0];
    expect(c).toMatchObject({ command: ['/app'], args: ['--serve'], imagePullPolicy: 'IfNotPresent' });
    expect(c.env).toEqual([{ name: 'MODE', value: 'prod' }, { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } }]);
    expect(c.envFrom).toEqual([{ configMapRef: { name: 'cfg' } }]);
    expect(c.volumeMounts).toContainEqual(expect.objectContaining({ mountPath: '/etc/api', readOnly: true }));
    expect(c.ports.map((p: Obj) => p.name)).toEqual(['http', 'metrics', 'admin']);
    expect(c.livenessProbe.httpGet.port).toBe('http'); // the extra ports are never probed
    const svc = one(objects, 'Service');
    expect(svc.metadata.namespace).toBe('team-a');
    expect(svc.spec.type).toBe('LoadBalancer');
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080 }, { name: 'admin', port: 9443, targetPort: 9443 }]);
  });

  it('takes the chart namespace when none is given', () => {
    const objects = synth((chart) => new ProbedWorkload(chart, 'api', { name: 'api', image: 'api:1', intents: [http()] }), 'shop');
    for (const o of objects) expect(o.metadata.namespace).toBe('shop');
  });

  it('lets a writable volume mount replace the emptyDir a heartbeat directory would get', () => {
    const objects = synth((chart) => new ProbedWorkload(chart, 'w', {
      name: 'w', image: 'w:1', replicas: 1, intents: [Intent.worker({ heartbeatFile: '/work/beat' })],
      volumeMounts: [{ path: '/work', volume: kplus.Volume.fromEmptyDir(chart, 'scratch', 'scratch', { sizeLimit: Size.mebibytes(64) }) }],
    }));
    const pod = one(objects, 'Deployment').spec.template.spec;
    expect(pod.volumes.map((v: Obj) => v.name)).toEqual(['scratch']);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'scratch', mountPath: '/work' }]);
  });

  it('allows the same name in two namespaces of one chart', () => {
    const objects = synth((chart) => {
      new ProbedWorkload(chart, 'a', { name: 'api', namespace: 'one', image: 'x:1', intents: [http()] });
      new ProbedWorkload(chart, 'b', { name: 'api', namespace: 'two', image: 'x:1', intents: [http()] });
    });
    expect(find(objects, 'Deployment', 'api').map((d) => d.metadata.namespace)).toEqual(['one', 'two']);
  });
});

describe('the README numbers', () => {
  it('Postgres example: 191 s per pod, 224 s per rolling update (README "StatefulSet")', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { TcpServiceExample } = require('../../examples/charts');
    const chart = new TcpServiceExample(Testing.app());
    const set = chart.node.findAll().find((c: unknown) => c instanceof ProbedStatefulSet) as ProbedStatefulSet;
    expect(set.rolloutBudget).toEqual({ perPodSeconds: 191, creationSeconds: 191, rollingUpdateSeconds: 224 });
  });
});
