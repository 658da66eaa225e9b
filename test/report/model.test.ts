/**
 * The report's numbers against the reference formulas (reference/probe-semantics.md), computed by
 * hand for each case. D = initialDelaySeconds, P = periodSeconds, T = timeoutSeconds,
 * F = failureThreshold, S = successThreshold.
 */
import { ContainerReport } from '../../lib/report';
import { deployment, explainYaml, SEED_001, SEED_002 } from './helpers';

function only(yamlText: string): ContainerReport {
  const [w] = explainYaml(yamlText);
  expect(w.containers).toHaveLength(1);
  return w.containers[0];
}

describe('seed 001: startup probe F = 30, P = 10; liveness/readiness D = 5, P = 10', () => {
  const [w] = explainYaml(SEED_001);
  const c = w.containers[0];

  it('guarantees 290 s of startup, not the 300 s the article says; 300 s is the exclusive maximum', () => {
    // D + (F−1)·P = 0 + 29·10; D + F·P = 300
    expect(c.startupAllowance).toEqual({ guardedBy: 'startup', guaranteedSeconds: 290, maximumSeconds: 300, listeningGuaranteedSeconds: 291 });
  });

  it('detects a hung process in 21–31 s and a dead one in 20–30 s (T = 1 default)', () => {
    // hung: (F−1)·max(P,T) + T = 2·10 + 1 = 21; + P = 31. dead: T → 0: 20; 30
    expect(c.livenessDetection).toEqual({ hung: { best: 21, worst: 31 }, hangCheck: 'attempt-timeout', heartbeatMaxAgeSeconds: null, dead: { best: 20, worst: 30 } });
    expect(c.readinessDetection).toEqual({ hung: { best: 21, worst: 31 }, hangCheck: 'attempt-timeout', heartbeatMaxAgeSeconds: null, dead: { best: 20, worst: 30 } });
  });

  it('is Ready 5–15 s after start with the app assumed ready at once; readiness D counts from container start', () => {
    // startup succeeds at its first attempt, in [0, 10); readiness D = 5 has passed by 5…15
    expect(c.timeToReady).toEqual({ best: 5, worst: 15, appReadySeconds: 0, appReadySource: 'assumed' });
  });

  it('loses readiness 20–30 s after a dependency fails fast (21–31 s when it hangs) and recovers within one period', () => {
    expect(c.dependencyOutage).toEqual({
      lossFailingFast: { best: 20, worst: 30 },
      lossHanging: { best: 21, worst: 31 },
      recovery: { best: 0, worst: 10 },
    });
  });

  it('brings a fresh container after a hang in 27–77 s: detection + grace 30 + restart latency + no back-off + time to Ready', () => {
    // best 21 + 1 + 5 = 27; worst 31 + 30 + 1 + 15 = 77
    expect(c.hangToFreshContainer).toMatchObject({ best: 27, worst: 77, graceSeconds: 30, preStop: false, backoffSeconds: 0, maxBackoffSeconds: 300 });
  });

  it('costs 0.2 probe requests/s per container and 0.6 for 3 replicas (startup probe not counted)', () => {
    expect(c.probeLoad.perContainer).toBeCloseTo(0.2, 10);
    expect(c.probeLoad.perWorkload).toBeCloseTo(0.6, 10);
    expect(w.probeLoadPerWorkload).toBeCloseTo(0.6, 10);
    expect(w.replicas).toBe(3);
  });

  it('resolves the handlers and the defaults', () => {
    expect(c.probes.startup?.handler).toEqual({ type: 'httpGet', description: 'httpGet http://:8080/healthz' });
    expect(c.probes.readiness?.timing).toEqual({ initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
    expect(c.warnings).toEqual([]);
  });
});

describe('API defaults only (httpGet, nothing else)', () => {
  const c = only(deployment(`- name: app
  livenessProbe: {httpGet: {path: /livez, port: 8080}}
  readinessProbe: {httpGet: {path: /readyz, port: 8080}}`));

  it('detects a hang in ≈21 s at best, ≈31 s at worst', () => {
    expect(c.livenessDetection?.hung).toEqual({ best: 21, worst: 31 });
  });

  it('guards startup with liveness: 20 s guaranteed, < 30 s at most', () => {
    // D + (F−1)·P = 0 + 2·10 = 20; D + F·P = 30
    expect(c.startupAllowance).toEqual({ guardedBy: 'liveness', guaranteedSeconds: 20, maximumSeconds: 30, listeningGuaranteedSeconds: 21 });
  });

  it('is Ready 0–10 s after start without a startup probe', () => {
    expect(c.timeToReady).toMatchObject({ best: 0, worst: 10 });
  });
});

describe('seed 002: fast liveness P = 1, F = 3, probe-level grace 1 s, no readiness', () => {
  const c = only(SEED_002);

  it('detects a hang in 3–4 s and an HTTP 500 in 2–3 s', () => {
    // hung: 2·max(1,1) + 1 = 3; + 1 = 4. instant: 2·1 = 2; + 1 = 3
    expect(c.livenessDetection).toEqual({ hung: { best: 3, worst: 4 }, hangCheck: 'attempt-timeout', heartbeatMaxAgeSeconds: null, dead: { best: 2, worst: 3 } });
  });

  it('kills with the probe-level grace of 1 s, raised to the 2 s minimum: fresh container 4–8 s after the hang', () => {
    // Ready at once (no readiness/startup): best 3 + 1 (restart latency); worst 4 + 1 (P ≤ 2 slack) + 2 (SIGKILL) + 1
    expect(c.hangToFreshContainer).toMatchObject({ best: 4, worst: 8, graceSeconds: 1 });
    expect(c.probes.liveness?.terminationGracePeriodSeconds).toBe(1);
  });

  it('says what having no readiness probe means', () => {
    expect(c.readinessDetection).toBeNull();
    expect(c.dependencyOutage).toBeNull();
    expect(c.notes.join('\n')).toMatch(/no readiness probe: the pod stays in the Service endpoints/);
    expect(c.probeLoad.perContainer).toBe(1);
  });
});

describe('a probe whose timeout exceeds its period', () => {
  it('spaces hung attempts by T: P = 5, T = 10, F = 3 → 30–35 s hung, 10–15 s dead', () => {
    const c = only(deployment(`- name: app
  livenessProbe: {exec: {command: [check]}, periodSeconds: 5, timeoutSeconds: 10, failureThreshold: 3}`));
    // hung: 2·max(5,10) + 10 = 30; + 5. dead: 2·5 = 10; + 5
    expect(c.livenessDetection).toEqual({ hung: { best: 30, worst: 35 }, hangCheck: 'attempt-timeout', heartbeatMaxAgeSeconds: null, dead: { best: 10, worst: 15 } });
    expect(c.probes.liveness?.handler).toEqual({ type: 'exec', description: 'exec check' });
  });
});

describe('a large liveness initialDelaySeconds instead of a startup probe', () => {
  it('guarantees D + (F−1)·P = 60 + 20 = 80 s', () => {
    const c = only(deployment(`- name: app
  livenessProbe: {tcpSocket: {port: 5432}, initialDelaySeconds: 60}`));
    expect(c.startupAllowance).toEqual({ guardedBy: 'liveness', guaranteedSeconds: 80, maximumSeconds: 90, listeningGuaranteedSeconds: null });
    expect(c.probes.liveness?.handler.description).toBe('tcpSocket :5432');
  });
});

describe('declared worst startup (probes.cdk8s.io annotations)', () => {
  const annotations = `probes.cdk8s.io/intents: http-service,slow-start
probes.cdk8s.io/worst-startup-seconds: "120"`;

  it('uses the declared worst startup as the app-ready time: startup P = 5 → Ready 120–125 s', () => {
    const c = only(deployment(`- name: app
  startupProbe: {httpGet: {path: /livez, port: 8080}, periodSeconds: 5, failureThreshold: 25}
  readinessProbe: {httpGet: {path: /readyz, port: 8080}, periodSeconds: 5}`, { annotations }));
    // gate: first startup attempt at/after 120 lands in [120, 125); readiness D = 0 → immediate
    expect(c.timeToReady).toEqual({ best: 120, worst: 125, appReadySeconds: 120, appReadySource: 'declared' });
    // D + (F−1)·P = 24·5 = 120 ≥ 120: no warning note
    expect(c.startupAllowance.guaranteedSeconds).toBe(120);
    expect(c.notes.join('\n')).not.toMatch(/guarantees only/);
  });

  it('warns when the guarding probe guarantees less than the declared worst startup', () => {
    const c = only(deployment(`- name: app
  startupProbe: {httpGet: {path: /livez, port: 8080}, periodSeconds: 10, failureThreshold: 12}`, { annotations }));
    // 11·10 = 110 < 120
    expect(c.notes.join('\n')).toMatch(/guarantees only 110 s of startup but the declared worst startup is 120 s/);
  });

  it('applies the declaration only to the container it names', () => {
    const [w] = explainYaml(deployment(`- name: app
  readinessProbe: {httpGet: {path: /readyz, port: 8080}}
- name: proxy
  readinessProbe: {tcpSocket: {port: 15000}}`, { annotations: `${annotations}\nprobes.cdk8s.io/container: app` }));
    expect(w.intents).toEqual(['http-service', 'slow-start']);
    expect(w.containers.map((c) => [c.name, c.timeToReady.appReadySource, c.timeToReady.best])).toEqual([
      ['app', 'declared', 120],
      ['proxy', 'assumed', 0],
    ]);
  });
});

describe('containers without probes', () => {
  it('is Ready at once, never restarted on a hang, and says so', () => {
    const c = only(deployment('- name: app\n  image: nginx'));
    expect(c.startupAllowance).toEqual({ guardedBy: 'none', guaranteedSeconds: null, maximumSeconds: null, listeningGuaranteedSeconds: null });
    expect(c.timeToReady).toMatchObject({ best: 0, worst: 0 });
    expect(c.livenessDetection).toBeNull();
    expect(c.hangToFreshContainer).toBeNull();
    expect(c.probeLoad).toEqual({ perContainer: 0, perWorkload: 0 });
    const notes = c.notes.join('\n');
    expect(notes).toMatch(/Ready as soon as the container runs/);
    expect(notes).toMatch(/a hung process is never restarted/);
  });

  it('is Ready at once even when a slow start is declared, and says traffic arrives early', () => {
    const c = only(deployment('- name: app\n  image: nginx', { annotations: 'probes.cdk8s.io/worst-startup-seconds: "45"' }));
    expect(c.timeToReady).toMatchObject({ best: 0, worst: 0, appReadySeconds: 45, appReadySource: 'declared' });
    expect(c.notes.join('\n')).toMatch(/45 s before the app is ready/);
  });
});

describe('grace periods and preStop', () => {
  it('uses the pod grace and adds the 2 s preStop extension at worst', () => {
    const c = only(deployment(`- name: app
  lifecycle: {preStop: {sleep: {seconds: 5}}}
  livenessProbe: {httpGet: {path: /livez, port: 8080}}`, { podExtra: 'terminationGracePeriodSeconds: 45' }));
    // best 21 + 1 + ttr 0; worst 31 + 45 + 2 + 1 + ttr 0
    expect(c.hangToFreshContainer).toMatchObject({ best: 22, worst: 79, graceSeconds: 45, preStop: true });
  });
});

describe('probe load across containers and replicas', () => {
  it('adds Σ 1/P of liveness and readiness per container, × replicas for the workload', () => {
    const [w] = explainYaml(deployment(`- name: app
  livenessProbe: {httpGet: {path: /livez, port: 8080}, periodSeconds: 10}
  readinessProbe: {httpGet: {path: /readyz, port: 8080}, periodSeconds: 5}
  startupProbe: {httpGet: {path: /livez, port: 8080}, periodSeconds: 1, failureThreshold: 60}
- name: sidecar
  readinessProbe: {tcpSocket: {port: 9000}, periodSeconds: 2}`, { replicas: 4 }));
    // app: 1/10 + 1/5 = 0.3 (startup excluded); sidecar 0.5; × 4 replicas
    expect(w.containers[0].probeLoad.perContainer).toBeCloseTo(0.3, 10);
    expect(w.containers[0].probeLoad.perWorkload).toBeCloseTo(1.2, 10);
    expect(w.containers[1].probeLoad.perWorkload).toBeCloseTo(2, 10);
    expect(w.probeLoadPerWorkload).toBeCloseTo(3.2, 10);
  });
});

describe('init containers', () => {
  it('leaves out plain init containers without probes, keeps native sidecars, notes probes on plain init containers', () => {
    const [w] = explainYaml(deployment(`- name: app
  readinessProbe: {httpGet: {path: /readyz, port: 8080}}`, {
      podExtra: `initContainers:
- name: migrate
  image: migrate
- name: mesh
  restartPolicy: Always
  startupProbe: {tcpSocket: {port: 15021}}
- name: bad
  livenessProbe: {exec: {command: [true]}}`,
    }));
    expect(w.containers.map((c) => [c.name, c.role])).toEqual([['app', 'container'], ['mesh', 'sidecar'], ['bad', 'init']]);
    expect(w.containers[2].notes.join('\n')).toMatch(/rejects probes on init containers/);
  });
});

describe('odd fields: explained with the API default, and said so', () => {
  const c = only(deployment(`- name: app
  livenessProbe:
    httpGet: {path: /livez, port: 8080}
    periodSeconds: "15"
    failureThreshold: -2
    timeoutSeconds: 2.5
  readinessProbe:
    tcpSocket: {port: 8080}
    terminationGracePeriodSeconds: 10`, { podExtra: 'terminationGracePeriodSeconds: soon' }));

  it('uses P = 10 for a string and F = 3 for a negative, keeps T = 2.5 as written', () => {
    expect(c.probes.liveness?.timing).toEqual({ initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 2.5, successThreshold: 1, failureThreshold: 3 });
  });

  it('names each field, the value given and what was used', () => {
    expect(c.warnings).toEqual([
      { field: 'livenessProbe.periodSeconds', given: '"15"', message: 'a string where a number belongs; the API server rejects it; explained with the API default 10' },
      { field: 'livenessProbe.timeoutSeconds', given: '2.5', message: 'not a whole number (the API takes int32); the API server rejects it; explained with 2.5 as written' },
      { field: 'livenessProbe.failureThreshold', given: '-2', message: 'negative (must be ≥ 0); the API server rejects it; explained with the API default 3' },
      { field: 'readinessProbe.terminationGracePeriodSeconds', given: '10', message: 'must not be set on a readiness probe (the API server rejects it); ignored' },
    ]);
  });

  it('falls back to the default pod grace of 30 s and says so at workload level', () => {
    const [w] = explainYaml(deployment(`- name: app
  livenessProbe: {httpGet: {path: /livez, port: 8080}}`, { podExtra: 'terminationGracePeriodSeconds: soon' }));
    expect(w.podGraceSeconds).toBe(30);
    expect(w.warnings).toHaveLength(1);
    expect(w.warnings[0]).toMatchObject({ field: 'terminationGracePeriodSeconds', given: '"soon"' });
  });

  it('reports a probe that is not an object and ignores it', () => {
    const d = only(deployment('- name: app\n  livenessProbe: yes-please'));
    expect(d.probes.liveness).toBeUndefined();
    expect(d.warnings[0]).toMatchObject({ field: 'livenessProbe', given: '"yes-please"' });
  });
});
