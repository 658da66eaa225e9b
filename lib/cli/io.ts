import { parseArgs, ParseArgsConfig } from 'util';

/**
 * What a CLI command may touch of the outside world, passed in so tests can run commands in-process.
 */
export interface CliIo {
  /** Writes to standard output. */
  stdout(text: string): void;
  /**
   * Resolves once standard output has passed on what was written to it, at once when it holds
   * nothing back (or has been closed). Writers of large output wait for it between pieces, so a
   * slow reader (`| less`, a slow pipe) slows the command down instead of making it hold the
   * whole output in memory. Optional: output collected in memory never pushes back.
   */
  drained?(): Promise<void>;
  /**
   * Whether standard output has gone away (its reader closed the pipe: `| head`). Writers of large
   * output stop making it then. Optional: output collected in memory never goes away.
   */
  closed?(): boolean;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Reads all of standard input (only called when a path is `-`); bytes are checked for UTF-8 by the loader. */
  readStdin(): string | Uint8Array;
  /** Whether standard output is a terminal (colour is used only then, unless FORCE_COLOR says otherwise). */
  readonly isTty: boolean;
  /** Environment variables. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The working directory relative paths are resolved against. */
  readonly cwd: string;
}

/** Exit codes shared by every command. */
export enum ExitCode {
  /** Nothing to report. */
  OK = 0,
  /** Findings at or above the --fail-on severity. */
  FINDINGS = 1,
  /** Bad input or usage: a file or document could not be read, or the arguments are wrong. */
  INPUT_ERROR = 2,
}

/** The one prefix of every message a command writes to standard error: `cdk8s-probes lint: `. */
/** The package's version (package.json), read only when asked for. */
export function packageVersion(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pkg = require('../../package.json') as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The stderr prefix of every message: `cdk8s-probes <command>: `, or `cdk8s-probes: ` outside a command. */
export function prefix(command?: string): string {
  return command ? `cdk8s-probes ${command}: ` : 'cdk8s-probes: ';
}

/**
 * Whether output may use colour, by the conventions other tools follow: FORCE_COLOR wins (`0` or
 * `false` turn colour off, any other value on, even into a pipe), then NO_COLOR (any value, see
 * no-color.org) and TERM=dumb turn it off, else colour only on a terminal. Node's own
 * `tty.WriteStream#getColorDepth` reads the same variables.
 */
export function colorEnabled(io: Pick<CliIo, 'isTty' | 'env'>): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (io.env.NO_COLOR !== undefined) return false;
  if (io.env.TERM === 'dumb') return false;
  return io.isTty;
}

let stdoutClosed = false;

/**
 * Resolves when `stream` has flushed what it buffered (or has failed or closed, so nothing waits
 * forever); when it holds nothing back, after one turn of the event loop, so that a failed write's
 * error (EPIPE: the reader went away) is delivered before the next piece is made. A chain of
 * resolved promises alone would run the whole report before any I/O callback.
 */
function whenFlushed(stream: NodeJS.WriteStream): Promise<void> {
  if (stdoutClosed) return Promise.resolve();
  if (!stream.writableNeedDrain) return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done).off('close', done).off('error', done);
      resolve();
    };
    stream.on('drain', done).on('close', done).on('error', done);
  });
}

/**
 * The real process's IO. When the reader of standard output goes away (`| head`), the rest of the
 * output is dropped quietly (no EPIPE trace) and the command still exits with its own code.
 * Standard output pushes back ({@link CliIo.drained}) when the reader is slower than the command.
 */
export function processIo(): CliIo {
  if (process.stdout.listenerCount('error') === 0) {
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') stdoutClosed = true;
      else throw e;
    });
  }
  return {
    stdout: (t) => {
      if (!stdoutClosed) process.stdout.write(t);
    },
    drained: () => whenFlushed(process.stdout),
    closed: () => stdoutClosed,
    stderr: (t) => process.stderr.write(t),
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    readStdin: () => require('fs').readFileSync(0),
    isTty: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Chunks of about this many characters go to standard output at once. */
const STDOUT_CHUNK = 1 << 16;

/**
 * Writes `chunks` to `io.stdout` in pieces of about 64 K characters, waiting for standard output
 * to drain ({@link CliIo.drained}) after each: a report of 55,000 workloads (100 MB) never exists
 * as one string, standard output is not called once per workload, and a slow reader never makes
 * the process buffer what it has not read. Chunks are pulled only as they can be written, and no
 * more once standard output has gone away ({@link CliIo.closed}: `explain dist/ | head` stops
 * explaining). Used by every command that writes a large report.
 */
export async function writeBuffered(io: CliIo, chunks: Iterable<string>): Promise<void> {
  let pending: string[] = [];
  let size = 0;
  for (const text of chunks) {
    pending.push(text);
    size += text.length;
    if (size >= STDOUT_CHUNK) {
      io.stdout(pending.join(''));
      pending = [];
      size = 0;
      if (io.drained) await io.drained();
      if (io.closed?.()) return;
    }
  }
  if (pending.length > 0) io.stdout(pending.join(''));
  if (io.drained) await io.drained();
}

/** The options a command declares to `util.parseArgs`; every command declares `help` and `version` among them. */
type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** What {@link parseCommandLine} parsed: the options as given, and the positionals. */
export type ParsedCommandLine<O extends CommandOptions> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

/**
 * The start every command shares: its arguments parsed by `util.parseArgs` (strict, positionals
 * allowed), a usage error (exit code 2) for what does not parse, and --help or --version answered
 * (exit code 0). Returns the parsed arguments, or the exit code when the command is done.
 * Node's message for an unknown option goes on about `--` for positionals; the first sentence is
 * what the user needs, and every command prints just that.
 */
export function parseCommandLine<O extends CommandOptions>(io: CliIo, command: string, usage: string, argv: string[], options: O): ParsedCommandLine<O> | number {
  let parsed: ParsedCommandLine<O>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    return usageError(io, command, usage, (e as Error).message.split('\n')[0].split('. To specify')[0]);
  }
  const asked = helpOrVersion(io, parsed.values as { readonly help?: boolean; readonly version?: boolean }, usage);
  return asked ?? parsed;
}

/** Bad usage of a command: the message with the command's prefix, then its usage; exit code 2. */
export function usageError(io: CliIo, command: string, usage: string, message: string): number {
  io.stderr(`${prefix(command)}${message}\n\n${usage}`);
  return ExitCode.INPUT_ERROR;
}

/** `--help` and `--version`, which every command takes: the exit code when one was asked for, else undefined. */
export function helpOrVersion(io: CliIo, values: { readonly help?: boolean; readonly version?: boolean }, usage: string): number | undefined {
  if (values.help) {
    io.stdout(usage);
    return ExitCode.OK;
  }
  if (values.version) {
    io.stdout(`${packageVersion()}\n`);
    return ExitCode.OK;
  }
  return undefined;
}
