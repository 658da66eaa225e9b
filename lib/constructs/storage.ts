/**
 * Persistent storage of a StatefulSet: one PersistentVolumeClaim per pod from each declared
 * claim template, mounted in the app container. cdk8s-plus-27's StatefulSet has no
 * volumeClaimTemplates, so the StatefulSet shape renders them (see probed-stateful-set.ts).
 */
import { Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { FieldChecks, show } from '../intents/checks';
import { PlannedVolume } from '../intents/plan';
import { checkEnum } from './parity-checks';

/** A volume claim template: each pod of the StatefulSet gets its own PersistentVolumeClaim, kept across restarts and rescheduling. */
export interface PersistentStorage {
  /** Where the app container mounts it (an absolute path). */
  readonly mountPath: string;
  /** The size requested, e.g. `Size.gibibytes(10)`. */
  readonly size: Size;
  /**
   * The claim template's name (a DNS-1123 label); each pod's claim is `<name>-<statefulset>-<ordinal>`.
   * @default 'data'
   */
  readonly name?: string;
  /**
   * The StorageClass to provision from.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * The access mode.
   * @default kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE
   */
  readonly accessMode?: kplus.PersistentVolumeAccessMode;
}

/** A claim template, checked. */
export interface ResolvedClaim {
  readonly name: string;
  readonly mountPath: string;
  readonly storage: string;
  readonly storageClassName?: string;
  readonly accessMode: string;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A Size as a Kubernetes quantity: whole Gi when it is one, else whole Mi. */
export function quantityOf(size: Size): string | undefined {
  const gi = size.toGibibytes({ rounding: SizeRoundingBehavior.NONE });
  if (Number.isInteger(gi) && gi > 0) return `${gi}Gi`;
  const mi = size.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
  return Number.isInteger(mi) && mi > 0 ? `${mi}Mi` : undefined;
}

function readClaim(s: unknown, f: string, c: FieldChecks): ResolvedClaim | undefined {
  if (!c.record(f, s)) return undefined;
  const o = s as Record<string, unknown>;
  const name = o.name === undefined ? 'data' : o.name;
  let ok = c.dnsLabel(`${f}.name`, name);
  const storage = o.size instanceof Size ? quantityOf(o.size) : undefined;
  if (!storage) {
    c.add(`${f}.size`, `got ${show(o.size)}; allowed: a cdk8s Size of at least 1 MiB in whole MiB, e.g. Size.gibibytes(10)`);
    ok = false;
  }
  if (typeof o.mountPath !== 'string' || !o.mountPath.startsWith('/') || /\s/.test(o.mountPath) || o.mountPath === '/') {
    c.add(`${f}.mountPath`, `got ${show(o.mountPath)}; allowed: an absolute path without spaces, not "/"`);
    ok = false;
  }
  if (o.storageClassName !== undefined && (typeof o.storageClassName !== 'string' || o.storageClassName.length > 253 || !DNS1123_SUBDOMAIN.test(o.storageClassName))) {
    c.add(`${f}.storageClassName`, `got ${show(o.storageClassName)}; allowed: a StorageClass name (DNS-1123 subdomain: lowercase letters, digits, "-" and ".")`);
    ok = false;
  }
  const before = c.issues.length;
  checkEnum(`${f}.accessMode`, o.accessMode, kplus.PersistentVolumeAccessMode, 'PersistentVolumeAccessMode', c);
  if (!ok || c.issues.length > before) return undefined;
  return {
    name: name as string,
    mountPath: (o.mountPath as string).replace(/\/+$/, ''),
    storage: storage!,
    storageClassName: o.storageClassName as string | undefined,
    accessMode: (o.accessMode as string | undefined) ?? kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE,
  };
}

/**
 * Reads the claim templates: valid, distinct names and mount paths, none where a volumeMount or a
 * probe file's emptyDir already is.
 */
export function readStorage(storage: unknown, mounts: unknown, planned: readonly PlannedVolume[], c: FieldChecks): ResolvedClaim[] {
  if (storage === undefined) return [];
  if (!Array.isArray(storage)) {
    c.add('storage', `got ${show(storage)}; allowed: a list of { mountPath, size, name?, storageClassName?, accessMode? }`);
    return [];
  }
  const taken = new Map<string, string>();
  if (Array.isArray(mounts)) mounts.forEach((m, i) => typeof m?.path === 'string' && taken.set(m.path.replace(/\/+$/, ''), `volumeMounts[${i}]`));
  for (const v of planned) taken.set(v.mountPath, `the emptyDir for ${show(v.reason)}`);
  const names = new Set<string>();
  const out: ResolvedClaim[] = [];
  storage.forEach((s: unknown, i) => {
    const f = `storage[${i}]`;
    const claim = readClaim(s, f, c);
    if (!claim) return;
    if (names.has(claim.name)) return c.add(`${f}.name`, `got ${show(claim.name)} twice; allowed: a name per claim template`);
    if (taken.has(claim.mountPath)) return c.add(`${f}.mountPath`, `got ${show(claim.mountPath)}, already mounted by ${taken.get(claim.mountPath)}; allowed: a path nothing else is mounted at`);
    names.add(claim.name);
    taken.set(claim.mountPath, f);
    out.push(claim);
  });
  return out;
}

/** The claim templates as the L1 StatefulSet spec takes them. */
export function claimTemplates(claims: readonly ResolvedClaim[], labels: Record<string, string>): kplus.k8s.KubePersistentVolumeClaimProps[] {
  return claims.map((x) => ({
    metadata: { name: x.name, labels },
    spec: {
      accessModes: [x.accessMode],
      storageClassName: x.storageClassName,
      resources: { requests: { storage: kplus.k8s.Quantity.fromString(x.storage) } },
    },
  }));
}
