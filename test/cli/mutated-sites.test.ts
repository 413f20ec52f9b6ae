/**
 * Mutations of valid sites (dropped and misspelt keys, wrong types, numbers out of range, bad
 * and swapped units, overlapping CIDRs, duplicates, unicode, huge strings, broken YAML, bad
 * --set arguments) through every command that reads a site, in-process and bounded: the same
 * promises as for valid sites. Where one mutation makes the answer certain, that answer is
 * single-mutations.test.ts. The cases are this property's share of FUZZ_RUNS (robust/fuzz.ts).
 */
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { mutatedSiteArb, type MutatedSite } from '../arbitraries/mutate.js';
import { runCase, removeScratch, scratchDir } from '../robust/case.js';
import { SITE_COMMANDS } from '../robust/commands.js';
import { fuzz, fuzzRuns, fuzzTimeoutMs } from '../robust/fuzz.js';
import { InProcessPool } from '../robust/runner.js';

const RUNS = fuzzRuns('mutated sites through every command');
/** At most one command per case also runs without --json (its human output is checked too). */
const humanArb = fc.constantFrom('none', ...SITE_COMMANDS.map((c) => c.name));
const FILE = 'test/cli/mutated-sites.test.ts';
const cli = new InProcessPool();
const dir = scratchDir();
afterAll(async () => {
  await cli.close();
  removeScratch(dir);
});
const toCase = (m: MutatedSite) => ({ text: m.text, file: m.file, sets: m.sets });

describe('mutated sites', () => {
  it('run through every site command without a crash, a hang, an unknown code or an unlocated diagnostic', async () => {
    await fuzz(
      'mutated sites through every command',
      fc.tuple(mutatedSiteArb, humanArb),
      async ([m, human]) => {
        const r = await runCase(cli, dir, { text: m.text, file: m.file, sets: m.sets }, new Set(human === 'none' ? [] : [human]));
        if (r.problems.length) throw new Error(`${m.describe}\n  ${r.problems.join('\n  ')}`);
      },
      { testFile: FILE, runs: RUNS, toCase: ([m]) => toCase(m) },
    );
  }, fuzzTimeoutMs(RUNS));
});
