import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cidrsOverlap,
  formatCidr,
  formatIp,
  formatVlanSet,
  parseAddressRange,
  parseCidr,
  parseIp,
  parseVlanList,
  vlanSetHas,
  vlanSetMinus,
  vlanSetUnion,
} from '../../src/model/cidr.js';

const cidr = (s: string) => {
  const r = parseCidr(s);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('IPv4 CIDRs', () => {
  it('parse, keep what was written and clear host bits', () => {
    const c = cidr('10.20.30.0/16');
    expect(formatCidr(c)).toBe('10.20.0.0/16');
    expect(formatIp(c.written)).toBe('10.20.30.0');
  });
  it('refuse what is not a CIDR, saying what is wrong', () => {
    const r = parseCidr('300.1.2.3/33');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('300');
    for (const bad of ['10.0.0.0', '10.0.0/8', '10.0.0.0/x', '::1/128', '010.0.0.0/8', '']) expect(parseCidr(bad).ok, bad).toBe(false);
  });
  it('overlap exactly when one contains the other', () => {
    expect(cidrsOverlap(cidr('100.64.0.0/18'), cidr('100.64.64.0/18'))).toBe(false);
    expect(cidrsOverlap(cidr('100.64.0.0/17'), cidr('100.64.64.0/18'))).toBe(true);
    fc.assert(
      fc.property(fc.nat(0xffffffff), fc.integer({ min: 0, max: 32 }), fc.nat(0xffffffff), fc.integer({ min: 0, max: 32 }), (a, pa, b, pb) => {
        const x = cidr(`${formatIp(a)}/${pa}`);
        const y = cidr(`${formatIp(b)}/${pb}`);
        const p = Math.min(pa, pb);
        const mask = p === 0 ? 0 : (0xffffffff << (32 - p)) >>> 0;
        return cidrsOverlap(x, y) === ((x.base & mask) >>> 0 === (y.base & mask) >>> 0);
      }),
    );
  });
  it('round-trip addresses', () => {
    fc.assert(fc.property(fc.nat(0xffffffff), (ip) => {
      const r = parseIp(formatIp(ip));
      return r.ok && r.value === ip;
    }));
  });
  it('read MetalLB ranges, CIDRs and single addresses', () => {
    const r = parseAddressRange('10.20.31.1-10.20.31.250');
    expect(r.ok && r.value.last - r.value.first).toBe(249);
    expect(parseAddressRange('10.20.31.250-10.20.31.1').ok).toBe(false);
    const c = parseAddressRange('10.20.31.0/24');
    expect(c.ok && c.value.last - c.value.first).toBe(255);
  });
});

describe('VLAN lists', () => {
  it('parse ranges and lists, merge and refuse 0 and 4095', () => {
    const r = parseVlanList('21-100,10, 20');
    expect(r.ok && formatVlanSet(r.value)).toBe('10,20-100');
    expect(parseVlanList('0-10').ok).toBe(false);
    expect(parseVlanList('4095').ok).toBe(false);
    expect(parseVlanList('', { allowEmpty: true }).ok).toBe(true);
    expect(parseVlanList('').ok).toBe(false);
  });
  it('set operations agree with membership', () => {
    const ids = fc.array(fc.tuple(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 20 })).map(([lo, w]) => [lo, Math.min(4094, lo + w)] as [number, number]), { maxLength: 6 });
    fc.assert(
      fc.property(ids, ids, fc.integer({ min: 1, max: 230 }), (a, b, v) => {
        const A = vlanSetUnion(a, []);
        const B = vlanSetUnion(b, []);
        return vlanSetHas(vlanSetMinus(A, B), v) === (vlanSetHas(A, v) && !vlanSetHas(B, v)) && vlanSetHas(vlanSetUnion(A, B), v) === (vlanSetHas(A, v) || vlanSetHas(B, v));
      }),
    );
  });
});
