/**
 * Sizing reproduces the reference architecture's Solution Sizing arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { nodeFailuresTolerated, sizeReport } from '../../src/planner/size.js';
import { placeVms } from '../../src/model/placement.js';
import { twinOf } from '../helpers/site.js';

describe('sizing the reference cluster', () => {
  const twin = twinOf('vmo-ra-64');
  const r = sizeReport(twin);
  it('gives the RA figures: 64 blocks, 63 active, 15,750 pods, 688 overhead, 15,062 for VMs', () => {
    expect(r.podCidr.blocks).toBe(64);
    expect(r.podCidr.spareBlocks).toBe(1);
    expect(r.nodes.active).toBe(63);
    expect(r.pods.perNode).toBe(250);
    expect(r.pods.capacity).toBe(15_750);
    expect(r.pods.overhead).toBe(688);
    expect(r.pods.availableForVms).toBe(15_062);
  });
  it('gives the RA control-plane row for 60 workers: 8 cores, 32 GB', () => {
    expect(r.controlPlane.recommendedCores).toBe(8);
    expect(r.controlPlane.recommendedMemoryGiB).toBe(32);
  });
  it('names memory as the binding constraint of the reference mix', () => {
    expect(r.vms.requested).toBe(12_500);
    expect(r.vms.bindingConstraint).toBe('memory');
    expect(r.vms.capacity).toBeGreaterThan(12_500);
    expect(r.vms.capacity).toBe(Math.min(...Object.values(r.vms.limits).filter((x): x is number => x !== null)));
    expect(r.vms.perNodeAverage).toBeCloseTo(12_500 / 60, 2);
  });
  it('reports storage in TiB: 1,200 TiB of Portworx pool, 908 TiB used with repl 2', () => {
    expect(r.storage.portworxPoolTiB).toBe(1200);
    expect(r.storage.usedTiB).toBeCloseTo((7000 * 20 + 4500 * 50 + 1000 * 100) * 2 / 1024, 1);
  });
  it('finds the node failures tolerated by re-placing, and one more fails', () => {
    const { tolerated } = nodeFailuresTolerated(twin);
    expect(r.headroom.nodeFailuresTolerated).toBe(tolerated);
    expect(tolerated).toBeGreaterThan(0);
    const without = (k: number) => Int32Array.from(Array.from(twin.workers).slice(k));
    expect(placeVms(twin.nodes, twin.vmClasses, without(tolerated), twin.vms.count).kind).toBe('placed');
    expect(placeVms(twin.nodes, twin.vmClasses, without(tolerated + 1), twin.vms.count).kind).toBe('unschedulable');
  });
});

describe('sizing the 128-node variant', () => {
  it('has 128 blocks of which 127 are held', () => {
    const r = sizeReport(twinOf('vmo-ra-128'));
    expect(r.podCidr.blocks).toBe(128);
    expect(r.podCidr.spareBlocks).toBe(1);
    expect(r.controlPlane.recommendedCores).toBe(16);
  });
});
