import { rule } from '../../lib/rules/timing/liveness-tcp-misses-hangs';
import { runRuleOnYaml, testRuleFixtures } from './rule-tester';

testRuleFixtures(rule);

describe('liveness-tcp-misses-hangs', () => {
  it('points at the tcpSocket handler and suggests a probe for the port it found', () => {
    const yaml = [
      'apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '    - name: web',
      '      ports: [{containerPort: 8080}]', '      livenessProbe:', '        tcpSocket: {port: 8080}', '',
    ].join('\n');
    const [f] = runRuleOnYaml(rule, yaml);
    expect(f.line).toBe(9);
    expect(f.path).toEqual(['spec', 'containers', 0, 'livenessProbe', 'tcpSocket']);
    expect(f.fix).toBe('Use an httpGet liveness probe on a cheap endpoint the app itself answers, e.g. httpGet: {path: /livez, port: 8080}.');
    expect(f.severity).toBe('warning');
  });

  it('suggests a gRPC probe for a gRPC port, and never throws on malformed input', () => {
    const grpc = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: g, ports: [{containerPort: 50051}], livenessProbe: {tcpSocket: {port: 50051}}}]}\n';
    expect(runRuleOnYaml(rule, grpc)[0].fix).toContain('grpc: {port: 50051, service: liveness}');
    for (const spec of ['spec: null', 'spec: {containers: [{ports: "x", livenessProbe: {tcpSocket: null}}]}', 'spec: {containers: [{ports: [null, 3], livenessProbe: {tcpSocket: {port: [1]}}}]}']) {
      expect(() => runRuleOnYaml(rule, `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n${spec}\n`)).not.toThrow();
    }
  });
});
