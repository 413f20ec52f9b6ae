/**
 * The invariant fuzz kernel: every bundled drill, seed after seed, on generated sites, in the
 * engine's test mode (`check: true`: conservation, capacity, limits, replicas, time, stalls
 * after every event and at the end), plus the figures' own invariants. Pure: the same on
 * the test thread and in the worker threads of test/helpers/sim-invariants-worker.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSiteText } from '../../src/model/load.js';
import { compileTwin, type Twin } from '../../src/model/twin.js';
import { buildBase, type SimBase } from '../../src/sim/base.js';
import { parseDrill, type Drill } from '../../src/sim/drill.js';
import type { RunFigures } from '../../src/sim/engine.js';
import { runOnce } from '../../src/sim/run.js';
import { ROOT } from './site.js';

/** A generated site as handed to a worker: its text and the file name it loads as. */
export interface SiteCase {
  readonly text: string;
  readonly file: string;
}

/** The bundled drills, read from scenarios/drills/ so a new one joins by being there. */
export function bundledDrillFiles(): Array<{ name: string; text: string }> {
  const dir = join(ROOT, 'scenarios', 'drills');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: f.replace(/\.yaml$/, ''), text: readFileSync(join(dir, f), 'utf8') }));
}

/** Load and compile a site, errors allowed (like --force); null when it does not compile. */
export function forcedTwinOf(site: SiteCase): Twin | null {
  const l = loadSiteText(site.text, site.file);
  if (l.kind !== 'loaded') return null;
  const c = compileTwin(l.site);
  return c.kind === 'compiled' ? c.twin : null;
}

/** One failed run: what broke, where. */
export interface Failure {
  readonly drill: string;
  readonly seed: number;
  /** Index of the site in the generated set. */
  readonly site: number;
  readonly problem: string;
}

/** What a slice of seeds gave: failures, events checked, stalls by code (how much was exercised). */
export interface SeedsOutcome {
  readonly failures: Failure[];
  readonly events: number;
  readonly stalls: Record<string, number>;
}

/** The figures' own invariants; '' when they hold. */
export function figureProblems(f: RunFigures, base: SimBase, drill: Drill): string {
  const h = base.header;
  const p: string[] = [];
  if (f.migrationsCompleted + f.migrationsFailed > f.migrationsStarted) p.push(`${f.migrationsCompleted} completed + ${f.migrationsFailed} failed > ${f.migrationsStarted} started`);
  if (f.maxInFlight > h.migration.parallelPerCluster) p.push(`maxInFlight ${f.maxInFlight} > cluster limit ${h.migration.parallelPerCluster}`);
  if (!(f.endMs >= 0 && f.endMs <= drill.spec.horizon)) p.push(`endMs ${f.endMs} outside [0, ${drill.spec.horizon}]`);
  if (f.stall && (f.stall.code === '' || f.stall.reason.trim() === '')) p.push(`stall without a reason: ${JSON.stringify(f.stall)}`);
  if (f.unplacedAtEnd < 0 || f.unplacedAtEnd > h.vms) p.push(`unplacedAtEnd ${f.unplacedAtEnd} of ${h.vms} VMs`);
  if (f.unplacedAtEnd > 0 && !f.stall) p.push(`${f.unplacedAtEnd} VMs unplaced at the end, no stall`);
  if (f.downtimeVmsBeyondFailures > f.downtimeVms || f.downtimeVms > h.vms) p.push(`downtime VMs ${f.downtimeVms} (beyond failures ${f.downtimeVmsBeyondFailures}) of ${h.vms}`);
  if (f.degradedVolumesAtEnd > f.degradedVolumesMax || f.degradedVolumesMax > h.volumes || f.volumesLost > h.volumes) p.push(`volumes: degraded at end ${f.degradedVolumesAtEnd}, max ${f.degradedVolumesMax}, lost ${f.volumesLost}, of ${h.volumes}`);
  if (f.downtimeMaxMs > f.endMs || f.recoveryMs > f.endMs || f.downtimeVmMs < 0) p.push(`durations beyond the run: max downtime ${f.downtimeMaxMs}, recovery ${f.recoveryMs}, end ${f.endMs}`);
  return p.join('; ');
}

/**
 * The sites and drills of a campaign, compiled lazily; the site of each (drill, seed) is fixed:
 * the seed's turn among the sites the drill can run on (site = eligible[seed mod eligible]).
 */
export class Campaign {
  private readonly drills: Map<string, Drill>;
  private readonly twins = new Map<number, Twin | null>();
  private readonly bases = new Map<string, SimBase | null>();
  private readonly eligible = new Map<string, number[]>();

  /** `twins`: the sites already compiled (index → twin), when the caller has them. */
  constructor(
    private readonly sites: readonly SiteCase[],
    drills: ReadonlyArray<{ name: string; text: string }>,
    twins: ReadonlyMap<number, Twin> = new Map(),
  ) {
    for (const [i, t] of twins) this.twins.set(i, t);
    this.drills = new Map(
      drills.map((d) => {
        const p = parseDrill(d.text, `${d.name}.yaml`);
        if (p.kind !== 'loaded') throw new Error(`drill ${d.name} does not load`);
        return [d.name, p.drill];
      }),
    );
  }

  private twin(i: number): Twin | null {
    if (!this.twins.has(i)) this.twins.set(i, forcedTwinOf(this.sites[i] as SiteCase));
    return this.twins.get(i) ?? null;
  }

  private base(drill: string, i: number): SimBase | null {
    const key = `${drill}\u0000${i}`;
    if (!this.bases.has(key)) {
      const twin = this.twin(i);
      const b = twin ? buildBase(twin, this.drills.get(drill) as Drill, false) : null;
      this.bases.set(key, b && b.kind === 'built' ? b.base : null);
    }
    return this.bases.get(key) ?? null;
  }

  /** The sites (indices) this drill runs on: they compile and the drill can be set up on them. */
  sitesFor(drill: string): number[] {
    let e = this.eligible.get(drill);
    if (!e) {
      e = this.sites.map((_, i) => i).filter((i) => this.base(drill, i) !== null);
      this.eligible.set(drill, e);
    }
    return e;
  }

  siteOf(drill: string, seed: number): number {
    const e = this.sitesFor(drill);
    return e.length === 0 ? -1 : (e[seed % e.length] as number);
  }

  /** Run one seed; a failure when an invariant breaks or anything throws. */
  run(drillName: string, seed: number): { failure: Failure | null; events: number; stall: string | null } {
    const site = this.siteOf(drillName, seed);
    if (site < 0) return { failure: null, events: 0, stall: null };
    const base = this.base(drillName, site) as SimBase;
    const drill = this.drills.get(drillName) as Drill;
    try {
      const o = runOnce(base, drill, seed, { record: false, check: true });
      const problem = figureProblems(o.figures, base, drill);
      return { failure: problem ? { drill: drillName, seed, site, problem } : null, events: o.figures.events, stall: o.figures.stall?.code ?? null };
    } catch (e) {
      const err = e as Error;
      return { failure: { drill: drillName, seed, site, problem: `${err.name}: ${err.message}` }, events: 0, stall: null };
    }
  }

  /** Run seeds; the failures, how many events were checked, and the stalls by code. */
  runSeeds(drill: string, seeds: readonly number[]): SeedsOutcome {
    const failures: Failure[] = [];
    const stalls: Record<string, number> = {};
    let events = 0;
    for (const seed of seeds) {
      const r = this.run(drill, seed);
      events += r.events;
      if (r.failure) failures.push(r.failure);
      if (r.stall) stalls[r.stall] = (stalls[r.stall] ?? 0) + 1;
    }
    return { failures, events, stalls };
  }
}
