/**
 * The progress bar: drawn with a count and an ETA on a terminal, nothing at all on a pipe or
 * file, with --quiet or with --json.
 */
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { makeStyle } from '../../src/cli/output.js';
import { createProgress, progressFor } from '../../src/cli/progress.js';

class FakeStream extends Writable {
  readonly chunks: string[] = [];
  constructor(
    readonly isTTY: boolean,
    readonly columns = 100,
  ) {
    super();
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk.toString());
    done();
  }
  get text(): string {
    return this.chunks.join('');
  }
}

async function drive(stream: FakeStream, opts: { quiet?: boolean; json?: boolean } = {}) {
  const p = createProgress(stream, opts);
  p.start(10, 'node-failure runs');
  for (let i = 0; i < 10; i++) p.tick();
  await sleep(250);
  p.stop();
  return p;
}

describe('progress', () => {
  it('draws a bar with the label, the count and an ETA on a terminal, and clears it when done', async () => {
    const tty = new FakeStream(true);
    const p = await drive(tty);
    expect(p.active).toBe(true);
    expect(tty.text).toContain('node-failure runs [');
    expect(tty.text).toContain('0/10');
    expect(tty.text).toContain('10/10');
    expect(tty.text).toContain('ETA');
    expect(tty.text).toMatch(/100%/);
  });
  it('counts ticks of more than one step', async () => {
    const tty = new FakeStream(true);
    const p = createProgress(tty);
    p.start(200, 'runs');
    p.tick(150);
    await sleep(250);
    p.stop();
    expect(tty.text).toContain('150/200');
  });
  it('writes nothing when the stream is not a terminal', async () => {
    const pipe = new FakeStream(false);
    const p = await drive(pipe);
    expect(p.active).toBe(false);
    expect(pipe.chunks).toEqual([]);
  });
  it('writes nothing with --quiet or --json, even on a terminal', async () => {
    for (const opts of [{ quiet: true }, { json: true }]) {
      const tty = new FakeStream(true);
      expect((await drive(tty, opts)).active).toBe(false);
      expect(tty.chunks).toEqual([]);
    }
  });
  it('draws nothing for an Io without a stderr stream, and ignores ticks before start', () => {
    const io: Io = { out() {}, err() {}, style: makeStyle(process.stdout, { NO_COLOR: '1' }), errStyle: makeStyle(process.stderr, { NO_COLOR: '1' }), stderrIsTTY: false };
    const p = progressFor(io, {});
    expect(p.active).toBe(false);
    const tty = new FakeStream(true);
    const q = createProgress(tty);
    q.tick(5);
    q.stop();
    expect(tty.chunks).toEqual([]);
  });
});

