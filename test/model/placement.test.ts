/**
 * Portworx replica placement against a plain reference model of its rule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeReplicas, type ReplicaInput } from '../../src/model/placement.js';

/** The rule, written the slow, obvious way: per volume, sort every pool and take the first that fit. */
function reference(input: ReplicaInput): { replicas: number[]; used: number[]; unplaced: number } {
  const pools = input.poolCapacityMiB.length;
  const used = new Array<number>(pools).fill(0);
  const cap = (p: number): number => input.poolCapacityMiB[p] as number;
  const zone = (p: number): number => input.nodeZone[input.poolNode[p] as number] as number;
  const spread = new Set(Array.from({ length: pools }, (_, p) => zone(p))).size >= input.replication;
  const replicas: number[] = [];
  let unplaced = 0;
  for (let v = 0; v < input.volumeSizeMiB.length; v++) {
    const size = input.volumeSizeMiB[v] as number;
    const home = input.volumeHome[v] as number;
    const homePool = home >= 0 ? (input.poolOfNode[home] ?? -1) : -1;
    const taken: number[] = homePool >= 0 && used[homePool]! + size <= cap(homePool) ? [homePool] : [];
    const order = Array.from({ length: pools }, (_, p) => p).sort((a, b) => used[a]! / cap(a) - used[b]! / cap(b) || a - b);
    for (let pass = spread ? 0 : 1; pass < 2; pass++) {
      for (const p of order) {
        if (taken.length >= input.replication) break;
        if (taken.includes(p) || used[p]! + size > cap(p)) continue;
        if (pass === 0 && taken.some((t) => zone(t) === zone(p))) continue;
        taken.push(p);
      }
    }
    for (let r = 0; r < input.replication; r++) {
      const p = taken[r];
      if (p === undefined) {
        unplaced++;
        replicas.push(-1);
      } else {
        replicas.push(input.poolNode[p] as number);
        used[p]! += size;
      }
    }
  }
  return { replicas, used, unplaced };
}

const inputArb = fc
  .record({
    pools: fc.integer({ min: 1, max: 9 }),
    capacity: fc.integer({ min: 1, max: 400 }),
    zones: fc.integer({ min: 1, max: 3 }),
    replication: fc.integer({ min: 1, max: 3 }),
    volumes: fc.array(fc.record({ size: fc.integer({ min: 1, max: 120 }), home: fc.integer({ min: -1, max: 11 }) }), { maxLength: 60 }),
  })
  .map(({ pools, capacity, zones, replication, volumes }): ReplicaInput => {
    // Nodes 0..11; the first `pools` of them are storage nodes (the twin's pools are all one size).
    const poolOfNode = Int32Array.from({ length: 12 }, (_, n) => (n < pools ? n : -1));
    return {
      poolOfNode,
      poolNode: Uint32Array.from({ length: pools }, (_, p) => p),
      poolCapacityMiB: new Float64Array(pools).fill(capacity),
      nodeZone: Uint16Array.from({ length: 12 }, (_, n) => n % zones),
      replication,
      volumeSizeMiB: Float64Array.from(volumes, (v) => v.size),
      volumeHome: Int32Array.from(volumes, (v) => v.home),
    };
  });

describe('placeReplicas', () => {
  it('places every replica where the plain rule does: home pool first, then the least-used pools, other zones first', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const got = placeReplicas(input);
        const want = reference(input);
        expect(Array.from(got.replicas)).toEqual(want.replicas);
        expect(Array.from(got.poolUsedMiB)).toEqual(want.used);
        expect(got.unplacedReplicas).toBe(want.unplaced);
      }),
      { numRuns: 400, seed: 20_261_125 },
    );
  });
});
