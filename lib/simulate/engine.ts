/**
 * The discrete-event simulation of the kubelet's probe workers (pkg/kubelet/prober/worker.go,
 * prober_manager.go) and of the container restarts they cause, one replica at a time.
 *
 * Time runs on an integer millisecond grid: every duration is rounded to the millisecond, so no
 * floating-point drift builds up over a day of 1 s ticks and equal times compare equal.
 *
 * What each piece follows (see reference/probe-semantics.md):
 * - a worker per probe ticks every P from a phase drawn from the seeded PRNG (the pod is added,
 *   and the worker started, some time before the container starts); a tick that arrives while an
 *   attempt is still running is buffered (one slot, like Go's time.Ticker), so a hung attempt
 *   delays the next one to its own end: attempts are max(P, T) apart;
 * - doProbe: new container → initial result (readiness Failure, liveness Success, startup Unknown)
 *   and off hold; on hold → nothing; container not running → Failure; pod deleting → liveness and
 *   startup report Success and stop; `⌊age⌋ < D` → nothing (D counted from container start);
 *   startup gating; then one attempt, whose result counts towards S or F consecutive results;
 * - a liveness/startup trip puts the worker on hold and kills the container with the probe-level
 *   terminationGracePeriodSeconds, else the pod's; the preStop hook runs inside it and the kubelet
 *   always leaves at least 2 s after it (lib/timing killTiming; kuberuntime_container.go
 *   killContainer); exit at SIGTERM + the app's shutdown time, or SIGKILL;
 * - restarts as SyncPod does them (kuberuntime_manager.go computePodActions, SyncPod, doBackOff;
 *   lib/timing restart.ts): a probe kill and the restart happen in one sync whose back-off check
 *   reads the status from before the kill (the previous instance's exit); a self-exit is seen at the
 *   next PLEG relist (≤ 1 s) and checked against its own exit; a sync that finds the container in
 *   back-off fails and is retried 10–15 s later on the 1 s sync tick (pod_workers.go completeWork),
 *   or sooner when a readiness result change triggers a sync; back-off entries not updated for
 *   10 min are forgotten (client-go backoff.go GC); a start takes ~1 s (RESTART_LATENCY_SECONDS);
 * - pod status updates (container start seen by PLEG within 1 s, startup success, readiness and
 *   liveness result changes, deletion) trigger an immediate readiness attempt while the container
 *   is started but not Ready, and reset the readiness ticker;
 * - pod deletion: out of the endpoints at once, liveness/startup stop, readiness keeps probing
 *   until the container exits, no restart.
 */
import {
  BackoffEntry,
  backoffCollected,
  DEFAULT_POD_GRACE_SECONDS,
  effectiveTiming,
  isInBackOff,
  killTiming,
  nextBackoff,
  PLEG_RELIST_SECONDS,
  RESTART_LATENCY_SECONDS,
  SYNC_RETRY_JITTER,
  SYNC_RETRY_SECONDS,
} from '../timing';
// ProbeKind straight from its module: the re-export in ./types is a getter, read on every probe attempt
import { ProbeJson, ProbeKind } from '../k8s/types';
import { EventQueue, Queued } from './heap';
import { deriveSeed, mulberry32 } from './prng';
import {
  Effect, FaultEnd, FaultKind, Handler, HANDLERS, ProbeOutcome, ReplicaSummary, Scenario,
  SimEvent, SimEventType, SimulatedContainer, SimulationResult, SimulationSummary, TotalSummary,
} from './types';

const MS = 1000;
/** The PLEG relist period: a container start or exit is seen by the kubelet's sync loop within this many ms. */
const PLEG_RELIST_MS = PLEG_RELIST_SECONDS * MS;
/** Exit handled → next instance running. */
const RESTART_LATENCY_MS = RESTART_LATENCY_SECONDS * MS;
/** A failed sync is retried after this… */
const SYNC_RETRY_MS = SYNC_RETRY_SECONDS * MS;
/** …plus up to this much jitter… */
const SYNC_RETRY_JITTER_MS = SYNC_RETRY_SECONDS * SYNC_RETRY_JITTER * MS;
/** …on the kubelet's sync tick (syncLoop's 1 s syncTicker picks due pod workers). */
const SYNC_TICK_MS = 1000;
/** The back-off functions' unit: milliseconds. */
const UNIT = 1 / MS;

const enum Result { UNKNOWN, SUCCESS, FAILURE }
const enum Ev { START, TICK, DONE, EXIT, STATUS, DELETE, SYNC }
/**
 * Order of events at the same millisecond: a container start first (a tick then sees it), then
 * ticks, then everything else. A tick lands before an attempt that ends at the same instant, as in
 * the kubelet, where the attempt's timeout runs from a moment after its own tick: so a tick
 * arriving while an attempt is busy is buffered, and a second one in that time dropped.
 */
const PRIORITY: Readonly<Record<Ev, number>> = { [Ev.START]: 0, [Ev.TICK]: 1, [Ev.DONE]: 2, [Ev.EXIT]: 2, [Ev.STATUS]: 2, [Ev.DELETE]: 2, [Ev.SYNC]: 2 };

interface QueuedEvent extends Queued {
  readonly kind: Ev;
  /** Worker index for TICK/DONE. */
  readonly w: number;
  /** Ticker generation (TICK), attempt id (DONE), container number (EXIT, STATUS), retry generation (SYNC; −1: a direct sync). */
  readonly n: number;
  /** Outcome of a DONE. */
  readonly outcome: ProbeOutcome;
  /** Words for EXIT. */
  readonly why: string;
}

interface Window {
  readonly from: number;
  readonly to: number;
  readonly effect: Effect;
  readonly latency: number;
}

interface Instance {
  readonly n: number;
  readonly start: number;
  running: boolean;
  started: boolean;
  terminating: boolean;
  /** Killed for a failed liveness or startup probe (restarted in the same sync). */
  probeKill: boolean;
  /** Fault windows per handler, indexed like HANDLERS. */
  readonly windows: Window[][];
}

interface Worker {
  readonly index: number;
  readonly kind: ProbeKind;
  /** Milliseconds after the first container start of the first tick. */
  readonly phase: number;
  readonly handler: number;
  readonly tcp: boolean;
  readonly delaySeconds: number;
  readonly period: number;
  readonly timeout: number;
  readonly successThreshold: number;
  readonly failureThreshold: number;
  /** Grace for a kill this probe causes (liveness, startup). */
  readonly graceMs: number;
  readonly graceFromProbe: boolean;
  readonly initial: Result;
  gen: number;
  attempt: number;
  busy: boolean;
  bufferedTick: boolean;
  triggerPending: boolean;
  containerN: number;
  result: Result;
  lastResult: Result;
  run: number;
  onHold: boolean;
  stopped: boolean;
  /** Probe-event words already built, by outcome and count. */
  readonly details: Map<number, string>;
}

const PROBE_FIELDS: ReadonlyArray<[ProbeKind, 'startupProbe' | 'livenessProbe' | 'readinessProbe', Handler, Result]> = [
  [ProbeKind.STARTUP, 'startupProbe', Handler.STARTUP, Result.UNKNOWN],
  [ProbeKind.LIVENESS, 'livenessProbe', Handler.LIVENESS, Result.SUCCESS],
  [ProbeKind.READINESS, 'readinessProbe', Handler.READINESS, Result.FAILURE],
];
const TRAFFIC = HANDLERS.indexOf(Handler.TRAFFIC);

function ms(seconds: number): number {
  return Math.round(seconds * MS);
}

function isTcp(p: ProbeJson): boolean {
  return p.tcpSocket !== undefined && p.httpGet === undefined && p.exec === undefined && p.grpc === undefined;
}

function secs(t: number): number {
  return t / MS;
}

function fmt(t: number): string {
  return `${Number((t / MS).toFixed(3))} s`;
}

/** Receives one replica's events as they happen, in time order. */
export interface EventSink {
  /** Takes one event. */
  event(e: SimEvent): void;
  /**
   * Offered a successful probe attempt before its event is built: true when the sink counted it
   * without the event (a folded run), false to receive it through {@link EventSink.event}.
   */
  foldSuccess?(time: number, container: number, probe: ProbeKind): boolean;
}

class ReplicaSimulation {
  private readonly queue = new EventQueue<QueuedEvent>();
  private readonly workers: Worker[] = [];
  private readonly readiness: Worker | undefined;
  private readonly rng: () => number;
  private readonly endMs: number;
  private readonly answersAfter: number[];
  private readonly listensAfter: number[];
  private readonly latency: number[];
  private readonly faults: Scenario['faults'];
  private readonly instances: Instance[] = [];
  private inst: Instance | undefined;
  private ready = false;
  private readyChangedAt = 0;
  private readyMs = 0;
  private notReadyMs = 0;
  private firstReady: number | undefined;
  private trafficOn = false;
  private trafficSince = 0;
  private readonly trafficSpans: Array<[number, number, Instance]> = [];
  private deleting = false;
  private gone = false;
  /** The kubelet's back-off entry for this container, in ms (client-go backoffEntry). */
  private backoff: BackoffEntry | undefined;
  /** FinishedAt of the latest exited instance. */
  private lastExitAt: number | undefined;
  /** The container has exited and waits for a start. */
  private restartPending = false;
  /** A start is under way (RESTART_LATENCY_MS). */
  private starting = false;
  /** The pending restart was found in back-off at least once. */
  private backedOff = false;
  /** Generation of the pod worker's queued retry (a later failed sync replaces it). */
  private retryGen = 0;
  /** Phase of the kubelet's 1 s sync tick. */
  private readonly syncPhase: number;
  private maxBackOff = 0;
  private livenessKills = 0;
  private startupKills = 0;
  private exits = 0;
  private readonly podGraceMs: number;

  constructor(
    private readonly c: SimulatedContainer,
    private readonly s: Scenario,
    private readonly replica: number,
    private readonly sink: EventSink,
  ) {
    this.rng = mulberry32(deriveSeed(s.seed, replica));
    this.endMs = ms(s.durationSeconds);
    this.answersAfter = HANDLERS.map((h) => ms(s.handlers[h].answersAfterSeconds));
    this.listensAfter = HANDLERS.map((h) => ms(s.handlers[h].listensAfterSeconds));
    this.latency = HANDLERS.map((h) => ms(s.handlers[h].latencySeconds));
    this.faults = s.faults.filter((f) => f.replicas === undefined || f.replicas.includes(replica));
    this.podGraceMs = ms(c.podGraceSeconds >= 0 ? c.podGraceSeconds : DEFAULT_POD_GRACE_SECONDS);
    for (const [kind, field, handler, initial] of PROBE_FIELDS) {
      // every phase is drawn, present probe or not, so adding a probe never moves another's phase
      const draw = this.rng();
      const p = c[field];
      if (p === undefined) continue;
      const t = effectiveTiming(p);
      const probeGrace = kind !== ProbeKind.READINESS && typeof p.terminationGracePeriodSeconds === 'number' && p.terminationGracePeriodSeconds > 0
        ? p.terminationGracePeriodSeconds : undefined;
      const period = Math.max(1, ms(t.periodSeconds));
      this.workers.push({
        index: this.workers.length,
        kind,
        phase: Math.floor(draw * period),
        handler: HANDLERS.indexOf(handler),
        tcp: isTcp(p),
        delaySeconds: t.initialDelaySeconds,
        period,
        timeout: Math.max(1, ms(t.timeoutSeconds)),
        // the API server rejects successThreshold ≠ 1 on liveness and startup probes
        successThreshold: kind === ProbeKind.READINESS ? Math.max(1, Math.round(t.successThreshold)) : 1,
        failureThreshold: Math.max(1, Math.round(t.failureThreshold)),
        graceMs: probeGrace === undefined ? this.podGraceMs : ms(probeGrace),
        graceFromProbe: probeGrace !== undefined,
        initial,
        gen: 0,
        attempt: 0,
        busy: false,
        bufferedTick: false,
        triggerPending: false,
        containerN: 0,
        result: Result.UNKNOWN,
        lastResult: Result.UNKNOWN,
        run: 0,
        onHold: false,
        stopped: false,
        details: new Map(),
      });
    }
    this.readiness = this.workers.find((w) => w.kind === ProbeKind.READINESS);
    this.syncPhase = Math.floor(this.rng() * SYNC_TICK_MS);
  }

  run(): ReplicaSummary {
    this.schedule(Ev.START, 0);
    for (const w of this.workers) this.schedule(Ev.TICK, w.phase, w.index, w.gen);
    const deletion = this.faults.filter((f) => f.kind === FaultKind.DELETE).map((f) => ms(f.startSeconds));
    if (deletion.length > 0) this.schedule(Ev.DELETE, Math.min(...deletion));

    for (let e = this.queue.pop(); e !== undefined && e.t < this.endMs; e = this.queue.pop()) {
      switch (e.kind) {
        case Ev.START: this.containerStart(e.t); break;
        case Ev.TICK: this.tick(e); break;
        case Ev.DONE: {
          const w = this.workers[e.w];
          if (w.busy && w.attempt === e.n) this.finishAttempt(w, e.t, e.outcome);
          break;
        }
        case Ev.EXIT: this.exit(e.t, e.n, e.why); break;
        case Ev.STATUS: if (this.inst && this.inst.n === e.n) this.statusUpdate(e.t); break;
        case Ev.DELETE: this.deletePod(e.t); break;
        case Ev.SYNC: if (e.n < 0 || e.n === this.retryGen) this.syncPod(e.t, this.lastExitAt); break;
      }
    }
    return this.close();
  }

  private schedule(kind: Ev, t: number, w = -1, n = 0, outcome = ProbeOutcome.SUCCESS, why = ''): void {
    this.queue.push({ t, prio: PRIORITY[kind], seq: 0, kind, w, n, outcome, why });
  }

  private emit(t: number, type: SimEventType, detail: string, probe?: ProbeKind, outcome?: ProbeOutcome): void {
    // one object shape for every event (undefined fields vanish in JSON)
    this.sink.event({ time: secs(t), replica: this.replica, container: this.inst?.n ?? 0, type, probe, outcome, detail });
  }

  // ---- containers -------------------------------------------------------------------------

  private containerStart(t: number): void {
    if (this.deleting) return;
    this.starting = false;
    this.restartPending = false;
    if (this.backedOff && this.lastExitAt !== undefined) this.maxBackOff = Math.max(this.maxBackOff, secs(t - this.lastExitAt));
    this.backedOff = false;
    const n = this.instances.length + 1;
    const inst: Instance = {
      n, start: t, running: true, started: !this.c.startupProbe, terminating: false, probeKill: false, windows: this.windowsFor(t, n),
    };
    this.instances.push(inst);
    this.inst = inst;
    this.emit(t, SimEventType.CONTAINER_STARTED, n === 1 ? 'first start' : `restart ${n - 1}`);
    for (const f of this.faults) {
      if (f.kind !== FaultKind.EXIT) continue;
      const at = f.fromContainerStart ? t + ms(f.startSeconds) : ms(f.startSeconds);
      // an exit at a scenario time hits the process running then, not one started at that instant
      const hits = f.fromContainerStart || at > t || (at === t && n === 1);
      if (hits && at < this.endMs) this.schedule(Ev.EXIT, at, -1, n, ProbeOutcome.SUCCESS, `process exited (${f.source})`);
    }
    if (inst.started) this.updateReady(t, 'container started (no startup or readiness probe)');
    // the sync loop sees the new container at the next PLEG relist
    this.schedule(Ev.STATUS, t + Math.floor(this.rng() * PLEG_RELIST_MS), -1, n);
  }

  private windowsFor(start: number, n: number): Window[][] {
    const out: Window[][] = HANDLERS.map(() => []);
    for (const f of this.faults) {
      if (f.effect === undefined) continue;
      const from = f.fromContainerStart ? start + ms(f.startSeconds) : ms(f.startSeconds);
      let to = Infinity;
      if (f.end === FaultEnd.DURATION) to = from + ms(f.durationSeconds ?? 0);
      // a process started after the fault began (or at that instant, as a restart) is healthy
      else if (f.end === FaultEnd.RESTART && !f.fromContainerStart && (start > from || (start === from && n > 1))) continue;
      const win: Window = { from, to, effect: f.effect, latency: ms(f.latencySeconds ?? 0) };
      for (const h of f.handlers) out[HANDLERS.indexOf(h)].push(win);
    }
    return out;
  }

  private kill(t: number, inst: Instance, why: string, graceMs: number, graceSource: string, probeKill = false): void {
    if (!inst.running || inst.terminating) return;
    inst.terminating = true;
    inst.probeKill = probeKill;
    const preStop = this.c.preStopSeconds;
    const k = killTiming(secs(graceMs), preStop, this.s.sigtermExitSeconds);
    const sigterm = t + ms(k.sigtermSeconds);
    const exitAt = t + ms(k.exitSeconds);
    const how = k.killed ? 'SIGKILL' : 'exits on SIGTERM';
    const pre = preStop === undefined ? '' : `preStop ${fmt(sigterm - t)}, `;
    this.emit(t, SimEventType.KILLING, `${why}: grace ${fmt(graceMs)} (${graceSource}); ${pre}SIGTERM at ${fmt(sigterm)}, ${how} at ${fmt(exitAt)}`);
    this.schedule(Ev.EXIT, exitAt, -1, inst.n, ProbeOutcome.SUCCESS, k.killed ? 'killed (SIGKILL)' : 'stopped on SIGTERM');
  }

  private exit(t: number, n: number, why: string): void {
    const inst = this.inst;
    if (!inst || inst.n !== n || !inst.running) return;
    const byKubelet = inst.terminating;
    inst.running = false;
    if (!byKubelet) this.exits++;
    this.emit(t, SimEventType.CONTAINER_EXITED, why);
    this.updateReady(t, 'container exited');
    for (const w of this.workers) {
      // an attempt in flight sees the connection reset
      if (w.busy) { w.attempt++; this.finishAttempt(w, t, ProbeOutcome.FAILURE, 'container exited during the attempt'); }
    }
    if (this.deleting) {
      this.podGone(t);
      return;
    }
    this.restartPending = true;
    const before = this.lastExitAt;
    this.lastExitAt = t;
    // SyncPod kills and restarts in one sync, its back-off check reading the status from before the kill
    if (inst.probeKill) this.syncPod(t, before);
    // the PLEG relist sees the exit and syncs the pod (a no-op once the restart is under way)
    this.schedule(Ev.SYNC, t + Math.floor(this.rng() * PLEG_RELIST_MS), -1, -1);
  }

  /**
   * One pod sync while the container waits for a start: doBackOff against the latest exited
   * instance the sync's status shows (`exitedAt`), then a start, or a failed sync retried later.
   */
  private syncPod(t: number, exitedAt: number | undefined): void {
    if (!this.restartPending || this.starting || this.deleting) return;
    if (backoffCollected(this.backoff, t, UNIT)) this.backoff = undefined; // housekeeping GC
    if (exitedAt !== undefined && isInBackOff(this.backoff, exitedAt, t, UNIT)) {
      if (!this.backedOff) {
        // the kubelet records "Back-off restarting failed container" at every failed sync; one event per wait is kept
        const b = (this.backoff as BackoffEntry).backoff;
        this.emit(t, SimEventType.BACK_OFF, `CrashLoopBackOff: back-off ${fmt(b)}, the last exit was ${fmt(t - exitedAt)} ago; retried every 10–15 s`);
      }
      this.backedOff = true;
      this.retryGen++;
      const due = t + SYNC_RETRY_MS + Math.floor(this.rng() * SYNC_RETRY_JITTER_MS);
      const tick = this.syncPhase + Math.ceil((due - this.syncPhase) / SYNC_TICK_MS) * SYNC_TICK_MS;
      this.schedule(Ev.SYNC, tick, -1, this.retryGen);
      return;
    }
    if (exitedAt !== undefined) this.backoff = nextBackoff(this.backoff, exitedAt, t, UNIT);
    this.starting = true;
    this.schedule(Ev.START, t + RESTART_LATENCY_MS);
  }

  private deletePod(t: number): void {
    if (this.deleting) return;
    this.deleting = true;
    this.emit(t, SimEventType.DELETING, `pod deleted: out of the endpoints; grace ${fmt(this.podGraceMs)}`);
    this.updateTraffic(t);
    const inst = this.inst;
    if (inst && inst.running) {
      this.kill(t, inst, 'pod deletion', this.podGraceMs, "pod's terminationGracePeriodSeconds");
      this.statusUpdate(t);
    } else {
      this.podGone(t);
    }
  }

  private podGone(t: number): void {
    this.accountReady(t);
    this.gone = true;
  }

  // ---- probe workers ----------------------------------------------------------------------

  private tick(e: QueuedEvent): void {
    const t = e.t;
    const w = this.workers[e.w];
    if (e.n !== w.gen || w.stopped) return;
    e.t = t + w.period; // the popped tick is re-queued for the next period (no allocation per tick)
    this.queue.push(e);
    if (w.busy) { w.bufferedTick = true; return; }
    this.doProbe(w, t);
  }

  private resetTicker(w: Worker, t: number): void {
    w.gen++;
    this.schedule(Ev.TICK, t + w.period, w.index, w.gen);
  }

  private doProbe(w: Worker, t: number): void {
    const inst = this.inst;
    if (w.stopped || inst === undefined) return;
    if (w.containerN !== inst.n) {
      w.containerN = inst.n;
      w.result = w.initial;
      w.onHold = false;
    }
    if (w.onHold) return;
    if (!inst.running) {
      // a readiness result that changes to Failure on the exited container triggers a pod sync
      const changed = w.kind === ProbeKind.READINESS && w.result !== Result.FAILURE;
      w.result = Result.FAILURE;
      if (changed) this.syncPod(t, this.lastExitAt);
      return;
    }
    if (this.deleting && w.kind !== ProbeKind.READINESS) {
      w.result = Result.SUCCESS;
      w.stopped = true;
      return;
    }
    if (Math.floor((t - inst.start) / MS) < w.delaySeconds) return;
    if (inst.started ? w.kind === ProbeKind.STARTUP : w.kind !== ProbeKind.STARTUP) return;

    // one attempt, against the handler's state when it is sent
    let outcome = ProbeOutcome.SUCCESS;
    let took = 0;
    const age = t - inst.start;
    if (age < this.listensAfter[w.handler]) {
      outcome = ProbeOutcome.FAILURE; // connection refused: nothing listens yet
    } else if (!w.tcp) {
      // listening but not answering yet: the request waits in the listen backlog until the app answers
      const queued = Math.max(0, this.answersAfter[w.handler] - age);
      let effect: Effect | undefined;
      let latency = this.latency[w.handler];
      for (const win of inst.windows[w.handler]) {
        if (win.from > t || t >= win.to) continue;
        if (win.effect === Effect.HANG) effect = Effect.HANG;
        else if (win.effect === Effect.ERROR) { if (effect !== Effect.HANG) effect = Effect.ERROR; }
        else latency = Math.max(latency, win.latency);
      }
      if (effect === Effect.HANG || queued + (effect === undefined ? latency : 0) >= w.timeout) {
        outcome = ProbeOutcome.TIMEOUT;
        took = w.timeout;
      } else if (effect === Effect.ERROR) {
        outcome = ProbeOutcome.FAILURE;
        took = queued;
      } else {
        took = queued + latency;
      }
    } // a tcpSocket probe only needs the kernel to accept: a hung, failing or not-yet-answering app still passes
    if (took === 0) { this.finishAttempt(w, t, outcome); return; }
    w.busy = true;
    w.attempt++;
    this.schedule(Ev.DONE, t + took, w.index, w.attempt, outcome);
  }

  private finishAttempt(w: Worker, t: number, outcome: ProbeOutcome, note?: string): void {
    w.busy = false;
    const inst = this.inst as Instance;
    const result = outcome === ProbeOutcome.SUCCESS ? Result.SUCCESS : Result.FAILURE;
    if (w.lastResult === result) w.run++;
    else { w.lastResult = result; w.run = 1; }
    const threshold = result === Result.SUCCESS ? w.successThreshold : w.failureThreshold;
    // the words depend only on the outcome and the count: built once per worker (a day at P = 1 is 86,400 attempts)
    // the count is shown up to the threshold; past it the probe has tripped and keeps its result
    const shown = w.run <= threshold && (threshold > 1 || result === Result.FAILURE) ? w.run : 0;
    // a success the sink folds into an open run needs no event (most attempts of a long scenario)
    const folded = outcome === ProbeOutcome.SUCCESS && this.sink.foldSuccess !== undefined && this.sink.foldSuccess(secs(t), inst.n, w.kind);
    if (!folded) this.emit(t, SimEventType.PROBE, this.probeDetail(w, outcome, shown, threshold, note), w.kind, outcome);

    const ignored = this.deleting && w.kind !== ProbeKind.READINESS;
    if (w.run >= threshold && !ignored && w.containerN === inst.n) {
      const changed = w.result !== result;
      w.result = result;
      if (w.kind === ProbeKind.READINESS) {
        if (changed) {
          this.updateReady(t, result === Result.SUCCESS
            ? `readiness succeeded${threshold > 1 ? ` ${threshold} times in a row` : ''}`
            : `readiness failed ${threshold} time${threshold > 1 ? 's' : ''} in a row`);
          this.statusUpdate(t);
        }
      } else if (result === Result.SUCCESS) {
        if (w.kind === ProbeKind.STARTUP && !inst.started && inst.running) {
          inst.started = true;
          this.emit(t, SimEventType.STARTED, 'startup probe succeeded: liveness and readiness probes start', w.kind);
          this.updateReady(t, 'started (no readiness probe)');
          this.statusUpdate(t);
        }
      } else {
        // a liveness or startup trip: hold the worker until a new container, kill this one
        w.onHold = true;
        w.run = 0;
        if (inst.running && !inst.terminating) {
          if (w.kind === ProbeKind.LIVENESS) this.livenessKills++;
          else this.startupKills++;
          this.kill(t, inst, `${w.kind} probe failed ${threshold} time${threshold > 1 ? 's' : ''} in a row`, w.graceMs,
            w.graceFromProbe ? 'probe-level terminationGracePeriodSeconds' : "pod's terminationGracePeriodSeconds", true);
          this.statusUpdate(t);
        }
      }
    }
    if (!w.busy && (w.triggerPending || w.bufferedTick)) {
      if (w.triggerPending) { w.triggerPending = false; this.resetTicker(w, t); } else w.bufferedTick = false;
      this.doProbe(w, t);
    }
  }

  /** The words of a probe event; those without a note are built once per worker, outcome and count. */
  private probeDetail(w: Worker, outcome: ProbeOutcome, shown: number, threshold: number, note: string | undefined): string {
    const key = (outcome === ProbeOutcome.SUCCESS ? 0 : outcome === ProbeOutcome.FAILURE ? 1 : 2) * 1e6 + shown;
    let detail = note === undefined ? w.details.get(key) : undefined;
    if (detail === undefined) {
      const what = outcome === ProbeOutcome.TIMEOUT ? `timeout after ${fmt(w.timeout)}` : outcome;
      const count = shown > 0 ? ` ${shown}/${threshold}` : '';
      detail = `${w.kind} ${what}${count}${note === undefined ? '' : ` (${note})`}`;
      if (note === undefined) w.details.set(key, detail);
    }
    return detail;
  }

  /** UpdatePodStatus: a started container that is not Ready gets an immediate readiness attempt. */
  private statusUpdate(t: number): void {
    const inst = this.inst;
    const w = this.readiness;
    if (!inst || !w || w.stopped || !inst.running || !inst.started || this.isReady(inst)) return;
    if (w.busy) { w.triggerPending = true; return; }
    this.resetTicker(w, t);
    this.doProbe(w, t);
  }

  // ---- Ready and traffic ------------------------------------------------------------------

  private isReady(inst: Instance): boolean {
    if (!inst.running || !inst.started) return false;
    const w = this.readiness;
    return w === undefined || (w.containerN === inst.n && w.result === Result.SUCCESS);
  }

  private accountReady(t: number): void {
    if (this.gone) return;
    if (this.ready) this.readyMs += t - this.readyChangedAt;
    else this.notReadyMs += t - this.readyChangedAt;
    this.readyChangedAt = t;
  }

  private updateReady(t: number, why: string): void {
    const inst = this.inst;
    const ready = inst !== undefined && this.isReady(inst);
    if (ready === this.ready) return;
    this.accountReady(t);
    this.ready = ready;
    if (ready && this.firstReady === undefined) this.firstReady = t;
    this.emit(t, ready ? SimEventType.READY : SimEventType.NOT_READY, why);
    this.updateTraffic(t);
  }

  private updateTraffic(t: number): void {
    const on = this.ready && !this.deleting;
    if (on === this.trafficOn) return;
    if (on) this.trafficSince = t;
    else this.trafficSpans.push([this.trafficSince, t, this.inst as Instance]);
    this.trafficOn = on;
  }

  /** Milliseconds within [a, b) when the instance could not serve user requests. */
  private brokenWithin(a: number, b: number, inst: Instance): number {
    const spans: Array<[number, number]> = [[inst.start, inst.start + this.answersAfter[TRAFFIC]]];
    for (const win of inst.windows[TRAFFIC]) spans.push([win.from, win.to]);
    spans.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    let total = 0;
    let curFrom = -Infinity;
    let curTo = -Infinity;
    const flush = (): void => { total += Math.max(0, Math.min(curTo, b) - Math.max(curFrom, a)); };
    for (const [from, to] of spans) {
      if (from > curTo) { flush(); curFrom = from; curTo = to; } else curTo = Math.max(curTo, to);
    }
    flush();
    return total;
  }

  private close(): ReplicaSummary {
    this.accountReady(this.endMs);
    if (this.trafficOn) this.trafficSpans.push([this.trafficSince, this.endMs, this.inst as Instance]);
    const broken = this.trafficSpans.reduce((sum, [a, b, inst]) => sum + this.brokenWithin(a, b, inst), 0);
    return {
      replica: this.replica,
      restarts: Math.max(0, this.instances.length - 1),
      livenessKills: this.livenessKills,
      startupKills: this.startupKills,
      exits: this.exits,
      secondsReady: secs(this.readyMs),
      secondsNotReady: secs(this.notReadyMs),
      secondsTrafficWhileBroken: secs(broken),
      firstReadySeconds: this.firstReady === undefined ? undefined : secs(this.firstReady),
      maxBackOffSeconds: this.maxBackOff,
    };
  }
}

/**
 * Simulates every replica of a scenario, in replica order, handing each replica's events to the
 * sink `sinkFor(replica)` returns as they happen (nothing is kept here), and returns the summary.
 * Deterministic: the same container and scenario (seed included) give identical results.
 */
export function simulateStreaming(container: SimulatedContainer, scenario: Scenario, sinkFor: (replica: number) => EventSink): SimulationSummary {
  const replicas: ReplicaSummary[] = [];
  for (let r = 0; r < scenario.replicas; r++) replicas.push(new ReplicaSimulation(container, scenario, r, sinkFor(r)).run());
  return summarize(scenario, replicas);
}

function summarize(scenario: Scenario, replicas: ReplicaSummary[]): SimulationSummary {
  const sum = (f: (r: ReplicaSummary) => number): number => Number(replicas.reduce((s, r) => s + f(r), 0).toFixed(3));
  const total: TotalSummary = {
    restarts: sum((r) => r.restarts),
    livenessKills: sum((r) => r.livenessKills),
    startupKills: sum((r) => r.startupKills),
    exits: sum((r) => r.exits),
    secondsReady: sum((r) => r.secondsReady),
    secondsNotReady: sum((r) => r.secondsNotReady),
    secondsTrafficWhileBroken: sum((r) => r.secondsTrafficWhileBroken),
    replicasNeverReady: replicas.filter((r) => r.firstReadySeconds === undefined).length,
  };
  return { durationSeconds: scenario.durationSeconds, seed: scenario.seed, replicas, total };
}

/** Thrown by {@link simulate} when a run would keep more events than `maxEvents`. */
export class SimulationTooLargeError extends Error {
  /** @param maxEvents the most events the caller allowed */
  constructor(public readonly maxEvents: number) {
    super(`the simulation has more than ${maxEvents} events`);
    this.name = 'SimulationTooLargeError';
  }
}

/**
 * Simulates every replica of a scenario against one container's probes, keeping every event.
 * Deterministic: the same container and scenario (seed included) give identical results. Stops
 * with {@link SimulationTooLargeError} as soon as it would keep more than `maxEvents` events.
 */
export function simulate(container: SimulatedContainer, scenario: Scenario, maxEvents = Infinity): SimulationResult {
  const perReplica: SimEvent[][] = [];
  let kept = 0;
  const summary = simulateStreaming(container, scenario, () => {
    const events: SimEvent[] = [];
    perReplica.push(events);
    return {
      event: (e) => {
        if (++kept > maxEvents) throw new SimulationTooLargeError(maxEvents);
        events.push(e);
      },
    };
  });
  // stable: within one replica and time, events keep the order they happened in
  const events = perReplica.length === 1 ? perReplica[0] : perReplica.flat().sort((a, b) => a.time - b.time || a.replica - b.replica);
  return { events, summary };
}
