/**
 * Regenerates the golden drill results (test/golden/sim/*.json): every bundled drill on the
 * reference scenario at seed 1. Run deliberately (`npm run golden:sim`) and read the diff.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldenOf } from '../test/sim/golden.js';
import { BUNDLED_DRILLS } from '../src/sim/drill.js';

for (const name of BUNDLED_DRILLS) {
  const file = join(import.meta.dirname, '..', 'test', 'golden', 'sim', `${name}.json`);
  writeFileSync(file, goldenOf(name));
  process.stderr.write(`wrote ${file}\n`);
}
