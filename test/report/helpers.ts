/** Test helpers: build workload reports from YAML text with the real loader. */
import { parseManifestText, toWorkload } from '../../lib/manifest';
import { explainWorkload, WorkloadReport } from '../../lib/report';

/** Explains every workload in a YAML text (throws when the text does not load). */
export function explainYaml(yamlText: string, file = 'test.yaml'): WorkloadReport[] {
  const loaded = parseManifestText(yamlText, file);
  if (loaded.errors.length > 0) throw new Error(loaded.errors.map((e) => e.message).join('; '));
  const out: WorkloadReport[] = [];
  for (const doc of loaded.documents) {
    const w = toWorkload(doc);
    if (w) out.push(explainWorkload(w));
  }
  return out;
}

/** A Deployment around one container's YAML (indented as a list item under containers). */
export function deployment(containerYaml: string, opts: { replicas?: number; podExtra?: string; annotations?: string; name?: string } = {}): string {
  const indent = (s: string, n: number) => s.split('\n').map((l) => (l.trim() ? ' '.repeat(n) + l : l)).join('\n');
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${opts.name ?? 'web'}`,
    '  namespace: shop',
    'spec:',
    `  replicas: ${opts.replicas ?? 1}`,
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata:',
    '      labels: {app: web}',
    opts.annotations ? `      annotations:\n${indent(opts.annotations, 8)}` : '',
    '    spec:',
    opts.podExtra ? indent(opts.podExtra, 6) : '',
    '      containers:',
    indent(containerYaml, 6),
  ].filter((l) => l !== '').join('\n');
}

/** Seed 001's Deployment, as the article writes it. */
export const SEED_001 = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: flask-app
spec:
  replicas: 3
  selector:
    matchLabels:
      app: flask-app
  template:
    metadata:
      labels:
        app: flask-app
    spec:
      containers:
      - name: flask-app
        image: your-dockerhub-username/flask-app:latest
        ports:
        - containerPort: 8080
        livenessProbe:
          httpGet:
            path: /healthz
            port: 8080
          initialDelaySeconds: 5
          periodSeconds: 10
        readinessProbe:
          httpGet:
            path: /readyz
            port: 8080
          initialDelaySeconds: 5
          periodSeconds: 10
        startupProbe:
          httpGet:
            path: /healthz
            port: 8080
          failureThreshold: 30
          periodSeconds: 10
`;

/** Seed 002's crashy app with its fast liveness probe. */
export const SEED_002 = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: crashy-app
  labels:
    app: crashy
spec:
  replicas: 1
  selector:
    matchLabels:
      app: crashy
  template:
    metadata:
      labels:
        app: crashy
    spec:
      containers:
      - name: crashy-app
        image: crashy-app:1.0.0
        ports:
        - containerPort: 80
        env:
        - name: CRASH_AFTER
          value: "60"
        livenessProbe:
          httpGet:
            path: /health
            port: 80
          periodSeconds: 1
          failureThreshold: 3
          terminationGracePeriodSeconds: 1
`;
