/**
 * Small shared helpers of the reconcilers: reading a dotted path out of an API answer, and
 * pointing a site path at its line in the site file (or the `--set` that gave it).
 */
import { parsePath } from '../../model/codec.js';
import { locate, type SiteSource } from '../../model/load.js';
import type { SiteLocation } from './result.js';

/** `vlan.id`, `params.bond_mode`, `boot_disk.partitions`, `links.0.id`; `$` is the value itself. */
export function getPath(value: unknown, path: string): unknown {
  if (path === '$') return value;
  let v: unknown = value;
  for (const seg of path.split('.')) {
    if (v === null || v === undefined) return undefined;
    if (Array.isArray(v)) v = /^\d+$/.test(seg) ? v[Number(seg)] : undefined;
    else if (typeof v === 'object') v = (v as Record<string, unknown>)[seg];
    else return undefined;
  }
  return v;
}

/** A value as people read it in a diff: `(none)` for absent. */
export function show(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A function from site path to its place in the site file; without a source, the path alone. */
export type Locator = (path: string) => SiteLocation;

export function siteLocator(source: SiteSource | undefined): Locator {
  return (path) => {
    const segs = parsePath(path);
    if (!source || !segs) return { path };
    // An absent optional value (a gateway not written) points at the nearest parent that is there.
    for (let n = segs.length; n > 0; n--) {
      const d = locate(source, segs.slice(0, n), { code: 'placeholder', message: '', hint: '' });
      if (d.set !== undefined) return { path, set: d.set };
      if (d.line !== undefined) return { path, line: d.line, ...(d.column !== undefined ? { column: d.column } : {}) };
    }
    return { path };
  };
}
