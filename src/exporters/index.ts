/**
 * Export: render a compiled site in one or more formats, then write the files to a directory
 * or check the directory against them. Rendering is pure (the same twin gives the same bytes);
 * writing touches only the format folders it owns (`DIR/<format>/`).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { Twin } from '../model/twin.js';
import { FORMATS, type ExportFile, type Format } from './files.js';
import { renderKubernetes } from './kubernetes/index.js';
import { renderMaas } from './maas/index.js';
import { renderPalette } from './palette/index.js';
import { paletteModel, type PaletteModel } from './palette/model.js';
import { renderTerraform } from './terraform/index.js';

export { FORMATS, type ExportFile, type Format } from './files.js';

/** Each format's renderer; `palette()` gives the twin's Palette model, worked out once per export. */
const RENDERERS: Readonly<Record<Format, (twin: Twin, palette: () => PaletteModel) => ExportFile[]>> = {
  kubernetes: (twin) => renderKubernetes(twin),
  palette: (twin, palette) => renderPalette(twin, palette()),
  maas: (twin) => renderMaas(twin),
  terraform: (twin, palette) => renderTerraform(twin, palette()),
};

/** Every file of the given formats, sorted by path. */
export function renderExport(twin: Twin, formats: readonly Format[]): ExportFile[] {
  let model: PaletteModel | undefined;
  const palette = (): PaletteModel => (model ??= paletteModel(twin));
  const files = FORMATS.filter((f) => formats.includes(f)).flatMap((f) => RENDERERS[f](twin, palette));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export type FileStatus = 'unchanged' | 'changed' | 'missing' | 'extra';
export interface FileReport {
  readonly path: string;
  readonly status: FileStatus;
  readonly bytes: number;
  readonly sha256?: string;
}

export type DirResult =
  | { readonly kind: 'compared'; readonly files: readonly FileReport[]; readonly differences: number }
  | { readonly kind: 'unusable'; readonly message: string; readonly hint: string };

/** Files under `dir/<format>/` for the formats, as relative "/" paths. */
function existingFiles(dir: string, formats: readonly Format[]): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  for (const f of formats) {
    const d = join(dir, f);
    if (existsSync(d) && statSync(d).isDirectory()) walk(d);
  }
  return out.sort();
}

function compare(dir: string, files: readonly ExportFile[], formats: readonly Format[]): FileReport[] {
  const want = new Map(files.map((f) => [f.path, f]));
  const reports: FileReport[] = files.map((f) => {
    const p = join(dir, f.path);
    const bytes = Buffer.byteLength(f.content);
    const hash = sha256(f.content);
    if (!existsSync(p) || !statSync(p).isFile()) return { path: f.path, status: 'missing', bytes, sha256: hash };
    return { path: f.path, status: readFileSync(p, 'utf8') === f.content ? 'unchanged' : 'changed', bytes, sha256: hash };
  });
  for (const path of existingFiles(dir, formats)) {
    if (!want.has(path)) reports.push({ path, status: 'extra', bytes: statSync(join(dir, path)).size });
  }
  return reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function usable(dir: string): DirResult | undefined {
  if (existsSync(dir) && !statSync(dir).isDirectory()) return { kind: 'unusable', message: `${dir} is a file, not a directory`, hint: 'give --out a directory (it is created when missing)' };
  return undefined;
}

/** Compare `dir` with what would be written: missing, changed and extra files are differences. */
export function checkExport(dir: string, files: readonly ExportFile[], formats: readonly Format[]): DirResult {
  const bad = usable(dir);
  if (bad) return bad;
  const reports = compare(dir, files, formats);
  return { kind: 'compared', files: reports, differences: reports.filter((r) => r.status !== 'unchanged').length };
}

/**
 * Write the files that differ (each through a temporary file and a rename), and remove files in
 * the format folders that the export no longer produces. Reports what was there before.
 */
export function writeExport(dir: string, files: readonly ExportFile[], formats: readonly Format[]): DirResult {
  const bad = usable(dir);
  if (bad) return bad;
  const reports = compare(dir, files, formats);
  // A file that already holds these bytes is left alone (its modification time too, for make and rsync).
  const unchanged = new Set(reports.filter((r) => r.status === 'unchanged').map((r) => r.path));
  try {
    for (const f of files) {
      if (unchanged.has(f.path)) continue;
      const p = join(dir, f.path);
      mkdirSync(dirname(p), { recursive: true });
      const tmp = `${p}.vmo-twin-tmp`;
      writeFileSync(tmp, f.content);
      renameSync(tmp, p);
    }
    for (const r of reports) if (r.status === 'extra') rmSync(join(dir, r.path));
  } catch (e) {
    return { kind: 'unusable', message: `cannot write to ${dir}: ${(e as Error).message}`, hint: 'check that the directory is writable, or choose another --out' };
  }
  return { kind: 'compared', files: reports, differences: reports.filter((r) => r.status !== 'unchanged').length };
}
