/**
 * Pod-level facts of explain: which containers gate Ready (several containers), and a StatefulSet's
 * rollout budget from its probes (OrderedReady adds the pods' startups up, Parallel does not).
 */
import { formatText } from '../../lib/report';
import { statefulRolloutBudget, effectiveTiming } from '../../lib/timing';
import { deployment, explainYaml } from './helpers';

const app = `- name: app
  image: x
  startupProbe: {httpGet: {path: /livez, port: 8080}, periodSeconds: 10, failureThreshold: 12}
  readinessProbe: {httpGet: {path: /readyz, port: 8080}, periodSeconds: 5}`;
const exporter = `- name: exporter
  image: y
  readinessProbe: {httpGet: {path: /ready, port: 9100}, periodSeconds: 10}`;

function statefulSet(policy?: string, replicas = 3, containers = app): string {
  return deployment(containers, { replicas, podExtra: 'terminationGracePeriodSeconds: 33' })
    .replace('kind: Deployment', 'kind: StatefulSet')
    .replace('spec:\n  replicas', `spec:\n  serviceName: web\n${policy ? `  podManagementPolicy: ${policy}\n` : ''}  replicas`);
}

describe('which containers gate Ready', () => {
  it('names every app container and the slowest when there are several', () => {
    const [w] = explainYaml(deployment(`${app}\n${exporter}`));
    expect(w.readyGate).toBeDefined();
    expect(w.readyGate!.containers).toEqual(['app', 'exporter']);
    expect(w.readyGate!.slowest).toBe('app');
    expect(w.readyGate!.worstSeconds).toBe(Math.max(...w.containers.map((c) => c.timeToReady.worst)));
    expect(formatText({ workloads: [w], skipped: [], errors: [] })).toContain('pod Ready only when every container is: app, exporter');
  });
  it('says nothing for one container (its own rows say it all)', () => {
    const [w] = explainYaml(deployment(app));
    expect(w.readyGate).toBeUndefined();
    expect(formatText({ workloads: [w], skipped: [], errors: [] })).not.toContain('pod Ready only');
  });
});

describe('StatefulSet rollout', () => {
  const startup = effectiveTiming({ periodSeconds: 10, failureThreshold: 12 });
  const readiness = effectiveTiming({ periodSeconds: 5 });
  it('adds the pods up under OrderedReady (the default), with lib/timing the source of the numbers', () => {
    const [w] = explainYaml(statefulSet());
    const expected = statefulRolloutBudget(startup, readiness, 3, 33, true);
    expect(w.statefulRollout).toMatchObject({ podManagementPolicy: 'OrderedReady', container: 'app', graceSeconds: 33, ...expected });
    expect(w.statefulRollout!.creationSeconds).toBe(3 * w.statefulRollout!.perPodSeconds);
    expect(formatText({ workloads: [w], skipped: [], errors: [] })).toContain('pods start one after another');
  });
  it('overlaps creation under Parallel; rolling updates stay one pod at a time', () => {
    const [w] = explainYaml(statefulSet('Parallel'));
    expect(w.statefulRollout!.creationSeconds).toBe(w.statefulRollout!.perPodSeconds);
    expect(w.statefulRollout!.rollingUpdateSeconds).toBe(3 * (33 + w.statefulRollout!.perPodSeconds));
  });
  it('gives no bound when a container has no startup or liveness probe', () => {
    const [w] = explainYaml(statefulSet(undefined, 3, `${app}\n${exporter}`));
    expect(w.statefulRollout).toBeUndefined();
  });
  it('is only for StatefulSets', () => {
    expect(explainYaml(deployment(app))[0].statefulRollout).toBeUndefined();
  });
});
