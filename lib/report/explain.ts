/**
 * From loaded manifests to an {@link ExplainResult}: every workload explained, every other
 * document listed as skipped, every read error kept. No IO; the CLI and the benchmark share it.
 */
import { isWorkloadKind, LoadResult, toWorkload, Workload } from '../manifest';
import { ExplainResult, ReportInputError, SkippedDocument } from './format';
import { explainWorkload, WorkloadReport } from './model';

function describeSkip(object: unknown): { kind?: string; name?: string; reason: string } {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return { reason: 'not a Kubernetes object' };
  const o = object as Record<string, unknown>;
  const kind = typeof o.kind === 'string' ? o.kind : undefined;
  const meta = o.metadata !== null && typeof o.metadata === 'object' ? (o.metadata as Record<string, unknown>) : undefined;
  const name = meta && typeof meta.name === 'string' ? meta.name : undefined;
  if (!kind) return { name, reason: 'no kind: not a Kubernetes object' };
  return { kind, name, reason: `kind ${kind} has no pod template` };
}

/** An explain result with the workloads it was built from, index for index. */
export interface DetailedExplainResult {
  /** The result. */
  readonly result: ExplainResult;
  /** `sources[i]` is the workload `result.workloads[i]` explains. */
  readonly sources: Workload[];
}

/** Explains every workload among the loaded documents. */
export function explainLoaded(loaded: LoadResult): ExplainResult {
  return explainLoadedDetailed(loaded).result;
}

/** Like {@link explainLoaded}, also returning the workloads (for simulations and timelines). */
export function explainLoadedDetailed(loaded: LoadResult): DetailedExplainResult {
  const sources: Workload[] = [];
  const workloads: WorkloadReport[] = [];
  const skipped: SkippedDocument[] = [];
  for (const doc of loaded.documents) {
    const w = toWorkload(doc);
    if (w) {
      sources.push(w);
      workloads.push(explainWorkload(w));
      continue;
    }
    const skip = describeSkip(doc.object);
    // a workload kind without a usable pod spec is skipped for that reason, not for its kind
    const reason = isWorkloadKind(skip.kind) ? `kind ${skip.kind} without a pod spec object` : skip.reason;
    skipped.push({ file: doc.file, document: doc.documentIndex + 1, kind: skip.kind, name: skip.name, reason });
  }
  const errors: ReportInputError[] = loaded.errors.map((e) => ({
    file: e.file,
    document: e.documentIndex === undefined ? undefined : e.documentIndex + 1,
    line: e.line,
    message: e.message,
  }));
  return { result: { workloads, skipped, errors }, sources };
}

