/**
 * Monte Carlo: any number of workers and any sharding give the same result, byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { stableStringify as canonicalJson } from '../../src/model/stable.js';
import { buildBase } from '../../src/sim/base.js';
import { simulate, simulateShard } from '../../src/sim/index.js';
import { closeWorkers, runMany } from '../../src/sim/pool.js';
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

describe('the worker threads of Monte Carlo sets', () => {
  const seeds = Array.from({ length: 30 }, (_, i) => 100 + i);
  const shared = () => {
    const b = buildBase(twin, drill, true);
    if (b.kind !== 'built') throw new Error(b.reason);
    return b.base;
  };

  it('are kept between sets, give the same summaries on 3 threads as on 1, and stop on request', async () => {
    const base = shared();
    const one = await runMany(base, drill, seeds, 100, 1);
    const three = await runMany(base, drill, seeds, 100, 3);
    const again = await runMany(base, drill, seeds, 100, 3);
    expect(canonicalJson(three.summaries)).toBe(canonicalJson(one.summaries));
    expect(canonicalJson(again.summaries)).toBe(canonicalJson(one.summaries));
    expect(canonicalJson(three.first)).toBe(canonicalJson(one.first));
    expect(one.first?.seed).toBe(100);
    expect(await closeWorkers()).toBe(2);
    expect(await closeWorkers()).toBe(0);
  });

  it('reject a set when a run throws, and the next set still runs', async () => {
    const base = shared();
    // A drill whose gates cannot be read: every run throws after its events, in whichever thread.
    const broken = { ...drill, spec: { ...drill.spec, gates: null } } as unknown as typeof drill;
    await expect(runMany(base, broken, seeds, 100, 2)).rejects.toThrow();
    const ok = await runMany(base, drill, seeds.slice(0, 4), 100, 2);
    expect(ok.summaries.map((s) => s.seed)).toEqual([100, 101, 102, 103]);
    await closeWorkers();
  });
});
