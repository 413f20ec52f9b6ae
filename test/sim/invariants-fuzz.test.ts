/**
 * The simulator's invariants across seeds of every bundled drill on generated sites: each run
 * in test mode (the engine checks VM conservation, capacity, migration limits, replicas on
 * distinct nodes, time order, no event past the end and stalls with a reason after every
 * event and at the end), and the figures checked again here.
 *
 * SIM_SEEDS seeds per drill (200 in `npm test`, 1,000 in `npm run fuzz`); SIM_SEED runs one
 * seed (a replay). Sites: the first SIM_SITES (96) generated sites (test/arbitraries/site.ts,
 * fast-check seed FUZZ_SEED) that compile, errors allowed as with --force, with at most
 * SIM_MAX_NODES (48) machines and SIM_MAX_VMS (5,000) VMs; seed s of a drill runs on the
 * (s mod n)-th of the n sites the drill can be set up on. From 2,000 runs on, they run on worker
 * threads (SIM_THREADS, default every core). SIM_SEEDS=1000 takes about a minute on 2 cores.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, render, sitePlanArb } from '../arbitraries/site.js';
import type { Twin } from '../../src/model/twin.js';
import { bundledDrillFiles, Campaign, forcedTwinOf, type Failure, type SiteCase } from '../helpers/sim-invariants.js';
import { InvariantPool } from '../helpers/sim-invariants-pool.js';
import { FUZZ_SEED } from '../robust/fuzz.js';

const env = (name: string): number | undefined => {
  const v = process.env[name];
  return v !== undefined && v !== '' ? Number(v) : undefined;
};
const ONLY = env('SIM_SEED');
const SEEDS = env('SIM_SEEDS') ?? 200;
const seeds = ONLY !== undefined ? [ONLY] : Array.from({ length: SEEDS }, (_, i) => i + 1);
const SITES = Number(process.env['SIM_SITES'] ?? 96);
const MAX_NODES = Number(process.env['SIM_MAX_NODES'] ?? 48);
const MAX_VMS = Number(process.env['SIM_MAX_VMS'] ?? 5000);
const drills = bundledDrillFiles();
const TEST_FILE = 'test/sim/invariants-fuzz.test.ts';

/**
 * The generated sites: small enough for thousands of runs (machines capped before compiling).
 */
function generatedSites(): { sites: SiteCase[]; twins: Map<number, Twin> } {
  const small = sitePlanArb.filter((p) => p.cpCount + p.cpSpares + p.workers + p.workerSpares <= MAX_NODES).map((p) => render(buildSite(p), p.format, p.style));
  const sites: SiteCase[] = [];
  const twins = new Map<number, Twin>();
  for (const g of fc.sample(small, { seed: FUZZ_SEED, numRuns: 20 * SITES })) {
    const twin = forcedTwinOf(g);
    if (!twin || twin.nodes.count > MAX_NODES || twin.vms.count > MAX_VMS) continue;
    twins.set(sites.length, twin);
    sites.push({ text: g.text, file: g.file });
    if (sites.length === SITES) break;
  }
  return { sites, twins };
}

const generated = generatedSites();
const sites = generated.sites;
const campaign = new Campaign(sites, drills, generated.twins);
const threads = env('SIM_THREADS') ?? (seeds.length * drills.length >= 2000 ? availableParallelism() : 0);
let pool: InvariantPool | null = null;
const started = Date.now();
let events = 0;
const exercised: string[] = [];

beforeAll(() => {
  if (threads > 0) pool = new InvariantPool(threads, sites, drills);
});
afterAll(async () => {
  await pool?.close();
  process.stderr.write(
    `invariants-fuzz: ${drills.length} drills × ${seeds.length} seeds on ${sites.length} sites, ${events.toLocaleString('en-US')} events checked, ${((Date.now() - started) / 1000).toFixed(1)} s on ${threads || 1} thread${threads > 1 ? 's' : ''}\n${exercised.join('\n')}\n`,
  );
});

/** A failure, with the site written out and the one line that replays it. */
function explain(f: Failure): string {
  const dir = join(tmpdir(), 'vmo-twin-invariants');
  mkdirSync(dir, { recursive: true });
  const site = sites[f.site] as SiteCase;
  const path = join(dir, `${f.drill}-seed-${f.seed}-site-${f.site}.${site.file.endsWith('.json') ? 'json' : 'yaml'}`);
  writeFileSync(path, site.text);
  return (
    `${f.drill}, seed ${f.seed}, site #${f.site} of the generated set (FUZZ_SEED=${FUZZ_SEED}), written to ${path}:\n  ${f.problem}\n` +
    `  replay: SIM_SEED=${f.seed} FUZZ_SEED=${FUZZ_SEED} SIM_SITES=${SITES} SIM_MAX_NODES=${MAX_NODES} SIM_MAX_VMS=${MAX_VMS} npx vitest run ${TEST_FILE} -t ${JSON.stringify(f.drill)}\n` +
    `  or: npx vmo-twin simulate ${path} --drill ${f.drill} --seed ${f.seed} --force`
  );
}

describe(`every bundled drill on generated sites holds the simulator's invariants (SIM_SEEDS=${SEEDS}${ONLY !== undefined ? `, SIM_SEED=${ONLY}` : ''})`, () => {
  it('has sites to run on: generated, compiled, small', () => {
    expect(sites.length).toBe(SITES);
  });
  for (const { name } of drills) {
    it(`${name}`, async () => {
      // Not vacuous: the drill can be set up on several of the sites.
      expect(campaign.sitesFor(name).length, `${name} runs on too few generated sites`).toBeGreaterThanOrEqual(SITES / 4);
      const r = pool ? await pool.run(name, seeds) : campaign.runSeeds(name, seeds);
      events += r.events;
      const stalls = Object.entries(r.stalls).sort(([a], [b]) => a.localeCompare(b));
      exercised.push(`  ${name}: ${r.events.toLocaleString('en-US')} events; stalled: ${stalls.length ? stalls.map(([c, n]) => `${c} ${n}`).join(', ') : 'none'}`);
      if (r.failures.length > 0) {
        const shown = r.failures.slice(0, 5).map(explain).join('\n');
        throw new Error(`${r.failures.length} of ${seeds.length} seeds of ${name} broke an invariant:\n${shown}${r.failures.length > 5 ? `\n… and ${r.failures.length - 5} more` : ''}`);
      }
    }, 20 * 60_000);
  }
});
