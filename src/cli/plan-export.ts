/**
 * `plan --export DIR --format F…`: the chosen plan's MAAS, Palette, Kubernetes and Terraform
 * files, written in the same step as the plan. This is the one place `plan` meets the
 * exporters (src/exporters, `vmo-twin export`), which are built on another branch: until they
 * are merged, asking for an export is refused before any search runs (exit 2), so nobody waits
 * for a plan to learn that its files cannot be written.
 */
import type { ChosenPlan } from '../planner/plan.js';
import { UsageError } from './io.js';

/** The formats `vmo-twin export` is to write (issue: MAAS, Palette, Kubernetes, Terraform). */
export const PLAN_EXPORT_FORMATS = ['maas', 'palette', 'kubernetes', 'terraform'] as const;

/** What an export gets: the proven site's text (exactly what `--out` writes; load it to compile) and the plan. */
export interface PlanExportInput {
  readonly siteText: string;
  readonly chosen: ChosenPlan;
}

/** Writes the files and returns their paths. */
export type PlanExporter = (input: PlanExportInput) => Promise<readonly string[]>;

/**
 * The exporter for `--export DIR --format F…`, checked before the search. Throws a usage error
 * (exit 2) while the exporters are not part of this build.
 */
export function planExporter(dir: string, formats: readonly string[]): PlanExporter {
  throw new UsageError(
    `--export ${dir}${formats.length ? ` --format ${formats.join(',')}` : ''}: the exporters are not built yet, so plan cannot write MAAS, Palette, Kubernetes or Terraform files`,
    'plan without --export and keep the site with --out site.yaml; `vmo-twin export site.yaml` will write the files from it once the exporters are merged',
  );
}
