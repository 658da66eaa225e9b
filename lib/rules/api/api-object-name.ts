/**
 * api-object-name: a workload or Service needs a metadata.name (or a generateName) in the format
 * its kind requires. ValidateObjectMetaAccessor (apimachinery pkg/api/validation/objectmeta.go)
 * says "name or generateName is required"; the name formats are those of lib/k8s/names.
 */
import { objectNameErrors } from '../../k8s/names';
import { JsonPath, SourceDocument } from '../../manifest/load';
import { asRecord } from '../../manifest/record';
import { Rule, RuleCategory, RuleContext, Severity } from '../types';

function typeName(v: unknown): string {
  return Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v;
}

function checkName(source: SourceDocument, ctx: RuleContext): void {
  const obj = asRecord(source.object) ?? {};
  const kind = typeof obj.kind === 'string' ? obj.kind : 'object';
  const meta = asRecord(obj.metadata);
  const name = meta?.name;
  const metaPath: JsonPath = meta ? ['metadata'] : [];
  if (name === undefined || name === null || name === '') {
    const generate = meta?.generateName;
    if (typeof generate === 'string' && generate !== '') return; // the API server generates the name on create
    ctx.report({
      path: meta && name !== undefined ? ['metadata', 'name'] : metaPath,
      message:
        `${kind} has no metadata.name${name === '' ? ' (it is empty)' : ''} and no generateName: the API server rejects it ` +
        '("metadata.name: Required value: name or generateName is required") and kubectl apply cannot address it',
    });
    return;
  }
  if (typeof name !== 'string') {
    ctx.report({ path: ['metadata', 'name'], message: `${kind} metadata.name must be a string, got ${typeName(name)} ${JSON.stringify(name)}` });
    return;
  }
  const errs = objectNameErrors(kind, name);
  if (errs.length > 0) ctx.report({ path: ['metadata', 'name'], message: `${kind} metadata.name ${JSON.stringify(name)}: ${errs.join('; ')}` });
}

/** The rule. */
export const rule: Rule = {
  meta: {
    id: 'api-object-name',
    severity: Severity.ERROR,
    category: RuleCategory.API,
    description: 'A workload or Service without metadata.name (and without generateName), or with a name its kind does not allow.',
    rationale:
      'The API server requires a name or a generateName (ValidateObjectMetaAccessor: "name or generateName is required"); ' +
      'kubectl apply, Argo CD and Flux address objects by name and refuse one without, so an unnamed object fails the deploy ' +
      '(issue 7: the constructs once wrote a Deployment and a Service with no name). Names must be a DNS-1123 subdomain ' +
      '(Pods and the workload kinds), a DNS-1035 label for a Service (ValidateServiceName: "1api", "api.v2" and "My_App" are refused), ' +
      'and at most 52 characters for a CronJob (its Jobs append an 11-character suffix). An object with only generateName is left ' +
      'alone: the API server accepts it on create, though kubectl apply cannot use it.',
    fix: 'Give the object a metadata.name: lowercase letters, digits and "-" (and "." except on a Service), starting with a letter for a Service.',
    peers: ['kubeconform / kubectl --dry-run=server (schema and name validation)'],
  },
  checkWorkload(w, ctx) {
    checkName(w.source, ctx);
  },
  checkService(s, ctx) {
    checkName(s.source, ctx);
  },
};
