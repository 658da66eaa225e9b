/**
 * The kubelet's HTTP probe against a real process. Semantics read from kubernetes/kubernetes:
 * - pkg/probe/http/request.go, newProbeRequest: `User-Agent: kube-probe/<major>.<minor>` and
 *   `Accept: *\/*` unless the probe sets them (an empty Accept removes it); a `Host` header sets
 *   the request's host.
 * - pkg/probe/http/http.go, New/NewWithTLSConfig: DisableKeepAlives (one connection per attempt,
 *   `Connection: close`), TLS verification skipped; Probe: `http.Client{Timeout}` so the timeout
 *   bounds connect + redirects + headers + body.
 * - http.go, RedirectChecker: same-host redirects are followed, at most 10; a redirect to another
 *   host is not followed and its 3xx answer is returned.
 * - http.go, DoHTTPProbe: the body is read up to maxRespBodyLength (10 KiB, truncation is not an
 *   error); 200–399 succeeds, and a 3xx that was not followed is `probe.Warning` (success with a
 *   warning event); anything else, and every transport error or timeout, is a failure.
 */
import * as http from 'http';
import * as https from 'https';
import { AttemptResult, HandlerOutcome } from './types';

/** pkg/probe/http/http.go maxRespBodyLength. */
export const MAX_BODY_BYTES = 10 * 1024;
/** pkg/probe/http/http.go RedirectChecker: "stopped after 10 redirects". */
export const MAX_REDIRECTS = 10;

/** One HTTP probe call. */
export interface HttpProbeRequest {
  /** `http` or `https`. */
  readonly scheme: string;
  /** The host to connect to. */
  readonly host: string;
  /** The port. */
  readonly port: number;
  /** The path (and query) as written in the probe. */
  readonly path: string;
  /** httpHeaders of the probe, in order. */
  readonly headers: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  /** timeoutSeconds, in seconds. */
  readonly timeoutSeconds: number;
  /** `<major>.<minor>` for the User-Agent. */
  readonly kubernetesVersion: string;
}

/** The request headers the kubelet sends for a probe (request.go, newProbeRequest). */
export function probeHeaders(req: Pick<HttpProbeRequest, 'headers' | 'kubernetesVersion'>): Record<string, string> {
  const out: Record<string, string> = {};
  const given = new Map<string, string>();
  for (const h of req.headers) {
    const key = h.name.toLowerCase();
    given.set(key, given.has(key) ? `${given.get(key)}, ${h.value}` : h.value);
  }
  for (const [k, v] of given) if (v !== '' || (k !== 'accept' && k !== 'user-agent')) out[k] = v;
  if (!given.has('user-agent')) out['user-agent'] = `kube-probe/${req.kubernetesVersion}`;
  if (!given.has('accept')) out.accept = '*/*';
  out.connection = 'close'; // DisableKeepAlives
  return out;
}

interface OneResponse {
  readonly status: number;
  readonly location?: string;
  readonly body: string;
}

function getOnce(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<OneResponse> {
  return new Promise((resolve, reject) => {
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.request(url, { method: 'GET', headers, agent: false, signal, rejectUnauthorized: false }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: Buffer.concat(chunks).toString('utf8', 0, Math.min(size, MAX_BODY_BYTES)) });
      };
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_BODY_BYTES) {
          // the prober stops reading at 10 KiB; the rest is never read
          res.removeAllListeners('data');
          res.destroy();
          finish();
        }
      });
      res.on('end', finish);
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const FOLLOWED = new Set([301, 302, 303, 307, 308]); // what Go's http.Client follows

/** Runs one HTTP probe attempt the way the kubelet does. Never throws. */
export async function httpProbe(req: HttpProbeRequest): Promise<HandlerOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), req.timeoutSeconds * 1000);
  const headers = probeHeaders(req);
  let url = new URL(`${req.scheme.toLowerCase() === 'https' ? 'https' : 'http'}://${req.host.includes(':') ? `[${req.host}]` : req.host}:${req.port}`);
  try {
    url = new URL(req.path || '/', url);
    const firstHost = url.hostname;
    for (let redirects = 0; ; redirects++) {
      const res = await getOnce(url, headers, controller.signal);
      if (FOLLOWED.has(res.status) && res.location !== undefined) {
        const next = new URL(res.location, url);
        if (next.hostname !== firstHost) {
          return { result: AttemptResult.WARNING, message: `HTTP ${res.status}: redirect to another host (${next.host}) not followed; counts as success with a warning`, timedOut: false, answered: true };
        }
        // CheckRedirect sees via = every request so far; it refuses once len(via) >= 10
        if (redirects + 1 >= MAX_REDIRECTS) {
          return { result: AttemptResult.FAILURE, message: `stopped after ${MAX_REDIRECTS} redirects`, timedOut: false, answered: true };
        }
        url = next;
        continue;
      }
      if (res.status >= 200 && res.status < 300) return { result: AttemptResult.SUCCESS, message: `HTTP ${res.status}`, timedOut: false, answered: true };
      if (res.status >= 300 && res.status < 400) return { result: AttemptResult.WARNING, message: `HTTP ${res.status}: redirect not followed; counts as success with a warning`, timedOut: false, answered: true };
      return { result: AttemptResult.FAILURE, message: `HTTP probe failed with statuscode: ${res.status}`, timedOut: false, answered: true };
    }
  } catch (e) {
    if (controller.signal.aborted) {
      return { result: AttemptResult.FAILURE, message: `timeout: no complete answer within ${req.timeoutSeconds} s`, timedOut: true, answered: false };
    }
    const err = e as NodeJS.ErrnoException;
    return { result: AttemptResult.FAILURE, message: err.code ? `${err.code}: ${err.message}` : err.message, timedOut: false, answered: false };
  } finally {
    clearTimeout(timer);
  }
}
