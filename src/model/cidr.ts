/**
 * IPv4 addresses, CIDRs, address ranges and VLAN id lists, as unsigned 32-bit integers.
 *
 * Small enough to own: every operation here is a handful of integer steps, and owning it keeps
 * the error messages ours ("300.1.2.3/33: 300 is not an octet").
 */
import type { Parsed } from './units.js';

export interface Cidr {
  /** The network address (host bits cleared). */
  readonly base: number;
  readonly prefix: number;
  /** The address as written; differs from `base` when host bits were set. */
  readonly written: number;
}

export interface AddressRange {
  readonly first: number;
  readonly last: number;
}

const fail = <T>(message: string, hint: string): Parsed<T> => ({ ok: false, message, hint });

export function parseIp(text: string): Parsed<number> {
  const t = text.trim();
  if (t.includes(':')) return fail(`"${t}" is an IPv6 address`, 'vmo-twin models IPv4 networks only; write a dotted quad such as 10.20.30.1');
  const parts = t.split('.');
  if (parts.length !== 4) return fail(`"${t}" is not an IPv4 address`, 'write four octets, such as 10.20.30.1');
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return fail(`"${t}" is not an IPv4 address: "${part}" is not an octet`, 'each octet is a number from 0 to 255');
    const n = Number(part);
    if (n > 255) return fail(`"${t}" is not an IPv4 address: ${n} is not an octet`, 'each octet is a number from 0 to 255');
    if (part.length > 1 && part.startsWith('0')) return fail(`"${t}" has a leading zero in "${part}"`, 'leading zeros are read as octal by some tools; write the octet without them');
    value = value * 256 + n;
  }
  return { ok: true, value };
}

export function formatIp(ip: number): string {
  return `${(ip >>> 24) & 255}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
}

export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function parseCidr(text: string): Parsed<Cidr> {
  const t = String(text).trim();
  const slash = t.indexOf('/');
  if (slash < 0) return fail(`"${t}" has no prefix length`, `write a CIDR such as ${t || '10.0.0.0'}/24`);
  const ip = parseIp(t.slice(0, slash));
  if (!ip.ok) return fail(`"${t}" is not a CIDR: ${ip.message}`, ip.hint);
  const prefixText = t.slice(slash + 1);
  if (!/^\d{1,2}$/.test(prefixText) || Number(prefixText) > 32) {
    return fail(`"${t}" is not a CIDR: /${prefixText} is not a prefix length`, 'an IPv4 prefix length is a number from 0 to 32');
  }
  const prefix = Number(prefixText);
  const base = (ip.value & maskOf(prefix)) >>> 0;
  return { ok: true, value: { base, prefix, written: ip.value } };
}

export function formatCidr(c: Pick<Cidr, 'base' | 'prefix'>): string {
  return `${formatIp(c.base)}/${c.prefix}`;
}

export function cidrSize(c: Pick<Cidr, 'prefix'>): number {
  return 2 ** (32 - c.prefix);
}

export function cidrLast(c: Pick<Cidr, 'base' | 'prefix'>): number {
  return c.base + cidrSize(c) - 1;
}

export function hasHostBits(c: Cidr): boolean {
  return c.base !== c.written;
}

export function cidrRange(c: Pick<Cidr, 'base' | 'prefix'>): AddressRange {
  return { first: c.base, last: cidrLast(c) };
}

export function rangesOverlap(a: AddressRange, b: AddressRange): boolean {
  return a.first <= b.last && b.first <= a.last;
}

export function cidrsOverlap(a: Pick<Cidr, 'base' | 'prefix'>, b: Pick<Cidr, 'base' | 'prefix'>): boolean {
  return rangesOverlap(cidrRange(a), cidrRange(b));
}

export function cidrContains(c: Pick<Cidr, 'base' | 'prefix'>, ip: number): boolean {
  return ip >= c.base && ip <= cidrLast(c);
}

export function rangeInside(inner: AddressRange, outer: AddressRange): boolean {
  return inner.first >= outer.first && inner.last <= outer.last;
}

/** MetalLB address forms: "10.20.31.1-10.20.31.250", "10.20.31.0/24" or a single address. */
export function parseAddressRange(text: string): Parsed<AddressRange> {
  const t = String(text).trim();
  if (t.includes('/')) {
    const c = parseCidr(t);
    if (!c.ok) return c;
    return { ok: true, value: cidrRange(c.value) };
  }
  const dash = t.indexOf('-');
  if (dash < 0) {
    const ip = parseIp(t);
    if (!ip.ok) return ip;
    return { ok: true, value: { first: ip.value, last: ip.value } };
  }
  const a = parseIp(t.slice(0, dash));
  if (!a.ok) return fail(`"${t}" is not an address range: ${a.message}`, a.hint);
  const b = parseIp(t.slice(dash + 1));
  if (!b.ok) return fail(`"${t}" is not an address range: ${b.message}`, b.hint);
  if (b.value < a.value) return fail(`"${t}" ends before it starts`, 'write the lower address first');
  return { ok: true, value: { first: a.value, last: b.value } };
}

export function formatRange(r: AddressRange): string {
  return r.first === r.last ? formatIp(r.first) : `${formatIp(r.first)}-${formatIp(r.last)}`;
}

export function rangeSize(r: AddressRange): number {
  return r.last - r.first + 1;
}

// ---------------------------------------------------------------------------------------------
// VLAN id lists: "21-100", "10,20,25-100", "" (none).

/** A sorted, merged list of inclusive VLAN id intervals. */
export type VlanSet = ReadonlyArray<readonly [number, number]>;

export function parseVlanList(text: string | number, opts: { allowEmpty?: boolean; min?: number } = {}): Parsed<VlanSet> {
  const t = String(text).trim();
  const min = opts.min ?? 1;
  if (t === '') {
    if (opts.allowEmpty) return { ok: true, value: [] };
    return fail('the VLAN list is empty', 'write VLAN ids and ranges such as "21-100" or "10,20,25-100"');
  }
  const intervals: Array<[number, number]> = [];
  for (const raw of t.split(',')) {
    const part = raw.trim();
    const m = /^(\d{1,4})(?:\s*-\s*(\d{1,4}))?$/.exec(part);
    if (!m) return fail(`"${part}" in "${t}" is not a VLAN id or range`, 'write VLAN ids and ranges such as "21-100" or "10,20,25-100"');
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    for (const id of [lo, hi]) {
      if (id < min || id > 4094) return fail(`VLAN ${id} in "${t}" is out of range`, `VLAN ids run from ${min} to 4094 (0 is untagged and 4095 is reserved)`);
    }
    if (hi < lo) return fail(`"${part}" in "${t}" ends before it starts`, 'write the lower VLAN id first');
    intervals.push([lo, hi]);
  }
  return { ok: true, value: normalizeVlans(intervals) };
}

export function normalizeVlans(intervals: ReadonlyArray<readonly [number, number]>): VlanSet {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

export function vlanSetHas(set: VlanSet, id: number): boolean {
  for (const [lo, hi] of set) {
    if (id >= lo && id <= hi) return true;
    if (id < lo) return false;
  }
  return false;
}

export function vlanSetCount(set: VlanSet): number {
  let n = 0;
  for (const [lo, hi] of set) n += hi - lo + 1;
  return n;
}

export function vlanSetUnion(a: VlanSet, b: VlanSet): VlanSet {
  return normalizeVlans([...a, ...b]);
}

export function vlanSetMinus(a: VlanSet, b: VlanSet): VlanSet {
  const out: Array<[number, number]> = [];
  for (const [lo0, hi] of a) {
    let lo = lo0;
    for (const [blo, bhi] of b) {
      if (bhi < lo || blo > hi) continue;
      if (blo > lo) out.push([lo, blo - 1]);
      lo = bhi + 1;
      if (lo > hi) break;
    }
    if (lo <= hi) out.push([lo, hi]);
  }
  return out;
}

export function vlanSetIsSubset(inner: VlanSet, outer: VlanSet): boolean {
  return vlanSetMinus(inner, outer).length === 0;
}

export function formatVlanSet(set: VlanSet): string {
  return set.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}-${hi}`)).join(',');
}

export function vlanSetIds(set: VlanSet): number[] {
  const ids: number[] = [];
  for (const [lo, hi] of set) for (let id = lo; id <= hi; id++) ids.push(id);
  return ids;
}
