/**
 * Monte Carlo: any number of workers and any sharding give the same result, byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { stableStringify as canonicalJson } from '../../src/model/stable.js';
import { simulate, simulateShard } from '../../src/sim/index.js';
import { mergeParts, shardSeeds } from '../../src/sim/shard.js';
import { drillNamed } from '../helpers/sim.js';
import { twinOf } from '../helpers/site.js';

const twin = twinOf('vmo-ra-64');
const drill = drillNamed('node-failure');
const RUNS = 40;

async function result(workers: number) {
  const r = await simulate(twin, drill, { seed: 1, runs: RUNS, workers });
  if (r.kind !== 'done') throw new Error(r.reason);
  return r.result;
}

describe('a Monte Carlo set of node failures', () => {
  it('is identical on 1 and 2 workers', async () => {
    const one = await result(1);
    const two = await result(2);
    expect(canonicalJson(two)).toBe(canonicalJson(one));
    expect(one.perRun).toHaveLength(RUNS);
    expect(one.percentiles?.downtimeVms.max).toBeGreaterThan(0);
  });

  it('merged from shards equals the single result', async () => {
    const whole = await result(2);
    const parts = [];
    for (let i = 0; i < 3; i++) {
      const p = await simulateShard(twin, drill, { seed: 1, runs: RUNS, workers: 1, shard: { index: i, count: 3 } });
      if (p.kind !== 'done') throw new Error(p.reason);
      parts.push(JSON.parse(canonicalJson(p.part)));
    }
    const merged = mergeParts(parts.reverse());
    expect(merged.kind).toBe('merged');
    if (merged.kind === 'merged') expect(canonicalJson(merged.result)).toBe(canonicalJson(whole));
  });

  it('refuses to merge parts of different sets, missing parts and duplicates', async () => {
    const a = await simulateShard(twin, drill, { seed: 1, runs: 10, workers: 1, shard: { index: 0, count: 2 } });
    const b = await simulateShard(twin, drill, { seed: 2, runs: 10, workers: 1, shard: { index: 1, count: 2 } });
    if (a.kind !== 'done' || b.kind !== 'done') throw new Error('shard');
    expect(mergeParts([a.part, b.part]).kind).toBe('error');
    expect(mergeParts([a.part]).kind).toBe('error');
    expect(mergeParts([a.part, a.part]).kind).toBe('error');
  });

  it('cuts the seeds into contiguous slices that cover the set once', () => {
    for (const count of [1, 2, 3, 7, 13]) {
      const all = Array.from({ length: count }, (_, i) => shardSeeds(5, 100, i, count)).flat();
      expect(all).toEqual(Array.from({ length: 100 }, (_, i) => 5 + i));
    }
  });
});
