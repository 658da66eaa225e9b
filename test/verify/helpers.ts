/** Shared helpers of verify's tests: free ports, manifests in a temp dir, finding a python3 with Flask. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');
/** The test apps. */
export const APPS = path.join(__dirname, 'apps');

/** A port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Writes `text` into a fresh temp dir and returns the file's path. */
export function writeManifest(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-test-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** A TCP echo server standing in for a dependency (a database). */
export function startDependency(): Promise<{ port: number; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
      s.pipe(s);
    });
    server.listen(0, '127.0.0.1', () => resolve({
      port: (server.address() as net.AddressInfo).port,
      close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
    }));
  });
}

/** A python3 that imports Flask, or why there is none. */
export function findFlaskPython(): { python?: string; tried: string[] } {
  const candidates = [process.env.CDK8S_PROBES_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);
  const tried: string[] = [];
  for (const c of candidates) {
    const r = spawnSync(c, ['-c', 'import flask'], { encoding: 'utf8', timeout: 20000 });
    if (r.status === 0) return { python: c, tried };
    tried.push(`${c}: ${r.error ? (r.error as NodeJS.ErrnoException).code : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`)}`);
  }
  return { tried };
}
