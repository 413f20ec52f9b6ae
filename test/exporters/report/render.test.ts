/**
 * The rendered report: its sections, its charts' structure (series and points match the
 * input), its numbers (the input's own), its size for the full reference repave, its bytes
 * (equal input, equal output), and that nothing in it can load or run anything.
 */
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../src/exporters/report/index.js';
import { DRAW_COLUMNS, phaseOrder } from '../../../src/exporters/report/drill-charts.js';
import { fmtInt } from '../../../src/exporters/report/format.js';
import type { RunResult, SimResult } from '../../../src/sim/result.js';
import { siteSummary } from '../../../src/exporters/report/index.js';
import { sizeReport } from '../../../src/planner/size.js';
import { referenceFixtures, referenceInput } from '../../helpers/report.js';
import { checkScenario } from '../../helpers/site.js';

/** The markup of the element with this id (our own markup: figures and sections do not nest their own tag). */
function element(html: string, tag: 'figure' | 'section', id: string): string {
  const start = html.search(new RegExp(`<${tag}[^>]* id="${id}"`));
  expect(start, `no <${tag} id="${id}">`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf(`</${tag}>`, start));
}

/** `toContain` that prints the needle, not the whole page, when it fails. */
function has(text: string, needle: string): void {
  expect(text.includes(needle), `expected the markup to contain ${needle}`).toBe(true);
}

function seriesOf(fig: string): Array<{ name: string; points: number; drawn: number }> {
  return [...fig.matchAll(/<g class="series [^"]*" data-series-name="([^"]*)" data-points="(\d+)" data-drawn-points="(\d+)">/g)].map((m) => ({ name: m[1] as string, points: Number(m[2]), drawn: Number(m[3]) }));
}

describe('renderReport', () => {
  const { repave, nodeFailure } = referenceFixtures();
  const input = referenceInput([repave, nodeFailure]);
  const { html, manifest } = renderReport(input);

  it('has the site, validation and sizing sections, then one section per drill, in order', () => {
    expect(manifest.sections.map((s) => s.id)).toEqual(['site', 'diagnostics', 'sizing', 'drill-1-repave-all', 'drill-2-node-failure']);
    let at = 0;
    for (const s of manifest.sections) {
      const i = html.indexOf(`<section id="${s.id}"`);
      expect(i).toBeGreaterThan(at);
      at = i;
    }
  });

  it('lists in its manifest exactly the charts and series the page draws', () => {
    const figures = [...html.matchAll(/<figure class="chart" id="([^"]+)" data-chart="([^"]+)">/g)].map((m) => ({ id: m[1] as string, kind: m[2] }));
    expect(figures).toEqual(manifest.charts.map((c) => ({ id: c.id, kind: c.kind })));
    for (const c of manifest.charts) {
      const fig = element(html, 'figure', c.id);
      expect(seriesOf(fig)).toEqual(c.series);
      has(fig, `data-series="${c.series.length}"`);
    }
  });

  it('draws the Gantt with one series per phase and one bar per span of the timeline', () => {
    const run: RunResult = repave.run;
    const s = seriesOf(element(html, 'figure', 'drill-1-repave-all-gantt'));
    expect(s.map((x) => x.name)).toEqual(phaseOrder(run.timeline));
    for (const x of s) expect(x.points).toBe(run.timeline.filter((t) => t.phase === x.name).length);
    expect(s.reduce((a, x) => a + x.points, 0)).toBe(run.timeline.length);
  });

  it('draws migrations in flight from every point, thinned to at most 4 per pixel column, against both limits', () => {
    const s = seriesOf(element(html, 'figure', 'drill-1-repave-all-migrations'));
    expect(s.map((x) => x.name)).toEqual(['in flight', 'cluster limit', 'per-node outbound limit']);
    const inFlight = s[0] as { points: number; drawn: number };
    expect(inFlight.points).toBe(repave.run.series.inFlightMigrations.length);
    expect(inFlight.points).toBeGreaterThan(4 * DRAW_COLUMNS);
    expect(inFlight.drawn).toBeLessThanOrEqual(4 * DRAW_COLUMNS);
    has(element(html, 'figure', 'drill-1-repave-all-migrations'), '(parallelMigrationsPerCluster = 5)');
  });

  it('draws the heatmap with a row per node holding that node\'s points, and before/after values from the input', () => {
    const run = repave.run;
    const fig = element(html, 'figure', 'drill-1-repave-all-heatmap');
    const s = seriesOf(fig);
    expect(s.map((x) => x.name)).toEqual(run.series.nodes);
    run.series.nodes.forEach((_, n) => expect(s[n]?.points).toBe(run.series.vmsPerNode.filter((p) => p[1] === n).length));
    const w1 = run.series.nodes.indexOf('worker-1');
    const pts = run.series.vmsPerNode.filter((p) => p[1] === w1).map((p) => p[2]);
    has(fig, `<title>worker-1: ${fmtInt(pts[0] as number)} VMs before, ${fmtInt(Math.min(...pts))}–${fmtInt(Math.max(...pts))} during, ${fmtInt(pts[pts.length - 1] as number)} after</title>`);
  });

  it('draws degraded volumes with the resync windows of the timeline', () => {
    const s = seriesOf(element(html, 'figure', 'drill-1-repave-all-storage'));
    expect(s).toContainEqual(expect.objectContaining({ name: 'resync', points: repave.run.timeline.filter((t) => t.phase === 'resync').length }));
    expect(s).toContainEqual(expect.objectContaining({ name: 'degraded volumes', points: repave.run.series.degradedVolumes.length }));
  });

  it('draws a histogram per Monte Carlo figure over every run, with the percentiles of the input', () => {
    for (const [id, key] of [['duration', 'simulatedSeconds'], ['migrations', 'migrationsStarted'], ['downtime', 'downtimeVmSeconds']] as const) {
      const fig = element(html, 'figure', `drill-2-node-failure-dist-${id}`);
      expect(seriesOf(fig)[0]).toMatchObject({ name: 'runs', points: nodeFailure.runs });
      const pct = nodeFailure.percentiles?.[key];
      for (const k of ['p50', 'p90', 'p99'] as const) has(fig, `data-key="percentiles.${key}.${k}" data-value="${pct?.[k]}"`);
    }
    expect(html).not.toContain('id="drill-1-repave-all-dist-');
  });

  it('shows the drill figures and gates as the input has them', () => {
    const sec = element(html, 'section', 'drill-2-node-failure');
    const value = (key: string) => sec.match(new RegExp(`data-key="${key.replace(/\./g, '\\.')}" data-value="([^"]*)">([^<]*)<`));
    expect(value('migrations.started')?.slice(1)).toEqual([String(nodeFailure.migrations.started), fmtInt(nodeFailure.migrations.started)]);
    expect(value('downtime.vms')?.slice(1)).toEqual([String(nodeFailure.downtime.vms), fmtInt(nodeFailure.downtime.vms)]);
    expect(value('storage.quorumLost')?.[1]).toBe('false');
    for (const g of nodeFailure.gates) has(sec, `data-gate="${g.name}" data-ok="${g.ok}"`);
    has(sec, `data-ok="${nodeFailure.ok}"`);
    const failedSeed = nodeFailure.perRun?.find((r) => !r.ok)?.seed;
    has(sec, `vmo-twin simulate scenarios/vmo-ra-64.yaml --drill node-failure --seed ${failedSeed}`);
  });

  it('shows the sizing figures of `size`, with the binding constraint marked', () => {
    const sec = element(html, 'section', 'sizing');
    has(sec, `data-key="vms.capacity" data-value="${input.size.vms.capacity}">${fmtInt(input.size.vms.capacity ?? 0)}<`);
    has(sec, `<g class="binding" data-resource="${input.size.vms.bindingConstraint}">`);
    expect((sec.match(/<g class="limit" data-resource=/g) ?? []).length).toBe(3);
  });

  it('gives the same bytes for the same input, also from a copy of it', () => {
    const copy = JSON.parse(JSON.stringify(input)) as typeof input;
    expect(renderReport(copy).html).toBe(html);
  });

  it('stays small enough to mail for 64 nodes and 12,500 migrations', () => {
    expect(repave.migrations.started).toBeGreaterThan(12_500);
    expect(Buffer.byteLength(html)).toBeLessThan(400_000);
  });

  it('can load and run nothing: no script, no external reference, a CSP that blocks all loads', () => {
    expect(html).not.toMatch(/<script|<iframe|<object|<embed|<link|<img|@import|url\(/i);
    expect(html).not.toMatch(/\b(?:https?|ftp|wss?|file|data):/i);
    expect(html).not.toMatch(/(?:href|src|action)\s*=\s*["']?\/\//i);
    for (const m of html.matchAll(/\b(?:href|src)="([^"]*)"/g)) expect(m[1]).toMatch(/^#/);
    // Attribute values are escaped: ' is &#39;, which the browser reads back as '.
    has(html, `http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;`);
  });
});

describe('renderReport on awkward input', () => {
  const base = referenceInput();
  const { repave } = referenceFixtures();

  it('escapes names and texts from result files, so none of them opens a tag', () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const r: SimResult = {
      ...repave,
      drill: evil,
      gates: [{ name: evil, ok: false, detail: evil }],
      stalled: { code: evil, reason: evil, at: 5, node: evil },
      run: { ...repave.run, timeline: [{ node: evil, phase: evil, start: 0, end: 10 }], series: { ...repave.run.series, nodes: [evil], vmsPerNode: [[0, 0, 3]] } },
    };
    const { html } = renderReport({ ...base, drills: [r] });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    has(html, '&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('renders a drill whose series and timeline are empty', () => {
    const run: RunResult = { ...repave.run, simulatedSeconds: 0, timeline: [], series: { inFlightMigrations: [], degradedVolumes: [], nodes: [], vmsPerNode: [] } };
    const { html, manifest } = renderReport({ ...base, drills: [{ ...repave, simulatedSeconds: 0, gates: [], run }] });
    expect(manifest.charts.find((c) => c.kind === 'gantt')?.series).toEqual([]);
    has(html, 'This drill has no gates.');
  });

  for (const [name, sets] of [['minimal-5', []], ['vmo-ra-2nic', []], ['vmo-ra-128', []], ['minimal-5', ['workloads.vmClasses=[]']], ['vmo-ra-64', ['nodes.workers.count=124']]] as const) {
    it(`renders scenarios/${name}.yaml${sets.length ? ` with --set ${sets.join(' ')}` : ''}`, () => {
      const c = checkScenario(name, sets);
      if (!c.twin) throw new Error(`${name} must compile`);
      const size = sizeReport(c.twin);
      const { html, manifest } = renderReport({ ...base, source: { label: `${name}.yaml`, sets }, site: siteSummary(c.twin.site), diagnostics: c.diagnostics, size });
      expect(manifest.charts.map((x) => x.kind)).toEqual(['capacity']);
      has(html, `<h1>vmo-twin report — ${c.twin.site.metadata.name}</h1>`);
      has(html, `data-key="nodes.active" data-value="${size.nodes.active}"`);
      for (const d of c.diagnostics) has(html, `data-code="${d.code}" data-severity="${d.severity}"`);
    });
  }

  it('says how to get drill results when there are none', () => {
    const { html, manifest } = renderReport({ ...base, drillsHint: 'Run a drill first.' });
    expect(manifest.sections.map((s) => s.id)).toEqual(['site', 'diagnostics', 'sizing', 'drills']);
    has(html, 'Run a drill first.');
  });
});
