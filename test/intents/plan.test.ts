/**
 * Each intent, and their combinations, through planWorkload (no cdk8s): what the plan holds.
 */
import { Annotations, Intent, planWorkload, ProbeKind, ServiceExposure, WorkloadPlan } from '../../lib';
import { failureDetection, instantTripSeconds, startupAllowance } from '../../lib/timing';

function plan(...args: Parameters<typeof planWorkload>): WorkloadPlan {
  const r = planWorkload(...args);
  expect(r.issues).toEqual([]);
  return r.plan!;
}

describe('HTTP service (seed 000)', () => {
  const p = plan([Intent.httpService({ port: 5000 })]);
  it('has distinct liveness and readiness endpoints on the named port, startup on the liveness endpoint', () => {
    expect(p.livenessProbe.httpGet).toEqual({ path: '/livez', port: 'http' });
    expect(p.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(p.startupProbe.httpGet).toEqual(p.livenessProbe.httpGet);
  });
  it('declares the port by name and exposes it through a ClusterIP Service', () => {
    expect(p.ports).toEqual([{ name: 'http', number: 5000 }]);
    expect(p.service).toEqual({ exposure: ServiceExposure.CLUSTER_IP, ports: [{ name: 'http', port: 5000, targetPort: 5000 }] });
  });
  it('sets no initialDelaySeconds and never the 1 s default timeout', () => {
    for (const probe of [p.startupProbe, p.livenessProbe, p.readinessProbe]) {
      expect(probe.initialDelaySeconds).toBeUndefined();
      expect(probe.timeoutSeconds).toBeGreaterThan(1);
    }
  });
  it('drains gracefully: preStop = readiness window, grace covers preStop + drain', () => {
    expect(p.preStopSleepSeconds).toBe(instantTripSeconds(p.timings.readiness));
    expect(p.terminationGracePeriodSeconds).toBe(p.preStopSleepSeconds! + 15);
  });
  it('keeps health endpoints off the Service when a management port is given (seed 003)', () => {
    const m = plan([Intent.httpService({ port: 8080, managementPort: 8081 })]);
    expect(m.ports).toEqual([{ name: 'http', number: 8080 }, { name: 'management', number: 8081 }]);
    expect(m.livenessProbe.httpGet?.port).toBe('management');
    expect(m.service!.ports.map((x) => x.targetPort)).toEqual([8080]);
  });
  it('exposes a fixed NodePort on request (seeds 002, 003)', () => {
    const n = plan([Intent.httpService({ port: 80, exposure: ServiceExposure.NODE_PORT, nodePort: 30080, servicePort: 8080 })]);
    expect(n.service).toEqual({ exposure: ServiceExposure.NODE_PORT, ports: [{ name: 'http', port: 8080, targetPort: 80, nodePort: 30080 }] });
  });
  it('probes HTTPS endpoints with scheme HTTPS', () => {
    expect(plan([Intent.httpService({ port: 8443, https: true })]).livenessProbe.httpGet?.scheme).toBe('HTTPS');
  });
  it('can turn graceful shutdown off for images without sleep', () => {
    const q = plan([Intent.httpService({ port: 80 })], { gracefulShutdown: false });
    expect(q.preStopSleepSeconds).toBeUndefined();
    expect(q.terminationGracePeriodSeconds).toBe(30);
  });
});

describe('slow-start (seeds 001, 004)', () => {
  it('guarantees the declared startup and keeps the 600 s rollout deadline when it suffices', () => {
    const p = plan([Intent.httpService({ port: 80 }), Intent.slowStart({ worstStartupSeconds: 300 })]);
    expect(startupAllowance(p.timings.startup).guaranteedSeconds).toBeGreaterThanOrEqual(300);
    expect(p.progressDeadlineSeconds).toBe(600);
    expect(p.annotations[Annotations.WORST_STARTUP_SECONDS]).toBe('300');
  });
  it('raises progressDeadlineSeconds above the startup budget when 600 s would not cover it', () => {
    const p = plan([Intent.httpService({ port: 80 }), Intent.slowStart({ worstStartupSeconds: 900 })]);
    expect(p.progressDeadlineSeconds).toBeGreaterThan(startupAllowance(p.timings.startup).maximumSeconds);
    expect(p.progressDeadlineSeconds).toBeGreaterThan(600);
  });
  it('accepts a pinned deadline that leaves room', () => {
    expect(plan([Intent.httpService({ port: 80 }), Intent.slowStart({ worstStartupSeconds: 60 })], { progressDeadlineSeconds: 200 }).progressDeadlineSeconds).toBe(200);
  });
});

describe('critical dependencies (seed 004)', () => {
  const p = plan([
    Intent.httpService({ port: 8080, livenessPath: '/actuator/health/liveness', readinessPath: '/actuator/health/readiness' }),
    Intent.criticalDependencies({ critical: ['mysql', 'rabbitmq'], optional: ['redis'] }),
  ]);
  it('records critical and optional dependencies for checkers, sorted', () => {
    expect(p.annotations[Annotations.CRITICAL_DEPENDENCIES]).toBe('mysql,rabbitmq');
    expect(p.annotations[Annotations.OPTIONAL_DEPENDENCIES]).toBe('redis');
    expect(p.annotations[Annotations.INTENTS]).toBe('http-service,critical-dependency');
  });
  it('keeps every dependency out of liveness', () => {
    expect(JSON.stringify(p.livenessProbe)).not.toMatch(/mysql|rabbitmq|redis/);
  });
});

describe('worker with no HTTP (seeds 003, 004)', () => {
  const p = plan([Intent.worker({ maxHeartbeatAgeSeconds: 90 })]);
  it('has no port and no Service', () => {
    expect(p.ports).toEqual([]);
    expect(p.service).toBeUndefined();
    expect(p.preStopSleepSeconds).toBeUndefined();
  });
  it('checks heartbeat freshness by exec, with a timeout that allows for process start', () => {
    expect(p.livenessProbe.exec?.command?.join(' ')).toContain('-lt 90');
    for (const probe of [p.startupProbe, p.livenessProbe, p.readinessProbe]) {
      expect(probe.exec).toBeDefined();
      expect(probe.timeoutSeconds).toBeGreaterThanOrEqual(5);
      expect(probe.timeoutSeconds!).toBeLessThan(probe.periodSeconds!);
    }
  });
  it('covers the time to the first heartbeat with the startup probe', () => {
    const slow = plan([Intent.worker(), Intent.slowStart({ worstStartupSeconds: 200 })]);
    expect(startupAllowance(slow.timings.startup).guaranteedSeconds).toBeGreaterThanOrEqual(200);
  });
});

describe('TCP service (databases, brokers)', () => {
  it('connects to the declared named port', () => {
    const p = plan([Intent.tcpService({ port: 5432, portName: 'postgres' })]);
    expect(p.livenessProbe.tcpSocket).toEqual({ port: 'postgres' });
    expect(p.ports).toEqual([{ name: 'postgres', number: 5432 }]);
    expect(instantTripSeconds(p.timings.liveness)).toBeGreaterThan(instantTripSeconds(p.timings.readiness));
  });
  it('lets readiness be a command such as pg_isready, with an exec timeout', () => {
    const p = plan([Intent.tcpService({ port: 5432 }), Intent.command({ probe: ProbeKind.READINESS, command: ['pg_isready'] })]);
    expect(p.readinessProbe.exec).toEqual({ command: ['pg_isready'] });
    expect(p.readinessProbe.timeoutSeconds).toBe(5);
    expect(p.livenessProbe.tcpSocket).toEqual({ port: 'tcp' });
  });
});

describe('gRPC service (seed 003)', () => {
  it('uses native gRPC probes on the port number, asking the overall health a stock server answers', () => {
    const p = plan([Intent.grpcService({ port: 9090 })]);
    expect(p.livenessProbe.grpc).toEqual({ port: 9090 });
    expect(p.readinessProbe.grpc).toEqual({ port: 9090 });
    expect(p.startupProbe.grpc).toEqual({ port: 9090 });
    expect(instantTripSeconds(p.timings.liveness)).toBeGreaterThan(instantTripSeconds(p.timings.readiness));
  });
  it('asks distinct health services on request', () => {
    const p = plan([Intent.grpcService({ port: 9090, livenessService: 'liveness', readinessService: 'readiness' })]);
    expect(p.livenessProbe.grpc).toEqual({ port: 9090, service: 'liveness' });
    expect(p.readinessProbe.grpc).toEqual({ port: 9090, service: 'readiness' });
    expect(p.startupProbe.grpc).toEqual({ port: 9090, service: 'liveness' });
  });
});

describe('exec / custom (seed 003: test -e /tmp/healthy)', () => {
  it('replaces the liveness handler and the startup probe follows it', () => {
    const p = plan([Intent.worker(), Intent.command({ probe: ProbeKind.LIVENESS, command: ['test', '-e', '/tmp/healthy'] })]);
    expect(p.livenessProbe.exec).toEqual({ command: ['test', '-e', '/tmp/healthy'] });
    expect(p.livenessProbe.timeoutSeconds).toBe(5);
  });
  it('honours pinned timings that keep the invariants', () => {
    const p = plan([Intent.httpService({ port: 80 }), Intent.command({ probe: ProbeKind.LIVENESS, command: ['check'], periodSeconds: 20, timeoutSeconds: 4, failureThreshold: 3 })]);
    expect(p.livenessProbe).toMatchObject({ periodSeconds: 20, timeoutSeconds: 4, failureThreshold: 3 });
  });
});

describe('fast recovery (seed 002)', () => {
  const p = plan([Intent.httpService({ port: 80, livenessPath: '/health', readinessPath: '/' }), Intent.fastRecovery()]);
  it('probes liveness every second, trips on the third failure, kills with a 1 s probe-level grace', () => {
    expect(p.livenessProbe).toMatchObject({ periodSeconds: 1, failureThreshold: 3, timeoutSeconds: 1, terminationGracePeriodSeconds: 1 });
  });
  it('restarts a wedged app within about 5 s: worst detection + probe grace', () => {
    expect(failureDetection(p.timings.liveness).worst + 1).toBeLessThanOrEqual(5);
  });
  it('still takes the pod out of the Service before restarting it', () => {
    expect(instantTripSeconds(p.timings.readiness)).toBeLessThan(instantTripSeconds(p.timings.liveness));
    expect(p.readinessProbe.terminationGracePeriodSeconds).toBeUndefined();
  });
});

describe('combined intents', () => {
  it('seed 004: slow-start + critical dependency + management port in one workload', () => {
    const p = plan([
      Intent.httpService({ port: 8080, managementPort: 8081 }),
      Intent.slowStart({ worstStartupSeconds: 180 }),
      Intent.criticalDependencies({ critical: ['mysql'], optional: ['redis'] }),
    ], { hangDetectionSeconds: 25 });
    expect(p.intents).toEqual(['http-service', 'slow-start', 'critical-dependency']);
    expect(failureDetection(p.timings.liveness).worst).toBeLessThanOrEqual(25);
    expect(startupAllowance(p.timings.startup).guaranteedSeconds).toBeGreaterThanOrEqual(180);
    expect(p.annotations[Annotations.HANG_DETECTION_SECONDS]).toBe('25');
  });
  it('gives the same plan for the same intents in any order', () => {
    const a = plan([Intent.httpService({ port: 80 }), Intent.slowStart({ worstStartupSeconds: 100 })]);
    const b = plan([Intent.slowStart({ worstStartupSeconds: 100 }), Intent.httpService({ port: 80 })]);
    expect(a).toEqual(b);
  });
});
