/**
 * parseScenario on bad input: each bad field gives a ScenarioError naming the file, the field, the
 * value given and what is allowed.
 */
import { parseScenario, ScenarioError } from '../../lib/simulate';

const FILE = 'scenarios/bad.yaml';
const BASE = 'duration: 10m\n';

interface BadCase {
  readonly name: string;
  readonly yaml: string;
  readonly field: string;
  readonly value: string;
  readonly allowed: string;
}

const cases: BadCase[] = [
  { name: 'YAML syntax error', yaml: 'duration: [1, 2\n', field: '(document)', value: 'missing value', allowed: 'valid YAML at line' },
  { name: 'not a mapping', yaml: '- 1\n- 2\n', field: '(document)', value: '[1,2]', allowed: 'a mapping' },
  { name: 'unknown top-level field', yaml: `${BASE}replica: 3\n`, field: 'replica', value: '3', allowed: 'allowed here: description, seed, replicas' },
  { name: 'duration missing', yaml: 'replicas: 2\n', field: 'duration', value: 'missing value', allowed: 'a number of seconds' },
  { name: 'duration not a duration', yaml: 'duration: ten minutes\n', field: 'duration', value: '"ten minutes"', allowed: '"90s", "2m"' },
  { name: 'duration zero', yaml: 'duration: 0\n', field: 'duration', value: '0', allowed: 'a duration above 0' },
  { name: 'duration too long', yaml: 'duration: 8d\n', field: 'duration', value: '"8d"', allowed: 'at most 604800 s' },
  { name: 'replicas zero', yaml: `${BASE}replicas: 0\n`, field: 'replicas', value: '0', allowed: 'an integer from 1 to 100' },
  { name: 'replicas fractional', yaml: `${BASE}replicas: 1.5\n`, field: 'replicas', value: '1.5', allowed: 'an integer from 1 to 100' },
  { name: 'seed negative', yaml: `${BASE}seed: -1\n`, field: 'seed', value: '-1', allowed: 'an integer from 0 to 4294967295' },
  { name: 'description not text', yaml: `${BASE}description: [a]\n`, field: 'description', value: '["a"]', allowed: 'a string' },
  { name: 'app.startup negative', yaml: `${BASE}app: { startup: -5 }\n`, field: 'app.startup', value: '-5', allowed: 'a number of seconds ≥ 0' },
  { name: 'app.shutdown word', yaml: `${BASE}app: { shutdown: soon }\n`, field: 'app.shutdown', value: '"soon"', allowed: 'or "never"' },
  { name: 'app unknown field', yaml: `${BASE}app: { startupTime: 5 }\n`, field: 'app.startupTime', value: '5', allowed: 'allowed here: startup, listensAfter, shutdown' },
  { name: 'unknown handler', yaml: `${BASE}handlers: { health: {} }\n`, field: 'handlers.health', value: '{}', allowed: 'startup, liveness, readiness, traffic' },
  { name: 'handler latency', yaml: `${BASE}handlers: { liveness: { latency: fast } }\n`, field: 'handlers.liveness.latency', value: '"fast"', allowed: 'a number of seconds' },
  { name: 'handler answersAfter', yaml: `${BASE}handlers: { readiness: { answersAfter: -1 } }\n`, field: 'handlers.readiness.answersAfter', value: '-1', allowed: 'a number of seconds' },
  { name: 'app.listensAfter after app.startup', yaml: `${BASE}app: { startup: 5, listensAfter: 10 }\n`, field: 'app.listensAfter', value: '10', allowed: 'a time no later than app.startup (5 s)' },
  { name: 'handler listensAfter after answersAfter', yaml: `${BASE}handlers: { readiness: { answersAfter: 3, listensAfter: 4 } }\n`, field: 'handlers.readiness.listensAfter', value: '4', allowed: 'no later than handlers.readiness.answersAfter (3 s)' },
  { name: 'handler listensAfter word', yaml: `${BASE}handlers: { liveness: { listensAfter: soon } }\n`, field: 'handlers.liveness.listensAfter', value: '"soon"', allowed: 'a number of seconds' },
  { name: 'dependency not a mapping', yaml: `${BASE}dependencies: { db: yes }\n`, field: 'dependencies.db', value: '"yes"', allowed: 'a mapping' },
  { name: 'dependency critical', yaml: `${BASE}dependencies: { db: { critical: "yes" } }\n`, field: 'dependencies.db.critical', value: '"yes"', allowed: 'true or false' },
  { name: 'dependency checkedBy traffic', yaml: `${BASE}dependencies: { db: { checkedBy: [readiness, traffic] } }\n`, field: 'dependencies.db.checkedBy[1]', value: '"traffic"', allowed: 'one of startup, liveness, readiness' },
  { name: 'dependency name', yaml: `${BASE}dependencies: { "my db": {} }\n`, field: 'dependencies.my db', value: '"my db"', allowed: 'a dependency name' },
  { name: 'faults not a list', yaml: `${BASE}faults: { kind: hang }\n`, field: 'faults', value: '{"kind":"hang"}', allowed: 'a list of faults' },
  { name: 'fault kind', yaml: `${BASE}faults: [{ kind: crash, at: 5 }]\n`, field: 'faults[0].kind', value: '"crash"', allowed: 'one of hang, error, slow, exit, outage, delete' },
  { name: 'fault field not for its kind', yaml: `${BASE}faults: [{ kind: exit, at: 5, until: 10 }]\n`, field: 'faults[0].until', value: '10', allowed: 'allowed here: kind, at, afterStart, replicas' },
  { name: 'fault at and afterStart', yaml: `${BASE}faults: [{ kind: hang, at: 5, afterStart: 5 }]\n`, field: 'faults[0].afterStart', value: '5', allowed: 'not together with "at"' },
  { name: 'fault without a start', yaml: `${BASE}faults: [{ kind: hang }]\n`, field: 'faults[0].at', value: 'missing value', allowed: '"at" (scenario time) or "afterStart"' },
  { name: 'fault after the end', yaml: `${BASE}faults: [{ kind: hang, at: 11m }]\n`, field: 'faults[0].at', value: '"11m"', allowed: "before the scenario's duration (600 s)" },
  { name: 'fault until before at', yaml: `${BASE}faults: [{ kind: hang, at: 60, until: 30 }]\n`, field: 'faults[0].until', value: '30', allowed: 'a scenario time after "at" (60 s)' },
  { name: 'fault until word', yaml: `${BASE}faults: [{ kind: hang, at: 60, until: forever }]\n`, field: 'faults[0].until', value: '"forever"', allowed: '"restart", "never"' },
  { name: 'afterStart fault with an absolute until', yaml: `${BASE}faults: [{ kind: error, afterStart: 60, until: 120 }]\n`, field: 'faults[0].until', value: '120', allowed: 'use "for"' },
  { name: 'until and for', yaml: `${BASE}faults: [{ kind: hang, at: 60, until: 90, for: 30 }]\n`, field: 'faults[0].for', value: '30', allowed: 'not together with "until"' },
  { name: 'for zero', yaml: `${BASE}faults: [{ kind: hang, at: 60, for: 0 }]\n`, field: 'faults[0].for', value: '0', allowed: 'a duration above 0' },
  { name: 'fault handlers', yaml: `${BASE}faults: [{ kind: hang, at: 60, handlers: [liveness, db] }]\n`, field: 'faults[0].handlers[1]', value: '"db"', allowed: 'one of startup, liveness, readiness, traffic' },
  { name: 'slow without latency', yaml: `${BASE}faults: [{ kind: slow, at: 60 }]\n`, field: 'faults[0].latency', value: 'missing value', allowed: 'the seconds each affected answer takes' },
  { name: 'outage of an undeclared dependency', yaml: `${BASE}dependencies: { db: {} }\nfaults: [{ kind: outage, dependency: redis, at: 60, for: 60 }]\n`, field: 'faults[0].dependency', value: '"redis"', allowed: 'declared under "dependencies": db' },
  { name: 'outage without an end', yaml: `${BASE}dependencies: { db: {} }\nfaults: [{ kind: outage, dependency: db, at: 60 }]\n`, field: 'faults[0].until', value: 'missing value', allowed: 'an outage needs "until"' },
  { name: 'outage until restart', yaml: `${BASE}dependencies: { db: {} }\nfaults: [{ kind: outage, dependency: db, at: 60, until: restart }]\n`, field: 'faults[0].until', value: '"restart"', allowed: 'restarting the app does not end a dependency outage' },
  { name: 'outage effect', yaml: `${BASE}dependencies: { db: {} }\nfaults: [{ kind: outage, dependency: db, at: 60, for: 5, effect: slow }]\n`, field: 'faults[0].effect', value: '"slow"', allowed: '"error"' },
  { name: 'delete afterStart', yaml: `${BASE}faults: [{ kind: delete, afterStart: 60 }]\n`, field: 'faults[0].afterStart', value: '60', allowed: 'allowed here: kind, at, replicas' },
  { name: 'fault replica out of range', yaml: `${BASE}replicas: 2\nfaults: [{ kind: exit, at: 60, replicas: [0, 2] }]\n`, field: 'faults[0].replicas[1]', value: '2', allowed: 'an integer from 0 to 1' },
];

describe('parseScenario rejects bad input with file, field, value and what is allowed', () => {
  it.each(cases)('$name', ({ yaml, field, value, allowed }) => {
    let caught: unknown;
    try {
      parseScenario(yaml, FILE);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ScenarioError);
    const err = caught as ScenarioError;
    expect(err.file).toBe(FILE);
    expect(err.field).toBe(field);
    expect(err.allowed).toContain(allowed);
    expect(err.message).toBe(`${FILE}: ${field}: ${value} is not allowed; ${err.allowed}`);
    expect(err.message).not.toMatch(/\n\s+at /);
  });

  it('accepts a complete scenario and fills the defaults', () => {
    const s = parseScenario(`
duration: 1h30m
replicas: 2
app: { startup: 1m, shutdown: never }
handlers: { liveness: { answersAfter: 2s, latency: 50ms } }
dependencies: { db: { checkedBy: readiness }, cache: { critical: false } }
faults:
  - { kind: error, afterStart: 60 }
  - { kind: outage, dependency: db, at: 10m, until: 12m, replicas: 1 }
  - { kind: slow, at: 20m, for: 30s, latency: 4s, handlers: [traffic, readiness] }
  - { kind: delete, at: 80m }
`, FILE);
    expect(s.durationSeconds).toBe(5400);
    expect(s.seed).toBe(1);
    expect(s.sigtermExitSeconds).toBeUndefined();
    expect(s.handlers.liveness).toEqual({ listensAfterSeconds: 2, answersAfterSeconds: 2, latencySeconds: 0.05 });
    expect(s.handlers.readiness).toEqual({ listensAfterSeconds: 60, answersAfterSeconds: 60, latencySeconds: 0 });
    expect(s.dependencies.map((d) => [d.name, d.critical, d.checkedBy])).toEqual([['cache', false, []], ['db', true, ['readiness']]]);
    expect(s.faults[0]).toMatchObject({ kind: 'error', fromContainerStart: true, startSeconds: 60, end: 'restart', effect: 'error' });
    expect(s.faults[1]).toMatchObject({ kind: 'outage', startSeconds: 600, end: 'duration', durationSeconds: 120, handlers: ['readiness', 'traffic'], replicas: [1] });
    expect(s.faults[2]).toMatchObject({ effect: 'slow', latencySeconds: 4, handlers: ['readiness', 'traffic'], durationSeconds: 30 });
    expect(s.faults[3]).toMatchObject({ kind: 'delete', startSeconds: 4800, handlers: [] });
  });
});
