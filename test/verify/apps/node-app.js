// A small HTTP app for verify's real-process tests; its behaviour is set through env:
//   PORT            port to listen on (required)
//   START_DELAY_S   seconds before it listens (a slow start)
//   FAIL_AFTER_S    /healthz answers 500 from this many seconds after start (seed 002's crashy app)
//   HANG_AFTER_S    /healthz never answers from this many seconds after start (a hung handler)
//   SLOW_MS         every health answer waits this long
//   DEP_ADDR        host:port of a dependency: /readyz answers 503 when it cannot connect to it
//   LIVENESS_CHECKS_DEP=1  /healthz checks DEP_ADDR too (the mistake verify must catch)
//   ON_SIGTERM      exit (default: close and exit at once) | drain (readiness 503, keep serving
//                   DRAIN_S seconds, then exit) | ignore (a handler that does nothing) |
//                   default (no handler: Node's default action, which PID 1 does not get)
'use strict';
const http = require('http');
const net = require('net');

const started = Date.now();
const age = () => (Date.now() - started) / 1000;
const env = process.env;
let draining = false;

function depUp() {
  if (!env.DEP_ADDR) return Promise.resolve(true);
  const [host, port] = env.DEP_ADDR.split(':');
  return new Promise((resolve) => {
    const s = net.connect({ host, port: Number(port) });
    const done = (ok) => { s.destroy(); resolve(ok); };
    s.setTimeout(300, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

async function handle(req, res) {
  const reply = (code, body) => setTimeout(() => { res.writeHead(code, { 'content-type': 'text/plain' }); res.end(body); }, Number(env.SLOW_MS || 0));
  if (req.url === '/healthz') {
    if (env.HANG_AFTER_S && age() >= Number(env.HANG_AFTER_S)) return; // never answers
    if (env.FAIL_AFTER_S && age() >= Number(env.FAIL_AFTER_S)) return reply(500, 'crashed');
    if (env.LIVENESS_CHECKS_DEP && !(await depUp())) return reply(503, 'dependency down');
    return reply(200, 'ok');
  }
  if (req.url === '/readyz') {
    if (draining) return reply(503, 'draining');
    return (await depUp()) ? reply(200, 'ready') : reply(503, 'dependency down');
  }
  if (req.url === '/echo-headers') return reply(200, JSON.stringify(req.headers));
  return reply(404, 'not found');
}

const server = http.createServer((req, res) => { handle(req, res); });
setTimeout(() => server.listen(Number(env.PORT), '127.0.0.1'), Number(env.START_DELAY_S || 0) * 1000);

const mode = env.ON_SIGTERM || 'exit';
if (mode === 'exit') process.on('SIGTERM', () => { server.close(); process.exit(0); });
if (mode === 'ignore') process.on('SIGTERM', () => {});
if (mode === 'drain') {
  process.on('SIGTERM', () => {
    draining = true;
    setTimeout(() => { server.close(); process.exit(0); }, Number(env.DRAIN_S || 0) * 1000);
  });
}
