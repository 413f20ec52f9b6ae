/**
 * The report: rendering the reference scenario with a full repave (≈12,700 migrations) and 200
 * node-failure runs (FIXTURE results, test/fixtures), reading a saved result, and the whole
 * demo. Runs on the built output (dist/).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { run } from '../dist/cli/main.js';
import { stableStringify } from '../dist/cli/output.js';
import { readResultsFile } from '../dist/cli/results-file.js';
import { renderReport, siteSummary } from '../dist/exporters/report/index.js';
import { loadSiteText } from '../dist/model/load.js';
import { validateSite } from '../dist/model/validate.js';
import { sizeReport } from '../dist/planner/size.js';
import { nodeFailureFixture, repaveFixture } from '../test/fixtures/sim-results.js';

const root = join(import.meta.dirname, '..');
const text = readFileSync(join(root, 'scenarios', 'vmo-ra-64.yaml'), 'utf8');
const loaded = loadSiteText(text, 'vmo-ra-64.yaml');
if (loaded.kind !== 'loaded') throw new Error('reference scenario must load');
const v = validateSite(loaded.site, loaded.source, loaded.diagnostics);
if (!v.twin) throw new Error('reference scenario must compile');
const twin = v.twin;
// The fixture builder is typed against src/; the dist twin is the same shape.
const fixtureTwin = twin as unknown as Parameters<typeof repaveFixture>[0];
const repave = repaveFixture(fixtureTwin);
const failures = nodeFailureFixture(fixtureTwin, 200);
const input = { generator: 'vmo-twin bench', source: { label: 'scenarios/vmo-ra-64.yaml', sets: [] }, site: siteSummary(twin.site), diagnostics: v.diagnostics, size: sizeReport(twin), drills: [repave, failures] };
const dir = mkdtempSync(join(tmpdir(), 'vmo-twin-bench-'));
const saved = join(dir, 'repave-all.json');
writeFileSync(saved, stableStringify(repave));
const silent = { out() {}, err() {}, style: { enabled: false, bold: (s: string) => s, dim: (s: string) => s, red: (s: string) => s, yellow: (s: string) => s, green: (s: string) => s, cyan: (s: string) => s }, stderrIsTTY: false };
const errStyle = silent.style;

describe('report', () => {
  bench(`report render vmo-ra-64 + repave-all (${repave.migrations.started.toLocaleString('en-US')} migrations) + node-failure × 200`, () => {
    renderReport(input);
  });
  bench('report --results: read and check a saved repave-all (simulate --json)', () => {
    readResultsFile(saved);
  });
  bench('demo (validate, size, write the report)', async () => {
    const code = await run(['demo', '--out', join(dir, 'demo.html')], { ...silent, errStyle });
    if (code !== 0) throw new Error(`demo exited ${code}`);
  });
});
