/**
 * Running a property as a fuzz campaign: a number of cases (FUZZ_RUNS, below), a seed that is
 * printed and can be given back (FUZZ_SEED, FUZZ_PATH), and on failure a message with the
 * shrunk case, the seed and a one-line replay command. The failing case is written to
 * test/fixtures/regressions/ (outside CI) so it is kept and replayed by every later `npm test`
 * once it is committed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { ROOT } from '../helpers/site.js';

/**
 * What FUZZ_RUNS means: the number of generated cases the robustness properties run in all
 * (10,000 in `npm run fuzz`; FUZZ_RUNS_DEFAULT in `npm test`), split across them by the fixed
 * shares below — each property runs floor(share × FUZZ_RUNS) cases, and at least its floor —
 * so the split is deterministic and a FUZZ_SEED replays the same cases. At 10,000: 1,000 valid
 * sites through every command, 300 sites in three formats, 2,200 mutated sites through every
 * command, 6,500 single mutations. Shares rather than FUZZ_RUNS each: a case through every
 * site command is seven or eight runs of the CLI (about 85 ms of CPU for a mutated site,
 * 120 ms for a valid one, measured in one thread), a single-mutation case one run (about 15 ms),
 * and 10,000 of each would be 2,200 s of CLI alone. Most cases go where they are cheap and search
 * widest (single mutations); every mutated case also starts from a generated valid site.
 */
export const FUZZ_SHARES = {
  'valid sites through every command': { share: 0.1, floor: 30 },
  'the same site in three formats': { share: 0.03, floor: 20 },
  'mutated sites through every command': { share: 0.22, floor: 60 },
  'a single mutation gets its diagnostic': { share: 0.65, floor: 100 },
} as const;
export type FuzzProperty = keyof typeof FUZZ_SHARES;

/** The cases in all when FUZZ_RUNS is not set (`npm test`). */
export const FUZZ_RUNS_DEFAULT = 500;

/** FUZZ_RUNS, else FUZZ_RUNS_DEFAULT. */
export function fuzzTotal(): number {
  const env = process.env['FUZZ_RUNS'];
  return env !== undefined && env !== '' ? Math.max(1, Math.floor(Number(env)) || 1) : FUZZ_RUNS_DEFAULT;
}

/** The cases one property runs: its share of FUZZ_RUNS, at least its floor. */
export function fuzzRuns(property: FuzzProperty): number {
  const { share, floor } = FUZZ_SHARES[property];
  return Math.max(floor, Math.floor(share * fuzzTotal()));
}

/**
 * Cases of each kind (valid, mutated) the built-CLI sample runs: a process per command per
 * case, about half a second of CPU a run, so a small sample that grows with FUZZ_RUNS — 4 of
 * each in `npm test`, 8 of each from FUZZ_RUNS=8,000.
 */
export function builtSample(): number {
  return Math.min(8, Math.max(4, Math.floor(fuzzTotal() / 1000)));
}

/** The seed: FUZZ_SEED, else a fixed one so `npm test` runs the same cases every time. */
export const FUZZ_SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_125);

export const REGRESSIONS_DIR = join(ROOT, 'test', 'fixtures', 'regressions');

/** A failing case, as kept in test/fixtures/regressions/. */
export interface RegressionCase {
  readonly text: string;
  /** site.yaml or site.json: the extension the site file is written with. */
  readonly file: string;
  readonly sets: readonly string[];
}

export interface FuzzOptions<T> {
  /** The test file, for the replay command. */
  readonly testFile: string;
  readonly runs: number;
  /** How to keep a failing case as a regression fixture. */
  readonly toCase?: (value: T) => RegressionCase;
  /** Fixed cases run first (the extremes of the space). */
  readonly examples?: ReadonlyArray<[T]>;
}

/** Write a regression fixture: the site file and a sidecar saying how it was found. */
export function keepRegression(name: string, c: RegressionCase, found: { seed: number; path: string; problem: string }): string {
  const hash = createHash('sha256').update(c.text).update(JSON.stringify(c.sets)).digest('hex').slice(0, 10);
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
  const base = `${slug}-${hash}`;
  const ext = c.file.endsWith('.json') ? 'json' : 'yaml';
  mkdirSync(REGRESSIONS_DIR, { recursive: true });
  writeFileSync(join(REGRESSIONS_DIR, `${base}.${ext}`), c.text);
  writeFileSync(join(REGRESSIONS_DIR, `${base}.case.json`), `${JSON.stringify({ site: `${base}.${ext}`, sets: c.sets, foundBy: name, seed: found.seed, path: found.path, problem: found.problem.split('\n')[0] }, null, 2)}\n`);
  return join(REGRESSIONS_DIR, `${base}.case.json`);
}

/** Run the property; throw a replayable report when it fails. */
export async function fuzz<T>(name: string, arb: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, opts: FuzzOptions<T>): Promise<void> {
  const replayPath = process.env['FUZZ_PATH'];
  const details = await fc.check(fc.asyncProperty(arb, predicate), {
    numRuns: opts.runs,
    seed: FUZZ_SEED,
    ...(replayPath ? { path: replayPath, endOnFailure: true } : {}),
    ...(opts.examples ? { examples: [...opts.examples] } : {}),
  });
  if (!details.failed) return;
  const counterexample = details.counterexample?.[0];
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  // vitest's -t matches the test's own title, which is what names it here.
  const title = (expect.getState().currentTestName ?? name).split(' > ').pop() ?? name;
  const replay = `FUZZ_SEED=${details.seed} FUZZ_PATH=${details.counterexamplePath ?? ''} npx vitest run ${opts.testFile} -t ${JSON.stringify(title)}`;
  let kept = '';
  if (counterexample !== undefined && opts.toCase && !process.env['CI']) {
    kept = `\nkept as ${relative(ROOT, keepRegression(name, opts.toCase(counterexample), { seed: details.seed, path: details.counterexamplePath ?? '', problem: error }))} (commit it with the fix; npm test replays it)`;
  }
  const shown = fc.stringify(counterexample);
  throw new Error(
    `${name}: failed after ${details.numRuns} case${details.numRuns === 1 ? '' : 's'} and ${details.numShrinks} shrinks (seed ${details.seed}, path ${details.counterexamplePath ?? '-'})\n` +
      `${error}\ncase: ${shown.length > 4000 ? `${shown.slice(0, 4000)}…` : shown}${kept}\nreplay: ${replay}`,
  );
}

/** A test timeout that lets `runs` cases finish; a single hung case is stopped by the runner's own bound. */
export function fuzzTimeoutMs(runs: number): number {
  return 120_000 + runs * 3_000;
}
