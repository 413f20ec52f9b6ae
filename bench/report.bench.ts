/**
 * The report: rendering the reference scenario with a full repave (≈12,700 migrations) and 200
 * node-failure runs (real simulator results at seed 1), reading a saved result, and the whole
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
import { aggregate } from '../dist/sim/aggregate.js';
import { buildBase } from '../dist/sim/base.js';
import { parseDrill } from '../dist/sim/drill.js';
import { runOnce, summarize } from '../dist/sim/run.js';

const root = join(import.meta.dirname, '..');
const text = readFileSync(join(root, 'scenarios', 'vmo-ra-64.yaml'), 'utf8');
const loaded = loadSiteText(text, 'vmo-ra-64.yaml');
if (loaded.kind !== 'loaded') throw new Error('reference scenario must load');
const v = validateSite(loaded.site, loaded.source, loaded.diagnostics);
if (!v.twin) throw new Error('reference scenario must compile');
const twin = v.twin;
function simulated(name: string, runs: number) {
  const d = parseDrill(readFileSync(join(root, 'scenarios', 'drills', `${name}.yaml`), 'utf8'), name);
  if (d.kind !== 'loaded') throw new Error('drill');
  const b = buildBase(twin, d.drill, false);
  if (b.kind !== 'built') throw new Error(b.reason);
  const outcomes = Array.from({ length: runs }, (_, i) => runOnce(b.base, d.drill, 1 + i, { record: i === 0 }));
  const first = outcomes[0]?.result;
  if (!first) throw new Error('first run');
  return aggregate(twin.site.metadata.name, 1, runs, outcomes.map(summarize), first);
}
const repave = simulated('repave-all', 1);
const failures = simulated('node-failure', 200);
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
  bench('demo (validate, size, repave-all, 200 node failures on 2 threads, write the report)', async () => {
    const code = await run(['demo', '--out', join(dir, 'demo.html')], { ...silent, errStyle });
    if (code !== 0) throw new Error(`demo exited ${code}`);
  });
});
