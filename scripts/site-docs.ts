/** Writes docs/site-file.md from the codecs (npm run docs). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { siteFileReference } from '../src/model/docs.js';

writeFileSync(join(import.meta.dirname, '..', 'docs', 'site-file.md'), siteFileReference());
