/**
 * What `explain` may claim about hangs: a tcpSocket probe cannot see one (the kernel completes the
 * handshake from the listen backlog while the app is stuck), a heartbeat probe sees it only once the
 * heartbeat is older than its declared maximum age, and an app that listens before it answers fails
 * httpGet probes by timeout (reference/probe-semantics.md).
 */
import { ContainerReport, formatReport, ReportFormat } from '../../lib/report';
import { heartbeatMaxAgeSeconds } from '../../lib/report/heartbeat';
import { deployment, explainYaml } from './helpers';

function only(yamlText: string): ContainerReport {
  const [w] = explainYaml(yamlText);
  return w.containers[0];
}

describe('tcpSocket liveness', () => {
  const c = only(deployment(`- name: api
  ports: [{containerPort: 8080}]
  livenessProbe: {tcpSocket: {port: 8080}, periodSeconds: 5}
  readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 5}`));

  it('claims no hang detection and no restart after a hang, only the dead-process window', () => {
    expect(c.livenessDetection).toEqual({ hung: null, hangCheck: 'none', heartbeatMaxAgeSeconds: null, dead: { best: 10, worst: 15 } });
    expect(c.readinessDetection?.hung).toBeNull();
    expect(c.hangToFreshContainer).toBeNull();
    expect(c.notes.join('\n')).toMatch(/liveness is tcpSocket: it cannot see a hung process .*restart decided 10–15 s after it dies/);
    expect(c.notes.join('\n')).toMatch(/readiness is tcpSocket: a hung process keeps passing it/);
  });

  it('prints "never" for the hung rows in text', () => {
    const [w] = explainYaml(deployment(`- name: api
  livenessProbe: {tcpSocket: {port: 8080}, periodSeconds: 5}`));
    const text = formatReport({ workloads: [w], skipped: [], errors: [] } as never, ReportFormat.TEXT);
    expect(text).toMatch(/liveness: hung process → restart\s+never\s+tcpSocket: the kernel completes the handshake/);
    expect(text).toMatch(/hang → fresh container Ready\s+never\s+tcpSocket liveness cannot see a hang/);
    expect(text).not.toMatch(/liveness: hung process → restart\s+\d/);
  });
});

describe('heartbeat (file-age exec) liveness', () => {
  const c = only(deployment(`- name: worker
  livenessProbe:
    exec: {command: [sh, -c, 'test $(( $(date +%s) - $(stat -c %Y /tmp/heartbeat) )) -lt 60']}
    periodSeconds: 10
    timeoutSeconds: 5
    failureThreshold: 3`));

  it('counts the declared 60 s maximum heartbeat age into hang detection', () => {
    // 60 s until the check fails, then instant failures: (F−1)·P = 20, worst + P = 30
    expect(c.livenessDetection).toEqual({ hung: { best: 80, worst: 90 }, hangCheck: 'heartbeat', heartbeatMaxAgeSeconds: 60, dead: { best: 20, worst: 30 } });
    // 80 + 1 (restart) … 90 + 30 (grace) + 1
    expect(c.hangToFreshContainer).toMatchObject({ best: 81, worst: 121 });
    expect(c.notes.join('\n')).toMatch(/heartbeat check: it fails only once the heartbeat file is 60 s old/);
  });

  it('reads the maximum age from the common command forms', () => {
    expect(heartbeatMaxAgeSeconds(['sh', '-c', 'test $(( $(date +%s) - $(stat -c %Y /tmp/hb) )) -lt 45'])).toBe(45);
    expect(heartbeatMaxAgeSeconds(['sh', '-c', '[ $(($(date +%s) - $(stat -c %Y /tmp/hb))) -le 30 ]'])).toBe(31);
    expect(heartbeatMaxAgeSeconds(['sh', '-c', 'find /tmp/hb -mmin -2 | grep .'])).toBe(120);
    expect(heartbeatMaxAgeSeconds(['sh', '-c', "test -n \"$(find /tmp/hb -newermt '-90 seconds')\""])).toBe(90);
    expect(heartbeatMaxAgeSeconds(['cat', '/tmp/healthy'])).toBeUndefined();
    expect(heartbeatMaxAgeSeconds(['sh', '-c', 'test $(( $(date +%s) - $(stat -c %Y /tmp/hb) )) -gt 0'])).toBeUndefined();
    expect(heartbeatMaxAgeSeconds([])).toBeUndefined();
  });
});

describe('an app that listens before it answers', () => {
  it('gets D + (F−1)·max(P,T) + T from an httpGet guard, and a note for a tcpSocket guard', () => {
    const http = only(deployment(`- name: web
  startupProbe: {httpGet: {path: /, port: 5000}, periodSeconds: 2, timeoutSeconds: 5, failureThreshold: 10}`));
    expect(http.startupAllowance).toEqual({ guardedBy: 'startup', guaranteedSeconds: 18, maximumSeconds: 20, listeningGuaranteedSeconds: 50 });
    const tcp = only(deployment(`- name: web
  startupProbe: {tcpSocket: {port: 5000}, periodSeconds: 2, failureThreshold: 10}`));
    expect(tcp.startupAllowance.listeningGuaranteedSeconds).toBeNull();
    expect(tcp.notes.join('\n')).toMatch(/passes as soon as the port accepts connections, even before the app can answer/);
  });
});

describe('short periods', () => {
  it('says that real nodes can exceed the worst cases by ~1 s when P ≤ 2', () => {
    const fast = only(deployment(`- name: app
  livenessProbe: {httpGet: {path: /livez, port: 80}, periodSeconds: 1, failureThreshold: 3}
  readinessProbe: {httpGet: {path: /readyz, port: 80}, periodSeconds: 5}`));
    expect(fast.notes.join('\n')).toMatch(/periodSeconds ≤ 2 \(liveness\): on a real node the worst cases above can be exceeded by up to ~1 s/);
    const slow = only(deployment(`- name: app
  livenessProbe: {httpGet: {path: /livez, port: 80}, periodSeconds: 3}`));
    expect(slow.notes.join('\n')).not.toMatch(/periodSeconds ≤ 2/);
  });
});
