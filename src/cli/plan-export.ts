/**
 * `plan --export DIR --format F…`: the chosen plan's MAAS, Palette, Kubernetes and Terraform
 * files, written in the same step as the plan, through the same exporters as `vmo-twin export`
 * from the proven site text. Formats are checked before the search runs, so nobody waits for a
 * plan to learn that its files cannot be written.
 */
import { loadSiteText } from '../model/load.js';
import { validateSite } from '../model/validate.js';
// The exporters themselves (and the Kubernetes schemas they validate against) load only when a
// plan is exported: 98 of the 260 files `plan` loaded at start-up, about 100 ms of its 250–290.
import { FORMATS, type Format } from '../exporters/files.js';
import type { ChosenPlan } from '../planner/plan.js';
import { UsageError } from './io.js';

/** The formats `--format` takes (all of them by default). */
export const PLAN_EXPORT_FORMATS = FORMATS;

/** What an export gets: the proven site's text (exactly what `--out` writes) and the plan. */
export interface PlanExportInput {
  readonly siteText: string;
  readonly chosen: ChosenPlan;
}

/** Writes the files and returns their paths. */
export type PlanExporter = (input: PlanExportInput) => Promise<readonly string[]>;

/** The exporter for `--export DIR --format F…`; a format that does not exist is a usage error (exit 2), before any search. */
export function planExporter(dir: string, formats: readonly string[]): PlanExporter {
  const wanted = formats.flatMap((f) => f.split(',')).filter((f) => f !== '');
  const list: readonly Format[] = wanted.length === 0 || wanted.includes('all') ? FORMATS : (wanted as Format[]);
  const bad = list.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (bad.length) throw new UsageError(`--format ${bad.join(',')}: not a format`, `the formats are ${FORMATS.join(', ')} (or all)`);
  return async ({ siteText }) => {
    const loaded = loadSiteText(siteText, 'plan');
    if (loaded.kind !== 'loaded') throw new Error('plan: the proven site text does not load');
    const v = validateSite(loaded.site, loaded.source, loaded.diagnostics);
    if (!v.twin) throw new Error('plan: the proven site does not compile');
    const { renderExport, writeExport } = await import('../exporters/index.js');
    const result = writeExport(dir, renderExport(v.twin, list), list);
    if (result.kind !== 'compared') throw new UsageError(result.message, result.hint);
    return result.files.map((f) => `${dir}/${f.path}`);
  };
}
