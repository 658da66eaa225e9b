/**
 * `cdk8s-probes lint`: checks the probes of any Kubernetes manifests. Called by lib/cli/main.ts
 * with the arguments after `lint`; all IO goes through {@link CliIo} so tests run it in-process.
 * Loads only what linting needs; the chosen output format is loaded on demand.
 */
import * as fs from 'fs';
import * as path from 'path';
import { InputError } from '../manifest';
import { CONFIG_FILE_NAME, EMPTY_CONFIG, FAIL_ON_NAMES, LintConfig, loadConfigFile, parseFailOn, unknownRuleMessage } from '../rules/config';
import { compareInputErrors, LintResult, lintPaths } from '../rules/lint';
import { ALL_RULES, RULE_IDS } from '../rules/registry';
import { Rule, Severity, SEVERITY_RANK } from '../rules/types';
import type { LintReport } from './format/types';
import { CliIo, colorEnabled, ExitCode, packageVersion, parseCommandLine, prefix, usageError as commandUsageError, writeBuffered } from './io';

/** The usage text of `lint`. */
export const LINT_USAGE = `Usage: cdk8s-probes lint [options] <file|dir|->...

Checks the probes of any Kubernetes manifests (cdk8s dist/, Helm output, plain YAML or JSON;
directories are read recursively for .yaml, .yml and .json; - reads standard input). Reads
Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job and CronJob,
plus Services; skips other kinds.

Options:
  -f, --format <human|json|sarif>     output format (default: human)
      --fail-on <error|warning|info|none>
                                      exit 1 when a finding is at or above this severity
                                      (default: error, or failOn from the config file)
  -d, --disable <rule-id>             do not run a rule (repeatable; commas allowed)
  -c, --config <file>                 configuration file (default: ${CONFIG_FILE_NAME} in the
                                      working directory, when present)
      --stdin-filename <name>         the file name reported for standard input (findings,
                                      SARIF artifact URIs)
      --exclude <glob>                skip directory entries matching the glob (repeatable;
                                      a name such as templates or *.tmpl.yaml at any depth,
                                      or a path with / relative to the directory given)
      --list-rules                    list every rule (id, severity, category, description)
  -V, --version                       print the version
  -h, --help                          show this help

Suppress a rule on one resource with the annotation (on the object or its pod template):
  probes.cdk8s.io/ignore: "rule-id[,rule-id...]: reason"      (a reason is required)

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above --fail-on;
2 input errors (unreadable file, invalid YAML or UTF-8, empty input, objects the API server
would not take as written, unrendered templates, bad configuration; the other files are still
checked and reported) or bad usage. Input errors win over findings. Inside a directory, FIFOs
and devices are skipped (with a warning) and symbolic-link loops are followed once.
Colour only on a terminal; NO_COLOR or TERM=dumb turn it off, FORCE_COLOR=1 or 0 force it.
`;

const FORMATS = ['human', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

const PREFIX = prefix('lint');

function usageError(io: CliIo, message: string): number {
  return commandUsageError(io, 'lint', LINT_USAGE, message);
}

/** Whether the human output may use colour (see {@link colorEnabled}: FORCE_COLOR, NO_COLOR, TERM=dumb, a terminal). */
export function useColor(io: CliIo): boolean {
  return colorEnabled(io);
}

/** The exit code of a lint result: input errors win, then findings at or above `failOn`. */
export function lintExitCode(result: Pick<LintResult, 'errors' | 'findings'>, failOn: Severity | undefined): number {
  if (result.errors.length > 0) return ExitCode.INPUT_ERROR;
  if (failOn !== undefined && result.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn])) return ExitCode.FINDINGS;
  return ExitCode.OK;
}

function listRules(rules: readonly Rule[]): string {
  const w = rules.reduce((m, r) => Math.max(m, r.meta.id.length), 0);
  return rules.map((r) => `${r.meta.id.padEnd(w)}  ${r.meta.severity.padEnd(7)}  ${r.meta.category.padEnd(10)}  ${r.meta.description}`).join('\n') + '\n';
}

/**
 * Runs `cdk8s-probes lint` with the arguments after `lint`. Never throws for bad input: usage
 * problems and unreadable inputs are messages on standard error and exit code 2.
 */
export async function runLint(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine(io, 'lint', LINT_USAGE, argv, LINT_OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (values['list-rules']) {
    io.stdout(listRules(ALL_RULES));
    return ExitCode.OK;
  }
  const format = values.format ?? 'human';
  if (!(FORMATS as readonly string[]).includes(format)) return usageError(io, `--format ${JSON.stringify(format)} is not allowed; use one of ${FORMATS.join(', ')}`);
  let cliFailOn: Severity | null | undefined;
  if (values['fail-on'] !== undefined) {
    cliFailOn = parseFailOn(values['fail-on']);
    if (cliFailOn === undefined) return usageError(io, `--fail-on ${JSON.stringify(values['fail-on'])} is not allowed; use one of ${FAIL_ON_NAMES.join(', ')}`);
  }
  if (positionals.length === 0) return usageError(io, 'no input: give files, directories or - for standard input');

  const configErrors: InputError[] = [];
  // the configuration file: --config, else .cdk8s-probes.yaml in the working directory if present
  let config: LintConfig = EMPTY_CONFIG;
  const configPath = values.config !== undefined ? path.resolve(io.cwd, values.config) : path.join(io.cwd, CONFIG_FILE_NAME);
  if (values.config !== undefined || fs.existsSync(configPath)) {
    const shown = values.config ?? CONFIG_FILE_NAME;
    const r = loadConfigFile(configPath, RULE_IDS);
    config = r.config;
    configErrors.push(...r.errors.map((e) => ({ ...e, file: shown })));
  }
  const disabled = new Set(config.disabledRules);
  for (const raw of values.disable ?? []) {
    for (const id of raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0)) {
      if (!RULE_IDS.includes(id)) {
        io.stderr(`${PREFIX}${unknownRuleMessage('--disable', id, RULE_IDS)}\n`);
        return ExitCode.INPUT_ERROR;
      }
      disabled.add(id);
    }
  }
  const failOn: Severity | undefined = (cliFailOn !== undefined ? cliFailOn : config.failOn !== undefined ? config.failOn : Severity.ERROR) ?? undefined;
  const rules = ALL_RULES.filter((r) => !disabled.has(r.meta.id));

  const result = lintPaths(positionals, {
    cwd: io.cwd,
    readStdin: () => io.readStdin(),
    stdinName: values['stdin-filename'],
    exclude: values.exclude,
    rules,
    severityOverrides: config.severityOverrides,
  });
  const errors = [...configErrors, ...result.errors].sort(compareInputErrors);
  const full: LintResult = { ...result, errors };
  const exitCode = lintExitCode(full, failOn);
  const report: LintReport = {
    result: full,
    rules,
    severityOf: (id) => config.severityOverrides[id] ?? rules.find((r) => r.meta.id === id)?.meta.severity ?? Severity.WARNING,
    failOn,
    toolVersion: packageVersion(),
  };
  await writeLintReport(io, format as Format, report, exitCode);
  if (result.warnings && result.warnings.length > 0) {
    io.stderr(result.warnings.map((w) => `${PREFIX}warning: ${w.file}: ${w.message}\n`).join(''));
  }
  if (errors.length > 0) {
    const { formatInputError } = await import('./format/human');
    io.stderr(errors.map((e) => `${PREFIX}${formatInputError(e)}\n`).join(''));
  }
  return exitCode;
}

/** Writes the report in the chosen format; human output in pieces of about 64 KB, so a big report is never held whole in memory. */
async function writeLintReport(io: CliIo, fmt: Format, report: LintReport, exitCode: number): Promise<void> {
  if (fmt === 'json') {
    const { formatJson } = await import('./format/json');
    io.stdout(formatJson(report, exitCode));
  } else if (fmt === 'sarif') {
    const { formatSarif } = await import('./format/sarif');
    io.stdout(formatSarif(report));
  } else {
    const { formatHumanChunks } = await import('./format/human');
    await writeBuffered(io, formatHumanChunks(report, { color: useColor(io) }));
  }
}

/** lint's options, as `util.parseArgs` reads them. */
const LINT_OPTIONS = {
  format: { type: 'string', short: 'f' },
  'fail-on': { type: 'string' },
  disable: { type: 'string', short: 'd', multiple: true },
  config: { type: 'string', short: 'c' },
  'stdin-filename': { type: 'string' },
  exclude: { type: 'string', multiple: true },
  'list-rules': { type: 'boolean' },
  version: { type: 'boolean', short: 'V' },
  help: { type: 'boolean', short: 'h' },
} as const;
