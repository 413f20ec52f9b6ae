/**
 * Compile: site file → validated twin with every VM placed. Runs on the built output (dist/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { loadSiteText } from '../dist/model/load.js';
import { compileTwin } from '../dist/model/twin.js';
import { validateSite } from '../dist/model/validate.js';
import { sizeReport } from '../dist/planner/size.js';

const root = join(import.meta.dirname, '..');
const text = (name: string): string => readFileSync(join(root, 'scenarios', `${name}.yaml`), 'utf8');
const ra64 = text('vmo-ra-64');
const ra128 = text('vmo-ra-128');
const loaded = loadSiteText(ra64, 'vmo-ra-64.yaml');
if (loaded.kind !== 'loaded') throw new Error('reference scenario must load');
const site = loaded.site;

describe('compile', () => {
  bench('compile vmo-ra-64 (64 nodes, 12,500 VMs placed)', () => {
    const r = compileTwin(site);
    if (r.kind !== 'compiled') throw new Error('compile failed');
  });
  bench('validate scenarios/vmo-ra-64.yaml (load + rules + compile)', () => {
    const l = loadSiteText(ra64, 'vmo-ra-64.yaml');
    if (l.kind !== 'loaded') throw new Error('load failed');
    validateSite(l.site, l.source, l.diagnostics);
  });
  bench('validate scenarios/vmo-ra-128.yaml (128 nodes, 25,000 VMs)', () => {
    const l = loadSiteText(ra128, 'vmo-ra-128.yaml');
    if (l.kind !== 'loaded') throw new Error('load failed');
    validateSite(l.site, l.source, l.diagnostics);
  });
  bench('size scenarios/vmo-ra-64.yaml (figures + node-failure headroom)', () => {
    const r = compileTwin(site);
    if (r.kind !== 'compiled') throw new Error('compile failed');
    sizeReport(r.twin);
  });
});
