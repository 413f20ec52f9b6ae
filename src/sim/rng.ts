/**
 * The simulator's seeded PRNG: the one in the model (`model/rng.ts`), so drills and the
 * exporters' retry jitter share one implementation.
 */
export { Rng } from '../model/rng.js';
