/**
 * Writable directories for files probes read. cdk8s-plus-27 makes the root filesystem read-only
 * by default, so a heartbeat or marker file the app must write needs a volume: the plan mounts an
 * emptyDir at the file's directory (the directory's image content is hidden by the mount).
 */
import { FieldChecks, show } from '../checks';
import { directoryOf, isAppFile } from '../shell';
import { ContainerDraft, ModuleContext } from './module';

function volumeName(dir: string, taken: ReadonlySet<string>): string {
  const base = `writable${dir.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.replace(/-+$/, '').slice(0, 55);
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  return name;
}

/**
 * Makes the directory of `file` writable when the root filesystem is read-only. Records an issue
 * on `field` when no emptyDir can go there (the root, a system directory).
 */
export function makeWritable(draft: ContainerDraft, file: string, field: string, ctx: ModuleContext, c: FieldChecks): void {
  if (!ctx.readOnlyRootFilesystem) return;
  addWritableDirectory(draft, directoryOf(file), file, field, c);
}

/** Mounts an emptyDir at `dir` for `file` (the value given), unless a planned volume already covers it. */
export function addWritableDirectory(draft: ContainerDraft, dir: string, file: string, field: string, c: FieldChecks): void {
  if (dir === '/' || !isAppFile(dir)) {
    c.add(field, `got ${show(file)}: the root filesystem is read-only (cdk8s-plus-27's default) and no emptyDir can be mounted at ${show(dir)} without hiding the image's files; allowed: a file in a directory of its own such as /tmp or /var/run/app, or securityContext.readOnlyRootFilesystem: false`);
    return;
  }
  const covered = draft.volumes.find((v) => dir === v.mountPath || dir.startsWith(`${v.mountPath}/`));
  if (covered) return;
  // a new outer directory replaces mounts below it
  draft.volumes = draft.volumes.filter((v) => !v.mountPath.startsWith(`${dir}/`));
  const name = volumeName(dir, new Set(draft.volumes.map((v) => v.name)));
  draft.volumes.push({ name, mountPath: dir, reason: file });
  draft.volumes.sort((a, b) => a.mountPath.localeCompare(b.mountPath));
}
