/**
 * `cdk8s-probes <command> …`: dispatches to a command module, loading only the one asked for so
 * the cold start of `lint` stays small. `util.parseArgs` parses each command's options: every
 * command has its own `--help` (also `cdk8s-probes help <command>`) and `--version`.
 */
import { CliIo, ExitCode, packageVersion, prefix, processIo } from './io';

const USAGE = `Usage: cdk8s-probes <command> [options] <files, directories or - for stdin…>

Commands:
  lint      check manifests for probe mistakes (run "cdk8s-probes help lint")
  explain   show what the kubelet will do with the probes (run "cdk8s-probes help explain")
  verify    run the real probes against the real app (run "cdk8s-probes help verify")

Options:
  -h, --help       show this help; "cdk8s-probes help <command>" shows a command's
  -V, --version    print the version
`;

const COMMANDS = ['lint', 'explain', 'verify'];

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
        if (command === 'help' && rest.length > 0) {
          if (!COMMANDS.includes(rest[0])) {
            io.stderr(`${prefix()}unknown command "${rest[0]}"; allowed: ${COMMANDS.join(', ')}\n`);
            return ExitCode.INPUT_ERROR;
          }
          return await main([rest[0], '--help'], io);
        }
        io.stdout(USAGE);
        return ExitCode.OK;
      case '--version':
      case '-V':
      case 'version':
        io.stdout(`${packageVersion()}\n`);
        return ExitCode.OK;
      default:
        io.stderr(command === undefined ? USAGE : `${prefix()}unknown command "${command}"; allowed: ${COMMANDS.join(', ')}\n\n${USAGE}`);
        return ExitCode.INPUT_ERROR;
    }
  } catch (e) {
    // a bug, not bad input: say so plainly, without a stack trace unless asked for
    io.stderr(`${prefix(COMMANDS.includes(command) ? command : undefined)}internal error: ${(e as Error).message}\n${io.env.CDK8S_PROBES_DEBUG ? (e as Error).stack + '\n' : 'Set CDK8S_PROBES_DEBUG=1 for details.\n'}`);
    return ExitCode.INPUT_ERROR;
  }
}
