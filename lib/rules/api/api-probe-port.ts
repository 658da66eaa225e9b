/**
 * api-probe-port: the API server's port checks on probe handlers (ValidatePortNumOrName): a
 * number 1–65535 or a valid IANA_SVC_NAME for httpGet/tcpSocket, a number only for gRPC.
 */
import { isValidPortName, portNameErrors } from '../../k8s/names';
import { isPortNumber } from '../../manifest/ports';
import { containerHandlerPorts, HandlerPort } from '../../manifest/probes';
import { containerName, probedContainers, Rule, RuleCategory, Severity } from '../types';

/** The rule. */
export const rule: Rule = {
  meta: {
    id: 'api-probe-port',
    severity: Severity.ERROR,
    category: RuleCategory.API,
    description: 'A probe port must be a number 1–65535 or a valid port name; a gRPC probe port must be a number.',
    rationale:
      'The API server rejects a missing or out-of-range port ("must be between 1 and 65535, inclusive") and a port name that is not an ' +
      'IANA_SVC_NAME (at most 15 characters, lowercase letters, digits and "-", at least one letter, no leading, trailing or doubled "-"). ' +
      'A quoted number such as "8080" is a name to the API, and an invalid one. gRPC probes take a port number only (reference/probe-semantics.md; popeye #570).',
    fix: 'Write the port as an unquoted number, or as the name of one of the container\'s declared ports; for gRPC always the number.',
    peers: [],
  },
  checkWorkload(w, ctx) {
    for (const c of probedContainers(w)) {
      for (const hp of containerHandlerPorts(c)) {
        const problem = portProblem(hp);
        if (problem === undefined) continue; // the common case: nothing built
        const name = containerName(c.container);
        ctx.report({
          path: hp.port === undefined ? hp.path.slice(0, -1) : hp.path,
          container: name,
          message: `container "${name}" ${hp.role}.${hp.field}.port: ${problem}`,
        });
      }
    }
  },
};

/** What is wrong with a handler's port, in the API server's words; undefined when it is valid. */
function portProblem(hp: HandlerPort): string | undefined {
  const v = hp.port;
  if (v === undefined || v === null) return 'Required value: must be between 1 and 65535, inclusive';
  if (typeof v === 'number') {
    if (isPortNumber(v)) return undefined;
    return `${v}: ${Number.isInteger(v) ? 'must be between 1 and 65535, inclusive' : 'must be a whole number between 1 and 65535'}`;
  }
  if (typeof v !== 'string') return `must be a port number or name, got ${Array.isArray(v) ? 'a list' : typeof v}`;
  if (hp.field === 'grpc') return `${JSON.stringify(v)}: gRPC probes take a port number, not a name${/^\d+$/.test(v) ? ` (write ${v} unquoted)` : ''}`;
  if (isValidPortName(v)) return undefined;
  const hint = /^\d+$/.test(v) ? ` — a quoted number is read as a port name; write ${v} unquoted` : '';
  return `${JSON.stringify(v)} is not a valid port name: ${portNameErrors(v).join('; ')}${hint}`;
}
