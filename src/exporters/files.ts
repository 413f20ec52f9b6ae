/**
 * The exporters' common ground: the formats, the files they produce, and deterministic
 * rendering (YAML and JSON with sorted keys, no timestamps, one trailing newline), so a
 * re-export is byte-identical and a diff means the site changed.
 */
import { stringify } from 'yaml';
import { stableStringify, stableValue } from '../model/stable.js';

export const FORMATS = ['kubernetes', 'palette', 'maas', 'terraform'] as const;
export type Format = (typeof FORMATS)[number];

/** One file of an export; `path` is relative to the output directory, with "/" separators. */
export interface ExportFile {
  readonly format: Format;
  readonly path: string;
  readonly content: string;
}

/** JSON with sorted keys and a trailing newline. */
export function jsonText(value: unknown): string {
  return `${stableStringify(value)}\n`;
}

/** One YAML document with sorted keys, long strings never folded, no trailing newline. */
export function yamlText(value: unknown): string {
  return stringify(stableValue(value), { lineWidth: 0, minContentWidth: 0 }).replace(/\n+$/, '');
}

/** A YAML stream: an optional comment header, then the documents separated by "---". */
export function yamlDocuments(docs: readonly unknown[], header: readonly string[] = []): string {
  const head = header.map((l) => (l ? `# ${l}` : '#')).join('\n');
  const body = docs.map((d) => yamlText(d)).join('\n---\n');
  return `${head ? `${head}\n` : ''}${body}\n`;
}

/** Kubernetes quantity for a size in MiB: whole Ti, Gi or Mi, the largest that is exact. */
export function mebibytes(mib: number): string {
  if (mib > 0 && mib % (1024 * 1024) === 0) return `${mib / (1024 * 1024)}Ti`;
  if (mib > 0 && mib % 1024 === 0) return `${mib / 1024}Gi`;
  return `${mib}Mi`;
}
