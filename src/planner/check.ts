/**
 * Checking one candidate the way a user would: its site text through the loader and the rules
 * (`validate`), the failures it must absorb (re-placing the VMs without its largest workers,
 * as `size` does), then every drill over the seeds (`simulate`). Each check answers pass, or
 * the binding constraint that failed it.
 */
import type { Diagnostic } from '../model/diagnostics.js';
import { loadSiteText } from '../model/load.js';
import type { Site } from '../model/site.js';
import type { Twin } from '../model/twin.js';
import { validateSite } from '../model/validate.js';
import { simulate } from '../sim/index.js';
import type { Drill, GateMetric } from '../sim/drill.js';
import type { SimResult } from '../sim/result.js';
import { nodeFailuresTolerated } from './size.js';

/** What stopped a candidate. */
export type ResourceKind = 'pods' | 'memory' | 'cpu' | 'storage' | 'placement' | 'failures' | 'minimum' | 'cidr';
export type Binding =
  | { readonly kind: ResourceKind; readonly detail: string }
  | { readonly kind: 'rule'; readonly code: string; readonly path: string; readonly detail: string }
  | { readonly kind: 'drill'; readonly drill: string; readonly gate: string; readonly seed: number; readonly failedGates: readonly string[]; readonly detail: string };

/** Rule codes more workers can cure. Any other error is in the base or the demand, and stops the search. */
const CURED_BY_WORKERS: Readonly<Record<string, ResourceKind>> = {
  'pods-exceed-capacity': 'pods',
  'memory-exceeds-capacity': 'memory',
  'cpu-exceeds-ratio': 'cpu',
  'placement-failed': 'placement',
  'storage-exceeds-capacity': 'storage',
  'too-few-workers': 'minimum',
  'portworx-replication': 'minimum',
  'portworx-kvdb-nodes': 'minimum',
};
const ORDER: readonly string[] = Object.keys(CURED_BY_WORKERS);

export type StaticCheck =
  | { readonly ok: true; readonly twin: Twin; readonly tolerated: number; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly binding: Binding; readonly curable: boolean; readonly diagnostics: readonly Diagnostic[] };

/**
 * The pool, not the array: a full Portworx pool takes more drives; a full array is the base's
 * to fix. An even KVDB count is the base's too: more workers only cure too few storage nodes
 * for an odd one.
 */
function curable(d: Diagnostic, site: Site): boolean {
  if (d.code === 'storage-exceeds-capacity') return d.path.startsWith('storage.portworx');
  if (d.code === 'portworx-kvdb-nodes') return site.storage.portworx.kvdbNodes % 2 === 1;
  return d.code in CURED_BY_WORKERS;
}

/** Load, validate, and re-place without the `tolerate` largest workers. */
export function checkStatic(text: string, file: string, tolerate: number): StaticCheck {
  const loaded = loadSiteText(text, file);
  if (loaded.kind === 'unusable') {
    const d = loaded.diagnostics[0];
    return { ok: false, curable: false, diagnostics: loaded.diagnostics, binding: { kind: 'rule', code: d?.code ?? 'yaml-syntax', path: d?.path ?? '', detail: d ? `${d.message} — ${d.hint}` : 'the candidate site could not be read' } };
  }
  const v = validateSite(loaded.site, loaded.source, loaded.diagnostics);
  const errors = v.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !v.twin) {
    const cures = (d: Diagnostic): boolean => curable(d, loaded.site);
    const all = errors.every(cures);
    // The binding is what the next count would hit: the first curable error, or the incurable one that stops the search.
    const sorted = [...errors].filter((d) => cures(d) === all).sort((a, b) => rank(a) - rank(b));
    const first = sorted[0];
    if (!first) return { ok: false, curable: false, diagnostics: v.diagnostics, binding: { kind: 'rule', code: 'unknown-reference', path: '', detail: 'the candidate site does not compile' } };
    const kind = cures(first) ? CURED_BY_WORKERS[first.code] : undefined;
    const binding: Binding = kind !== undefined && kind !== 'minimum' ? { kind, detail: first.message } : { kind: 'rule', code: first.code, path: first.path, detail: `${first.message} — ${first.hint}` };
    return { ok: false, curable: all, diagnostics: v.diagnostics, binding };
  }
  const headroom = nodeFailuresTolerated(v.twin);
  if (headroom.tolerated < tolerate) {
    return {
      ok: false,
      curable: true,
      diagnostics: v.diagnostics,
      binding: { kind: 'failures', detail: `the VMs place with ${headroom.tolerated} worker${headroom.tolerated === 1 ? '' : 's'} lost, not ${tolerate}: losing ${headroom.tolerated + 1}, ${headroom.limitedBy ?? 'capacity'} runs out` },
    };
  }
  return { ok: true, twin: v.twin, tolerated: headroom.tolerated, warnings: v.diagnostics.filter((d) => d.severity !== 'error') };
}

function rank(d: Diagnostic): number {
  const i = ORDER.indexOf(d.code);
  return i < 0 ? ORDER.length : i;
}

export interface NamedDrill {
  /** As the user named it: a bundled name or a file path. */
  readonly name: string;
  readonly drill: Drill;
}

export interface DrillOptions {
  readonly seed: number;
  readonly runs: number;
  readonly workers: number;
  /** Called with the runs finished so far in this check. */
  readonly onRuns?: (done: number) => void;
}

export type DrillCheck =
  | { readonly ok: true; readonly results: readonly SimResult[] }
  | { readonly ok: false; readonly results: readonly SimResult[]; readonly binding: Extract<Binding, { kind: 'drill' }>; readonly curable: boolean; readonly figures: Readonly<Record<string, GateFigure>> };

/** A failing gate's figure, where the result carries one. */
export interface GateFigure {
  readonly metric: GateMetric;
  readonly value: number;
}

/**
 * A drill's figure for a gate metric, where the aggregated result carries it (so two worker
 * counts can be compared); undefined for the metrics only a single run's internals hold.
 */
export function gateFigure(r: SimResult, metric: GateMetric): number | undefined {
  switch (metric) {
    case 'simulatedSeconds':
      return r.simulatedSeconds;
    case 'downtime.vms':
      return r.downtime.vms;
    case 'downtime.vmSeconds':
      return r.downtime.vmSeconds;
    case 'migrations.failed':
      return r.migrations.failed;
    case 'storage.volumesLost':
      return r.storage.volumesLost;
    case 'storage.degradedVolumesMax':
      return r.storage.degradedVolumesMax;
    default:
      return undefined;
  }
}

/**
 * What a failed gate measured. A Monte Carlo set's gate says only how many runs failed; when the
 * first failing seed is the first seed, its own run (kept in full) has the measured figure.
 */
function gateDetail(r: SimResult, gate: string | undefined, seed: number): string {
  if (gate === undefined) return r.stalled ? r.stalled.reason : 'failed';
  const own = seed === r.seed ? r.run.gates.find((g) => g.name === gate) : undefined;
  const aggregate = r.gates.find((g) => g.name === gate)?.detail ?? 'failed';
  if (r.runs === 1 || !own) return aggregate;
  return `${own.detail} (${aggregate.replace(/ \(replay:.*\)$/, '')})`;
}

/**
 * Stalls more workers cannot end: no free machine for a surge repave (the base's spares), no
 * free pod-CIDR block (the planner sizes one; a base override may take it).
 */
const STALLS_NOT_CURED_BY_WORKERS: ReadonlySet<string> = new Set(['no-free-machine', 'no-free-pod-block']);

/** Every drill in order over the seeds; stops at the first that fails. */
export async function checkDrills(twin: Twin, drills: readonly NamedDrill[], opts: DrillOptions): Promise<DrillCheck> {
  const results: SimResult[] = [];
  let done = 0;
  for (const d of drills) {
    const onRuns = opts.onRuns;
    const sim = await simulate(twin, d.drill, { seed: opts.seed, runs: opts.runs, workers: opts.workers, ...(onRuns ? { progress: (n: number) => onRuns(done + n) } : {}) });
    done += opts.runs;
    if (sim.kind !== 'done') {
      return { ok: false, results, curable: false, figures: {}, binding: { kind: 'drill', drill: d.name, gate: '(cannot run)', seed: opts.seed, failedGates: [], detail: sim.reason } };
    }
    const r = sim.result;
    results.push(r);
    if (r.ok) continue;
    const failed = r.gates.filter((g) => !g.ok);
    const gate = failed[0];
    const firstSeed = (name: string): number => r.perRun?.find((s) => s.failedGates.includes(name))?.seed ?? r.seed;
    const figures: Record<string, GateFigure> = {};
    for (const g of failed) {
      const metric = d.drill.spec.gates.find((x) => x.name === g.name)?.metric;
      const value = metric ? gateFigure(r, metric) : undefined;
      if (metric && value !== undefined) figures[g.name] = { metric, value };
    }
    const seed = gate ? firstSeed(gate.name) : r.seed;
    const structural = r.stalled !== null && STALLS_NOT_CURED_BY_WORKERS.has(r.stalled.code) && failed.every((g) => d.drill.spec.gates.find((x) => x.name === g.name)?.metric === 'stalled');
    return {
      ok: false,
      results,
      curable: !structural,
      figures,
      binding: { kind: 'drill', drill: d.name, gate: gate?.name ?? '(none)', seed, failedGates: failed.map((g) => g.name), detail: gateDetail(r, gate?.name, seed) },
    };
  }
  return { ok: true, results };
}
