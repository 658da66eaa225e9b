/**
 * Every chart in dist/ would run in a cluster (issue 7): each object validates against the
 * Kubernetes schema and has a valid metadata.name; every file an exec probe reads that the app
 * writes is on a writable path; gRPC probes ask a health service a stock grpc.health.v1 server
 * answers (""), on a declared port; named probe ports are declared; Services select a workload of
 * their file and target its ports. Read from the committed YAML, as a cluster would get it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { isDns1035Label, isDns1123Label } from '../../lib/intents/checks';
import { appFilesReadBy as filesReadBy } from '../../lib/intents/shell';
import { validateObject } from './k8s-schema';

const DIST = path.join(__dirname, '..', '..', 'dist');
const files = fs.readdirSync(DIST).filter((f) => f.endsWith('.k8s.yaml')).sort();
type Obj = Record<string, any>;

function probesOf(c: Obj): Obj[] {
  return [c.startupProbe, c.livenessProbe, c.readinessProbe].filter((p) => p !== undefined);
}

function writable(pod: Obj, c: Obj, file: string): boolean {
  if (c.securityContext?.readOnlyRootFilesystem !== true) return true;
  const emptyDirs = new Set((pod.volumes ?? []).filter((v: Obj) => v.emptyDir).map((v: Obj) => v.name));
  return (c.volumeMounts ?? []).some((m: Obj) => emptyDirs.has(m.name) && !m.readOnly && file.startsWith(`${m.mountPath.replace(/\/$/, '')}/`));
}

describe.each(files)('dist/%s would run', (file) => {
  const objects: Obj[] = parseAllDocuments(fs.readFileSync(path.join(DIST, file), 'utf8')).map((d) => d.toJS());
  // every workload shape the examples write
  const deployments = objects.filter((o) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind));

  it('holds objects that validate, each with a valid name (Services: DNS-1035)', () => {
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects) {
      expect(isDns1123Label(o.metadata?.name)).toBe(true);
      if (o.kind === 'Service') expect(isDns1035Label(o.metadata.name)).toBe(true);
      expect(() => validateObject(o)).not.toThrow();
    }
  });

  it('keeps every probe file the app writes on a writable path, and probes declared ports', () => {
    for (const d of deployments) {
      const pod = d.spec.template.spec;
      for (const c of pod.containers as Obj[]) {
        const portNames = new Set((c.ports ?? []).map((p: Obj) => p.name));
        const portNumbers = new Set((c.ports ?? []).map((p: Obj) => p.containerPort));
        for (const probe of probesOf(c)) {
          for (const f of filesReadBy(probe.exec?.command ?? [])) expect({ container: c.name, file: f, writable: writable(pod, c, f) }).toEqual({ container: c.name, file: f, writable: true });
          const port = probe.httpGet?.port ?? probe.tcpSocket?.port;
          if (typeof port === 'string') expect(portNames.has(port)).toBe(true);
          if (probe.grpc) {
            expect(portNumbers.has(probe.grpc.port)).toBe(true);
            // a stock grpc.health.v1 server answers the overall health "" (the kubelet sends "" when service is absent)
            expect(probe.grpc.service ?? '').toBe('');
          }
        }
      }
    }
  });

  it('has Services that select a workload of the file and target its ports', () => {
    for (const s of objects.filter((o) => o.kind === 'Service')) {
      const selected = deployments.filter((d) => Object.entries(s.spec.selector).every(([k, v]) => d.spec.template.metadata.labels?.[k] === v));
      expect(selected.map((d) => d.metadata.name)).toHaveLength(1);
      const ports = new Set(selected[0].spec.template.spec.containers.flatMap((c: Obj) => (c.ports ?? []).map((p: Obj) => p.containerPort)));
      for (const p of s.spec.ports) expect(ports.has(p.targetPort)).toBe(true);
    }
  });
});
