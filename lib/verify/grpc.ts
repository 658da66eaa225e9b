/**
 * The kubelet's gRPC probe: grpc.health.v1.Health/Check with the probe's `service` over plaintext
 * (kubernetes/kubernetes pkg/probe/grpc/grpc.go, Probe). Facts kept from it: the user agent is
 * `kube-probe/<major>.<minor>`; the dial blocks (grpc.WithBlock) until connected or the timeout, so a
 * refused port fails at the timeout, not at once; only SERVING succeeds; Unimplemented (no health
 * service) and every other error or status is a failure.
 *
 * The call goes through @grpc/grpc-js with the service definition that grpc-health-check ships,
 * rather than a hand-written HTTP/2 + protobuf client.
 */
import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { AttemptResult, HandlerOutcome } from './types';

const HealthClient = grpc.makeGenericClientConstructor(healthService, 'grpc.health.v1.Health');

interface CheckResponse {
  readonly status?: string | number;
}

type CheckFn = (req: { service: string }, metadata: grpc.Metadata, options: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res?: CheckResponse) => void) => void;

/** Runs one gRPC health check attempt. Never throws. */
export function grpcProbe(host: string, port: number, service: string, timeoutSeconds: number, kubernetesVersion: string): Promise<HandlerOutcome> {
  return new Promise((resolve) => {
    const address = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    const client = new HealthClient(address, grpc.credentials.createInsecure(), {
      'grpc.primary_user_agent': `kube-probe/${kubernetesVersion}`,
      'grpc.enable_retries': 0,
    });
    const deadline = new Date(Date.now() + timeoutSeconds * 1000);
    const check = (client as unknown as { Check: CheckFn }).Check.bind(client);
    // waitForReady: keep trying to connect until the deadline, as grpc.WithBlock does
    check({ service }, new grpc.Metadata({ waitForReady: true }), { deadline }, (err, res) => {
      client.close();
      if (err) {
        if (err.code === grpc.status.DEADLINE_EXCEEDED) {
          resolve({ result: AttemptResult.FAILURE, message: `timeout: health rpc did not complete within ${timeoutSeconds} s`, timedOut: true, answered: false });
        } else if (err.code === grpc.status.UNIMPLEMENTED) {
          resolve({ result: AttemptResult.FAILURE, message: `this server does not implement the grpc health protocol (grpc.health.v1.Health): ${err.details}`, timedOut: false, answered: true });
        } else {
          resolve({ result: AttemptResult.FAILURE, message: `health rpc failed: ${grpc.status[err.code] ?? err.code}: ${err.details}`, timedOut: false, answered: err.code !== grpc.status.UNAVAILABLE });
        }
        return;
      }
      const status = res?.status;
      if (status === 'SERVING' || status === 1) resolve({ result: AttemptResult.SUCCESS, message: 'SERVING', timedOut: false, answered: true });
      else resolve({ result: AttemptResult.FAILURE, message: `service unhealthy (responded with ${JSON.stringify(status ?? 'UNKNOWN')})`, timedOut: false, answered: true });
    });
  });
}
