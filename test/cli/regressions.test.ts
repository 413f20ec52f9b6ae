/**
 * Cases the fuzz found, kept in test/fixtures/regressions/ (a site file and a .case.json
 * saying how it was found, and what it must give where that is certain): every one runs
 * through every command that reads a site, under the same oracle as the fuzz.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Code } from '../../src/model/diagnostics.js';
import { fuzzWorkspace, runCase } from '../robust/case.js';
import { REGRESSIONS_DIR } from '../robust/fuzz.js';
import { expectationProblems } from '../robust/oracle.js';
import { InProcessPool } from '../robust/runner.js';

interface Kept {
  readonly site: string;
  readonly sets: readonly string[];
  readonly foundBy: string;
  readonly seed: number;
  readonly path: string;
  readonly problem: string;
  readonly expect?: { readonly exit: 1 | 2; readonly code: Code; readonly path: string };
}

const kept = readdirSync(REGRESSIONS_DIR)
  .filter((f) => f.endsWith('.case.json'))
  .sort()
  .map((f) => ({ name: f.replace(/\.case\.json$/, ''), ...(JSON.parse(readFileSync(join(REGRESSIONS_DIR, f), 'utf8')) as Kept) }));

const { cli, dir: scratch } = fuzzWorkspace(new InProcessPool());

describe('kept regressions', () => {
  it('are kept (the folder holds the cases the fuzz found)', () => {
    expect(kept.length).toBeGreaterThan(0);
  });
  for (const k of kept) {
    it(`${k.name} (found by "${k.foundBy}": ${k.problem.slice(0, 100)}) runs clean through every command`, async () => {
      const text = readFileSync(join(REGRESSIONS_DIR, k.site), 'utf8');
      const r = await runCase(cli, scratch, { text, file: k.site, sets: k.sets }, new Set(['validate', 'size']));
      const problems = [...r.problems];
      if (k.expect) problems.push(...expectationProblems({ exit: k.expect.exit, path: k.expect.path, codes: [k.expect.code] }, r.runs.get('validate')?.exit, r.runs.get('validate')?.diagnostics));
      expect(problems).toEqual([]);
    }, 120_000);
  }
});
