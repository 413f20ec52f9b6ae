// A worker thread that runs the CLI's run() from src/ (through tsx) with a capturing Io, so
// the test thread can bound each run's time and memory and terminate it when it hangs.
// Messages in: { id, argv }; out: { id, code, stdout, stderr, ms } or { id, threw }.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

// process.env as a plain object in this thread: the yaml parser reads process.env.LOG_TOKENS once
// per token, and through Node's env object that is about 0.4 µs a read (measured here), a third
// of the parse of a few-KB site. The values are the same; only the lookups get cheap.
process.env = { ...process.env };
register();
const { run } = await import(new URL('../../src/cli/main.ts', import.meta.url).href);
const plain = (s) => s;
const style = { enabled: false, bold: plain, dim: plain, red: plain, yellow: plain, green: plain, cyan: plain };

parentPort.on('message', async ({ id, argv }) => {
  const out = [];
  const err = [];
  const io = { out: (t) => out.push(t.endsWith('\n') ? t : `${t}\n`), err: (t) => err.push(t.endsWith('\n') ? t : `${t}\n`), style, errStyle: style, stderrIsTTY: false };
  const t0 = performance.now();
  try {
    const code = await run(argv, io);
    parentPort.postMessage({ id, code, stdout: out.join(''), stderr: err.join(''), ms: performance.now() - t0 });
  } catch (e) {
    parentPort.postMessage({ id, threw: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) });
  }
});
parentPort.postMessage({ ready: true });
