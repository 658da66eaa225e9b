/**
 * Property tests over declared inputs: for random intent combinations and targets, the construct
 * either refuses at synth with a message, or emits objects that are valid against the Kubernetes
 * schema (kubernetes-models' validator, not a hand-written schema), keep every probe invariant,
 * and pass every lint rule at every severity.
 */
import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Intent, ProbedWorkload, ProbeKind, ServiceExposure, ProbedDaemonSet, ProbedStatefulSet } from '../../lib';
import { ContainerJson, ProbeJson } from '../../lib/k8s/types';
import { lintObjects } from '../../lib/rules/lint';
import { validateObject } from './k8s-schema';
import { appFilesReadBy } from '../../lib/intents/shell';
import { effectiveTiming, failureDetection, instantTripSeconds, startupAllowance } from '../../lib/timing';

const primary = fc.oneof(
  fc.record({ kind: fc.constant('http'), port: fc.integer({ min: 1, max: 65535 }), mgmt: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }), nodePort: fc.option(fc.integer({ min: 30000, max: 32767 }), { nil: undefined }), oneEndpoint: fc.boolean() }),
  fc.record({ kind: fc.constant('tcp'), port: fc.integer({ min: 1, max: 65535 }) }),
  fc.record({ kind: fc.constant('grpc'), port: fc.integer({ min: 1, max: 65535 }), named: fc.boolean() }),
  fc.record({ kind: fc.constant('worker'), maxAge: fc.integer({ min: 1, max: 3600 }), dir: fc.constantFrom('/tmp', '/var/run/w', '/data/a.b', '/var/run/my app'), livenessCommand: fc.boolean() }),
);

const declaration = fc.record({
  primary,
  worstStartup: fc.option(fc.integer({ min: 1, max: 3600 }), { nil: undefined }),
  deps: fc.boolean(),
  fast: fc.constantFrom(false, false, false, true),
  readinessCommand: fc.boolean(),
  hang: fc.option(fc.integer({ min: 1, max: 600 }), { nil: undefined }),
  latency: fc.option(fc.double({ min: 0.05, max: 20, noNaN: true }), { nil: undefined }),
  replicas: fc.integer({ min: 1, max: 50 }),
  drain: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
  shell: fc.constantFrom(true, true, false),
});

type Declaration = typeof declaration extends fc.Arbitrary<infer T> ? T : never;

function intentsOf(d: Declaration): Intent[] {
  const p = d.primary;
  const intents: Intent[] = [];
  if (p.kind === 'http') {
    const paths = p.oneEndpoint ? { livenessPath: '/health', readinessPath: '/health' } : {};
    intents.push(Intent.httpService({ port: p.port, managementPort: p.mgmt, exposure: p.nodePort ? ServiceExposure.NODE_PORT : undefined, nodePort: p.nodePort, ...paths }));
  } else if (p.kind === 'tcp') intents.push(Intent.tcpService({ port: p.port }));
  else if (p.kind === 'grpc') intents.push(Intent.grpcService({ port: p.port, ...(p.named ? { livenessService: 'liveness', readinessService: 'readiness' } : {}) }));
  else {
    intents.push(Intent.worker({ maxHeartbeatAgeSeconds: p.maxAge, heartbeatFile: `${p.dir}/heart beat` }));
    if (p.livenessCommand) intents.push(Intent.command({ probe: ProbeKind.LIVENESS, command: ['/bin/alive'] }));
  }
  if (d.worstStartup !== undefined) intents.push(Intent.slowStart({ worstStartupSeconds: d.worstStartup }));
  if (d.deps) intents.push(Intent.criticalDependencies({ critical: ['postgres'], optional: ['redis'] }));
  if (d.fast) intents.push(Intent.fastRecovery());
  if (d.readinessCommand) intents.push(Intent.command({ probe: ProbeKind.READINESS, command: ['/bin/ready'] }));
  return intents;
}

function checkProbes(c: ContainerJson, worstStartup: number): void {
  const t = (p: ProbeJson | undefined) => effectiveTiming(p ?? {});
  const [s, l, r] = [c.startupProbe, c.livenessProbe, c.readinessProbe];
  expect(s && l && r).toBeTruthy();
  for (const p of [s!, l!, r!]) {
    expect(p.initialDelaySeconds).toBeUndefined();
    expect(p.timeoutSeconds! < p.periodSeconds! || (p.timeoutSeconds === 1 && p.periodSeconds === 1)).toBe(true);
    if (p.exec) expect(p.timeoutSeconds).toBeGreaterThan(1);
  }
  expect(l!.successThreshold).toBe(1);
  expect(s!.successThreshold).toBe(1);
  expect(l!.failureThreshold).toBeGreaterThanOrEqual(2);
  expect(instantTripSeconds(t(l))).toBeGreaterThan(instantTripSeconds(t(r)));
  expect(startupAllowance(t(s)).guaranteedSeconds).toBeGreaterThanOrEqual(worstStartup);
  // every named probe port is one the container declares
  const names = new Set((c.ports ?? []).map((p) => p.name));
  for (const p of [s!, l!, r!]) {
    const port = p.httpGet?.port ?? p.tcpSocket?.port;
    if (typeof port === 'string') expect(names.has(port)).toBe(true);
    if (p.grpc) expect((c.ports ?? []).some((x) => x.containerPort === p.grpc!.port)).toBe(true);
  }
}

/** What a cluster needs beyond the schema: writable probe files, commands the image can run. */
function checkRuns(pod: any, shell: boolean): void {
  const c = pod.containers[0];
  const mounts: string[] = (c.volumeMounts ?? []).map((m: any) => m.mountPath);
  for (const probe of [c.startupProbe, c.livenessProbe, c.readinessProbe]) {
    const command: string[] = probe.exec?.command ?? [];
    for (const f of appFilesReadBy(command)) expect(mounts.some((m) => f.startsWith(`${m}/`))).toBe(true);
    if (!shell) expect(command[0]).not.toBe('sh');
    if (command[0] === 'sh') expect(mounts.length).toBeGreaterThan(0);
  }
  if (!shell) expect(c.lifecycle?.preStop).toBeUndefined();
}

describe('every accepted declaration synthesizes valid, invariant-keeping, lint-clean objects', () => {
  it('holds for random declarations', () => {
    let accepted = 0;
    fc.assert(fc.property(declaration, (d) => {
      const chart = new Chart(Testing.app(), 'chart');
      new ProbedWorkload(chart, 'w', {
        image: 'img:1', intents: intentsOf(d), replicas: d.replicas, hangDetectionSeconds: d.hang,
        handlerLatencySeconds: d.latency, drainSeconds: d.drain, imageHasShell: d.shell,
      });
      let objects: Array<Record<string, any>>;
      try {
        objects = Testing.synth(chart);
      } catch (e) {
        // refused: the message must say what and why
        expect((e as Error).message).toMatch(/Validation failed[\s\S]*\[chart\/w\] \S.*(got|allowed|conflicts|cannot|needs)/);
        return;
      }
      accepted++;
      for (const o of objects) {
        if (o.kind === 'Deployment') {
          expect(() => new Deployment(o as any).validate()).not.toThrow();
          checkProbes(o.spec.template.spec.containers[0], d.worstStartup ?? 60);
          checkRuns(o.spec.template.spec, d.shell);
          if (d.hang !== undefined && !d.fast) {
            expect(failureDetection(effectiveTiming(o.spec.template.spec.containers[0].livenessProbe)).worst).toBeLessThanOrEqual(d.hang);
          }
        } else {
          // Service, and the PodDisruptionBudget of a workload with 2 or more replicas
          expect(() => validateObject(o)).not.toThrow();
        }
      }
      expect(lintObjects(objects).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
    }), { numRuns: 300 });
    // the generator must mostly produce acceptable input, or the property says little
    expect(accepted).toBeGreaterThan(120);
  });
});

describe('every shape: accepted declarations synthesize valid, lint-clean objects (issue 8)', () => {
  const shaped = fc.record({
    d: declaration,
    shape: fc.constantFrom('statefulset', 'daemonset', 'autoscaled'),
    parallel: fc.boolean(),
    storageGi: fc.option(fc.integer({ min: 1, max: 2000 }), { nil: undefined }),
    min: fc.integer({ min: 1, max: 10 }),
    extra: fc.integer({ min: 0, max: 20 }),
  });

  it('holds for random declarations in a StatefulSet, a DaemonSet or behind an autoscaler', () => {
    let accepted = 0;
    fc.assert(fc.property(shaped, ({ d, shape, parallel, storageGi, min, extra }) => {
      const chart = new Chart(Testing.app(), 'chart');
      const common = {
        image: 'img:1', intents: intentsOf(d), hangDetectionSeconds: d.hang,
        handlerLatencySeconds: d.latency, drainSeconds: d.drain, imageHasShell: d.shell,
      };
      if (shape === 'statefulset') {
        new ProbedStatefulSet(chart, 'w', {
          ...common, replicas: d.replicas,
          podManagementPolicy: parallel ? kplus.PodManagementPolicy.PARALLEL : undefined,
          storage: storageGi ? [{ mountPath: '/var/lib/data', size: Size.gibibytes(storageGi) }] : undefined,
        });
      } else if (shape === 'daemonset') {
        new ProbedDaemonSet(chart, 'w', { ...common, hostNetwork: parallel, maxUnavailable: min });
      } else {
        new ProbedWorkload(chart, 'w', { ...common, autoscaling: { minReplicas: min, maxReplicas: min + extra } });
      }
      let objects: Array<Record<string, any>>;
      try {
        objects = Testing.synth(chart);
      } catch (e) {
        expect((e as Error).message).toMatch(/Validation failed[\s\S]*\[chart\/w\] \S.*(got|allowed|conflicts|cannot|needs)/);
        return;
      }
      accepted++;
      for (const o of objects) {
        expect(() => validateObject(o)).not.toThrow();
        if (['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind)) {
          checkProbes(o.spec.template.spec.containers[0], d.worstStartup ?? 60);
          checkRuns(o.spec.template.spec, d.shell);
        }
        if (o.kind === 'Deployment') expect(o.spec.replicas).toBeUndefined();
      }
      expect(lintObjects(objects).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
    }), { numRuns: 120 });
    expect(accepted).toBeGreaterThan(50);
  });
});
