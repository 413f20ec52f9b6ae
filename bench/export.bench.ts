/**
 * Export: a compiled twin rendered in every format (the files, not the disk writes). Runs on
 * the built output (dist/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { FORMATS, renderExport } from '../dist/exporters/index.js';
import { loadSiteText } from '../dist/model/load.js';
import { compileTwin } from '../dist/model/twin.js';

const root = join(import.meta.dirname, '..');
function twin(name: string) {
  const loaded = loadSiteText(readFileSync(join(root, 'scenarios', `${name}.yaml`), 'utf8'), `${name}.yaml`);
  if (loaded.kind !== 'loaded') throw new Error(`${name} must load`);
  const r = compileTwin(loaded.site);
  if (r.kind !== 'compiled') throw new Error(`${name} must compile`);
  return r.twin;
}
const ra64 = twin('vmo-ra-64');
const ra128 = twin('vmo-ra-128');

describe('export', () => {
  bench('export scenarios/vmo-ra-64.yaml --format all (render 20 files)', () => {
    if (renderExport(ra64, FORMATS).length !== 20) throw new Error('20 files expected');
  });
  bench('export scenarios/vmo-ra-128.yaml --format all (render 20 files)', () => {
    if (renderExport(ra128, FORMATS).length !== 20) throw new Error('20 files expected');
  });
  for (const format of FORMATS) {
    bench(`export scenarios/vmo-ra-64.yaml --format ${format}`, () => {
      renderExport(ra64, [format]);
    });
  }
});
