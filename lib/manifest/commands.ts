/**
 * Reading exec commands and probe texts: the simple commands a command runs (through `sh -c`),
 * the programs it calls, the files it reads, and whether a text names a dependency. Approximate by
 * design: they recognise what a command does, they do not parse or run shell.
 */

/** Shells whose `-c script` argument is a script of simple commands. */
export const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox']);

/** The basename of a command word: `/usr/bin/ps` → `ps`. */
export function basename(word: string): string {
  const i = word.lastIndexOf('/');
  return i >= 0 ? word.slice(i + 1) : word;
}

/** The script of `sh -c script` (any common shell, flags such as `-ec` included); undefined for anything else. */
export function shellScript(command: readonly string[]): string | undefined {
  if (command.length === 0 || !SHELLS.has(basename(command[0]))) return undefined;
  const ci = command.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w));
  return ci > 0 && ci + 1 < command.length ? command[ci + 1] : undefined;
}

/** Statement separators: `||`, `&&`, `|`, `;`, `&`, newlines. */
const STATEMENTS = /\|\||&&|[|;&\n]/;
/** Statements plus command substitutions, subshells, arithmetic and `then`/`do`/`else`/`elif`. */
const STATEMENTS_AND_SUBSTITUTIONS = /\|\||&&|[|;&\n`()]|\$\(|\b(?:then|do|else|elif)\b/;

/** Options of {@link simpleCommands}. */
export interface SimpleCommandOptions {
  /** Also split inside `$(…)`, backticks and parentheses, so `test $(stat -c %Y f)` yields `stat -c %Y f` on its own. Default false. */
  readonly substitutions?: boolean;
}

/**
 * The simple commands an exec command runs, as word lists: the array itself, or for `sh -c script`
 * every simple command of the script (split on statement separators, then on whitespace, quotes
 * removed).
 */
export function simpleCommands(command: readonly string[], options: SimpleCommandOptions = {}): string[][] {
  if (command.length === 0) return [];
  const script = shellScript(command);
  if (script === undefined) return [command.slice()];
  return script
    .split(options.substitutions ? STATEMENTS_AND_SUBSTITUTIONS : STATEMENTS)
    .map((seg) => seg.trim().split(/\s+/).map((w) => w.replace(/["']/g, '')).filter((w) => w.length > 0))
    .filter((words) => words.length > 0);
}

const PREFIX_WORDS = new Set(['env', 'exec', '!', 'if', 'while', 'until']);

/** Skips empty words, `VAR=value` assignments and `env`, `exec`, `!`, `if`, `while`, `until` prefixes; the index of the program word. */
function programIndex(words: readonly string[]): number {
  let i = 0;
  while (i < words.length && (words[i] === '' || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]) || PREFIX_WORDS.has(basename(words[i])))) i++;
  return i;
}

const SHELL_KEYWORDS = new Set(['if', 'fi', 'done', 'while', 'until', 'for', 'case', 'esac', 'in']);

/**
 * The programs an exec command runs, as basenames: the first word, or — for `sh -c "script"` —
 * the first word of every simple command in the script, command substitutions included. `env` and
 * `exec` prefixes and leading `VAR=value` assignments are skipped; shell keywords are not programs.
 */
export function execPrograms(command: unknown): string[] {
  if (!Array.isArray(command)) return [];
  const words = command.filter((w): w is string => typeof w === 'string');
  if (words.length === 0) return [];
  if (shellScript(words) === undefined) {
    if (SHELLS.has(basename(words[0]))) return [basename(words[0])];
    const i = programIndex(words);
    return i < words.length ? [basename(words[i])] : [];
  }
  const out: string[] = [];
  for (const cmd of simpleCommands(words, { substitutions: true })) {
    const i = programIndex(cmd);
    if (i >= cmd.length) continue;
    const prog = basename(cmd[i]);
    if (!SHELL_KEYWORDS.has(prog) && /^[A-Za-z0-9_.][A-Za-z0-9_.+-]*$/.test(prog)) out.push(prog);
  }
  return out;
}

/** Programs that read (or test, or age) the files named in their arguments. */
export const FILE_READING_PROGRAMS: ReadonlySet<string> = new Set(['test', '[', '[[', 'stat', 'cat', 'ls', 'find', 'head', 'tail', 'grep', 'wc']);

/** A file an exec command reads. */
export interface FileRead {
  /** The program, as a basename. */
  readonly program: string;
  /** The absolute path, as written (quotes removed). */
  readonly path: string;
}

/**
 * The absolute paths an exec command reads through {@link FILE_READING_PROGRAMS}
 * (`test -e /tmp/healthy`, `stat -c %Y /tmp/heartbeat` inside `$(…)`, `cat`, `ls`, `find … -mmin`),
 * in order, without duplicates. Relative paths are left out: they depend on the working directory.
 */
export function filesReadBy(command: readonly string[]): FileRead[] {
  const out: FileRead[] = [];
  const seen = new Set<string>();
  for (const cmd of simpleCommands(command, { substitutions: true })) {
    const i = programIndex(cmd);
    if (i >= cmd.length) continue;
    const program = basename(cmd[i]);
    if (!FILE_READING_PROGRAMS.has(program)) continue;
    for (const arg of cmd.slice(i + 1)) {
      if (!arg.startsWith('/') || seen.has(arg)) continue;
      seen.add(arg);
      out.push({ program, path: arg });
    }
  }
  return out;
}

/**
 * The one definition of "this probe path or command names dependency X": the dependency appears
 * in the text (case-insensitive) with no letter or digit directly before or after it. So
 * `/health/postgres`, `/health/db_postgres`, `/health/postgres-primary` and `pg_isready -h
 * postgres.db` name `postgres`; `/health/postgresql` and `mypostgres` do not. Used by the intent
 * planning (which refuses a critical dependency in liveness) and by the lint rules alike.
 */
export function mentionsDependency(text: string, dependency: string): boolean {
  const d = dependency.trim();
  if (d.length === 0) return false;
  const escaped = d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`, 'i').test(text);
}
