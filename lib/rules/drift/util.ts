/** Helpers shared by the drift rules: what a probe's handler says, in words that can be searched. */
import { ProbeRole } from '../../k8s/types';
import { WorkloadContainer } from '../../manifest';
import { execCommandOf, handlerTypeOf, httpPathOf, probeOf } from '../timing/read';

/** The searchable text of a probe's handler: the httpGet path, the exec command, or the gRPC service. */
export function handlerText(c: WorkloadContainer, role: ProbeRole): string | undefined {
  const probe = probeOf(c, role);
  switch (handlerTypeOf(probe)) {
    case 'httpGet':
      return httpPathOf(probe);
    case 'exec':
      return execCommandOf(probe)?.join(' ');
    case 'grpc': {
      const service = (probe?.grpc as Record<string, unknown>).service;
      return typeof service === 'string' ? service : undefined;
    }
    default:
      return undefined;
  }
}

/** The field of the handler that holds the text, for locating findings. */
export function handlerTextPath(c: WorkloadContainer, role: ProbeRole): ReadonlyArray<string | number> {
  switch (handlerTypeOf(probeOf(c, role))) {
    case 'httpGet':
      return [...c.path, role, 'httpGet', 'path'];
    case 'exec':
      return [...c.path, role, 'exec', 'command'];
    case 'grpc':
      return [...c.path, role, 'grpc', 'service'];
    default:
      return [...c.path, role];
  }
}
