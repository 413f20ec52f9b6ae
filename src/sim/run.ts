/**
 * One run of a drill, start to finish: the engine's figures turned into the public result,
 * with the drill's gates evaluated.
 */
import type { SimBase } from './base.js';
import type { Drill } from './drill.js';
import { BOOLEAN_METRICS, DURATION_METRICS, type GateMetric } from './gates.js';
import { DrillRun, PHASES, type RunFigures } from './engine.js';
import type { Gate, RunResult, RunSummary } from './result.js';

const r3 = (x: number): number => Math.round(x * 1000) / 1000;
const TiB = 1024 * 1024;

/** The value of a gate metric in a run. */
export function metricValue(f: RunFigures, metric: GateMetric): number | boolean {
  switch (metric) {
    case 'simulatedSeconds':
      return f.endMs / 1000;
    case 'downtime.vms':
      return f.downtimeVms;
    case 'downtime.vmSeconds':
      return f.downtimeVmMs / 1000;
    case 'downtime.maxSeconds':
      return f.downtimeMaxMs / 1000;
    case 'downtime.vmsBeyondFailures':
      return f.downtimeVmsBeyondFailures;
    case 'migrations.failed':
      return f.migrationsFailed;
    case 'storage.quorumLost':
      return f.quorumLost;
    case 'storage.kvdbQuorumLost':
      return f.kvdbQuorumLost;
    case 'storage.volumesLost':
      return f.volumesLost;
    case 'storage.degradedVolumesMax':
      return f.degradedVolumesMax;
    case 'stalled':
      return f.stall !== null;
    case 'recovery.seconds':
      return f.recoveryMs / 1000;
    case 'vms.unplacedAtEnd':
      return f.unplacedAtEnd;
    case 'descheduler.underutilizedAtEnd':
      return f.underutilizedAtEnd;
  }
}

function fmtLimit(metric: GateMetric, x: number): string {
  if (!DURATION_METRICS.has(metric)) return String(x);
  if (x >= 3600) return `${r3(x / 3600)} h`;
  if (x >= 60) return `${r3(x / 60)} min`;
  return `${r3(x)} s`;
}

export function evaluateGates(drill: Drill, f: RunFigures): Gate[] {
  return drill.spec.gates.map((g) => {
    const value = metricValue(f, g.metric);
    if (BOOLEAN_METRICS.has(g.metric)) {
      const ok = value === g.equals;
      const extra = g.metric === 'stalled' && f.stall ? ` (${f.stall.code}: ${f.stall.reason})` : '';
      return { name: g.name, ok, detail: `${g.metric} is ${String(value)}, must be ${String(g.equals)}${extra}` };
    }
    const v = value as number;
    const max = g.max ?? 0;
    return { name: g.name, ok: v <= max + 1e-9, detail: `${g.metric} ${fmtLimit(g.metric, v)}, at most ${fmtLimit(g.metric, max)}` };
  });
}

export interface RunOutcome {
  readonly figures: RunFigures;
  readonly gates: Gate[];
  /** The full result, when the run was recorded. */
  readonly result: RunResult | null;
}

/** One engine per base and drill on this thread, reset between runs instead of reallocated. */
const engines = new WeakMap<SimBase, WeakMap<Drill, DrillRun>>();

function engineFor(base: SimBase, drill: Drill, opts: { seed: number; record: boolean; check: boolean }): DrillRun {
  let byDrill = engines.get(base);
  if (!byDrill) engines.set(base, (byDrill = new WeakMap()));
  const cached = byDrill.get(drill);
  if (cached) {
    cached.reset(opts);
    return cached;
  }
  const run = new DrillRun(base, drill, opts);
  byDrill.set(drill, run);
  return run;
}

export function runOnce(base: SimBase, drill: Drill, seed: number, opts: { record: boolean; check?: boolean }): RunOutcome {
  const run = engineFor(base, drill, { seed, record: opts.record, check: opts.check ?? false });
  const f = run.run();
  const gates = evaluateGates(drill, f);
  const rec = run.rec;
  const result: RunResult | null = rec
    ? {
        drill: drill.metadata.name,
        seed,
        ok: gates.every((g) => g.ok),
        simulatedSeconds: r3(f.endMs / 1000),
        events: f.events,
        migrations: { started: f.migrationsStarted, completed: f.migrationsCompleted, failed: f.migrationsFailed, maxInFlight: f.maxInFlight },
        downtime: { vms: f.downtimeVms, vmSeconds: r3(f.downtimeVmMs / 1000) },
        storage: {
          degradedVolumesMax: f.degradedVolumesMax,
          degradedVolumesAtEnd: f.degradedVolumesAtEnd,
          resyncTiB: r3(f.resyncMiB / TiB),
          quorumLost: f.quorumLost,
          kvdbQuorumLost: f.kvdbQuorumLost,
          volumesLost: f.volumesLost,
        },
        stalled: f.stall,
        gates,
        limits: { parallelPerCluster: rec.limits.parallelPerCluster, parallelOutboundPerNode: rec.limits.parallelOutboundPerNode },
        timeline: rec.timeline(PHASES),
        series: rec.series(),
      }
    : null;
  return { figures: f, gates, result };
}

export function summarize(o: RunOutcome): RunSummary {
  const f = o.figures;
  return {
    seed: f.seed,
    ok: o.gates.every((g) => g.ok),
    simulatedSeconds: r3(f.endMs / 1000),
    events: f.events,
    migrationsStarted: f.migrationsStarted,
    migrationsCompleted: f.migrationsCompleted,
    migrationsFailed: f.migrationsFailed,
    maxInFlight: f.maxInFlight,
    downtimeVms: f.downtimeVms,
    downtimeVmSeconds: r3(f.downtimeVmMs / 1000),
    degradedVolumesMax: f.degradedVolumesMax,
    resyncTiB: r3(f.resyncMiB / TiB),
    degradedVolumesAtEnd: f.degradedVolumesAtEnd,
    quorumLost: f.quorumLost,
    kvdbQuorumLost: f.kvdbQuorumLost,
    volumesLost: f.volumesLost,
    stalled: f.stall ? `${f.stall.code}: ${f.stall.reason}` : null,
    failedGates: o.gates.filter((g) => !g.ok).map((g) => g.name),
  };
}
