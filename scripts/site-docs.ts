/** Writes docs/site-file.md, docs/demand-file.md and docs/drill-file.md from the codecs (npm run docs). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { siteFileReference } from '../src/model/docs.js';
import { demandFileReference } from '../src/planner/docs.js';
import { drillFileReference } from '../src/sim/docs.js';

const docs = join(import.meta.dirname, '..', 'docs');
writeFileSync(join(docs, 'site-file.md'), siteFileReference());
writeFileSync(join(docs, 'demand-file.md'), demandFileReference());
writeFileSync(join(docs, 'drill-file.md'), drillFileReference());
