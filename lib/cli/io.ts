/**
 * What a CLI command may touch of the outside world, passed in so tests can run commands in-process.
 */
export interface CliIo {
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Reads all of standard input (only called when a path is `-`). */
  readStdin(): string;
  /** Whether standard output is a terminal (colour is used only then, and never with NO_COLOR). */
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

/** The real process's IO. */
export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    readStdin: () => require('fs').readFileSync(0, 'utf8'),
    isTty: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}
