/**
 * Test setup: property tests run from a fixed seed, so a CI run is reproducible; set FC_SEED to
 * explore other cases (a failure prints the seed and path that replay it).
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env['FC_SEED'] ?? 20261125) });
