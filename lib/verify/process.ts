/**
 * The app under test as a real process: started from a shell command line in its working directory
 * and environment, signalled like the kubelet's container runtime does (SIGTERM, then SIGKILL at
 * the end of the grace period), optionally as PID 1 of a new PID namespace.
 *
 * Why PID 1 matters: the kernel delivers a signal to a namespace's init only if the process
 * installed a handler for it (signal(7), pid_namespaces(7)); SIGKILL from the parent namespace
 * always gets through. So an app that never handles SIGTERM — a Python app, whose default
 * disposition is left in place — exits at once outside a container and is killed only at the end
 * of the grace period inside one.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import { nowSeconds, waitUntil } from './clock';

/** How to start the app. */
export interface AppSpec {
  /** A shell command line, run as `/bin/sh -c "exec <command>"` so the app itself gets the signals. */
  readonly command: string;
  /** Working directory. */
  readonly cwd: string;
  /** The full environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Run it as PID 1 of a new PID namespace (needs `unshare`, see {@link pidNamespaceSupport}). */
  readonly pid1: boolean;
}

const OUTPUT_TAIL_BYTES = 4096;
const live = new Set<AppProcess>();

/** SIGKILLs every app process group still running (for an interrupted verify); synchronous. */
export function killAllApps(): void {
  for (const app of live) app.killNow();
}
let pidNsCache: { available: boolean; reason: string } | undefined;

/** Whether this machine can run a process as PID 1 of a new PID namespace, and if not why. */
export function pidNamespaceSupport(): { available: boolean; reason: string } {
  if (pidNsCache) return pidNsCache;
  const args = unshareArgs();
  const r = spawnSync('unshare', [...args, '/bin/sh', '-c', 'echo $$'], { encoding: 'utf8', timeout: 5000 });
  if (r.error) pidNsCache = { available: false, reason: `unshare cannot run (${(r.error as NodeJS.ErrnoException).code ?? r.error.message}); install util-linux` };
  else if (r.status !== 0 || r.stdout.trim() !== '1') pidNsCache = { available: false, reason: `unshare ${args.join(' ')} failed: ${(r.stderr || r.stdout).trim().split('\n')[0] || `exit ${r.status}`}` };
  else pidNsCache = { available: true, reason: `unshare ${args.join(' ')}` };
  return pidNsCache;
}

function unshareArgs(): string[] {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  // without root, a user namespace maps us to root inside so the PID namespace can be made
  return [...(root ? [] : ['--user', '--map-root-user']), '--pid', '--fork', '--mount-proc'];
}

/** A started app. */
export class AppProcess {
  /** Seconds (monotonic) when it was spawned: the container's start. */
  public readonly startedAt: number;
  /** Seconds (monotonic) when it exited, if it has. */
  public exitedAt: number | undefined;
  /** Exit code, if it exited by itself. */
  public exitCode: number | null = null;
  /** The signal that ended it, if any. */
  public exitSignal: NodeJS.Signals | null = null;
  /** A spawn error (command not found…). */
  public spawnError: string | undefined;
  private output = '';
  private readonly child: ChildProcess;

  constructor(public readonly spec: AppSpec) {
    const argv = ['/bin/sh', '-c', `exec ${spec.command}`];
    const [file, ...args] = spec.pid1 ? ['unshare', ...unshareArgs(), ...argv] : argv;
    this.startedAt = nowSeconds();
    this.child = spawn(file, args, { cwd: spec.cwd, env: { ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const take = (b: Buffer) => {
      this.output = (this.output + b.toString('utf8')).slice(-OUTPUT_TAIL_BYTES);
    };
    this.child.stdout!.on('data', take);
    this.child.stderr!.on('data', take);
    this.child.once('error', (e: NodeJS.ErrnoException) => {
      this.spawnError = `${e.code ?? e.message}`;
      this.exitedAt ??= nowSeconds();
    });
    live.add(this);
    this.child.once('exit', (code, signal) => {
      live.delete(this);
      this.exitedAt = nowSeconds();
      this.exitCode = code;
      this.exitSignal = signal;
    });
  }

  /** Whether it is still running. */
  public get running(): boolean {
    return this.exitedAt === undefined;
  }

  /** The last 4 KiB of its stdout and stderr. */
  public get outputTail(): string {
    return this.output;
  }

  /**
   * The process the signals go to: the app itself, or, in a PID namespace, the namespace's PID 1
   * (unshare's child) seen from here.
   */
  public appPid(): number | undefined {
    const pid = this.child.pid;
    if (pid === undefined || !this.spec.pid1) return pid;
    try {
      const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
      return children.length > 0 ? Number(children[0]) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Sends a signal to the app (PID 1 of its namespace when run so). Returns whether it was sent. */
  public signal(sig: NodeJS.Signals): boolean {
    const pid = this.appPid();
    if (pid === undefined || !this.running) return false;
    try {
      process.kill(pid, sig);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Sends a signal to the app's whole process group (the app and its children, as a frozen or
   * killed container would be). Returns whether it was sent.
   */
  public signalGroup(sig: NodeJS.Signals): boolean {
    if (this.child.pid === undefined || !this.running) return false;
    try {
      process.kill(-this.child.pid, sig);
      return true;
    } catch {
      return false;
    }
  }

  /** Waits up to `seconds` for the process to exit; resolves whether it did. */
  public waitForExit(seconds: number): Promise<boolean> {
    return waitUntil(() => !this.running, seconds);
  }

  /** SIGKILLs the whole process group (the app, unshare, any children) and waits for the exit. */
  public async kill(): Promise<void> {
    this.killNow();
    await this.waitForExit(5);
  }

  /** SIGKILLs the whole process group without waiting. */
  public killNow(): void {
    if (this.child.pid !== undefined && this.running) {
      try { process.kill(-this.child.pid, 'SIGKILL'); } catch { /* gone */ }
    }
  }

  /** How it ended, in words. */
  public describeExit(): string {
    if (this.spawnError) return `could not start: ${this.spawnError}`;
    if (this.exitSignal) return `killed by ${this.exitSignal}`;
    return `exited with code ${this.exitCode}`;
  }
}
