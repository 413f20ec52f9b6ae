/**
 * The HTML report from a loaded site, for `report` and `demo`: gather the inputs (site
 * summary, diagnostics, sizing, drill results), render, and write the file so a reader never
 * sees half of it (written beside the target, then renamed).
 */
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { renderReport, siteSummary, type RenderedReport } from '../exporters/report/index.js';
import { countBySeverity } from '../model/diagnostics.js';
import { sizeReport } from '../planner/size.js';
import type { SimResult } from '../sim/result.js';
import { UsageError } from './io.js';
import { fmtInt } from './output.js';
import { generatorName } from './paths.js';
import type { LoadedSite } from './site-args.js';

export type OkSite = Extract<LoadedSite, { kind: 'ok' }>;

export interface ReportRequest {
  readonly loaded: OkSite;
  /** The site file as the user named it (printed in the report, and in replay commands). */
  readonly label: string;
  readonly sets: readonly string[];
  readonly drills: readonly SimResult[];
  readonly drillsHint?: string;
}

export function buildReport(req: ReportRequest): RenderedReport {
  return renderReport({
    generator: generatorName(),
    source: { label: req.label, sets: req.sets },
    site: siteSummary(req.loaded.site),
    diagnostics: req.loaded.diagnostics,
    size: sizeReport(req.loaded.twin),
    drills: req.drills,
    ...(req.drillsHint !== undefined ? { drillsHint: req.drillsHint } : {}),
  });
}

/** Write `text` to `file` whole: a temporary file beside it, then a rename. Returns the absolute path. */
export function writeWhole(file: string, text: string): string {
  const path = resolve(file);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? `the folder ${dirname(path)} does not exist` : err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : err.code === 'EISDIR' ? 'it is a folder' : err.message;
    throw new UsageError(`cannot write ${file}: ${why}`, 'name a file in a folder you can write to, such as --out report.html');
  }
  return path;
}

export function fmtBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${fmtInt(Math.round(n / 1024))} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** "passed all 5 gates" / "failed: 1 of 3 gates failed" / "stalled: no-free-pod-block". */
export function drillVerdict(r: SimResult): string {
  const failed = r.gates.filter((g) => !g.ok).map((g) => g.name);
  if (r.ok) return `✓ passed${r.gates.length ? ` all ${r.gates.length} gate${r.gates.length === 1 ? '' : 's'}` : ''}`;
  if (failed.length) return `✗ ${failed.length} of ${r.gates.length} gate${r.gates.length === 1 ? '' : 's'} failed (${failed.join(', ')})`;
  return `✗ failed${r.stalled ? `: stalled (${r.stalled.code})` : ''}`;
}

/** "1 chart" / "12 charts". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${fmtInt(n)} ${n === 1 ? one : many}`;
}

/** One line per drill for a summary: verdict, runs, and the headline figures. */
export function drillLine(r: SimResult): string {
  const t = r.simulatedSeconds;
  const time = t >= 3600 ? `${(t / 3600).toFixed(1)} h` : t >= 60 ? `${(t / 60).toFixed(1)} min` : `${t.toFixed(1)} s`;
  if (r.runs === 1) return `${drillVerdict(r)}; ${time}, ${count(r.migrations.started, 'migration')}, ${fmtInt(r.downtime.vms)} VMs down`;
  return `${drillVerdict(r)} over ${fmtInt(r.runs)} runs; the longest ${time}; over all runs ${count(r.migrations.started, 'migration')}, ${fmtInt(r.downtime.vms)} VMs down`;
}

/** Exit status of a written report: 1 when the site has errors or a drill failed, else 0. */
export function reportExitCode(loaded: OkSite, drills: readonly SimResult[]): 0 | 1 {
  return countBySeverity(loaded.diagnostics).error > 0 || drills.some((d) => !d.ok) ? 1 : 0;
}
