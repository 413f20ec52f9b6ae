import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMbps, formatMiB, formatMs, parseBandwidthMbps, parseCpuMilli, parseDurationMs, parseMemoryMiB, parseRateMiBps } from '../../src/model/units.js';

const ok = <T>(r: { ok: boolean; value?: T }) => (r.ok ? r.value : undefined);

describe('memory sizes', () => {
  it('parse binary and decimal suffixes into MiB', () => {
    expect(ok(parseMemoryMiB('16Gi'))).toBe(16384);
    expect(ok(parseMemoryMiB('1Ti'))).toBe(1048576);
    expect(ok(parseMemoryMiB('1536Gi'))).toBe(1572864);
    expect(ok(parseMemoryMiB('64Mi'))).toBe(64);
    expect(ok(parseMemoryMiB('1.5Gi'))).toBe(1536);
    expect(ok(parseMemoryMiB('480G'))).toBe(Math.round(480e9 / 2 ** 20));
    expect(ok(parseMemoryMiB('16GiB'))).toBe(16384);
    expect(ok(parseMemoryMiB(0))).toBe(0);
  });
  it('refuse bad units, negatives, bare numbers and other dimensions, saying why', () => {
    for (const bad of ['16GG', '-1Gi', '16', 'lots', '16 Gibibytes', '1Ki']) expect(parseMemoryMiB(bad).ok, bad).toBe(false);
    const swapped = parseMemoryMiB('10Gbps');
    expect(swapped.ok).toBe(false);
    if (!swapped.ok) expect(swapped.message).toContain('bandwidth');
    const neg = parseMemoryMiB('-1Gi');
    if (!neg.ok) expect(neg.message).toContain('negative');
    expect(parseMemoryMiB(16).ok).toBe(false);
  });
  it('round-trip through formatMiB for every whole number of MiB', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (mib) => {
        const r = parseMemoryMiB(formatMiB(mib));
        return r.ok && r.value === mib;
      }),
    );
  });
});

describe('bandwidth', () => {
  it('parses into Mbit/s', () => {
    expect(ok(parseBandwidthMbps('10Gbps'))).toBe(10_000);
    expect(ok(parseBandwidthMbps('16Gbps'))).toBe(16_000);
    expect(ok(parseBandwidthMbps('100Mbps'))).toBe(100);
    expect(ok(parseBandwidthMbps('1GB/s'))).toBe(8000);
    expect(ok(parseBandwidthMbps(0))).toBe(0);
    expect(parseBandwidthMbps('10Gi').ok).toBe(false);
    expect(parseBandwidthMbps('10').ok).toBe(false);
    expect(ok(parseBandwidthMbps(formatMbps(25_000)))).toBe(25_000);
  });
});

describe('durations', () => {
  it('parse Go-style durations into ms', () => {
    expect(ok(parseDurationMs('150s'))).toBe(150_000);
    expect(ok(parseDurationMs('5m'))).toBe(300_000);
    expect(ok(parseDurationMs('1h30m'))).toBe(5_400_000);
    expect(ok(parseDurationMs('300ms'))).toBe(300);
    expect(ok(parseDurationMs('0'))).toBe(0);
    for (const bad of ['150', '-5s', '5x', 's5']) expect(parseDurationMs(bad).ok, bad).toBe(false);
  });
  it('round-trip through formatMs', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10 * 86_400_000 }), (ms) => ok(parseDurationMs(formatMs(ms))) === ms));
  });
});

describe('CPU and rates', () => {
  it('parse cores and millicores', () => {
    expect(ok(parseCpuMilli(2))).toBe(2000);
    expect(ok(parseCpuMilli('1.5'))).toBe(1500);
    expect(ok(parseCpuMilli('500m'))).toBe(500);
    expect(parseCpuMilli('0.0001').ok).toBe(false);
    expect(parseCpuMilli('-1').ok).toBe(false);
  });
  it('parse memory per second', () => {
    expect(ok(parseRateMiBps('64Mi/s'))).toBe(64);
    expect(ok(parseRateMiBps('1Gi/s'))).toBe(1024);
    expect(parseRateMiBps('64Mi').ok).toBe(false);
  });
});
