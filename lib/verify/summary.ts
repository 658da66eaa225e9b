/** Per-probe figures from the attempts of a run: counts, time to first success, latencies. */
import { ContainerRun } from './container-run';
import { Attempt, AttemptResult } from './types';

/** What one probe did during the run. */
export interface ProbeSummary {
  /** startup, liveness or readiness. */
  readonly probe: string;
  /** What its handler calls. */
  readonly handler: string;
  /** initialDelaySeconds, periodSeconds, timeoutSeconds, successThreshold, failureThreshold as the kubelet uses them. */
  readonly timing: string;
  /** timeoutSeconds. */
  readonly timeoutSeconds: number;
  /** Attempts run. */
  readonly attempts: number;
  /** Successful attempts (warnings included). */
  readonly successes: number;
  /** Failed attempts. */
  readonly failures: number;
  /** Failed attempts that reached the timeout. */
  readonly timeouts: number;
  /** Seconds from container start to the first successful attempt, if any. */
  readonly firstSuccessAt?: number;
  /** Median latency of successful attempts, seconds. */
  readonly medianSuccessLatency?: number;
  /** Slowest successful attempt, seconds. */
  readonly maxSuccessLatency?: number;
  /** The declared handler latency (probes.cdk8s.io/handler-latency-seconds), if any. */
  readonly declaredHandlerLatency?: number;
  /** Messages of the distinct failures, at most five. */
  readonly failureMessages: string[];
}

function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

/** Summarises each probe of a run. */
export function summarizeProbes(run: ContainerRun, declaredHandlerLatency?: number): ProbeSummary[] {
  return run.probes.map((p) => {
    const mine: Attempt[] = run.attempts.filter((a) => a.probe === p.kind);
    const ok = mine.filter((a) => a.result !== AttemptResult.FAILURE);
    const failed = mine.filter((a) => a.result === AttemptResult.FAILURE);
    const t = p.timing;
    return {
      probe: p.kind,
      handler: p.handler.description,
      timing: `D=${t.initialDelaySeconds} P=${t.periodSeconds} T=${t.timeoutSeconds} S=${t.successThreshold} F=${t.failureThreshold}`,
      timeoutSeconds: t.timeoutSeconds,
      attempts: mine.length,
      successes: ok.length,
      failures: failed.length,
      timeouts: failed.filter((a) => a.timedOut).length,
      firstSuccessAt: ok.length > 0 ? Math.min(...ok.map((a) => a.at + a.latency)) : undefined,
      medianSuccessLatency: median(ok.map((a) => a.latency)),
      maxSuccessLatency: ok.length > 0 ? Math.max(...ok.map((a) => a.latency)) : undefined,
      declaredHandlerLatency,
      failureMessages: [...new Set(failed.map((a) => a.message))].slice(0, 5),
    };
  });
}
