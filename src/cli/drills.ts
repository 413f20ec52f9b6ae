/**
 * Running drills from the commands that show them (`report --drill`, `demo`): a drill by name
 * or file, on the simulator, with a progress bar per drill.
 */
import { availableParallelism } from 'node:os';
import type { Twin } from '../model/twin.js';
import { simulate } from '../sim/index.js';
import type { SimResult } from '../sim/result.js';
import { resolveDrill } from './drill-args.js';
import { UsageError } from './io.js';
import type { Progress } from './progress.js';

export interface DrillRequest {
  readonly drill: string;
  readonly runs: number;
}

/** Cores to use by default: all of them. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** Check every requested drill can be read before any work starts. */
export function checkDrills(requests: readonly DrillRequest[]): void {
  for (const r of requests) resolveDrill(r.drill);
}

/** Run each requested drill in turn with one progress bar per drill; results in request order. */
export async function runDrills(twin: Twin, requests: readonly DrillRequest[], options: { readonly seed: number; readonly workers: number }, progress: Progress): Promise<SimResult[]> {
  const out: SimResult[] = [];
  for (const req of requests) {
    const { drill } = resolveDrill(req.drill);
    progress.start(req.runs, `${req.drill} (${req.runs} run${req.runs === 1 ? '' : 's'})`);
    try {
      let last = 0;
      const r = await simulate(twin, drill, {
        seed: options.seed,
        runs: req.runs,
        workers: Math.min(options.workers, req.runs),
        progress: (done) => {
          progress.tick(done - last);
          last = done;
        },
      });
      if (r.kind !== 'done') throw new UsageError(`the drill ${req.drill} cannot run on this site: ${r.reason}`, 'check the drill file against the site (e.g. emptyWorkers)');
      out.push(r.result);
    } finally {
      progress.stop();
    }
  }
  return out;
}
