/**
 * The charts of one drill run, all on the same time axis so they line up when read down the
 * page: the Gantt of phases per node, migrations in flight against the limits, VMs per node as
 * a heatmap (before, during, after) and degraded Portworx volumes with the resync windows.
 */
import type { PhaseSpan, RunResult, SeriesPoint } from '../../sim/result.js';
import { axes, figure, plotOf, timeAxis, valueAxis, type Axis, type Chart, type Series } from './chart.js';
import { bucketMeans, m4, unionIntervals } from './downsample.js';
import { fmtDuration, fmtInt, fmtNum, plural } from './format.js';
import { html, px, type Markup } from './markup.js';
import type { Scale } from './scale.js';

/** Phases the simulator names, in the order a node goes through them; each has its own colour. */
export const KNOWN_PHASES = ['cordon', 'drain', 'deprovision', 'provision', 'join', 'down', 'resync', 'wait'] as const;
const EXTRA_PHASE_CLASSES = 4;

/** Pixel columns a time series is downsampled to (the plot is about this wide). */
export const DRAW_COLUMNS = 880;
/** Time buckets of the heatmap's "during" part. */
export const HEATMAP_BUCKETS = 96;
/** Colour levels of the heatmap besides "no VMs". */
export const HEATMAP_LEVELS = 8;

/** Phases in the order they are drawn and listed: known ones first, then others by name. */
export function phaseOrder(timeline: readonly PhaseSpan[]): string[] {
  const present = new Set(timeline.map((s) => s.phase));
  const known: string[] = KNOWN_PHASES.filter((p) => present.has(p));
  const others = [...present].filter((p) => !(KNOWN_PHASES as readonly string[]).includes(p)).sort();
  return [...known, ...others];
}

function phaseClass(phase: string, others: readonly string[]): string {
  if ((KNOWN_PHASES as readonly string[]).includes(phase)) return `ph-${phase}`;
  return `ph-x${others.indexOf(phase) % EXTRA_PHASE_CLASSES}`;
}

/** The end of a run's time axis: its simulated time, or later when a span or point ends later. */
export function runEnd(run: RunResult): number {
  let end = run.simulatedSeconds;
  for (const s of run.timeline) end = Math.max(end, s.end);
  for (const p of run.series.inFlightMigrations) end = Math.max(end, p[0]);
  for (const p of run.series.degradedVolumes) end = Math.max(end, p[0]);
  for (const p of run.series.vmsPerNode) end = Math.max(end, p[0]);
  return end > 0 ? end : 1;
}

/** Rows of the Gantt: the nodes that have spans, in node order, then any others by first appearance. */
function ganttRows(run: RunResult): string[] {
  const inTimeline = new Set(run.timeline.map((s) => s.node));
  const rows = run.series.nodes.filter((n) => inTimeline.has(n));
  const listed = new Set(rows);
  for (const s of run.timeline) {
    if (!listed.has(s.node)) {
      rows.push(s.node);
      listed.add(s.node);
    }
  }
  return rows;
}

const rowHeight = (rows: number): number => Math.max(6, Math.min(16, Math.floor(640 / Math.max(1, rows))));

function rowLabels(rows: readonly string[], top: number, h: number, left: number): Markup {
  const size = Math.min(11, h - 1);
  return html`<g class="row-labels" font-size="${size}">${rows.map((name, i) => html`<text x="${px(left - 6)}" y="${px(top + i * h + h / 2)}" dy="0.35em" text-anchor="end">${name}</text>`)}</g>`;
}

export function ganttChart(id: string, run: RunResult, end: number): Chart {
  const rows = ganttRows(run);
  const h = rowHeight(rows.length);
  const height = 12 + rows.length * h + 48;
  const plot = plotOf(height, { left: 104 });
  const x = timeAxis(end, plot.left, plot.right);
  const rowOf = new Map(rows.map((n, i) => [n, i] as const));
  const phases = phaseOrder(run.timeline);
  const others = phases.filter((p) => !(KNOWN_PHASES as readonly string[]).includes(p));
  const withTitles = run.timeline.length <= 4000;
  const series: Series[] = phases.map((phase) => {
    const spans = run.timeline.filter((s) => s.phase === phase);
    const body = spans.map((s) => {
      const x0 = x.scale(s.start);
      const w = Math.max(0.5, x.scale(s.end) - x0);
      const y = plot.top + (rowOf.get(s.node) as number) * h + 1;
      const title = withTitles ? html`<title>${s.node}: ${phase} ${fmtDuration(s.start)} → ${fmtDuration(s.end)} (${fmtDuration(s.end - s.start)})</title>` : null;
      return html`<rect x="${px(x0)}" y="${px(y)}" width="${px(w)}" height="${px(h - 2)}">${title}</rect>`;
    });
    return { name: phase, cls: phaseClass(phase, others), swatch: 'box', points: spans.length, drawn: spans.length, body };
  });
  const nodesDone = new Set(run.timeline.map((s) => s.node)).size;
  return figure({
    id,
    kind: 'gantt',
    title: 'Phases per node',
    caption: html`${plural(run.timeline.length, 'span')} on ${plural(nodesDone, 'node')} over ${fmtDuration(end)} of simulated time.`,
    height,
    under: html`${axes(plot, x, null)}${rowLabels(rows, plot.top, h, plot.left)}`,
    series,
    ...(withTitles ? { hover: 'Point at a bar for its node, phase and times.' } : {}),
  });
}

function stepPath(points: readonly SeriesPoint[], x: Scale, y: Scale, end: number): string {
  const first = points[0];
  if (!first) return '';
  let d = `M${px(x(first[0]))} ${px(y(first[1]))}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i] as SeriesPoint;
    d += `H${px(x(p[0]))}V${px(y(p[1]))}`;
  }
  return `${d}H${px(x(end))}`;
}

function refLine(plot: { left: number; right: number }, y: number): Markup {
  return html`<line class="ref" x1="${px(plot.left)}" x2="${px(plot.right)}" y1="${px(y)}" y2="${px(y)}"/>`;
}

function stepSeries(name: string, cls: string, points: readonly SeriesPoint[], x: Axis, y: Axis, end: number): Series {
  const drawn = m4(points, 0, end, DRAW_COLUMNS);
  return { name, cls, swatch: 'line', points: points.length, drawn: drawn.length, body: html`<path class="step" d="${stepPath(drawn, x.scale, y.scale, end)}"/>` };
}

function seriesMax(points: readonly SeriesPoint[]): number {
  let m = 0;
  for (const p of points) if (p[1] > m) m = p[1];
  return m;
}

function downsampleNote(series: readonly Series[]): string | null {
  const thinned = series.filter((s) => s.drawn < s.points);
  if (!thinned.length) return null;
  return `Drawn from ${thinned.map((s) => `${fmtInt(s.drawn)} of ${fmtInt(s.points)} points (${s.name})`).join(', ')}: the first, lowest, highest and last point of each pixel column (M4), so every peak is drawn; the figures come from all points.`;
}

export function migrationsChart(id: string, run: RunResult, end: number): Chart {
  const height = 260;
  const plot = plotOf(height);
  const pts = run.series.inFlightMigrations;
  const { parallelPerCluster, parallelOutboundPerNode } = run.limits;
  const x = timeAxis(end, plot.left, plot.right);
  const y = valueAxis(0, Math.max(seriesMax(pts), parallelPerCluster, parallelOutboundPerNode) * 1.1, plot.bottom, plot.top, 'migrations in flight');
  const main = stepSeries('in flight', 's-migrations', pts, x, y, end);
  const series: Series[] = [
    main,
    { name: 'cluster limit', legend: `cluster limit (parallelMigrationsPerCluster = ${parallelPerCluster})`, cls: 's-limit-cluster', swatch: 'dash', points: 1, drawn: 1, body: refLine(plot, y.scale(parallelPerCluster)) },
    { name: 'per-node outbound limit', legend: `per-node outbound limit (parallelOutboundMigrationsPerNode = ${parallelOutboundPerNode})`, cls: 's-limit-node', swatch: 'dash', points: 1, drawn: 1, body: refLine(plot, y.scale(parallelOutboundPerNode)) },
  ];
  const m = run.migrations;
  return figure({
    id,
    kind: 'migrations',
    title: 'Live migrations in flight',
    caption: html`at most <b data-key="run.migrations.maxInFlight" data-value="${m.maxInFlight}">${fmtInt(m.maxInFlight)}</b> at once against limits of ${fmtInt(parallelPerCluster)} per cluster and ${fmtInt(parallelOutboundPerNode)} per source node; ${fmtInt(m.started)} started, ${fmtInt(m.completed)} completed, ${fmtInt(m.failed)} failed.`,
    height,
    under: axes(plot, x, y),
    series,
    note: downsampleNote(series),
  });
}

export function storageChart(id: string, run: RunResult, end: number): Chart {
  const height = 240;
  const plot = plotOf(height);
  const pts = run.series.degradedVolumes;
  const resync = run.timeline.filter((s) => s.phase === 'resync');
  const x = timeAxis(end, plot.left, plot.right);
  const y = valueAxis(0, Math.max(seriesMax(pts), 1) * 1.1, plot.bottom, plot.top, 'degraded volumes');
  const bands = unionIntervals(resync.map((s) => [s.start, s.end] as const));
  const bandBody = bands.map(([a, b]) => html`<rect x="${px(x.scale(a))}" y="${px(plot.top)}" width="${px(Math.max(0.5, x.scale(b) - x.scale(a)))}" height="${px(plot.bottom - plot.top)}"/>`);
  const series: Series[] = [
    { name: 'resync', legend: `Portworx resync (${plural(resync.length, 'window')})`, cls: 's-resync', swatch: 'box', points: resync.length, drawn: bands.length, body: bandBody },
    stepSeries('degraded volumes', 's-degraded', pts, x, y, end),
  ];
  const s = run.storage;
  return figure({
    id,
    kind: 'storage',
    title: 'Degraded Portworx volumes and resync',
    caption: html`at most <b data-key="run.storage.degradedVolumesMax" data-value="${s.degradedVolumesMax}">${fmtInt(s.degradedVolumesMax)}</b> volumes with a replica offline; <b data-key="run.storage.resyncTiB" data-value="${s.resyncTiB}">${fmtNum(s.resyncTiB, 2)} TiB</b> resynced; ${s.volumesLost ? html`<b class="bad">${plural(s.volumesLost, 'volume')} lost every replica</b>` : 'no volume lost every replica'}.`,
    height,
    under: axes(plot, x, y),
    series,
    note: downsampleNote(series),
  });
}

/** Each node's points, in time order (stable for equal times). */
function pointsByNode(run: RunResult): SeriesPoint[][] {
  const out: SeriesPoint[][] = run.series.nodes.map(() => []);
  for (const [t, n, v] of run.series.vmsPerNode) out[n]?.push([t, v]);
  for (const list of out) list.sort((a, b) => a[0] - b[0]);
  return out;
}

/** Level 0 is "no VMs"; levels 1..HEATMAP_LEVELS split (0, max] evenly. */
export function heatLevel(v: number, max: number): number {
  if (!(v > 0) || !(max > 0)) return 0;
  return Math.min(HEATMAP_LEVELS, Math.max(1, Math.ceil((v / max) * HEATMAP_LEVELS - 1e-9)));
}

export function heatmapChart(id: string, run: RunResult, end: number): Chart {
  const nodes = run.series.nodes;
  const byNode = pointsByNode(run);
  const h = rowHeight(nodes.length);
  const height = 12 + nodes.length * h + 48;
  const plot = plotOf(height, { left: 104 });
  const side = 40;
  const gap = 12;
  const mid = { left: plot.left + side + gap, right: plot.right - side - gap };
  const x = timeAxis(end, mid.left, mid.right);
  let max = 0;
  for (const p of run.series.vmsPerNode) if (p[2] > max) max = p[2];
  const colW = (mid.right - mid.left) / HEATMAP_BUCKETS;
  const series: Series[] = nodes.map((name, n) => {
    const pts = byNode[n] as SeriesPoint[];
    const y = plot.top + n * h;
    const cells: Markup[] = [];
    const cell = (x0: number, w: number, level: number): void => {
      cells.push(html`<rect x="${px(x0)}" y="${px(y)}" width="${px(w)}" height="${px(h - 1)}" class="h${level}"/>`);
    };
    if (pts.length) {
      cell(plot.left, side, heatLevel((pts[0] as SeriesPoint)[1], max));
      const means = bucketMeans(pts, 0, end, HEATMAP_BUCKETS);
      let runStart = 0;
      for (let b = 1; b <= HEATMAP_BUCKETS; b++) {
        const lvl = heatLevel(means[runStart] as number, max);
        if (b < HEATMAP_BUCKETS && heatLevel(means[b] as number, max) === lvl) continue;
        cell(mid.left + runStart * colW, (b - runStart) * colW, lvl);
        runStart = b;
      }
      cell(mid.right + gap, side, heatLevel((pts[pts.length - 1] as SeriesPoint)[1], max));
    }
    const values = pts.map((p) => p[1]);
    const title = pts.length
      ? `${name}: ${fmtInt(values[0] as number)} VMs before, ${fmtInt(Math.min(...values))}–${fmtInt(Math.max(...values))} during, ${fmtInt(values[values.length - 1] as number)} after`
      : `${name}: no points`;
    return { name, cls: 'node-row', swatch: 'box', inLegend: false, points: pts.length, drawn: cells.length, body: html`<title>${title}</title>${cells}` };
  });
  const edges = Array.from({ length: HEATMAP_LEVELS + 1 }, (_, k) => (max * k) / HEATMAP_LEVELS);
  const scale = html`<li class="scale-label">VMs on the node:</li><li><svg class="swatch" viewBox="0 0 18 10" aria-hidden="true"><rect class="h0" x="1" y="1" width="16" height="8"/></svg>none</li>${edges.slice(1).map(
    (e, k) => html`<li><svg class="swatch" viewBox="0 0 18 10" aria-hidden="true"><rect class="h${k + 1}" x="1" y="1" width="16" height="8"/></svg>${fmtNum(edges[k] as number, 0)}–${fmtNum(e, 0)}</li>`,
  )}`;
  const labelY = plot.bottom + 16;
  const sideLabels = html`<text class="tick" x="${px(plot.left + side / 2)}" y="${px(labelY)}" text-anchor="middle">before</text><text class="tick" x="${px(plot.right - side / 2)}" y="${px(labelY)}" text-anchor="middle">after</text>`;
  return figure({
    id,
    kind: 'heatmap',
    title: 'VMs per node over time',
    caption: html`before the drill, during it (${HEATMAP_BUCKETS} time buckets, each the node's time-weighted mean) and after; ${plural(nodes.length, 'node')}, at most <b data-key="run.series.vmsPerNode.max" data-value="${max}">${fmtInt(max)}</b> VMs on one node.`,
    height,
    under: html`${axes(plot, x, null)}${sideLabels}${rowLabels(nodes, plot.top, h, plot.left)}`,
    series,
    legendExtra: scale,
    hover: 'Point at a row for its VM counts before, during (lowest–highest) and after.',
  });
}
