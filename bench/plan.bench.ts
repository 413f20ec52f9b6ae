/**
 * The planner: the reference demand from the sizing bound to a proven site, with its drills on
 * the simulator's worker threads. Runs on the built output (dist/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { loadDemandText } from '../dist/planner/demand.js';
import { planSite } from '../dist/planner/plan.js';
import { parseDrill } from '../dist/sim/drill.js';

const root = join(import.meta.dirname, '..');
const read = (p: string): string => readFileSync(join(root, p), 'utf8');
const baseText = read('scenarios/vmo-ra-64.yaml');

function plan(demandFile: string, runs: number, workers: number): () => Promise<void> {
  const d = loadDemandText(read(demandFile), demandFile);
  if (d.kind !== 'loaded') throw new Error(demandFile);
  const demand = { ...d.demand, runs };
  const drills = demand.drills.map((name) => {
    const p = parseDrill(read(`scenarios/drills/${name}.yaml`), name);
    if (p.kind !== 'loaded') throw new Error(name);
    return { name, drill: p.drill };
  });
  return async () => {
    const r = await planSite({ demand, demandDoc: d.doc, demandFile, base: { text: baseText, file: 'scenarios/vmo-ra-64.yaml', sets: [] }, drills }, { seed: 1, workers });
    if (r.kind !== 'planned') throw new Error(`${demandFile}: no plan`);
  };
}

describe('plan', () => {
  const once = { iterations: 5, time: 0, warmupIterations: 1 };
  bench('plan scenarios/demand-ra.yaml (12,500 VMs: bound, validate, repave-all proof, 1 seed)', plan('scenarios/demand-ra.yaml', 1, 1), once);
  bench('plan scenarios/demand-ra.yaml --runs 8 (repave-all over 8 seeds on 2 worker threads)', plan('scenarios/demand-ra.yaml', 8, 2), once);
  bench('plan scenarios/demand-two-classes.yaml (2 classes, 4 candidates simulated, 2 drills × 10 seeds, 2 threads)', plan('scenarios/demand-two-classes.yaml', 10, 2), once);
});
