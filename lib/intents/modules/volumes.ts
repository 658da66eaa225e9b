/**
 * Pipeline step: writable directories for the files probes read. cdk8s-plus-27 makes the root
 * filesystem read-only by default, so a heartbeat or marker file the app must write needs a
 * volume: the plan mounts an emptyDir at each such file's directory (hiding whatever the image
 * has there), or at a directory a command declares with `writableDirectory`.
 */
import { ProbeKind } from '../../k8s/types';
import { FieldChecks, show } from '../checks';
import { directoryOf, isAppFile } from '../shell';
import { ContainerDraft, PlannedVolume } from './module';

function volumeName(dir: string, taken: ReadonlySet<string>): string {
  const base = `writable${dir.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.replace(/-+$/, '').slice(0, 55);
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  return name;
}

/** Every directory to make writable, with the file (or directory) and field it is for. */
function wanted(draft: ContainerDraft): Array<{ dir: string; given: string; field: string }> {
  const out: Array<{ dir: string; given: string; field: string }> = [];
  const handlers = new Set(Object.values(ProbeKind).map((k) => draft.handlers![k]));
  for (const h of handlers) {
    for (const file of h.files) out.push({ dir: directoryOf(file), given: file, field: h.field });
    for (const dir of h.directories) out.push({ dir, given: dir, field: h.field.replace(/\.command$/, '.writableDirectory') });
  }
  return out;
}

/**
 * Mounts one emptyDir per outermost directory the probes need writable, when the root filesystem
 * is read-only; records an issue where none can go (the root, a system directory).
 */
export function planVolumes(draft: ContainerDraft, readOnlyRootFilesystem: boolean, c: FieldChecks): void {
  if (!readOnlyRootFilesystem) return;
  const dirs = new Map<string, string>();
  for (const { dir, given, field } of wanted(draft)) {
    if (dir === '/' || !isAppFile(dir)) {
      c.add(field, `got ${show(given)}: the root filesystem is read-only (cdk8s-plus-27's default) and no emptyDir can be mounted at ${show(dir)} without hiding the image's files; allowed: a file in a directory of its own such as /tmp or /var/run/app, or securityContext.readOnlyRootFilesystem: false`);
    } else if (!dirs.has(dir)) dirs.set(dir, given);
  }
  const sorted = [...dirs.keys()].sort();
  const outermost = sorted.filter((d) => !sorted.some((o) => o !== d && d.startsWith(`${o}/`)));
  const volumes: PlannedVolume[] = [];
  for (const dir of outermost) volumes.push({ name: volumeName(dir, new Set(volumes.map((v) => v.name))), mountPath: dir, reason: dirs.get(dir)! });
  draft.volumes = volumes;
}
