/**
 * Test helpers for the planner: plan a demand (a bundled file or inline text) on a bundled base,
 * with bundled drills, in-process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDemandText, withOverrides, type Demand, type DemandOverrides } from '../../src/planner/demand.js';
import { planSite, type PlanOutcome } from '../../src/planner/plan.js';
import { ROOT, scenarioPath, scenarioText } from './site.js';
import { drillNamed } from './sim.js';

export const demandText = (name: string): string => readFileSync(join(ROOT, 'scenarios', `${name}.yaml`), 'utf8');

export interface PlanArgs extends DemandOverrides {
  readonly base?: string;
  readonly sets?: readonly string[];
  /** Bundled drill names; default the demand's. */
  readonly drills?: readonly string[];
  readonly hardware?: readonly string[];
  readonly workerCount?: number;
  readonly seed?: number;
  readonly progress?: (done: number, total: number) => void;
}

export function loadDemand(text: string, file = 'demand.yaml'): { demand: Demand; doc: import('yaml').Document } {
  const d = loadDemandText(text, file);
  if (d.kind !== 'loaded') throw new Error(`${file}: ${d.diagnostics.map((x) => `${x.path} ${x.code} ${x.message}`).join('; ')}`);
  return { demand: d.demand, doc: d.doc };
}

export async function planText(text: string, args: PlanArgs = {}): Promise<PlanOutcome> {
  const { demand, doc } = loadDemand(text);
  const base = args.base ?? 'vmo-ra-64';
  const d = withOverrides(demand, args);
  const drills = (args.drills ?? d.drills).map((name) => ({ name, drill: drillNamed(name) }));
  return planSite(
    {
      demand: d,
      demandDoc: doc,
      demandFile: 'demand.yaml',
      base: { text: scenarioText(base), file: scenarioPath(base), sets: args.sets ?? [] },
      drills,
      ...(args.hardware ? { hardware: args.hardware } : {}),
      ...(args.workerCount !== undefined ? { workerCount: args.workerCount } : {}),
    },
    { seed: args.seed ?? 1, workers: 1, ...(args.progress ? { progress: args.progress } : {}) },
  );
}

/** Plan and insist on a plan. */
export async function planned(text: string, args: PlanArgs = {}): Promise<Extract<PlanOutcome, { kind: 'planned' }>> {
  const r = await planText(text, args);
  if (r.kind !== 'planned') throw new Error(`no plan: ${r.kind === 'unmet' ? r.reason : `${r.message} (${r.hint})`}`);
  return r;
}

/** A demand file from VM classes written as flow mappings. */
export function demandOf(classes: readonly string[], extra = ''): string {
  return `apiVersion: vmo-twin/v1\nkind: Demand\nmetadata: { name: generated }\nworkloads:\n  vmClasses:\n${classes.map((c) => `    - ${c}\n`).join('')}${extra}`;
}
