/**
 * Monte Carlo runs on worker threads. The base state is mapped, not copied: every worker gets
 * the same SharedArrayBuffer and the small header. Seeds are handed out one at a time (the
 * fastest worker takes the next), and results are put back in seed order, so any number of
 * workers gives the same result as one.
 */
import { Worker } from 'node:worker_threads';
import type { SimBase } from './base.js';
import type { Drill } from './drill.js';
import type { RunResult, RunSummary } from './result.js';
import { runOnce, summarize } from './run.js';

export interface ManyRuns {
  readonly summaries: RunSummary[];
  /** The full result of `recordSeed`, when it was among the seeds. */
  readonly first: RunResult | null;
}

export type Progress = (done: number, total: number) => void;

/** Worker messages. */
export type ToWorker = { readonly type: 'run'; readonly seed: number; readonly record: boolean } | { readonly type: 'stop' };
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly seed: number; readonly summary: RunSummary; readonly result: RunResult | null }
  | { readonly type: 'error'; readonly message: string };

/** The compiled worker script: next to this module in dist/, or dist/ when running from src/ (tests). */
export function workerScript(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../dist/sim/worker.js', here) : new URL('./worker.js', here);
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
 * `workers - 1` worker threads, each taking the next seed when free. Resolves with summaries
 * in seed order.
 */
export async function runMany(base: SimBase, drill: Drill, seeds: readonly number[], recordSeed: number, workers: number, progress?: Progress): Promise<ManyRuns> {
  const threads = Math.max(1, Math.min(workers, seeds.length));
  if (threads === 1 || !(base.buffer instanceof SharedArrayBuffer)) return inThread(base, drill, seeds, recordSeed, progress);
  const byseed = new Map<number, RunSummary>();
  let first: RunResult | null = null;
  let next = 0;
  let done = 0;
  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (e: Error): void => {
        if (failed) return;
        failed = true;
        reject(e);
      };
      // This thread takes seeds too, a run at a time, between the workers' messages.
      const pump = (): void => {
        if (failed || next >= seeds.length) return;
        const seed = seeds[next++] as number;
        try {
          const o = runOnce(base, drill, seed, { record: seed === recordSeed });
          byseed.set(seed, summarize(o));
          if (o.result) first = o.result;
        } catch (e) {
          fail(e as Error);
          return;
        }
        done++;
        progress?.(done, seeds.length);
        if (done === seeds.length) resolve();
        else setImmediate(pump);
      };
      for (let t = 1; t < threads; t++) {
        const w = new Worker(workerScript(), { workerData: { header: base.header, buffer: base.buffer, drill } });
        pool.push(w);
        const give = (): void => {
          if (next < seeds.length) {
            const seed = seeds[next++] as number;
            w.postMessage({ type: 'run', seed, record: seed === recordSeed } satisfies ToWorker);
          } else w.postMessage({ type: 'stop' } satisfies ToWorker);
        };
        w.on('message', (m: FromWorker) => {
          if (m.type === 'ready') give();
          else if (m.type === 'done') {
            byseed.set(m.seed, m.summary);
            if (m.result) first = m.result;
            done++;
            progress?.(done, seeds.length);
            if (done === seeds.length) resolve();
            else give();
          } else fail(new Error(`simulation worker failed: ${m.message}`));
        });
        w.on('error', (e) => fail(e));
        w.on('exit', (code) => {
          if (code !== 0 && done < seeds.length) fail(new Error(`simulation worker exited with code ${code}`));
        });
      }
      setImmediate(pump);
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  const summaries = seeds.map((s) => byseed.get(s) as RunSummary);
  return { summaries, first };
}
