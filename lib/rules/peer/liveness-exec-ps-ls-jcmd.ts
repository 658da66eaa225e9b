/** liveness-exec-ps-ls-jcmd: an exec liveness probe runs ps, ls or jcmd (also inside `sh -c "…"`). */
import { execPrograms } from '../../manifest/commands';
import { asRecord } from '../../manifest/record';
import { containerName, probedContainers, Rule, RuleCategory, Severity } from '../types';

/** Programs that make poor liveness checks, with why. */
export const DISCOURAGED_LIVENESS_PROGRAMS: Readonly<Record<string, string>> = Object.freeze({
  jcmd: 'attaches to the JVM, which is slow and CPU-hungry and times out exactly when the JVM is busy',
  ls: 'only shows that a path exists, and keeps passing when the process is stuck',
  ps: 'only shows that a process exists, and keeps passing when it is deadlocked',
});

/** The rule. */
export const rule: Rule = {
  meta: {
    id: 'liveness-exec-ps-ls-jcmd',
    severity: Severity.WARNING,
    category: RuleCategory.PEER,
    description: 'An exec liveness probe runs ps, ls or jcmd, directly or inside a shell script.',
    rationale:
      '`ps` and `ls` succeed while the process is deadlocked (a stuck process still exists), so they never catch what liveness is for; `jcmd` ' +
      'is a heavy JVM attach that is slow under load and trips a restart exactly when the pod is busiest (seeds 003, 004: keep probes cheap and about ' +
      'progress). Kyverno only looks at the first word; here `sh -c "ps aux | grep app"` is caught too.',
    fix: 'Check progress instead: a heartbeat file the app touches (test $(( $(date +%s) - $(stat -c %Y /tmp/heartbeat) )) -lt 60), or an httpGet/gRPC health endpoint.',
    peers: ['Kyverno deny-commands-in-exec-probe'],
  },
  checkWorkload(w, ctx) {
    for (const c of probedContainers(w)) {
      const live = asRecord((c.container as Record<string, unknown>).livenessProbe);
      const exec = asRecord(live?.exec);
      if (!exec) continue;
      const found = [...new Set(execPrograms(exec.command).filter((p) => Object.prototype.hasOwnProperty.call(DISCOURAGED_LIVENESS_PROGRAMS, p)))].sort();
      if (found.length === 0) continue;
      const name = containerName(c.container);
      ctx.report({
        path: [...c.path, 'livenessProbe', 'exec', 'command'],
        container: name,
        message: `container "${name}" livenessProbe runs ${found.map((p) => `\`${p}\``).join(', ')}: ${found.map((p) => `${p} ${DISCOURAGED_LIVENESS_PROGRAMS[p]}`).join('; ')}`,
      });
    }
  },
};
