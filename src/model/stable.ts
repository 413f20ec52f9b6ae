/**
 * Deterministic JSON: object keys sorted at every depth, so equal values are equal bytes.
 * Used by every `--json` output and by the exporters (which may not import the CLI layer).
 */

/**
 * The value as plain JSON data with object keys sorted at every depth: Maps become objects,
 * Sets and typed arrays lists, undefined object members are dropped, non-finite numbers null.
 */
export function stableValue(value: unknown): unknown {
  const seen = new WeakSet<object>();
  const norm = (v: unknown): unknown => {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return undefined;
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v === 'bigint') return Number(v);
    if (v === null || typeof v !== 'object') return v;
    if (seen.has(v)) throw new TypeError('stableStringify: cycle');
    seen.add(v);
    let out: unknown;
    if (ArrayBuffer.isView(v)) out = Array.from(v as unknown as ArrayLike<number>);
    else if (Array.isArray(v)) out = v.map((x) => (x === undefined ? null : norm(x)));
    else if (v instanceof Map) out = norm(Object.fromEntries(v));
    else if (v instanceof Set) out = [...v].map(norm);
    else {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) {
        const x = norm((v as Record<string, unknown>)[k]);
        if (x !== undefined) o[k] = x;
      }
      out = o;
    }
    seen.delete(v);
    return out;
  };
  return norm(value);
}

/** JSON with object keys sorted at every depth; Maps become objects, typed arrays lists. */
export function stableStringify(value: unknown, indent = 2): string {
  return JSON.stringify(stableValue(value), null, indent);
}
