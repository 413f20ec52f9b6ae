/**
 * Golden results: every bundled drill on the reference scenario at seed 1, byte for byte.
 * A difference is either a bug or a deliberate change: regenerate with `npm run golden:sim`
 * and read the diff before committing it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DRILLS } from '../../src/sim/drill.js';
import { ROOT } from '../helpers/site.js';
import { goldenOf } from './golden.js';

describe('golden drill results on the reference scenario (seed 1)', () => {
  for (const name of BUNDLED_DRILLS) {
    it(`${name} matches test/golden/sim/${name}.json`, () => {
      const want = readFileSync(join(ROOT, 'test', 'golden', 'sim', `${name}.json`), 'utf8');
      expect(goldenOf(name)).toBe(want);
    });
  }
});
