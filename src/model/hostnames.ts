/**
 * Hostname lists and brace patterns: "worker-{1..60}", "w{01..60}" (zero-padded),
 * "rack{a,b}-{1..4}". Every name must be a valid hostname label (RFC 1123, as MAAS requires).
 */
import type { Parsed } from './units.js';

/** More than any site has; keeps a pattern like "{1..999999999}" from eating memory. */
export const MAX_HOSTNAMES = 100_000;

const LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function isHostname(name: string): boolean {
  return LABEL.test(name);
}

function fail(message: string, hint: string): Parsed<string[]> {
  return { ok: false, message, hint };
}

function alternatives(body: string): Parsed<string[]> {
  const range = /^(-?\d+)\.\.(-?\d+)$/.exec(body);
  if (range) {
    const [a, b] = [range[1] as string, range[2] as string];
    const lo = Number(a);
    const hi = Number(b);
    if (lo < 0 || hi < 0) return fail(`"{${body}}" has a negative number`, 'write a range such as {1..60}');
    if (hi < lo) return fail(`"{${body}}" runs backwards`, 'write the lower number first, such as {1..60}');
    if (hi - lo + 1 > MAX_HOSTNAMES) return fail(`"{${body}}" expands to ${hi - lo + 1} names`, `keep patterns under ${MAX_HOSTNAMES} names`);
    const width = a.length > 1 && a.startsWith('0') ? a.length : 0;
    const out: string[] = [];
    for (let i = lo; i <= hi; i++) out.push(String(i).padStart(width, '0'));
    return { ok: true, value: out };
  }
  const parts = body.split(',');
  if (parts.length < 2) return fail(`"{${body}}" is neither a range nor a list`, 'write {1..60} or {a,b,c}');
  return { ok: true, value: parts };
}

export function expandHostnames(pattern: string): Parsed<string[]> {
  let results = [''];
  let i = 0;
  while (i < pattern.length) {
    const open = pattern.indexOf('{', i);
    const literal = open < 0 ? pattern.slice(i) : pattern.slice(i, open);
    if (literal.includes('}')) return fail(`"${pattern}" has a "}" without a "{"`, 'balance the braces, such as worker-{1..60}');
    results = results.map((r) => r + literal);
    if (open < 0) break;
    const close = pattern.indexOf('}', open);
    if (close < 0) return fail(`"${pattern}" has a "{" without a "}"`, 'balance the braces, such as worker-{1..60}');
    const alts = alternatives(pattern.slice(open + 1, close));
    if (!alts.ok) return alts;
    if (results.length * alts.value.length > MAX_HOSTNAMES) return fail(`"${pattern}" expands to more than ${MAX_HOSTNAMES} names`, 'write a smaller pattern');
    const next: string[] = [];
    for (const r of results) for (const a of alts.value) next.push(r + a);
    results = next;
    i = close + 1;
  }
  for (const name of results) {
    if (!isHostname(name)) {
      return fail(`"${name}" (from "${pattern}") is not a valid hostname`, 'hostnames are 1–63 lower-case letters, digits and "-", starting and ending with a letter or digit');
    }
  }
  return { ok: true, value: results };
}

/** The default names: cp-1…, worker-1…. */
export function defaultHostnames(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);
}
