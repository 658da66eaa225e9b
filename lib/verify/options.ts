/** The options of a verify run, as plain data, and their checks. */
import { shown, VerifyInputError } from './errors';

/** Whether to repeat the shutdown check with the app as PID 1 of a new PID namespace. */
export enum Pid1Mode {
  /** When `unshare` can make a PID namespace here; the report says plainly when it cannot. */
  AUTO = 'auto',
  /** Always; a verdict fails when this machine cannot. */
  ALWAYS = 'always',
  /** Never. */
  NEVER = 'never',
}

/** A dependency verify puts a cuttable TCP proxy in front of. */
export interface VerifyDependency {
  /** The dependency's name, as declared in probes.cdk8s.io/critical-dependencies (e.g. `postgres`). */
  readonly name: string;
  /** The real dependency, `host:port`. */
  readonly address: string;
  /**
   * The port the proxy listens on (127.0.0.1).
   * @default - a free port; the app finds it in `<NAME>_PROXY_PORT` / `<NAME>_PROXY_ADDR`
   */
  readonly listenPort?: number;
}

/** How to run verify. */
export interface VerifyOptions {
  /**
   * The shell command that starts the app (run as `/bin/sh -c "exec <command>"`).
   * @default - the app is already running at `host`: startup and shutdown are not checked
   */
  readonly command?: string;
  /**
   * The app's working directory (exec probes run there too).
   * @default - the current directory
   */
  readonly cwd?: string;
  /**
   * Extra environment for the app, on top of this process's, the container's literal `env` and the
   * proxies' variables; `${VAR}` in a value is replaced from those.
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * The address probes connect to (the kubelet uses the pod IP).
   * @default '127.0.0.1'
   */
  readonly host?: string;
  /**
   * Dependencies to cut, one outage each, while watching liveness and readiness.
   * @default - none
   */
  readonly dependencies?: VerifyDependency[];
  /**
   * Seconds of steady running to watch after startup.
   * @default - the longest F·P + T of liveness and readiness, plus 1
   */
  readonly observeSeconds?: number;
  /**
   * Terminate the app the kubelet's way at the end and judge its shutdown.
   * @default true
   */
  readonly shutdown?: boolean;
  /**
   * Repeat the shutdown check with the app as PID 1.
   * @default Pid1Mode.AUTO
   */
  readonly pid1?: Pid1Mode;
  /**
   * `<major>.<minor>` of the kubelet to imitate (the User-Agent `kube-probe/<major>.<minor>`).
   * @default '1.34'
   */
  readonly kubernetesVersion?: string;
  /**
   * Seconds after container start of the probes' first tick (the worker starts with the pod; 0
   * puts the first attempt at the container's start).
   * @default 0
   */
  readonly tickPhaseSeconds?: number;
  /**
   * A scenario file of the simulator's format (docs/simulate.md) to replay against the real
   * process after startup, instead of the steady and outage phases: times are seconds after the
   * app's start, at most 600 s; outages need the dependency given in `dependencies`.
   * @default - no scenario
   */
  readonly scenario?: string;
}

/** The default Kubernetes version of the User-Agent. */
export const DEFAULT_KUBERNETES_VERSION = '1.34';

/** A dependency given as `NAME=HOST:PORT`, as the CLI takes it. */
export function parseDependency(text: string, where: string): VerifyDependency {
  const m = /^([a-z0-9]([a-z0-9._-]*[a-z0-9])?)=(.+)$/.exec(text);
  if (!m) throw new VerifyInputError(`${where} ${shown(text)}: allowed: NAME=HOST:PORT, e.g. postgres=127.0.0.1:5432 (a lowercase name, as in probes.cdk8s.io/critical-dependencies)`);
  return { name: m[1], address: m[3] };
}

/** Splits and checks `host:port`. */
export function parseAddress(address: string, where: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(address);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 1 || port > 65535) throw new VerifyInputError(`${where} = ${shown(address)}: allowed: HOST:PORT with a port from 1 to 65535, e.g. 127.0.0.1:5432`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}

/** Checks the options; throws {@link VerifyInputError} naming the option, the value and what is allowed. */
export function checkOptions(o: VerifyOptions): void {
  if (o.command !== undefined && (typeof o.command !== 'string' || o.command.trim() === '')) throw new VerifyInputError(`command = ${shown(o.command)}: allowed: a non-empty shell command line, e.g. "python3 app.py"`);
  if (o.observeSeconds !== undefined && !(typeof o.observeSeconds === 'number' && Number.isFinite(o.observeSeconds) && o.observeSeconds >= 0)) throw new VerifyInputError(`observeSeconds = ${shown(o.observeSeconds)}: allowed: a number of seconds ≥ 0`);
  if (o.tickPhaseSeconds !== undefined && !(typeof o.tickPhaseSeconds === 'number' && Number.isFinite(o.tickPhaseSeconds) && o.tickPhaseSeconds >= 0)) throw new VerifyInputError(`tickPhaseSeconds = ${shown(o.tickPhaseSeconds)}: allowed: a number of seconds ≥ 0`);
  if (o.kubernetesVersion !== undefined && !/^\d+\.\d+$/.test(o.kubernetesVersion)) throw new VerifyInputError(`kubernetesVersion = ${shown(o.kubernetesVersion)}: allowed: <major>.<minor>, e.g. 1.34`);
  if (o.pid1 !== undefined && !Object.values(Pid1Mode).includes(o.pid1)) throw new VerifyInputError(`pid1 = ${shown(o.pid1)}: allowed: ${Object.values(Pid1Mode).join(', ')}`);
  if (o.scenario !== undefined && (typeof o.scenario !== 'string' || o.scenario.trim() === '')) throw new VerifyInputError(`scenario = ${shown(o.scenario)}: allowed: the path of a scenario file (docs/simulate.md)`);
  const names = new Set<string>();
  for (const [i, d] of (o.dependencies ?? []).entries()) {
    if (typeof d.name !== 'string' || !/^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/.test(d.name)) throw new VerifyInputError(`dependencies[${i}].name = ${shown(d.name)}: allowed: a lowercase name (letters, digits, ".", "_", "-")`);
    if (names.has(d.name)) throw new VerifyInputError(`dependencies[${i}].name = ${shown(d.name)}: given twice; allowed: each dependency once`);
    names.add(d.name);
    parseAddress(d.address, `dependencies[${i}].address`);
    if (d.listenPort !== undefined && !(Number.isInteger(d.listenPort) && d.listenPort >= 1 && d.listenPort <= 65535)) throw new VerifyInputError(`dependencies[${i}].listenPort = ${shown(d.listenPort)}: allowed: a port from 1 to 65535`);
  }
}

/** Replaces `${VAR}` in `value` from `vars` (unknown names are left as written). */
export function expandEnv(value: string, vars: Readonly<Record<string, string | undefined>>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/** Replaces Kubernetes' `$(VAR)` references in a container env value; `$$(VAR)` stays literal `$(VAR)`. */
export function expandKubernetesRefs(value: string, vars: Readonly<Record<string, string | undefined>>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (whole, name: string | undefined) => (name === undefined ? '$' : vars[name] ?? whole));
}
