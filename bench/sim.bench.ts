/**
 * The simulator: the raw event loop against the full reference repave, and a 1,000-node repave.
 * Runs on the built output (dist/). Monte Carlo sets are in montecarlo.bench.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { loadSiteText } from '../dist/model/load.js';
import { compileTwin, type Twin } from '../dist/model/twin.js';
import { buildBase, type SimBase } from '../dist/sim/base.js';
import { parseDrill, type Drill } from '../dist/sim/drill.js';
import { EventQueue } from '../dist/sim/queue.js';
import { Rng } from '../dist/sim/rng.js';
import { runOnce } from '../dist/sim/run.js';

const root = join(import.meta.dirname, '..');
const read = (p: string): string => readFileSync(join(root, p), 'utf8');

function twin(sets: string[] = []): Twin {
  const l = loadSiteText(read('scenarios/vmo-ra-64.yaml'), 'vmo-ra-64.yaml', sets);
  if (l.kind !== 'loaded') throw new Error('site');
  const c = compileTwin(l.site);
  if (c.kind !== 'compiled') throw new Error('compile');
  return c.twin;
}
function drill(name: string, patch?: (t: string) => string): Drill {
  const text = read(`scenarios/drills/${name}.yaml`);
  const d = parseDrill(patch ? patch(text) : text, name);
  if (d.kind !== 'loaded') throw new Error('drill');
  return d.drill;
}
function base(t: Twin, d: Drill): SimBase {
  const b = buildBase(t, d, false);
  if (b.kind !== 'built') throw new Error(b.reason);
  return b.base;
}

const ref = twin();
const repaveAll = drill('repave-all');
const refBase = base(ref, repaveAll);
const events = runOnce(refBase, repaveAll, 1, { record: false }).figures.events;

describe('event loop vs drill', () => {
  // The same number of events through the same queue, each handler only rescheduling itself.
  bench(`raw event loop (${events} pop/push, trivial handler, 64 pending)`, () => {
    const q = new EventQueue(64);
    const rng = new Rng(1);
    for (let i = 0; i < 64; i++) q.at(i, rng.int(1000));
    for (let i = 0; i < events; i++) {
      const k = q.pop();
      q.after(k, 1 + (rng.nextU32() & 1023));
    }
  });
  bench(`simulate vmo-ra-64 --drill repave-all (${events} events)`, () => {
    runOnce(refBase, repaveAll, 1, { record: false });
  });
  bench('simulate vmo-ra-64 --drill repave-all --json (recording the series)', () => {
    runOnce(refBase, repaveAll, 1, { record: true });
  });
});

describe('1,000 nodes', () => {
  const big = twin([
    'nodes.workers.count=1000',
    'kubernetes.podCidr=100.64.0.0/14',
    'kubernetes.serviceCidr=100.72.0.0/16',
    'storage.portworx.maxStorageNodes=1000',
    'storage.array.usable=6400Ti',
    'workloads.vmClasses[0].count=112000',
    'workloads.vmClasses[1].count=72000',
    'workloads.vmClasses[2].count=16000',
  ]);
  // A sequential rolling repave of 1,000 nodes takes weeks of simulated time: lift the horizon.
  const repaveWorkers = drill('repave-workers', (t) => t.replace('horizon: 120h', 'horizon: 2000h').replace('max: 72h', 'max: 2000h'));
  const bigBase = base(big, repaveWorkers);
  const bigEvents = runOnce(bigBase, repaveWorkers, 1, { record: false }).figures;
  bench(`simulate generated-1000 --drill repave-workers (1,000 workers, 200,000 VMs, ${bigEvents.events} events, ${bigEvents.migrationsStarted} migrations, one thread)`, () => {
    runOnce(bigBase, repaveWorkers, 1, { record: false });
  }, { iterations: 3, time: 0, warmupIterations: 0 });
});
