/**
 * Monte Carlo distributions: a histogram of one figure over the runs, with the p50, p90 and
 * p99 the simulator reported drawn as markers (the percentiles are read, not recomputed).
 */
import type { Distribution } from '../../sim/result.js';
import { axes, figure, plotOf, valueAxis, type Chart, type Series } from './chart.js';
import { fmtInt, fmtNum, plural } from './format.js';
import { html, px } from './markup.js';
import { niceStep } from './scale.js';

/** How a figure is shown: the axis title, and values divided into its unit. */
export interface Measure {
  readonly label: string;
  /** Input units per shown unit (3600 to show seconds as hours). */
  readonly per: number;
  readonly format: (inputValue: number) => string;
}

export interface Bins {
  readonly start: number;
  readonly step: number;
  readonly counts: number[];
}

/** Equal-width bins on a nice step, about √n of them (5 to 30). */
export function binValues(values: readonly number[]): Bins {
  if (!values.length) return { start: 0, step: 1, counts: [] };
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const k = Math.max(5, Math.min(30, Math.ceil(Math.sqrt(values.length))));
  const step = niceStep(hi - lo, k);
  // Equal values, or a spread too small for a float step (subnormal differences): one bin.
  if (hi === lo || !(step > 0) || !Number.isFinite(step) || (hi - lo) / step > 1e4) {
    const one = lo === 0 || !(Math.abs(lo) > 1e-300) ? 1 : niceStep(Math.abs(lo), 4);
    return { start: lo - one / 2, step: one, counts: [values.length] };
  }
  const start = Math.floor(lo / step + 1e-9) * step;
  const count = Math.max(1, Math.ceil((hi - start) / step - 1e-9) + (Number.isInteger((hi - start) / step) ? 1 : 0));
  const counts = new Array<number>(count).fill(0);
  for (const v of values) {
    const i = Math.min(count - 1, Math.max(0, Math.floor((v - start) / step + 1e-9)));
    counts[i] = (counts[i] as number) + 1;
  }
  return { start, step, counts };
}

/** `key` names the percentiles in `data-key` attributes: `percentiles.simulatedSeconds`. */
export function histogramChart(id: string, title: string, key: string, values: readonly number[], pct: Distribution, measure: Measure): Chart {
  const height = 230;
  const plot = plotOf(height, { top: 28 });
  // Bins are cut in the shown unit, so their edges fall on the axis ticks.
  const shown = values.map((v) => v / measure.per);
  const bins = binValues(shown);
  const lo = Math.min(bins.start, pct.min / measure.per);
  const hi = Math.max(bins.start + bins.step * bins.counts.length, pct.max / measure.per);
  const x = valueAxis(lo, hi, plot.left, plot.right, measure.label, 8);
  const peak = Math.max(1, ...bins.counts);
  const y = valueAxis(0, peak, plot.bottom, plot.top, 'runs', 4);
  const edge = (i: number): number => bins.start + i * bins.step;
  const bars = bins.counts.map((c, i) => {
    if (c === 0) return null;
    const a = x.scale(edge(i));
    const b = x.scale(edge(i + 1));
    const top = y.scale(c);
    return html`<rect x="${px(a + 0.5)}" y="${px(top)}" width="${px(Math.max(0.5, b - a - 1))}" height="${px(plot.bottom - top)}"><title>${plural(c, 'run')}: ${measure.format(edge(i) * measure.per)} to ${measure.format(edge(i + 1) * measure.per)}</title></rect>`;
  });
  const marks = (['p50', 'p90', 'p99'] as const).map((k, i) => {
    const X = px(x.scale(pct[k] / measure.per));
    return html`<line class="ref" x1="${X}" x2="${X}" y1="${px(plot.top)}" y2="${px(plot.bottom)}"/><text class="mark-label" x="${X}" y="${px(plot.top - 3 - i * 8)}" text-anchor="middle">${k}</text>`;
  });
  const series: Series[] = [
    { name: 'runs', legend: `runs per bin (${plural(values.length, 'run')})`, cls: 's-runs', swatch: 'box', points: values.length, drawn: bins.counts.filter((c) => c > 0).length, body: bars },
    { name: 'percentiles', legend: 'p50, p90, p99', cls: 's-pct', swatch: 'dash', points: 3, drawn: 3, body: marks },
  ];
  const fig = (k: keyof Distribution): ReturnType<typeof html> => html`<b data-key="${key}.${k}" data-value="${pct[k]}">${measure.format(pct[k])}</b>`;
  return figure({
    id,
    kind: 'histogram',
    title,
    caption: html`p50 ${fig('p50')}, p90 ${fig('p90')}, p99 ${fig('p99')} over ${plural(values.length, 'run')} (min ${fig('min')}, max ${fig('max')}, mean ${fig('mean')}).`,
    height,
    under: axes(plot, x, y),
    series,
  });
}

/** Counts shown as integers, other figures with up to two decimals. */
export function countMeasure(label: string): Measure {
  return { label, per: 1, format: (v) => (Number.isInteger(v) ? fmtInt(v) : fmtNum(v, 2)) };
}
