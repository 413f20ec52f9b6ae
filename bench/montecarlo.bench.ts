/**
 * Monte Carlo: 1,000 node-failure runs of the reference on one thread and on two. A file of its
 * own, so the set runs in a process that holds nothing else (sim.bench.ts keeps a 200,000-VM
 * twin, whose heap would slow the main thread's runs and flatter the two-thread figure).
 * Runs on the built output (dist/).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { loadSiteText } from '../dist/model/load.js';
import { compileTwin } from '../dist/model/twin.js';
import { buildBase } from '../dist/sim/base.js';
import { parseDrill } from '../dist/sim/drill.js';
import { runMany } from '../dist/sim/pool.js';

const root = join(import.meta.dirname, '..');
const read = (p: string): string => readFileSync(join(root, p), 'utf8');
const loaded = loadSiteText(read('scenarios/vmo-ra-64.yaml'), 'vmo-ra-64.yaml', []);
if (loaded.kind !== 'loaded') throw new Error('site');
const compiled = compileTwin(loaded.site);
if (compiled.kind !== 'compiled') throw new Error('compile');
const parsed = parseDrill(read('scenarios/drills/node-failure.yaml'), 'node-failure');
if (parsed.kind !== 'loaded') throw new Error('drill');
const nodeFailure = parsed.drill;
const built = buildBase(compiled.twin, nodeFailure, true);
if (built.kind !== 'built') throw new Error(built.reason);
const shared = built.base;

describe('Monte Carlo', () => {
  const seeds = Array.from({ length: 1000 }, (_, i) => 1 + i);
  bench('simulate vmo-ra-64 --drill node-failure --runs 1000 --workers 1', async () => {
    await runMany(shared, nodeFailure, seeds, 1, 1);
  }, { iterations: 10, time: 0, warmupIterations: 1 });
  bench('simulate vmo-ra-64 --drill node-failure --runs 1000 --workers 2', async () => {
    await runMany(shared, nodeFailure, seeds, 1, 2);
  }, { iterations: 10, time: 0, warmupIterations: 1 });
  // The speed-up judged in pairs: the same set on one thread and on two, straight after each
  // other, the order alternating from pair to pair (so neither case always follows the other).
  // The rows above are measured seconds apart, and this machine's speed moves by a third from
  // one minute to the next; a pair sees the same machine twice. Each pair's ratio goes to the
  // file bench-report names (VMO_BENCH_PAIRS), which prints their median.
  const pairs: number[] = [];
  const timed = async (workers: number): Promise<number> => {
    const t0 = performance.now();
    await runMany(shared, nodeFailure, seeds, 1, workers);
    return performance.now() - t0;
  };
  bench('node-failure --runs 1000, paired: --workers 1 and --workers 2, alternating which runs first', async () => {
    const oneFirst = pairs.length % 2 === 0;
    const first = await timed(oneFirst ? 1 : 2);
    const second = await timed(oneFirst ? 2 : 1);
    pairs.push(oneFirst ? first / second : second / first);
    const out = process.env['VMO_BENCH_PAIRS'];
    if (out) writeFileSync(out, JSON.stringify(pairs));
  }, { iterations: 20, time: 0, warmupIterations: 0 });
});
