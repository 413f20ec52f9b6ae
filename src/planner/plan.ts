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
import { formatCidr, type Cidr } from '../model/cidr.js';
import { didYouMean, type Diagnostic } from '../model/diagnostics.js';
import { loadSiteText, locate, type SiteSource } from '../model/load.js';
import { controlPlaneAdvice } from '../model/reference.js';
import { podBlocksNeeded, siteCidrs } from '../model/rules/network.js';
import { PORTWORX_REPAVE_INTERVAL_MS } from '../model/rules/storage.js';
import type { HardwareClass, Site } from '../model/site.js';
import { formatMiB, formatMs } from '../model/units.js';
import { DURATION_METRICS } from '../sim/drill.js';
import type { Progress } from '../sim/pool.js';
import type { SimResult } from '../sim/result.js';
import { dataDrivesFor, workerBound } from './bound.js';
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
export function hardwareChoices(demand: Demand, base: Site, names?: readonly string[], baseSource?: SiteSource): { kind: 'ok'; choices: HardwareChoice[] } | Invalid {
  const find = (name: string): HardwareChoice | undefined => {
    const d = demand.hardware?.get(name);
    if (d) return { name, hardware: d, from: 'demand', cost: d.cost ?? null };
    const b = base.hardware.get(name);
    return b ? { name, hardware: b, from: 'base', cost: b.cost ?? null } : undefined;
  };
  const baseDefault = !(names && names.length) && !(demand.hardware && demand.hardware.size);
  const wanted = names && names.length ? [...new Set(names)] : !baseDefault && demand.hardware ? [...demand.hardware.keys()] : [base.nodes.workers.hardware];
  const choices: HardwareChoice[] = [];
  for (const name of wanted) {
    const c = find(name);
    if (!c) {
      const known = [...(demand.hardware?.keys() ?? []), ...base.hardware.keys()];
      const near = didYouMean(name, known);
      const hint = near ? `did you mean ${near}? The classes: ${known.join(', ')}` : `the classes: ${known.join(', ') || '(none)'}; define it under hardware: in the demand file`;
      // The base's own worker class, undefined in the base: say where, as validate would.
      const fromBase = !baseDefault || !baseSource ? [] : [locate(baseSource, ['nodes', 'workers', 'hardware'], { code: 'unknown-reference', message: `the workers' hardware class "${name}" is not defined`, hint })];
      return { kind: 'invalid', message: `there is no hardware class "${name}" in the demand or the base site`, hint, diagnostics: fromBase };
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

/** One candidate built and checked; the drills are run at most once, when the search asks. */
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
type DrillFailure = Extract<DrillCheck, { ok: false }>;

/** Where one hardware class got to. */
interface ClassState {
  readonly choice: HardwareChoice;
  bound: number | null;
  /** The replicated VM disks, for the drive count. */
  replicatedMiB: number;
  validates: number | null;
  proven: Evaluation | null;
  outcome: ClassOutcome['outcome'];
  reason: string;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** The state of one search: the base, the candidates tried (the report), and the checks. */
class Search {
  readonly candidates: Mutable[] = [];
  lastResults: readonly SimResult[] = [];
  private runsDone = 0;
  private runsPlanned = 0;
  private readonly cache = new Map<string, Evaluation>();
  private readonly avoid: readonly Cidr[];
  readonly spare: number;
  private readonly baseHostnames: unknown;
  private readonly drillNames: readonly string[];

  constructor(
    private readonly input: PlanInput,
    private readonly opts: PlanOptions,
    readonly base: Site,
    private readonly baseDoc: Document,
  ) {
    this.avoid = siteCidrs(base)
      .filter((c) => c.path[0] === 'networks')
      .map((c) => c.cidr);
    this.spare = podBlocksNeeded(base).spare;
    const written = baseDoc.getIn(['nodes', 'workers', 'hostnames']);
    this.baseHostnames = isSeq(written) ? written.toJSON() : written;
    this.drillNames = input.drills.map((d) => d.name);
  }

  private get demand(): Demand {
    return this.input.demand;
  }

  record(c: HardwareChoice, n: number, stage: Candidate['stage'], ok: boolean, binding: Binding | null): Mutable {
    const r: Mutable = { hardware: c.name, workers: n, cost: c.cost === null ? null : c.cost * n, stage, ok, binding, next: '' };
    this.candidates.push(r);
    return r;
  }

  /** Say on the last candidate why the next one is tried. */
  next(text: string): void {
    const last = this.candidates[this.candidates.length - 1];
    if (last) last.next = text;
  }

  private get last(): Mutable | undefined {
    return this.candidates[this.candidates.length - 1];
  }

  /** A control-plane class from the RA table, or null when the base's is large enough. */
  controlPlaneFor(workers: number): CandidateSettings['controlPlaneClass'] {
    const advice = controlPlaneAdvice(workers, this.demand.workloads.namespaces);
    const hw = this.base.hardware.get(this.base.nodes.controlPlane.hardware);
    if (hw && hw.cores >= advice.cores && hw.memory >= advice.memoryGiB * 1024) return null;
    return { name: `cp-${advice.cores}c-${advice.memoryGiB}g`, cores: advice.cores, memoryMiB: advice.memoryGiB * 1024 };
  }

  private header(c: HardwareChoice, n: number, s: Omit<CandidateSettings, 'header'>): string {
    const d = this.demand;
    const cp = this.base.nodes.controlPlane;
    const seeds = d.runs === 1 ? `seed ${this.opts.seed}` : `seeds ${this.opts.seed}..${this.opts.seed + d.runs - 1}`;
    const proof = this.drillNames.length ? `passes ${this.drillNames.join(', ')} over ${seeds}` : 'runs no drills (planned with --drills none)';
    return [
      ` Planned by \`vmo-twin plan\` from the demand ${d.metadata.name} (${basename(this.input.demandFile)}) on the base ${basename(this.input.base.file)}:`,
      ` ${n} × ${c.name} workers, ${cp.count} × ${s.controlPlaneClass?.name ?? cp.hardware} control plane, pod CIDR ${s.podCidr} and service CIDR ${s.serviceCidr},`,
      ` ${s.dataDrives.count} × ${formatMiB(s.dataDrives.sizeMiB)} Portworx data drives per worker. A plan is written only when it validates with no`,
      ` errors, keeps every VM placeable through ${d.tolerate} worker failure${d.tolerate === 1 ? '' : 's'}, and ${proof}.`,
      ` Check it yourself: vmo-twin validate THIS-FILE; vmo-twin simulate THIS-FILE --drill ${this.drillNames[0] ?? 'repave-all'}`,
    ].join('\n');
  }

  /** Build the candidate of `n` workers of class `c` and check it (validate + failure headroom). */
  evaluate(st: ClassState, n: number): Evaluation {
    const c = st.choice;
    const key = `${c.name}\u0000${n}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const { base, demand } = this;
    const k8s = base.kubernetes;
    const cidrs = planClusterCidrs({ podCidr: k8s.podCidr, serviceCidr: k8s.serviceCidr, nodeCidrMaskSize: k8s.nodeCidrMaskSize, nodes: base.nodes.controlPlane.count + n, spare: this.spare, growthPct: demand.growth, avoid: this.avoid });
    const names = resizeHostnames(this.baseHostnames, n + base.nodes.workers.spares);
    let ev: Evaluation | undefined;
    // Replica placement may want a drive more than the arithmetic: try a few before calling it storage.
    for (let extra = 0; extra <= MAX_EXTRA_DRIVES; extra++) {
      const settings: Omit<CandidateSettings, 'header'> = {
        name: demand.metadata.name,
        description: demand.metadata.description ?? `planned by vmo-twin plan from the demand ${demand.metadata.name}`,
        workerClass: c.name,
        workerClassFrom: c.from,
        workers: n,
        dataDrives: dataDrivesFor(st.replicatedMiB, n, base.storage.portworx.dataDrives.size, extra),
        podCidr: formatCidr(cidrs.kind === 'planned' ? cidrs.podCidr : k8s.podCidr),
        serviceCidr: formatCidr(cidrs.kind === 'planned' ? cidrs.serviceCidr : k8s.serviceCidr),
        controlPlaneClass: this.controlPlaneFor(n),
        repaveIntervalMs: Math.max(base.nodes.workers.repaveInterval, PORTWORX_REPAVE_INTERVAL_MS),
        ...(this.baseHostnames !== undefined ? { workerHostnames: names.value } : {}),
      };
      const full: CandidateSettings = { ...settings, header: this.header(c, n, settings) };
      const text = renderCandidate({ doc: this.baseDoc }, { doc: this.input.demandDoc }, full);
      const check: StaticCheck = cidrs.kind === 'impossible' ? { ok: false, curable: false, diagnostics: [], binding: { kind: 'cidr', detail: cidrs.reason } } : checkStatic(text, `${demand.metadata.name}.yaml`, demand.tolerate);
      ev = { n, text, settings: full, cidrs: cidrs.kind === 'planned' ? cidrs : null, static: check, notes: names.note ? [names.note] : [] };
      if (check.ok || check.binding.kind !== 'storage' || !check.curable) break;
    }
    const done = ev as Evaluation;
    this.cache.set(key, done);
    return done;
  }

  /** Run every drill on a candidate that validates (once; later calls get the same answer). */
  async drills(ev: Evaluation): Promise<DrillCheck> {
    if (ev.drills) return ev.drills;
    if (!ev.static.ok) throw new Error('Search.drills: the candidate did not validate');
    const { demand, opts } = this;
    const before = this.runsDone;
    const runs = this.input.drills.length * demand.runs;
    this.runsPlanned += runs;
    const onRuns = (done: number): void => {
      this.runsDone = before + done;
      opts.progress?.(this.runsDone, this.runsPlanned);
    };
    const result = await checkDrills(ev.static.twin, this.input.drills, { seed: opts.seed, runs: demand.runs, workers: opts.workers, onRuns });
    this.runsDone = before + runs;
    ev.drills = result;
    this.lastResults = result.results;
    return result;
  }

  /**
   * The fewest workers of a class that validate and absorb the failures: from the sizing bound,
   * doubling the step until a count passes, then bisecting back. Sets `validates` or `reason`.
   */
  fewestThatValidate(st: ClassState): void {
    const c = st.choice;
    const d = this.demand;
    const b = workerBound(this.base, c.name, c.hardware, d.workloads, d.tolerate);
    if (b.kind === 'impossible') {
      this.record(c, 0, 'bound', false, { kind: b.resource, detail: b.reason });
      this.next(`no count of ${c.name} workers can hold it`);
      st.reason = b.reason;
      return;
    }
    st.bound = b.workers;
    st.replicatedMiB = b.figures.demand.replicatedMiB;
    const pinned = this.input.workerCount;
    if (pinned !== undefined) {
      const ev = this.evaluate(st, pinned);
      this.record(c, pinned, 'validate', ev.static.ok, ev.static.ok ? null : ev.static.binding);
      if (ev.static.ok) {
        this.next('validates: run the drills');
        st.validates = pinned;
      } else {
        st.reason = `${pinned} × ${c.name} does not validate (the count was given with --worker-count)`;
        this.next(st.reason);
      }
      return;
    }
    if (b.workers > 1) {
      this.record(c, b.workers - 1, 'bound', false, { kind: b.binding, detail: b.below });
      this.next(`start at the sizing bound, ${b.workers} workers (${b.binding === 'minimum' ? 'the RA minimum' : `${b.binding} + ${d.tolerate} failure${d.tolerate === 1 ? '' : 's'}`})`);
    }
    let lo = b.workers - 1;
    let n = b.workers;
    let step = 1;
    for (;;) {
      const ev = this.evaluate(st, n);
      this.record(c, n, 'validate', ev.static.ok, ev.static.ok ? null : ev.static.binding);
      if (ev.static.ok) break;
      if (!ev.static.curable) {
        st.reason = `more workers cannot cure ${ev.static.binding.kind === 'rule' ? ev.static.binding.code : ev.static.binding.kind}: it is in the base site or the demand`;
        this.next(st.reason);
        return;
      }
      if (n >= MAX_WORKERS) {
        st.reason = `no count up to ${MAX_WORKERS} validates`;
        this.next(st.reason);
        return;
      }
      lo = n;
      n = Math.min(MAX_WORKERS, lo + step);
      this.next(step === 1 ? `one more: try ${n}` : `still short: step up ${step}, try ${n}`);
      step *= 2;
    }
    let hi = n;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      this.next(`${this.last?.ok ? 'validates' : 'fails'}: bisect between ${lo} and ${hi}, try ${mid}`);
      const ev = this.evaluate(st, mid);
      this.record(c, mid, 'validate', ev.static.ok, ev.static.ok ? null : ev.static.binding);
      if (ev.static.ok) hi = mid;
      else lo = mid;
    }
    this.next(`${hi} is the fewest ${c.name} workers that validate${lo >= 1 ? ` (${lo} does not)` : ''}`);
    st.validates = hi;
  }

  /**
   * The fewest workers, from the fewest that validate, that pass every drill: the same doubling
   * and bisection, stopping early when the failing gates do not improve with more workers.
   * Sets `proven` or `reason`.
   */
  async fewestThatPass(st: ClassState): Promise<void> {
    const c = st.choice;
    const floor = st.validates as number;
    const pinned = this.input.workerCount !== undefined;
    const limit = pinned ? floor : Math.min(MAX_WORKERS, floor + DRILL_SEARCH_SPAN(floor));
    let lo = -1;
    let n = floor;
    let step = 1;
    let prev: { n: number; check: DrillFailure } | null = null;
    for (;;) {
      const ev = this.evaluate(st, n);
      let failure: DrillFailure | null = null;
      if (!ev.static.ok) this.record(c, n, 'validate', false, ev.static.binding);
      else {
        const check = await this.drills(ev);
        this.record(c, n, 'drills', check.ok, check.ok ? null : check.binding);
        if (check.ok) break;
        failure = check;
      }
      if (failure && !failure.curable) {
        const b = failure.binding;
        st.reason = b.gate === '(cannot run)' ? `${b.drill} cannot run on this site: ${b.detail}` : `more workers cannot cure ${b.drill} (${b.gate}): ${b.detail}`;
        this.next(st.reason);
        return;
      }
      if (failure && prev && sameFailure(prev.check, failure) && noBetter(prev.check, failure)) {
        st.reason = `more workers do not help ${failure.binding.drill}: ${describeNoBetter(prev, { n, check: failure })}`;
        this.next(st.reason);
        return;
      }
      if (failure) prev = { n, check: failure };
      lo = n;
      if (lo >= limit) {
        const what = failure ? `${failure.binding.drill} (${failure.binding.gate})` : 'validation';
        st.reason = pinned ? `${n} × ${c.name} fails ${what} (the count was given with --worker-count)` : `no count from ${floor} to ${limit} passes ${failure ? `${what}: it still fails` : 'the checks'}`;
        this.next(st.reason);
        return;
      }
      n = Math.min(limit, lo + step);
      this.next(step === 1 ? `a drill gate failed: one more worker, try ${n}` : `still failing: step up ${step}, try ${n}`);
      step *= 2;
    }
    let hi = n;
    while (lo >= floor && hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      this.next(`${this.last?.ok ? 'passes' : 'fails'}: bisect between ${lo} and ${hi}, try ${mid}`);
      const ev = this.evaluate(st, mid);
      if (!ev.static.ok) {
        this.record(c, mid, 'validate', false, ev.static.binding);
        lo = mid;
        continue;
      }
      const check = await this.drills(ev);
      this.record(c, mid, 'drills', check.ok, check.ok ? null : check.binding);
      if (check.ok) hi = mid;
      else lo = mid;
    }
    const below = lo >= floor ? ` (${lo} does not)` : floor > 1 && !pinned ? ` (${floor - 1} fails before the drills)` : '';
    this.next(`${hi} × ${c.name} passes every drill${below}`);
    st.proven = this.evaluate(st, hi);
    st.outcome = 'proven';
  }
}

/** Search for the smallest site that meets the demand. */
export async function planSite(input: PlanInput, opts: PlanOptions): Promise<PlanOutcome> {
  const { demand } = input;
  const loaded = loadSiteText(input.base.text, input.base.file, input.base.sets);
  if (loaded.kind === 'unusable') return { kind: 'invalid', message: `the base site ${input.base.file} cannot be used`, hint: 'fix it, or plan on the reference site (leave out --base)', diagnostics: loaded.diagnostics };
  const base = loaded.site;
  const hw = hardwareChoices(demand, base, input.hardware, loaded.source);
  if (hw.kind === 'invalid') return hw;
  if (input.workerCount !== undefined && (input.workerCount < 1 || input.workerCount > MAX_WORKERS)) return { kind: 'invalid', message: `a worker count of ${input.workerCount}`, hint: `give 1 to ${MAX_WORKERS}`, diagnostics: [] };
  const search = new Search(input, opts, base, loaded.source.doc);

  // Every class to the fewest workers that validate; then the drills, cheapest class first.
  const states: ClassState[] = hw.choices.map((choice) => ({ choice, bound: null, replicatedMiB: 0, validates: null, proven: null, outcome: 'unmet', reason: '' }));
  for (const st of states) search.fewestThatValidate(st);
  const unit = (st: ClassState): number => st.choice.cost ?? 1;
  const total = (st: ClassState, n: number): number => unit(st) * n;
  const viable = states
    .filter((st) => st.validates !== null)
    .sort((a, b) => total(a, a.validates as number) - total(b, b.validates as number) || (a.validates as number) - (b.validates as number) || (a.choice.name < b.choice.name ? -1 : 1));
  let best: (ClassState & { proven: Evaluation }) | null = null;
  for (const st of viable) {
    const floor = st.validates as number;
    // Its fewest validating count is a lower bound on what it would cost proven.
    if (best && (total(st, floor) > total(best, best.proven.n) || (total(st, floor) === total(best, best.proven.n) && floor >= best.proven.n))) {
      st.outcome = 'costlier';
      const c = st.choice;
      st.reason =
        c.cost !== null
          ? `its fewest validating count, ${floor} × ${fmt(c.cost)} = ${fmt(c.cost * floor)}, is no cheaper than ${best.proven.n} × ${best.choice.name} = ${fmt(total(best, best.proven.n))}: not simulated`
          : `its fewest validating count, ${floor}, is no fewer than ${best.proven.n} × ${best.choice.name}: not simulated`;
      continue;
    }
    await search.fewestThatPass(st);
    const proven = st.proven;
    if (proven && (!best || total(st, proven.n) < total(best, best.proven.n) || (total(st, proven.n) === total(best, best.proven.n) && proven.n < best.proven.n))) best = { ...st, proven };
  }

  const chosenName = best?.choice.name;
  const classes: ClassOutcome[] = states.map((st) => {
    const proven = st.proven?.n ?? null;
    const chosen = st.choice.name === chosenName;
    const reason = chosen
      ? `the cheapest proven plan${st.choice.cost === null ? ' (fewest workers: no costs given)' : ''}`
      : st.outcome === 'proven' && best
        ? `proven at ${proven}, but ${best.proven.n} × ${best.choice.name} ${best.choice.cost === null ? 'needs fewer workers' : 'costs less'}`
        : st.reason;
    return { hardware: st.choice.name, unitCost: st.choice.cost, bound: st.bound, validates: st.validates, proven, totalCost: proven !== null && st.choice.cost !== null ? proven * st.choice.cost : null, outcome: chosen ? 'chosen' : st.outcome, reason };
  });
  if (!best) {
    const reason = states.length === 1 ? (states[0] as ClassState).reason : states.map((st) => `${st.choice.name}: ${st.reason}`).join('; ');
    return { kind: 'unmet', reason, candidates: search.candidates, classes, lastResults: search.lastResults };
  }
  const ev = best.proven;
  if (!ev.static.ok || !ev.drills?.ok || !ev.cidrs) throw new Error('planSite: the chosen candidate was not proven');
  const s = ev.settings;
  const cp = base.nodes.controlPlane;
  const cpHw = base.hardware.get(cp.hardware);
  const advice = controlPlaneAdvice(ev.n, demand.workloads.namespaces);
  const chosen: ChosenPlan = {
    name: demand.metadata.name,
    hardware: best.choice.name,
    workers: ev.n,
    unitCost: best.choice.cost,
    totalCost: best.choice.cost === null ? null : best.choice.cost * ev.n,
    controlPlane: {
      count: cp.count,
      hardware: s.controlPlaneClass?.name ?? cp.hardware,
      cores: s.controlPlaneClass?.cores ?? cpHw?.cores ?? 0,
      memoryGiB: (s.controlPlaneClass?.memoryMiB ?? cpHw?.memory ?? 0) / 1024,
      raCores: advice.cores,
      raMemoryGiB: advice.memoryGiB,
      beyondTable: advice.row === null,
    },
    podCidr: {
      cidr: s.podCidr,
      blocks: ev.cidrs.blocks,
      needed: ev.cidrs.blocksNeeded,
      nodes: cp.count + ev.n,
      nodesWithGrowth: ev.cidrs.nodesWithGrowth,
      spare: search.spare,
      growthPct: demand.growth,
      canGrowTo: formatCidr(ev.cidrs.growthRoom),
    },
    serviceCidr: s.serviceCidr,
    dataDrives: { count: s.dataDrives.count, size: formatMiB(s.dataDrives.sizeMiB) },
    maxStorageNodes: ev.n,
    repaveInterval: formatMs(s.repaveIntervalMs),
    tolerate: demand.tolerate,
    tolerated: ev.static.tolerated,
    drills: input.drills.map((d) => d.name),
    seed: opts.seed,
    runs: demand.runs,
    size: sizeReport(ev.static.twin),
    warnings: ev.static.warnings,
    notes: ev.notes,
  };
  return { kind: 'planned', chosen, candidates: search.candidates, classes, proof: ev.drills.results, siteText: ev.text };
}

function sameFailure(a: DrillFailure, b: DrillFailure): boolean {
  return a.binding.drill === b.binding.drill && a.binding.failedGates.join('\u0000') === b.binding.failedGates.join('\u0000');
}

/** Every failing gate has a comparable figure and none improved with more workers. */
function noBetter(a: DrillFailure, b: DrillFailure): boolean {
  return b.binding.failedGates.every((g) => {
    const x = a.figures[g];
    const y = b.figures[g];
    return x !== undefined && y !== undefined && y.value >= x.value;
  });
}

function describeNoBetter(a: { n: number; check: DrillFailure }, b: { n: number; check: DrillFailure }): string {
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
