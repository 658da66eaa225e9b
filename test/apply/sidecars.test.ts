/**
 * ProbedWorkload's `sidecars`: several probed containers in one pod through the construct, planned
 * with the app container (planPod via ProbeIntents), exposed on the Service only when asked.
 */
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { Intent, ProbedSidecarProps, ProbedWorkload, ServiceExposure } from '../../lib';
import { readDeclaredIntents } from '../../lib/k8s/annotations';
import { lintObjects } from '../../lib/rules/lint';

const metrics: ProbedSidecarProps = {
  name: 'metrics',
  image: 'exporter:1',
  intents: [Intent.httpService({ port: 9102, portName: 'metrics', livenessPath: '/healthz', readinessPath: '/ready' })],
};
const grpc: ProbedSidecarProps = { name: 'grpc', image: 'api-grpc:1', intents: [Intent.grpcService({ port: 9090 })], exposeViaService: true };

function synth(sidecars: unknown, more: object = {}): any[] {
  const chart = Testing.chart();
  new ProbedWorkload(chart, 'api', { name: 'api', image: 'api:1', intents: [Intent.httpService({ port: 8080 })], sidecars: sidecars as ProbedSidecarProps[], ...more });
  return Testing.synth(chart);
}

function synthError(sidecars: unknown, more: object = {}): string {
  try {
    synth(sidecars, more);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synth succeeded; expected a validation error');
}

describe('ProbedWorkload sidecars', () => {
  it('a REST app with a gRPC server on the Service and a metrics exporter beside it', () => {
    const objects = synth([metrics, grpc]);
    const dep = objects.find((o) => o.kind === 'Deployment');
    const svc = objects.find((o) => o.kind === 'Service');
    const byName = (n: string) => dep.spec.template.spec.containers.find((c: any) => c.name === n);
    expect(dep.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['app', 'metrics', 'grpc']);
    expect(byName('metrics').readinessProbe.httpGet).toEqual({ path: '/ready', port: 'metrics' });
    expect(byName('grpc').livenessProbe.grpc).toEqual({ port: 9090 });
    expect(svc.spec.ports).toEqual([
      { name: 'http', port: 8080, targetPort: 8080 },
      { name: 'grpc', port: 9090, targetPort: 9090 },
    ]);
    expect(readDeclaredIntents(dep.spec.template.metadata.annotations).map((d) => [d.container, d.intents.join()])).toEqual([
      ['app', 'http-service'], ['grpc', 'grpc-service'], ['metrics', 'http-service'],
    ]);
    expect(lintObjects(objects).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a sidecar that needs more time raises the rollout deadline and grace period', () => {
    const slow: ProbedSidecarProps = { ...metrics, intents: [...metrics.intents, Intent.slowStart({ worstStartupSeconds: 900 })] };
    const dep = synth([slow], { drainSeconds: 60 }).find((o) => o.kind === 'Deployment');
    expect(dep.spec.progressDeadlineSeconds).toBeGreaterThan(900);
    expect(dep.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(60);
  });

  it('a worker sidecar beside a worker app: its own emptyDir, named after it', () => {
    const chart = Testing.chart();
    new ProbedWorkload(chart, 'jobs', { name: 'jobs', image: 'jobs:1', intents: [Intent.worker()], sidecars: [{ name: 'shipper', image: 'shipper:1', intents: [Intent.worker()] }] });
    const dep = Testing.synth(chart).find((o: any) => o.kind === 'Deployment');
    const mounts = dep.spec.template.spec.containers.map((c: any) => [c.name, c.volumeMounts.map((m: any) => `${m.name}:${m.mountPath}`)]);
    expect(mounts).toEqual([['app', ['writable-tmp:/tmp']], ['shipper', ['shipper-writable-tmp:/tmp']]]);
  });

  describe('bad input names the sidecar field', () => {
    it('not a list, a null entry, a blank image', () => {
      expect(synthError('metrics')).toMatch(/\[test\/api\] sidecars: got "metrics"; allowed: a non-empty list of \{ name, image, intents \}/);
      expect(synthError([null])).toMatch(/sidecars\[0\]: got null; allowed: an options object/);
      expect(synthError([{ ...metrics, image: ' ' }])).toMatch(/sidecars\[0\]\.image: got " "; allowed: a container image reference/);
    });

    it('a name that is not a DNS label, or the app container\'s', () => {
      expect(synthError([{ ...metrics, name: 'Metrics' }])).toMatch(/sidecars\[0\]\.name: got "Metrics"; allowed: a DNS-1123 label/);
      expect(synthError([{ ...metrics, name: 'app' }])).toMatch(/sidecars\[0\]\.name: got "app", the name of another container of the pod/);
    });

    it('a sidecar\'s own intents', () => {
      expect(synthError([metrics, { ...grpc, intents: [Intent.grpcService({ port: 0 })] }]))
        .toMatch(/sidecars\[1\] \(grpc\)\.intents\[0\] \(grpc-service\)\.port: got 0; allowed: a port number from 1 to 65535/);
    });

    it('a port or port name the app already uses', () => {
      expect(synthError([{ ...metrics, intents: [Intent.httpService({ port: 8080, portName: 'metrics' })] }]))
        .toMatch(/sidecars\[0\] \(metrics\)\.ports: the plan declares port 8080 named "metrics", but container "app" already has port 8080/);
      expect(synthError([{ ...metrics, intents: [Intent.httpService({ port: 9102 })] }]))
        .toMatch(/sidecars\[0\] \(metrics\)\.ports: .*already has a port named "http"/);
    });

    it('exposing a sidecar the Service cannot take', () => {
      expect(synthError([{ ...grpc, intents: [Intent.grpcService({ port: 9090, servicePort: 8080 })] }]))
        .toMatch(/sidecars\[0\] \(grpc\)\.exposeViaService: got true, but the Service already has port 8080 named "http"/);
      expect(synthError([{ ...grpc, intents: [Intent.grpcService({ port: 9090, exposure: ServiceExposure.NODE_PORT })] }]))
        .toMatch(/sidecars\[0\] \(grpc\)\.exposeViaService: got true with the sidecar exposed as "NodePort", but the workload's Service is "ClusterIP"/);
      expect(synthError([{ ...metrics, intents: [Intent.worker()], exposeViaService: true }]))
        .toMatch(/sidecars\[0\] \(metrics\)\.exposeViaService: got true, but metrics serves nothing/);
    });

    it('a sidecar exposed beside a worker, which has no Service', () => {
      const chart: Chart = Testing.chart();
      new ProbedWorkload(chart, 'w', { name: 'w', image: 'w:1', intents: [Intent.worker()], sidecars: [grpc] });
      expect(() => Testing.synth(chart)).toThrow(/sidecars\[0\] \(grpc\)\.exposeViaService: got true, but the workload serves nothing and has no Service/);
    });
  });
});

describe('a finding in a workload with sidecars (two render checks on one Deployment)', () => {
  it('is reported once, as the workload\'s, not wrapped as a render failure of the sidecars\' intents', () => {
    const chart = Testing.chart();
    const w = new ProbedWorkload(chart, 'worker', { name: 'worker', image: 'w:1', intents: [Intent.worker()], sidecars: [metrics] });
    // a worker has no Service: the Deployment alone completes the workload's check, inside the sidecars' one
    ApiObject.of(w.deployment).addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/livenessProbe/timeoutSeconds', 600));
    let message = '';
    try {
      Testing.synth(chart);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Validation failed with the following errors:\n  \[test\/worker\] timeout-not-below-period: Deployment container app/);
    expect(message).not.toContain('cannot be rendered');
  });
});
