/**
 * The simulator's entry point: a drill on a twin, one run or a Monte Carlo set, on this thread
 * or on workers, whole or as a shard.
 */
import type { Twin } from '../model/twin.js';
import { aggregate } from './aggregate.js';
import { buildBase } from './base.js';
import type { Drill } from './drill.js';
import { runMany, type Progress } from './pool.js';
import type { SimResult } from './result.js';
import { fingerprint, PART_FORMAT, shardSeeds, type PartFile } from './shard.js';

export interface SimulateOptions {
  readonly seed: number;
  readonly runs: number;
  readonly workers: number;
  readonly progress?: Progress;
}

export type Simulation = { readonly kind: 'done'; readonly result: SimResult } | { readonly kind: 'invalid'; readonly reason: string };
export type ShardRun = { readonly kind: 'done'; readonly part: PartFile } | { readonly kind: 'invalid'; readonly reason: string };

export async function simulate(twin: Twin, drill: Drill, opts: SimulateOptions): Promise<Simulation> {
  const built = buildBase(twin, drill, opts.workers > 1);
  if (built.kind !== 'built') return { kind: 'invalid', reason: built.reason };
  const seeds = Array.from({ length: opts.runs }, (_, i) => opts.seed + i);
  const many = await runMany(built.base, drill, seeds, opts.seed, opts.workers, opts.progress);
  if (!many.first) throw new Error('simulate: the first run was not recorded');
  return { kind: 'done', result: aggregate(twin.site.metadata.name, opts.seed, opts.runs, many.summaries, many.first) };
}

export async function simulateShard(twin: Twin, drill: Drill, opts: SimulateOptions & { readonly shard: { readonly index: number; readonly count: number } }): Promise<ShardRun> {
  const built = buildBase(twin, drill, opts.workers > 1);
  if (built.kind !== 'built') return { kind: 'invalid', reason: built.reason };
  const seeds = shardSeeds(opts.seed, opts.runs, opts.shard.index, opts.shard.count);
  const holdsFirst = seeds[0] === opts.seed;
  const many = seeds.length ? await runMany(built.base, drill, seeds, holdsFirst ? opts.seed : -1, opts.workers, opts.progress) : { summaries: [], first: null };
  return {
    kind: 'done',
    part: {
      format: PART_FORMAT,
      site: twin.site.metadata.name,
      drill: drill.metadata.name,
      fingerprint: fingerprint(twin.site, drill),
      seed: opts.seed,
      runs: opts.runs,
      shard: opts.shard,
      summaries: many.summaries,
      first: holdsFirst ? many.first : null,
    },
  };
}

export { BUNDLED_DRILLS, loadDrillFile, parseDrill, type Drill } from './drill.js';
export { mergeParts, isPartFile, type PartFile } from './shard.js';
export type { SimResult, RunResult, RunSummary } from './result.js';
