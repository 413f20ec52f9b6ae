/**
 * Drawing long series without changing what they say.
 *
 * The rule (README "report"): a step series with more than 4 points per pixel column is drawn
 * from the M4 selection of its points — per pixel column, the first, the lowest, the highest
 * and the last point that fall in it (Jugel et al., "M4: A Visualization-Oriented Time Series
 * Data Aggregation", VLDB 2014). The drawn line then covers exactly the same pixels, peaks
 * included, from at most 4 points per column. The heatmap shows each node's time-weighted mean
 * VM count per time bucket. Neither touches a figure shown as a number: those come from the
 * input as it is.
 */
import type { SeriesPoint } from '../../sim/result.js';

/** The M4 selection of `points` (sorted by time) over `columns` columns of [t0, t1]; the points themselves when they are few. */
export function m4(points: readonly SeriesPoint[], t0: number, t1: number, columns: number): SeriesPoint[] {
  const n = points.length;
  if (n <= 4 * columns || t1 <= t0) return points.slice();
  const keep: number[] = [];
  const scale = columns / (t1 - t0);
  let col = -1;
  let first = 0;
  let last = 0;
  let lo = 0;
  let hi = 0;
  const flush = (): void => {
    const picked = [first, lo, hi, last].sort((a, b) => a - b);
    for (const i of picked) if (keep[keep.length - 1] !== i) keep.push(i);
  };
  for (let i = 0; i < n; i++) {
    const p = points[i] as SeriesPoint;
    const c = Math.min(columns - 1, Math.max(0, Math.floor((p[0] - t0) * scale)));
    if (c !== col) {
      if (col >= 0) flush();
      col = c;
      first = last = lo = hi = i;
      continue;
    }
    last = i;
    if (p[1] < (points[lo] as SeriesPoint)[1]) lo = i;
    if (p[1] > (points[hi] as SeriesPoint)[1]) hi = i;
  }
  if (col >= 0) flush();
  return keep.map((i) => points[i] as SeriesPoint);
}

/**
 * The time-weighted mean of a step series over each of `buckets` equal buckets of [t0, t1].
 * Before its first point the series holds its first value.
 */
export function bucketMeans(points: readonly SeriesPoint[], t0: number, t1: number, buckets: number): Float64Array {
  const out = new Float64Array(buckets);
  const n = points.length;
  if (n === 0) return out;
  let i = 0;
  let v = (points[0] as SeriesPoint)[1];
  while (i < n && (points[i] as SeriesPoint)[0] <= t0) v = (points[i++] as SeriesPoint)[1];
  if (!(t1 > t0)) return out.fill(v);
  const width = (t1 - t0) / buckets;
  for (let b = 0; b < buckets; b++) {
    const bs = t0 + b * width;
    const be = b === buckets - 1 ? t1 : t0 + (b + 1) * width;
    let acc = 0;
    let t = bs;
    while (i < n && (points[i] as SeriesPoint)[0] < be) {
      const p = points[i++] as SeriesPoint;
      acc += v * (Math.max(p[0], bs) - t);
      t = Math.max(p[0], bs);
      v = p[1];
    }
    acc += v * (be - t);
    out[b] = acc / (be - bs);
  }
  return out;
}

/** Overlapping or touching intervals merged, sorted by start. */
export function unionIntervals(intervals: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sorted = intervals.filter(([a, b]) => b >= a).map(([a, b]) => [a, b] as [number, number]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const top = out[out.length - 1];
    if (top && a <= top[1]) top[1] = Math.max(top[1], b);
    else out.push([a, b]);
  }
  return out;
}
