/**
 * api-probe-handler: the API server's checks on a probe's handler (validation.go validateHandler,
 * validateExecAction, validateHTTPGetAction): exactly one handler, exec.command non-empty,
 * httpGet scheme and header names, and every part of the right JSON type.
 */
import { JsonPath } from '../../manifest/load';
import { HANDLER_FIELDS, handlerFieldsOf, probesOf } from '../../manifest/probes';
import { asRecord } from '../../manifest/record';
import { containerName, probedContainers, Rule, RuleCategory, Severity } from '../types';

const HEADER_NAME = /^[-A-Za-z0-9]+$/;

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

/** The rule. */
export const rule: Rule = {
  meta: {
    id: 'api-probe-handler',
    severity: Severity.ERROR,
    category: RuleCategory.API,
    description: 'A probe must set exactly one well-formed handler (exec, httpGet, tcpSocket or grpc).',
    rationale:
      'The API server rejects a probe with no handler ("must specify a handler type") or several ("may not specify more than 1 handler type"), ' +
      'an exec probe without a command, an httpGet scheme other than HTTP/HTTPS and header names outside [-A-Za-z0-9]+ ' +
      '(reference/probe-semantics.md, "API validation"). Caught here, the mistake surfaces before apply instead of as a failed sync.',
    fix: 'Give the probe exactly one of exec.command (a non-empty list of strings), httpGet, tcpSocket or grpc, with scheme HTTP or HTTPS and header names made of letters, digits and "-".',
    peers: [],
  },
  checkWorkload(w, ctx) {
    for (const c of probedContainers(w)) {
      const name = containerName(c.container);
      for (const { role, probe } of probesOf(c.container)) {
        // paths are written relative to the probe and completed only for a finding (most probes have none)
        const report = (at: JsonPath, message: string) => ctx.report({ path: [...c.path, role, ...at], container: name, message: `container "${name}" ${role}: ${message}` });
        const p = asRecord(probe);
        if (!p) {
          report([], `must be an object with a handler, got ${typeName(probe)}`);
          continue;
        }
        const fields = handlerFieldsOf(p);
        if (fields.length === 0) {
          report([], `must specify a handler type (one of ${HANDLER_FIELDS.join(', ')})`);
          continue;
        }
        if (fields.length > 1) {
          report([fields[1]], `may not specify more than 1 handler type (sets ${fields.join(' and ')}); keep one`);
          continue;
        }
        const field = fields[0];
        const h = asRecord(p[field]);
        if (!h) {
          report([field], `${field} must be an object, got ${typeName(p[field])}`);
          continue;
        }
        if (field === 'exec') {
          const cmd = h.command;
          if (!Array.isArray(cmd) || cmd.length === 0) {
            report(['exec', ...(cmd === undefined ? [] : ['command'])], `exec.command: Required value: a non-empty list of strings, got ${cmd === undefined ? 'nothing' : typeName(cmd)}`);
          } else {
            cmd.forEach((word, i) => {
              if (typeof word !== 'string') report(['exec', 'command', i], `exec.command[${i}] must be a string, got ${typeName(word)} (quote it)`);
            });
          }
        }
        if (field === 'httpGet') {
          if (h.path !== undefined && h.path !== null && typeof h.path !== 'string') report(['httpGet', 'path'], `httpGet.path must be a string, got ${typeName(h.path)}`);
          if (h.scheme !== undefined && h.scheme !== null && h.scheme !== '' && h.scheme !== 'HTTP' && h.scheme !== 'HTTPS') {
            report(['httpGet', 'scheme'], `httpGet.scheme: Unsupported value: ${JSON.stringify(h.scheme)}: supported values: "HTTP", "HTTPS" (upper case)`);
          }
          if (h.host !== undefined && h.host !== null && typeof h.host !== 'string') report(['httpGet', 'host'], `httpGet.host must be a string, got ${typeName(h.host)}`);
          const headers = h.httpHeaders;
          if (headers !== undefined && headers !== null) {
            if (!Array.isArray(headers)) {
              report(['httpGet', 'httpHeaders'], `httpGet.httpHeaders must be a list of {name, value}, got ${typeName(headers)}`);
            } else {
              headers.forEach((hd, i) => {
                const rec = asRecord(hd);
                const at: JsonPath = ['httpGet', 'httpHeaders', i];
                if (!rec) {
                  report(at, `httpGet.httpHeaders[${i}] must be an object {name, value}, got ${typeName(hd)}`);
                  return;
                }
                if (typeof rec.name !== 'string' || !HEADER_NAME.test(rec.name)) {
                  report([...at, 'name'], `httpGet.httpHeaders[${i}].name ${rec.name === undefined ? 'is missing' : JSON.stringify(rec.name)}: a valid HTTP header must consist of alphanumeric characters or '-' (regex '[-A-Za-z0-9]+')`);
                }
                if (rec.value !== undefined && rec.value !== null && typeof rec.value !== 'string') {
                  report([...at, 'value'], `httpGet.httpHeaders[${i}].value must be a string, got ${typeName(rec.value)} (quote it)`);
                }
              });
            }
          }
        }
        if (field === 'tcpSocket' && h.host !== undefined && h.host !== null && typeof h.host !== 'string') {
          report(['tcpSocket', 'host'], `tcpSocket.host must be a string, got ${typeName(h.host)}`);
        }
        if (field === 'grpc' && h.service !== undefined && h.service !== null && typeof h.service !== 'string') {
          report(['grpc', 'service'], `grpc.service must be a string, got ${typeName(h.service)} (quote it)`);
        }
      }
    }
  },
};
