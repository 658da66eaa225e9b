/**
 * An exec liveness (or startup) probe that contacts another host: curl/wget/nc to a remote
 * address, or pg_isready/redis-cli/mysqladmin against a database.
 */
import { containerName, probedContainers, Rule, RuleCategory, Severity } from '../types';
import { probeOf, ROLE_LABEL } from '../timing/read';
import { execCommandOf } from '../../manifest/probes';
import { remoteCalls } from './heuristics';

/** `liveness-exec-remote-dependency`. */
export const rule: Rule = {
  meta: {
    id: 'liveness-exec-remote-dependency',
    severity: Severity.WARNING,
    category: RuleCategory.DEPENDENCY,
    description: 'An exec liveness or startup probe that contacts another host (curl, wget, nc, pg_isready, redis-cli, mysqladmin, …).',
    rationale:
      'A liveness command that reaches another host restarts the container whenever that host or the network to it fails; a shared '
      + 'dependency outage then restarts every pod at once (seed 004, "Ignore Dependency Errors"; peer-checks.md "Checks none of '
      + 'them has" 14). Calls to localhost, 127.0.0.0/8, ::1, $(hostname) and $POD_IP are the container itself and pass.',
    fix: 'Check only the local process in liveness (a heartbeat file, a localhost endpoint); move dependency checks to readiness.',
    peers: [],
  },
  checkWorkload(w, ctx) {
    for (const c of probedContainers(w)) {
      for (const role of ['startupProbe', 'livenessProbe'] as const) {
        const command = execCommandOf(probeOf(c, role));
        if (!command) continue;
        const calls = remoteCalls(command);
        if (calls.length === 0) continue;
        const name = containerName(c.container);
        const what = calls.map((k) => `${k.program} → ${k.host}`).join(', ');
        ctx.report({
          message:
            `${ROLE_LABEL[role]} exec probe of container "${name}" contacts another host (${what}): when that dependency or the network `
            + 'to it fails, the container is restarted, and a shared outage restarts every pod at once',
          path: [...c.path, role, 'exec', 'command'],
          container: name,
        });
      }
    }
  },
};
