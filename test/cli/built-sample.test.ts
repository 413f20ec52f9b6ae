/**
 * A sample of generated cases (valid and mutated) through the built CLI, as users run it:
 * a process per run, killed if it overruns. The in-process properties cover thousands of
 * cases; this checks that what they test is what ships (bin.js, argv parsing, exit status).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutatedSiteArb } from '../arbitraries/mutate.js';
import { validSiteArb } from '../arbitraries/site.js';
import { removeScratch, scratchDir, writeCase } from '../robust/case.js';
import { SITE_COMMANDS } from '../robust/commands.js';
import { builtSample, FUZZ_SEED } from '../robust/fuzz.js';
import { agreementProblems, judge, type RunSummary } from '../robust/oracle.js';
import { pooled, runBuilt } from '../robust/runner.js';

// A process per run is slow: a small sample of each kind (robust/fuzz.ts).
const SAMPLE = builtSample();

describe('generated cases through the built CLI', () => {
  const valid = fc.sample(validSiteArb, { numRuns: SAMPLE, seed: FUZZ_SEED }).map((s, i) => ({ name: `valid #${i}`, text: s.text, file: s.file, sets: [] as readonly string[], describe: s.file }));
  const mutated = fc
    .sample(mutatedSiteArb, { numRuns: SAMPLE * 2, seed: FUZZ_SEED })
    // Linux refuses a single argument over 128 KiB; such --set values run in-process only.
    .filter((m) => m.sets.every((s) => s.length < 100_000))
    .slice(0, SAMPLE)
    .map((m, i) => ({ name: `mutated #${i}`, text: m.text, file: m.file, sets: m.sets, describe: m.describe }));
  const modes = fc.sample(fc.array(fc.boolean(), { minLength: SITE_COMMANDS.length, maxLength: SITE_COMMANDS.length }), { numRuns: SAMPLE * 2, seed: FUZZ_SEED });

  it(`${SAMPLE * 2} cases run under every site command without a crash, a hang or an unlocated diagnostic, and the commands agree`, async () => {
    const cases = [...valid, ...mutated];
    const problems: string[] = [];
    await pooled(
      cases.map((c, i) => async () => {
        const dir = scratchDir();
        const site = writeCase(dir, c);
        const runs = new Map<string, RunSummary>();
        for (const [k, command] of SITE_COMMANDS.entries()) {
          const json = modes[i]?.[k] ?? true;
          const j = judge(command, json, c, await runBuilt(command.argv({ site, sets: c.sets, json, scratch: dir })));
          runs.set(command.name, j);
          problems.push(...j.problems.map((p) => `${c.name} (${c.describe}): ${p}`));
        }
        problems.push(...agreementProblems(runs).map((p) => `${c.name}: ${p}`));
        removeScratch(dir);
      }),
      2,
    );
    expect(problems).toEqual([]);
  }, 300_000);
});
