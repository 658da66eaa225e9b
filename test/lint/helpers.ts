/**
 * Small rules defined for the lint tests, so the doors are tested independently of the real rule
 * bodies, plus a temp-dir helper.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { probedContainers, Rule, RuleCategory, Severity } from '../../lib/rules/types';

/** Flags every probed container without a livenessProbe (at the container). */
export const NO_LIVENESS: Rule = {
  meta: {
    id: 'test-no-liveness',
    severity: Severity.WARNING,
    category: RuleCategory.PEER,
    description: 'test: container without liveness',
    rationale: 'test rationale',
    fix: 'add a liveness probe',
    peers: [],
  },
  checkWorkload(w, ctx) {
    for (const c of probedContainers(w)) {
      if (c.container.livenessProbe === undefined) ctx.report({ path: c.path, container: String(c.container.name), message: `container ${String(c.container.name)} has no liveness probe` });
    }
  },
};

/** Flags probes whose timeoutSeconds >= periodSeconds (at the timeout field). */
export const TIMEOUT_GE_PERIOD: Rule = {
  meta: {
    id: 'test-timeout-period',
    severity: Severity.ERROR,
    category: RuleCategory.TIMING,
    description: 'test: timeout >= period',
    rationale: 'test rationale',
    fix: 'lower the timeout',
    peers: [],
  },
  checkWorkload(w, ctx) {
    for (const c of probedContainers(w)) {
      for (const role of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        const p = c.container[role];
        if (p && typeof p.timeoutSeconds === 'number' && typeof p.periodSeconds === 'number' && p.timeoutSeconds >= p.periodSeconds) {
          ctx.report({ path: [...c.path, role, 'timeoutSeconds'], container: String(c.container.name), message: `${role} timeout ${p.timeoutSeconds}s >= period ${p.periodSeconds}s`, fix: `set timeoutSeconds below ${p.periodSeconds}` });
        }
      }
    }
  },
};

/** Flags Services that select no workload. */
export const SERVICE_SELECTS_NOTHING: Rule = {
  meta: {
    id: 'test-service-orphan',
    severity: Severity.INFO,
    category: RuleCategory.SERVICE,
    description: 'test: Service selects nothing',
    rationale: 'test rationale',
    fix: 'fix the selector',
    peers: [],
  },
  checkService(s, ctx) {
    if (ctx.index.workloadsSelectedBy(s).length === 0) ctx.report({ path: ['spec', 'selector'], message: `Service ${s.name} selects no workload` });
  },
};

/** A rule that always throws (a buggy rule). */
export const THROWS: Rule = {
  meta: { id: 'test-throws', severity: Severity.ERROR, category: RuleCategory.PEER, description: 'd', rationale: 'r', fix: 'f', peers: [] },
  checkWorkload() {
    throw new TypeError('boom');
  },
};

/** The test rules, in a fixed order. */
export const TEST_RULES: readonly Rule[] = [NO_LIVENESS, TIMEOUT_GE_PERIOD, SERVICE_SELECTS_NOTHING];

/** Creates a temp dir with the given files (relative path → content); returns its path. */
export function tempTree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-probes-lint-'));
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return dir;
}

/** A Deployment with one container `app`; `probe` YAML lines are inserted under the container. */
export function deployment(name: string, containerExtra = '', podAnnotations = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 2
  template:
    metadata:
      labels:
        app: ${name}
${podAnnotations ? `      annotations:\n${podAnnotations}\n` : ''}    spec:
      containers:
        - name: app
          image: example/${name}:1
${containerExtra}`;
}
