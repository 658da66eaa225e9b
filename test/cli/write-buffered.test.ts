/**
 * writeBuffered: the one writer of large reports (lint's human output, explain's reports). It must
 * write exactly what the chunks hold, in pieces, wait for standard output between pieces, and stop
 * pulling chunks once standard output has gone away (`explain dist/ | head` stops explaining).
 */
import { CliIo, writeBuffered } from '../../lib/cli/io';

/** A CliIo that collects standard output; `closeAfter` pieces, it reports standard output closed. */
function memoryIo(closeAfter = Infinity): CliIo & { pieces: string[]; drains: number } {
  const io = {
    pieces: [] as string[],
    drains: 0,
    stdout(t: string) {
      io.pieces.push(t);
    },
    drained() {
      io.drains++;
      return Promise.resolve();
    },
    closed: () => io.pieces.length >= closeAfter,
    stderr: () => undefined,
    readStdin: () => '',
    isTty: false,
    env: {},
    cwd: '/',
  };
  return io;
}

/** 1,000 chunks of 1 KB each, counting how many were pulled. */
function counted(): { chunks: Iterable<string>; pulled: () => number } {
  let n = 0;
  function* gen(): Generator<string> {
    for (let i = 0; i < 1000; i++) {
      n++;
      yield `${String(i).padStart(4, '0')}${'x'.repeat(1020)}\n`;
    }
  }
  return { chunks: gen(), pulled: () => n };
}

describe('writeBuffered', () => {
  it('writes every chunk, byte for byte, in pieces of at least 64 K characters but the last, waiting for standard output after each', async () => {
    const io = memoryIo();
    const { chunks, pulled } = counted();
    await writeBuffered(io, chunks);
    expect(pulled()).toBe(1000);
    const expected = Array.from({ length: 1000 }, (_, i) => `${String(i).padStart(4, '0')}${'x'.repeat(1020)}\n`).join('');
    expect(io.pieces.join('')).toBe(expected);
    expect(io.pieces.length).toBe(Math.ceil(expected.length / (64 * 1025)));
    for (const p of io.pieces.slice(0, -1)) expect(p.length).toBeGreaterThanOrEqual(1 << 16);
    expect(io.drains).toBe(io.pieces.length);
  });

  it('stops pulling chunks once standard output has gone away', async () => {
    const io = memoryIo(2);
    const { chunks, pulled } = counted();
    await writeBuffered(io, chunks);
    expect(io.pieces).toHaveLength(2);
    // two pieces of 64 chunks each were pulled, and nothing after
    expect(pulled()).toBe(128);
  });

  it('writes everything when the io cannot tell whether standard output went away (in-memory output)', async () => {
    const io = memoryIo();
    delete (io as Partial<CliIo>).closed;
    const { chunks, pulled } = counted();
    await writeBuffered(io, chunks);
    expect(pulled()).toBe(1000);
  });
});
