/**
 * Intents applied to what a team already has, through JSON patches: a cdk8s-plus-27 Deployment,
 * StatefulSet and DaemonSet, a cdk8s-plus-33 Deployment (what `cdk8s init` creates today), objects
 * from `Include`, and a hand-built ApiObject. The helm binary is not installed here, so `Helm` is
 * not run: its objects are plain ApiObjects like Include's, the path the Include tests cover.
 */
import * as path from 'path';
import { ApiObject, Chart, Include, Testing } from 'cdk8s';
import * as kplus27 from 'cdk8s-plus-27';
import * as kplus33 from 'cdk8s-plus-33';
import { Intent, ProbedWorkload, ProbeIntents, ProbeKind } from '../../lib';
import { readDeclaredIntents } from '../../lib/k8s/annotations';
import { lintObjects } from '../../lib/rules/lint';

const FIXTURE = path.join(__dirname, 'fixtures', 'existing.yaml');

function podSpec(obj: any): any {
  return obj.spec.template.spec;
}

function containerOf(obj: any, name: string): any {
  return podSpec(obj).containers.find((c: any) => c.name === name);
}

describe.each([
  ['cdk8s-plus-27', kplus27],
  ['cdk8s-plus-33', kplus33],
] as const)('a %s Deployment', (_name, kplus: any) => {
  function existing() {
    const chart = Testing.chart();
    const web = new kplus.Deployment(chart, 'web', { replicas: 3 });
    web.addContainer({ name: 'web', image: 'registry.example.com/web:4.2.0', portNumber: 8080 });
    return { chart, web };
  }

  it('gets the planned probes, a named port, annotations, grace and rollout deadline', () => {
    const { chart, web } = existing();
    const applied = ProbeIntents.applyTo(web, {
      container: 'web',
      intents: [Intent.httpService({ port: 8080 }), Intent.slowStart({ worstStartupSeconds: 120 })],
    });
    const [dep] = Testing.synth(chart);
    const c = containerOf(dep, 'web');
    expect(c.ports).toEqual([{ containerPort: 8080, name: 'http' }]);
    expect(c.livenessProbe).toEqual(applied.plan!.containers[0].livenessProbe);
    expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    // cdk8s-plus's implicit TCP startup probe (F = 3) is replaced by one sized for 120 s
    expect(c.startupProbe.httpGet).toEqual({ path: '/livez', port: 'http' });
    expect(c.startupProbe.failureThreshold).toBe(applied.plan!.containers[0].timings.startup.failureThreshold);
    expect(c.lifecycle.preStop.exec.command[0]).toBe('sleep');
    expect(dep.spec.template.metadata.annotations).toMatchObject({
      'probes.cdk8s.io/intents': 'http-service,slow-start',
      'probes.cdk8s.io/container': 'web',
      'probes.cdk8s.io/worst-startup-seconds': '120',
    });
    // never lowered: cdk8s-plus writes 30
    expect(podSpec(dep).terminationGracePeriodSeconds).toBe(Math.max(30, applied.plan!.terminationGracePeriodSeconds));
    expect(dep.spec.progressDeadlineSeconds).toBe(Math.max(600, applied.plan!.progressDeadlineSeconds));
    // replicas stay the team's
    expect(dep.spec.replicas).toBe(3);
    expect(lintObjects([dep]).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('keeps annotations the team adds to the pod metadata after applying', () => {
    const { chart, web } = existing();
    ProbeIntents.applyTo(web, { container: 'web', intents: [Intent.httpService({ port: 8080 })] });
    web.podMetadata.addAnnotation('team', 'storefront');
    const [dep] = Testing.synth(chart);
    expect(dep.spec.template.metadata.annotations).toMatchObject({ team: 'storefront', 'probes.cdk8s.io/intents': 'http-service' });
  });

  it('gets a gRPC probe, which cdk8s-plus-27 cannot express', () => {
    const { chart, web } = existing();
    ProbeIntents.applyTo(web, { container: 'web', intents: [Intent.grpcService({ port: 8080 })] });
    const c = containerOf(Testing.synth(chart)[0], 'web');
    expect(c.livenessProbe.grpc).toEqual({ port: 8080 });
    expect(c.ports).toEqual([{ containerPort: 8080, name: 'grpc' }]);
  });

  it('fails synth on a probe the team wrote that differs from the plan', () => {
    const chart = Testing.chart();
    const web = new kplus.Deployment(chart, 'web');
    web.addContainer({ name: 'web', image: 'web:1', portNumber: 8080, liveness: kplus.Probe.fromHttpGet('/health') });
    ProbeIntents.applyTo(web, { container: 'web', intents: [Intent.httpService({ port: 8080 })] });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/web\/probe-intents\] container\.livenessProbe: container "web" already has livenessProbe .*"path":"\/health".*; allowed: remove it from the workload, or replaceExistingProbes: true/);
  });

  it('replaces the team\'s probes with replaceExistingProbes', () => {
    const chart = Testing.chart();
    const web = new kplus.Deployment(chart, 'web');
    web.addContainer({ name: 'web', image: 'web:1', portNumber: 8080, liveness: kplus.Probe.fromHttpGet('/health') });
    ProbeIntents.applyTo(web, { container: 'web', intents: [Intent.httpService({ port: 8080 })], replaceExistingProbes: true });
    expect(containerOf(Testing.synth(chart)[0], 'web').livenessProbe.httpGet.path).toBe('/livez');
  });
});

describe('cdk8s-plus-27 StatefulSet and DaemonSet', () => {
  it('a StatefulSet gets probes and no progressDeadlineSeconds (the kind has none)', () => {
    const chart = Testing.chart();
    const svc = new kplus27.Service(chart, 'headless', { clusterIP: 'None', ports: [{ port: 5432 }] });
    const db = new kplus27.StatefulSet(chart, 'db', { service: svc });
    db.addContainer({ name: 'postgres', image: 'postgres:16', portNumber: 5432, securityContext: { readOnlyRootFilesystem: false, user: 999, group: 999 } });
    ProbeIntents.applyTo(db, { container: 'postgres', intents: [Intent.tcpService({ port: 5432, portName: 'postgres' })] });
    const sts = Testing.synth(chart).find((o: any) => o.kind === 'StatefulSet');
    expect(containerOf(sts, 'postgres').livenessProbe.tcpSocket).toEqual({ port: 'postgres' });
    expect(sts.spec.progressDeadlineSeconds).toBeUndefined();
  });

  it('a DaemonSet worker gets a heartbeat probe and an emptyDir under its read-only root', () => {
    const chart = Testing.chart();
    const agent = new kplus27.DaemonSet(chart, 'agent');
    agent.addContainer({ name: 'agent', image: 'agent:1' });
    ProbeIntents.applyTo(agent, { container: 'agent', intents: [Intent.worker()] });
    const ds = Testing.synth(chart)[0];
    const c = containerOf(ds, 'agent');
    expect(c.livenessProbe.exec.command[0]).toBe('sh');
    expect(c.volumeMounts).toEqual([{ mountPath: '/tmp', name: 'writable-tmp' }]);
    expect(podSpec(ds).volumes).toEqual([{ emptyDir: {}, name: 'writable-tmp' }]);
  });
});

describe('objects from Include (plain ApiObjects: patches apply to the raw JSON)', () => {
  function included() {
    const chart = Testing.chart();
    const inc = new Include(chart, 'existing', { url: FIXTURE });
    const web = inc.apiObjects.find((o) => o.kind === 'Deployment')!;
    return { chart, inc, web };
  }

  it('applies intents to two containers of one pod, with per-container annotations', () => {
    const { chart, web } = included();
    const applied = ProbeIntents.applyTo(web, {
      container: 'web',
      intents: [Intent.httpService({ port: 8080 })],
      additionalContainers: [{ container: 'metrics', intents: [Intent.httpService({ port: 9102, portName: 'metrics', livenessPath: '/healthz', readinessPath: '/ready' })] }],
    });
    const dep = Testing.synth(chart).find((o: any) => o.kind === 'Deployment');
    expect(containerOf(dep, 'web').ports).toEqual([{ containerPort: 8080, name: 'http' }]);
    expect(containerOf(dep, 'web').readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(containerOf(dep, 'metrics').readinessProbe.httpGet).toEqual({ path: '/ready', port: 'metrics' });
    expect(dep.spec.template.metadata.annotations).toEqual({
      team: 'storefront',
      'probes.cdk8s.io/container': 'web',
      'probes.cdk8s.io/intents': 'http-service',
      'metrics.probes.cdk8s.io/intents': 'http-service',
    });
    // the raw Deployment had no securityContext: a writable root, so no emptyDir
    expect(podSpec(dep).volumes).toBeUndefined();
    expect(applied.plan!.traffic.readyWhen).toEqual(['web: httpGet /readyz on port "http"', 'metrics: httpGet /ready on port "metrics"']);
    expect(lintObjects([dep]).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('adds the annotations map and ports list where the raw JSON has none', () => {
    const chart = Testing.chart();
    const obj = new ApiObject(chart, 'legacy', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'legacy' },
      spec: { selector: { matchLabels: { app: 'legacy' } }, template: { metadata: { labels: { app: 'legacy' } }, spec: { containers: [{ name: 'worker', image: 'w:1', securityContext: { readOnlyRootFilesystem: true } }] } } },
    });
    ProbeIntents.applyTo(obj, { container: 'worker', intents: [Intent.worker({ heartbeatFile: '/var/run/app/beat' })] });
    const [dep] = Testing.synth(chart);
    expect(dep.spec.template.metadata.annotations['probes.cdk8s.io/intents']).toBe('worker-no-http');
    expect(containerOf(dep, 'worker').volumeMounts).toEqual([{ name: 'writable-var-run-app', mountPath: '/var/run/app' }]);
    expect(containerOf(dep, 'worker').ports).toBeUndefined();
  });
});

describe('a REST and a gRPC server in one existing pod', () => {
  it('both get their own probes; a volume name the pod already uses is not reused', () => {
    const chart = Testing.chart();
    const d = new kplus27.Deployment(chart, 'api');
    d.addContainer({ name: 'rest', image: 'rest:1', portNumber: 8080 });
    d.addContainer({ name: 'grpc', image: 'grpc:1', portNumber: 9090 });
    d.addVolume(kplus27.Volume.fromEmptyDir(chart, 'cache', 'writable-tmp'));
    const applied = ProbeIntents.applyTo(d, {
      container: 'rest',
      intents: [Intent.httpService({ port: 8080 })],
      additionalContainers: [{ container: 'grpc', intents: [Intent.grpcService({ port: 9090 }), Intent.slowStart({ worstStartupSeconds: 900 })] }],
    });
    const dep = Testing.synth(chart)[0];
    expect(containerOf(dep, 'rest').readinessProbe.httpGet.port).toBe('http');
    expect(containerOf(dep, 'grpc').readinessProbe.grpc).toEqual({ port: 9090 });
    expect(containerOf(dep, 'grpc').ports).toEqual([{ containerPort: 9090, name: 'grpc' }]);
    // the slower gRPC server sets the rollout deadline
    expect(applied.plan!.traffic.slowestContainer).toBe('grpc');
    expect(dep.spec.progressDeadlineSeconds).toBe(applied.plan!.progressDeadlineSeconds);
    expect(dep.spec.progressDeadlineSeconds).toBeGreaterThan(600);
    // kplus-27 containers have a read-only root, but neither intent reads a file: no emptyDir
    expect(podSpec(dep).volumes.map((v: any) => v.name)).toEqual(['writable-tmp']);
  });

  it('two workers: each heartbeat directory its own emptyDir, named apart from the pod\'s volumes', () => {
    const chart = Testing.chart();
    const d = new kplus27.Deployment(chart, 'jobs');
    d.addContainer({ name: 'a', image: 'a:1' });
    d.addContainer({ name: 'b', image: 'b:1' });
    d.addVolume(kplus27.Volume.fromEmptyDir(chart, 'taken', 'a-writable-tmp'));
    ProbeIntents.applyTo(d, { container: 'a', intents: [Intent.worker()], additionalContainers: [{ container: 'b', intents: [Intent.worker()] }] });
    const dep = Testing.synth(chart)[0];
    expect(podSpec(dep).volumes.map((v: any) => v.name)).toEqual(['a-writable-tmp', 'a-writable-tmp-2', 'b-writable-tmp']);
    expect(containerOf(dep, 'a').volumeMounts).toEqual([{ mountPath: '/tmp', name: 'a-writable-tmp-2' }]);
    expect(containerOf(dep, 'b').volumeMounts).toEqual([{ mountPath: '/tmp', name: 'b-writable-tmp' }]);
  });
});

describe('a sidecar added to a ProbedWorkload', () => {
  function orders(chart: Chart) {
    const w = new ProbedWorkload(chart, 'orders', { name: 'orders', image: 'orders:1', intents: [Intent.httpService({ port: 8080 })] });
    w.deployment.addContainer({ name: 'metrics', image: 'exporter:1', portNumber: 9102 });
    return w;
  }

  it('gets its own probes and annotations; the app\'s stay as ProbedWorkload wrote them', () => {
    const chart = Testing.chart();
    const w = orders(chart);
    const applied = ProbeIntents.applyTo(w.deployment, {
      container: 'metrics',
      intents: [Intent.httpService({ port: 9102, portName: 'metrics', livenessPath: '/healthz', readinessPath: '/ready' })],
    });
    const dep = Testing.synth(chart).find((o: any) => o.kind === 'Deployment');
    expect(containerOf(dep, 'metrics').readinessProbe.httpGet).toEqual({ path: '/ready', port: 'metrics' });
    expect(containerOf(dep, 'app').readinessProbe).toEqual(w.plan!.readinessProbe);
    expect(readDeclaredIntents(dep.spec.template.metadata.annotations).map((d) => d.container)).toEqual(['app', 'metrics']);
    expect(applied.plan!.annotations['metrics.probes.cdk8s.io/intents']).toBe('http-service');
  });

  it('a container whose intents are already declared is an error', () => {
    const chart = Testing.chart();
    const w = orders(chart);
    ProbeIntents.applyTo(w.deployment, { container: 'app', intents: [Intent.httpService({ port: 8080 })] });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/orders\/deployment\/probe-intents\] container: got "app", whose intents the pod template already declares \(http-service, in its probes\.cdk8s\.io\/\* annotations\)/);
  });

  it('a sidecar port clashing with the app\'s is an error', () => {
    const chart = Testing.chart();
    const w = orders(chart);
    ProbeIntents.applyTo(w.deployment, { container: 'metrics', intents: [Intent.httpService({ port: 9102 })] });
    expect(() => Testing.synth(chart)).toThrow(/container\.ports: the plan declares port 9102 named "http", but container "app" already has a port named "http"/);
  });
});

describe('bad input is a synth error naming the path, field, value and what is allowed', () => {
  function synthError(build: (chart: Chart) => void): string {
    const chart = Testing.chart();
    build(chart);
    try {
      Testing.synth(chart);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('synth succeeded; expected a validation error');
  }
  const deployment = (chart: Chart) => {
    const d = new kplus27.Deployment(chart, 'web');
    d.addContainer({ name: 'web', image: 'web:1', portNumber: 8080 });
    return d;
  };

  it('a container that is not there', () => {
    expect(synthError((chart) => ProbeIntents.applyTo(deployment(chart), { container: 'api', intents: [Intent.httpService({ port: 8080 })] })))
      .toMatch(/\[test\/web\/probe-intents\] container: got "api", which is not a container of the pod template; allowed: one of "web"/);
  });

  it('an object without a pod template', () => {
    expect(synthError((chart) => {
      const inc = new Include(chart, 'existing', { url: FIXTURE });
      ProbeIntents.applyTo(inc.apiObjects.find((o) => o.kind === 'ConfigMap')!, { container: 'web', intents: [Intent.httpService({ port: 8080 })] });
    })).toMatch(/workload: got test\/existing\/web-config-configmap-c8[0-9a-f]+|workload: got test\/existing\/.*, a ConfigMap; allowed: an object with a pod template, of kind Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController/);
  });

  it('a Deployment whose template has no pod spec', () => {
    expect(synthError((chart) => {
      const obj = new ApiObject(chart, 'broken', { apiVersion: 'apps/v1', kind: 'Deployment', spec: { template: {} } });
      ProbeIntents.applyTo(obj, { container: 'web', intents: [Intent.httpService({ port: 8080 })] });
    })).toMatch(/workload: got test\/broken, a Deployment without a pod template \(no spec\.template\.spec\.containers list\)/);
  });

  it('a Job (runs to completion)', () => {
    expect(synthError((chart) => {
      const job = new kplus27.Job(chart, 'job');
      job.addContainer({ name: 'run', image: 'run:1' });
      ProbeIntents.applyTo(job, { container: 'run', intents: [Intent.worker()] });
    })).toMatch(/a Job \(it runs to completion: intents describe long-running containers\)/);
  });

  it('a construct that is not an ApiObject', () => {
    expect(synthError((chart) => {
      const { Construct } = require('constructs');
      ProbeIntents.applyTo(new Construct(chart, 'plain'), { container: 'web', intents: [Intent.httpService({ port: 8080 })] });
    })).toMatch(/workload: got test\/plain, which is neither an ApiObject nor a construct whose default child is one/);
  });

  it('bad intents, reported on the field as written', () => {
    expect(synthError((chart) => ProbeIntents.applyTo(deployment(chart), { container: 'web', intents: [Intent.httpService({ port: 0 })] })))
      .toMatch(/\[test\/web\/probe-intents\] intents\[0\] \(http-service\)\.port: got 0; allowed: a port number from 1 to 65535/);
    expect(synthError((chart) => ProbeIntents.applyTo(deployment(chart), { container: 'web', intents: [Intent.httpService({ port: 8080 })], hangDetectionSeconds: -1 })))
      .toMatch(/hangDetectionSeconds: got -1/);
  });

  it('a port the container declares under another name', () => {
    expect(synthError((chart) => {
      const d = new kplus27.Deployment(chart, 'web');
      d.addContainer({ name: 'web', image: 'web:1', ports: [{ number: 8080, name: 'web' }] });
      ProbeIntents.applyTo(d, { container: 'web', intents: [Intent.httpService({ port: 8080 })] });
    })).toMatch(/container\.ports: the plan names port 8080 "http", but container "web" declares it as "web"; allowed: portName \(or managementPortName\) "web" in the intent/);
  });

  it('a port another container of the pod uses', () => {
    expect(synthError((chart) => {
      const d = deployment(chart);
      d.addContainer({ name: 'proxy', image: 'proxy:1', portNumber: 9000 });
      ProbeIntents.applyTo(d, { container: 'web', intents: [Intent.httpService({ port: 8080, managementPort: 9000 })] });
    })).toMatch(/container\.ports: the plan declares port 9000 named "management", but container "proxy" already has port 9000/);
  });

  it('two containers of one pod clashing on a port name', () => {
    expect(synthError((chart) => {
      const inc = new Include(chart, 'existing', { url: FIXTURE });
      ProbeIntents.applyTo(inc.apiObjects.find((o) => o.kind === 'Deployment')!, {
        container: 'web',
        intents: [Intent.httpService({ port: 8080 })],
        additionalContainers: [{ container: 'metrics', intents: [Intent.httpService({ port: 9102 })] }],
      });
    })).toMatch(/additionalContainers\[0\] \(metrics\)\.intents\[0\] \(http-service\)\.portName: got "http", already a port name of containers\[0\] \(web\)/);
  });

  it('props that are not what they should be', () => {
    expect(synthError((chart) => ProbeIntents.applyTo(deployment(chart), { container: 'web', intents: [Intent.httpService({ port: 8080 })], replaceExistingProbes: 'yes' as unknown as boolean })))
      .toMatch(/replaceExistingProbes: got "yes"; allowed: true or false/);
    expect(synthError((chart) => ProbeIntents.applyTo(deployment(chart), { container: 'web', intents: [Intent.httpService({ port: 8080 })], lintAtSynth: 1 as unknown as boolean })))
      .toMatch(/lintAtSynth: got 1; allowed: true or false/);
    expect(synthError((chart) => ProbeIntents.applyTo(deployment(chart), { container: 'web', intents: [Intent.httpService({ port: 8080 })], additionalContainers: [null as any] })))
      .toMatch(/additionalContainers\[0\]: got null; allowed: an options object/);
    expect(synthError((chart) => ProbeIntents.applyTo(deployment(chart), null as any)))
      .toMatch(/props: got null; allowed: an options object/);
    expect(synthError((chart) => ProbeIntents.applyTo(deployment(chart), { container: 'Web_1', intents: [Intent.httpService({ port: 8080 })] })))
      .toMatch(/container: got "Web_1"; allowed: a DNS-1123 label/);
  });

  it('a raw startup probe like cdk8s-plus\'s implicit one is the team\'s own on a plain ApiObject: a conflict', () => {
    expect(synthError((chart) => {
      const obj = new ApiObject(chart, 'raw', {
        apiVersion: 'apps/v1', kind: 'Deployment',
        spec: { template: { spec: { containers: [{ name: 'web', image: 'w:1', ports: [{ containerPort: 8080 }], startupProbe: { tcpSocket: { port: 8080 }, failureThreshold: 3 } }] } } },
      });
      ProbeIntents.applyTo(obj, { container: 'web', intents: [Intent.httpService({ port: 8080 })] });
    })).toMatch(/container\.startupProbe: container "web" already has startupProbe \{"failureThreshold":3,"tcpSocket":\{"port":8080\}\}/);
  });

  it('a class whose toJson drops a planned field fails synth instead of writing wrong YAML', () => {
    class Lossy extends ApiObject {
      public toJson(): any {
        const json = super.toJson();
        for (const c of json.spec.template.spec.containers) if (c.livenessProbe) delete c.livenessProbe.grpc;
        return json;
      }
    }
    expect(synthError((chart) => {
      const obj = new Lossy(chart, 'lossy', { apiVersion: 'apps/v1', kind: 'Deployment', spec: { template: { spec: { containers: [{ name: 'api', image: 'a:1' }] } } } });
      ProbeIntents.applyTo(obj, { container: 'api', intents: [Intent.grpcService({ port: 9090 })] });
    })).toMatch(/workload: container "api" livenessProbe: planned \{.*"grpc":\{"port":9090\}.*\}, written \{(?!.*grpc).*\}; allowed: a rendering that keeps the planned fields/);
  });

  it('intents applied twice to one workload', () => {
    expect(synthError((chart) => {
      const d = deployment(chart);
      ProbeIntents.applyTo(d, { container: 'web', intents: [Intent.httpService({ port: 8080 })] });
      ProbeIntents.applyTo(d, { container: 'web', intents: [Intent.httpService({ port: 8080 })] });
    })).toMatch(/\[test\/web\/probe-intents-2\] workload: got test\/web, whose containers test\/web\/probe-intents already gave intents; allowed: one ProbeIntents per workload/);
  });

  it('an edit after applying that moves the container', () => {
    expect(synthError((chart) => {
      const obj = new ApiObject(chart, 'legacy', {
        apiVersion: 'apps/v1', kind: 'Deployment',
        spec: { template: { spec: { containers: [{ name: 'web', image: 'w:1' }] } } },
      });
      ProbeIntents.applyTo(obj, { container: 'web', intents: [Intent.httpService({ port: 8080 })] });
      obj.addJsonPatch(require('cdk8s').JsonPatch.add('/spec/template/spec/containers/0', { name: 'init-proxy', image: 'p:1' }));
    })).toMatch(/cannot be rendered with the intents applied|is no longer at index 0/);
  });

  it('a later edit that removes the port name the probes use: the lint at synth catches it', () => {
    expect(synthError((chart) => {
      const d = deployment(chart);
      ProbeIntents.applyTo(d, { container: 'web', intents: [Intent.httpService({ port: 8080 })] });
      ApiObject.of(d).addJsonPatch(require('cdk8s').JsonPatch.remove('/spec/template/spec/containers/0/ports/0/name'));
    })).toMatch(/\[test\/web\/probe-intents\] probe-port-name-unknown: Deployment container web: .*"http"/);
  });

  it('a later patch that changes a planned probe', () => {
    expect(synthError((chart) => {
      const d = deployment(chart);
      ProbeIntents.applyTo(d, { container: 'web', intents: [Intent.httpService({ port: 8080 }), Intent.command({ probe: ProbeKind.READINESS, command: ['check'] })] });
      ApiObject.of(d).addJsonPatch(require('cdk8s').JsonPatch.add('/spec/template/spec/containers/0/readinessProbe/timeoutSeconds', 30));
    })).toMatch(/readinessProbe: planned .* written .*"timeoutSeconds":30/);
  });
});

describe('the checks after applying read the render synth writes (issue 11)', () => {
  it('renders the workload once per synth, and checks an edit made between two synths', () => {
    const chart = Testing.chart();
    const web = new kplus27.Deployment(chart, 'web', { replicas: 3 });
    web.addContainer({ name: 'web', image: 'web:1', portNumber: 8080 });
    ProbeIntents.applyTo(web, { container: 'web', intents: [Intent.httpService({ port: 8080 })] });
    const render = jest.spyOn(ApiObject.prototype, 'toJson');
    try {
      Testing.synth(chart);
      expect(render.mock.contexts.filter((c) => c === ApiObject.of(web)).length).toBe(1);
    } finally {
      render.mockRestore();
    }
    ApiObject.of(web).addJsonPatch(require('cdk8s').JsonPatch.replace('/spec/template/spec/containers/0/livenessProbe/timeoutSeconds', 60));
    expect(() => Testing.synth(chart)).toThrow(/^Validation failed with the following errors:\n  \[test\/web\/probe-intents\] workload: container "web" livenessProbe: planned .*"timeoutSeconds":3\}, written .*"timeoutSeconds":60\}/);
  });
});
