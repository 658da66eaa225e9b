/**
 * The example scenario files (documented in docs/simulate.md) parse, and say what they claim.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseScenario, simulate, SimEventType } from '../../lib/simulate';
import { containerFor, eventsOf } from './helpers';

const DIR = path.join(__dirname, 'scenarios');
const read = (name: string): string => fs.readFileSync(path.join(DIR, name), 'utf8');

describe('example scenario files', () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

  it('are there', () => {
    expect(files).toEqual(['seed-000-flask-reloader.yaml', 'seed-001-slow-start.yaml', 'seed-002-article.yaml', 'seed-002-crashy-app.yaml', 'seed-004-database-outage.yaml']);
  });

  it.each(files)('%s parses', (file) => {
    expect(() => parseScenario(read(file), file)).not.toThrow();
  });

  it('seed-002-crashy-app.yaml: restarted about every minute with fast-recovery probes', () => {
    const { container } = containerFor({ fastRecovery: true, handlerLatencySeconds: 0.2, worstStartupSeconds: 5 });
    const result = simulate(container, parseScenario(read('seed-002-crashy-app.yaml'), 'seed-002-crashy-app.yaml'));
    expect(result.summary.replicas[0].livenessKills).toBeGreaterThanOrEqual(3);
    expect(eventsOf(result.events, SimEventType.CONTAINER_STARTED)[1].time).toBeLessThanOrEqual(65);
  });

  it('seed-004-database-outage.yaml: only the hung replica is restarted; the outages cost no restart', () => {
    const { container } = containerFor({ worstStartupSeconds: 60, handlerLatencySeconds: 0.1 });
    const result = simulate(container, parseScenario(read('seed-004-database-outage.yaml'), 'seed-004-database-outage.yaml'));
    expect(result.summary.replicas.map((r) => r.restarts)).toEqual([0, 0, 1]);
    for (let r = 0; r < 3; r++) {
      // NotReady only for the database outage (12–14 min) and, on replica 2, the hang at 20 min
      const notReady = eventsOf(result.events, SimEventType.NOT_READY, r).map((e) => e.time);
      expect(notReady.every((t) => (t >= 720 && t < 840) || (r === 2 && t >= 1200))).toBe(true);
      expect(notReady.filter((t) => t >= 720 && t < 840)).toHaveLength(1);
    }
  });
});
