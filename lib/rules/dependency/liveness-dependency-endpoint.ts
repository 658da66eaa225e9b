/**
 * A liveness (or startup) httpGet on a readiness, composite or dependency health endpoint: when a
 * shared dependency fails, every pod is restarted and the restarts fix nothing.
 */
import { containerName, probedContainers, Rule, RuleCategory, Severity } from '../types';
import { probeOf, ROLE_LABEL } from '../timing/read';
import { handlerTypeOf, httpPathOf } from '../../manifest/probes';
import { dependencyPathReason } from './heuristics';

/** `liveness-dependency-endpoint`. */
export const rule: Rule = {
  meta: {
    id: 'liveness-dependency-endpoint',
    severity: Severity.WARNING,
    category: RuleCategory.DEPENDENCY,
    description: 'A liveness or startup httpGet on a readiness, composite or dependency health path (/ready*, /actuator/health, /health/db, …).',
    rationale:
      'Liveness must check the process only: a dependency outage (database, Redis, RabbitMQ, another service) fails the check in every '
      + 'pod at once, Kubernetes restarts them all, and the restart fixes nothing (seed 004: Spring Boot `/manage/health` aggregating '
      + 'mysql/redis/rabbitmq). A startup probe on such a path kills pods that start while the dependency is down. '
      + 'Path names are a heuristic: `/livez`, `/healthz`, `/health`, `/actuator/health/liveness`, `/health/liveness` pass.',
    fix: 'Point liveness (and startup) at a process-only endpoint such as /livez or /actuator/health/liveness; check dependencies in readiness only.',
    peers: [],
  },
  checkWorkload(w, ctx) {
    for (const c of probedContainers(w)) {
      for (const role of ['startupProbe', 'livenessProbe'] as const) {
        const probe = probeOf(c, role);
        if (handlerTypeOf(probe) !== 'httpGet') continue;
        const path = httpPathOf(probe) ?? '/';
        const reason = dependencyPathReason(path);
        if (!reason) continue;
        const name = containerName(c.container);
        ctx.report({
          message:
            `${ROLE_LABEL[role]} probe of container "${name}" calls GET ${path}, ${reason}: when a shared dependency fails, `
            + (role === 'livenessProbe' ? 'every pod is restarted at once and the restarts fix nothing' : 'every starting pod is killed and restarted until it recovers'),
          path: [...c.path, role, 'httpGet', 'path'],
          container: name,
        });
      }
    }
  },
};
