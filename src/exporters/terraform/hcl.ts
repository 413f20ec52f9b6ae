/**
 * A small HCL writer: blocks, attributes and expressions, rendered the way `terraform fmt`
 * lays them out (two-space indents, aligned "=" within a run of attributes). Strings are
 * escaped, including Terraform's own `${` and `%{` sequences, so pack values and scripts
 * pass through unchanged; multi-line strings become indented heredocs.
 */

/** A raw expression, written as is: references (`var.x`, `maas_fabric.f.id`), function calls. */
export interface Expr {
  readonly expr: string;
}
export type HclValue = string | number | boolean | Expr | readonly HclValue[] | { readonly [key: string]: HclValue };

export interface Block {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: readonly BodyItem[];
}
export type BodyItem = readonly [name: string, value: HclValue] | Block | { readonly comment: string };

export const expr = (text: string): Expr => ({ expr: text });
export const block = (type: string, labels: readonly string[], body: readonly BodyItem[]): Block => ({ type, labels, body });
export const comment = (text: string): { comment: string } => ({ comment: text });

const isExpr = (v: HclValue): v is Expr => typeof v === 'object' && v !== null && !Array.isArray(v) && 'expr' in v && Object.keys(v).length === 1;
const isBlock = (i: BodyItem): i is Block => !Array.isArray(i) && 'type' in i;

function escapeTemplate(s: string): string {
  return s.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

export function quote(s: string): string {
  return `"${escapeTemplate(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function heredoc(s: string, indent: string): string {
  let tag = 'EOT';
  const lines = s.replace(/\n$/, '').split('\n');
  while (lines.some((l) => l.trim() === tag)) tag += 'X';
  const body = lines.map((l) => (l === '' ? '' : `${indent}  ${escapeTemplate(l)}`)).join('\n');
  return `<<-${tag}\n${body}\n${indent}  ${tag}`;
}

function value(v: HclValue, indent: string): string {
  if (typeof v === 'string') return v.includes('\n') ? heredoc(v, indent) : quote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isExpr(v)) return v.expr;
  if (Array.isArray(v)) {
    const items = v as readonly HclValue[];
    if (items.length === 0) return '[]';
    const flat = items.map((x) => value(x, indent));
    const one = `[${flat.join(', ')}]`;
    if (one.length <= 100 && !one.includes('\n')) return one;
    return `[\n${items.map((x) => `${indent}  ${value(x, `${indent}  `)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, HclValue>);
  if (entries.length === 0) return '{}';
  const width = Math.max(...entries.map(([k]) => (IDENT.test(k) ? k : quote(k)).length));
  return `{\n${entries.map(([k, x]) => `${indent}  ${(IDENT.test(k) ? k : quote(k)).padEnd(width)} = ${value(x, `${indent}  `)}`).join('\n')}\n${indent}}`;
}

function body(items: readonly BodyItem[], indent: string): string {
  const out: string[] = [];
  let run: Array<readonly [string, HclValue]> = [];
  const flush = (): void => {
    if (!run.length) return;
    const width = Math.max(...run.filter(([, v]) => !(typeof v === 'string' && v.includes('\n'))).map(([k]) => k.length), 0);
    for (const [k, v] of run) out.push(`${indent}${k.padEnd(width)} = ${value(v, indent)}`);
    run = [];
  };
  for (const item of items) {
    if (isBlock(item)) {
      flush();
      if (out.length && out[out.length - 1] !== '') out.push('');
      out.push(renderBlock(item, indent));
    } else if ('comment' in item) {
      flush();
      for (const line of item.comment.split('\n')) out.push(`${indent}# ${line}`.trimEnd());
    } else {
      run.push(item as readonly [string, HclValue]);
    }
  }
  flush();
  return out.join('\n');
}

export function renderBlock(b: Block, indent = ''): string {
  const head = [b.type, ...b.labels.map((l) => quote(l))].join(' ');
  if (b.body.length === 0) return `${indent}${head} {}`;
  return `${indent}${head} {\n${body(b.body, `${indent}  `)}\n${indent}}`;
}

/** A file: top-level blocks separated by blank lines, an optional comment header, one trailing newline. */
export function hclFile(header: readonly string[], items: readonly BodyItem[]): string {
  const head = header.map((l) => `# ${l}`.trimEnd()).join('\n');
  const parts = items.map((i) => (isBlock(i) ? renderBlock(i) : 'comment' in i ? i.comment.split('\n').map((l) => `# ${l}`.trimEnd()).join('\n') : body([i], '')));
  return `${head ? `${head}\n\n` : ''}${parts.join('\n\n')}\n`;
}
