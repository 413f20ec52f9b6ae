/**
 * Pod and service CIDRs: the reference's own figures, room for the pod CIDR to grow, no
 * overlaps, whatever the node count and growth.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrSize, cidrsOverlap, formatCidr, parseCidr, type Cidr } from '../../src/model/cidr.js';
import { nodesWithGrowth, planClusterCidrs, type CidrRequest } from '../../src/planner/cidrs.js';

const c = (text: string): Cidr => {
  const p = parseCidr(text);
  if (!p.ok) throw new Error(text);
  return p.value;
};
const RA_HOSTS = [c('192.168.0.0/22'), c('172.16.0.0/22'), c('10.20.0.0/16')];
const request = (nodes: number, more: Partial<CidrRequest> = {}): CidrRequest => ({ podCidr: c('100.64.0.0/18'), serviceCidr: c('100.64.64.0/18'), nodeCidrMaskSize: 24, nodes, spare: 1, growthPct: 0, avoid: RA_HOSTS, ...more });
const planned = (r: CidrRequest) => {
  const p = planClusterCidrs(r);
  if (p.kind !== 'planned') throw new Error(p.reason);
  return p;
};

describe('planning the pod and service CIDRs', () => {
  it('gives the reference 63 nodes + 1 spare a /18, and moves the service CIDR to 100.65.0.0/18 as the RA suggests', () => {
    const p = planned(request(63));
    expect(formatCidr(p.podCidr)).toBe('100.64.0.0/18');
    expect(formatCidr(p.serviceCidr)).toBe('100.65.0.0/18');
    expect(p.blocks).toBe(64);
    expect(p.blocksNeeded).toBe(64);
    expect(formatCidr(p.growthRoom)).toBe('100.64.0.0/16');
  });

  it('gives 127 nodes + 1 spare the RA\'s /17, with a /17 service CIDR past the room to grow', () => {
    const p = planned(request(127));
    expect(formatCidr(p.podCidr)).toBe('100.64.0.0/17');
    expect(p.serviceCidr.prefix).toBe(17);
    expect(cidrsOverlap(p.serviceCidr, p.growthRoom)).toBe(false);
  });

  it('needs one more block than the nodes when a pool repaves with surge: 64 nodes take a /17', () => {
    expect(planned(request(64)).podCidr.prefix).toBe(17);
    expect(planned(request(64, { spare: 0 })).podCidr.prefix).toBe(18);
  });

  it('sizes for growth: 60 nodes and 50% more need 91 blocks, a /17', () => {
    expect(nodesWithGrowth(60, 50)).toBe(90);
    const p = planned(request(60, { growthPct: 50 }));
    expect(p.blocksNeeded).toBe(91);
    expect(p.podCidr.prefix).toBe(17);
  });

  it('keeps a base service CIDR that already leaves the pod CIDR room to grow', () => {
    expect(formatCidr(planned(request(10, { serviceCidr: c('100.65.0.0/18') })).serviceCidr)).toBe('100.65.0.0/18');
  });

  it('steps around a host network in the way', () => {
    const p = planned(request(63, { avoid: [...RA_HOSTS, c('100.64.0.0/24'), c('100.65.0.0/20')] }));
    expect(cidrsOverlap(p.podCidr, c('100.64.0.0/24'))).toBe(false);
    expect(cidrsOverlap(p.serviceCidr, c('100.65.0.0/20'))).toBe(false);
  });

  it('says when the blocks cannot fit in IPv4', () => {
    expect(planClusterCidrs(request(2 ** 24)).kind).toBe('impossible');
  });

  it('never overlaps and always holds the blocks, for any node count, growth and spare', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 1 }), (nodes, growth, spare) => {
        const p = planClusterCidrs(request(nodes, { growthPct: growth, spare }));
        if (p.kind !== 'planned') return;
        expect(p.blocks).toBeGreaterThanOrEqual(nodesWithGrowth(nodes, growth) + spare);
        expect(p.blocks / 2).toBeLessThan(Math.max(1, nodesWithGrowth(nodes, growth) + spare));
        expect(cidrSize(p.podCidr)).toBe(p.blocks * 256);
        expect(cidrsOverlap(p.podCidr, p.serviceCidr)).toBe(false);
        expect(cidrsOverlap(p.growthRoom, p.serviceCidr)).toBe(false);
        expect(p.podCidr.base).toBe(p.growthRoom.base);
        for (const h of RA_HOSTS) {
          expect(cidrsOverlap(p.podCidr, h)).toBe(false);
          expect(cidrsOverlap(p.serviceCidr, h)).toBe(false);
        }
        expect(p.serviceCidr.prefix).toBeGreaterThanOrEqual(12);
      }),
      { numRuns: 300 },
    );
  });
});
