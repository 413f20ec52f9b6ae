/**
 * Mutations of valid sites (dropped and misspelt keys, wrong types, numbers out of range, bad
 * and swapped units, overlapping CIDRs, duplicates, unicode, huge strings, broken YAML, bad
 * --set arguments) through every command that reads a site, in-process and bounded: the same
 * promises as for valid sites, and where a mutation makes the answer certain (a value of the
 * wrong type at a path), that answer. FUZZ_RUNS sets the number of cases.
 */
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { mutatedSiteArb, singleMutationArb, type MutatedSite } from '../arbitraries/mutate.js';
import { runCase, scratchDir, writeCase } from '../robust/case.js';
import { SITE_COMMANDS } from '../robust/commands.js';
import { fuzz, fuzzRuns, fuzzTimeoutMs } from '../robust/fuzz.js';
import { expectationProblems, judge } from '../robust/oracle.js';
import { InProcessPool } from '../robust/runner.js';

const RUNS = fuzzRuns(150);
/** At most one command per case also runs without --json (its human output is checked too). */
const humanArb = fc.constantFrom('none', ...SITE_COMMANDS.map((c) => c.name));
const FILE = 'test/cli/mutated-sites.test.ts';
const cli = new InProcessPool();
const dir = scratchDir();
afterAll(() => cli.close());
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

  it('give the answer a single mutation makes certain: its code at its path, and exit 2 for unusable input', async () => {
    const validate = SITE_COMMANDS.find((c) => c.name === 'validate');
    if (!validate) throw new Error('validate must be a site command');
    await fuzz(
      'a single mutation gets its diagnostic',
      singleMutationArb,
      async (m) => {
        const site = writeCase(dir, { text: m.text, file: m.file, sets: m.sets });
        const j = judge(validate, true, { text: m.text, sets: m.sets }, await cli.run(validate.argv({ site, sets: m.sets, json: true, scratch: dir })));
        const problems = [...j.problems];
        for (const mutation of m.mutations) if (mutation.expect) problems.push(...expectationProblems(mutation.expect, j.exit, j.diagnostics));
        if (problems.length) throw new Error(`${m.describe}\n  ${problems.join('\n  ')}`);
      },
      { testFile: FILE, runs: RUNS, toCase },
    );
  }, fuzzTimeoutMs(RUNS));
});
