/**
 * The lint benchmark's generated corpus: workload documents of every kind with a spread of right
 * and wrong probes (so findings and their positions are part of the cost), a Service every 10.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Files in the default corpus. */
export const FILES = 100;
/** Workload documents per file. */
export const PER_FILE = 100;

/** The kinds cycled through. */
export const KINDS = ['Deployment', 'Deployment', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ReplicaSet', 'Deployment'];

function container(i: number): string {
  const v = i % 6;
  const period = [5, 10, 15, 20][i % 4];
  // a spread of right and wrong probes, so findings (and their line lookups) are part of the cost
  const liveness =
    v === 0
      ? '' // missing liveness
      : v === 1
        ? `          livenessProbe:\n            httpGet: {path: /readyz, port: http}\n            periodSeconds: ${period}\n            timeoutSeconds: ${period}\n            failureThreshold: 1\n` // dependency path, T = P, F = 1
        : v === 2
          ? `          livenessProbe:\n            exec: {command: [sh, -c, "test -e /tmp/healthy"]}\n            periodSeconds: ${period}\n`
          : `          livenessProbe:\n            httpGet: {path: /livez, port: 8080}\n            initialDelaySeconds: ${v === 3 ? 120 : 0}\n            periodSeconds: ${period}\n            timeoutSeconds: ${1 + (i % 3)}\n            failureThreshold: 3\n`;
  const readiness =
    v === 4
      ? `          readinessProbe:\n            httpGet: {path: /livez, port: 8080}\n            periodSeconds: ${period}\n` // identical to liveness
      : `          readinessProbe:\n            httpGet: {path: /readyz, port: http}\n            periodSeconds: 5\n            failureThreshold: 2\n`;
  const startup = i % 3 === 0 ? `          startupProbe:\n            tcpSocket: {port: 8080}\n            periodSeconds: 5\n            failureThreshold: ${10 + (i % 50)}\n` : '';
  return `        - name: app
          image: registry.example/svc-${i}:1.0.${i}
          ports:
            - {containerPort: 8080, name: http}
${liveness}${readiness}${startup}`;
}

/** The pod template's metadata block, its keys at `indent`. */
function podMeta(i: number, indent: string): string {
  const ann =
    i % 5 === 0
      ? `${indent}annotations:\n${indent}  probes.cdk8s.io/intents: http-service,slow-start\n${indent}  probes.cdk8s.io/worst-startup-seconds: "${30 + (i % 90)}"\n` +
        (i % 20 === 0 ? `${indent}  probes.cdk8s.io/ignore: "liveness-probe-missing: bench"\n` : '')
      : '';
  return `${indent}labels: {app: svc-${i}}\n${ann}`;
}

/** The pod spec's keys at `indent`. */
function podBody(i: number, indent: string): string {
  const restart = i % 10 === 5 || i % 10 === 6 ? `${indent}restartPolicy: Never\n` : '';
  const containers = container(i)
    .split('\n')
    .map((l) => (l.length > 0 ? indent + l.slice(6) : l))
    .join('\n');
  return `${restart}${indent}terminationGracePeriodSeconds: ${20 + (i % 40)}\n${indent}containers:\n${containers}`;
}

export function workloadYaml(i: number): string {
  const kind = KINDS[i % KINDS.length];
  const apiVersion = kind === 'Pod' ? 'v1' : kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
  if (kind === 'Pod') return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: svc-${i}\n  namespace: team-${i % 17}\n${podMeta(i, '  ')}spec:\n${podBody(i, '  ')}`;
  const head = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: svc-${i}\n  namespace: team-${i % 17}\n`;
  if (kind === 'CronJob') return `${head}spec:\n  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        metadata:\n${podMeta(i, '          ')}        spec:\n${podBody(i, '          ')}`;
  const replicas = kind === 'DaemonSet' || kind === 'Job' ? '' : `  replicas: ${1 + (i % 5)}\n`;
  return `${head}spec:\n${replicas}  selector:\n    matchLabels: {app: svc-${i}}\n  template:\n    metadata:\n${podMeta(i, '      ')}    spec:\n${podBody(i, '      ')}`;
}

/** Writes FILES files of PER_FILE workloads each (plus a Service every 10) into `dir`. */
export function generate(dir: string, files = FILES, perFile = PER_FILE, padBytes = 0): { bytes: number; documents: number } {
  // padding: object annotations of about padBytes per workload (to reach a given corpus size)
  const pad = padBytes > 0 ? `metadata:\n  annotations:\n${Array.from({ length: Math.ceil(padBytes / 64) }, (_, k) => `    bench.example/pad-${k}: "${'x'.repeat(34)}"\n`).join('')}` : '';
  let bytes = 0;
  let documents = 0;
  for (let f = 0; f < files; f++) {
    const docs: string[] = [];
    for (let k = 0; k < perFile; k++) {
      const i = f * perFile + k;
      docs.push(pad ? workloadYaml(i).replace('metadata:\n', pad) : workloadYaml(i));
      if (i % 10 === 0) docs.push(`apiVersion: v1\nkind: Service\nmetadata: {name: svc-${i}, namespace: team-${i % 17}}\nspec:\n  selector: {app: svc-${i}}\n  ports: [{port: 80, targetPort: http}]\n`);
    }
    documents += docs.length;
    const text = `# Source: bench/templates/chart-${f}.yaml\n` + docs.join('---\n');
    bytes += Buffer.byteLength(text);
    fs.writeFileSync(path.join(dir, `chart-${String(f).padStart(3, '0')}.k8s.yaml`), text);
  }
  return { bytes, documents };
}
