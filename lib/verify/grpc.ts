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
import type * as GrpcJs from '@grpc/grpc-js';
import { VerifyInputError } from './errors';
import { AttemptResult, HandlerOutcome } from './types';

/** The gRPC client library and the Health client built from grpc-health-check's service definition. */
interface GrpcLibrary {
  readonly grpc: typeof GrpcJs;
  readonly HealthClient: GrpcJs.ServiceClientConstructor;
}

let library: GrpcLibrary | undefined;

/**
 * Loads @grpc/grpc-js and grpc-health-check on first use. They are optional dependencies (npm
 * installs them by default; jsii only accepts jsii modules or bundled ones as dependencies), so a
 * consumer who left them out gets an input error saying what to install, not a stack trace.
 */
export function loadGrpc(): GrpcLibrary {
  if (library) return library;
  let grpc: typeof GrpcJs;
  let healthService: GrpcJs.ServiceDefinition;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    grpc = require('@grpc/grpc-js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    healthService = require('grpc-health-check').service;
  } catch (e) {
    throw new VerifyInputError(`gRPC probes need the optional dependencies @grpc/grpc-js and grpc-health-check, which are not installed (${(e as Error).message.split('\n')[0]}); allowed: install them with "npm i @grpc/grpc-js grpc-health-check"`);
  }
  library = { grpc, HealthClient: grpc.makeGenericClientConstructor(healthService, 'grpc.health.v1.Health') };
  return library;
}

interface CheckResponse {
  readonly status?: string | number;
}

type CheckFn = (req: { service: string }, metadata: GrpcJs.Metadata, options: GrpcJs.CallOptions, cb: (err: GrpcJs.ServiceError | null, res?: CheckResponse) => void) => void;

/** Runs one gRPC health check attempt. Never throws. */
export function grpcProbe(host: string, port: number, service: string, timeoutSeconds: number, kubernetesVersion: string): Promise<HandlerOutcome> {
  const { grpc, HealthClient } = loadGrpc();
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
