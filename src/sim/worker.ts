/**
 * The worker thread of a Monte Carlo set: maps the shared base state, then runs the seeds the
 * main thread hands it, one at a time, and sends back each run's summary.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { mapColumns, type BaseHeader, type SimBase } from './base.js';
import type { Drill } from './drill.js';
import type { FromWorker, ToWorker } from './pool.js';
import { runOnce, summarize } from './run.js';

const data = workerData as { header: BaseHeader; buffer: SharedArrayBuffer; drill: Drill };
const base: SimBase = { header: data.header, buffer: data.buffer, cols: mapColumns(data.header, data.buffer) };
const port = parentPort;
if (port) {
  port.on('message', (m: ToWorker) => {
    if (m.type === 'stop') {
      port.close();
      return;
    }
    try {
      const o = runOnce(base, data.drill, m.seed, { record: m.record });
      port.postMessage({ type: 'done', seed: m.seed, summary: summarize(o), result: o.result } satisfies FromWorker);
    } catch (e) {
      port.postMessage({ type: 'error', message: (e as Error).message } satisfies FromWorker);
    }
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}
