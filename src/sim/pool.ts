/**
 * Monte Carlo runs on worker threads. The base state is mapped, not copied: every worker gets
 * the same SharedArrayBuffer and the small header. Seeds are taken from a shared counter
 * (`Atomics.add`), so no thread waits for another to hand it work, and results are put back in
 * seed order, so any number of workers gives the same result as one.
 *
 * The worker threads outlive a set: a process that runs several sets (a library user, the
 * tests, the benchmarks) starts them once. Between sets they are unreferenced, so they never
 * keep the process alive.
 */
import { Worker } from 'node:worker_threads';
import type { BaseHeader, SimBase } from './base.js';
import type { Drill } from './drill.js';
import type { RunResult, RunSummary } from './result.js';
import { runOnce, summarize } from './run.js';

export interface ManyRuns {
  readonly summaries: RunSummary[];
  /** The full result of `recordSeed`, when it was among the seeds. */
  readonly first: RunResult | null;
}

export type Progress = (done: number, total: number) => void;

/** A set for a worker: the shared base, the drill, the seeds and the shared counter of the next seed's index. */
export interface WorkerJob {
  readonly type: 'job';
  readonly header: BaseHeader;
  readonly buffer: SharedArrayBuffer;
  readonly drill: Drill;
  readonly seeds: readonly number[];
  readonly recordSeed: number;
  /** One Int32: the index of the next seed to run. */
  readonly next: SharedArrayBuffer;
  /**
   * The same number for the same base and drill (this thread's objects), so a worker keeps its
   * engine from the set before instead of building another (about 3 ms a set, measured).
   */
  readonly key: number;
}
/** Worker messages. */
export type ToWorker = WorkerJob;
/** A run a worker finished: its seed's index in the set, its summary, its full result if recorded. */
export interface WorkerRun {
  readonly index: number;
  readonly summary: RunSummary;
  readonly result: RunResult | null;
}
/**
 * Runs come back in batches of up to WORKER_BATCH (a message costs the main thread about 11 µs
 * to receive, measured, against ~0.3 ms a run); `idle` carries the last ones.
 */
export const WORKER_BATCH = 32;
export type FromWorker =
  | { readonly type: 'done'; readonly runs: readonly WorkerRun[] }
  | { readonly type: 'idle'; readonly runs: readonly WorkerRun[] }
  | { readonly type: 'error'; readonly message: string };

/** The compiled worker script: next to this module in dist/, or dist/ when running from src/ (tests). */
export function workerScript(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../dist/sim/worker.js', here) : new URL('./worker.js', here);
}

/** How long this thread runs seeds before it reads the workers' messages (and reports progress). */
const PUMP_SLICE_MS = 20;

const keys = new WeakMap<SimBase, WeakMap<Drill, number>>();
let lastKey = 0;
function keyOf(base: SimBase, drill: Drill): number {
  let byDrill = keys.get(base);
  if (!byDrill) keys.set(base, (byDrill = new WeakMap()));
  let k = byDrill.get(drill);
  if (k === undefined) byDrill.set(drill, (k = ++lastKey));
  return k;
}

/** Worker threads not in a set, kept for the next one. */
const spare: Worker[] = [];

function takeWorkers(n: number): Worker[] {
  const out = spare.splice(0, n);
  while (out.length < n) {
    const w = new Worker(workerScript());
    // A kept worker that dies between sets (killed, out of memory) is not handed out again.
    w.once('exit', () => {
      const i = spare.indexOf(w);
      if (i >= 0) spare.splice(i, 1);
    });
    out.push(w);
  }
  for (const w of out) w.ref();
  return out;
}

/** Stops the kept worker threads (they are unreferenced, so a process exits without this); returns how many. */
export async function closeWorkers(): Promise<number> {
  const stopping = spare.splice(0);
  await Promise.all(stopping.map((w) => w.terminate()));
  return stopping.length;
}

function inThread(base: SimBase, drill: Drill, seeds: readonly number[], recordSeed: number, progress?: Progress): ManyRuns {
  const summaries: RunSummary[] = [];
  let first: RunResult | null = null;
  seeds.forEach((seed, i) => {
    const o = runOnce(base, drill, seed, { record: seed === recordSeed });
    summaries.push(summarize(o));
    if (o.result) first = o.result;
    progress?.(i + 1, seeds.length);
  });
  return { summaries, first };
}

/**
 * Run `seeds` (the full result is kept for `recordSeed`) on `workers` threads: this one and
 * `workers - 1` worker threads, each taking the next seed from the shared counter when free.
 * Resolves with summaries in seed order.
 */
export async function runMany(base: SimBase, drill: Drill, seeds: readonly number[], recordSeed: number, workers: number, progress?: Progress): Promise<ManyRuns> {
  const threads = Math.max(1, Math.min(workers, seeds.length));
  if (threads === 1 || !(base.buffer instanceof SharedArrayBuffer)) return inThread(base, drill, seeds, recordSeed, progress);
  const n = seeds.length;
  const summaries = new Array<RunSummary>(n);
  let first: RunResult | null = null;
  let done = 0;
  const next = new SharedArrayBuffer(4);
  const counter = new Int32Array(next);
  const pool = takeWorkers(threads - 1);
  const detach: Array<() => void> = [];
  let broken = false;
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      let idle = 0;
      const settle = (): void => {
        if (!failed && done === n && idle === pool.length) resolve();
      };
      const fail = (e: Error): void => {
        if (failed) return;
        failed = true;
        broken = true;
        Atomics.store(counter, 0, n); // the others stop after their current run
        reject(e);
      };
      const record = (index: number, summary: RunSummary, result: RunResult | null): void => {
        summaries[index] = summary;
        if (result) first = result;
        done++;
        progress?.(done, n);
      };
      // This thread takes seeds too, a run at a time, reading the workers' messages in between.
      // Runs back to back for PUMP_SLICE_MS, then a turn of the event loop for the workers'
      // messages (a turn per run cost ~2-6 % of this thread's time). The clock decides only when
      // messages are read, never a result.
      const pump = (): void => {
        const until = performance.now() + PUMP_SLICE_MS;
        do {
          if (failed) return;
          const i = Atomics.add(counter, 0, 1);
          if (i >= n) return settle();
          const seed = seeds[i] as number;
          try {
            const o = runOnce(base, drill, seed, { record: seed === recordSeed });
            record(i, summarize(o), o.result);
          } catch (e) {
            fail(e as Error);
            return;
          }
        } while (performance.now() < until);
        setImmediate(pump);
      };
      const job: WorkerJob = { type: 'job', header: base.header, buffer: base.buffer as SharedArrayBuffer, drill, seeds, recordSeed, next, key: keyOf(base, drill) };
      for (const w of pool) {
        const onMessage = (m: FromWorker): void => {
          if (m.type === 'error') return fail(new Error(`simulation worker failed: ${m.message}`));
          for (const r of m.runs) record(r.index, r.summary, r.result);
          if (m.type === 'idle') {
            idle++;
            settle();
          }
        };
        const onError = (e: Error): void => fail(e);
        const onExit = (code: number): void => fail(new Error(`simulation worker exited with code ${code}`));
        w.on('message', onMessage).on('error', onError).on('exit', onExit);
        detach.push(() => void w.off('message', onMessage).off('error', onError).off('exit', onExit));
        w.postMessage(job satisfies ToWorker);
      }
      setImmediate(pump);
    });
  } finally {
    for (const off of detach) off();
    // After a failure a worker may still be in a run: stop them rather than keep them.
    if (broken) await Promise.all(pool.map((w) => w.terminate()));
    else
      for (const w of pool) {
        w.unref();
        spare.push(w);
      }
  }
  return { summaries, first };
}
