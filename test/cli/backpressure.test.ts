/**
 * Standard output into a slow reader: the built command, in a real process, waits for its output
 * to drain instead of buffering the rest of the report (explain into `| (sleep 20; cat)` held
 * 0.8 GB at 50,000 workloads). The reader here takes a few kilobytes at a time with pauses; the
 * output must arrive complete and byte-identical to the in-process command's, and the process
 * must never have held more than a bounded amount of unwritten output (measured in the child by a
 * preloaded probe of `process.stdout.writableLength`, not by time or RSS).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generate } from '../../bench/corpus';
import { CliIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';

const root = path.join(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'cdk8s-probes.js');
const built = fs.existsSync(path.join(root, 'lib', 'cli', 'main.js'));

/** Preloaded into the command: records the most output it ever held unwritten, into a file at exit. */
const PROBE = `
const fs = require('fs');
let most = 0;
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (...args) => {
  const r = write(...args);
  most = Math.max(most, process.stdout.writableLength);
  return r;
};
process.on('exit', () => fs.writeFileSync(process.env.PROBE_OUT, String(most)));
`;

/** Runs the command, reading its standard output slowly: a little at a time, pausing between reads. */
function runSlowly(args: string[], cwd: string, probeDir: string, probeOut: string): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  const probe = path.join(probeDir, 'probe.js');
  fs.writeFileSync(probe, PROBE);
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', PROBE_OUT: probeOut };
    delete env.FORCE_COLOR;
    const child = spawn(process.execPath, ['-r', probe, bin, ...args], { cwd, env });
    const out: Buffer[] = [];
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const readSome = (): void => {
      let taken = 0;
      let chunk: Buffer | null;
      while (taken < 16 * 1024 && (chunk = child.stdout.read(4096) as Buffer | null) !== null) {
        out.push(chunk);
        taken += chunk.length;
      }
      if (!child.stdout.readableEnded) setTimeout(readSome, 2);
    };
    child.stdout.on('readable', () => undefined); // paused mode: data is taken only by readSome
    child.stdout.on('end', () => undefined);
    setTimeout(readSome, 2);
    child.on('error', reject);
    child.on('close', (code) => {
      let rest: Buffer | null;
      while ((rest = child.stdout.read() as Buffer | null) !== null) out.push(rest);
      resolve({ code, stdout: Buffer.concat(out), stderr: err });
    });
  });
}

async function inProcess(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: () => '', isTty: false, env: {}, cwd };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

(built ? describe : describe.skip)('a slow reader of standard output (real process)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-probes-slow-'));
  const corpus = path.join(dir, 'corpus');
  fs.mkdirSync(corpus);
  generate(corpus, 8, 250); // 2,000 workloads: megabytes of report, far beyond a pipe's buffer

  // the working directory of both runs is this process's: explain names files relative to it
  it.each([
    ['explain', ['explain', corpus]],
    ['lint (human)', ['lint', '--fail-on', 'none', corpus]],
  ])('%s: the whole report arrives, byte for byte, and the process holds at most a piece of it', async (_name, args) => {
    const probeOut = path.join(dir, `most-${args[0]}.txt`);
    const r = await runSlowly(args, process.cwd(), dir, probeOut);
    const expected = await inProcess(args, process.cwd());
    expect(r.code).toBe(expected.code);
    expect(r.stderr).toBe(expected.stderr);
    expect(r.stdout.length).toBeGreaterThan(1_500_000);
    expect(r.stdout.toString('utf8')).toBe(expected.stdout);
    // one 64 K-character piece (at most ~200 KB as UTF-8) beyond the stream's own 16 KB, never the report
    const most = Number(fs.readFileSync(probeOut, 'utf8'));
    expect(most).toBeLessThan(512 * 1024);
  }, 120_000);
});
