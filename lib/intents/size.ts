/**
 * Pipeline step 5: the declared targets -> probe timings (lib/timing), the command intents' pinned
 * timings, the invariants every emitted probe set keeps, and the one rule for liveness and
 * readiness sharing a handler (lib/timing/shared-endpoint, the same function the lint rule calls).
 */
import { ProbeKind } from '../k8s/types';
import {
  checkInvariants, DEFAULT_WORST_STARTUP_SECONDS, minPeriodFor, ProbeTiming, SizedProbes, sizeProbes,
  sizeStartup, SizingError, timeoutFor,
} from '../timing';
import { sharedEndpointVerdict } from '../timing/shared-endpoint';
import { FieldChecks, show } from './checks';
import { ContainerDraft, TimingPins } from './modules';
import { ResolvedTargets } from './targets';

/**
 * The worst startup the startup probe is sized for. A declaration below the default is raised to
 * it: declaring a number must never leave a workload more fragile than declaring none.
 */
export function sizedWorstStartup(draft: ContainerDraft): number {
  return Math.max(draft.declaredWorstStartupSeconds ?? DEFAULT_WORST_STARTUP_SECONDS, DEFAULT_WORST_STARTUP_SECONDS);
}

function sizeBase(draft: ContainerDraft, t: ResolvedTargets, c: FieldChecks): SizedProbes | undefined {
  const h = draft.handlers!;
  const worst = sizedWorstStartup(draft);
  try {
    const sized = sizeProbes({
      worstStartupSeconds: worst,
      hangDetectionSeconds: t.hangDetectionSeconds,
      handlerLatencySeconds: t.handlerLatencySeconds,
      livenessKind: h[ProbeKind.LIVENESS].kind,
      readinessKind: h[ProbeKind.READINESS].kind,
      fastRecovery: draft.fastRecovery !== undefined,
    });
    // the startup probe's timeout follows its own handler kind
    if (h[ProbeKind.STARTUP].kind === h[ProbeKind.LIVENESS].kind) return sized;
    return { ...sized, startup: sizeStartup(worst, timeoutFor(t.handlerLatencySeconds, h[ProbeKind.STARTUP].kind)) };
  } catch (e) {
    if (!(e instanceof SizingError)) throw e;
    c.add(e.field, `got ${e.value}; ${e.allowed}`);
    return undefined;
  }
}

function applyPins(kind: ProbeKind, base: ProbeTiming, pins: TimingPins, worst: number, c: FieldChecks): ProbeTiming | undefined {
  const timeout = pins.timeoutSeconds ?? base.timeoutSeconds;
  const period = pins.periodSeconds ?? Math.max(base.periodSeconds, minPeriodFor(timeout));
  if (timeout >= period && !(timeout === 1 && period === 1)) {
    c.add(`${pins.field}.timeoutSeconds`, `got ${timeout} with periodSeconds ${period}; allowed: a timeout below the period (attempts would overlap and the period stretch)`);
    return undefined;
  }
  let failureThreshold = pins.failureThreshold ?? base.failureThreshold;
  if (kind === ProbeKind.STARTUP && pins.failureThreshold === undefined) failureThreshold = Math.max(2, Math.ceil(worst / period) + 1);
  return { ...base, periodSeconds: period, timeoutSeconds: timeout, failureThreshold };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Sizes the three probes; undefined when the targets or pins cannot be met (issues recorded). */
export function sizeTimings(draft: ContainerDraft, t: ResolvedTargets, c: FieldChecks): SizedProbes | undefined {
  let timings = sizeBase(draft, t, c);
  if (!timings) return undefined;
  const worst = sizedWorstStartup(draft);
  let ok = true;
  for (const kind of Object.values(ProbeKind)) {
    const pins = draft.pins[kind];
    if (!pins) continue;
    const pinned = applyPins(kind, timings[kind], pins, worst, c);
    if (pinned) timings = { ...timings, [kind]: pinned };
    else ok = false;
  }
  if (!ok) return undefined;
  for (const v of checkInvariants(timings, worst)) {
    c.add(draft.pins[v.probe as ProbeKind]?.field ?? `${v.probe} probe`, `${v.message}; allowed: probes that keep the invariants (see README "Defaults")`);
  }
  checkSharedHandler(draft, timings, c);
  return c.issues.length > 0 ? undefined : timings;
}

/** One endpoint for liveness and readiness is accepted only when liveness trips strictly after readiness. */
function checkSharedHandler(draft: ContainerDraft, timings: SizedProbes, c: FieldChecks): void {
  const live = draft.handlers![ProbeKind.LIVENESS];
  const ready = draft.handlers![ProbeKind.READINESS];
  if (!sameJson(live.json, ready.json)) return;
  const verdict = sharedEndpointVerdict(timings.liveness, timings.readiness);
  if (verdict.acceptable) return;
  c.add(ready.field, `got ${show(ready.text)}, the same check as liveness, and liveness trips after ${verdict.livenessTripSeconds} s, not later than readiness (${verdict.readinessTripSeconds} s); allowed: a separate readiness check, or timings where liveness trips strictly after readiness`);
}

