/**
 * The demand file reference, generated from the demand codec (docs/demand-file.md is this
 * function's output; a test checks it), in the same table as the site file's.
 */
import { formatReference, UNITS_NOTE } from '../model/docs.js';
import { demandCodec } from './demand.js';

export function demandFileReference(): string {
  return formatReference(demandCodec.shape, [
    '# Demand file reference (apiVersion vmo-twin/v1, kind Demand)',
    '',
    'Generated from the planner\'s own codec by `npm run docs`; do not edit by hand.',
    '',
    'A demand says what a cluster must run and survive; `vmo-twin plan DEMAND` finds the smallest site that does.',
    '`workloads` is written exactly as in a site file (docs/site-file.md), and so is each `hardware.<name>` class.',
    'The command line overrides `tolerate`, `growth`, `drills` and `runs` (`--tolerate`, `--growth`, `--drills`, `--runs`).',
    ...UNITS_NOTE,
    'Unknown keys are errors with a "did you mean"; any error makes the demand unusable (exit 2).',
  ]);
}
