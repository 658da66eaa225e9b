/**
 * Issue 7's list of inputs checked at synth, one case each: the message names the construct path,
 * the field as written, the value given and what is allowed; synth writes no YAML and never throws
 * a TypeError at the user. Cases come from TypeScript and from JavaScript callers (`as any`).
 */
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as fs from 'fs';
import * as fc from 'fast-check';
import { Intent, ProbedWorkload, ProbedWorkloadProps, ProbeKind } from '../../lib';

const http = (o: object = {}) => Intent.httpService({ port: 8080, ...o });
type Build = (chart: Chart) => void;
const workload = (props: Partial<ProbedWorkloadProps> | null | undefined, id = 'svc'): Build => (chart) => {
  new ProbedWorkload(chart, id, props === null || props === undefined ? (props as any) : { image: 'img:1', intents: [http()], ...props });
};
const js = (v: unknown) => v as any;

function synthError(build: Build): string {
  const app: App = Testing.app();
  const chart = new Chart(app, 'chart');
  build(chart);
  try {
    app.synthYaml();
  } catch (e) {
    expect(e).not.toBeInstanceOf(TypeError);
    return (e as Error).message;
  }
  throw new Error('synth succeeded; expected a validation error');
}

const cases: Array<[string, Build, RegExp]> = [
  // names
  ['workload name not a DNS-1123 label', workload({ name: 'My_App' }), /\[chart\/svc\] name: got "My_App", which is not a DNS-1123 label; allowed: lowercase letters/],
  ['workload name with a dot', workload({ name: 'api.v2' }), /name: got "api\.v2", which is not a DNS-1123 label/],
  ['Service name starting with a digit', workload({ name: '1api' }), /name: got "1api", which is not a valid Service name \(DNS-1035: it must start with a letter\)/],
  ['name longer than 63', workload({ name: 'a'.repeat(64) }), /name: got "a{64}", which is not a DNS-1123 label; allowed: .*at most 63 characters/],
  ['name derived from a path that starts with a digit', (chart) => new ProbedWorkload(new Chart(chart.node.scope!, '1st'), 'svc', { image: 'i', intents: [http()] }), /name: not given, and the name derived from the construct path, "1st-svc-[0-9a-f]{8}", is not a valid Service name/],
  ['two workloads with one name in a chart', (chart) => { workload({ name: 'api' }, 'a')(chart); workload({ name: 'api' }, 'b')(chart); }, /\[chart\/b\] name: got "api", the name of chart\/a in the same chart and namespace; allowed: a name no other workload of the namespace has/],
  // image
  ['image missing', workload({ image: js(undefined) }), /\[chart\/svc\] image: got undefined; allowed: a container image reference/],
  ['image empty', workload({ image: '' }), /image: got ""; allowed: a container image reference/],
  ['image blank', workload({ image: '   ' }), /image: got "   "; allowed/],
  ['image with surrounding whitespace', workload({ image: ' nginx:1 ' }), /image: got " nginx:1 "; allowed: .*without surrounding whitespace/],
  // env
  ['env name starting with a digit', workload({ env: { '1BAD': 'x' } }), /env\["1BAD"\]: got "1BAD"; allowed: an environment variable name/],
  ['env name with a space', workload({ env: { 'A B': 'x' } }), /env\["A B"\]: got "A B"/],
  ['env name empty', workload({ env: { '': 'x' } }), /env\[""\]: got ""/],
  ['env name with =', workload({ env: { 'A=B': 'x' } }), /env\["A=B"\]: got "A=B"/],
  ['env value a number (JavaScript)', workload({ env: js({ CRASH_AFTER: 60 }) }), /env\["CRASH_AFTER"\]: got 60; allowed: a string value/],
  ['env value null (JavaScript)', workload({ env: js({ A: null }) }), /env\["A"\]: got null; allowed: a string value/],
  ['env not an object (JavaScript)', workload({ env: js('A=1') }), /env: got "A=1"; allowed: an options object/],
  // int32 and API ranges, on the field given
  ['hangDetectionSeconds 1e10', workload({ hangDetectionSeconds: 1e10 }), /\[chart\/svc\] hangDetectionSeconds: got 10000000000; allowed: a whole number of seconds from 1 to 2147483647/],
  ['replicas 1e10', workload({ replicas: 1e10 }), /replicas: got 10000000000; allowed: a whole number of pods from 1 to 2147483647/],
  ['worstStartupSeconds beyond int32', workload({ intents: [http(), Intent.slowStart({ worstStartupSeconds: 3e9 })] }), /intents\[1\] \(slow-start\)\.worstStartupSeconds: got 3000000000/],
  ['worstStartupSeconds whose rollout deadline overflows int32', workload({ intents: [http(), Intent.slowStart({ worstStartupSeconds: 2147483600 })] }), /intents\[1\] \(slow-start\)\.worstStartupSeconds: got a worst startup of 2147483600 s, which needs a rollout deadline of \d+ s, above 2147483647/],
  ['drainSeconds beyond int32', workload({ drainSeconds: 2 ** 31 }), /drainSeconds: got 2147483648/],
  ['a pinned period beyond int32', workload({ intents: [http(), Intent.command({ probe: ProbeKind.READINESS, command: ['/r'], periodSeconds: 1e12 })] }), /intents\[1\] \(exec\)\.periodSeconds: got 1000000000000/],
  ['maxHeartbeatAgeSeconds fractional', workload({ intents: [Intent.worker({ maxHeartbeatAgeSeconds: 1.5 })] }), /intents\[0\] \(worker-no-http\)\.maxHeartbeatAgeSeconds: got 1\.5/],
  ['handlerLatencySeconds Infinity', workload({ handlerLatencySeconds: Infinity }), /handlerLatencySeconds: got Infinity; allowed: a number of seconds > 0/],
  ['a port given as a string (JavaScript)', workload({ intents: [Intent.tcpService(js({ port: '5432' }))] }), /intents\[0\] \(tcp-service\)\.port: got "5432"; allowed: a port number from 1 to 65535/],
  // intents
  ['a forged intent object', workload({ intents: js([{ name: 'http-service', _options: { port: 80 } }]) }), /intents\[0\]: got an object \(.*\); allowed: an intent made with Intent\.httpService\(\)/],
  ['an intent with an unknown name', workload({ intents: [Object.assign(Object.create(Object.getPrototypeOf(http())), { name: 'magic', _options: {} })] }), /intents\[0\]: got an intent named "magic"; allowed: one made with Intent\.httpService\(\)/],
  ['a null entry', workload({ intents: js([http(), null]) }), /intents\[1\]: got null; allowed: an intent made with/],
  ['an undefined entry', workload({ intents: js([undefined, http()]) }), /intents\[0\]: got undefined; allowed: an intent made with/],
  ['intents not a list', workload({ intents: js(http()) }), /intents: got an object .*; allowed: a non-empty list/],
  ['criticalDependencies({})', workload({ intents: [http(), Intent.criticalDependencies(js({}))] }), /intents\[1\] \(critical-dependency\)\.critical: got undefined; allowed: a list of lowercase names/],
  ['criticalDependencies(null)', workload({ intents: [http(), Intent.criticalDependencies(js(null))] }), /intents\[1\] \(critical-dependency\)\.critical: got undefined/],
  ['httpService with options that are not an object', workload({ intents: [Intent.httpService(js(8080))] }), /intents\[0\] \(http-service\): got 8080; allowed: an options object/],
  ['httpService without a port', workload({ intents: [Intent.httpService(js({}))] }), /intents\[0\] \(http-service\)\.port: got undefined; allowed: a port number/],
  ['a null optional field (JavaScript)', workload({ intents: [http({ portName: null })] }), /intents\[0\] \(http-service\)\.portName: got null; allowed: a port name/],
  ['a gRPC health service with a space', workload({ intents: [Intent.grpcService({ port: 9090, livenessService: 'my svc' })] }), /\.livenessService: got "my svc"; allowed: a grpc\.health\.v1 service name/],
  ['an unknown exposure (JavaScript)', workload({ intents: [http({ exposure: 'Internal' })] }), /\.exposure: got "Internal"; allowed: "ClusterIP" or "NodePort" or "LoadBalancer" or "Headless"/],
  ['an unknown probe kind (JavaScript)', workload({ intents: [http(), Intent.command(js({ probe: 'warmup', command: ['x'] }))] }), /intents\[1\] \(exec\)\.probe: got "warmup"; allowed: ProbeKind\.STARTUP/],
  ['a heartbeat path with ..', workload({ intents: [Intent.worker({ heartbeatFile: '/tmp/../etc/beat' })] }), /heartbeatFile: got "\/tmp\/\.\.\/etc\/beat"; allowed: a normalized absolute file path/],
  ['gracefulShutdown not a boolean (JavaScript)', workload({ gracefulShutdown: js('yes') }), /gracefulShutdown: got "yes"; allowed: true or false/],
  // props from JavaScript
  ['props undefined', workload(undefined), /\[chart\/svc\] props: got undefined; allowed: an object with at least image and intents/],
  ['props null', workload(null), /props: got null/],
  ['intents null', workload({ intents: js(null) }), /intents: got null; allowed: a non-empty list/],
  ['replicas null', workload({ replicas: js(null) }), /replicas: got null; allowed: a whole number of pods/],
  ['securityContext null', workload({ securityContext: js(null) }), /\[chart\/svc\] securityContext: got null; allowed: an options object/],
  ['resources not an object', workload({ resources: js(5) }), /resources: got 5; allowed: an options object/],
  ['readOnlyRootFilesystem not a boolean', workload({ securityContext: js({ readOnlyRootFilesystem: 'no' }) }), /securityContext\.readOnlyRootFilesystem: got "no"; allowed: true or false/],
  ['lintAtSynth null', workload({ lintAtSynth: js(null) }), /lintAtSynth: got null; allowed: true or false/],
  // dependencies
  ['an optional dependency in the readiness path', workload({ intents: [http({ readinessPath: '/health/redis' }), Intent.criticalDependencies({ critical: ['db'], optional: ['redis'] })] }), /intents\[0\] \(http-service\)\.readinessPath: readiness \("\/health\/redis"\) checks the optional dependency "redis"; allowed: optional dependencies stay out of every probe/],
  ['an optional dependency in a readiness command', workload({ intents: [http(), Intent.criticalDependencies({ critical: ['db'], optional: ['redis'] }), Intent.command({ probe: ProbeKind.READINESS, command: ['redis-cli', 'ping'] })] }), /intents\[2\] \(exec\)\.command: readiness \("redis-cli ping"\) checks the optional dependency "redis"/],
  ['a critical dependency named with _ in the liveness path', workload({ intents: [http({ livenessPath: '/health/db_postgres' }), Intent.criticalDependencies({ critical: ['postgres'] })] }), /\.livenessPath: liveness \("\/health\/db_postgres"\) checks the critical dependency "postgres"/],
];

describe('every input checked at synth (issue 7)', () => {
  it.each(cases)('%s', (_name, build, pattern) => {
    const message = synthError(build);
    expect(message).toContain('Validation failed');
    expect(message).toMatch(pattern);
  });
});

describe('escape-hatch edits the synth-time checks see', () => {
  const base = (chart: Chart) => new ProbedWorkload(chart, 'svc', { image: 'img:1', intents: [http({ managementPort: 9000 })] });
  const hatch: Array<[string, Build, RegExp]> = [
    ['a second container probing a port it does not declare', (chart) => {
      base(chart).deployment.addContainer({ name: 'sidecar', image: 'side:1', ports: [{ number: 9100, name: 'metrics' }], liveness: kplus.Probe.fromTcpSocket({ port: 9200 }) });
    }, /probe-port-undeclared: Deployment container sidecar/],
    ['a second container probing the app container\'s port', (chart) => {
      base(chart).deployment.addContainer({ name: 'sidecar', image: 'side:1', liveness: kplus.Probe.fromTcpSocket({ port: 8080 }) });
    }, /probe-port-of-other-container: Deployment container sidecar/],
    ['a second container probing a port name it does not declare', (chart) => {
      const w = base(chart);
      w.deployment.addContainer({ name: 'sidecar', image: 'side:1', ports: [{ number: 9100, name: 'metrics' }] });
      ApiObject.of(w.deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/1/readinessProbe', { httpGet: { path: '/', port: kplus.k8s.IntOrString.fromString('admin') } }));
    }, /probe-port-name-unknown: Deployment container sidecar/],
    ['a patched readiness probe sharing the liveness endpoint and tripping later', (chart) => {
      const w = base(chart);
      ApiObject.of(w.deployment).addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/readinessProbe/httpGet/path', '/livez'));
      ApiObject.of(w.deployment).addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/readinessProbe/failureThreshold', 10));
    }, /liveness-readiness-identical: Deployment container app/],
    ['a patched timeout at or above the period', (chart) => {
      const w = base(chart);
      ApiObject.of(w.deployment).addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/livenessProbe/timeoutSeconds', 10));
    }, /timeout-not-below-period: Deployment container app/],
  ];
  it.each(hatch)('%s fails synth', (_name, build, pattern) => {
    const message = synthError(build);
    expect(message).toMatch(/\[chart\/svc\]/);
    expect(message).toMatch(pattern);
  });
});

describe('the synth-time check runs on what each synth renders, rendered once (issue 11)', () => {
  const build = () => {
    const app = Testing.app();
    const chart = new Chart(app, 'chart');
    const w = new ProbedWorkload(chart, 'svc', { image: 'img:1', intents: [http({ managementPort: 9000 })] });
    return { app, chart, w };
  };
  const breakLiveness = (w: ProbedWorkload) =>
    ApiObject.of(w.deployment).addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/livenessProbe/timeoutSeconds', 10));

  it('renders each object once per synth: the check reads the render that is written', () => {
    const render = jest.spyOn(ApiObject.prototype, 'toJson');
    try {
      const { app, w } = build();
      app.synthYaml();
      const rendersOf = (o: ApiObject) => render.mock.contexts.filter((c) => c === o).length;
      expect(rendersOf(ApiObject.of(w.deployment))).toBe(1);
      expect(rendersOf(ApiObject.of(w.service!))).toBe(1);
    } finally {
      render.mockRestore();
    }
  });

  it('checks the edits made between two synths of one app, never an earlier render', () => {
    const { app, w } = build();
    expect(() => app.synthYaml()).not.toThrow();
    breakLiveness(w);
    expect(() => app.synthYaml()).toThrow(/\[chart\/svc\] timeout-not-below-period: Deployment container app/);
  });

  it('an object rendered on its own before an edit is rendered again and checked at synth', () => {
    const { app, w } = build();
    app.synthYaml();
    ApiObject.of(w.service!).toJson();
    ApiObject.of(w.service!).addJsonPatch(JsonPatch.add('/spec/ports/0/targetPort', kplus.k8s.IntOrString.fromString('no-such-port')));
    expect(() => app.synthYaml()).toThrow(/\[chart\/svc\] service-target-port-name-unknown: Service/);
  });

  it('still checks the workload when its Service is taken out of the tree', () => {
    const { app, w } = build();
    w.node.tryRemoveChild(w.service!.node.id);
    breakLiveness(w);
    expect(() => app.synthYaml()).toThrow(/timeout-not-below-period/);
  });

  it('fails Testing.synth and App.synth alike, and App.synth writes no YAML', () => {
    const { app, chart, w } = build();
    breakLiveness(w);
    expect(() => Testing.synth(chart)).toThrow(/^Validation failed with the following errors:\n  \[chart\/svc\] timeout-not-below-period/);
    expect(() => app.synth()).toThrow(/timeout-not-below-period/);
    expect(fs.readdirSync(app.outdir)).toEqual([]);
  });
});

describe('whatever a JavaScript caller passes, synth never throws a TypeError', () => {
  const fields = ['image', 'intents', 'name', 'containerName', 'replicas', 'hangDetectionSeconds', 'handlerLatencySeconds', 'gracefulShutdown',
    'drainSeconds', 'progressDeadlineSeconds', 'imageHasShell', 'lintAtSynth', 'env', 'resources', 'securityContext'];
  const garbage = fc.oneof(fc.anything(), fc.constant(null), fc.constant(undefined), fc.constant(NaN), fc.constant(1e10));
  const options = fc.dictionary(fc.constantFrom('port', 'portName', 'livenessPath', 'readinessPath', 'managementPort', 'exposure', 'nodePort', 'servicePort',
    'livenessService', 'readinessService', 'heartbeatFile', 'maxHeartbeatAgeSeconds', 'worstStartupSeconds', 'critical', 'optional', 'probe', 'command',
    'periodSeconds', 'timeoutSeconds', 'failureThreshold', 'writableDirectory', 'restartGraceSeconds', 'https'), garbage);
  const factories = [Intent.httpService, Intent.tcpService, Intent.grpcService, Intent.worker, Intent.slowStart, Intent.criticalDependencies, Intent.command, Intent.fastRecovery] as Array<(o: any) => Intent>;
  const intent = fc.oneof(fc.tuple(fc.integer({ min: 0, max: factories.length - 1 }), fc.oneof(options, garbage)).map(([i, o]) => factories[i](o)), garbage);

  it('reports a validation error or synthesizes', () => {
    fc.assert(fc.property(fc.dictionary(fc.constantFrom(...fields), garbage), fc.array(intent, { maxLength: 4 }), fc.boolean(), (props, intents, withIntents) => {
      const app = Testing.app();
      const chart = new Chart(app, 'chart');
      try {
        new ProbedWorkload(chart, 'w', { ...(withIntents ? { intents } : {}), ...props } as any);
        app.synthYaml();
      } catch (e) {
        expect(e).not.toBeInstanceOf(TypeError);
        expect((e as Error).message).toMatch(/^Validation failed[\s\S]*\[chart\/w\] /);
      }
    }), { numRuns: 400 });
  });
});
