import { parseManifestText } from '../../lib/manifest';
import {
  EXPLAIN_JSON_SCHEMA_VERSION,
  explainLoaded,
  formatJson,
  formatMarkdown,
  formatNumber,
  formatReport,
  formatText,
  formatWindow,
  ReportFormat,
} from '../../lib/report';
import { deployment, SEED_001 } from './helpers';

const SERVICE = `---
apiVersion: v1
kind: Service
metadata: {name: flask-app}
spec: {ports: [{port: 80}]}
`;

function result(text: string, file = 'app.yaml') {
  return explainLoaded(parseManifestText(text, file));
}

describe('number formatting', () => {
  it('rounds float noise away and collapses equal windows', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(1 / 3)).toBe('0.333');
    expect(formatWindow({ best: 21, worst: 31 })).toBe('21–31 s');
    expect(formatWindow({ best: 4, worst: 4 })).toBe('4 s');
  });
});

describe('text format', () => {
  const text = formatText(result(SEED_001 + SERVICE));

  it('titles the workload with its file, document, replicas and grace', () => {
    expect(text).toContain('Deployment flask-app  (app.yaml, document 1; 3 replicas; grace 30 s)');
  });

  it('lists the probes as resolved', () => {
    expect(text).toMatch(/startup\s+httpGet http:\/\/:8080\/healthz\s+D=0 P=10 T=1 S=1 F=30/);
    expect(text).toMatch(/readiness\s+httpGet http:\/\/:8080\/readyz\s+D=5 P=10 T=1 S=1 F=3/);
  });

  it('has one aligned row per number', () => {
    expect(text).toMatch(/startup allowance \(startup probe\)\s+290 s guaranteed, < 300 s at most/);
    expect(text).toMatch(/liveness: hung process → restart\s+21–31 s/);
    expect(text).toMatch(/liveness: dead process → restart\s+20–30 s/);
    expect(text).toMatch(/time to first Ready\s+5–15 s\s+app ready at 0 s \(assumed/);
    expect(text).toMatch(/hang → fresh container Ready\s+27–77 s/);
    expect(text).toMatch(/probe load\s+0.2 req\/s per container, 0.6 req\/s per workload/);
    // the "seconds" column starts at the same offset on every table row
    const rows = text.split('\n').filter((l) => /^ {4}(what|startup allowance|liveness:|readiness:|time to|dependency|hang →|probe load)/.test(l));
    const offsets = new Set(rows.map((l) => l.search(/ {2}\S/)));
    expect(rows.length).toBe(11); // header + 10 rows
    expect(offsets.size).toBe(1);
  });

  it('ends with a summary counting skipped documents', () => {
    expect(text.trimEnd().split('\n').pop()).toBe('1 workload, 1 container; 1 document skipped (not workloads); 0 input errors');
  });

  it('prints notes and field warnings under the container', () => {
    const t = formatText(result(deployment('- name: app\n  livenessProbe: {httpGet: {port: 80}, periodSeconds: -1}')));
    expect(t).toContain('    note: no readiness probe: the pod stays in the Service endpoints');
    expect(t).toContain('    warning: livenessProbe.periodSeconds = -1: negative (must be ≥ 0); the API server rejects it; explained with the API default 10');
  });
});

describe('markdown format', () => {
  const md = formatMarkdown(result(SEED_001));

  it('has a heading per workload and container and pipe tables', () => {
    expect(md).toContain('### Deployment flask-app');
    expect(md).toContain('#### container flask-app');
    expect(md).toContain('| probe | handler | timing |');
    expect(md).toContain('| startup allowance (startup probe) | 290 s guaranteed, < 300 s at most | D + (F−1)·P; D + F·P |');
    // every table row has the same number of unescaped pipes as its header
    for (const line of md.split('\n').filter((l) => l.startsWith('| '))) {
      expect(line.replace(/\\\|/g, '').split('|').length).toBe(5);
    }
  });

  it('escapes pipes in cells', () => {
    const m = formatMarkdown(result(deployment("- name: app\n  livenessProbe: {exec: {command: [sh, -c, 'ps | grep app']}}")));
    expect(m).toContain('`exec sh -c ps \\| grep app`');
  });
});

describe('json format', () => {
  const json = JSON.parse(formatJson(result(SEED_001 + SERVICE)));

  it('is versioned, in seconds, with workloads, skipped documents and errors', () => {
    expect(json.schemaVersion).toBe(EXPLAIN_JSON_SCHEMA_VERSION);
    expect(json.units).toBe('seconds');
    expect(json.skipped).toEqual([{ file: 'app.yaml', document: 2, kind: 'Service', name: 'flask-app', reason: 'kind Service has no pod template' }]);
    expect(json.errors).toEqual([]);
  });

  it('carries every number of the table as a number', () => {
    const w = json.workloads[0];
    expect(w).toMatchObject({ kind: 'Deployment', name: 'flask-app', namespace: null, file: 'app.yaml', document: 1, replicas: 3, podGraceSeconds: 30, probeLoadPerWorkload: 0.6 });
    const c = w.containers[0];
    expect(c.startupAllowance).toEqual({ guardedBy: 'startup', guaranteedSeconds: 290, maximumSeconds: 300, listeningGuaranteedSeconds: 291 });
    expect(c.livenessDetection).toEqual({ hung: { best: 21, worst: 31 }, hangCheck: 'attempt-timeout', heartbeatMaxAgeSeconds: null, dead: { best: 20, worst: 30 } });
    expect(c.timeToReady).toEqual({ best: 5, worst: 15, appReadySeconds: 0, appReadySource: 'assumed' });
    expect(c.hangToFreshContainer).toEqual({ best: 27, worst: 77, graceSeconds: 30, preStop: false, backoffSeconds: 0, maxBackoffSeconds: 300 });
    expect(c.probeLoad).toEqual({ perContainer: 0.2, perWorkload: 0.6 });
    expect(c.probes.startup).toEqual({
      handler: { type: 'httpGet', description: 'httpGet http://:8080/healthz' },
      timing: { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 30 },
      terminationGracePeriodSeconds: null,
    });
  });

  it('uses null, not a missing key, for what does not apply', () => {
    const j = JSON.parse(formatJson(result(deployment('- name: app\n  image: nginx'))));
    const c = j.workloads[0].containers[0];
    expect(c.probes).toEqual({ startup: null, liveness: null, readiness: null });
    expect(c.livenessDetection).toBeNull();
    expect(c.readinessDetection).toBeNull();
    expect(c.dependencyOutage).toBeNull();
    expect(c.hangToFreshContainer).toBeNull();
    expect(c.startupAllowance).toEqual({ guardedBy: 'none', guaranteedSeconds: null, maximumSeconds: null, listeningGuaranteedSeconds: null });
  });

  it('has the same keys in the same order every time', () => {
    expect(formatJson(result(SEED_001))).toBe(formatJson(result(SEED_001)));
  });
});

describe('formatReport', () => {
  it('dispatches on the format', () => {
    const r = result(SEED_001);
    expect(formatReport(r, ReportFormat.TEXT)).toBe(formatText(r));
    expect(formatReport(r, ReportFormat.MARKDOWN)).toBe(formatMarkdown(r));
    expect(formatReport(r, ReportFormat.JSON)).toBe(formatJson(r));
  });
});
