/**
 * fuzz(): a failing property reports its shrunk case, seed, path and a replay line that names
 * this test, so `-t` finds it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzz } from './fuzz.js';

describe('fuzz', () => {
  it('reports a failure with the shrunk case, the seed and a replay command for this very test', async () => {
    const failing = fuzz('numbers stay small', fc.integer({ min: 0, max: 1000 }), async (n) => {
      if (n > 50) throw new Error(`${n} is too big`);
    }, { testFile: 'test/robust/fuzz.test.ts', runs: 200 });
    const message = await failing.then(
      () => '',
      (e: unknown) => (e as Error).message,
    );
    expect(message).toMatch(/^numbers stay small: failed after \d+ cases? and \d+ shrinks \(seed -?\d+, path [\d:]+\)/);
    expect(message).toContain('51 is too big');
    expect(message).toContain('case: 51');
    expect(message).toMatch(/replay: FUZZ_SEED=-?\d+ FUZZ_PATH=[\d:]+ npx vitest run test\/robust\/fuzz\.test\.ts -t "reports a failure with the shrunk case, the seed and a replay command for this very test"/);
  });
  it('passes quietly when the property holds', async () => {
    await expect(fuzz('numbers are numbers', fc.integer(), async (n) => void expect(typeof n).toBe('number'), { testFile: 'x', runs: 50 })).resolves.toBeUndefined();
  });
});
