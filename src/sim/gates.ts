/**
 * The figures a drill's gates can test. Kept apart from the drill parser so the run loop (and
 * every worker thread) loads without the YAML library.
 */

/** Metrics a gate can test, each a figure of the run result. */
export const GATE_METRICS = [
  'simulatedSeconds',
  'downtime.vms',
  'downtime.vmSeconds',
  'downtime.maxSeconds',
  'downtime.vmsBeyondFailures',
  'migrations.failed',
  'storage.quorumLost',
  'storage.kvdbQuorumLost',
  'storage.volumesLost',
  'storage.degradedVolumesMax',
  'stalled',
  'recovery.seconds',
  'vms.unplacedAtEnd',
  'descheduler.underutilizedAtEnd',
] as const;
export type GateMetric = (typeof GATE_METRICS)[number];

/** Metrics measured in seconds: their `max` takes a duration ("48h"). */
export const DURATION_METRICS: ReadonlySet<GateMetric> = new Set(['simulatedSeconds', 'downtime.vmSeconds', 'downtime.maxSeconds', 'recovery.seconds']);
/** Metrics that are yes/no: their gate says `equals: false`. */
export const BOOLEAN_METRICS: ReadonlySet<GateMetric> = new Set(['storage.quorumLost', 'storage.kvdbQuorumLost', 'stalled']);
