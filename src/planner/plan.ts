/**
 * The planner: from a demand to the smallest site that validates, absorbs the failures asked
 * for and survives its drills — with the search and the proof as plain data.
 *
 * For each hardware class: start at the sizing bound (below it the arithmetic already fails),
 * step up doubling until a count passes `validate` and the failure headroom, bisect back to the
 * fewest that does (the checks are monotone in the worker count), then run the drills there,
 * stepping up again (doubling, then bisecting) while a drill gate fails. Classes are compared by
 * total cost (workers × unit cost): a class whose cheapest validating count already costs more
 * than a proven plan is not simulated. Every candidate is built as site text from the base and
 * checked through the same path users take (load → validate → simulate), so the chosen text is
 * exactly what was proven.
 */
import { basename } from 'node:path';
import { isSeq, type Document } from 'yaml';
import { formatCidr } from '../model/cidr.js';
import { didYouMean, type Diagnostic } from '../model/diagnostics.js';
import { loadSiteText } from '../model/load.js';
import { controlPlaneAdvice } from '../model/reference.js';
import { podBlocksNeeded, siteCidrs } from '../model/rules/network.js';
import { PORTWORX_REPAVE_INTERVAL_MS } from '../model/rules/storage.js';
import type { HardwareClass, Site } from '../model/site.js';
import type { Twin } from '../model/twin.js';
import { formatMiB } from '../model/units.js';
import { DURATION_METRICS } from '../sim/drill.js';
import type { Progress } from '../sim/pool.js';
import type { SimResult } from '../sim/result.js';
import { dataDrivesFor, workerBound, type BoundFigures } from './bound.js';
import { renderCandidate, resizeHostnames, type CandidateSettings } from './candidate.js';
import { checkDrills, checkStatic, type Binding, type DrillCheck, type GateFigure, type NamedDrill, type StaticCheck } from './check.js';
import { planClusterCidrs, type CidrPlan } from './cidrs.js';
import type { Demand } from './demand.js';
import { sizeReport, type SizeReport } from './size.js';

export type { Binding, NamedDrill } from './check.js';

/** How far past the fewest validating count the drill phase looks before it gives up. */
const DRILL_SEARCH_SPAN = (n: number): number => Math.max(8, n);
/** Extra data drives tried when replica placement needs room the arithmetic did not give. */
const MAX_EXTRA_DRIVES = 3;
/** The codec's limit on nodes.workers.count. */
const MAX_WORKERS = 100_000;

export interface HardwareChoice {
  readonly name: string;
  readonly hardware: HardwareClass;
  readonly from: 'demand' | 'base';
  readonly cost: number | null;
}

export interface PlanInput {
  readonly demand: Demand;
  /** The demand's YAML document: workloads and hardware classes are copied from it as written. */
  readonly demandDoc: Document;
  readonly demandFile: string;
  readonly base: { readonly text: string; readonly file: string; readonly sets: readonly string[] };
  readonly drills: readonly NamedDrill[];
  /** Classes to search, by name (the demand's, then the base's); default the demand's, else the base's worker class. */
  readonly hardware?: readonly string[];
  /** Check this worker count only, no search (a replay of one candidate). */
  readonly workerCount?: number;
}

export interface PlanOptions {
  readonly seed: number;
  /** Simulator worker threads. */
  readonly workers: number;
  /** Drill runs done and planned so far; the total grows when a candidate fails and the next is tried. */
  readonly progress?: Progress;
}

export interface Candidate {
  readonly hardware: string;
  readonly workers: number;
  /** workers × unit cost, or null when the class has no cost. */
  readonly cost: number | null;
  /** bound: below the sizing bound, by arithmetic (not built); validate: built and checked; drills: also simulated. */
  readonly stage: 'bound' | 'validate' | 'drills';
  readonly ok: boolean;
  /** What failed it; null when it passed. */
  readonly binding: Binding | null;
  /** Why the next candidate was tried, or why the search stopped here. */
  readonly next: string;
}

export interface ClassOutcome {
  readonly hardware: string;
  readonly unitCost: number | null;
  /** The sizing bound, the fewest that validates, and the fewest that passed the drills (null when not reached). */
  readonly bound: number | null;
  readonly validates: number | null;
  readonly proven: number | null;
  readonly totalCost: number | null;
  readonly outcome: 'chosen' | 'proven' | 'costlier' | 'unmet';
  readonly reason: string;
}

export interface ChosenPlan {
  readonly name: string;
  readonly hardware: string;
  readonly workers: number;
  readonly unitCost: number | null;
  readonly totalCost: number | null;
  readonly controlPlane: { readonly count: number; readonly hardware: string; readonly cores: number; readonly memoryGiB: number; readonly raCores: number; readonly raMemoryGiB: number; readonly beyondTable: boolean };
  readonly podCidr: { readonly cidr: string; readonly blocks: number; readonly needed: number; readonly nodes: number; readonly nodesWithGrowth: number; readonly spare: number; readonly growthPct: number; readonly canGrowTo: string };
  readonly serviceCidr: string;
  readonly dataDrives: { readonly count: number; readonly size: string };
  readonly maxStorageNodes: number;
  readonly repaveInterval: string;
  readonly tolerate: number;
  /** Worker failures the placement really absorbs (at least `tolerate`). */
  readonly tolerated: number;
  readonly drills: readonly string[];
  readonly seed: number;
  readonly runs: number;
  readonly size: SizeReport;
  /** Warnings the chosen site still has (the base's versions, for example). */
  readonly warnings: readonly Diagnostic[];
  readonly notes: readonly string[];
}

export type PlanOutcome =
  | { readonly kind: 'planned'; readonly chosen: ChosenPlan; readonly candidates: readonly Candidate[]; readonly classes: readonly ClassOutcome[]; readonly proof: readonly SimResult[]; readonly siteText: string }
  | {
      readonly kind: 'unmet';
      readonly reason: string;
      readonly candidates: readonly Candidate[];
      readonly classes: readonly ClassOutcome[];
      /** The drill results of the last candidate simulated (empty when none was): what failed, in full. */
      readonly lastResults: readonly SimResult[];
    }
  | { readonly kind: 'invalid'; readonly message: string; readonly hint: string; readonly diagnostics: readonly Diagnostic[] };

type Invalid = Extract<PlanOutcome, { kind: 'invalid' }>;

/** The classes to search: named ones, or the demand's, or the base's worker class. */
export function hardwareChoices(demand: Demand, base: Site, names?: readonly string[]): { kind: 'ok'; choices: HardwareChoice[] } | Invalid {
  const find = (name: string): HardwareChoice | undefined => {
    const d = demand.hardware?.get(name);
    if (d) return { name, hardware: d, from: 'demand', cost: d.cost ?? null };
    const b = base.hardware.get(name);
    return b ? { name, hardware: b, from: 'base', cost: b.cost ?? null } : undefined;
  };
  const wanted = names && names.length ? [...new Set(names)] : demand.hardware && demand.hardware.size ? [...demand.hardware.keys()] : [base.nodes.workers.hardware];
  const choices: HardwareChoice[] = [];
  for (const name of wanted) {
    const c = find(name);
    if (!c) {
      const known = [...(demand.hardware?.keys() ?? []), ...base.hardware.keys()];
      const near = didYouMean(name, known);
      return { kind: 'invalid', message: `there is no hardware class "${name}" in the demand or the base site`, hint: near ? `did you mean ${near}? The classes: ${known.join(', ')}` : `the classes: ${known.join(', ') || '(none)'}; define it under hardware: in the demand file`, diagnostics: [] };
    }
    choices.push(c);
  }
  const priced = choices.filter((c) => c.cost !== null);
  if (choices.length > 1 && priced.length > 0 && priced.length < choices.length) {
    const missing = choices.filter((c) => c.cost === null).map((c) => c.name);
    return { kind: 'invalid', message: `hardware class${missing.length === 1 ? '' : 'es'} ${missing.join(', ')} ha${missing.length === 1 ? 's' : 've'} no cost, and ${priced.map((c) => c.name).join(', ')} do`, hint: 'give every class a cost (hardware.<name>.cost) to compare them by total cost, or none to choose the fewest workers', diagnostics: [] };
  }
  return { kind: 'ok', choices };
}

interface Evaluation {
  readonly n: number;
  readonly text: string;
  readonly settings: CandidateSettings;
  readonly cidrs: CidrPlan | null;
  readonly static: StaticCheck;
  drills?: DrillCheck;
  readonly notes: readonly string[];
}

type Mutable = { -readonly [K in keyof Candidate]: Candidate[K] };

const fmt = (n: number): string => n.toLocaleString('en-US');

/** Search for the smallest site that meets the demand. */
export async function planSite(input: PlanInput, opts: PlanOptions): Promise<PlanOutcome> {
  const { demand } = input;
  const loaded = loadSiteText(input.base.text, input.base.file, input.base.sets);
  if (loaded.kind === 'unusable') return { kind: 'invalid', message: `the base site ${input.base.file} cannot be used`, hint: 'fix it, or plan on the reference site (leave out --base)', diagnostics: loaded.diagnostics };
  const base = loaded.site;
  const baseDoc = loaded.source.doc;
  const hw = hardwareChoices(demand, base, input.hardware);
  if (hw.kind === 'invalid') return hw;
  if (input.workerCount !== undefined && (input.workerCount < 1 || input.workerCount > MAX_WORKERS)) return { kind: 'invalid', message: `a worker count of ${input.workerCount}`, hint: `give 1 to ${MAX_WORKERS}`, diagnostics: [] };

  const candidates: Mutable[] = [];
  const costOf = (c: HardwareChoice, n: number): number | null => (c.cost === null ? null : c.cost * n);
  const record = (c: HardwareChoice, n: number, stage: Candidate['stage'], ok: boolean, binding: Binding | null): Mutable => {
    const r: Mutable = { hardware: c.name, workers: n, cost: costOf(c, n), stage, ok, binding, next: '' };
    candidates.push(r);
    return r;
  };
  let lastResults: readonly SimResult[] = [];
  let runsDone = 0;
  let runsPlanned = 0;
  const avoid = siteCidrs(base)
    .filter((c) => c.path[0] === 'networks')
    .map((c) => c.cidr);
  const spare = podBlocksNeeded(base).spare;
  const cp = base.nodes.controlPlane;
  const cpHw = base.hardware.get(cp.hardware);
  const drillNames = input.drills.map((d) => d.name);
  const seeds = demand.runs === 1 ? `seed ${opts.seed}` : `seeds ${opts.seed}..${opts.seed + demand.runs - 1}`;
  const file = `${demand.metadata.name}.yaml`;
  const cache = new Map<string, Evaluation>();
  const written = baseDoc.getIn(['nodes', 'workers', 'hostnames']);
  const baseHostnames: unknown = isSeq(written) ? written.toJSON() : written;

  function controlPlaneFor(workers: number): CandidateSettings['controlPlaneClass'] {
    const advice = controlPlaneAdvice(workers, demand.workloads.namespaces);
    if (cpHw && cpHw.cores >= advice.cores && cpHw.memory >= advice.memoryGiB * 1024) return null;
    return { name: `cp-${advice.cores}c-${advice.memoryGiB}g`, cores: advice.cores, memoryMiB: advice.memoryGiB * 1024 };
  }

  function header(c: HardwareChoice, n: number, s: Omit<CandidateSettings, 'header'>): string {
    const cpName = s.controlPlaneClass?.name ?? cp.hardware;
    const failures = `${demand.tolerate} worker failure${demand.tolerate === 1 ? '' : 's'}`;
    const proof = drillNames.length ? `passes ${drillNames.join(', ')} over ${seeds}` : 'runs no drills (planned with --drills none)';
    return [
      ` Planned by \`vmo-twin plan\` from the demand ${demand.metadata.name} (${basename(input.demandFile)}) on the base ${basename(input.base.file)}:`,
      ` ${n} × ${c.name} workers, ${cp.count} × ${cpName} control plane, pod CIDR ${s.podCidr} and service CIDR ${s.serviceCidr},`,
      ` ${s.dataDrives.count} × ${formatMiB(s.dataDrives.sizeMiB)} Portworx data drives per worker. A plan is written only when it validates with no`,
      ` errors, keeps every VM placeable through ${failures}, and ${proof}.`,
      ` Check it yourself: vmo-twin validate THIS-FILE; vmo-twin simulate THIS-FILE --drill ${drillNames[0] ?? 'repave-all'}`,
    ].join('\n');
  }

  function evaluateStatic(c: HardwareChoice, n: number, replicatedMiB: number): Evaluation {
    const key = `${c.name}\u0000${n}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const cidrs = planClusterCidrs({ podCidr: base.kubernetes.podCidr, serviceCidr: base.kubernetes.serviceCidr, nodeCidrMaskSize: base.kubernetes.nodeCidrMaskSize, nodes: cp.count + n, spare, growthPct: demand.growth, avoid });
    const names = resizeHostnames(baseHostnames, n + base.nodes.workers.spares);
    let ev: Evaluation | undefined;
    for (let extra = 0; extra <= MAX_EXTRA_DRIVES; extra++) {
      const drives = dataDrivesFor(replicatedMiB, n, base.storage.portworx.dataDrives.size, extra);
      const settingsNoHeader: Omit<CandidateSettings, 'header'> = {
        name: demand.metadata.name,
        description: demand.metadata.description ?? `planned by vmo-twin plan from the demand ${demand.metadata.name}`,
        workerClass: c.name,
        workerClassFrom: c.from,
        workers: n,
        dataDrives: drives,
        podCidr: cidrs.kind === 'planned' ? formatCidr(cidrs.podCidr) : formatCidr(base.kubernetes.podCidr),
        serviceCidr: cidrs.kind === 'planned' ? formatCidr(cidrs.serviceCidr) : formatCidr(base.kubernetes.serviceCidr),
        controlPlaneClass: controlPlaneFor(n),
        repaveIntervalMs: Math.max(base.nodes.workers.repaveInterval, PORTWORX_REPAVE_INTERVAL_MS),
        ...(baseHostnames !== undefined ? { workerHostnames: names.value } : {}),
      };
      const settings: CandidateSettings = { ...settingsNoHeader, header: header(c, n, settingsNoHeader) };
      const text = renderCandidate({ doc: baseDoc }, { doc: input.demandDoc }, settings);
      const check: StaticCheck =
        cidrs.kind === 'impossible' ? { ok: false, curable: false, diagnostics: [], binding: { kind: 'cidr', detail: cidrs.reason } } : checkStatic(text, file, demand.tolerate);
      ev = { n, text, settings, cidrs: cidrs.kind === 'planned' ? cidrs : null, static: check, notes: names.note ? [names.note] : [] };
      if (check.ok || check.binding.kind !== 'storage' || !check.curable) break;
    }
    const done = ev as Evaluation;
    cache.set(key, done);
    return done;
  }

  async function evaluateDrills(ev: Evaluation): Promise<DrillCheck> {
    if (ev.drills) return ev.drills;
    if (!ev.static.ok) throw new Error('evaluateDrills: the candidate did not validate');
    const before = runsDone;
    runsPlanned += input.drills.length * demand.runs;
    const onRuns = (done: number): void => {
      runsDone = before + done;
      opts.progress?.(runsDone, runsPlanned);
    };
    const result = await checkDrills(ev.static.twin, input.drills, { seed: opts.seed, runs: demand.runs, workers: opts.workers, onRuns });
    runsDone = before + input.drills.length * demand.runs;
    ev.drills = result;
    lastResults = result.results;
    return result;
  }

  // ---- per class: the bound, then the fewest workers that validate.
  interface ClassState {
    readonly choice: HardwareChoice;
    bound: number | null;
    figures: BoundFigures | null;
    validates: number | null;
    proven: Evaluation | null;
    outcome: ClassOutcome['outcome'];
    reason: string;
  }
  const states: ClassState[] = [];
  for (const choice of hw.choices) {
    const st: ClassState = { choice, bound: null, figures: null, validates: null, proven: null, outcome: 'unmet', reason: '' };
    states.push(st);
    const b = workerBound(base, choice.name, choice.hardware, demand.workloads, demand.tolerate);
    if (b.kind === 'impossible') {
      const r = record(choice, 0, 'bound', false, { kind: b.resource, detail: b.reason });
      r.next = `no count of ${choice.name} workers can hold it`;
      st.reason = b.reason;
      continue;
    }
    st.bound = b.workers;
    st.figures = b.figures;
    const replicated = b.figures.demand.replicatedMiB;
    const unmet = (r: Mutable, why: string): void => {
      r.next = why;
      st.reason = why;
    };
    if (input.workerCount !== undefined) {
      const n = input.workerCount;
      const ev = evaluateStatic(choice, n, replicated);
      if (!ev.static.ok) {
        unmet(record(choice, n, 'validate', false, ev.static.binding), `${n} × ${choice.name} does not validate (the count was given with --worker-count)`);
        continue;
      }
      record(choice, n, 'validate', true, null).next = 'validates: run the drills';
      st.validates = n;
      continue;
    }
    if (b.workers - 1 >= 1) {
      record(choice, b.workers - 1, 'bound', false, { kind: b.binding, detail: b.below }).next = `start at the sizing bound, ${b.workers} workers (${b.binding === 'minimum' ? 'the RA minimum' : `${b.binding} + ${demand.tolerate} failure${demand.tolerate === 1 ? '' : 's'}`})`;
    }
    // Gallop up from the bound until a count validates, then bisect back.
    let lo = b.workers - 1;
    let hi = -1;
    let n = b.workers;
    let step = 1;
    let stopped = false;
    while (hi < 0) {
      const ev = evaluateStatic(choice, n, replicated);
      if (ev.static.ok) {
        hi = n;
        record(choice, n, 'validate', true, null);
        break;
      }
      const r = record(choice, n, 'validate', false, ev.static.binding);
      if (!ev.static.curable) {
        unmet(r, `more workers cannot cure ${ev.static.binding.kind === 'rule' ? ev.static.binding.code : ev.static.binding.kind}: it is in the base site or the demand`);
        stopped = true;
        break;
      }
      lo = n;
      n = Math.min(MAX_WORKERS, lo + step);
      if (n === lo) {
        unmet(r, `no count up to ${MAX_WORKERS} validates`);
        stopped = true;
        break;
      }
      r.next = step === 1 ? `one more: try ${n}` : `still short: step up ${step}, try ${n}`;
      step *= 2;
    }
    if (stopped) continue;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      const last = candidates[candidates.length - 1] as Mutable;
      last.next = `${last.ok ? 'validates' : 'fails'}: bisect between ${lo} and ${hi}, try ${mid}`;
      const ev = evaluateStatic(choice, mid, replicated);
      record(choice, mid, 'validate', ev.static.ok, ev.static.ok ? null : ev.static.binding);
      if (ev.static.ok) hi = mid;
      else lo = mid;
    }
    const last = candidates[candidates.length - 1] as Mutable;
    last.next = `${hi} is the fewest ${choice.name} workers that validate${lo >= 1 ? ` (${lo} does not)` : ''}`;
    st.validates = hi;
  }

  // ---- the drills, cheapest class first; a class that cannot beat a proven plan is not simulated.
  const unit = (st: ClassState): number => st.choice.cost ?? 1;
  const viable = states.filter((s) => s.validates !== null).sort((a, b) => unit(a) * (a.validates as number) - unit(b) * (b.validates as number) || (a.validates as number) - (b.validates as number) || (a.choice.name < b.choice.name ? -1 : 1));
  let best: ClassState | null = null;
  const totalOf = (st: ClassState, n: number): number => unit(st) * n;
  for (const st of viable) {
    const c = st.choice;
    const floor = st.validates as number;
    if (best?.proven) {
      const bestCost = totalOf(best, best.proven.n);
      if (totalOf(st, floor) > bestCost || (totalOf(st, floor) === bestCost && floor >= best.proven.n)) {
        st.outcome = 'costlier';
        st.reason = c.cost !== null ? `its fewest validating count, ${floor} × ${fmt(c.cost)} = ${fmt(c.cost * floor)}, is no cheaper than ${best.proven.n} × ${best.choice.name} = ${fmt(totalOf(best, best.proven.n))}: not simulated` : `its fewest validating count, ${floor}, is no fewer than ${best.proven.n} × ${best.choice.name}: not simulated`;
        continue;
      }
    }
    const replicated = st.figures?.demand.replicatedMiB ?? 0;
    const limit = input.workerCount !== undefined ? floor : Math.min(MAX_WORKERS, floor + DRILL_SEARCH_SPAN(floor));
    let lo = -1;
    let hi = -1;
    let n = floor;
    let step = 1;
    let prev: { n: number; check: Extract<DrillCheck, { ok: false }> } | null = null;
    const drillRecord = (ev: Evaluation, r: DrillCheck): Mutable => record(c, ev.n, 'drills', r.ok, r.ok ? null : r.binding);
    while (hi < 0) {
      const ev = evaluateStatic(c, n, replicated);
      let r: Mutable;
      let check: DrillCheck | null = null;
      if (!ev.static.ok) r = record(c, n, 'validate', false, ev.static.binding);
      else {
        check = await evaluateDrills(ev);
        r = drillRecord(ev, check);
        if (check.ok) {
          hi = n;
          break;
        }
      }
      if (check && !check.ok && !check.curable) {
        st.reason = check.binding.gate === '(cannot run)' ? `${check.binding.drill} cannot run on this site: ${check.binding.detail}` : `more workers cannot cure ${check.binding.drill} (${check.binding.gate}): ${check.binding.detail}`;
        r.next = st.reason;
        break;
      }
      if (check && !check.ok && prev && sameFailure(prev.check, check) && noBetter(prev.check, check)) {
        st.reason = `more workers do not help ${check.binding.drill}: ${describeNoBetter(prev, { n, check })}`;
        r.next = st.reason;
        break;
      }
      if (check && !check.ok) prev = { n, check };
      lo = n;
      if (lo >= limit) {
        st.reason = input.workerCount !== undefined ? `${n} × ${c.name} fails ${check && !check.ok ? `${check.binding.drill} (${check.binding.gate})` : 'validation'} (the count was given with --worker-count)` : `no count from ${floor} to ${limit} passes ${check && !check.ok ? `${check.binding.drill} (${check.binding.gate} still fails)` : 'the checks'}`;
        r.next = st.reason;
        break;
      }
      n = Math.min(limit, lo + step);
      r.next = step === 1 ? `a drill gate failed: one more worker, try ${n}` : `still failing: step up ${step}, try ${n}`;
      step *= 2;
    }
    if (hi < 0) continue;
    while (lo >= floor && hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      const last = candidates[candidates.length - 1] as Mutable;
      last.next = `${last.ok ? 'passes' : 'fails'}: bisect between ${lo} and ${hi}, try ${mid}`;
      const ev = evaluateStatic(c, mid, replicated);
      if (!ev.static.ok) {
        record(c, mid, 'validate', false, ev.static.binding);
        lo = mid;
        continue;
      }
      const check = await evaluateDrills(ev);
      drillRecord(ev, check);
      if (check.ok) hi = mid;
      else lo = mid;
    }
    st.proven = evaluateStatic(c, hi, replicated);
    st.outcome = 'proven';
    const last = candidates[candidates.length - 1] as Mutable;
    last.next = `${hi} × ${c.name} passes every drill${lo >= 1 ? ` (${lo} does not${lo < floor ? ' validate' : ''})` : ''}`;
    if (!best?.proven || totalOf(st, hi) < totalOf(best, best.proven.n) || (totalOf(st, hi) === totalOf(best, best.proven.n) && hi < best.proven.n)) best = st;
  }

  const classes = (): ClassOutcome[] =>
    states.map((st) => {
      const proven = st.proven?.n ?? null;
      const outcome = st === best ? 'chosen' : st.outcome;
      const reason = st === best ? `the cheapest proven plan${st.choice.cost === null ? ' (fewest workers: no costs given)' : ''}` : st.outcome === 'proven' && best?.proven ? `proven at ${proven}, but ${best.proven.n} × ${best.choice.name} ${best.choice.cost === null ? 'needs fewer workers' : 'costs less'}` : st.reason;
      return { hardware: st.choice.name, unitCost: st.choice.cost, bound: st.bound, validates: st.validates, proven, totalCost: proven !== null && st.choice.cost !== null ? proven * st.choice.cost : null, outcome, reason };
    });

  const chosenState = best as ClassState | null;
  if (!chosenState?.proven) {
    const reasons = states.map((s) => `${s.choice.name}: ${s.reason}`);
    return { kind: 'unmet', reason: states.length === 1 ? (states[0] as ClassState).reason : reasons.join('; '), candidates, classes: classes(), lastResults };
  }
  const ev = chosenState.proven;
  if (!ev.static.ok || !ev.drills?.ok || !ev.cidrs) throw new Error('planSite: the chosen candidate was not proven');
  const cidrs = ev.cidrs;
  const twin: Twin = ev.static.twin;
  const size = sizeReport(twin);
  const s = ev.settings;
  const advice = controlPlaneAdvice(ev.n, demand.workloads.namespaces);
  const cpClass = s.controlPlaneClass;
  const chosen: ChosenPlan = {
    name: demand.metadata.name,
    hardware: chosenState.choice.name,
    workers: ev.n,
    unitCost: chosenState.choice.cost,
    totalCost: chosenState.choice.cost === null ? null : chosenState.choice.cost * ev.n,
    controlPlane: {
      count: cp.count,
      hardware: cpClass?.name ?? cp.hardware,
      cores: cpClass?.cores ?? cpHw?.cores ?? 0,
      memoryGiB: (cpClass?.memoryMiB ?? cpHw?.memory ?? 0) / 1024,
      raCores: advice.cores,
      raMemoryGiB: advice.memoryGiB,
      beyondTable: advice.row === null,
    },
    podCidr: { cidr: s.podCidr, blocks: cidrs.blocks, needed: cidrs.blocksNeeded, nodes: cp.count + ev.n, nodesWithGrowth: cidrs.nodesWithGrowth, spare, growthPct: demand.growth, canGrowTo: formatCidr(cidrs.growthRoom) },
    serviceCidr: s.serviceCidr,
    dataDrives: { count: s.dataDrives.count, size: formatMiB(s.dataDrives.sizeMiB) },
    maxStorageNodes: ev.n,
    repaveInterval: `${s.repaveIntervalMs / 60_000}m`,
    tolerate: demand.tolerate,
    tolerated: ev.static.tolerated,
    drills: drillNames,
    seed: opts.seed,
    runs: demand.runs,
    size,
    warnings: ev.static.warnings,
    notes: ev.notes,
  };
  return { kind: 'planned', chosen, candidates, classes: classes(), proof: ev.drills.results, siteText: ev.text };
}

function sameFailure(a: Extract<DrillCheck, { ok: false }>, b: Extract<DrillCheck, { ok: false }>): boolean {
  return a.binding.drill === b.binding.drill && a.binding.failedGates.join('\u0000') === b.binding.failedGates.join('\u0000');
}

/** Every failing gate has a comparable figure and none improved with more workers. */
function noBetter(a: Extract<DrillCheck, { ok: false }>, b: Extract<DrillCheck, { ok: false }>): boolean {
  return b.binding.failedGates.every((g) => {
    const x = a.figures[g];
    const y = b.figures[g];
    return x !== undefined && y !== undefined && y.value >= x.value;
  });
}

function describeNoBetter(a: { n: number; check: Extract<DrillCheck, { ok: false }> }, b: { n: number; check: Extract<DrillCheck, { ok: false }> }): string {
  const parts: string[] = [];
  let time = false;
  for (const g of b.check.binding.failedGates) {
    const x = a.check.figures[g];
    const y = b.check.figures[g];
    if (!x || !y) continue;
    time ||= x.metric === 'simulatedSeconds';
    parts.push(`${g}: ${fmtFigure(x)} at ${a.n} workers, ${fmtFigure(y)} at ${b.n}`);
  }
  const hint = time
    ? ' — a repave drains one worker at a time, at most kubevirt.migration.parallelOutboundPerNode migrations out of it at once, so more workers only make it longer: raise that limit in the base, or the gate in a copy of the drill (your maintenance window)'
    : ' — the figure does not fall with more workers: change the base site or the drill';
  return `${parts.join('; ')}${hint}`;
}

function fmtFigure(f: GateFigure): string {
  if (DURATION_METRICS.has(f.metric)) return f.value >= 3600 ? `${(f.value / 3600).toFixed(1)} h` : `${Math.round(f.value)} s`;
  return fmt(Math.round(f.value * 1000) / 1000);
}
