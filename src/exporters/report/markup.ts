/**
 * Safe HTML and SVG building: a tagged template whose interpolations are escaped unless they
 * are already {@link Markup}. Every string that reaches the report from a site file or a
 * result file (names, messages, gate details) goes through here, so none of it can open a tag.
 */

/** Text that is already markup: interpolating it does not escape it again. */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** What a template may interpolate: arrays are joined, null/undefined/false render nothing. */
export type Child = Markup | string | number | null | undefined | false | readonly Child[];

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for an element body or a quoted attribute value. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function render(child: Child): string {
  if (child === null || child === undefined || child === false) return '';
  if (child instanceof Markup) return child.text;
  if (typeof child === 'number') {
    if (!Number.isFinite(child)) throw new RangeError(`markup: cannot render the number ${child}`);
    return String(child);
  }
  if (typeof child === 'string') return esc(child);
  let out = '';
  for (const c of child) out += render(c);
  return out;
}

/** The template tag: `html\`<td>${name}</td>\`` escapes `name`. */
export function html(strings: TemplateStringsArray, ...values: readonly Child[]): Markup {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i] as Child) + (strings[i + 1] ?? '');
  return new Markup(out);
}

/** Trusted text taken as markup as it is (our own CSS, for instance). Never for input data. */
export function trusted(text: string): Markup {
  return new Markup(text);
}

/** Children joined with a separator. */
export function join(children: readonly Child[], separator = ''): Markup {
  return new Markup(children.map(render).filter((s) => s !== '').join(separator));
}

/** An SVG coordinate: one decimal, no "-0", so equal drawings are equal bytes. */
export function px(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`markup: coordinate ${x} is not finite`);
  const r = Math.round(x * 10) / 10;
  return r === 0 ? '0' : String(r);
}
