/**
 * `verify`: start the app (or use one already running), run the workload's real probes against it
 * with the kubelet's semantics and timing, cut each declared critical dependency, terminate it the
 * kubelet's way (also as PID 1), and judge each declared intent.
 */
import * as fs from 'fs';
import * as path from 'path';
import { WorkloadPlan } from '../intents/plan';
import { ContainerRun, runnable, RunnableProbe } from './container-run';
import { DependencyObservation, observeOutage } from './dependency';
import { HandlerContext, resolveHandler } from './handler';
import { checkOptions, DEFAULT_KUBERNETES_VERSION, expandEnv, expandKubernetesRefs, parseAddress, Pid1Mode, VerifyOptions } from './options';
import { AppProcess, pidNamespaceSupport } from './process';
import { faultVerdict, planReplay, readScenario, ReplayPlan, ScenarioObservation } from './faults';
import { DependencyProxy, proxyEnv } from './proxy';
import { replayScenario } from './replay';
import { simulateFaults } from './simulated';
import { observeShutdown, ShutdownObservation } from './shutdown';
import { defaultObserveSeconds, observeSteady } from './steady';
import { observeStartup, StartupObservation } from './startup';
import { ProbeSummary, summarizeProbes } from './summary';
import { targetFromManifest, targetFromPlan, VerifyTargetData } from './target';
import { VerifyInputError } from './errors';
import { Attempt, AttemptResult, Transition, Verdict, VerdictStatus } from './types';
import { dependencyVerdict, latencyVerdict, shutdownVerdict, startupVerdict, steadyVerdict, SteadyObservation } from './verdicts';

/** The container verify checks. Make one with a static factory. */
export class VerifyTarget {
  /**
   * A workload of a manifest file (YAML or JSON, any number of documents).
   * @param file the manifest
   * @param workload metadata.name or Kind/name; needed when the file holds several workloads
   * @param container the container; needed when the pod has several and none is annotated
   */
  public static fromManifestFile(file: string, workload?: string, container?: string): VerifyTarget {
    return new VerifyTarget(targetFromManifest(file, workload, container));
  }

  /** The plan of a {@link ProbedWorkload} (its `plan`) or of `planWorkload`. */
  public static fromPlan(plan: WorkloadPlan): VerifyTarget {
    return new VerifyTarget(targetFromPlan(plan));
  }

  private constructor(
    /** What was read. */
    public readonly data: VerifyTargetData,
  ) {}
}

/** Everything a run saw and concluded. */
export interface VerifyReport {
  /** `Kind/name` of the workload. */
  readonly workload: string;
  /** The manifest, when read from one. */
  readonly file?: string;
  /** The container. */
  readonly container: string;
  /** The command verify started, if it started one. */
  readonly command?: string;
  /** Where probes connected. */
  readonly host: string;
  /** The User-Agent's version. */
  readonly kubernetesVersion: string;
  /** Per-probe figures of the main run. */
  readonly probes: ProbeSummary[];
  /** The startup phase. */
  readonly startup: StartupObservation;
  /** The steady phase, if it ran. */
  readonly steady?: SteadyObservation;
  /** One outage per dependency. */
  readonly dependencies: DependencyObservation[];
  /** The replayed scenario, when one was given. */
  readonly scenario?: ScenarioObservation;
  /** The termination of the main run. */
  readonly shutdown?: ShutdownObservation;
  /** The termination as PID 1. */
  readonly shutdownPid1?: ShutdownObservation;
  /** One verdict per declared intent. */
  readonly verdicts: Verdict[];
  /** Whether any verdict failed. */
  readonly failed: boolean;
  /** Every attempt of the main run. */
  readonly attempts: Attempt[];
  /** Every threshold transition of the main run. */
  readonly transitions: Transition[];
  /** Things the reader must know (env not set, PID namespace unavailable…). */
  readonly notes: string[];
  /** The last lines the app printed (main run). */
  readonly appOutput?: string;
}

function resolveProbes(t: VerifyTargetData, ctx: HandlerContext): RunnableProbe[] {
  const out: RunnableProbe[] = [];
  for (const [kind, written] of [['startup', t.startupProbe], ['liveness', t.livenessProbe], ['readiness', t.readinessProbe]] as const) {
    if (!written) continue;
    const where = `${t.file ? `${t.file}: ` : ''}${t.workload} container ${t.container}: ${kind}Probe`;
    out.push(runnable(kind, written, resolveHandler(written, where, ctx)));
  }
  if (out.length === 0) throw new VerifyInputError(`${t.file ? `${t.file}: ` : ''}${t.workload} container ${t.container}: no startupProbe, livenessProbe or readinessProbe; verify has nothing to run`);
  return out;
}

/** How the kubelet would terminate the container now: after a probe trip with that probe's grace, if it sets one; else a deletion with the pod's. */
function killOf(run: ContainerRun, t: VerifyTargetData): { reason: string; grace: number } {
  const kill = run.killedByProbe;
  if (!kill) return { reason: 'delete', grace: t.graceSeconds };
  const probeGrace = (kill.probe === 'liveness' ? t.livenessProbe : t.startupProbe)?.terminationGracePeriodSeconds;
  return { reason: kill.probe, grace: typeof probeGrace === 'number' && probeGrace > 0 ? probeGrace : t.graceSeconds };
}

/** What the phases on the first process saw. */
interface MainPhases {
  readonly startup: StartupObservation;
  readonly steady?: SteadyObservation;
  readonly dependencies: DependencyObservation[];
  readonly scenario?: ScenarioObservation;
  readonly shutdown?: ShutdownObservation;
}

/** Running, not killed by a probe, started, and Ready. */
function isReady(run: ContainerRun): boolean {
  return run.running && run.killedByProbe === undefined && run.startupSucceeded && run.state('readiness') === AttemptResult.SUCCESS;
}

function skipped(check: string, detail: string): Verdict {
  return { check, status: VerdictStatus.SKIPPED, detail };
}

/** Runs verify on one target. */
export class Verifier {
  private readonly notes: string[] = [];
  private readonly verdicts: Verdict[] = [];

  constructor(
    private readonly target: VerifyTarget,
    private readonly options: VerifyOptions = {},
  ) {
    checkOptions(options);
  }

  /** Runs every phase and resolves with the report; rejects only with a {@link VerifyInputError} for bad input. */
  public async run(): Promise<VerifyReport> {
    const t = this.target.data;
    const o = this.options;
    const cwd = path.resolve(o.cwd ?? process.cwd());
    const plan = o.scenario !== undefined ? this.plan(o.scenario) : undefined;
    const proxies = (o.dependencies ?? []).map((d, i) => {
      const a = parseAddress(d.address, `dependencies[${i}].address`);
      return new DependencyProxy(d.name, a.host, a.port, d.listenPort);
    });
    for (const p of proxies) await p.start();
    try {
      const env = this.environment(t, proxies);
      const ctx: HandlerContext = { host: o.host ?? '127.0.0.1', containerPorts: t.ports, cwd, env, kubernetesVersion: o.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION };
      const probes = resolveProbes(t, ctx);
      return await this.runPhases(t, probes, ctx, proxies, plan);
    } finally {
      for (const p of proxies) await p.close();
    }
  }

  /** Reads and plans the scenario before anything starts, so bad input costs no run. */
  private plan(file: string): ReplayPlan {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new VerifyInputError(`scenario ${JSON.stringify(file)}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    return planReplay(readScenario(text, file), (this.options.dependencies ?? []).map((d) => d.name), this.options.command !== undefined);
  }

  private environment(t: VerifyTargetData, proxies: readonly DependencyProxy[]): Record<string, string> {
    const base: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) base[k] = v;
    for (const p of proxies) Object.assign(base, proxyEnv(p.name, p.port));
    // the container's literal env, with Kubernetes' $(VAR) references to what is defined before
    for (const [k, v] of Object.entries(t.env)) base[k] = expandKubernetesRefs(v, base);
    for (const [k, v] of Object.entries(this.options.env ?? {})) base[k] = expandEnv(v, base);
    if (t.skippedEnv.length > 0) this.notes.push(`env not set (valueFrom: secrets, config maps or fields): ${t.skippedEnv.join(', ')}; pass them with --env`);
    return base;
  }

  private async runPhases(t: VerifyTargetData, probes: RunnableProbe[], ctx: HandlerContext, proxies: DependencyProxy[], plan: ReplayPlan | undefined): Promise<VerifyReport> {
    const o = this.options;
    const declared = t.declared;
    const app = o.command ? new AppProcess({ command: o.command, cwd: ctx.cwd, env: ctx.env, pid1: false }) : undefined;
    const run = new ContainerRun(probes, app, o.tickPhaseSeconds ?? 0);
    let phases: MainPhases;
    try {
      phases = plan ? await this.scenarioPhases(t, run, ctx, proxies, plan) : await this.mainPhases(t, run, ctx, proxies);
    } finally {
      run.stop();
      await app?.kill();
    }
    // as PID 1, the same termination: a pod deletion, or the probe kill the main run ended with
    const shutdownPid1 = app && o.shutdown !== false ? await this.pid1Phase(t, probes, ctx, phases.shutdown?.reason ?? 'delete', phases.shutdown?.graceSeconds ?? t.graceSeconds) : undefined;
    const probesSummary = summarizeProbes(run, declared?.handlerLatencySeconds);
    this.verdicts.splice(1, 0, latencyVerdict(probesSummary, declared?.handlerLatencySeconds));
    return {
      workload: t.workload, file: t.file, container: t.container, command: o.command, host: ctx.host, kubernetesVersion: ctx.kubernetesVersion,
      probes: probesSummary, ...phases, shutdownPid1,
      verdicts: this.verdicts, failed: this.verdicts.some((v) => v.status === VerdictStatus.FAIL),
      attempts: run.attempts, transitions: run.transitions, notes: this.notes, appOutput: app?.outputTail,
    };
  }

  /** startup, steady, one outage per dependency, shutdown: on the same process, in that order. */
  private async mainPhases(t: VerifyTargetData, run: ContainerRun, ctx: HandlerContext, proxies: DependencyProxy[]): Promise<MainPhases> {
    const app = run.app;
    const startup = await observeStartup(run);
    const guard = (run.probe('startup') ?? run.probe('liveness'))?.timing;
    this.verdicts.push(app ? startupVerdict(startup, guard, t.declared?.worstStartupSeconds) : skipped('startup', 'the app was already running: its startup was not seen (give the command that starts it)'));
    let steady: SteadyObservation | undefined;
    if (isReady(run)) {
      steady = await observeSteady(run, this.options.observeSeconds ?? defaultObserveSeconds(run));
      this.verdicts.push(steadyVerdict(steady));
    } else if (app && !app.running && startup.appStartedAt !== undefined) {
      // it answered, then exited on its own: that is the steady verdict's business, and a failure
      this.verdicts.push({ check: 'steady', status: VerdictStatus.FAIL, detail: this.notReadyReason(run) });
    } else {
      this.verdicts.push(skipped('steady', this.notReadyReason(run)));
    }
    const dependencies = await this.dependencyPhase(t, run, proxies);
    const shutdown = await this.shutdownPhase(t, run, ctx);
    return { startup, steady, dependencies, shutdown };
  }

  /** startup, the scenario's faults, and (unless the scenario ended the container) shutdown. */
  private async scenarioPhases(t: VerifyTargetData, run: ContainerRun, ctx: HandlerContext, proxies: DependencyProxy[], plan: ReplayPlan): Promise<MainPhases> {
    const startup = await observeStartup(run);
    const guard = (run.probe('startup') ?? run.probe('liveness'))?.timing;
    this.verdicts.push(run.app ? startupVerdict(startup, guard, t.declared?.worstStartupSeconds) : skipped('startup', 'the app was already running: its startup was not seen (give the command that starts it)'));
    this.notes.push(`scenario ${plan.file}: replayed in real time from the app's start for ${plan.durationSeconds} s, in place of the steady and outage phases`);
    const simulated = simulateFaults(plan.scenario, plan.faults, t);
    if (typeof simulated === 'string') this.notes.push(simulated);
    const replay = await replayScenario(run, plan, proxies, typeof simulated === 'string' ? [] : simulated);
    for (const f of replay.observation.faults) this.verdicts.push(faultVerdict(f));
    let shutdown: ShutdownObservation | undefined;
    if (replay.noShutdown && run.app) this.verdicts.push(skipped('shutdown', replay.noShutdown));
    else shutdown = await this.shutdownPhase(t, run, ctx);
    return { startup, dependencies: [], scenario: replay.observation, shutdown };
  }

  private async dependencyPhase(t: VerifyTargetData, run: ContainerRun, proxies: DependencyProxy[]): Promise<DependencyObservation[]> {
    const declared = t.declared?.criticalDependencies ?? [];
    for (const name of declared) {
      const addr = Object.keys(proxyEnv(name, 0)).find((k) => k.endsWith('_ADDR'));
      if (!proxies.some((p) => p.name === name)) this.verdicts.push(skipped(`dependency:${name}`, `declared critical but not cut: give --dependency ${name}=HOST:PORT; verify then puts a proxy in front of it and sets ${addr} (and _HOST, _PORT) for the app`));
    }
    const out: DependencyObservation[] = [];
    for (const p of proxies) {
      if (!isReady(run)) {
        this.verdicts.push(skipped(`dependency:${p.name}`, this.notReadyReason(run)));
        continue;
      }
      const obs = await observeOutage(run, p);
      out.push(obs);
      const v = dependencyVerdict(obs);
      const undeclared = t.declared && !declared.includes(p.name) ? ' (not declared critical in probes.cdk8s.io/critical-dependencies)' : '';
      this.verdicts.push({ ...v, detail: v.detail + undeclared });
    }
    return out;
  }

  private async shutdownPhase(t: VerifyTargetData, run: ContainerRun, ctx: HandlerContext): Promise<ShutdownObservation | undefined> {
    if (!run.app) this.verdicts.push(skipped('shutdown', 'verify did not start the app, so it cannot signal it'));
    else if (this.options.shutdown === false) this.verdicts.push(skipped('shutdown', 'turned off (--no-shutdown)'));
    else if (!run.running) this.verdicts.push(skipped('shutdown', this.notReadyReason(run)));
    else {
      // after a liveness or startup trip the kubelet kills the container with that probe's grace, if it sets one
      const kill = killOf(run, t);
      const obs = await observeShutdown(run, t.preStop, kill.grace, ctx, kill.reason);
      this.verdicts.push(shutdownVerdict(obs));
      return obs;
    }
    return undefined;
  }

  private notReadyReason(run: ContainerRun): string {
    if (run.app && !run.app.running) return `the process ${run.app.describeExit()} at ${Number((run.app.exitedAt! - run.start).toFixed(2))} s`;
    const k = run.killedByProbe;
    if (k) return `the ${k.probe} probe tripped at ${Number(k.at.toFixed(2))} s: the kubelet would have restarted the container`;
    return 'the app never became Ready';
  }

  private async pid1Phase(t: VerifyTargetData, probes: RunnableProbe[], ctx: HandlerContext, reason: string, grace: number): Promise<ShutdownObservation | undefined> {
    const mode = this.options.pid1 ?? Pid1Mode.AUTO;
    if (mode === Pid1Mode.NEVER) {
      this.verdicts.push(skipped('shutdown-pid1', 'turned off (--pid1 never)'));
      return undefined;
    }
    const support = pidNamespaceSupport();
    if (!support.available) {
      const detail = `cannot run the app as PID 1 on this machine: ${support.reason}`;
      this.verdicts.push(mode === Pid1Mode.ALWAYS ? { check: 'shutdown-pid1', status: VerdictStatus.FAIL, detail } : skipped('shutdown-pid1', detail));
      this.notes.push(`not checked as PID 1: ${support.reason}`);
      return undefined;
    }
    const app = new AppProcess({ command: this.options.command!, cwd: ctx.cwd, env: ctx.env, pid1: true });
    const run = new ContainerRun(probes, app, this.options.tickPhaseSeconds ?? 0);
    try {
      await observeStartup(run);
      if (!isReady(run)) {
        this.verdicts.push(skipped('shutdown-pid1', `as PID 1 (${support.reason}): ${this.notReadyReason(run)}`));
        return undefined;
      }
      const obs = await observeShutdown(run, t.preStop, grace, ctx, reason);
      this.verdicts.push(shutdownVerdict(obs));
      return obs;
    } finally {
      run.stop();
      await app.kill();
    }
  }
}

/** Runs verify on one target with plain options (the same as `new Verifier(target, options).run()`). */
export function verify(target: VerifyTarget, options: VerifyOptions = {}): Promise<VerifyReport> {
  return new Verifier(target, options).run();
}
