/**
 * Test helpers for the report: the reference scenario's twin, real drill results of it (the
 * simulator at seed 1: a full repave, 200 node failures), the ReportInput the CLI would build,
 * and the results saved as `simulate --json` files in a temp folder.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { siteSummary, type ReportInput } from '../../src/exporters/report/index.js';
import { sizeReport } from '../../src/planner/size.js';
import type { SimResult } from '../../src/sim/result.js';
import { stableStringify } from '../../src/cli/output.js';
import { aggregate } from '../../src/sim/aggregate.js';
import { runOnce, summarize } from '../../src/sim/run.js';
import type { Twin } from '../../src/model/twin.js';
import { baseOf, drillFromText, drillNamed } from './sim.js';
import { ROOT } from './site.js';
import { checkScenario } from './site.js';

export function referenceInput(drills: readonly SimResult[] = []): ReportInput {
  const c = checkScenario('vmo-ra-64');
  if (!c.twin) throw new Error('the reference scenario must compile');
  return { generator: 'vmo-twin test', source: { label: 'scenarios/vmo-ra-64.yaml', sets: [] }, site: siteSummary(c.twin.site), diagnostics: c.diagnostics, size: sizeReport(c.twin), drills };
}

export interface Fixtures {
  readonly repave: SimResult;
  readonly nodeFailure: SimResult;
}

/** What `simulate --drill NAME --seed SEED --runs RUNS` gives, on this thread (a drill file's text may be edited first). */
export function simulated(twin: Twin, drillName: string, seed: number, runs: number, edit?: (text: string) => string): SimResult {
  const drill = edit ? drillFromText(edit(readFileSync(join(ROOT, 'scenarios', 'drills', `${drillName}.yaml`), 'utf8'))) : drillNamed(drillName);
  const base = baseOf(twin, drill);
  const outcomes = Array.from({ length: runs }, (_, i) => runOnce(base, drill, seed + i, { record: i === 0 }));
  const first = outcomes[0]?.result;
  if (!first) throw new Error('no first run');
  return aggregate(twin.site.metadata.name, seed, runs, outcomes.map(summarize), first);
}

let cached: Fixtures | undefined;
/** Real results of the reference scenario at seed 1: a full repave, and 200 node-failure runs (stricter gate). */
export function referenceFixtures(): Fixtures {
  if (!cached) {
    const c = checkScenario('vmo-ra-64');
    if (!c.twin) throw new Error('the reference scenario must compile');
    // The node-failure set holds the VMs to 8m40s instead of 15 min, so some of its 200 runs fail
    // a gate, as the report must show them (recovery takes 8.5–8.8 min in these runs).
    cached = { repave: simulated(c.twin, 'repave-all', 1, 1), nodeFailure: simulated(c.twin, 'node-failure', 1, 200, (t) => t.replace('vms-back-within-15m, metric: recovery.seconds, max: 15m', 'vms-back-within-8m40s, metric: recovery.seconds, max: 8m40s')) };
  }
  return cached;
}

/** The results written as `simulate --json` would write them; returns the folder and the two paths. */
export function writeFixtureFiles(): { dir: string; repave: string; nodeFailure: string } {
  const f = referenceFixtures();
  const dir = mkdtempSync(join(tmpdir(), 'vmo-twin-results-'));
  const repave = join(dir, 'repave-all.json');
  const nodeFailure = join(dir, 'node-failure.json');
  writeFileSync(repave, stableStringify(f.repave));
  writeFileSync(nodeFailure, stableStringify(f.nodeFailure));
  return { dir, repave, nodeFailure };
}
