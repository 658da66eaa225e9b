/**
 * The commands the constructs run inside a container, and what they need from the image: the
 * heartbeat check, shell quoting, and which files a user's probe command reads (so the directory
 * the app writes them into can be made writable under a read-only root filesystem).
 */
import { posix } from 'path';
import { basename, filesReadBy, SHELLS } from '../manifest';

/** Programs the heartbeat check runs: `sh -c` with `date` and `stat` (busybox and coreutils have them). */
export const HEARTBEAT_BINARIES: readonly string[] = ['sh', 'date', 'stat'];

/** Programs the graceful-shutdown preStop hook runs. */
export const PRESTOP_BINARIES: readonly string[] = ['sleep'];

/** Directories the app does not write at run time (image content, kernel and Kubernetes mounts). */
const SYSTEM_DIRECTORIES = ['/bin', '/sbin', '/usr', '/lib', '/lib64', '/etc', '/proc', '/sys', '/dev', '/opt', '/var/run/secrets'];

/** Quotes one word for `sh -c`: single quotes, with each `'` written as `'\''` (POSIX XCU 2.2.2). */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The heartbeat check: fails when the file is missing (stat fails, the arithmetic is empty) or
 * older than `maxAgeSeconds`. Needs {@link HEARTBEAT_BINARIES}.
 */
export function heartbeatCommand(file: string, maxAgeSeconds: number): string[] {
  return ['sh', '-c', `test $(( $(date +%s) - $(stat -c %Y ${shellQuote(file)}) )) -lt ${maxAgeSeconds}`];
}

/** Whether a command runs a shell (its program is sh, bash, … by name or path). */
export function runsShell(command: readonly string[]): boolean {
  return command.length > 0 && SHELLS.has(basename(command[0]));
}

/** Whether a path is outside the system directories, i.e. somewhere the app may write. */
export function isAppFile(path: string): boolean {
  return path.startsWith('/') && path.length > 1 && !SYSTEM_DIRECTORIES.some((d) => path === d || path.startsWith(`${d}/`));
}

/**
 * The files an exec probe command reads that the app itself must write (a heartbeat, a
 * `/tmp/healthy` marker): what the manifest reader `filesReadBy` finds (test, [, stat, cat, …,
 * directly or in `sh -c`), outside system directories. A command it cannot read declares its
 * directory with `writableDirectory`.
 */
export function appFilesReadBy(command: readonly string[]): string[] {
  return [...new Set(filesReadBy(command).map((f) => f.path).filter(isAppFile))].sort();
}

/** The directory of an absolute file path; `/` for a file at the root. */
export function directoryOf(file: string): string {
  return posix.dirname(file);
}
