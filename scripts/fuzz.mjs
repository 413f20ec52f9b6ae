#!/usr/bin/env node
// npm run fuzz: the robustness campaign on a fresh seed (printed; FUZZ_SEED=… runs the same
// cases again). FUZZ_RUNS (10,000 unless set) is the number of generated cases in all, split
// across the properties by fixed shares (FUZZ_SHARES in test/robust/fuzz.ts: 10 % valid sites
// through every command, 3 % the same site in three formats, 22 % mutated sites through every
// command, 65 % single mutations), plus a sample through the built CLI (8 valid and 8 mutated
// cases at 10,000); the simulator's invariants run over SIM_SEEDS seeds (1,000 unless set).
// A failure prints the shrunk case, its seed and path, and a one-line replay command, and
// keeps the case in test/fixtures/regressions/. Progress goes to stderr.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const runs = process.env.FUZZ_RUNS || '10000';
const simSeeds = process.env.SIM_SEEDS || '1000';
// A seed from the clock is still a seed: printed here and in every failure, and replayable.
const seed = process.env.FUZZ_SEED || String(Date.now() % 2_147_483_647);
const wanted = ['test/cli/mutated-sites.test.ts', 'test/cli/single-mutations.test.ts', 'test/cli/valid-sites.test.ts', 'test/sim/invariants-fuzz.test.ts', 'test/cli/built-sample.test.ts'];
const missing = wanted.filter((f) => !existsSync(f));
if (missing.length) {
  process.stderr.write(`fuzz: run it from the repository's root (missing: ${missing.join(', ')})\n`);
  process.exit(2);
}
const files = wanted;
process.stderr.write(`fuzz: FUZZ_RUNS=${runs} SIM_SEEDS=${simSeeds} FUZZ_SEED=${seed} over ${files.join(', ')}\n`);
const t0 = Date.now();
// Files run side by side, one per core; each also runs its CLI commands on worker threads.
const forks = String(Math.max(1, availableParallelism()));
const r = spawnSync('npx', ['vitest', 'run', '--maxWorkers', forks, ...files], { stdio: 'inherit', env: { ...process.env, FUZZ_RUNS: runs, SIM_SEEDS: simSeeds, FUZZ_SEED: seed } });
process.stderr.write(`fuzz: ${r.status === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - t0) / 1000)} s (FUZZ_RUNS=${runs} SIM_SEEDS=${simSeeds} FUZZ_SEED=${seed})\n`);
process.exit(r.status ?? 1);
