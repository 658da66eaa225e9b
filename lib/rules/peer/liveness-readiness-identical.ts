/**
 * liveness-readiness-identical: liveness and readiness run the same check after normalisation,
 * and liveness trips no later than readiness.
 */
import { effectiveTiming, TimingFieldsInput } from '../../timing/defaults';
import { sharedEndpointVerdict } from '../../timing/shared-endpoint';
import { isLongRunning } from '../probe-util';
import { describeHandler, handlerKind, normalizeHandler, sameHandler } from '../../manifest/probes';
import { asRecord } from '../../manifest/record';
import { containerName, probedContainers, Rule, RuleCategory, Severity } from '../types';

/** The rule. */
export const rule: Rule = {
  meta: {
    id: 'liveness-readiness-identical',
    severity: Severity.WARNING,
    category: RuleCategory.PEER,
    description: 'Liveness and readiness run the same check and liveness trips no later than readiness.',
    rationale:
      'When one check drives both probes, a failure that should only take the pod out of the Service (overload, a critical dependency down) ' +
      'restarts it instead, on every replica at once (seeds 000, 001, 004: separate liveness and readiness endpoints). Compared after normalisation ' +
      '(API defaults, named ports resolved through the container\'s ports, scheme, host, headers, gRPC port and service), and threshold-aware: ' +
      'identical handlers are acceptable when liveness trips strictly after readiness (its F·P above readiness\'s), the fix kube-score users asked for ' +
      '(kube-score #285, #296, #339). Not judged on Job/CronJob.',
    fix: 'Give liveness its own endpoint that checks only the process (e.g. /livez) and readiness one that checks readiness (e.g. /readyz), or make liveness trip strictly later (failureThreshold × periodSeconds above readiness\'s).',
    peers: ['kube-score pod-probes-identical', 'Kyverno validate-probes'],
  },
  checkWorkload(w, ctx) {
    if (!isLongRunning(w)) return;
    for (const c of probedContainers(w)) {
      const rec = c.container as Record<string, unknown>;
      const live = asRecord(rec.livenessProbe);
      const ready = asRecord(rec.readinessProbe);
      if (!live || !ready) continue;
      // handlers of different kinds (or none, or several) are never the same: skip normalizing them
      const kind = handlerKind(live);
      if (kind === 'none' || kind === 'multiple' || kind !== handlerKind(ready)) continue;
      const ln = normalizeHandler(live, c.container);
      if (!sameHandler(ln, normalizeHandler(ready, c.container))) continue;
      const verdict = sharedEndpointVerdict(live as TimingFieldsInput, ready as TimingFieldsInput);
      if (verdict.acceptable) continue;
      const lt = effectiveTiming(live as TimingFieldsInput);
      const rt = effectiveTiming(ready as TimingFieldsInput);
      const lTrip = verdict.livenessTripSeconds;
      const rTrip = verdict.readinessTripSeconds;
      const name = containerName(c.container);
      const order = lTrip === rTrip ? 'at the same time as' : 'before';
      ctx.report({
        path: [...c.path, 'livenessProbe'],
        container: name,
        message:
          `container "${name}": livenessProbe and readinessProbe run the same check (${describeHandler(ln)}) and liveness trips ${order} readiness ` +
          `(F·P ${lt.failureThreshold}×${lt.periodSeconds} = ${lTrip} s vs ${rt.failureThreshold}×${rt.periodSeconds} = ${rTrip} s): a failure restarts the container instead of only taking it out of the Service`,
      });
    }
  },
};
