/**
 * The drill file reference, generated from the drill codec (docs/drill-file.md is this
 * function's output; a test checks it), in the same table as the site file's.
 */
import { formatReference, UNITS_NOTE } from '../model/docs.js';
import { BUNDLED_DRILLS, drillCodec } from './drill.js';
import { BOOLEAN_METRICS, DURATION_METRICS, GATE_METRICS } from './gates.js';

export function drillFileReference(): string {
  const metric = (m: (typeof GATE_METRICS)[number]): string => `\`${m}\`${BOOLEAN_METRICS.has(m) ? ' (yes/no: `equals`)' : DURATION_METRICS.has(m) ? ' (seconds: `max` takes a duration)' : ''}`;
  return formatReference(drillCodec.shape, [
    '# Drill file reference (apiVersion vmo-twin/v1, kind Drill)',
    '',
    'Generated from the simulator\'s own codec by `npm run docs`; do not edit by hand.',
    '',
    'A drill says what happens to the cluster (repaves, failures, the Descheduler) and the gates its outcome must pass.',
    `\`vmo-twin simulate SITE --drill NAME|FILE\` runs one; the bundled ones (${BUNDLED_DRILLS.map((d) => `\`${d}\``).join(', ')}) are in scenarios/drills/ to copy.`,
    ...UNITS_NOTE,
    'Unknown keys are errors with a "did you mean"; any error makes the drill unusable (exit 2).',
    '',
    `Gate metrics: ${GATE_METRICS.map(metric).join(', ')}.`,
  ]);
}
