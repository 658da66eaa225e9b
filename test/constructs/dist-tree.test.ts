/**
 * dist/ is one GitOps tree (issue 8): applied together (`kubectl apply -f dist/`, a kustomization
 * over every file, Argo CD), no two objects may share kind, namespace and name — seeds 000 and 001
 * both wrote Deployment/flask-app before each chart got its own namespace. Every namespaced object
 * lands in a namespace the tree creates, and every object validates against the 1.27 schema.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { validateObject } from './k8s-schema';

const DIST = path.join(__dirname, '..', '..', 'dist');
type Obj = Record<string, any>;
const CLUSTER_SCOPED = new Set(['Namespace']);

function readTree(): Array<{ file: string; o: Obj }> {
  return fs.readdirSync(DIST).filter((f) => f.endsWith('.k8s.yaml')).sort()
    .flatMap((file) => parseAllDocuments(fs.readFileSync(path.join(DIST, file), 'utf8')).map((d) => ({ file, o: d.toJS() as Obj })));
}

/** kind/namespace/name of an object, as the API server identifies it. */
function identity(o: Obj): string {
  const ns = CLUSTER_SCOPED.has(o.kind) ? '' : o.metadata?.namespace ?? '(no namespace)';
  return `${o.kind}/${ns}/${o.metadata?.name}`;
}

/** Each identity that occurs more than once, with the files it occurs in. */
export function duplicateIdentities(tree: Array<{ file: string; o: Obj }>): string[] {
  const seen = new Map<string, string[]>();
  for (const { file, o } of tree) seen.set(identity(o), [...(seen.get(identity(o)) ?? []), file]);
  return [...seen].filter(([, files]) => files.length > 1).map(([id, files]) => `${id} in ${files.join(', ')}`);
}

describe('dist/ as one GitOps tree', () => {
  const tree = readTree();

  it('has no two objects with one kind, namespace and name', () => {
    expect(tree.length).toBeGreaterThan(20);
    expect(duplicateIdentities(tree)).toEqual([]);
  });

  it('the check finds the clash seeds 000 and 001 had when both wrote flask-app without a namespace', () => {
    const flask = { kind: 'Deployment', metadata: { name: 'flask-app' } };
    expect(duplicateIdentities([{ file: 'a.k8s.yaml', o: flask }, { file: 'b.k8s.yaml', o: flask }]))
      .toEqual(['Deployment/(no namespace)/flask-app in a.k8s.yaml, b.k8s.yaml']);
  });

  it('puts every namespaced object in a namespace the tree creates', () => {
    const namespaces = new Set(tree.filter(({ o }) => o.kind === 'Namespace').map(({ o }) => o.metadata.name));
    for (const { file, o } of tree.filter(({ o: x }) => !CLUSTER_SCOPED.has(x.kind))) {
      expect({ file, object: identity(o), created: namespaces.has(o.metadata.namespace) }).toEqual({ file, object: identity(o), created: true });
    }
    for (const { o } of tree.filter(({ o: x }) => CLUSTER_SCOPED.has(x.kind))) expect(o.metadata.namespace).toBeUndefined();
  });

  it('keeps pods in baseline namespaces within Pod Security baseline (host namespaces, hostPath, hostPort, privileged)', () => {
    const level = new Map(tree.filter(({ o }) => o.kind === 'Namespace').map(({ o }) => [o.metadata.name, o.metadata.labels?.['pod-security.kubernetes.io/enforce']]));
    const pods = tree.filter(({ o }) => o.spec?.template?.spec).map(({ file, o }) => ({ file, id: identity(o), ns: o.metadata.namespace, pod: o.spec.template.spec }));
    expect(pods.some((p) => level.get(p.ns) === 'baseline')).toBe(true);
    for (const { file, id, ns, pod } of pods) {
      expect({ file, id, level: level.get(ns) }).toEqual({ file, id, level: expect.stringMatching(/^(baseline|privileged)$/) });
      if (level.get(ns) !== 'baseline') continue;
      const containers: Obj[] = [...(pod.initContainers ?? []), ...pod.containers];
      const violations = [
        ...['hostNetwork', 'hostPID', 'hostIPC'].filter((f) => pod[f] === true),
        ...(pod.volumes ?? []).filter((v: Obj) => v.hostPath).map((v: Obj) => `hostPath volume ${v.name}`),
        ...containers.filter((c) => c.securityContext?.privileged === true).map((c) => `privileged ${c.name}`),
        ...containers.flatMap((c) => (c.ports ?? []).filter((p: Obj) => p.hostPort).map((p: Obj) => `hostPort ${p.hostPort}`)),
      ];
      expect({ file, id, violations }).toEqual({ file, id, violations: [] });
    }
  });

  it('validates every object against the Kubernetes 1.27 schema (kubernetes-models)', () => {
    for (const { file, o } of tree) {
      let error = '';
      try {
        validateObject(o);
      } catch (e) {
        error = (e as Error).message;
      }
      expect({ file, object: identity(o), error }).toEqual({ file, object: identity(o), error: '' });
    }
  });
});
