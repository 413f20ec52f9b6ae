/**
 * Generated valid sites through every command that reads a site (in-process, bounded):
 * nothing crashes or hangs, exits are 0, 1 or 2 and agree between commands, diagnostics are
 * coded and located, and a site that validates clean compiles and places with the twin's
 * invariants holding. The number of cases is this property's share of FUZZ_RUNS (robust/fuzz.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validSiteArb } from '../arbitraries/site.js';
import { check } from '../helpers/site.js';
import { render } from '../arbitraries/site.js';
import { fuzzWorkspace, humanArb, runCase } from '../robust/case.js';
import { fuzz, fuzzRuns, fuzzTimeoutMs } from '../robust/fuzz.js';
import { InProcessPool } from '../robust/runner.js';

const RUNS = fuzzRuns('valid sites through every command');
const FORMAT_RUNS = fuzzRuns('the same site in three formats');
const FILE = 'test/cli/valid-sites.test.ts';
const { cli, dir } = fuzzWorkspace(new InProcessPool());

describe('generated valid sites', () => {
  it('run through every site command without a crash, a hang or an unlocated diagnostic, and clean ones place every VM', async () => {
    await fuzz(
      'valid sites through every command',
      fc.tuple(validSiteArb, humanArb),
      async ([site, human]) => {
        const r = await runCase(cli, dir, { text: site.text, file: site.file, sets: [] }, new Set(human === 'none' ? [] : [human]));
        if (r.runs.get('validate')?.exit === 2) r.problems.push(`a generated valid site is unusable: ${r.runs.get('validate')?.diagnostics?.map((d) => `${d.code}@${d.path}`).join(', ')}`);
        if (r.problems.length) throw new Error(r.problems.join('\n'));
      },
      { testFile: FILE, runs: RUNS, toCase: ([site]) => ({ text: site.text, file: site.file, sets: [] }) },
    );
  }, fuzzTimeoutMs(RUNS));

  it('say the same things about a site whether it is written as block YAML, flow YAML or JSON', async () => {
    await fuzz(
      'the same site in three formats',
      validSiteArb,
      async (site) => {
        const strip = (text: string, file: string) => check(text, [], file).diagnostics.map((d) => `${d.severity} ${d.code} ${d.path} ${d.message}`).sort();
        const yaml = strip(render(site.object, 'yaml').text, 'site.yaml');
        expect(strip(render(site.object, 'flow').text, 'site.yaml')).toEqual(yaml);
        expect(strip(render(site.object, 'json').text, 'site.json')).toEqual(yaml);
      },
      { testFile: FILE, runs: FORMAT_RUNS, toCase: (site) => ({ text: site.text, file: site.file, sets: [] }) },
    );
  }, fuzzTimeoutMs(FORMAT_RUNS));
});
