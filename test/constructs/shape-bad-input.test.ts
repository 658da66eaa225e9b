/**
 * Every new prop of issue 8 refused at synth with the construct path, the field as written, the
 * value given and what is allowed — and no YAML written. JavaScript callers can pass anything, so
 * some cases cast.
 */
import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DisruptionBudget, Intent, ProbedDaemonSet, ProbedStatefulSet, ProbedWorkload, ServiceExposure } from '../../lib';

type Build = (chart: Chart) => void;
const js = <T>(v: unknown): T => v as T;
const http = (o: object = {}) => Intent.httpService({ port: 8080, ...o });

function synthError(build: Build): string {
  const chart = new Chart(Testing.app(), 'chart');
  build(chart);
  try {
    Testing.synth(chart);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synth succeeded; expected a validation error');
}

const web = (props: object): Build => (chart) => new ProbedWorkload(chart, 'svc', { image: 'img:1', intents: [http()], ...props });
const sts = (props: object): Build => (chart) => new ProbedStatefulSet(chart, 'svc', { image: 'img:1', intents: [Intent.tcpService({ port: 5432 })], ...props });
const ds = (props: object): Build => (chart) => new ProbedDaemonSet(chart, 'svc', { image: 'img:1', intents: [http()], ...props });
const vol = (chart: Chart, id = 'v') => kplus.Volume.fromEmptyDir(chart, id, id);

const cases: Array<[string, Build, RegExp]> = [
  // item 5: replicas, autoscaling, disruption
  ['replicas with autoscaling', web({ replicas: 3, autoscaling: { minReplicas: 2, maxReplicas: 5 } }), /\[chart\/svc\] replicas: got 3 together with autoscaling; allowed: leave replicas out/],
  ['autoscaling min above max', web({ autoscaling: { minReplicas: 5, maxReplicas: 2 } }), /autoscaling\.maxReplicas: got 2, below minReplicas 5; allowed: 1 ≤ minReplicas ≤ maxReplicas ≤ 2147483647/],
  ['autoscaling min 0', web({ autoscaling: { minReplicas: 0, maxReplicas: 2 } }), /autoscaling\.minReplicas: got 0; allowed: a whole number of pods from 1 to 2147483647/],
  ['autoscaling max not an integer', web({ autoscaling: { minReplicas: 1, maxReplicas: 2.5 } }), /autoscaling\.maxReplicas: got 2\.5; allowed: a whole number of pods/],
  ['autoscaling max beyond int32', web({ autoscaling: { minReplicas: 1, maxReplicas: 1e10 } }), /autoscaling\.maxReplicas: got 10000000000; allowed: a whole number of pods from 1 to 2147483647/],
  ['autoscaling CPU target 0', web({ autoscaling: { minReplicas: 1, maxReplicas: 2, cpuUtilizationPercent: 0 } }), /autoscaling\.cpuUtilizationPercent: got 0; allowed: a whole number of percent from 1/],
  ['autoscaling memory target fractional', web({ autoscaling: { minReplicas: 1, maxReplicas: 2, memoryUtilizationPercent: 75.5 } }), /autoscaling\.memoryUtilizationPercent: got 75\.5/],
  ['autoscaling CPU target without a CPU request', web({ resources: { memory: { request: Size.mebibytes(64) } }, autoscaling: { minReplicas: 1, maxReplicas: 2 } }), /autoscaling\.cpuUtilizationPercent: got 70 but resources has no CPU request/],
  ['autoscaling not an object (JavaScript)', web({ autoscaling: js(5) }), /autoscaling: got 5; allowed: an options object/],
  ['disruption budget 0', web({ replicas: 3, disruptionBudget: DisruptionBudget.maxUnavailable(0) }), /disruptionBudget\.maxUnavailable: got 0; allowed: a whole number of pods from 1/],
  ['disruption budget forged (JavaScript)', web({ disruptionBudget: js({ maxUnavailablePods: 1 }) }), /disruptionBudget: got an object .*; allowed: DisruptionBudget\.maxUnavailable\(n\) or DisruptionBudget\.none\(\)/],
  // item 1: StatefulSet
  ['storage size missing', sts({ storage: [js({ mountPath: '/data' })] }), /storage\[0\]\.size: got undefined; allowed: a cdk8s Size/],
  ['storage size below a MiB', sts({ storage: [{ mountPath: '/data', size: Size.kibibytes(10) }] }), /storage\[0\]\.size: got an object .*; allowed: a cdk8s Size of at least 1 MiB/],
  ['storage relative mount path', sts({ storage: [{ mountPath: 'data', size: Size.gibibytes(1) }] }), /storage\[0\]\.mountPath: got "data"; allowed: an absolute path/],
  ['storage invalid claim name', sts({ storage: [{ name: 'Data_1', mountPath: '/data', size: Size.gibibytes(1) }] }), /storage\[0\]\.name: got "Data_1"; allowed: a DNS-1123 label/],
  ['storage class name invalid', sts({ storage: [{ mountPath: '/data', size: Size.gibibytes(1), storageClassName: 'Fast SSD' }] }), /storage\[0\]\.storageClassName: got "Fast SSD"; allowed: a StorageClass name/],
  ['storage access mode unknown (JavaScript)', sts({ storage: [{ mountPath: '/data', size: Size.gibibytes(1), accessMode: js('ReadWriteAlways') }] }), /storage\[0\]\.accessMode: got "ReadWriteAlways"; allowed: "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"/],
  ['two claims with one name', sts({ storage: [{ mountPath: '/a', size: Size.gibibytes(1) }, { mountPath: '/b', size: Size.gibibytes(1) }] }), /storage\[1\]\.name: got "data" twice/],
  ['a claim where a volume is mounted', (chart) => sts({ storage: [{ mountPath: '/data', size: Size.gibibytes(1) }], volumeMounts: [{ path: '/data', volume: vol(chart) }] })(chart), /storage\[0\]\.mountPath: got "\/data", already mounted by volumeMounts\[0\]/],
  ['pod management policy unknown (JavaScript)', sts({ podManagementPolicy: js('Ordered') }), /podManagementPolicy: got "Ordered"; allowed: "OrderedReady", "Parallel"/],
  ['a StatefulSet name too long for its pods', sts({ name: `db-${'a'.repeat(55)}` }), /name: got "db-a+" \(58 characters\); allowed: at most 52 for a StatefulSet/],
  // item 2: DaemonSet
  ['daemon maxUnavailable 0', ds({ maxUnavailable: 0 }), /maxUnavailable: got 0; allowed: a whole number of pods from 1/],
  ['daemon hostNetwork not a boolean (JavaScript)', ds({ hostNetwork: js('yes') }), /hostNetwork: got "yes"; allowed: true or false/],
  // item 6: parity props
  ['namespace invalid', web({ namespace: 'Team_A' }), /namespace: got "Team_A"; allowed: a DNS-1123 label/],
  ['label taking the name label', web({ labels: { 'app.kubernetes.io/name': 'x' } }), /labels\["app\.kubernetes\.io\/name"\]: is set by the library to the workload name/],
  ['label key invalid', web({ labels: { 'bad key': 'x' } }), /labels\["bad key"\]: key "bad key" is not a qualified name/],
  ['label value too long', web({ labels: { team: 'x'.repeat(64) } }), /labels\["team"\]: got "x+"; allowed: a label value of at most 63/],
  ['annotation value not a string (JavaScript)', web({ annotations: { 'example.com/n': js(1) } }), /annotations\["example\.com\/n"\]: got 1; allowed: a string value/],
  ['pod annotation with the reserved prefix', web({ podAnnotations: { 'probes.cdk8s.io/intents': 'x' } }), /podAnnotations\["probes\.cdk8s\.io\/intents"\]: uses the prefix probes\.cdk8s\.io\//],
  ['envVariables with a plain string (JavaScript)', web({ envVariables: { TOKEN: js('abc') } }), /envVariables\["TOKEN"\]: got "abc"; allowed: a cdk8s-plus-27 EnvValue/],
  ['envVariables invalid name', web({ envVariables: { '1BAD': kplus.EnvValue.fromValue('x') } }), /envVariables\["1BAD"\]: got "1BAD"; allowed: an environment variable name/],
  ['a variable in env and envVariables', web({ env: { A: '1' }, envVariables: { A: kplus.EnvValue.fromValue('2') } }), /envVariables\["A"\]: is also given in env/],
  ['envFrom not EnvFrom (JavaScript)', web({ envFrom: js([{ configMapRef: 'x' }]) }), /envFrom: got .*; allowed: a list of cdk8s-plus-27 EnvFrom/],
  ['serviceAccount not one (JavaScript)', web({ serviceAccount: js('default') }), /serviceAccount: got "default"; allowed: a cdk8s-plus ServiceAccount/],
  ['automountServiceAccountToken not a boolean (JavaScript)', web({ automountServiceAccountToken: js('true') }), /automountServiceAccountToken: got "true"; allowed: true or false/],
  ['imagePullPolicy unknown (JavaScript)', web({ imagePullPolicy: js('Sometimes') }), /imagePullPolicy: got "Sometimes"; allowed: "Always", "IfNotPresent", "Never"/],
  ['command not strings (JavaScript)', web({ command: js(['/app', 1]) }), /command: got \["\/app",1\]; allowed: a list of strings/],
  ['args not a list (JavaScript)', web({ args: js('--serve') }), /args: got "--serve"; allowed: a list of strings/],
  ['volume mount relative path', (chart) => web({ volumeMounts: [{ path: 'etc', volume: vol(chart) }] })(chart), /volumeMounts\[0\]\.path: got "etc"; allowed: an absolute path/],
  ['volume mount without a Volume (JavaScript)', web({ volumeMounts: [{ path: '/etc/x', volume: js({ name: 'x' }) }] }), /volumeMounts\[0\]\.volume: got an object .*; allowed: a cdk8s-plus-27 Volume/],
  ['two mounts at one path', (chart) => web({ volumeMounts: [{ path: '/x', volume: vol(chart) }, { path: '/x/', volume: vol(chart, 'w') }] })(chart), /volumeMounts\[1\]\.path: got "\/x\/", mounted twice/],
  ['a read-only mount where the heartbeat is written', (chart) => new ProbedWorkload(chart, 'svc', { image: 'img:1', intents: [Intent.worker()], volumeMounts: [{ path: '/tmp', volume: vol(chart), readOnly: true }] }), /volumeMounts\[0\]\.readOnly: got true at "\/tmp", where the app writes "\/tmp\/heartbeat"/],
  ['a ConfigMap volume where the heartbeat is written', (chart) => new ProbedWorkload(chart, 'svc', { image: 'img:1', intents: [Intent.worker()], volumeMounts: [{ path: '/tmp', volume: kplus.Volume.fromConfigMap(chart, 'cm', kplus.ConfigMap.fromConfigMapName(chart, 'cfg', 'cfg')) }] }), /volumeMounts\[0\]\.volume: is a ConfigMap, Secret, downward API or projected volume at "\/tmp", which the kubelet mounts read-only/],
  ['extra port clashing with the serving port number', web({ extraPorts: [{ number: 8080, name: 'metrics' }] }), /extraPorts\[0\]\.number: got 8080, already a port of an intent/],
  ['extra port clashing with a port name', web({ extraPorts: [{ number: 9090, name: 'http' }] }), /extraPorts\[0\]\.name: got "http", already the name of a port of an intent/],
  ['two extra ports with one number', web({ extraPorts: [{ number: 9090, name: 'a' }, { number: 9090, name: 'b' }] }), /extraPorts\[1\]\.number: got 9090, already a port of extraPorts\[0\]/],
  ['extra port out of range', web({ extraPorts: [{ number: 70000, name: 'x' }] }), /extraPorts\[0\]\.number: got 70000; allowed: a port number from 1 to 65535/],
  ['extra port exposed without a Service', (chart) => new ProbedWorkload(chart, 'svc', { image: 'img:1', intents: [Intent.worker()], extraPorts: [{ number: 9090, name: 'metrics', exposed: true }] }), /extraPorts\[0\]\.exposed: got true, but the workload has no Service/],
  ['extra port protocol unknown (JavaScript)', web({ extraPorts: [{ number: 9090, name: 'm', protocol: js('ICMP') }] }), /extraPorts\[0\]\.protocol: got "ICMP"; allowed: "TCP", "UDP", "SCTP"/],
  ['headless Service with a different Service port', web({ intents: [http({ servicePort: 80, exposure: ServiceExposure.HEADLESS })] }), /intents\[0\] \(http-service\)\.servicePort: got 80 with a headless Service, which maps no ports/],
];

describe('issue 8 props checked at synth', () => {
  it.each(cases)('%s', (_name, build, pattern) => {
    const message = synthError(build);
    expect(message).toContain('Validation failed');
    expect(message).toMatch(pattern);
  });

  it('accepts a nodePort with a LoadBalancer', () => {
    const chart = new Chart(Testing.app(), 'chart');
    new ProbedWorkload(chart, 'svc', { image: 'img:1', intents: [http({ exposure: ServiceExposure.LOAD_BALANCER, nodePort: 30080 })] });
    const svc = Testing.synth(chart).find((o) => o.kind === 'Service');
    expect(svc.spec).toMatchObject({ type: 'LoadBalancer', ports: [{ nodePort: 30080 }] });
  });
});

describe('whatever a JavaScript caller passes to a shape, synth never throws a TypeError', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fc = require('fast-check') as typeof import('fast-check');
  const fields = ['image', 'intents', 'name', 'replicas', 'namespace', 'labels', 'annotations', 'podAnnotations', 'command', 'args',
    'imagePullPolicy', 'env', 'envVariables', 'envFrom', 'volumeMounts', 'extraPorts', 'resources', 'securityContext', 'podSecurityContext',
    'serviceAccount', 'automountServiceAccountToken', 'autoscaling', 'disruptionBudget', 'storage', 'podManagementPolicy', 'maxUnavailable',
    'hostNetwork', 'lintAtSynth'];
  const garbage = fc.oneof(fc.anything(), fc.constant(null), fc.constant(undefined), fc.constant(NaN), fc.constant(1e10),
    fc.constant([null]), fc.constant([{ number: 'x', name: null }]), fc.constant({ minReplicas: null, maxReplicas: 'a' }), fc.constant([{ size: null, mountPath: 3 }]));
  const shapes = [ProbedWorkload, ProbedStatefulSet, ProbedDaemonSet] as Array<new (s: Chart, id: string, p: any) => unknown>;

  it('reports a validation error or synthesizes', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 }), fc.dictionary(fc.constantFrom(...fields), garbage), (shape, props) => {
      const app = Testing.app();
      const chart = new Chart(app, 'chart');
      try {
        new shapes[shape](chart, 'w', { image: 'img:1', intents: [http()], ...props });
        app.synthYaml();
      } catch (e) {
        expect(e).not.toBeInstanceOf(TypeError);
        expect((e as Error).message).toMatch(/^Validation failed[\s\S]*\[chart\/w\] /);
      }
    }), { numRuns: 400 });
  });
});
