/**
 * The streaming path (simulateStreaming, simulateFormatted: events folded as they happen, only the
 * printed rows kept) gives exactly what simulate() + formatSimulation() give: the same summary,
 * byte-identical text and markdown, for the example scenarios and random probes, faults and replica
 * counts. Aggregating must not change a number or move a row.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import {
  formatSimulation, parseScenario, Scenario, SimEvent, simulate, SimulatedContainer, simulateFormatted, simulateStreaming,
} from '../../lib/simulate';
import { containerFor, httpProbe, scenario } from './helpers';

const DIR = path.join(__dirname, 'scenarios');

function expectSameOutput(container: SimulatedContainer, s: Scenario): void {
  const old = simulate(container, s);
  expect(simulateStreaming(container, s, () => ({ event: () => undefined }))).toEqual(old.summary);
  for (const format of ['text', 'markdown', 'json'] as const) {
    expect(simulateFormatted(container, s, format)).toBe(formatSimulation(old, format));
  }
}

describe('simulateFormatted and simulateStreaming match simulate() + formatSimulation()', () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

  it.each(files)('%s, with 3 and 4 replicas (1 in the random cases)', (file) => {
    const { container } = containerFor({ worstStartupSeconds: 60, handlerLatencySeconds: 0.1 });
    const text = fs.readFileSync(path.join(DIR, file), 'utf8').replace(/^replicas:.*$/m, '');
    for (const replicas of [3, 4]) expectSameOutput(container, parseScenario(`${text}\nreplicas: ${replicas}\n`, file));
  });

  it('random probes, faults, seeds and replica counts', () => {
    const timing = fc.record({
      initialDelaySeconds: fc.integer({ min: 0, max: 10 }),
      periodSeconds: fc.integer({ min: 1, max: 10 }),
      timeoutSeconds: fc.integer({ min: 1, max: 12 }),
      successThreshold: fc.constant(1),
      failureThreshold: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(fc.property(timing, timing, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 200 }), fc.nat(),
      (live, ready, replicas, at, seed) => {
        const container: SimulatedContainer = { livenessProbe: httpProbe(live, '/livez'), readinessProbe: httpProbe(ready, '/readyz'), podGraceSeconds: 5 };
        expectSameOutput(container, scenario(`
duration: 600
replicas: ${replicas}
seed: ${seed}
app: {startup: 3}
faults:
  - {kind: hang, at: ${at}, for: 40, handlers: [readiness, traffic]}
  - {kind: hang, at: ${at + 100}, until: restart}
  - {kind: exit, at: ${at + 300}}
`));
      }), { numRuns: 60 });
  });

  it('a day of 20 replicas: the same summary as keeping every event, and each replica\'s events come in time order', () => {
    const { container } = containerFor({ worstStartupSeconds: 20, handlerLatencySeconds: 0.1 });
    const s = scenario(`
duration: 1d
replicas: 20
seed: 5
app: {startup: 5}
dependencies: {db: {critical: true, checkedBy: [readiness]}}
faults:
  - {kind: outage, dependency: db, at: 3600, for: 120}
  - {kind: hang, at: 40000, until: restart, replicas: [3, 7]}
`);
    const last: number[] = [];
    let inOrder = true;
    const summary = simulateStreaming(container, s, (r) => {
      last[r] = -Infinity;
      return {
        event: (e: SimEvent) => {
          if (e.time < last[r]) inOrder = false;
          last[r] = e.time;
        },
      };
    });
    expect(inOrder).toBe(true);
    expect(summary).toEqual(simulate(container, s).summary);
  });
});
