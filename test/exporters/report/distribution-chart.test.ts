/**
 * Histogram bins: every run lands in exactly one bin, bins are equal and start on a round step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binValues } from '../../../src/exporters/report/distribution-chart.js';

describe('binValues', () => {
  it('puts every value in exactly one bin that holds it', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e5, max: 1e5, noNaN: true }), { minLength: 1, maxLength: 500 }), (values) => {
        const b = binValues(values);
        expect(b.counts.reduce((a, c) => a + c, 0)).toBe(values.length);
        expect(b.counts.length).toBeLessThanOrEqual(31 * 2);
        for (const v of values) {
          expect(v).toBeGreaterThanOrEqual(b.start - b.step * 1e-6);
          expect(v).toBeLessThanOrEqual(b.start + b.step * b.counts.length + b.step * 1e-6);
        }
      }),
    );
  });
  it('bins 200 runs into about √200 bins on a round step', () => {
    const values = Array.from({ length: 200 }, (_, i) => 2000 + ((i * 37) % 200) * 3);
    const b = binValues(values);
    expect(b.counts.length).toBeGreaterThanOrEqual(8);
    expect(b.counts.length).toBeLessThanOrEqual(30);
    expect(b.start % b.step).toBe(0);
  });
  it('gives equal values one bin around them', () => {
    expect(binValues([7, 7, 7])).toMatchObject({ counts: [3] });
    expect(binValues([])).toMatchObject({ counts: [] });
  });
});
