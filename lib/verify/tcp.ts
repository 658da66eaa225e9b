/**
 * The kubelet's TCP probe: success when a connection opens within the timeout, then it is closed
 * (kubernetes/kubernetes pkg/probe/tcp/tcp.go, DoTCPProbe: net.DialTimeout then Close). The kernel
 * completes the handshake from the listen backlog, so a hung but listening process passes.
 */
import * as net from 'net';
import { AttemptResult, HandlerOutcome } from './types';

/** Runs one TCP probe attempt. Never throws. */
export function tcpProbe(host: string, port: number, timeoutSeconds: number): Promise<HandlerOutcome> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ result: AttemptResult.FAILURE, message: `timeout: no connection within ${timeoutSeconds} s`, timedOut: true, answered: false });
    }, timeoutSeconds * 1000);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ result: AttemptResult.SUCCESS, message: 'connected', timedOut: false, answered: true });
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ result: AttemptResult.FAILURE, message: `${e.code ?? 'error'}: ${e.message}`, timedOut: false, answered: false });
    });
  });
}
