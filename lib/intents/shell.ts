/**
 * The commands the constructs run inside a container, and what they need from the image: the
 * heartbeat check, shell quoting, and which files a user's probe command reads (so the directory
 * the app writes them into can be made writable under a read-only root filesystem).
 */
import { posix } from 'path';

/** Programs the heartbeat check runs: `sh -c` with `date` and `stat` (busybox and coreutils have them). */
export const HEARTBEAT_BINARIES: readonly string[] = ['sh', 'date', 'stat'];

/** Programs the graceful-shutdown preStop hook runs. */
export const PRESTOP_BINARIES: readonly string[] = ['sleep'];

/** Shells: a command starting with one of them needs it in the image. */
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

/** Programs whose absolute-path arguments are files they read. */
const FILE_READERS = new Set(['test', '[', 'stat', 'cat', 'head', 'tail', 'grep']);

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
  return command.length > 0 && SHELLS.has(posix.basename(command[0]));
}

/** Whether a path is outside the system directories, i.e. somewhere the app may write. */
export function isAppFile(path: string): boolean {
  return path.startsWith('/') && path.length > 1 && !SYSTEM_DIRECTORIES.some((d) => path === d || path.startsWith(`${d}/`));
}

/** Absolute paths read by `test -e /x`, `[ -f /x ]`, `stat … /x` or `cat /x` inside a shell script. */
function filesInScript(script: string): string[] {
  const out: string[] = [];
  const word = `('[^']*'|"[^"]*"|[^\\s;&|)]+)`;
  const patterns = [new RegExp(`(?:^|[\\s;&|(])(?:test|\\[)\\s+-[a-zA-Z]\\s+${word}`, 'g'), new RegExp(`(?:^|[\\s;&|(])(?:stat|cat)\\s+(?:-\\S+\\s+(?:%\\S+\\s+)?)*${word}`, 'g')];
  for (const re of patterns) {
    for (const m of script.matchAll(re)) out.push(m[1].replace(/^['"]|['"]$/g, ''));
  }
  return out;
}

/**
 * The files an exec probe command reads that the app itself must write (a heartbeat, a
 * `/tmp/healthy` marker): absolute-path arguments of test, [, stat, cat, head, tail and grep, run
 * directly or in `sh -c`, outside system directories. Heuristic; a command it cannot read declares
 * its directory with `writableDirectory`.
 */
export function filesReadBy(command: readonly string[]): string[] {
  if (command.length === 0) return [];
  const program = posix.basename(command[0]);
  let paths: string[] = [];
  if (FILE_READERS.has(program)) paths = command.slice(1).filter((a) => a.startsWith('/'));
  else if (SHELLS.has(program)) {
    const c = command.indexOf('-c');
    if (c > 0 && c + 1 < command.length) paths = filesInScript(command[c + 1]);
  }
  return [...new Set(paths.filter(isAppFile))].sort();
}

/** The directory of an absolute file path; `/` for a file at the root. */
export function directoryOf(file: string): string {
  return posix.dirname(file);
}
