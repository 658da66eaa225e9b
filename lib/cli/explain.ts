/**
 * `cdk8s-probes explain`: what the kubelet will do with the probes of any manifests — a timing
 * table per container, SVG timelines, and scenario simulations. Called by lib/cli/main.ts with the
 * arguments after `explain`; all IO goes through {@link CliIo} so tests run it in-process.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadPaths, Workload } from '../manifest';
import {
  ExplainResult,
  explainLoadedDetailed,
  renderTimelineSvg,
  reportChunks,
  ReportFormat,
  svgFileName,
  Timeline,
  timelineFromModel,
  timelineFromSimulation,
  toJsonReport,
  workloadTitle,
  WorkloadReport,
} from '../report';
import {
  containerFromJson, MAX_JSON_EVENTS, parseScenario, Scenario, ScenarioError, simulate, simulateFormatted, SimulationResult, SimulationTooLargeError,
} from '../simulate';
import { jsonChunks } from '../text/json-stream';
import { CliIo, ExitCode, parseCommandLine, prefix, usageError as commandUsageError, writeBuffered } from './io';

const PREFIX = prefix('explain');

/** The usage text of `explain`. */
export const EXPLAIN_USAGE = `Usage: cdk8s-probes explain [options] <file|dir|->...

Explains what the kubelet will do with the probes of any Kubernetes manifests (cdk8s dist/,
Helm output, plain YAML or JSON; directories are read recursively; - reads standard input):
startup allowance, hang detection, time to Ready, dependency outages, hang to a fresh
container and probe load, per workload and container.

Options:
  -f, --format <text|markdown|json>  output format (default: text)
      --svg <dir>                    write one SVG timeline per workload into <dir>
      --scenario <file>              simulate a scenario file against every workload's probes
      --exclude <glob>               skip directory entries matching the glob (repeatable)
  -v, --verbose                      also list documents that are not workloads
  -h, --help                         show this help

Exit codes: 0 explained; 2 bad input (unreadable file, invalid YAML, probe fields the API
server would reject: explained with the default and reported on stderr) or bad usage.
`;

const FORMATS: readonly string[] = [ReportFormat.TEXT, ReportFormat.MARKDOWN, ReportFormat.JSON];

interface ExplainOptions {
  readonly format: ReportFormat;
  readonly svgDir?: string;
  readonly scenario?: string;
  readonly verbose: boolean;
  readonly paths: string[];
  readonly exclude: string[];
}

function usageError(io: CliIo, message: string): number {
  return commandUsageError(io, 'explain', EXPLAIN_USAGE, message);
}

function resolveFrom(io: CliIo, p: string): string {
  return p === '-' || path.isAbsolute(p) || io.cwd === process.cwd() ? p : path.join(io.cwd, p);
}

function where(file: string, document?: number, line?: number): string {
  return `${file}${document !== undefined ? `, document ${document}` : ''}${line !== undefined ? `, line ${line}` : ''}`;
}

function reportProblems(io: CliIo, result: ExplainResult, verbose: boolean): number {
  let problems = 0;
  for (const e of result.errors) {
    io.stderr(`${PREFIX}${where(e.file, e.document, e.line)}: ${e.message}\n`);
    problems++;
  }
  for (const w of result.workloads) {
    const prefix = `${where(w.file, w.documentIndex + 1)}: ${w.kind} ${w.name}`;
    for (const warning of w.warnings) {
      io.stderr(`${PREFIX}${prefix}: ${warning.field} = ${warning.given}: ${warning.message}\n`);
      problems++;
    }
    for (const c of w.containers) {
      for (const warning of c.warnings) {
        io.stderr(`${PREFIX}${prefix}: container ${c.name}: ${warning.field} = ${warning.given}: ${warning.message}\n`);
        problems++;
      }
    }
  }
  if (verbose) {
    for (const s of result.skipped) {
      io.stderr(`skipped: ${where(s.file, s.document)}: ${s.kind ?? '(no kind)'}${s.name ? ` ${s.name}` : ''}: ${s.reason}\n`);
    }
  }
  return problems;
}

/**
 * The timeline of a workload: simulated under the default scenario, or from the timing model alone
 * if the simulation cannot run (the reason is returned so the caller can say so).
 */
export function workloadTimeline(source: Workload, report: WorkloadReport): { timeline: Timeline; fallback?: string } {
  try {
    return { timeline: timelineFromSimulation(source, report) };
  } catch (e) {
    return { timeline: timelineFromModel(report), fallback: (e as Error).message };
  }
}

/**
 * Writes one SVG per workload into `dir` (`sources[i]` is the workload `reports[i]` explains);
 * names that collide get `-2`, `-3`… Returns the files written and any workloads drawn from the
 * model alone.
 */
export function writeSvgs(sources: readonly Workload[], reports: readonly WorkloadReport[], dir: string): { files: string[]; fallbacks: string[] } {
  fs.mkdirSync(dir, { recursive: true });
  const used = new Set<string>();
  const files: string[] = [];
  const fallbacks: string[] = [];
  reports.forEach((w, i) => {
    let name = svgFileName(w.kind, w.namespace, w.name);
    for (let n = 2; used.has(name); n++) name = svgFileName(w.kind, w.namespace, `${w.name}-${n}`);
    used.add(name);
    const file = path.join(dir, name);
    const { timeline, fallback } = workloadTimeline(sources[i], w);
    if (fallback) fallbacks.push(`${workloadTitle(w)}: simulation failed (${fallback}); drawn from the timing model`);
    fs.writeFileSync(file, renderTimelineSvg(timeline));
    files.push(file);
  });
  return { files, fallbacks };
}

/** One scenario run: a container of a workload simulated over the user's scenario. */
interface ScenarioRun {
  readonly report: WorkloadReport;
  readonly container: string;
  /** The rendered run (text, markdown). */
  readonly output: string;
  /** The run itself, for JSON output (embedded as it is, not printed and parsed back). */
  readonly simulation?: SimulationResult;
}

function readScenario(io: CliIo, file: string): Scenario | undefined {
  let text: string;
  try {
    text = fs.readFileSync(resolveFrom(io, file), 'utf8');
  } catch (e) {
    io.stderr(`${PREFIX}--scenario ${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return undefined;
  }
  try {
    return parseScenario(text, file);
  } catch (e) {
    if (e instanceof ScenarioError) {
      io.stderr(`${PREFIX}${e.message}\n`);
      return undefined;
    }
    throw e;
  }
}

function runScenario(io: CliIo, file: string, scenario: Scenario, sources: readonly Workload[], reports: readonly WorkloadReport[], format: ReportFormat): { runs: ScenarioRun[]; problems: number } {
  const runs: ScenarioRun[] = [];
  let problems = 0;
  reports.forEach((w, i) => {
    for (const c of w.containers) {
      if (!c.probes.startup && !c.probes.liveness && !c.probes.readiness) continue;
      const container = containerFromJson(sources[i].containers[c.sourceIndex].container, sources[i].podSpec);
      try {
        // text and markdown fold the events as they happen: a 7-day, 100-replica run keeps only its printed rows
        runs.push(format === ReportFormat.JSON
          ? { report: w, container: c.name, output: '', simulation: simulate(container, scenario, MAX_JSON_EVENTS) }
          : { report: w, container: c.name, output: simulateFormatted(container, scenario, format) });
      } catch (e) {
        if (!(e instanceof SimulationTooLargeError)) throw e;
        problems++;
        io.stderr(`${PREFIX}--scenario ${file}: ${workloadTitle(w)}, container ${c.name}: --format json prints every probe event, and ${scenario.replicas} replica${scenario.replicas === 1 ? '' : 's'} over ${scenario.durationSeconds} s make more than ${e.maxEvents.toLocaleString('en-US')}; allowed: at most ${e.maxEvents.toLocaleString('en-US')} events per container (fewer replicas or a shorter duration), or --format text or markdown, which fold runs of successful probes\n`);
      }
    }
  });
  return { runs, problems };
}

function scenarioSection(file: string, runs: readonly ScenarioRun[], format: ReportFormat): string {
  const out: string[] = [];
  if (format === ReportFormat.MARKDOWN) {
    out.push(`## Scenario \`${file}\``, '');
    if (runs.length === 0) out.push('No container has probes to simulate.', '');
    for (const r of runs) out.push(`### ${workloadTitle(r.report)}, container ${r.container}`, '', r.output.trimEnd(), '');
  } else {
    out.push(`Scenario ${file}`, '');
    if (runs.length === 0) out.push('no container has probes to simulate', '');
    for (const r of runs) out.push(`== ${workloadTitle(r.report)}, container ${r.container} (${r.report.file}, document ${r.report.documentIndex + 1})`, r.output.trimEnd(), '');
  }
  return `${out.join('\n')}\n`;
}

/** explain's options, as `util.parseArgs` reads them. */
const EXPLAIN_OPTIONS = {
  format: { type: 'string', short: 'f' },
  svg: { type: 'string' },
  scenario: { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
  exclude: { type: 'string', multiple: true },
  version: { type: 'boolean', short: 'V' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(argv: string[], io: CliIo): ExplainOptions | number {
  const parsed = parseCommandLine(io, 'explain', EXPLAIN_USAGE, argv, EXPLAIN_OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  const format = v.format ?? ReportFormat.TEXT;
  if (!FORMATS.includes(format)) return usageError(io, `--format ${JSON.stringify(format)} is not one of ${FORMATS.join(', ')}`);
  if (parsed.positionals.length === 0) return usageError(io, 'no input: give one or more files, directories, or - for standard input');
  if (v.svg !== undefined && v.svg === '') return usageError(io, '--svg needs a directory');
  if (v.scenario !== undefined && v.scenario === '') return usageError(io, '--scenario needs a file');
  return {
    format: format as ReportFormat,
    svgDir: v.svg,
    scenario: v.scenario,
    verbose: Boolean(v.verbose),
    paths: parsed.positionals,
    exclude: v.exclude ?? [],
  };
}

/**
 * Runs `explain` with the arguments after the command name. Resolves to the exit code:
 * 0 explained, 2 bad input or usage (other files are still explained and printed).
 */
export async function runExplain(argv: string[], io: CliIo): Promise<number> {
  const options = parse(argv, io);
  if (typeof options === 'number') return options;
  let problems = 0;
  try {
    let scenario: Scenario | undefined;
    if (options.scenario !== undefined) {
      scenario = readScenario(io, options.scenario);
      if (!scenario) return ExitCode.INPUT_ERROR;
    }
    const loaded = loadPaths(options.paths.map((p) => resolveFrom(io, p)), () => io.readStdin(), { exclude: options.exclude });
    for (const w of loaded.warnings ?? []) io.stderr(`${PREFIX}warning: ${w.file}: ${w.message}\n`);
    const { result, sources } = explainLoadedDetailed(loaded);
    problems += reportProblems(io, result, options.verbose);
    const scenarioRun = scenario && options.scenario !== undefined ? runScenario(io, options.scenario, scenario, sources, result.workloads, options.format) : undefined;
    problems += scenarioRun?.problems ?? 0;
    const runs = scenarioRun?.runs;
    if (options.format === ReportFormat.JSON && runs && options.scenario !== undefined) {
      const json = toJsonReport(result);
      json.scenario = {
        file: options.scenario,
        runs: runs.map((r) => ({
          kind: r.report.kind,
          name: r.report.name,
          namespace: r.report.namespace ?? null,
          file: r.report.file,
          document: r.report.documentIndex + 1,
          container: r.container,
          simulation: r.simulation,
        })),
      };
      // up to half a million events per run: written in pieces, never as one string
      await writeBuffered(io, (function* () {
        yield* jsonChunks(json);
        yield '\n';
      })());
    } else {
      await writeBuffered(io, reportChunks(result, options.format));
      if (runs && options.scenario !== undefined) io.stdout(`\n${scenarioSection(options.scenario, runs, options.format)}`);
    }
    if (options.svgDir !== undefined) {
      const dir = resolveFrom(io, options.svgDir);
      try {
        const { files, fallbacks } = writeSvgs(sources, result.workloads, dir);
        for (const f of fallbacks) io.stderr(`note: ${f}\n`);
        io.stderr(`wrote ${files.length} SVG file${files.length === 1 ? '' : 's'} to ${options.svgDir}\n`);
      } catch (e) {
        io.stderr(`${PREFIX}--svg ${options.svgDir}: cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
        problems++;
      }
    }
  } catch (e) {
    io.stderr(`${PREFIX}internal error: ${(e as Error).message}\n`);
    return ExitCode.INPUT_ERROR;
  }
  return problems > 0 ? ExitCode.INPUT_ERROR : ExitCode.OK;
}
