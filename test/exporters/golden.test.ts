/**
 * Golden files: the export of every bundled scenario, at its exact bytes, in
 * test/golden/export/<scenario>/. The test regenerates into a temporary directory and compares the
 * two trees; it never updates them (that is `npm run golden:update`, whose diff is read).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS, renderExport, writeExport } from '../../src/exporters/index.js';
import { tree } from '../helpers/cli.js';
import { ROOT, twinOf } from '../helpers/site.js';

const GOLDEN = join(ROOT, 'test', 'golden', 'export');
// Site files only (the demand files beside them are the planner's input).
const scenarios = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml') && /^kind: Site$/m.test(readFileSync(join(ROOT, 'scenarios', f), 'utf8'))).map((f) => f.replace(/\.yaml$/, '')).sort();


describe('golden exports', () => {
  it('cover every bundled scenario', () => {
    expect(readdirSync(GOLDEN).sort()).toEqual(scenarios);
  });
  for (const name of scenarios) {
    it(`${name}: a fresh export matches test/golden/export/${name} byte for byte (update with npm run golden:update)`, () => {
      const dir = mkdtempSync(join(tmpdir(), `vmo-twin-golden-${name}-`));
      const r = writeExport(dir, renderExport(twinOf(name), FORMATS), FORMATS);
      expect(r.kind).toBe('compared');
      const fresh = tree(dir);
      const golden = tree(join(GOLDEN, name));
      expect([...fresh.keys()]).toEqual([...golden.keys()]);
      const differing = [...fresh].filter(([path, text]) => golden.get(path) !== text).map(([path]) => path);
      expect(differing, 'files that differ from the golden copy').toEqual([]);
    });
  }
});
