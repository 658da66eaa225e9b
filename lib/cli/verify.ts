/**
 * `cdk8s-probes verify`: runs a workload's real probes against the real app before deploy. Called
 * by lib/cli/main.ts with the arguments after `verify`; all IO goes through {@link CliIo}.
 */
import * as path from 'path';
import { CliIo, ExitCode, parseCommandLine, prefix, usageError as commandUsageError } from './io';

/** The usage text of `verify`. */
export const VERIFY_USAGE = `Usage: cdk8s-probes verify [options] <manifest>

Starts the app (or uses one already running), runs the workload's real probes against it with the
kubelet's semantics and timing, cuts each dependency given with --dependency, terminates it the
kubelet's way (preStop, SIGTERM, SIGKILL at the grace period; again as PID 1 of a PID namespace),
and gives one verdict per declared intent.

Options:
  -w, --workload <name>           the workload (metadata.name or Kind/name) when the file has several
  -c, --container <name>          the container (default: the annotated or the only one)
      --command <cmd>             the shell command that starts the app, e.g. "python3 app.py";
                                  without it the app must already run at --host
      --cwd <dir>                 the app's working directory (default: the current directory)
  -e, --env <NAME=VALUE>          extra environment for the app (repeatable; \${VAR} is expanded)
      --host <address>            where probes connect (default: 127.0.0.1)
      --dependency <NAME=HOST:PORT>
                                  put a cuttable TCP proxy in front of a dependency (repeatable);
                                  the app finds it in <NAME>_PROXY_ADDR, _HOST and _PORT
      --scenario <file>           replay a scenario of the simulator's format (docs/simulate.md) after
                                  startup, in place of the steady and outage phases: hang = SIGSTOP
                                  (SIGCONT at its end), outage = cut that --dependency's proxy,
                                  exit = SIGKILL, delete = the termination phase; error and slow
                                  faults are reported as not replayable. Times are seconds after the
                                  app's start; at most 600 s
      --observe <seconds>         steady running to watch after startup
                                  (default: the longest F·P + T of liveness and readiness, + 1)
      --no-shutdown               leave out the termination check
      --pid1 <auto|always|never>  repeat the termination check as PID 1 (default: auto)
      --kube-version <major.minor>
                                  the kubelet to imitate in the User-Agent (default: 1.34)
  -f, --format <human|json>       output format (default: human)
      --fail-on <fail|warn>       exit 1 on a failed verdict (default) or on a warning too
  -h, --help                      show this help
  -V, --version                   print the version

Exit codes: 0 no verdict at or above --fail-on; 1 a verdict at or above --fail-on;
2 bad input (unreadable manifest, no such workload or container, a probe that cannot run) or bad usage.
`;

function usageError(io: CliIo, message: string): number {
  return commandUsageError(io, 'verify', VERIFY_USAGE, message);
}

/** verify's options, as `util.parseArgs` reads them. */
const VERIFY_OPTIONS = {
  workload: { type: 'string', short: 'w' },
  container: { type: 'string', short: 'c' },
  command: { type: 'string' },
  cwd: { type: 'string' },
  env: { type: 'string', short: 'e', multiple: true },
  host: { type: 'string' },
  dependency: { type: 'string', multiple: true },
  observe: { type: 'string' },
  scenario: { type: 'string' },
  'no-shutdown': { type: 'boolean' },
  pid1: { type: 'string' },
  'kube-version': { type: 'string' },
  format: { type: 'string', short: 'f' },
  'fail-on': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

function parseEnv(items: readonly string[]): Record<string, string> | string {
  const env: Record<string, string> = {};
  for (const item of items) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(item);
    if (!m) return `--env ${JSON.stringify(item)} is not allowed; use NAME=VALUE with NAME of letters, digits and "_"`;
    env[m[1]] = m[2];
  }
  return env;
}

/** Runs `cdk8s-probes verify` with the arguments after `verify`. Never throws for bad input. */
export async function runVerify(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine(io, 'verify', VERIFY_USAGE, argv, VERIFY_OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const format = values.format ?? 'human';
  if (format !== 'human' && format !== 'json') return usageError(io, `--format ${JSON.stringify(format)} is not allowed; use one of human, json`);
  const failOn = values['fail-on'] ?? 'fail';
  if (failOn !== 'fail' && failOn !== 'warn') return usageError(io, `--fail-on ${JSON.stringify(failOn)} is not allowed; use one of fail, warn`);
  if (positionals.length !== 1) return usageError(io, positionals.length === 0 ? 'no manifest: give the YAML file of the workload' : `one manifest at a time; got ${positionals.length}: ${positionals.join(', ')}`);
  let observeSeconds: number | undefined;
  if (values.observe !== undefined) {
    observeSeconds = Number(values.observe);
    if (values.observe.trim() === '' || !Number.isFinite(observeSeconds) || observeSeconds < 0) return usageError(io, `--observe ${JSON.stringify(values.observe)} is not allowed; use a number of seconds ≥ 0`);
  }
  if (values.pid1 !== undefined && !['auto', 'always', 'never'].includes(values.pid1)) return usageError(io, `--pid1 ${JSON.stringify(values.pid1)} is not allowed; use one of auto, always, never`);
  if (values['kube-version'] !== undefined && !/^\d+\.\d+$/.test(values['kube-version'])) return usageError(io, `--kube-version ${JSON.stringify(values['kube-version'])} is not allowed; use <major>.<minor>, e.g. 1.34`);
  const env = parseEnv(values.env ?? []);
  if (typeof env === 'string') return usageError(io, env);

  const v = await import('../verify');
  // an interrupted verify must not leave the app (detached, in its own process group) running
  const interrupted = (sig: NodeJS.Signals) => {
    v.killAllApps();
    io.stderr(`${prefix('verify')}interrupted by ${sig}; the app was stopped\n`);
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const dependencies = (values.dependency ?? []).map((d) => v.parseDependency(d, '--dependency'));
    // shown as given; read relative to the IO's working directory
    const given = positionals[0];
    const file = path.isAbsolute(given) || io.cwd === process.cwd() ? given : path.join(io.cwd, given);
    const target = v.VerifyTarget.fromManifestFile(file, values.workload, values.container);
    const pid1 = values.pid1 as import('../verify').Pid1Mode | undefined;
    const report = await v.verify(target, {
      command: values.command,
      cwd: values.cwd !== undefined ? path.resolve(io.cwd, values.cwd) : io.cwd,
      env,
      host: values.host,
      dependencies,
      observeSeconds,
      shutdown: values['no-shutdown'] ? false : undefined,
      pid1,
      kubernetesVersion: values['kube-version'],
      scenario: values.scenario === undefined || path.isAbsolute(values.scenario) || io.cwd === process.cwd() ? values.scenario : path.join(io.cwd, values.scenario),
    });
    const failing = report.verdicts.some((x) => x.status === v.VerdictStatus.FAIL || (failOn === 'warn' && x.status === v.VerdictStatus.WARN));
    const code = failing ? ExitCode.FINDINGS : ExitCode.OK;
    io.stdout(format === 'json' ? v.formatVerifyJson(report, code) : v.formatVerifyHuman(report, { color: io.isTty && io.env.NO_COLOR === undefined }));
    return code;
  } catch (e) {
    if (e instanceof v.VerifyInputError) {
      io.stderr(`${prefix('verify')}${e.message}\n`);
      return ExitCode.INPUT_ERROR;
    }
    throw e;
  } finally {
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
  }
}
