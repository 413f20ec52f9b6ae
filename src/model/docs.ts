/**
 * The site file reference, generated from the codecs themselves so it can never drift from
 * what the loader accepts (docs/site-file.md is this function's output; a test checks it).
 */
import type { FieldShape, Shape } from './codec.js';
import { siteCodec } from './site.js';

function typeOf(shape: Shape): string {
  switch (shape.kind) {
    case 'object':
      return 'mapping';
    case 'array':
      return `list of ${typeOf(shape.item)}`;
    case 'record':
      return `mapping of name → ${typeOf(shape.value)}`;
    case 'either':
      return shape.options.map(typeOf).join(' or ');
    case 'scalar':
      if (shape.type === 'enum') return (shape.values ?? []).map((v) => `\`${v}\``).join(' \\| ');
      if (shape.type === 'integer' || shape.type === 'number') return `${shape.type} ${shape.min ?? 0}–${shape.max ?? '∞'}`;
      return shape.type;
  }
}

/** A reference table of every key path of a codec's format, under `intro`. */
export function formatReference(root: Shape, intro: readonly string[]): string {
  const rows: string[] = [];
  const walk = (shape: Shape, prefix: string): void => {
    if (shape.kind === 'object') {
      for (const [key, f] of Object.entries(shape.fields) as Array<[string, FieldShape]>) {
        const path = prefix ? `${prefix}.${key}` : key;
        const req = f.required ? 'required' : f.defaultText !== undefined ? `\`${f.defaultText.replace(/\|/g, '\\|')}\`` : 'optional';
        rows.push(`| \`${path}\` | ${typeOf(f.shape)} | ${req} | ${f.doc.replace(/\|/g, '\\|')} |`);
        walk(f.shape, path);
      }
    } else if (shape.kind === 'array') walk(shape.item, `${prefix}[]`);
    else if (shape.kind === 'record') walk(shape.value, `${prefix}.<name>`);
    else if (shape.kind === 'either') for (const o of shape.options) if (o.kind !== 'scalar') walk(o, prefix);
  };
  walk(root, '');
  return [...intro, '', '| path | type | default | meaning |', '| --- | --- | --- | --- |', ...rows, ''].join('\n');
}

/** The units paragraph every format's reference shares. */
export const UNITS_NOTE = [
  'Quantities take units: memory `16Gi`, `1Ti`, `480G`; bandwidth `10Gbps`; durations `150s`, `5m`, `1h30m`;',
  'CPU as cores (`2`) or millicores (`500m`); rates `64Mi/s`. Bare numbers are counts, ratios and percentages.',
];

export function siteFileReference(): string {
  return formatReference(siteCodec.shape, [
    '# Site file reference (apiVersion vmo-twin/v1, kind Site)',
    '',
    'Generated from the loader\'s own codecs by `npm run docs`; do not edit by hand.',
    '',
    ...UNITS_NOTE,
    'Every path below can be overridden on the command line with `--set PATH=VALUE` (lists by index: `hostNetwork.bonds[1].mode`).',
    'Unknown keys are errors with a "did you mean". Defaults cite the reference architecture (RA) or the upstream project.',
  ]);
}
