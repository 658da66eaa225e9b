/**
 * Checks of the cdk8s-plus-style props every shape shares (metadata, namespace, env values,
 * mounts, ports, command): each records an issue naming the field as written, the value given
 * and what is allowed. Values may come from JavaScript or jsii callers: nothing is assumed.
 */
import * as kplus from 'cdk8s-plus-27';
import { ANNOTATION_PREFIX } from '../k8s/annotations';
import { FieldChecks, isDns1123Label, show } from '../intents/checks';
import { PlannedPort, PlannedVolume } from '../intents/plan';
import { ExtraPort } from './workload-props';

/** The label every object of a workload carries; the library sets it. */
export const NAME_LABEL = 'app.kubernetes.io/name';

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** A label or annotation key as the API accepts it (IsQualifiedName: an optional DNS subdomain prefix and a name of ≤ 63). */
export function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (name.length > 63 || !QUALIFIED_NAME.test(name)) return false;
  return parts.length === 1 || (parts[0].length <= 253 && DNS1123_SUBDOMAIN.test(parts[0]));
}

const KEY_RULE = 'a qualified name: an optional DNS subdomain prefix and "/", then at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit';

/** Labels: qualified keys, label values, not the library's name label. */
export function checkLabels(labels: unknown, c: FieldChecks): void {
  if (labels === undefined || !c.record('labels', labels)) return;
  for (const [k, v] of Object.entries(labels)) {
    const f = `labels[${JSON.stringify(k)}]`;
    if (k === NAME_LABEL) c.add(f, `is set by the library to the workload name; allowed: any other label (give the name through \`name\`)`);
    else if (!isQualifiedName(k)) c.add(f, `key ${show(k)} is not ${KEY_RULE}`);
    if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v)) {
      c.add(f, `got ${show(v)}; allowed: a label value of at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (or empty)`);
    }
  }
}

/** Annotations: qualified keys, string values; `reserved` keys (the library's prefix) refused. */
export function checkAnnotations(field: string, annotations: unknown, reservePrefix: boolean, c: FieldChecks): void {
  if (annotations === undefined || !c.record(field, annotations)) return;
  for (const [k, v] of Object.entries(annotations)) {
    const f = `${field}[${JSON.stringify(k)}]`;
    if (reservePrefix && k.startsWith(ANNOTATION_PREFIX)) c.add(f, `uses the prefix ${ANNOTATION_PREFIX}, which records the declared intent; allowed: any other key`);
    else if (!isQualifiedName(k)) c.add(f, `key ${show(k)} is not ${KEY_RULE}`);
    if (typeof v !== 'string') c.add(f, `got ${show(v)}; allowed: a string value`);
  }
}

/** A namespace: a DNS-1123 label. */
export function checkNamespace(namespace: unknown, c: FieldChecks): void {
  if (namespace === undefined || isDns1123Label(namespace)) return;
  c.add('namespace', `got ${show(namespace)}; allowed: a DNS-1123 label (lowercase letters, digits and "-", at most 63 characters)`);
}

/** A list of strings (command, args). */
export function checkStrings(field: string, value: unknown, c: FieldChecks): void {
  if (value === undefined) return;
  if (Array.isArray(value) && value.every((s) => typeof s === 'string')) return;
  c.add(field, `got ${show(value)}; allowed: a list of strings`);
}

/** An enum member of cdk8s-plus. */
export function checkEnum(field: string, value: unknown, members: object, what: string, c: FieldChecks): void {
  if (value === undefined || Object.values(members).includes(value)) return;
  c.add(field, `got ${show(value)}; allowed: ${Object.values(members).map((m) => show(m)).join(', ')} (${what})`);
}

/** envVariables: valid names holding cdk8s-plus EnvValues, none also in `env`. */
export function checkEnvVariables(vars: unknown, env: unknown, c: FieldChecks): void {
  if (vars === undefined || !c.record('envVariables', vars)) return;
  const plain = env !== null && typeof env === 'object' ? Object.keys(env) : [];
  for (const [name, value] of Object.entries(vars)) {
    const f = `envVariables[${JSON.stringify(name)}]`;
    c.envName(f, name);
    if (!(value instanceof kplus.EnvValue)) c.add(f, `got ${show(value)}; allowed: a cdk8s-plus-27 EnvValue (EnvValue.fromSecretValue, EnvValue.fromConfigMap, EnvValue.fromValue, … imported from 'cdk8s-plus-27'; a cdk8s-plus-33 value is not one)`);
    if (plain.includes(name)) c.add(f, `is also given in env; allowed: each variable once, in env or in envVariables`);
  }
}

/** envFrom: cdk8s-plus EnvFrom sources. */
export function checkEnvFrom(sources: unknown, c: FieldChecks): void {
  if (sources === undefined) return;
  if (Array.isArray(sources) && sources.every((s) => s instanceof kplus.EnvFrom)) return;
  c.add('envFrom', `got ${show(sources)}; allowed: a list of cdk8s-plus-27 EnvFrom (Env.fromConfigMap, Env.fromSecret, from 'cdk8s-plus-27')`);
}

/** A serviceAccount: a cdk8s-plus IServiceAccount (something with a name). */
export function checkServiceAccount(sa: unknown, c: FieldChecks): void {
  if (sa === undefined) return;
  const name = sa !== null && typeof sa === 'object' ? (sa as { name?: unknown }).name : undefined;
  if (isDns1123SubdomainName(name)) return;
  c.add('serviceAccount', `got ${show(sa)}; allowed: a cdk8s-plus ServiceAccount (new ServiceAccount(…) or ServiceAccount.fromServiceAccountName(…))`);
}

function isDns1123SubdomainName(v: unknown): boolean {
  return typeof v === 'string' && v.length <= 253 && DNS1123_SUBDOMAIN.test(v);
}

/**
 * volumeMounts: absolute, distinct paths with cdk8s-plus volumes. A mount at a directory the plan
 * makes writable for a probe file must itself be writable. Returns the planned volumes the
 * user's mounts replace.
 */
export function checkVolumeMounts(mounts: unknown, planned: readonly PlannedVolume[], c: FieldChecks): Set<string> {
  const replaced = new Set<string>();
  if (mounts === undefined) return replaced;
  if (!Array.isArray(mounts)) {
    c.add('volumeMounts', `got ${show(mounts)}; allowed: a list of { path, volume } (cdk8s-plus VolumeMount)`);
    return replaced;
  }
  const seen = new Set<string>();
  mounts.forEach((m: unknown, i) => {
    const f = `volumeMounts[${i}]`;
    if (!c.record(f, m)) return;
    const { path, volume, readOnly } = m as { path?: unknown; volume?: unknown; readOnly?: unknown };
    if (!(volume instanceof kplus.Volume)) c.add(`${f}.volume`, `got ${show(volume)}; allowed: a cdk8s-plus-27 Volume (Volume.fromConfigMap, Volume.fromSecret, Volume.fromEmptyDir, … from 'cdk8s-plus-27')`);
    if (typeof path !== 'string' || !path.startsWith('/') || /\s/.test(path)) {
      c.add(`${f}.path`, `got ${show(path)}; allowed: an absolute path without spaces`);
      return;
    }
    const clean = path.replace(/\/+$/, '') || '/';
    if (seen.has(clean)) c.add(`${f}.path`, `got ${show(path)}, mounted twice; allowed: each path once`);
    seen.add(clean);
    const probeDir = planned.find((v) => v.mountPath === clean);
    if (probeDir && readOnly === true) {
      c.add(`${f}.readOnly`, `got true at ${show(path)}, where the app writes ${show(probeDir.reason)}, a file its probes read; allowed: a writable mount there`);
    } else if (probeDir && volume instanceof kplus.Volume && isReadOnlySource(volume)) {
      c.add(`${f}.volume`, `is a ConfigMap, Secret, downward API or projected volume at ${show(path)}, which the kubelet mounts read-only, but the app writes ${show(probeDir.reason)} there, a file its probes read; allowed: a writable volume (emptyDir, a claim) there`);
    } else if (probeDir) replaced.add(probeDir.name);
  });
  return replaced;
}

/** Whether the kubelet always mounts the volume read-only (ConfigMap, Secret, downward API, projected). */
function isReadOnlySource(volume: kplus.Volume): boolean {
  const v = volume._toKube();
  return Boolean(v.configMap || v.secret || v.downwardApi || v.projected);
}

/** extraPorts: valid, distinct from each other and from the intents' ports; exposed only with a Service. */
export function checkExtraPorts(ports: unknown, planned: readonly PlannedPort[], hasService: boolean, c: FieldChecks): ExtraPort[] {
  if (ports === undefined) return [];
  if (!Array.isArray(ports)) {
    c.add('extraPorts', `got ${show(ports)}; allowed: a list of { number, name, protocol?, exposed? }`);
    return [];
  }
  const names = new Map(planned.map((p) => [p.name, 'an intent'] as [string, string]));
  const numbers = new Map(planned.map((p) => [p.number, 'an intent'] as [number, string]));
  const good: ExtraPort[] = [];
  ports.forEach((p: unknown, i) => {
    const f = `extraPorts[${i}]`;
    if (!c.record(f, p)) return;
    const x = p as Record<string, unknown>;
    let ok = c.port(`${f}.number`, x.number) && c.portName(`${f}.name`, x.name);
    if (ok && names.has(x.name as string)) {
      c.add(`${f}.name`, `got ${show(x.name)}, already the name of a port of ${names.get(x.name as string)}; allowed: a name no other port of the pod has`);
      ok = false;
    }
    if (ok && numbers.has(x.number as number)) {
      c.add(`${f}.number`, `got ${x.number}, already a port of ${numbers.get(x.number as number)}; allowed: a port no other port of the pod has`);
      ok = false;
    }
    checkEnum(`${f}.protocol`, x.protocol, kplus.Protocol, 'Protocol', c);
    if (x.exposed !== undefined && c.flag(`${f}.exposed`, x.exposed) && x.exposed && !hasService) {
      c.add(`${f}.exposed`, `got true, but the workload has no Service (its intents serve no traffic); allowed: false, or a serving intent (httpService, tcpService, grpcService)`);
      ok = false;
    }
    if (!ok) return;
    names.set(x.name as string, f);
    numbers.set(x.number as number, f);
    good.push(x as unknown as ExtraPort);
  });
  return good;
}
