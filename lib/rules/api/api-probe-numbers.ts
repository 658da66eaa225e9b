/**
 * api-probe-numbers: the API server's checks on a probe's numeric fields: D, T, P, S, F whole
 * numbers ≥ 0; probe-level terminationGracePeriodSeconds a whole number > 0.
 */
import { JsonPath } from '../../manifest/load';
import { probesOf } from '../../manifest/probes';
import { asRecord } from '../../manifest/record';
import { WorkloadContainer } from '../../manifest/workloads';
import { containerName, probedContainers, Rule, RuleCategory, RuleContext, Severity } from '../types';

/** The timing fields validated as non-negative int32 (0 means "use the default"). */
export const NON_NEGATIVE_PROBE_FIELDS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;

const INT32_MAX = 2147483647;

/** The rule. */
export const rule: Rule = {
  meta: {
    id: 'api-probe-numbers',
    severity: Severity.ERROR,
    category: RuleCategory.API,
    description: 'Probe timings must be whole numbers ≥ 0, and a probe-level terminationGracePeriodSeconds must be > 0.',
    rationale:
      'The API server rejects negative initialDelaySeconds, timeoutSeconds, periodSeconds, successThreshold and failureThreshold ' +
      '("must be greater than or equal to 0"; 0 becomes the default) and a probe terminationGracePeriodSeconds ≤ 0 ("must be greater than 0"); ' +
      'a quoted number or a fraction does not even decode into the int32 field (reference/probe-semantics.md, "API validation").',
    fix: 'Write each field as an unquoted whole number: timings ≥ 0 (better ≥ 1), terminationGracePeriodSeconds ≥ 1.',
    peers: ['Datree 55-59'],
  },
  checkWorkload(w, ctx) {
    for (const c of probedContainers(w)) {
      for (const { role, probe } of probesOf(c.container)) {
        const p = asRecord(probe);
        if (!p) continue; // api-probe-handler reports a probe that is not an object
        for (const f of NON_NEGATIVE_PROBE_FIELDS) {
          if (!inRange(p[f], 0, INT32_MAX)) reportNumber(ctx, c, role, f, p[f], 0, INT32_MAX, 'must be greater than or equal to 0');
        }
        const grace = p.terminationGracePeriodSeconds;
        if (!inRange(grace, 1, Number.MAX_SAFE_INTEGER)) reportNumber(ctx, c, role, 'terminationGracePeriodSeconds', grace, 1, Number.MAX_SAFE_INTEGER, 'must be greater than 0');
      }
    }
  },
};

/** Whether a numeric field holds: unset, or a whole number from min to max (the common case, built without a message). */
function inRange(v: unknown, min: number, max: number): boolean {
  return v === undefined || v === null || (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max);
}

/** Reports a numeric field {@link inRange} refused. */
function reportNumber(ctx: RuleContext, c: WorkloadContainer, role: string, field: string, v: unknown, min: number, max: number, rangeMsg: string): void {
  const name = containerName(c.container);
  const path: JsonPath = [...c.path, role, field];
  const prefix = `container "${name}" ${role}.${field}`;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    const shown = typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : String(v);
    const hint = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? ` (write ${v.trim()} unquoted)` : '';
    ctx.report({ path, container: name, message: `${prefix}: ${shown} is not a whole number${hint}; ${rangeMsg}` });
  } else if (v < min) {
    ctx.report({ path, container: name, message: `${prefix}: ${v}: ${rangeMsg}` });
  } else if (v > max) {
    ctx.report({ path, container: name, message: `${prefix}: ${v}: must be at most ${max}` });
  }
}
