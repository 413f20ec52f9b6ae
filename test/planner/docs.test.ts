/**
 * docs/demand-file.md is what the demand codec generates, and lists the keys users write.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demandFileReference } from '../../src/planner/docs.js';
import { ROOT } from '../helpers/site.js';

describe('docs/demand-file.md', () => {
  it('is what the demand codec generates (run `npm run docs` after changing the format)', () => {
    expect(readFileSync(join(ROOT, 'docs', 'demand-file.md'), 'utf8')).toBe(demandFileReference());
  });
  it('documents the keys of a demand', () => {
    const doc = demandFileReference();
    for (const p of ['workloads.vmClasses[].count', 'workloads.containerPods', 'tolerate', 'growth', 'drills', 'runs', 'hardware.<name>.cost', 'hardware.<name>.hbas[].fabric']) expect(doc).toContain(`\`${p}\``);
  });
});
