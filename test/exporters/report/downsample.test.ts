/**
 * The downsampling rule: M4 keeps every column's first, lowest, highest and last point, so the
 * drawing keeps every peak and trough; the heatmap's bucket means are exact time-weighted means.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketMeans, m4, unionIntervals } from '../../../src/exporters/report/downsample.js';
import type { SeriesPoint } from '../../../src/sim/result.js';

const seriesArb = fc
  .array(fc.tuple(fc.double({ min: 0, max: 1000, noNaN: true }), fc.integer({ min: 0, max: 50 })), { minLength: 1, maxLength: 3000 })
  .map((pts) => pts.map(([t, v]) => [t, v] as SeriesPoint).sort((a, b) => a[0] - b[0]));

describe('m4', () => {
  it('returns short series as they are', () => {
    const pts: SeriesPoint[] = [[0, 0], [1, 2], [2, 1]];
    expect(m4(pts, 0, 2, 10)).toEqual(pts);
  });
  it('keeps at most four points per column, in time order, with every column\'s extremes', () => {
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 1, max: 50 }), (pts, columns) => {
        const end = 1000;
        const out = m4(pts, 0, end, columns);
        expect(out.length).toBeLessThanOrEqual(Math.max(pts.length, 4 * columns));
        for (let i = 1; i < out.length; i++) expect((out[i] as SeriesPoint)[0]).toBeGreaterThanOrEqual((out[i - 1] as SeriesPoint)[0]);
        // Every kept point is an input point, and each column's min and max survive.
        const col = (t: number) => Math.min(columns - 1, Math.floor((t / end) * columns));
        for (let c = 0; c < columns; c++) {
          const inCol = pts.filter((p) => col(p[0]) === c).map((p) => p[1]);
          const kept = out.filter((p) => col(p[0]) === c).map((p) => p[1]);
          if (!inCol.length) continue;
          expect(Math.max(...kept)).toBe(Math.max(...inCol));
          expect(Math.min(...kept)).toBe(Math.min(...inCol));
        }
        expect(out[0]).toEqual(pts[0]);
        expect(out[out.length - 1]).toEqual(pts[pts.length - 1]);
      }),
      { numRuns: 60 },
    );
  });
  it('thins 25,000 points to at most 4 per column', () => {
    const pts: SeriesPoint[] = Array.from({ length: 25_000 }, (_, i) => [i * 10, i % 3]);
    const out = m4(pts, 0, 250_000, 880);
    expect(out.length).toBeLessThanOrEqual(4 * 880);
    expect(Math.max(...out.map((p) => p[1]))).toBe(2);
  });
});

describe('bucketMeans', () => {
  it('is the time-weighted mean of the step function over each bucket', () => {
    // 10 for t in [0, 5), 0 from t = 5 on: over [0, 10) in 2 buckets → 10 and 0; in 1 bucket → 5.
    const pts: SeriesPoint[] = [[0, 10], [5, 0]];
    expect(Array.from(bucketMeans(pts, 0, 10, 2))).toEqual([10, 0]);
    expect(Array.from(bucketMeans(pts, 0, 10, 1))).toEqual([5]);
    expect(Array.from(bucketMeans(pts, 0, 10, 4))).toEqual([10, 10, 0, 0]);
    expect(bucketMeans(pts, 0, 10, 4)[1]).toBe(10);
  });
  it('integrates to the same total as the series, whatever the bucket count', () => {
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 1, max: 200 }), (pts, buckets) => {
        const end = 1000;
        const means = bucketMeans(pts, 0, end, buckets);
        let exact = 0;
        for (let i = 0; i < pts.length; i++) {
          const [t, v] = pts[i] as SeriesPoint;
          const next = i + 1 < pts.length ? (pts[i + 1] as SeriesPoint)[0] : end;
          exact += v * (next - t);
        }
        exact += (pts[0] as SeriesPoint)[1] * (pts[0] as SeriesPoint)[0];
        const total = Array.from(means).reduce((a, m) => a + (m * end) / buckets, 0);
        expect(total).toBeCloseTo(exact, 3);
      }),
      { numRuns: 60 },
    );
  });
});

describe('unionIntervals', () => {
  it('merges overlapping and touching intervals', () => {
    expect(unionIntervals([[5, 6], [0, 2], [1, 3], [3, 4], [10, 10]])).toEqual([[0, 4], [5, 6], [10, 10]]);
  });
});
