/**
 * Beyond one machine: a Monte Carlo set cut into shards, each written as a part file, and the
 * merge that puts the parts back into exactly the result one run of the whole set gives.
 */
import { createHash } from 'node:crypto';
import { stableStringify as canonicalJson } from '../model/stable.js';
import { aggregate } from './aggregate.js';
import type { RunResult, RunSummary, SimResult } from './result.js';

export const PART_FORMAT = 'vmo-twin/sim-part/v1';

export interface PartFile {
  readonly format: typeof PART_FORMAT;
  readonly site: string;
  readonly drill: string;
  /** Hash of the site and the drill as simulated: parts of different inputs do not merge. */
  readonly fingerprint: string;
  readonly seed: number;
  readonly runs: number;
  readonly shard: { readonly index: number; readonly count: number };
  readonly summaries: readonly RunSummary[];
  /** The full first run, in the shard that holds the first seed. */
  readonly first: RunResult | null;
}

export function fingerprint(site: unknown, drill: unknown): string {
  return createHash('sha256').update(canonicalJson({ site, drill }, 0)).digest('hex').slice(0, 16);
}

/** The seeds of shard `index` of `count`: a contiguous slice of seed..seed+runs-1. */
export function shardSeeds(seed: number, runs: number, index: number, count: number): number[] {
  const from = Math.floor((index * runs) / count);
  const to = Math.floor(((index + 1) * runs) / count);
  return Array.from({ length: to - from }, (_, i) => seed + from + i);
}

export type Merge = { readonly kind: 'merged'; readonly result: SimResult } | { readonly kind: 'error'; readonly message: string; readonly hint: string };

export function isPartFile(x: unknown): x is PartFile {
  return typeof x === 'object' && x !== null && (x as { format?: unknown }).format === PART_FORMAT;
}

export function mergeParts(parts: readonly PartFile[]): Merge {
  const err = (message: string, hint: string): Merge => ({ kind: 'error', message, hint });
  const head = parts[0];
  if (!head) return err('no part files given', 'give every part file of the set: vmo-twin merge parts/part-*.json');
  for (const p of parts) {
    if (p.fingerprint !== head.fingerprint || p.seed !== head.seed || p.runs !== head.runs || p.shard.count !== head.shard.count || p.drill !== head.drill) {
      return err(`part ${p.shard.index} of ${p.shard.count} (${p.drill}, seed ${p.seed}, ${p.runs} runs, ${p.fingerprint}) does not belong with part ${head.shard.index} (${head.drill}, seed ${head.seed}, ${head.runs} runs, ${head.fingerprint})`, 'merge only the parts of one simulate --shard set: same site, drill, --seed and --runs');
    }
  }
  const seen = new Set<number>();
  for (const p of parts) {
    if (seen.has(p.shard.index)) return err(`part ${p.shard.index} of ${p.shard.count} is given twice`, 'give each part once');
    seen.add(p.shard.index);
  }
  const missing = Array.from({ length: head.shard.count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length) return err(`parts ${missing.join(', ')} of ${head.shard.count} are missing`, 'wait for every shard to finish, then merge all of them');
  const summaries = parts.flatMap((p) => p.summaries);
  const first = parts.find((p) => p.first !== null)?.first;
  if (!first) return err('no part holds the first run', 'the part with the first seed (shard 0) is needed');
  try {
    return { kind: 'merged', result: aggregate(head.site, head.seed, head.runs, summaries, first) };
  } catch (e) {
    return err((e as Error).message, 'the parts are incomplete or were edited');
  }
}
