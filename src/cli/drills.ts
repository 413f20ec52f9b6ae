/**
 * Running drills from the commands that show them (`report --drill`, `demo`): the one boundary
 * between the CLI and the simulator. The simulator (src/sim/index.ts, being built) connects in
 * {@link simulator}; until then it returns null, `report --drill` is a usage error that says so,
 * and `demo` shows the drills as not run.
 */
import { availableParallelism } from 'node:os';
import type { Twin } from '../model/twin.js';
import type { SimResult } from '../sim/result.js';
import { UsageError } from './io.js';
import type { Progress } from './progress.js';

export interface SimulateOptions {
  readonly seed: number;
  readonly runs: number;
  readonly workers: number;
  /** Called once per finished run, for the progress bar. */
  readonly onRun?: () => void;
}

/** `simulate(twin, drillName, { seed, runs, workers })` from src/sim/index.ts, once it exists. */
export type Simulate = (twin: Twin, drill: string, options: SimulateOptions) => SimResult | Promise<SimResult>;

/**
 * The simulator, or null while it is not built. To connect it: import `simulate` from
 * '../sim/index.js' and return it here; `report --drill` and `demo` then run drills.
 */
export function simulator(): Simulate | null {
  return null;
}

export interface DrillRequest {
  readonly drill: string;
  readonly runs: number;
}

export const SIMULATOR_MISSING = 'the simulator is not built yet, so --drill cannot run drills in this version';
export const SIMULATOR_MISSING_HINT = 'render saved results instead: --results FILE.json (the output of `vmo-twin simulate … --json`), or leave out --drill';

/** Fail early, before any work, when drills are asked for and there is no simulator. */
export function requireSimulator(): Simulate {
  const sim = simulator();
  if (sim === null) throw new UsageError(SIMULATOR_MISSING, SIMULATOR_MISSING_HINT);
  return sim;
}

/** Cores to use by default: all of them. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** Run each requested drill in turn with one progress bar per drill; results in request order. */
export async function runDrills(twin: Twin, requests: readonly DrillRequest[], options: { readonly seed: number; readonly workers: number }, progress: Progress): Promise<SimResult[]> {
  const simulate = requireSimulator();
  const out: SimResult[] = [];
  for (const req of requests) {
    progress.start(req.runs, `${req.drill} (${req.runs} run${req.runs === 1 ? '' : 's'})`);
    try {
      out.push(await simulate(twin, req.drill, { seed: options.seed, runs: req.runs, workers: options.workers, onRun: () => progress.tick() }));
    } finally {
      progress.stop();
    }
  }
  return out;
}
