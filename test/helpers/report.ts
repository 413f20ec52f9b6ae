/**
 * Test helpers for the report: the reference scenario's twin, the FIXTURE drill results built
 * from it (test/fixtures/sim-results.ts — not simulator output), the ReportInput the CLI would
 * build, and the fixtures saved as `simulate --json` files in a temp folder.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { siteSummary, type ReportInput } from '../../src/exporters/report/index.js';
import { sizeReport } from '../../src/planner/size.js';
import type { SimResult } from '../../src/sim/result.js';
import { stableStringify } from '../../src/cli/output.js';
import { nodeFailureFixture, repaveFixture } from '../fixtures/sim-results.js';
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

let cached: Fixtures | undefined;
/** FIXTURE results of the reference scenario: a full repave, and 200 node-failure runs. */
export function referenceFixtures(): Fixtures {
  if (!cached) {
    const c = checkScenario('vmo-ra-64');
    if (!c.twin) throw new Error('the reference scenario must compile');
    cached = { repave: repaveFixture(c.twin), nodeFailure: nodeFailureFixture(c.twin, 200) };
  }
  return cached;
}

/** The fixtures written as `simulate --json` would write them; returns the folder and the two paths. */
export function writeFixtureFiles(): { dir: string; repave: string; nodeFailure: string } {
  const f = referenceFixtures();
  const dir = mkdtempSync(join(tmpdir(), 'vmo-twin-results-'));
  const repave = join(dir, 'repave-all.json');
  const nodeFailure = join(dir, 'node-failure.json');
  writeFileSync(repave, stableStringify(f.repave));
  writeFileSync(nodeFailure, stableStringify(f.nodeFailure));
  return { dir, repave, nodeFailure };
}
