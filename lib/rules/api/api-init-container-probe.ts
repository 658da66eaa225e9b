/**
 * api-init-container-probe: probes are forbidden on plain init containers (allowed only on native
 * sidecars, restartPolicy Always) and on ephemeral containers.
 */
import { probesOf } from '../../manifest/probes';
import { asRecord } from '../../manifest/record';
import { containerName, Rule, RuleCategory, Severity } from '../types';

/** The rule. */
export const rule: Rule = {
  meta: {
    id: 'api-init-container-probe',
    severity: Severity.ERROR,
    category: RuleCategory.API,
    description: 'Probes on an init container need restartPolicy: Always (a native sidecar); ephemeral containers take no probes.',
    rationale:
      'The API server rejects liveness, readiness and startup probes on init containers without restartPolicy: Always ' +
      '("may not be set for init containers without restartPolicy=Always"): a plain init container runs to completion and is never probed. ' +
      'Ephemeral containers may not set probes either (reference/probe-semantics.md, "API validation").',
    fix: 'Remove the probes from the init container, or make it a native sidecar with restartPolicy: Always if it must keep running beside the app.',
    peers: [],
  },
  checkWorkload(w, ctx) {
    for (const c of w.containers) {
      if (!c.init || c.nativeSidecar) continue;
      const name = containerName(c.container);
      for (const { role } of probesOf(c.container)) {
        ctx.report({
          path: [...c.path, role],
          container: name,
          message: `init container "${name}" ${role}: may not be set for init containers without restartPolicy=Always`,
        });
      }
    }
    const eph = (w.podSpec as Record<string, unknown>).ephemeralContainers;
    if (!Array.isArray(eph)) return;
    eph.forEach((raw, i) => {
      const ec = asRecord(raw);
      if (!ec) return;
      const name = containerName(ec);
      for (const { role } of probesOf(ec)) {
        ctx.report({
          path: [...w.podSpecPath, 'ephemeralContainers', i, role],
          container: name,
          message: `ephemeral container "${name}" ${role}: may not be set for ephemeral containers`,
          fix: 'Remove the probe: ephemeral containers are debugging aids and are never probed.',
        });
      }
    });
  },
};
