/**
 * The kubelet's exec probe, run on this machine in the app's environment and working directory
 * (as the container runtime runs it inside the container). From kubernetes/kubernetes
 * pkg/probe/exec/exec.go, Probe: stdout and stderr share one buffer capped at maxReadLength
 * (10 KiB); exit 0 succeeds, any other exit fails; a timeout is a failure (ExecProbeTimeout, on
 * since 1.20).
 */
import { spawn } from 'child_process';
import { AttemptResult, HandlerOutcome } from './types';

/** pkg/probe/exec/exec.go maxReadLength. */
export const MAX_OUTPUT_BYTES = 10 * 1024;

/** Where and how the command runs. */
export interface ExecProbeRequest {
  /** The probe's command, program first (no shell unless the command names one). */
  readonly command: readonly string[];
  /** The app's working directory. */
  readonly cwd: string;
  /** The app's environment. */
  readonly env: Readonly<Record<string, string>>;
  /** timeoutSeconds. */
  readonly timeoutSeconds: number;
}

function excerpt(output: string): string {
  const line = output.trim().split('\n').slice(-1)[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

/** Runs one exec probe attempt. Never throws. */
export function execProbe(req: ExecProbeRequest): Promise<HandlerOutcome> {
  return new Promise((resolve) => {
    let output = Buffer.alloc(0);
    let done = false;
    const finish = (o: HandlerOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(o);
    };
    const child = spawn(req.command[0], req.command.slice(1), { cwd: req.cwd, env: { ...req.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const take = (chunk: Buffer) => {
      if (output.length < MAX_OUTPUT_BYTES) output = Buffer.concat([output, chunk.subarray(0, MAX_OUTPUT_BYTES - output.length)]);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const timer = setTimeout(() => {
      // the whole process group, so a shell's children do not linger
      try { if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
      finish({ result: AttemptResult.FAILURE, message: `timeout: command did not exit within ${req.timeoutSeconds} s`, timedOut: true, answered: false });
    }, req.timeoutSeconds * 1000);
    child.once('error', (e: NodeJS.ErrnoException) => {
      // the runtime reports a missing program as a failed exec (exit 126/127 inside a container)
      finish({ result: AttemptResult.FAILURE, message: `cannot run ${JSON.stringify(req.command[0])}: ${e.code ?? e.message}`, timedOut: false, answered: false });
    });
    child.once('close', (code, signal) => {
      const text = excerpt(output.toString('utf8'));
      if (code === 0) finish({ result: AttemptResult.SUCCESS, message: `exit 0${text ? `: ${text}` : ''}`, timedOut: false, answered: true });
      else finish({ result: AttemptResult.FAILURE, message: `${signal ? `killed by ${signal}` : `exit ${code}`}${text ? `: ${text}` : ''}`, timedOut: false, answered: true });
    });
  });
}
