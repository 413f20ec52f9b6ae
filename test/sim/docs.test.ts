/**
 * docs/drill-file.md is what the drill codec generates, and lists the keys drill authors write.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drillFileReference } from '../../src/sim/docs.js';
import { GATE_METRICS } from '../../src/sim/gates.js';
import { ROOT } from '../helpers/site.js';

describe('docs/drill-file.md', () => {
  it('is what the drill codec generates (run `npm run docs` after changing the format)', () => {
    expect(readFileSync(join(ROOT, 'docs', 'drill-file.md'), 'utf8')).toBe(drillFileReference());
  });
  it('documents the keys of a drill and every gate metric', () => {
    const doc = drillFileReference();
    for (const p of ['spec.horizon', 'spec.repave', 'spec.failures[].atRandomWithin', 'spec.failures[].repairAfter', 'spec.fabricFailure.controller', 'spec.assumptions.dirtyRate', 'spec.gates[].metric']) expect(doc).toContain(`\`${p}\``);
    for (const m of GATE_METRICS) expect(doc).toContain(`\`${m}\``);
  });
});
