/**
 * Termination as the kubelet does it (pkg/kubelet/kuberuntime/kuberuntime_container.go,
 * killContainer and executePreStopHook): the preStop hook runs first, inside the grace period;
 * the grace left after it is never below minimumGracePeriodInSeconds (2 s); then SIGTERM, and
 * SIGKILL when that grace is over. So a probe-level grace of 1 s still leaves 2 s to a process
 * that ignores SIGTERM. Liveness and startup stop; readiness keeps probing (worker.go). A poller
 * (every 0.2 s, a TCP connect to the serving probe's port) records when the process stops listening.
 */
import { instantTripSeconds, MINIMUM_GRACE_SECONDS } from '../timing';
import { nowSeconds, sleep } from './clock';
import { ContainerRun, servingHandler } from './container-run';
import { execProbe } from './exec';
import { HandlerContext, resolveHandler } from './handler';
import { PreStopSpec } from './target';
import { tcpProbe } from './tcp';
import { AttemptResult } from './types';


const SERVING_CHECK_TIMEOUT_SECONDS = 2;

/** What one termination showed; times are seconds after termination began. */
export interface ShutdownObservation {
  /** Why the container was terminated: `delete` (the pod goes away) or `liveness` / `startup` (a probe kill). */
  readonly reason: string;
  /** Whether the app ran as PID 1 of its own PID namespace. */
  readonly pid1: boolean;
  /** The grace period used (the pod's, or the tripped probe's terminationGracePeriodSeconds). */
  readonly graceSeconds: number;
  /** Seconds from SIGTERM to SIGKILL: the grace left after preStop, at least 2 s. */
  readonly sigkillAfterSeconds: number;
  /** The preStop hook, in words, if any. */
  readonly preStop?: string;
  /** How long the preStop hook ran. */
  readonly preStopSeconds: number;
  /** When SIGTERM was sent. */
  readonly sigtermAt?: number;
  /** The window the process should keep serving: the preStop hook, or without one the readiness window F·P. */
  readonly servingWindow: number;
  /** Which check shows serving, in words; undefined when no probe talks to a port. */
  readonly servingCheck?: string;
  /** When it first stopped answering, if it did before it exited. */
  readonly stoppedServingAt?: number;
  /** When a readiness attempt first failed while the process still answered (it failed readiness on purpose). */
  readonly readinessFailedAt?: number;
  /** When it exited, if it did. */
  readonly exitedAt?: number;
  /** How it exited. */
  readonly exit: string;
  /** Whether it had to be SIGKILLed at the end of the grace period. */
  readonly killed: boolean;
}

async function runPreStop(pre: PreStopSpec | undefined, ctx: HandlerContext, graceSeconds: number): Promise<void> {
  if (!pre) return;
  if (pre.type === 'sleep') return sleep(Math.min(pre.sleepSeconds ?? 0, graceSeconds));
  if (pre.type === 'exec' && pre.command) {
    await execProbe({ command: pre.command, cwd: ctx.cwd, env: ctx.env, timeoutSeconds: graceSeconds });
    return;
  }
  if (pre.type === 'httpGet' && pre.httpGet) {
    await resolveHandler(pre.httpGet, 'lifecycle.preStop', ctx).run(graceSeconds);
  }
}

/** Terminates the run's app and watches. The run must own its process. `reason`: `delete`, or the probe that tripped. */
export async function observeShutdown(run: ContainerRun, pre: PreStopSpec | undefined, graceSeconds: number, ctx: HandlerContext, reason = 'delete'): Promise<ShutdownObservation> {
  const app = run.app!;
  const t0 = nowSeconds();
  const since = () => nowSeconds() - t0;
  run.beginTermination();
  // a probe kill restarts the container in place: the pod is not leaving the endpoints, so serving is not judged
  const serving = reason === 'delete' ? servingHandler(run.probes) : undefined;
  let stoppedServingAt: number | undefined;
  let polling = true;
  // serving = the serving probe's port still accepts connections, checked every 0.2 s with a plain
  // TCP connect (the kernel answers it, so a loaded machine cannot fake a stop); stopped = refused
  // twice in a row, or the process gone. Whether it still *answers* is what the readiness attempts show.
  const port = serving?.handler.port;
  const poller = (async () => {
    let firstMiss: number | undefined;
    while (polling && port !== undefined && app.running) {
      const at = since();
      const o = await tcpProbe(ctx.host, port, SERVING_CHECK_TIMEOUT_SECONDS);
      if (o.answered || o.timedOut) firstMiss = undefined;
      else if (firstMiss === undefined) firstMiss = at;
      else {
        stoppedServingAt = firstMiss;
        return;
      }
      await sleep(Math.max(0, 0.2 - (since() - at)));
    }
    if (firstMiss !== undefined && !app.running) stoppedServingAt = firstMiss;
  })();
  await runPreStop(pre, ctx, graceSeconds);
  const preStopSeconds = since();
  const sigtermAt = app.signal('SIGTERM') ? since() : undefined;
  const sigkillAfterSeconds = Math.max(graceSeconds - preStopSeconds, MINIMUM_GRACE_SECONDS);
  const exited = await app.waitForExit(sigkillAfterSeconds);
  if (!exited) await app.kill();
  polling = false;
  await poller;
  run.stop();
  const exitedAt = app.exitedAt !== undefined ? app.exitedAt - t0 : undefined;
  const startOffset = t0 - run.start;
  const readinessFailed = run.attempts.find((a) => a.probe === 'readiness' && a.at >= startOffset && a.result === AttemptResult.FAILURE && a.answered);
  const readiness = run.probe('readiness');
  return {
    reason,
    pid1: app.spec.pid1,
    graceSeconds,
    sigkillAfterSeconds,
    preStop: pre ? (pre.type === 'sleep' ? `sleep ${pre.sleepSeconds} s` : pre.type === 'exec' ? `exec ${JSON.stringify(pre.command)}` : 'httpGet') : undefined,
    preStopSeconds: pre ? preStopSeconds : 0,
    sigtermAt,
    servingWindow: pre ? preStopSeconds : readiness ? instantTripSeconds(readiness.timing) : 0,
    servingCheck: port !== undefined ? `TCP ${ctx.host}:${port} (the ${serving!.kind} probe's port)` : undefined,
    stoppedServingAt: stoppedServingAt !== undefined && (exitedAt === undefined || stoppedServingAt < exitedAt) ? stoppedServingAt : exitedAt,
    readinessFailedAt: readinessFailed ? readinessFailed.at - startOffset : undefined,
    exitedAt,
    exit: app.describeExit(),
    killed: !exited,
  };
}
