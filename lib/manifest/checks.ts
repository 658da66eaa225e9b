/**
 * Input problems in objects that parsed as YAML but are not what the API server would accept as
 * Kubernetes objects, so a check over them would be silently partial: no apiVersion or kind,
 * `kind: List` items that are not objects, a workload whose spec or pod template is null or not a
 * mapping, `containers` that is not a list, and unrendered Helm templates.
 */
import { isWorkloadKind, WORKLOAD_POD_SPEC_PATHS } from './workloads';

/** One problem: the field as written, what is wrong, and the path to place it. */
export interface ShapeProblem {
  /** What is wrong, in words (names the field and the value given). */
  readonly message: string;
  /** Path of the field (relative to the object). */
  readonly path: ReadonlyArray<string | number>;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return typeof v === 'object' ? 'a mapping' : `${typeof v} ${String(v)}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The shape problems of one object (a document, or an item of a `kind: List`). */
export function shapeProblems(obj: Record<string, unknown>): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  for (const field of ['apiVersion', 'kind'] as const) {
    const v = obj[field];
    if (typeof v !== 'string' || v === '') {
      problems.push({ path: v === undefined ? [] : [field], message: `${field} is ${v === undefined ? 'missing' : describe(v)}; every Kubernetes object needs a non-empty string ${field}` });
    }
  }
  if (!isWorkloadKind(obj.kind)) return problems;
  const specPath = WORKLOAD_POD_SPEC_PATHS[obj.kind];
  let cur: unknown = obj;
  const walked: string[] = [];
  for (const key of specPath as string[]) {
    const next = (cur as Record<string, unknown>)[key];
    walked.push(key);
    if (!isRecord(next)) {
      const what = next === undefined ? 'missing' : describe(next);
      problems.push({ path: next === undefined ? walked.slice(0, -1) : [...walked], message: `${walked.join('.')} is ${what}; a ${obj.kind} needs ${specPath.join('.')} as a mapping with its containers, so its probes cannot be checked` });
      return problems;
    }
    cur = next;
  }
  const podSpec = cur as Record<string, unknown>;
  for (const field of ['containers', 'initContainers'] as const) {
    const v = podSpec[field];
    if (field === 'containers' && v === undefined) {
      problems.push({ path: specPath, message: `${specPath.join('.')}.containers is missing; the API server requires at least one container` });
    } else if (v !== undefined && v !== null && !Array.isArray(v)) {
      problems.push({ path: [...specPath, field], message: `${specPath.join('.')}.${field} is ${describe(v)}, not a list of containers; the API server rejects it` });
    } else if (Array.isArray(v)) {
      v.forEach((c, i) => {
        if (!isRecord(c)) problems.push({ path: [...specPath, field, i], message: `${specPath.join('.')}.${field}[${i}] is ${describe(c)}, not a container mapping; the API server rejects it` });
      });
    }
  }
  return problems;
}

/** `{{ … }}` as Helm and Go templates write it. */
const TEMPLATE = /\{\{-?\s*[^}]*\}\}/;

/** The first unrendered template expression in a text, with its 1-based line, if any. */
export function findTemplate(text: string): { line: number; snippet: string } | undefined {
  const i = text.indexOf('{{');
  if (i < 0) return undefined;
  const m = TEMPLATE.exec(text.slice(i));
  if (!m) return undefined;
  let line = 1;
  for (let j = text.indexOf('\n'); j >= 0 && j < i; j = text.indexOf('\n', j + 1)) line++;
  return { line, snippet: m[0].length > 60 ? `${m[0].slice(0, 60)}…` : m[0] };
}

/** The hint added to an input error caused by an unrendered template. */
export const TEMPLATE_HINT = 'this looks like an unrendered Helm template; render it first, e.g. `helm template <release> <chart> | cdk8s-probes lint -`';

/** Whether any string inside a value holds a template expression (for workloads and Services, where one changes what is checked). */
export function hasTemplateString(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('{{') && TEMPLATE.test(v);
  if (v === null || typeof v !== 'object' || depth > 200) return false;
  if (Array.isArray(v)) return v.some((x) => hasTemplateString(x, depth + 1));
  return Object.values(v as Record<string, unknown>).some((x) => hasTemplateString(x, depth + 1));
}
