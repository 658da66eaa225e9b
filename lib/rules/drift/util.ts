/** Helpers shared by the drift rules: where the searchable text of a probe's handler sits. */
import { ProbeRole } from '../../k8s/types';
import { handlerText as probeText, handlerTypeOf } from '../../manifest/probes';
import { WorkloadContainer } from '../../manifest/workloads';
import { probeOf } from '../timing/read';

/** The searchable text of a container's probe (see lib/manifest handlerText): httpGet path, exec command or gRPC service. */
export function handlerText(c: WorkloadContainer, role: ProbeRole): string | undefined {
  return probeText(probeOf(c, role));
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
