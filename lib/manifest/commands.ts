/**
 * Reading exec commands and probe texts: the simple commands a command runs (through `sh -c`),
 * the programs it calls, the files it reads, and whether a text names a dependency. Approximate by
 * design: they recognise what a command does, they do not parse or run shell.
 */
import { stringMemo } from './record';

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

/** Words that end a simple command when they stand unquoted (with substitutions on): `then`, `do`, `else`, `elif`. */
const CLAUSE_WORDS: ReadonlySet<string> = new Set(['then', 'do', 'else', 'elif']);

/** Options of {@link simpleCommands}. */
export interface SimpleCommandOptions {
  /** Also split inside `$(…)`, backticks and parentheses, so `test $(stat -c %Y f)` yields `stat -c %Y f` on its own. Default false. */
  readonly substitutions?: boolean;
}

/** Splits a script into simple commands of words, honouring quotes and backslashes as sh does. */
class ScriptLexer {
  private readonly commands: string[][] = [];
  private words: string[] = [];
  private word = '';
  /** Whether the current word has started (a quoted empty string is a word). */
  private inWord = false;
  /** Whether any part of the current word was quoted (`"do"` is a word, not a keyword). */
  private quotedWord = false;
  private quote: '' | "'" | '"' = '';

  constructor(private readonly substitutions: boolean) {}

  public lex(script: string): string[][] {
    for (let i = 0; i < script.length; i++) i = this.step(script, i);
    this.endCommand();
    return this.commands;
  }

  /** Consumes the character at i (and any it pairs with); returns the index of the last one consumed. */
  private step(s: string, i: number): number {
    const ch = s[i];
    if (this.quote === "'") {
      if (ch === "'") this.quote = '';
      else this.word += ch;
      return i;
    }
    if (ch === '\\' && i + 1 < s.length) {
      this.append(s[i + 1]);
      return i + 1;
    }
    if (this.substitutions && (ch === '`' || ch === '(' || ch === ')' || (ch === '$' && s[i + 1] === '('))) {
      this.endCommand();
      return ch === '$' ? i + 1 : i;
    }
    if (this.quote === '"') {
      if (ch === '"') this.quote = '';
      else this.word += ch;
      return i;
    }
    if (ch === "'" || ch === '"') {
      this.quote = ch;
      this.inWord = true;
      this.quotedWord = true;
      return i;
    }
    if (ch === ';' || ch === '|' || ch === '&' || ch === '\n') {
      this.endCommand();
      return (ch === '|' || ch === '&') && s[i + 1] === ch ? i + 1 : i;
    }
    if (/\s/.test(ch)) {
      this.endWord();
      return i;
    }
    this.append(ch);
    return i;
  }

  private append(ch: string): void {
    this.word += ch;
    this.inWord = true;
  }

  private endWord(): void {
    if (!this.inWord) return;
    const clause = this.substitutions && !this.quotedWord && CLAUSE_WORDS.has(this.word);
    if (!clause) this.words.push(this.word);
    this.word = '';
    this.inWord = false;
    this.quotedWord = false;
    if (clause) this.endCommand();
  }

  private endCommand(): void {
    this.endWord();
    if (this.words.length > 0) this.commands.push(this.words);
    this.words = [];
  }
}

/**
 * The simple commands an exec command runs, as word lists: the array itself, or for `sh -c script`
 * every simple command of the script — split on `;`, `|`, `&`, `&&`, `||` and newlines outside
 * quotes, then into words as sh does (single and double quotes and backslashes honoured and
 * removed, so `stat '/var/run/my app/beat'` is two words).
 */
export function simpleCommands(command: readonly string[], options: SimpleCommandOptions = {}): string[][] {
  if (command.length === 0) return [];
  const script = shellScript(command);
  if (script === undefined) return [command.slice()];
  return new ScriptLexer(options.substitutions ?? false).lex(script);
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
  return dependencyPattern(d).test(text);
}

/** The compiled pattern per dependency name: an app names a few dependencies on every workload. */
const dependencyPatterns = stringMemo<RegExp>(1000);

function dependencyPattern(d: string): RegExp {
  return dependencyPatterns(d, () => {
    const escaped = d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`, 'i');
  });
}
