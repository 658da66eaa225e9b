/**
 * The simulator-driven timeline: one run of the default scenario, drawn inside the model's windows.
 * The simulated kill must fall inside the model's detection window, whatever the tick phase.
 */
import { parseManifestText, toWorkload, Workload } from '../../lib/manifest';
import {
  defaultHangAt,
  defaultScenario,
  defaultScenarioText,
  explainWorkload,
  renderTimelineSvg,
  timelineFromSimulation,
} from '../../lib/report';
import { parseScenario } from '../../lib/simulate';
import { deployment, SEED_001, SEED_002 } from './helpers';
import { svgProblems } from './svg-check';

function workload(text: string): Workload {
  const w = toWorkload(parseManifestText(text, 't.yaml').documents[0]);
  if (!w) throw new Error('not a workload');
  return w;
}

describe('default scenario', () => {
  it('is a valid scenario file for the simulator', () => {
    const s = parseScenario(defaultScenarioText(120, 200, 400), 'x');
    expect(s.startupSeconds).toBe(120);
    expect(s.sigtermExitSeconds).toBeUndefined(); // a hung process ignores SIGTERM
    expect(s.faults).toHaveLength(1);
    expect(s.faults[0]).toMatchObject({ kind: 'hang', startSeconds: 200, end: 'restart' });
  });

  it('runs long enough to see the startup allowance and the fresh container', () => {
    const report = explainWorkload(workload(SEED_001));
    const c = report.containers[0];
    const hangAt = defaultHangAt(report);
    // Ready by 15 s, liveness P = 10: round up 15 + 20 to 40
    expect(hangAt).toBe(40);
    const s = defaultScenario(c, hangAt);
    // max(startup maximum 300, 40 + fresh worst 76) + 20
    expect(s.durationSeconds).toBe(320);
  });
});

describe.each([
  ['seed 001', SEED_001],
  ['seed 002', SEED_002],
  ['slow start, declared', deployment(`- name: app
  startupProbe: {httpGet: {path: /livez, port: 8080}, periodSeconds: 5, failureThreshold: 30}
  livenessProbe: {httpGet: {path: /livez, port: 8080}, periodSeconds: 10, timeoutSeconds: 3}
  readinessProbe: {httpGet: {path: /readyz, port: 8080}, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2}`, { annotations: 'probes.cdk8s.io/worst-startup-seconds: "90"' })],
])('simulated timeline of %s', (_name, text) => {
  const source = workload(text);
  const report = explainWorkload(source);
  const tl = timelineFromSimulation(source, report);
  const c = report.containers[0];
  const hangAt = defaultHangAt(report);
  const lane = tl.lanes[0];

  it('kills inside the model\'s liveness detection window after the hang', () => {
    const kills = lane.markers.filter((m) => m.kind === 'kill');
    expect(kills.length).toBe(1);
    const hung = c.livenessDetection?.hung; // httpGet liveness: a hang window exists
    if (!hung) throw new Error('expected a hang detection window');
    expect(kills[0].t).toBeGreaterThanOrEqual(hangAt + hung.best - 1e-9);
    expect(kills[0].t).toBeLessThanOrEqual(hangAt + hung.worst + 1e-9);
  });

  it('becomes Ready first inside the model\'s time-to-Ready window', () => {
    const ready = lane.markers.find((m) => m.kind === 'ready')!;
    expect(ready.t).toBeGreaterThanOrEqual(c.timeToReady.best - 1e-9);
    expect(ready.t).toBeLessThanOrEqual(c.timeToReady.worst + 1e-9);
  });

  it('draws failing attempts only after the hang on the liveness row', () => {
    const liveness = lane.rows.find((r) => r.label === 'liveness')!;
    const beforeKill = liveness.ticks.filter((t) => t.t <= lane.markers.find((m) => m.kind === 'kill')!.t);
    expect(beforeKill.filter((t) => !t.ok).every((t) => t.t >= hangAt)).toBe(true);
    expect(beforeKill.some((t) => !t.ok)).toBe(true);
  });

  it('renders a well-formed, deterministic SVG', () => {
    const svg = renderTimelineSvg(tl);
    expect(svgProblems(svg)).toEqual([]);
    expect(renderTimelineSvg(timelineFromSimulation(source, explainWorkload(source)))).toBe(svg);
  });
});
