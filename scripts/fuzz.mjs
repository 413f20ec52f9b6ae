#!/usr/bin/env node
// npm run fuzz: the robustness properties at FUZZ_RUNS cases each (10,000 unless set), on a
// fresh seed (printed; FUZZ_SEED=… runs the same cases again). A failure prints the shrunk
// case, its seed and path, and a one-line replay command, and keeps the case in
// test/fixtures/regressions/. The simulator's invariants run SIM_SEEDS seeds (1,000 unless set)
// of every bundled drill on sites generated from the same seed. Progress goes to stderr.
import { spawnSync } from 'node:child_process';

const runs = process.env.FUZZ_RUNS || '10000';
// A seed from the clock is still a seed: printed here and in every failure, and replayable.
const seed = process.env.FUZZ_SEED || String(Date.now() % 2_147_483_647);
const simSeeds = process.env.SIM_SEEDS || '1000';
const files = ['test/cli/valid-sites.test.ts', 'test/cli/mutated-sites.test.ts', 'test/cli/built-sample.test.ts', 'test/sim/invariants-fuzz.test.ts'];
process.stderr.write(`fuzz: FUZZ_RUNS=${runs} FUZZ_SEED=${seed} SIM_SEEDS=${simSeeds} over ${files.join(', ')}\n`);
const t0 = Date.now();
const r = spawnSync('npx', ['vitest', 'run', ...files], { stdio: 'inherit', env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed, SIM_SEEDS: simSeeds } });
process.stderr.write(`fuzz: ${r.status === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - t0) / 1000)} s (FUZZ_RUNS=${runs} FUZZ_SEED=${seed} SIM_SEEDS=${simSeeds})\n`);
process.exit(r.status ?? 1);
