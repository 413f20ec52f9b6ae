/**
 * `npm run golden:update`: re-render the golden export of every bundled scenario into
 * test/golden/export/<scenario>/ (all four formats). Run it on purpose, then read `git diff
 * test/golden` before committing: the golden test never updates these files itself.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FORMATS, renderExport, writeExport } from '../src/exporters/index.js';
import { loadSiteFile } from '../src/model/load.js';
import { validateSite } from '../src/model/validate.js';

const root = join(import.meta.dirname, '..');
// Site files only (the demand files beside them are the planner's input).
const scenarios = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml') && /^kind: Site$/m.test(readFileSync(join(root, 'scenarios', f), 'utf8'))).sort();
for (const file of scenarios) {
  const name = basename(file, '.yaml');
  const loaded = loadSiteFile(join(root, 'scenarios', file), []);
  if (loaded.kind !== 'loaded') throw new Error(`${file} does not load`);
  const v = validateSite(loaded.site, loaded.source, loaded.diagnostics);
  if (!v.twin || v.exitCode !== 0) throw new Error(`${file} does not validate`);
  const dir = join(root, 'test', 'golden', 'export', name);
  rmSync(dir, { recursive: true, force: true });
  const files = renderExport(v.twin, FORMATS);
  const r = writeExport(dir, files, FORMATS);
  if (r.kind !== 'compared') throw new Error(r.message);
  process.stderr.write(`golden: ${files.length} files for ${name} in test/golden/export/${name}\n`);
}
