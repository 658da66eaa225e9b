/** A `worker-no-http` workload whose container has HTTP/gRPC probes or declares an HTTP port. */
import { IntentName } from '../../k8s/annotations';
import { PROBE_ROLES } from '../../k8s/types';
import { containerName, Rule, RuleCategory, RuleContext, Severity } from '../types';
import { IntentTarget, intentTargets, probeOf, ROLE_LABEL } from '../timing/read';
import { declaredPorts } from '../../manifest/ports';
import { handlerTypeOf } from '../../manifest/probes';

/** Port names that mean HTTP or gRPC serving (`http`, `https`, `http-admin`, `grpc`, `h2c`, `web`). */
const HTTP_PORT_NAME = /^(https?|grpc|h2c|web)(-|$)/;
/** Unnamed port numbers that mean HTTP serving. */
const HTTP_PORT_NUMBERS = new Set([80, 443, 8080, 8443]);

/** `drift-worker-serves-http`. */
export const rule: Rule = {
  meta: {
    id: 'drift-worker-serves-http',
    severity: Severity.ERROR,
    category: RuleCategory.DRIFT,
    description: `A \`${IntentName.WORKER}\` workload whose container has httpGet/grpc probes or declares an HTTP port.`,
    rationale:
      'A worker declared without HTTP is probed through a heartbeat (exec), because nothing in it answers HTTP: an httpGet or gRPC '
      + 'probe fails forever and restarts it (connection refused), and an HTTP port suggests the intent no longer matches the app '
      + '(design.md intents; seeds 003, 004). Ports named like metrics are fine.',
    fix: 'Probe the worker with its heartbeat exec command, or change the declared intent if it now serves HTTP.',
    peers: [],
  },
  checkWorkload(w, ctx) {
    for (const target of intentTargets(w)) checkTarget(target, ctx);
  },
};

/** The check for one container's declared intent (a pod may declare several: lib/k8s/annotations). */
function checkTarget(target: IntentTarget, ctx: RuleContext): void {
  if (!target.declared.intents.includes(IntentName.WORKER)) return;
  const c = target.container;
  const name = containerName(c.container);
  for (const role of PROBE_ROLES) {
    const type = handlerTypeOf(probeOf(c, role));
    if (type !== 'httpGet' && type !== 'grpc') continue;
    ctx.report({
      message: `${ROLE_LABEL[role]} probe of container "${name}" uses ${type}, but the workload is declared ${IntentName.WORKER}: nothing answers it`,
      path: [...c.path, role, type],
      container: name,
    });
  }
  declaredPorts(c.container).forEach((p, i) => {
    const http = p.name !== undefined ? HTTP_PORT_NAME.test(p.name) : p.containerPort !== undefined && HTTP_PORT_NUMBERS.has(p.containerPort);
    if (!http) return;
    ctx.report({
      message:
        `container "${name}" declares port ${p.name !== undefined ? `"${p.name}" ` : ''}${p.containerPort ?? ''} `
        + `that looks like HTTP/gRPC serving, but the workload is declared ${IntentName.WORKER}`,
      path: [...c.path, 'ports', i],
      container: name,
    });
  });
}
