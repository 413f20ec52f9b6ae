/**
 * Saved drill results: the contract's shape is accepted as it is; anything else is refused
 * with the file, the JSON path and what was expected (a usage error, exit 2).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/io.js';
import { stableStringify } from '../../src/cli/output.js';
import { readResultsFile, simResultFromJson } from '../../src/cli/results-file.js';
import type { SimResult } from '../../src/sim/result.js';
import { referenceFixtures } from '../helpers/report.js';

const dir = mkdtempSync(join(tmpdir(), 'vmo-twin-results-'));
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const clone = (r: SimResult): Record<string, any> => JSON.parse(JSON.stringify(r)) as Record<string, any>;

function refusal(file: string): string {
  try {
    readResultsFile(file);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as UsageError).message;
  }
  throw new Error(`${file} was accepted`);
}

describe('readResultsFile', () => {
  const { repave, nodeFailure } = referenceFixtures();

  it('reads a single run and a Monte Carlo set back exactly as they were written', () => {
    for (const r of [repave, nodeFailure]) {
      const back = readResultsFile(write(`${r.drill}.json`, stableStringify(r)));
      expect(stableStringify(back)).toBe(stableStringify(r));
    }
  });

  const cases: Array<[string, (o: Record<string, any>) => unknown, RegExp]> = [
    ['a missing field', (o) => delete o['drill'], /drill is missing/],
    ['a count that is not whole', (o) => (o['migrations'].started = 1.5), /migrations\.started is 1\.5, not a whole number/],
    ['a negative time', (o) => (o['run'].timeline[3].start = -1), /run\.timeline\[3\]\.start is -1, not a number ≥ 0/],
    ['a span that ends before it starts', (o) => (o['run'].timeline[5].end = 0), /run\.timeline\[5\] ends \(0\) before it starts/],
    ['a series out of time order', (o) => (o['run'].series.inFlightMigrations[5][0] = 0), /inFlightMigrations\[5\] is at t = 0 s, before the point ahead of it/],
    ['a node index past the node list', (o) => (o['run'].series.vmsPerNode[70][1] = 999), /vmsPerNode\[70\]\[1\] is node 999, but run\.series\.nodes lists 64/],
    ['a point that is not a pair', (o) => (o['run'].series.degradedVolumes[1] = [1, 2, 3]), /degradedVolumes\[1\] is a list, not \[t seconds, value\]/],
    ['a flag that is a string', (o) => (o['storage'].quorumLost = 'no'), /storage\.quorumLost is "no", not true or false/],
    ['runs of 0', (o) => (o['runs'] = 0), /runs is 0, not a whole number ≥ 1/],
  ];
  for (const [what, change, message] of cases) {
    it(`refuses ${what}, naming the JSON path`, () => {
      const o = clone(repave);
      change(o);
      const m = refusal(write('bad.json', JSON.stringify(o)));
      expect(m).toMatch(/^results file .*bad\.json is not a drill result: /);
      expect(m).toMatch(message);
    });
  }

  it('refuses a Monte Carlo set whose perRun does not list every run', () => {
    const o = clone(nodeFailure);
    o['perRun'].pop();
    expect(refusal(write('short.json', JSON.stringify(o)))).toMatch(/perRun lists 199 runs, but runs is 200/);
  });
  it('refuses a file that is not JSON, is missing, or holds diagnostics', () => {
    expect(refusal(write('text.json', 'repave: done'))).toMatch(/is not JSON/);
    expect(refusal(join(dir, 'nowhere.json'))).toMatch(/cannot read results file .*nowhere\.json: there is no such file/);
    expect(refusal(dir)).toMatch(/is not a file/);
    expect(refusal(write('diag.json', JSON.stringify({ ok: false, diagnostics: [] })))).toMatch(/holds diagnostics, not a drill result/);
  });
  it('keeps no field it does not know', () => {
    const back = simResultFromJson({ ...clone(repave), timings: { wallSeconds: 1, eventsPerSecond: 2, workers: 2 } });
    expect('timings' in back).toBe(false);
  });
});
