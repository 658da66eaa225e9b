/**
 * The four handlers against real sockets and processes, each fact of pkg/probe that verify
 * imitates: headers, redirects, status range, body limit, timeout, refused; TCP; exec in the app's
 * cwd and env with its output cap and timeout; gRPC health statuses.
 */
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import { execProbe, MAX_OUTPUT_BYTES } from '../../lib/verify/exec';
import { grpcProbe } from '../../lib/verify/grpc';
import { httpProbe, MAX_BODY_BYTES, probeHeaders } from '../../lib/verify/http';
import { tcpProbe } from '../../lib/verify/tcp';
import { AttemptResult } from '../../lib/verify/types';
import { freePort } from './helpers';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
let server: http.Server;
let port: number;
const routes = new Map<string, Handler>();
const seen: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req.headers);
    const h = routes.get(req.url ?? '');
    if (h) h(req, res);
    else { res.writeHead(404); res.end(); }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));

const get = (path: string, extra: Partial<Parameters<typeof httpProbe>[0]> = {}) =>
  httpProbe({ scheme: 'http', host: '127.0.0.1', port, path, headers: [], timeoutSeconds: 2, kubernetesVersion: '1.34', ...extra });

describe('HTTP probe (pkg/probe/http)', () => {
  test('sends kube-probe/<major>.<minor>, Accept */* and Connection: close', async () => {
    routes.set('/ok', (_q, s) => { s.writeHead(200); s.end('ok'); });
    seen.length = 0;
    const o = await get('/ok');
    expect(o.result).toBe(AttemptResult.SUCCESS);
    expect(seen[0]['user-agent']).toBe('kube-probe/1.34');
    expect(seen[0].accept).toBe('*/*');
    expect(seen[0].connection).toBe('close');
  });

  test('probe headers override the defaults; an empty Accept removes it; Host sets the host', () => {
    const h = probeHeaders({ kubernetesVersion: '1.30', headers: [{ name: 'Accept', value: '' }, { name: 'User-Agent', value: 'mine' }, { name: 'Host', value: 'orders.local' }, { name: 'X-Probe', value: 'a' }, { name: 'x-probe', value: 'b' }] });
    expect(h.accept).toBeUndefined();
    expect(h['user-agent']).toBe('mine');
    expect(h.host).toBe('orders.local');
    expect(h['x-probe']).toBe('a, b');
  });

  test('200–399 succeed, 3xx not followed is a warning, 400+ fails', async () => {
    routes.set('/s204', (_q, s) => { s.writeHead(204); s.end(); });
    routes.set('/s304', (_q, s) => { s.writeHead(304); s.end(); });
    routes.set('/s500', (_q, s) => { s.writeHead(500); s.end('boom'); });
    routes.set('/s404', (_q, s) => { s.writeHead(404); s.end(); });
    expect((await get('/s204')).result).toBe(AttemptResult.SUCCESS);
    expect((await get('/s304')).result).toBe(AttemptResult.WARNING);
    const f = await get('/s500');
    expect(f.result).toBe(AttemptResult.FAILURE);
    expect(f.message).toContain('500');
    expect(f.answered).toBe(true);
    expect((await get('/s404')).result).toBe(AttemptResult.FAILURE);
  });

  test('follows same-host redirects; a redirect to another host is success with a warning', async () => {
    routes.set('/r1', (_q, s) => { s.writeHead(302, { location: '/r2' }); s.end(); });
    routes.set('/r2', (_q, s) => { s.writeHead(301, { location: `http://127.0.0.1:${port}/ok` }); s.end(); });
    routes.set('/away', (_q, s) => { s.writeHead(302, { location: 'http://example.invalid/' }); s.end(); });
    expect((await get('/r1')).result).toBe(AttemptResult.SUCCESS);
    const w = await get('/away');
    expect(w.result).toBe(AttemptResult.WARNING);
    expect(w.message).toContain('another host');
  });

  test('stops after 10 redirects (the 10th redirect fails the probe)', async () => {
    for (let i = 0; i < 12; i++) routes.set(`/loop${i}`, (_q, s) => { s.writeHead(302, { location: `/loop${i + 1}` }); s.end(); });
    routes.set('/loop12', (_q, s) => { s.writeHead(200); s.end(); });
    routes.set('/nine0', (_q, s) => { s.writeHead(302, { location: '/loop4' }); s.end(); }); // 1 + 8 = 9 redirects
    seen.length = 0;
    const o = await get('/loop0');
    expect(o.result).toBe(AttemptResult.FAILURE);
    expect(o.message).toContain('10 redirects');
    expect(seen.length).toBe(10);
    expect((await get('/nine0')).result).toBe(AttemptResult.SUCCESS);
  });

  test('reads at most 10 KiB of body and still succeeds', async () => {
    routes.set('/big', (_q, s) => { s.writeHead(200); s.end('x'.repeat(MAX_BODY_BYTES * 20)); });
    expect((await get('/big')).result).toBe(AttemptResult.SUCCESS);
  });

  test('the timeout bounds headers and body: a hung handler and a stalled body both fail by timeout', async () => {
    routes.set('/hang', () => { /* never answers */ });
    routes.set('/stall', (_q, s) => { s.writeHead(200); s.write('part'); /* body never ends */ });
    const h = await get('/hang', { timeoutSeconds: 0.3 });
    expect(h.result).toBe(AttemptResult.FAILURE);
    expect(h.timedOut).toBe(true);
    expect(h.answered).toBe(false);
    const st = await get('/stall', { timeoutSeconds: 0.3 });
    expect(st.result).toBe(AttemptResult.FAILURE);
    expect(st.timedOut).toBe(true);
  });

  test('a closed port fails at once with the connection error', async () => {
    const p = await freePort();
    const o = await get('/', { port: p });
    expect(o.result).toBe(AttemptResult.FAILURE);
    expect(o.timedOut).toBe(false);
    expect(o.message).toContain('ECONNREFUSED');
  });
});

describe('TCP probe (pkg/probe/tcp)', () => {
  test('connects to a listening port (even one whose handlers hang); fails on a closed one', async () => {
    expect((await tcpProbe('127.0.0.1', port, 1)).result).toBe(AttemptResult.SUCCESS);
    const closed = await tcpProbe('127.0.0.1', await freePort(), 1);
    expect(closed.result).toBe(AttemptResult.FAILURE);
    expect(closed.answered).toBe(false);
  });
});

describe('exec probe (pkg/probe/exec)', () => {
  const base = { cwd: os.tmpdir(), env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PROBE_FLAG: 'on' }, timeoutSeconds: 2 };
  test('exit 0 succeeds, non-zero fails; it runs in the app cwd and env', async () => {
    expect((await execProbe({ ...base, command: ['sh', '-c', 'test "$PROBE_FLAG" = on'] })).result).toBe(AttemptResult.SUCCESS);
    expect((await execProbe({ ...base, command: ['sh', '-c', 'exit 3'] })).message).toContain('exit 3');
    const pwd = await execProbe({ ...base, command: ['pwd'] });
    expect(pwd.message).toContain(os.tmpdir());
  });
  test('output is capped at 10 KiB; a missing program fails; the timeout kills it', async () => {
    const big = await execProbe({ ...base, command: ['sh', '-c', `head -c ${MAX_OUTPUT_BYTES * 3} /dev/zero | tr '\\0' a; echo; echo END`] });
    expect(big.result).toBe(AttemptResult.SUCCESS);
    expect(big.message).not.toContain('END'); // the tail beyond 10 KiB was never kept
    expect((await execProbe({ ...base, command: ['/nonexistent/probe'] })).result).toBe(AttemptResult.FAILURE);
    const slow = await execProbe({ ...base, command: ['sleep', '5'], timeoutSeconds: 0.3 });
    expect(slow.result).toBe(AttemptResult.FAILURE);
    expect(slow.timedOut).toBe(true);
  });
});

describe('gRPC probe (pkg/probe/grpc)', () => {
  let g: grpc.Server;
  let gport: number;
  let bare: grpc.Server;
  let bport: number;
  beforeAll(async () => {
    g = new grpc.Server();
    new HealthImplementation({ '': 'SERVING', readiness: 'NOT_SERVING' }).addToServer(g);
    gport = await new Promise<number>((r, j) => g.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? j(e) : r(p))));
    bare = new grpc.Server(); // no health service
    bport = await new Promise<number>((r, j) => bare.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? j(e) : r(p))));
  });
  afterAll(() => { g.forceShutdown(); bare.forceShutdown(); });

  test('SERVING succeeds; NOT_SERVING, an unknown service and Unimplemented fail', async () => {
    expect((await grpcProbe('127.0.0.1', gport, '', 2, '1.34')).result).toBe(AttemptResult.SUCCESS);
    const ns = await grpcProbe('127.0.0.1', gport, 'readiness', 2, '1.34');
    expect(ns.result).toBe(AttemptResult.FAILURE);
    expect(ns.message).toContain('NOT_SERVING');
    expect((await grpcProbe('127.0.0.1', gport, 'nope', 2, '1.34')).result).toBe(AttemptResult.FAILURE);
    const un = await grpcProbe('127.0.0.1', bport, '', 2, '1.34');
    expect(un.result).toBe(AttemptResult.FAILURE);
    expect(un.message).toContain('does not implement');
  });

  test('a closed port fails by timeout, not at once (the dial blocks, as grpc.WithBlock)', async () => {
    const o = await grpcProbe('127.0.0.1', await freePort(), '', 0.5, '1.34');
    expect(o.result).toBe(AttemptResult.FAILURE);
    expect(o.timedOut).toBe(true);
  });
});
