import { DEPENDENCY_RULES } from '../../lib/rules/dependency';
import { dependencyPathReason, isLocalHost, remoteCalls, simpleCommands } from '../../lib/rules/dependency/heuristics';
import { RuleCategory } from '../../lib/rules/types';
import { runRuleOnYaml, testRuleFixtures } from './rule-tester';

for (const rule of DEPENDENCY_RULES) testRuleFixtures(rule);

describe('dependency group', () => {
  it('lists every rule once, in id order, all in the dependency category', () => {
    const ids = DEPENDENCY_RULES.map((r) => r.meta.id);
    expect([...ids].sort()).toEqual(ids);
    for (const r of DEPENDENCY_RULES) expect(r.meta.category).toBe(RuleCategory.DEPENDENCY);
  });

  it('never throws on malformed probes', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      livenessProbe: {httpGet: {path: 7}}
      startupProbe: {exec: {command: [1, null, {x: 1}]}}
    - name: b
      livenessProbe: {exec: {command: "curl http://db"}}
      startupProbe: {httpGet: []}
    - name: c
      livenessProbe: {exec: {command: ["sh", "-c"]}}
`;
    for (const rule of DEPENDENCY_RULES) expect(() => runRuleOnYaml(rule, yaml)).not.toThrow();
  });
});

describe('dependencyPathReason', () => {
  it.each(['/livez', '/healthz', '/health', '/actuator/health/liveness', '/health/liveness', '/ping', '/', '/status', '/actuator/health/ping'])(
    'passes %s', (p) => expect(dependencyPathReason(p)).toBeUndefined());
  it.each(['/readyz', '/ready', '/health/readiness', '/actuator/health', '/manage/health', '/management/health/', '/health/db',
    '/healthcheck/deps', '/health-deep', '/api/health/redis', '/health?full=true', '/actuator/health/readiness'])(
    'flags %s', (p) => expect(dependencyPathReason(p)).toBeDefined());
  it('is case-insensitive', () => expect(dependencyPathReason('/Health/DB')).toBeDefined());
});

describe('remoteCalls', () => {
  it('splits shell scripts into simple commands', () => {
    expect(simpleCommands(['sh', '-c', 'a 1 && b "2" | c; d'])).toEqual([['a', '1'], ['b', '2'], ['c'], ['d']]);
    expect(simpleCommands(['/bin/bash', '-ec', 'x'])).toEqual([['x']]);
    expect(simpleCommands(['curl', 'http://x'])).toEqual([['curl', 'http://x']]);
  });
  it('knows local hosts', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '0.0.0.0', '$POD_IP', '${POD_IP}', '$(hostname', '$HOSTNAME', '']) {
      expect(isLocalHost(h)).toBe(true);
    }
    for (const h of ['db', 'redis.cache.svc', '10.0.0.5', '$DB_HOST', 'localhost.evil.com']) expect(isLocalHost(h)).toBe(false);
  });
  it('finds hosts in URLs, -h options, conninfo and positional arguments', () => {
    expect(remoteCalls(['psql', '-d', 'host=pg port=5432', '-c', 'select 1'])).toEqual([{ program: 'psql', host: 'pg' }]);
    expect(remoteCalls(['sh', '-c', 'psql "host=pg port=5432" -c "select 1"'])).toEqual([{ program: 'psql', host: 'pg' }]);
    expect(remoteCalls(['mongosh', 'mongodb://user:pw@mongo-0.mongo:27017/admin', '--eval', 'db.ping()'])).toEqual([{ program: 'mongosh', host: 'mongo-0.mongo' }]);
    expect(remoteCalls(['grpc_health_probe', '-addr=orders:9000'])).toEqual([{ program: 'grpc_health_probe', host: 'orders' }]);
    expect(remoteCalls(['grpc_health_probe', '-addr=:9000'])).toEqual([]);
    expect(remoteCalls(['curl', '-m', '5', '-u', 'user:secret', 'http://localhost/'])).toEqual([]);
    expect(remoteCalls(['sh', '-c', 'curl -f http://a/ && curl -f http://a/x'])).toEqual([{ program: 'curl', host: 'a' }]);
  });
  it('ignores programs that are not network clients', () => {
    expect(remoteCalls(['cat', 'http://db/'])).toEqual([]);
    expect(remoteCalls(['sh', '-c', 'echo redis-cli -h db'])).toEqual([]);
  });
});
