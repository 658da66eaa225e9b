/** A probe-level terminationGracePeriodSeconds that is not shorter than the pod's own. */
import { containerName, probedContainers, Rule, RuleCategory, Severity } from '../types';
import { probeFieldPath, probeOf, ROLE_LABEL } from './read';
import { podGrace, probeGraceSeconds } from '../../manifest/grace';

/** `probe-grace-not-below-pod`. */
export const rule: Rule = {
  meta: {
    id: 'probe-grace-not-below-pod',
    severity: Severity.WARNING,
    category: RuleCategory.TIMING,
    description: "A liveness or startup probe's terminationGracePeriodSeconds at or above the pod's terminationGracePeriodSeconds.",
    rationale:
      'The probe-level grace period exists to kill a wedged container faster than a normal shutdown (seed 002 uses 1 s); '
      + "equal to the pod's it does nothing, above it a liveness kill waits longer than a normal shutdown would "
      + '(probe-semantics.md "Thresholds"; unset means the pod\'s value, default 30).',
    fix: "Set the probe-level grace period well below the pod's (a wedged process needs no graceful drain), or remove it.",
    peers: [],
  },
  checkWorkload(w, ctx) {
    const { seconds: pod, written: podWritten } = podGrace(w.podSpec);
    for (const c of probedContainers(w)) {
      for (const role of ['startupProbe', 'livenessProbe'] as const) {
        const g = probeGraceSeconds(probeOf(c, role));
        if (g === undefined || g < pod) continue;
        const name = containerName(c.container);
        ctx.report({
          message:
            `${ROLE_LABEL[role]} probe of container "${name}" sets terminationGracePeriodSeconds ${g}, `
            + `${g === pod ? 'equal to' : 'above'} the pod's ${pod}${podWritten ? '' : ' (the default)'}: `
            + (g === pod ? 'it changes nothing' : 'a container killed by this probe gets longer to stop than a normal shutdown'),
          path: probeFieldPath(c, role, 'terminationGracePeriodSeconds'),
          container: name,
        });
      }
    }
  },
};
