/**
 * One mutation of a valid site at a time, where the mutation makes the answer certain (a value
 * of the wrong type at a path, a number out of range, a bad unit): `validate` gives that code
 * at that path (naming the --set when it came from one), and exit 2 for unusable input. One
 * run a case, so this property takes the largest share of FUZZ_RUNS (robust/fuzz.ts); it has
 * its own file so the fuzz campaign runs it beside the others.
 */
import { describe, it } from 'vitest';
import { singleMutationArb } from '../arbitraries/mutate.js';
import { fuzzWorkspace, mutatedCase, writeCase } from '../robust/case.js';
import { SITE_COMMANDS } from '../robust/commands.js';
import { fuzz, fuzzRuns, fuzzTimeoutMs } from '../robust/fuzz.js';
import { expectationProblems, judge } from '../robust/oracle.js';
import { InProcessCli } from '../robust/runner.js';

const RUNS = fuzzRuns('a single mutation gets its diagnostic');
const FILE = 'test/cli/single-mutations.test.ts';
const { cli, dir } = fuzzWorkspace(new InProcessCli());

describe('single mutations', () => {
  it('give the answer a single mutation makes certain: its code at its path, and exit 2 for unusable input', async () => {
    const validate = SITE_COMMANDS.find((c) => c.name === 'validate');
    if (!validate) throw new Error('validate must be a site command');
    await fuzz(
      'a single mutation gets its diagnostic',
      singleMutationArb,
      async (m) => {
        const site = writeCase(dir, mutatedCase(m));
        const j = judge(validate, true, { text: m.text, sets: m.sets }, await cli.run(validate.argv({ site, sets: m.sets, json: true, scratch: dir })));
        const problems = [...j.problems];
        for (const mutation of m.mutations) if (mutation.expect) problems.push(...expectationProblems(mutation.expect, j.exit, j.diagnostics));
        if (problems.length) throw new Error(`${m.describe}\n  ${problems.join('\n  ')}`);
      },
      { testFile: FILE, runs: RUNS, toCase: mutatedCase },
    );
  }, fuzzTimeoutMs(RUNS));
});
