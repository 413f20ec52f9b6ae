/**
 * A worker thread of Monte Carlo sets: for each set, maps the shared base state and runs seeds
 * taken from the shared counter until none is left, sending back the runs' summaries in
 * batches, then says it is idle (with the last ones) and waits for the next set.
 */
import { parentPort } from 'node:worker_threads';
import { mapColumns, type SimBase } from './base.js';
import type { Drill } from './drill.js';
import { WORKER_BATCH, type FromWorker, type ToWorker, type WorkerRun } from './pool.js';
import { runOnce, summarize } from './run.js';

const port = parentPort;
/** The last set's base and drill: the next set of the same key reuses them (and so their engine). */
let last: { key: number; base: SimBase; drill: Drill } | null = null;
if (port) {
  port.on('message', (job: ToWorker) => {
    if (last?.key !== job.key) last = { key: job.key, base: { header: job.header, buffer: job.buffer, cols: mapColumns(job.header, job.buffer) }, drill: job.drill };
    const { base, drill } = last;
    const counter = new Int32Array(job.next);
    const n = job.seeds.length;
    let runs: WorkerRun[] = [];
    try {
      for (let i = Atomics.add(counter, 0, 1); i < n; i = Atomics.add(counter, 0, 1)) {
        const seed = job.seeds[i] as number;
        const o = runOnce(base, drill, seed, { record: seed === job.recordSeed });
        runs.push({ index: i, summary: summarize(o), result: o.result });
        if (runs.length === WORKER_BATCH) {
          port.postMessage({ type: 'done', runs } satisfies FromWorker);
          runs = [];
        }
      }
      port.postMessage({ type: 'idle', runs } satisfies FromWorker);
    } catch (e) {
      port.postMessage({ type: 'error', message: (e as Error).message } satisfies FromWorker);
    }
  });
}
