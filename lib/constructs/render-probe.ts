/**
 * Plain probe JSON -> the cdk8s-plus-27 L1 shape that survives its toJson filters: named ports
 * must be IntOrString objects (a raw string is dropped silently, see reference/cdk8s-notes.md).
 */
import * as kplus from 'cdk8s-plus-27';
import { ProbeJson } from '../k8s/types';

type K8sProbe = kplus.k8s.Probe;

function intOrString(port: number | string | undefined): kplus.k8s.IntOrString | undefined {
  if (port === undefined) return undefined;
  return typeof port === 'number' ? kplus.k8s.IntOrString.fromNumber(port) : kplus.k8s.IntOrString.fromString(port);
}

/** Renders a planned probe as a `k8s.Probe` for a JSON patch. */
export function renderProbe(p: ProbeJson): K8sProbe {
  return {
    exec: p.exec ? { command: p.exec.command ? [...p.exec.command] : undefined } : undefined,
    httpGet: p.httpGet ? { path: p.httpGet.path, port: intOrString(p.httpGet.port)!, scheme: p.httpGet.scheme } : undefined,
    tcpSocket: p.tcpSocket ? { port: intOrString(p.tcpSocket.port)! } : undefined,
    grpc: p.grpc ? { port: p.grpc.port as number, service: p.grpc.service } : undefined,
    initialDelaySeconds: p.initialDelaySeconds,
    periodSeconds: p.periodSeconds,
    timeoutSeconds: p.timeoutSeconds,
    successThreshold: p.successThreshold,
    failureThreshold: p.failureThreshold,
    terminationGracePeriodSeconds: p.terminationGracePeriodSeconds,
  };
}
