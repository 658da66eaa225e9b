/**
 * Several probed containers in one pod: each planned with its own intents by the same pipeline,
 * then held together (ports and names unique in the pod, one Service, volume names, grace,
 * rollout deadline, annotations per container, the traffic gate).
 */
import { Annotations, readDeclaredIntent, readDeclaredIntents, writeDeclaredIntents } from '../../lib/k8s/annotations';
import { Intent, ServiceExposure } from '../../lib/intents/intent';
import { planWorkload } from '../../lib/intents/plan';
import { ContainerIntents, planPod } from '../../lib/intents/pod';
import { startupAllowance } from '../../lib/timing';

const app = (o: Partial<ContainerIntents> = {}): ContainerIntents => ({ name: 'app', intents: [Intent.httpService({ port: 8080 })], ...o });
const metrics = (o: Partial<ContainerIntents> = {}): ContainerIntents => ({
  name: 'metrics',
  intents: [Intent.httpService({ port: 9102, portName: 'metrics', livenessPath: '/healthz', readinessPath: '/ready' })],
  ...o,
});

function issues(containers: unknown, targets?: object): string[] {
  const r = planPod(containers as ContainerIntents[], targets);
  expect(r.plan).toBeUndefined();
  return r.issues.map((i) => `${i.field}: ${i.message}`);
}

describe('planPod', () => {
  it('plans each container as planWorkload would on its own', () => {
    const { plan } = planPod([app(), metrics()]);
    const alone = planWorkload(metrics().intents, { containerName: 'metrics' }).plan!;
    expect(plan!.containers[1].livenessProbe).toEqual(alone.livenessProbe);
    expect(plan!.containers[1].readinessProbe).toEqual(alone.readinessProbe);
    expect(plan!.containers[1].timings).toEqual(alone.timings);
  });

  it('exposes the first serving container by default, the others when asked (REST + gRPC)', () => {
    expect(planPod([app(), metrics()]).plan!.service!.ports.map((p) => p.name)).toEqual(['http']);
    const both = planPod([app(), { name: 'grpc', intents: [Intent.grpcService({ port: 9090 })], exposeViaService: true }]).plan!;
    expect(both.service!.ports).toEqual([
      { name: 'http', port: 8080, targetPort: 8080 },
      { name: 'grpc', port: 9090, targetPort: 9090 },
    ]);
    expect(both.traffic.servingContainers).toEqual(['app', 'grpc']);
    // a worker first: no Service unless a serving container asks for one
    expect(planPod([{ name: 'worker', intents: [Intent.worker()] }, metrics()]).plan!.service).toBeUndefined();
  });

  it('takes the largest grace period and a rollout deadline covering the slowest container', () => {
    const slow = metrics({ intents: [...metrics().intents, Intent.slowStart({ worstStartupSeconds: 900 })] });
    const plan = planPod([app(), slow], { drainSeconds: 40 }).plan!;
    const alone = (c: ContainerIntents) => planWorkload(c.intents, { containerName: c.name, drainSeconds: 40 }).plan!;
    expect(plan.progressDeadlineSeconds).toBe(alone(slow).progressDeadlineSeconds);
    expect(plan.progressDeadlineSeconds).toBeGreaterThan(alone(app()).progressDeadlineSeconds);
    expect(plan.terminationGracePeriodSeconds).toBe(Math.max(alone(app()).terminationGracePeriodSeconds, alone(slow).terminationGracePeriodSeconds));
    expect(plan.traffic.slowestContainer).toBe('metrics');
    expect(startupAllowance(plan.containers[1].timings.startup).guaranteedSeconds).toBeGreaterThanOrEqual(900);
  });

  it('says which containers gate traffic: every one, by its readiness check', () => {
    const plan = planPod([app(), metrics(), { name: 'sync', intents: [Intent.worker()] }]).plan!;
    expect(plan.traffic.readyWhen).toEqual([
      'app: httpGet /readyz on port "http"',
      'metrics: httpGet /ready on port "metrics"',
      expect.stringMatching(/^sync: exec \["sh","-c",/),
    ]);
  });

  it('writes the first container under the plain keys and the others per container, readable back', () => {
    const plan = planPod([app(), metrics({ hangDetectionSeconds: 20 })]).plan!;
    expect(plan.annotations).toEqual({
      [Annotations.CONTAINER]: 'app',
      [Annotations.INTENTS]: 'http-service',
      'metrics.probes.cdk8s.io/intents': 'http-service',
      'metrics.probes.cdk8s.io/hang-detection-seconds': '20',
    });
    // readers of the single-container contract see the first container, unchanged
    expect(readDeclaredIntent(plan.annotations)!.container).toBe('app');
    expect(readDeclaredIntents(plan.annotations).map((d) => [d.container, d.intents, d.hangDetectionSeconds])).toEqual([
      ['app', ['http-service'], undefined],
      ['metrics', ['http-service'], 20],
    ]);
    expect(writeDeclaredIntents(readDeclaredIntents(plan.annotations))).toEqual(plan.annotations);
  });

  it('names volumes per container so two heartbeats do not share a directory', () => {
    const plan = planPod([{ name: 'a', intents: [Intent.worker()] }, { name: 'b', intents: [Intent.worker()] }]).plan!;
    expect(plan.containers.map((c) => c.volumes.map((v) => [v.name, v.mountPath]))).toEqual([[['a-writable-tmp', '/tmp']], [['b-writable-tmp', '/tmp']]]);
  });

  describe('bad input names the field, the value and what is allowed', () => {
    it('no containers', () => {
      expect(issues([])).toEqual(['containers: got 0 entries; allowed: a non-empty list of containers, each with a name and intents']);
      expect(issues(null)[0]).toMatch(/^containers: got null/);
    });

    it('a null entry, a bad or duplicate name', () => {
      expect(issues([null])).toEqual(['containers[0]: got null; allowed: an options object']);
      expect(issues([app({ name: 'App_1' })])[0]).toMatch(/^containers\[0\]\.name: got "App_1"; allowed: a DNS-1123 label/);
      expect(issues([app(), app()])).toEqual(['containers[1].name: got "app", the name of containers[0] too; allowed: a container name unique in the pod']);
    });

    it('a container\'s own bad input, under its prefix', () => {
      expect(issues([app(), metrics({ intents: [Intent.httpService({ port: 0 })] })]))
        .toEqual(['containers[1] (metrics).intents[0] (http-service).port: got 0; allowed: a port number from 1 to 65535']);
      expect(issues([app({ readOnlyRootFilesystem: 'yes' as unknown as boolean })])).toEqual(['containers[0] (app).readOnlyRootFilesystem: got "yes"; allowed: true or false']);
    });

    it('a pod-level value reported once, not per container', () => {
      expect(issues([app(), metrics()], { replicas: 0 })).toEqual(['replicas: got 0; allowed: a whole number of pods from 1 to 2147483647']);
    });

    it('a port number two containers use (one network namespace)', () => {
      expect(issues([app(), metrics({ intents: [Intent.httpService({ port: 8080, portName: 'metrics' })] })]))
        .toEqual([expect.stringMatching(/^containers\[1\] \(metrics\)\.intents\[0\] \(http-service\)\.port: got 8080, already a port of containers\[0\] \(app\); allowed: a port no other container of the pod uses/)]);
    });

    it('a port name two containers use (a named targetPort would be ambiguous)', () => {
      expect(issues([app(), metrics({ intents: [Intent.httpService({ port: 9102 })] })]))
        .toEqual([expect.stringMatching(/^containers\[1\] \(metrics\)\.intents\[0\] \(http-service\)\.portName: got "http", already a port name of containers\[0\] \(app\); allowed: a port name unique in the pod .* e\.g\. "metrics-http"/)]);
    });

    it('a management port clashing with another container\'s serving port', () => {
      expect(issues([app(), metrics({ intents: [Intent.httpService({ port: 9102, portName: 'metrics', managementPort: 8080, managementPortName: 'admin' })] })]))
        .toEqual([expect.stringMatching(/^containers\[1\] \(metrics\)\.intents\[0\] \(http-service\)\.managementPort: got 8080, already a port of containers\[0\] \(app\)/)]);
    });

    it('exposing a container that serves nothing, or with a different exposure, or on the same Service port', () => {
      expect(issues([app(), { name: 'worker', intents: [Intent.worker()], exposeViaService: true }]))
        .toEqual(['containers[1] (worker).exposeViaService: got true, but worker serves nothing (worker-no-http); allowed: false, or a serving intent (httpService, tcpService, grpcService)']);
      expect(issues([app(), metrics({ exposeViaService: true, intents: [Intent.httpService({ port: 9102, portName: 'metrics', exposure: ServiceExposure.NODE_PORT })] })]))
        .toEqual(['containers[1] (metrics).exposure: got "NodePort", but containers[0] (app) is exposed as "ClusterIP"; allowed: one exposure for the pod\'s Service']);
      expect(issues([app(), metrics({ exposeViaService: true, intents: [Intent.httpService({ port: 9102, portName: 'metrics', servicePort: 8080 })] })]))
        .toEqual(['containers[1] (metrics).servicePort: got 8080, the Service port of containers[0] (app) too; allowed: a servicePort unique in the Service']);
      expect(issues([app({ exposeViaService: 'no' as unknown as boolean })])).toEqual(['containers[0] (app).exposeViaService: got "no"; allowed: true or false']);
    });
  });
});
