/** Writes docs/site-file.md and docs/demand-file.md from the codecs (npm run docs). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { siteFileReference } from '../src/model/docs.js';
import { demandFileReference } from '../src/planner/docs.js';

const docs = join(import.meta.dirname, '..', 'docs');
writeFileSync(join(docs, 'site-file.md'), siteFileReference());
writeFileSync(join(docs, 'demand-file.md'), demandFileReference());
