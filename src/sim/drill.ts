/**
 * Drill files (apiVersion vmo-twin/v1, kind Drill): what happens to the cluster and the gates
 * the outcome must pass. The bundled drills live in scenarios/drills/; users copy and edit them.
 */
import { INVALID, array, boolean, def, defaults, enumOf, integer, name, object, opt, quantity, req, string, type Codec, type Infer } from '../model/codec.js';
import { isScalar, type Node } from 'yaml';
import type { Diagnostic } from '../model/diagnostics.js';
import { decodeContext, parseYamlInput, readInputFile, type InputKind } from '../model/load.js';
import { BOOLEAN_METRICS, GATE_METRICS } from './gates.js';

export { BOOLEAN_METRICS, DURATION_METRICS, GATE_METRICS, type GateMetric } from './gates.js';

/** A gate's limit: a number, or a duration for time metrics, decoded to seconds. */
function limitCodec(): Codec<number> {
  return {
    shape: { kind: 'scalar', type: 'number' },
    decode(node, path, ctx) {
      const v = node !== null && isScalar(node) ? node.value : undefined;
      if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
      if (typeof v === 'string') {
        const d = quantity('duration').decode(node, path, ctx);
        return d === INVALID ? INVALID : d / 1000;
      }
      ctx.report(path, node, { code: 'wrong-type', message: 'a gate limit is a number or a duration', hint: 'write max: 0, or max: 48h for a time metric' });
      return INVALID;
    },
  };
}

const gate = object({
  name: req(name(), 'the gate name shown in results'),
  metric: req(enumOf(GATE_METRICS), 'the figure the gate tests'),
  max: opt(limitCodec(), 'pass when the figure is at most this (durations in s, or "48h")'),
  equals: opt(boolean(), 'pass when the yes/no figure equals this'),
});

const failure = object({
  at: def(quantity('duration'), 0, '0s', 'when it happens (simulated time from the start)'),
  atRandomWithin: opt(quantity('duration'), 'or: at a seeded random time in [0, this)'),
  workers: opt(integer({ min: 1, max: 100_000 }), 'this many random workers (seeded) fail'),
  nodes: opt(array(name()), 'or: these hostnames fail'),
  zone: opt(name(), 'or: every machine of this zone fails'),
  repairAfter: opt(quantity('duration'), 'the machine works again after this; absent = not within the drill'),
});

const fabricFailure = object({
  fabric: opt(name(), 'the FC fabric (or iSCSI subnet) that fails, e.g. A'),
  controller: opt(integer({ max: 7 }), 'or: the array controller that fails (0 = CT0)'),
  at: def(quantity('duration'), 0, '0s', 'when'),
  repairAfter: opt(quantity('duration'), 'restored after this; absent = not within the drill'),
});

const mhc = object({
  enabled: def(boolean(), true, 'true', 'Cluster API MachineHealthCheck remediates unhealthy workers'),
  unhealthyTimeout: def(quantity('duration'), 300_000, '300s', 'Ready=Unknown/False this long → remediate (cluster-api healthchecking.md typical 300s)'),
});

const assumptions = object({
  dirtyRate: def(quantity('rate'), 64, '64Mi/s', 'guest memory dirtied per second, for VM classes without dirtyRate (ESTIMATE: set yours from monitoring)'),
  volumeWriteRate: def(quantity('rate'), 0.25, '256Ki/s', 'changed data per volume per second, resynced when a replica returns (ESTIMATE)'),
});

const spec = object({
  horizon: def(quantity('duration'), 96 * 3_600_000, '96h', 'stop simulating here; unfinished work is a stall'),
  repave: def(array(enumOf(['controlPlane', 'workers'] as const)), [], '[]', 'pools to repave, in order (Palette full repave: control plane first)'),
  failures: def(array(failure), [], '[]', 'node and zone failures'),
  fabricFailure: opt(fabricFailure, 'an FC fabric or array controller failure'),
  descheduler: def(boolean(), false, 'false', 'run the Descheduler loop (LowNodeUtilization) during the drill'),
  emptyWorkers: def(integer({ max: 100_000 }), 0, '0', 'start with this many workers empty (a skewed placement)'),
  machineHealthCheck: defaults(mhc, 'remediation of failed workers'),
  assumptions: defaults(assumptions, 'workload figures the site file does not give'),
  gates: def(array(gate), [], '[]', 'what the outcome must satisfy'),
});

export const drillCodec = object({
  apiVersion: req(enumOf(['vmo-twin/v1'] as const), 'always vmo-twin/v1'),
  kind: req(enumOf(['Drill'] as const), 'always Drill'),
  metadata: req(object({ name: req(name(), 'drill name'), description: def(string({ maxLength: 2000 }), '', '""', 'what it rehearses') }), 'name and description'),
  spec: req(spec, 'what happens and what must hold'),
});

export type Drill = Infer<typeof drillCodec>;
export type DrillGate = Drill['spec']['gates'][number];
export type DrillFailure = Drill['spec']['failures'][number];

/** The bundled drills, by name. */
export const BUNDLED_DRILLS = ['repave-workers', 'repave-all', 'node-failure', 'zone-failure', 'failure-during-repave', 'fabric-failure', 'descheduler-rebalance'] as const;

export type DrillLoad = { readonly kind: 'loaded'; readonly drill: Drill; readonly text: string } | { readonly kind: 'unusable'; readonly diagnostics: Diagnostic[] };

export const DRILL_INPUT: InputKind = {
  noun: 'drill file',
  bundled: 'drills',
  example: 'scenarios/drills/repave-all.yaml',
  start: 'start from a bundled drill: cp scenarios/drills/repave-all.yaml my-drill.yaml',
  shape: 'a drill file is a YAML mapping that starts with "apiVersion: vmo-twin/v1" and "kind: Drill"',
};

/** Parse drill text (YAML) through the same entry path as site files: size, nesting and alias limits, positions. */
export function parseDrill(text: string, file: string): DrillLoad {
  const parsed = parseYamlInput(text, file, DRILL_INPUT);
  if (parsed.kind === 'unusable') return parsed;
  const { doc, lineCounter } = parsed;
  const diagnostics: Diagnostic[] = [];
  const drill = drillCodec.decode((doc.contents as Node | null) ?? null, [], decodeContext(doc, lineCounter, [], diagnostics));
  if (drill === INVALID || diagnostics.some((d) => d.severity === 'error')) return { kind: 'unusable', diagnostics: diagnostics.map((d) => ({ ...d, message: `${file}: ${d.message}` })) };
  // Gates: a limit that fits the metric.
  const bad: Diagnostic[] = [];
  drill.spec.gates.forEach((g, i) => {
    const boolMetric = BOOLEAN_METRICS.has(g.metric);
    if (boolMetric ? g.equals === undefined : g.max === undefined) {
      bad.push({ severity: 'error', code: 'missing-key', path: `spec.gates[${i}]`, message: `${file}: gate ${g.name} on ${g.metric} needs ${boolMetric ? '"equals"' : '"max"'}`, hint: boolMetric ? 'write equals: false' : 'write max: 0 (or a duration for time metrics)' });
    }
  });
  const f = drill.spec.fabricFailure;
  if (f && (f.fabric === undefined) === (f.controller === undefined)) {
    bad.push({ severity: 'error', code: 'missing-key', path: 'spec.fabricFailure', message: `${file}: a fabric failure names a fabric or a controller (one of them)`, hint: 'write fabric: A, or controller: 0' });
  }
  drill.spec.failures.forEach((x, i) => {
    const kinds = [x.workers !== undefined, x.nodes !== undefined, x.zone !== undefined].filter(Boolean).length;
    if (kinds !== 1) bad.push({ severity: 'error', code: 'missing-key', path: `spec.failures[${i}]`, message: `${file}: a failure names workers (a count), nodes or a zone (one of them)`, hint: 'write workers: 1, nodes: [worker-7], or zone: az1' });
  });
  if (bad.length) return { kind: 'unusable', diagnostics: bad };
  return { kind: 'loaded', drill, text };
}

export function loadDrillFile(file: string): DrillLoad {
  const read = readInputFile(file, DRILL_INPUT);
  if (!read.ok) return { kind: 'unusable', diagnostics: [{ ...read.diagnostic, hint: `${read.diagnostic.hint}; or name a bundled drill (${BUNDLED_DRILLS.join(', ')})` }] };
  return parseDrill(read.text, file);
}
