/**
 * Mutations of valid sites (dropped and misspelt keys, wrong types, numbers out of range, bad
 * and swapped units, overlapping CIDRs, duplicates, unicode, huge strings, broken YAML, bad
 * --set arguments) through every command that reads a site, in-process and bounded: the same
 * promises as for valid sites. Where one mutation makes the answer certain, that answer is
 * single-mutations.test.ts. The cases are this property's share of FUZZ_RUNS (robust/fuzz.ts).
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { mutatedSiteArb } from '../arbitraries/mutate.js';
import { fuzzWorkspace, humanArb, mutatedCase, runCase } from '../robust/case.js';
import { fuzz, fuzzRuns, fuzzTimeoutMs } from '../robust/fuzz.js';
import { InProcessPool } from '../robust/runner.js';

const RUNS = fuzzRuns('mutated sites through every command');
const FILE = 'test/cli/mutated-sites.test.ts';
const { cli, dir } = fuzzWorkspace(new InProcessPool());

describe('mutated sites', () => {
  it('run through every site command without a crash, a hang, an unknown code or an unlocated diagnostic', async () => {
    await fuzz(
      'mutated sites through every command',
      fc.tuple(mutatedSiteArb, humanArb),
      async ([m, human]) => {
        const r = await runCase(cli, dir, mutatedCase(m), new Set(human === 'none' ? [] : [human]));
        if (r.problems.length) throw new Error(`${m.describe}\n  ${r.problems.join('\n  ')}`);
      },
      { testFile: FILE, runs: RUNS, toCase: ([m]) => mutatedCase(m) },
    );
  }, fuzzTimeoutMs(RUNS));
});
