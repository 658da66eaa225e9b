/** Reading the container under test from a manifest or a plan, and every bad-input message. */
import { planWorkload } from '../../lib/intents/plan';
import { Intent } from '../../lib/intents/intent';
import { resolveHandler } from '../../lib/verify/handler';
import { VerifyInputError } from '../../lib/verify/errors';
import { Verifier, VerifyTarget } from '../../lib/verify/verifier';
import { writeManifest } from './helpers';

const deployment = (name: string, containers: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name} }
spec:
  template:
    metadata:
      annotations: { probes.cdk8s.io/worst-startup-seconds: "20", probes.cdk8s.io/critical-dependencies: "postgres,queue" }
    spec:
      containers:
${containers}`;
const app = `        - name: app
          ports: [{ name: http, containerPort: 8080 }]
          env: [{ name: A, value: "1" }, { name: SECRET, valueFrom: { secretKeyRef: { name: s, key: k } } }]
          lifecycle: { preStop: { exec: { command: [sleep, "5"] } } }
          livenessProbe: { httpGet: { path: /healthz, port: http }, periodSeconds: 5 }
`;
const sidecar = `        - name: proxy
          readinessProbe: { tcpSocket: { port: 9901 } }
`;

test('reads probes, ports, env, preStop, grace and the declared intent', () => {
  const t = VerifyTarget.fromManifestFile(writeManifest('d.yaml', deployment('orders', app))).data;
  expect(t.workload).toBe('Deployment/orders');
  expect(t.container).toBe('app');
  expect(t.livenessProbe).toBeDefined();
  expect(t.env).toEqual({ A: '1' });
  expect(t.skippedEnv).toEqual(['SECRET']);
  expect(t.preStop).toEqual({ type: 'exec', command: ['sleep', '5'], sleepSeconds: 5 });
  expect(t.graceSeconds).toBe(30);
  expect(t.declared?.worstStartupSeconds).toBe(20);
  expect(t.declared?.criticalDependencies).toEqual(['postgres', 'queue']);
});

test('a plan of the constructs is a target too', () => {
  const { plan } = planWorkload([Intent.httpService({ port: 8080 }), Intent.slowStart({ worstStartupSeconds: 30 })]);
  const t = VerifyTarget.fromPlan(plan!).data;
  expect(t.startupProbe).toBeDefined();
  expect(t.declared?.worstStartupSeconds).toBe(30);
  expect(t.ports.length).toBeGreaterThan(0);
});

describe('bad input names the file, the field, the value and what is allowed', () => {
  const expectError = (f: () => unknown, ...parts: string[]) => {
    let err: unknown;
    try { f(); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(VerifyInputError);
    for (const p of parts) expect((err as Error).message).toContain(p);
  };
  test('several workloads, an unknown workload, no workload', () => {
    const two = writeManifest('two.yaml', `${deployment('a', app)}---\n${deployment('b', app)}`);
    expectError(() => VerifyTarget.fromManifestFile(two), 'two.yaml', '2 workloads', 'Deployment/a', '--workload');
    expectError(() => VerifyTarget.fromManifestFile(two, 'c'), '--workload "c"', 'Deployment/a, Deployment/b');
    expectError(() => VerifyTarget.fromManifestFile(writeManifest('svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata: { name: s }\n')), 'no workload');
  });
  test('several containers, an unknown container', () => {
    const f = writeManifest('pod.yaml', deployment('orders', app + sidecar));
    expectError(() => VerifyTarget.fromManifestFile(f), '2 containers', 'app, proxy', '--container');
    expectError(() => VerifyTarget.fromManifestFile(f, undefined, 'db'), '--container "db"', '"app", "proxy"');
    expect(VerifyTarget.fromManifestFile(f, undefined, 'proxy').data.container).toBe('proxy');
  });
  test('unreadable file, invalid YAML, bad grace period', () => {
    expectError(() => VerifyTarget.fromManifestFile('/nonexistent/x.yaml'), '/nonexistent/x.yaml', 'ENOENT');
    expectError(() => VerifyTarget.fromManifestFile(writeManifest('bad.yaml', 'kind: [')), 'bad.yaml', 'YAML');
    const g = deployment('orders', app).replace('    spec:\n      containers:', '    spec:\n      terminationGracePeriodSeconds: -1\n      containers:');
    expectError(() => VerifyTarget.fromManifestFile(writeManifest('g.yaml', g)), 'terminationGracePeriodSeconds = -1', 'allowed');
  });
  test('handlers that cannot run: unknown named port, named gRPC port, no or two handlers, empty command, bad scheme', () => {
    const ctx = { host: '127.0.0.1', containerPorts: [{ name: 'http', containerPort: 8080 }], cwd: '/', env: {}, kubernetesVersion: '1.34' };
    expectError(() => resolveHandler({ httpGet: { port: 'web' } }, 'livenessProbe', ctx), 'livenessProbe.httpGet.port = "web"', '"http"');
    expect(resolveHandler({ httpGet: { port: 'http' } }, 'livenessProbe', ctx).port).toBe(8080);
    expectError(() => resolveHandler({ grpc: { port: 'grpc' as unknown as number } }, 'readinessProbe', ctx), 'readinessProbe.grpc.port = "grpc"', 'no port names');
    expectError(() => resolveHandler({}, 'startupProbe', ctx), 'startupProbe: no handler', 'exactly one of');
    expectError(() => resolveHandler({ tcpSocket: { port: 1 }, exec: { command: ['true'] } }, 'startupProbe', ctx), '2 handlers (tcpSocket, exec)');
    expectError(() => resolveHandler({ exec: { command: [] } }, 'livenessProbe', ctx), 'livenessProbe.exec.command = []', 'non-empty');
    expectError(() => resolveHandler({ httpGet: { port: 1, scheme: 'FTP' } }, 'livenessProbe', ctx), 'scheme = "FTP"', 'HTTP or HTTPS');
  });
  test('a container without probes: nothing to run', async () => {
    const none = writeManifest('none.yaml', deployment('orders', '        - name: app\n          image: x\n'));
    await expect(new Verifier(VerifyTarget.fromManifestFile(none), { command: 'true' }).run()).rejects.toThrow(/none.yaml: Deployment\/orders container app: no startupProbe, livenessProbe or readinessProbe/);
  });
  test('options: observe, kubernetes version, pid1 mode, dependencies', () => {
    const t = VerifyTarget.fromManifestFile(writeManifest('d.yaml', deployment('orders', app)));
    expectError(() => new Verifier(t, { observeSeconds: -1 }), 'observeSeconds = -1');
    expectError(() => new Verifier(t, { kubernetesVersion: 'v1' }), 'kubernetesVersion = "v1"', '<major>.<minor>');
    expectError(() => new Verifier(t, { dependencies: [{ name: 'Postgres', address: '127.0.0.1:5432' }] }), 'dependencies[0].name = "Postgres"');
    expectError(() => new Verifier(t, { dependencies: [{ name: 'pg', address: 'localhost' }] }), 'dependencies[0].address = "localhost"', 'HOST:PORT');
    expectError(() => new Verifier(t, { dependencies: [{ name: 'pg', address: 'h:1' }, { name: 'pg', address: 'h:2' }] }), 'given twice');
  });
});
