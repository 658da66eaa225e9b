/**
 * Pipeline step 4: checks across intents, once every module has contributed — dependencies in
 * probes (seed 004), what a shell-less image can run, and what fast recovery can hold.
 */
import { ProbeKind } from '../k8s/types';
import { FAST_RECOVERY_FAILURE_THRESHOLD, HandlerKind, timeoutFor } from '../timing';
import { FieldChecks, show } from './checks';
import { ContainerDraft, DraftHandler } from './modules';
import { ResolvedTargets } from './targets';
import { mentionsDependency } from '../manifest';

/** Liveness and startup check no dependency; readiness checks no optional one (seed 004). */
export function checkDependencies(draft: ContainerDraft, c: FieldChecks): void {
  const h = draft.handlers!;
  const reported = new Set<string>();
  for (const kind of [ProbeKind.LIVENESS, ProbeKind.STARTUP]) {
    for (const dep of [...draft.critical, ...draft.optional]) {
      const key = `${h[kind].field}:${dep}`;
      if (!mentionsDependency(h[kind].text, dep) || reported.has(key)) continue;
      reported.add(key);
      const which = draft.critical.includes(dep) ? 'critical' : 'optional';
      c.add(h[kind].field, `${kind} (${show(h[kind].text)}) checks the ${which} dependency ${show(dep)}; allowed: ${kind} checks the process only — an outage of ${dep} must not restart every pod (seed 004); let readiness check critical dependencies`);
    }
  }
  for (const dep of draft.optional) {
    if (!mentionsDependency(h[ProbeKind.READINESS].text, dep)) continue;
    c.add(h[ProbeKind.READINESS].field, `readiness (${show(h[ProbeKind.READINESS].text)}) checks the optional dependency ${show(dep)}; allowed: optional dependencies stay out of every probe — a cache outage must not take every pod out of the Service (seed 004)`);
  }
}

/**
 * Images without a shell (distroless, scratch): a handler that needs one (the worker's heartbeat
 * check, a `sh -c` command) cannot run. A worker's liveness command already replaced the heartbeat
 * in every probe (modules/command.ts), so what is left is a synth error saying what to give.
 */
export function checkShelllessImage(draft: ContainerDraft, t: ResolvedTargets, c: FieldChecks): void {
  if (t.imageHasShell) return;
  const h = draft.handlers!;
  const reported = new Set<string>();
  for (const kind of [ProbeKind.LIVENESS, ProbeKind.READINESS, ProbeKind.STARTUP]) {
    if (h[kind].needs.length === 0 || reported.has(h[kind].field)) continue;
    reported.add(h[kind].field);
    c.add(h[kind].field, `the ${kind} probe needs ${h[kind].needs.join(', ')} but imageHasShell is false; allowed: Intent.command({ probe: ProbeKind.${kind.toUpperCase()}, command: [...] }) running a program the image has (for a worker, a liveness command replaces the heartbeat check in every probe), or imageHasShell: true`);
  }
}

/** Fast recovery probes every second with a 1 s timeout: every handler it relies on must be a network one. */
export function checkFastRecovery(draft: ContainerDraft, t: ResolvedTargets, c: FieldChecks): void {
  const fast = draft.fastRecovery;
  if (!fast) return;
  if (t.hangDetectionSeconds !== undefined) {
    c.add(fast.field, `fast-recovery fixes liveness at P = 1, F = 3; it cannot be combined with hangDetectionSeconds ${t.hangDetectionSeconds} — drop one`);
  }
  const h: Record<ProbeKind, DraftHandler> = draft.handlers!;
  if (h[ProbeKind.LIVENESS].heartbeat) {
    c.add(fast.field, 'fast-recovery needs a liveness handler that answers in under 1 s; a worker\'s liveness is an exec heartbeat check, and starting a process takes longer — drop fast-recovery (size liveness with hangDetectionSeconds instead)');
  } else if (h[ProbeKind.LIVENESS].kind === HandlerKind.EXEC) {
    c.add(fast.field, 'fast-recovery probes every second with a 1 s timeout; an exec liveness probe needs more than 1 s to start a process — use an HTTP, TCP or gRPC liveness, or drop fast-recovery');
  } else if (h[ProbeKind.READINESS].kind === HandlerKind.EXEC) {
    const field = draft.pins[ProbeKind.READINESS]?.field ?? fast.field;
    c.add(field, `fast-recovery restarts after ${FAST_RECOVERY_FAILURE_THRESHOLD} s; an exec readiness probe needs a timeout of ${timeoutFor(t.handlerLatencySeconds, HandlerKind.EXEC)} s, so it cannot take the pod out of the Service before liveness restarts it — use an HTTP, TCP or gRPC readiness, or drop fast-recovery`);
  }
}
