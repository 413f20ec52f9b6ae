/**
 * Axes: nice ticks cover the data on round steps; the time unit follows the span.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linear, niceStep, niceTicks, timeUnit } from '../../../src/exporters/report/scale.js';

describe('scale', () => {
  it('maps a domain onto a range, and a zero-width domain to the middle', () => {
    expect(linear(0, 10, 100, 200)(5)).toBe(150);
    expect(linear(0, 10, 200, 100)(10)).toBe(100);
    expect(linear(3, 3, 0, 10)(3)).toBe(5);
  });
  it('picks steps of 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(100, 5)).toBe(20);
    expect(niceStep(7, 5)).toBe(2);
    expect(niceStep(0.3, 3)).toBe(0.1);
  });
  it('gives ticks that cover the data on equal round steps', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.integer({ min: 2, max: 10 }), (lo, span, count) => {
        const t = niceTicks(lo, lo + span, count);
        expect(t.ticks.length).toBeGreaterThanOrEqual(2);
        expect(t.ticks.length).toBeLessThanOrEqual(count * 3 + 2);
        const step = (t.ticks[1] as number) - (t.ticks[0] as number);
        // Covered to within a millionth of a step (a value that close to a tick draws on it).
        expect(t.lo).toBeLessThanOrEqual(lo + step * 1e-6);
        expect(t.hi).toBeGreaterThanOrEqual(lo + span - step * 1e-6);
        const mant = step / 10 ** Math.floor(Math.log10(step) + 1e-12);
        expect([1, 2, 5, 10].some((m) => Math.abs(mant - m) < 1e-6)).toBe(true);
      }),
    );
  });
  it('reads short drills in seconds, an hour in minutes and a repave in hours', () => {
    expect(timeUnit(90).unit).toBe('s');
    expect(timeUnit(3600).unit).toBe('min');
    expect(timeUnit(250_000).unit).toBe('h');
  });
});
