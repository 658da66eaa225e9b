/**
 * Every bad input the issue lists fails synth with a message naming the construct path, the field,
 * the value given and what is allowed — and no YAML is produced.
 */
import { App, Chart, Testing } from 'cdk8s';
import { Intent, ProbedWorkload, ProbedWorkloadProps, ProbeKind, ServiceExposure } from '../../lib';

function synthError(props: Omit<ProbedWorkloadProps, 'image'> & { image?: string }): string {
  const app: App = Testing.app();
  const chart = new Chart(app, 'chart');
  new ProbedWorkload(chart, 'svc', { image: 'img:1', ...props });
  try {
    Testing.synth(chart);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synth succeeded; expected a validation error');
}

const http = (o: object = {}) => Intent.httpService({ port: 8080, ...o });

const cases: Array<[string, Omit<ProbedWorkloadProps, 'image'>, RegExp[]]> = [
  ['non-integer seconds', { intents: [http(), Intent.slowStart({ worstStartupSeconds: 12.5 })] }, [/intents\[1\] \(slow-start\)\.worstStartupSeconds: got 12\.5; allowed: a whole number of seconds from 1 to 2147483647/]],
  ['zero seconds', { intents: [http(), Intent.slowStart({ worstStartupSeconds: 0 })] }, [/worstStartupSeconds: got 0/]],
  ['negative seconds', { hangDetectionSeconds: -3, intents: [http()] }, [/hangDetectionSeconds: got -3; allowed: a whole number of seconds from 1 to 2147483647/]],
  ['negative threshold', { intents: [http(), Intent.command({ probe: ProbeKind.READINESS, command: ['true'], failureThreshold: -1 })] }, [/intents\[1\] \(exec\)\.failureThreshold: got -1; allowed: a whole number of failures from 1 to 2147483647/]],
  ['non-numeric latency', { handlerLatencySeconds: Number.NaN, intents: [http()] }, [/handlerLatencySeconds: got NaN; allowed: a number of seconds > 0/]],
  ['timeout ≥ period', { intents: [http(), Intent.command({ probe: ProbeKind.READINESS, command: ['check'], timeoutSeconds: 10, periodSeconds: 5 })] }, [/intents\[1\] \(exec\)\.timeoutSeconds: got 10 with periodSeconds 5; allowed: a timeout below the period/]],
  ['port out of range (0)', { intents: [http({ port: 0 })] }, [/intents\[0\] \(http-service\)\.port: got 0; allowed: a port number from 1 to 65535/]],
  ['port out of range (70000)', { intents: [Intent.tcpService({ port: 70000 })] }, [/\.port: got 70000; allowed: a port number from 1 to 65535/]],
  ['invalid port name', { intents: [http({ portName: 'HTTP_Port' })] }, [/\.portName: got "HTTP_Port"; allowed: a port name of at most 15 characters/]],
  ['port name too long', { intents: [http({ portName: 'a-very-long-port-name' })] }, [/\.portName: got "a-very-long-port-name"/]],
  ['duplicate port names', { intents: [http({ managementPort: 9000, managementPortName: 'http' })] }, [/\.managementPortName: got "http", the serving port's name; allowed: a different name/]],
  ['duplicate port numbers', { intents: [http({ managementPort: 8080 })] }, [/\.managementPort: got 8080, the serving port; allowed: a different port/]],
  ['path without a leading slash', { intents: [http({ livenessPath: 'healthz' })] }, [/\.livenessPath: got "healthz"; allowed: an HTTP path starting with "\/"/]],
  ['a critical dependency asked of liveness', { intents: [http({ livenessPath: '/health/postgres' }), Intent.criticalDependencies({ critical: ['postgres'] })] }, [/liveness \("\/health\/postgres"\) checks the critical dependency "postgres"; allowed: liveness checks the process only/]],
  ['an optional dependency in a liveness command', { intents: [http(), Intent.criticalDependencies({ critical: ['db'], optional: ['redis'] }), Intent.command({ probe: ProbeKind.LIVENESS, command: ['redis-cli', 'ping'] })] }, [/checks the optional dependency "redis"/]],
  ['a worker given an HTTP endpoint', { intents: [Intent.worker(), http()] }, [/intents\[1\] \(http-service\): http-service conflicts with intents\[0\] \(worker-no-http\)/]],
  ['a worker given a Service (TCP port)', { intents: [Intent.worker(), Intent.tcpService({ port: 5432 })] }, [/tcp-service conflicts with intents\[0\] \(worker-no-http\)/]],
  ['a named port for gRPC', { intents: [Intent.grpcService({ port: 'grpc' as unknown as number })] }, [/\.port: got "grpc"; allowed: a port number from 1 to 65535 \(gRPC probes take a number/]],
  ['a startup beyond the pinned rollout deadline', { progressDeadlineSeconds: 300, intents: [http(), Intent.slowStart({ worstStartupSeconds: 600 })] }, [/progressDeadlineSeconds: got 300; the declared worst startup of 600 s needs a startup probe allowing up to 605 s, so allowed: at least 670/]],
  ['replicas < 1', { replicas: 0, intents: [http()] }, [/replicas: got 0; allowed: a whole number of pods from 1 to 2147483647/]],
  ['no intents', { intents: [] }, [/intents: got 0 entries; allowed: a non-empty list/]],
  ['no primary intent', { intents: [Intent.slowStart({ worstStartupSeconds: 60 })] }, [/intents: none of http-service, tcp-service, grpc-service, worker-no-http given/]],
  ['an intent twice', { intents: [http(), Intent.slowStart({ worstStartupSeconds: 60 }), Intent.slowStart({ worstStartupSeconds: 90 })] }, [/intents\[2\] \(slow-start\): slow-start is given twice \(also intents\[1\]\)/]],
  ['fast recovery on a worker with no fast liveness handler', { intents: [Intent.worker(), Intent.fastRecovery()] }, [/intents\[1\] \(fast-recovery\): fast-recovery needs a liveness handler that answers in under 1 s/]],
  ['fast recovery with an exec liveness', { intents: [http(), Intent.fastRecovery(), Intent.command({ probe: ProbeKind.LIVENESS, command: ['check'] })] }, [/an exec liveness probe needs more than 1 s/]],
  ['fast recovery with an exec readiness', { intents: [http(), Intent.fastRecovery(), Intent.command({ probe: ProbeKind.READINESS, command: ['ready'] })] }, [/intents\[2\] \(exec\): fast-recovery restarts after 3 s; an exec readiness probe needs a timeout of 5 s/]],
  ['fast recovery with a slow handler', { handlerLatencySeconds: 2, intents: [http(), Intent.fastRecovery()] }, [/handlerLatencySeconds: got 2; fast recovery probes every second with a 1 s timeout/]],
  ['fast recovery with a hang-detection target', { hangDetectionSeconds: 20, intents: [http(), Intent.fastRecovery()] }, [/fast-recovery fixes liveness at P = 1, F = 3; it cannot be combined with hangDetectionSeconds 20/]],
  ['a hang-detection target the timeout cannot meet', { hangDetectionSeconds: 5, intents: [http()] }, [/hangDetectionSeconds: got 5; with timeoutSeconds 3 .* detects a hang in 11 s/]],
  ['a nodePort without NodePort exposure', { intents: [http({ nodePort: 30080 })] }, [/\.nodePort: got 30080 with exposure ClusterIP; allowed: only with ServiceExposure.NODE_PORT/]],
  ['a nodePort out of range', { intents: [http({ exposure: ServiceExposure.NODE_PORT, nodePort: 8080 })] }, [/\.nodePort: got 8080; allowed: a whole number from 30000 to 32767/]],
  ['an empty command', { intents: [http(), Intent.command({ probe: ProbeKind.READINESS, command: [] })] }, [/intents\[1\] \(exec\)\.command: got \[\]; allowed: a non-empty list of strings/]],
  ['two commands for one probe', { intents: [http(), Intent.command({ probe: ProbeKind.READINESS, command: ['a'] }), Intent.command({ probe: ProbeKind.READINESS, command: ['b'] })] }, [/intents\[2\] \(exec\)\.probe: readiness already has a command \(intents\[1\] \(exec\)\)/]],
  ['a dependency both critical and optional', { intents: [http(), Intent.criticalDependencies({ critical: ['db'], optional: ['db'] })] }, [/\.optional: "db" is both critical and optional/]],
  ['a liveness command that breaks the readiness-first invariant', { intents: [http(), Intent.command({ probe: ProbeKind.LIVENESS, command: ['check'], periodSeconds: 6, failureThreshold: 2 })] }, [/intents\[1\] \(exec\): trips \(F·P = 12 s\) no later than readiness \(15 s\)/]],
  ['a liveness command that restarts on one failure', { intents: [http(), Intent.command({ probe: ProbeKind.LIVENESS, command: ['check'], periodSeconds: 30, failureThreshold: 1 })] }, [/intents\[1\] \(exec\): restarts on a single failure/]],
  ['an invalid container name', { containerName: 'My_App', intents: [http()] }, [/containerName: got "My_App"; allowed: a DNS-1123 label/]],
];

describe('bad input fails synth with a clear message', () => {
  it.each(cases)('%s', (_name, props, patterns) => {
    const message = synthError(props);
    expect(message).toContain('Validation failed');
    expect(message).toContain('chart/svc');
    for (const p of patterns) expect(message).toMatch(p);
  });

  it('reports every problem at once, not just the first', () => {
    const message = synthError({ replicas: 0, intents: [http({ port: 0, livenessPath: 'x' })] });
    expect(message).toMatch(/replicas: got 0/);
    expect(message).toMatch(/\.port: got 0/);
    expect(message).toMatch(/\.livenessPath: got "x"/);
  });

  it('writes no YAML when validation fails', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'chart');
    new ProbedWorkload(chart, 'svc', { image: 'img:1', replicas: 0, intents: [http()] });
    expect(() => app.synthYaml()).toThrow(/replicas: got 0/);
  });
});

describe('the lint rules run on what the construct synthesizes', () => {
  it('catches a probe moved to an undeclared port through the escape hatch', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'chart');
    const w = new ProbedWorkload(chart, 'svc', { image: 'img:1', intents: [http()] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ApiObject, JsonPatch } = require('cdk8s');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const kplus = require('cdk8s-plus-27');
    ApiObject.of(w.deployment).addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/livenessProbe/httpGet/port', kplus.k8s.IntOrString.fromString('admin')));
    expect(() => Testing.synth(chart)).toThrow(/\[chart\/svc\][^\n]*"admin"/);
  });

  it('can be turned off for very large apps (lintAtSynth: false)', () => {
    const chart = new Chart(Testing.app(), 'chart');
    const w = new ProbedWorkload(chart, 'svc', { image: 'img:1', lintAtSynth: false, intents: [http()] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ApiObject, JsonPatch } = require('cdk8s');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const kplus = require('cdk8s-plus-27');
    ApiObject.of(w.deployment).addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/livenessProbe/httpGet/port', kplus.k8s.IntOrString.fromString('admin')));
    expect(Testing.synth(chart)[0].spec.template.spec.containers[0].livenessProbe.httpGet.port).toBe('admin');
  });

  it('passes a workload with every modifier', () => {
    const chart = new Chart(Testing.app(), 'chart');
    new ProbedWorkload(chart, 'svc', {
      image: 'img:1',
      intents: [http({ managementPort: 9000 }), Intent.slowStart({ worstStartupSeconds: 700 }), Intent.criticalDependencies({ critical: ['db'] })],
    });
    expect(() => Testing.synth(chart)).not.toThrow();
  });
});
