/**
 * exec-probe-file-read-only-root: an exec probe that reads a file the app must write
 * (`test -e /tmp/healthy`, a heartbeat's `stat -c %Y`, `cat`, `ls`, `find -mmin`) in a container
 * whose root filesystem is read-only, with no volume mounted over that path.
 */
import { PROBE_ROLES } from '../../k8s/types';
import { filesReadBy } from '../../manifest/commands';
import { containerProbe, execCommandOf } from '../../manifest/probes';
import { asRecord } from '../../manifest/record';
import { containerName, probedContainers, Rule, RuleCategory, Severity } from '../types';
import { ROLE_LABEL } from '../timing/read';

/**
 * Where files come with the image or the kubelet rather than from the app: system directories,
 * virtual filesystems, and what the kubelet mounts itself (/etc/hosts, /etc/resolv.conf,
 * /dev/termination-log, the service-account token under /var/run/secrets).
 */
const NOT_APP_WRITTEN = ['/dev', '/proc', '/sys', '/etc', '/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/var/run/secrets', '/run/secrets'];

/** Whether `path` is `dir` or inside it. */
function within(path: string, dir: string): boolean {
  const d = dir.length > 1 ? dir.replace(/\/+$/, '') : dir;
  return path === d || path.startsWith(d === '/' ? '/' : `${d}/`);
}

/** The mountPaths of a container's volumeMounts, read leniently. */
function mountPaths(container: unknown): string[] {
  const mounts = asRecord(container)?.volumeMounts;
  if (!Array.isArray(mounts)) return [];
  return mounts.map((m) => asRecord(m)?.mountPath).filter((p): p is string => typeof p === 'string' && p.startsWith('/'));
}

/** The rule. */
export const rule: Rule = {
  meta: {
    id: 'exec-probe-file-read-only-root',
    severity: Severity.ERROR,
    category: RuleCategory.RUNTIME,
    description: 'An exec probe reads a file the app must write (test -e, stat, cat, ls, find) under readOnlyRootFilesystem: true, and no volumeMount covers that path.',
    rationale:
      'With securityContext.readOnlyRootFilesystem the container\'s root filesystem is mounted read-only, so the app can create or ' +
      'update a file only on a mounted volume. A liveness or startup probe that checks such a file (seed 003\'s `test -e /tmp/healthy`, ' +
      'a worker heartbeat aged with `stat -c %Y /tmp/heartbeat`) then fails forever and restarts the container in a loop; a readiness ' +
      'probe keeps the pod out of the Service (issue 7: cdk8s-plus-27 makes the root filesystem read-only by default). Paths under ' +
      '/etc, /usr, /bin, /lib, /dev, /proc, /sys and the kubelet\'s own mounts are taken to come with the image and are not reported; ' +
      'a file the image ships elsewhere is a false positive to suppress with probes.cdk8s.io/ignore.',
    fix: 'Mount a writable volume (an emptyDir) over the file\'s directory, e.g. /tmp, or point the app and its probe at a path on a mounted volume.',
    peers: [],
  },
  checkWorkload(w, ctx) {
    for (const c of probedContainers(w)) {
      const sc = asRecord(asRecord(c.container)?.securityContext);
      if (sc?.readOnlyRootFilesystem !== true) continue;
      const mounts = mountPaths(c.container);
      const name = containerName(c.container);
      for (const role of PROBE_ROLES) {
        const command = execCommandOf(containerProbe(c.container, role));
        if (!command) continue;
        for (const f of filesReadBy(command)) {
          if (NOT_APP_WRITTEN.some((d) => within(f.path, d)) || mounts.some((m) => within(f.path, m))) continue;
          ctx.report({
            path: [...c.path, role, 'exec', 'command'],
            container: name,
            message:
              `container "${name}" ${ROLE_LABEL[role]} probe reads ${f.path} (${f.program}), but its root filesystem is read-only ` +
              `(securityContext.readOnlyRootFilesystem: true) and no volumeMount covers ${f.path}` +
              `${mounts.length > 0 ? ` (mounted: ${mounts.join(', ')})` : ''}: the app can never create or update it`,
          });
        }
      }
    }
  },
};
