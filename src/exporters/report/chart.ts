/**
 * The frame every chart shares: a `<figure>` with a caption, an inline SVG with a title, axes,
 * grid, units and one `<g class="series">` per series, and an HTML legend. The structure is
 * machine-checkable: the SVG carries `data-chart` and `data-series` (how many series), every
 * series `data-series-name`, `data-points` (points in the input) and `data-drawn-points`
 * (points drawn after downsampling), so tests count what is drawn.
 */
import { html, join, px, type Child, type Markup } from './markup.js';
import { linear, niceTicks, timeUnit, type Scale } from './scale.js';
import { fmtNum } from './format.js';

export type ChartKind = 'gantt' | 'migrations' | 'heatmap' | 'storage' | 'histogram' | 'capacity';

export interface SeriesInfo {
  readonly name: string;
  /** Points (or spans, or values) in the input. */
  readonly points: number;
  /** Points drawn; fewer than `points` only where a long series was downsampled. */
  readonly drawn: number;
}

export interface ChartInfo {
  readonly id: string;
  readonly kind: ChartKind;
  readonly title: string;
  readonly series: readonly SeriesInfo[];
}

export interface Chart {
  readonly markup: Markup;
  readonly info: ChartInfo;
}

/** How a legend entry is drawn: a line, a dashed reference line, a filled box. */
export type Swatch = 'line' | 'dash' | 'box';

export interface Series extends SeriesInfo {
  /** CSS class giving the series its colour (see style.ts). */
  readonly cls: string;
  readonly swatch: Swatch;
  readonly body: Child;
  /** Legend text when it should differ from the name. */
  readonly legend?: string;
  /** Series drawn but not listed in the legend (the heatmap's rows have a colour scale instead). */
  readonly inLegend?: boolean;
}

export const WIDTH = 960;

export interface Plot {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export function plotOf(height: number, margin: { left?: number; right?: number; top?: number; bottom?: number } = {}): Plot {
  return { left: margin.left ?? 64, top: margin.top ?? 12, right: WIDTH - (margin.right ?? 20), bottom: height - (margin.bottom ?? 44) };
}

export interface Axis {
  readonly scale: Scale;
  readonly ticks: readonly number[];
  readonly format: (v: number) => string;
  readonly label: string;
}

/** A value axis from 0 (or `lo`) to at least `hi`, with nice ticks. */
export function valueAxis(lo: number, hi: number, from: number, to: number, label: string, count = 5): Axis {
  const t = niceTicks(lo, Math.max(hi, lo + 1), count);
  return { scale: linear(t.lo, t.hi, from, to), ticks: t.ticks, format: (v) => fmtNum(v, 2), label };
}

/** The time axis of a drill: [0, end] seconds, ticks and labels in the unit the span reads best in. */
export function timeAxis(end: number, from: number, to: number): Axis {
  const u = timeUnit(end);
  const t = niceTicks(0, Math.max(end / u.seconds, 1e-9), 8);
  const ticks = t.ticks.filter((v) => v * u.seconds <= end + 1e-9);
  return { scale: linear(0, Math.max(end, 1e-9), from, to), ticks: ticks.map((v) => v * u.seconds), format: (s) => fmtNum(s / u.seconds, 2), label: `time since the drill started (${u.label})` };
}

/** Grid, ticks and axis titles. `x` may be absent (the Gantt's rows need no value axis on y). */
export function axes(plot: Plot, x: Axis | null, y: Axis | null): Markup {
  const parts: Child[] = [];
  if (x) {
    for (const v of x.ticks) {
      const X = px(x.scale(v));
      parts.push(html`<line class="grid" x1="${X}" x2="${X}" y1="${px(plot.top)}" y2="${px(plot.bottom)}"/><text class="tick" x="${X}" y="${px(plot.bottom + 16)}" text-anchor="middle">${x.format(v)}</text>`);
    }
    parts.push(html`<line class="axis" x1="${px(plot.left)}" x2="${px(plot.right)}" y1="${px(plot.bottom)}" y2="${px(plot.bottom)}"/>`);
    parts.push(html`<text class="axis-label" x="${px((plot.left + plot.right) / 2)}" y="${px(plot.bottom + 36)}" text-anchor="middle">${x.label}</text>`);
  }
  if (y) {
    for (const v of y.ticks) {
      const Y = px(y.scale(v));
      parts.push(html`<line class="grid" x1="${px(plot.left)}" x2="${px(plot.right)}" y1="${Y}" y2="${Y}"/><text class="tick" x="${px(plot.left - 6)}" y="${Y}" dy="0.32em" text-anchor="end">${y.format(v)}</text>`);
    }
    parts.push(html`<line class="axis" x1="${px(plot.left)}" x2="${px(plot.left)}" y1="${px(plot.top)}" y2="${px(plot.bottom)}"/>`);
    const cy = (plot.top + plot.bottom) / 2;
    parts.push(html`<text class="axis-label" transform="translate(14 ${px(cy)}) rotate(-90)" text-anchor="middle">${y.label}</text>`);
  }
  return html`<g class="axes">${parts}</g>`;
}

function legendItem(s: Series): Markup {
  const mark = s.swatch === 'box' ? html`<rect x="1" y="1" width="16" height="8"/>` : html`<line${s.swatch === 'dash' ? html` class="ref"` : null} x1="1" x2="17" y1="5" y2="5"/>`;
  return html`<li data-legend="${s.name}"><svg class="swatch" viewBox="0 0 18 10" aria-hidden="true"><g class="${s.cls}">${mark}</g></svg>${s.legend ?? s.name}</li>`;
}

export interface FigureSpec {
  readonly id: string;
  readonly kind: ChartKind;
  readonly title: string;
  /** Said after the title: what the chart shows, in one sentence, with its key figures. */
  readonly caption: Child;
  readonly height: number;
  /** Axes, labels and anything under the series. */
  readonly under: Child;
  readonly series: readonly Series[];
  /** Drawn over the series (labels, markers). */
  readonly over?: Child;
  /** Extra legend content (the heatmap's colour scale). */
  readonly legendExtra?: Child;
  readonly note?: Child;
  /** How to read more by pointing (left out when printed). */
  readonly hover?: string;
}

export function figure(spec: FigureSpec): Chart {
  const legend = spec.series.filter((s) => s.inLegend !== false);
  const markup = html`<figure class="chart" id="${spec.id}" data-chart="${spec.kind}">
<figcaption><strong class="chart-title">${spec.title}</strong> — ${spec.caption}</figcaption>
<svg viewBox="0 0 ${WIDTH} ${px(spec.height)}" role="img" aria-label="${spec.title}" data-chart="${spec.kind}" data-series="${spec.series.length}"><title>${spec.title}</title>
${spec.under}
${join(spec.series.map((s) => html`<g class="series ${s.cls}" data-series-name="${s.name}" data-points="${s.points}" data-drawn-points="${s.drawn}">${s.body}</g>`), '\n')}
${spec.over}
</svg>
${legend.length || spec.legendExtra ? html`<ul class="legend">${legend.map(legendItem)}${spec.legendExtra}</ul>` : null}
${spec.note ? html`<p class="chart-note">${spec.note}</p>` : null}
${spec.hover ? html`<p class="chart-note hover-note">${spec.hover}</p>` : null}
</figure>`;
  return { markup, info: { id: spec.id, kind: spec.kind, title: spec.title, series: spec.series.map((s) => ({ name: s.name, points: s.points, drawn: s.drawn })) } };
}
