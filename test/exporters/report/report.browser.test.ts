/**
 * The report in a real browser: headless Chromium (Debian's, driven by playwright-core) opens
 * the report of the reference scenario with real drill results (what `simulate --json` gives at
 * seed 1: a full repave and 200 node failures, saved as files) and checks that
 * nothing errs, nothing leaves the page, every chart is there with the series and points of
 * the input, and the numbers are the input's. It keeps a screenshot and a PDF in
 * test-artifacts/. Without Chromium it is skipped loudly — except under CI=true, where it fails.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fmtDuration, fmtInt } from '../../../src/exporters/report/format.js';
import { phaseOrder } from '../../../src/exporters/report/drill-charts.js';
import type { SimResult } from '../../../src/sim/result.js';
import { cli } from '../../helpers/cli.js';
import { writeFixtureFiles } from '../../helpers/report.js';
import { ROOT } from '../../helpers/site.js';

const CHROMIUM = process.env['VMO_TWIN_CHROMIUM'] ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = process.env['CI'] === 'true';
const ARTIFACTS = join(ROOT, 'test-artifacts');
/** The flags this machine's closed network needs (see the README's "Tests"). */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

if (!HAVE_CHROMIUM && !IN_CI) {
  console.warn(
    [
      '',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      `!! SKIPPED: the browser test of the HTML report — no Chromium at ${CHROMIUM}.`,
      '!! Install it with:  apt-get update && apt-get install -y chromium   (as root)',
      '!! or point VMO_TWIN_CHROMIUM at a Chromium binary. Under CI=true this test fails instead.',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '',
    ].join('\n'),
  );
}

/** The little of the DOM the page functions use (the project's TypeScript has no DOM library). */
interface El {
  readonly id: string;
  readonly dataset: Record<string, string | undefined>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El> & Iterable<El>;
  getBoundingClientRect(): { readonly width: number; readonly height: number };
}

interface SeriesDom {
  name: string;
  points: number;
  drawnAttr: number;
  rects: number;
  pathVertices: number;
  lines: number;
}
interface ChartDom {
  id: string;
  kind: string;
  seriesAttr: number;
  width: number;
  height: number;
  legend: number;
  series: SeriesDom[];
}

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)('the HTML report in headless Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  let url: string;
  let repave: SimResult;
  let nodeFailure: SimResult;
  const consoleErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`CI=true but there is no Chromium at ${CHROMIUM}: .ci/run installs it with apt-get install -y chromium`);
    const files = writeFixtureFiles();
    repave = JSON.parse(readFileSync(files.repave, 'utf8')) as SimResult;
    nodeFailure = JSON.parse(readFileSync(files.nodeFailure, 'utf8')) as SimResult;
    const file = join(files.dir, 'report.html');
    const r = cli(['report', 'scenarios/vmo-ra-64.yaml', '-r', files.repave, '-r', files.nodeFailure, '-o', file]);
    expect(r.status, r.stderr).toBe(1);
    url = pathToFileURL(file).href;
    userDataDir = mkdtempSync(join(tmpdir(), 'vmo-twin-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1100, height: 900 } });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    context.on('request', (req) => requests.push(req.url()));
    await page.goto(url, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('loads with no console error and no request besides the file itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([url]);
  });

  it('draws every chart at a readable size, with the series and points of the input', async () => {
    const charts: ChartDom[] = await page.$$eval('figure.chart', (nodes) =>
      (nodes as unknown as El[]).map((f) => {
        const svg = f.querySelector('svg') as El;
        const box = svg.getBoundingClientRect();
        return {
          id: f.id,
          kind: f.dataset['chart'] ?? '',
          seriesAttr: Number(svg.dataset['series']),
          width: box.width,
          height: box.height,
          legend: f.querySelectorAll('ul.legend li[data-legend]').length,
          series: [...svg.querySelectorAll('g.series')].map((g) => ({
            name: g.dataset['seriesName'] ?? '',
            points: Number(g.dataset['points']),
            drawnAttr: Number(g.dataset['drawnPoints']),
            rects: g.querySelectorAll('rect').length,
            pathVertices: [...g.querySelectorAll('path')].reduce((a, p) => a + 1 + ((p.getAttribute('d') ?? '').match(/V/g) ?? []).length, 0),
            lines: g.querySelectorAll('line').length,
          })),
        };
      }),
    );
    const byId = new Map(charts.map((c) => [c.id, c]));
    expect(charts.map((c) => c.kind)).toEqual(['capacity', ...['gantt', 'migrations', 'heatmap', 'storage'], ...['gantt', 'migrations', 'heatmap', 'storage', 'histogram', 'histogram', 'histogram']]);
    for (const c of charts) {
      expect(c.seriesAttr, c.id).toBe(c.series.length);
      expect(c.width, c.id).toBeGreaterThan(600);
      expect(c.height, c.id).toBeGreaterThan(60);
      if (c.kind !== 'heatmap') expect(c.legend, c.id).toBe(c.series.length);
    }
    for (const [n, r] of [[1, repave], [2, nodeFailure]] as const) {
      const run = r.run;
      const id = `drill-${n}-${r.drill}`;
      const gantt = byId.get(`${id}-gantt`) as ChartDom;
      expect(gantt.series.map((s) => s.name)).toEqual(phaseOrder(run.timeline));
      for (const s of gantt.series) {
        const spans = run.timeline.filter((t) => t.phase === s.name).length;
        expect([s.points, s.rects]).toEqual([spans, spans]);
      }
      const mig = byId.get(`${id}-migrations`) as ChartDom;
      expect(mig.series.map((s) => s.name)).toEqual(['in flight', 'cluster limit', 'per-node outbound limit']);
      expect(mig.series[0]?.points).toBe(run.series.inFlightMigrations.length);
      expect(mig.series[0]?.pathVertices).toBe(mig.series[0]?.drawnAttr);
      expect(mig.series[0]?.pathVertices).toBeLessThanOrEqual(4 * 880);
      expect(mig.series.slice(1).map((s) => s.lines)).toEqual([1, 1]);
      const heat = byId.get(`${id}-heatmap`) as ChartDom;
      expect(heat.series.map((s) => s.name)).toEqual(run.series.nodes);
      heat.series.forEach((s, i) => {
        expect(s.points).toBe(run.series.vmsPerNode.filter((p) => p[1] === i).length);
        expect(s.rects).toBe(s.drawnAttr);
        expect(s.rects).toBeGreaterThanOrEqual(3);
      });
      const sto = byId.get(`${id}-storage`) as ChartDom;
      expect(sto.series.map((s) => [s.name, s.points])).toEqual([
        ['resync', run.timeline.filter((t) => t.phase === 'resync').length],
        ['degraded volumes', run.series.degradedVolumes.length],
      ]);
    }
    for (const h of ['duration', 'migrations', 'downtime']) {
      const c = byId.get(`drill-2-node-failure-dist-${h}`) as ChartDom;
      expect(c.series.map((s) => [s.name, s.points])).toEqual([['runs', nodeFailure.runs], ['percentiles', 3]]);
      expect(c.series[0]?.rects).toBe(c.series[0]?.drawnAttr);
      expect(c.series[1]?.lines).toBe(3);
    }
    expect(byId.get('sizing-capacity')?.series[0]?.rects).toBe(4);
  });

  it('draws every badge in a colour that stands out from its background', async () => {
    const badges = await page.$$eval('.badge', (nodes) =>
      (nodes as unknown as El[]).map((b) => {
        const style = (globalThis as unknown as { getComputedStyle(e: El): { color: string; backgroundColor: string } }).getComputedStyle(b);
        return [style.color, style.backgroundColor];
      }),
    );
    expect(badges.length).toBeGreaterThan(8);
    for (const [fg, bg] of badges) expect(fg).not.toBe(bg);
  });

  it('shows the numbers of the input JSON', async () => {
    const read = (section: string, key: string) => page.locator(`#${section} [data-key="${key}"]`).first().evaluate((e) => [(e as unknown as El).getAttribute('data-value'), (e as unknown as { textContent: string | null }).textContent]);
    expect(await read('drill-1-repave-all', 'migrations.started')).toEqual([String(repave.migrations.started), fmtInt(repave.migrations.started)]);
    expect(await read('drill-1-repave-all', 'simulatedSeconds')).toEqual([String(repave.simulatedSeconds), fmtDuration(repave.simulatedSeconds)]);
    expect(await read('drill-1-repave-all', 'storage.degradedVolumesMax')).toEqual([String(repave.storage.degradedVolumesMax), fmtInt(repave.storage.degradedVolumesMax)]);
    expect(await read('drill-1-repave-all', 'run.migrations.maxInFlight')).toEqual([String(repave.run.migrations.maxInFlight), fmtInt(repave.run.migrations.maxInFlight)]);
    expect(await read('drill-2-node-failure', 'downtime.vms')).toEqual([String(nodeFailure.downtime.vms), fmtInt(nodeFailure.downtime.vms)]);
    const p = nodeFailure.percentiles;
    expect(await read('drill-2-node-failure', 'percentiles.simulatedSeconds.p99')).toEqual([String(p?.simulatedSeconds.p99), fmtDuration(p?.simulatedSeconds.p99 ?? 0)]);
    expect(await read('drill-2-node-failure', 'percentiles.migrationsStarted.p50')).toEqual([String(p?.migrationsStarted.p50), fmtInt(p?.migrationsStarted.p50 ?? 0)]);
    const gates = await page.$$eval('#drill-2-node-failure tr[data-gate]', (rows) => (rows as unknown as El[]).map((r) => [r.getAttribute('data-gate'), r.getAttribute('data-ok')]));
    expect(gates).toEqual(nodeFailure.gates.map((g) => [g.name, String(g.ok)]));
    const size = JSON.parse(cli(['size', 'scenarios/vmo-ra-64.yaml', '--json']).stdout) as { vms: { capacity: number }; headroom: { nodeFailuresTolerated: number } };
    expect(await read('sizing', 'vms.capacity')).toEqual([String(size.vms.capacity), fmtInt(size.vms.capacity)]);
    expect(await read('sizing', 'headroom.nodeFailuresTolerated')).toEqual([String(size.headroom.nodeFailuresTolerated), String(size.headroom.nodeFailuresTolerated)]);
  });

  it('keeps a screenshot and a printed PDF in test-artifacts/', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const png = join(ARTIFACTS, 'report-vmo-ra-64.png');
    await page.screenshot({ path: png, fullPage: true });
    expect(statSync(png).size).toBeGreaterThan(50_000);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav').isVisible()).toBe(false);
    const pdf = join(ARTIFACTS, 'report-vmo-ra-64.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
  });
});
