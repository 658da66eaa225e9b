/**
 * `cdk8s-probes <command> …`: dispatches to a command module, loading only the one asked for so
 * the cold start of `lint` stays small.
 */
import { CliIo, ExitCode, processIo } from './io';

const USAGE = `Usage: cdk8s-probes <command> [options] <files, directories or - for stdin…>

Commands:
  lint      check manifests for probe mistakes (run "cdk8s-probes lint --help")
  explain   show what the kubelet will do with the probes (run "cdk8s-probes explain --help")
  verify    run the real probes against the real app (run "cdk8s-probes verify --help")
`;

/** Runs the CLI with the given arguments (without `node` and the script) and returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'lint':
        return await (await import('./lint')).runLint(rest, io);
      case 'explain':
        return await (await import('./explain')).runExplain(rest, io);
      case 'verify':
        return await (await import('./verify')).runVerify(rest, io);
      case '--help':
      case '-h':
      case 'help':
        io.stdout(USAGE);
        return ExitCode.OK;
      case '--version':
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        io.stdout(`${require('../../package.json').version}\n`);
        return ExitCode.OK;
      default:
        io.stderr(command === undefined ? USAGE : `cdk8s-probes: unknown command "${command}"; allowed: lint, explain, verify\n\n${USAGE}`);
        return ExitCode.INPUT_ERROR;
    }
  } catch (e) {
    // a bug, not bad input: say so plainly, without a stack trace unless asked for
    io.stderr(`cdk8s-probes: internal error: ${(e as Error).message}\n${io.env.CDK8S_PROBES_DEBUG ? (e as Error).stack + '\n' : 'Set CDK8S_PROBES_DEBUG=1 for details.\n'}`);
    return ExitCode.INPUT_ERROR;
  }
}
