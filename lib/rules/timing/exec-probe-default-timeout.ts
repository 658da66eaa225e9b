/** An exec probe left at a 1 s timeout: process start alone can take that long on a busy node. */
import { PROBE_ROLES } from '../../k8s/types';
import { effectiveTiming } from '../../timing/defaults';
import { DEFAULT_HANDLER_LATENCY_SECONDS, HandlerKind, timeoutFor } from '../../timing/sizing';
import { containerName, probedContainers, Rule, RuleCategory, Severity } from '../types';
import { probeFieldPath, probeOf, ROLE_LABEL } from './read';
import { handlerTypeOf } from '../../manifest/probes';
import { writtenNumber } from '../../manifest/record';

/** `exec-probe-default-timeout`. */
export const rule: Rule = {
  meta: {
    id: 'exec-probe-default-timeout',
    severity: Severity.WARNING,
    category: RuleCategory.TIMING,
    description: 'An exec probe with timeoutSeconds 1 (the default).',
    rationale:
      'The kubelet starts a new process in the container for every exec attempt, and enforces exec timeouts since Kubernetes 1.20 '
      + '(before that T was ignored, so old manifests never noticed); at T = 1 a loaded node fails the probe (probe-semantics.md '
      + '"Handlers"; seed 003\'s `test -e /tmp/healthy` example).',
    fix: `Give exec probes a timeout covering process start plus the command's worst run time (e.g. ${timeoutFor(DEFAULT_HANDLER_LATENCY_SECONDS, HandlerKind.EXEC)} s), and a period above it.`,
    peers: [],
  },
  checkWorkload(w, ctx) {
    for (const c of probedContainers(w)) {
      for (const role of PROBE_ROLES) {
        const probe = probeOf(c, role);
        if (!probe || handlerTypeOf(probe) !== 'exec') continue;
        const t = effectiveTiming(probe);
        if (t.timeoutSeconds > 1) continue;
        const name = containerName(c.container);
        const written = writtenNumber(probe, 'timeoutSeconds') !== undefined && writtenNumber(probe, 'timeoutSeconds') !== 0;
        ctx.report({
          message:
            `${ROLE_LABEL[role]} exec probe of container "${name}" has timeoutSeconds ${t.timeoutSeconds}${written ? '' : ' (the default)'}: `
            + 'every attempt starts a process in the container and the timeout is enforced since Kubernetes 1.20, so a busy node fails it',
          path: probeFieldPath(c, role, 'timeoutSeconds'),
          container: name,
        });
      }
    }
  },
};
