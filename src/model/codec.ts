/**
 * Typed decoders over the YAML syntax tree.
 *
 * Each codec turns one YAML node into one typed value and reports what is wrong with it as
 * diagnostics that carry the site path and the node's line:column. The same codecs describe
 * the format ({@link Shape}), which `--set` uses to check paths, `unknown-key` uses for
 * "did you mean", and the docs and generated-input tests read.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { parseCidr, parseIp, parseAddressRange, parseVlanList, type AddressRange, type Cidr, type VlanSet } from './cidr.js';
import { didYouMean, type Code, type Diagnostic, type Severity } from './diagnostics.js';
import { PARSERS, UNIT_EXAMPLES, type Dimension } from './units.js';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

/** `['hostNetwork', 'bonds', 1, 'mode']` → `hostNetwork.bonds[1].mode`. */
export function pathToString(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** The inverse of {@link pathToString}; undefined when the text is not a path. */
export function parsePath(text: string): PathSegment[] | undefined {
  const out: PathSegment[] = [];
  let i = 0;
  const t = text.trim();
  if (t === '') return undefined;
  while (i < t.length) {
    const ch = t[i];
    if (ch === '[') {
      // A quoted key may hold "]" and escaped quotes: read it as a JSON string, then the "]".
      const quoted = /^\[\s*("(?:[^"\\]|\\.)*")\s*\]/.exec(t.slice(i));
      if (quoted) {
        let key: unknown;
        try {
          key = JSON.parse(quoted[1] as string);
        } catch {
          return undefined;
        }
        out.push(key as string);
        i += quoted[0].length;
        continue;
      }
      const close = t.indexOf(']', i);
      if (close < 0) return undefined;
      const inner = t.slice(i + 1, close).trim();
      if (/^\d+$/.test(inner)) out.push(Number(inner));
      else return undefined;
      i = close + 1;
    } else if (ch === '.') {
      if (out.length === 0) return undefined;
      i++;
      if (i >= t.length || t[i] === '.' || t[i] === '[') return undefined;
    } else {
      const m = /^[^.[\]]+/.exec(t.slice(i));
      if (!m) return undefined;
      out.push(m[0]);
      i += m[0].length;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The format, described.

export type ScalarType =
  | 'string'
  | 'name'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'cidr'
  | 'ip'
  | 'address-range'
  | 'vlan'
  | 'vlan-list'
  | 'version'
  | 'hostnames'
  | Dimension
  | `enum`;

export type Shape =
  | { readonly kind: 'object'; readonly fields: Readonly<Record<string, FieldShape>> }
  | { readonly kind: 'array'; readonly item: Shape; readonly minItems: number; readonly maxItems: number }
  | { readonly kind: 'record'; readonly value: Shape }
  | { readonly kind: 'scalar'; readonly type: ScalarType; readonly values?: readonly string[]; readonly min?: number; readonly max?: number }
  | { readonly kind: 'either'; readonly options: readonly Shape[] };

export interface FieldShape {
  readonly shape: Shape;
  readonly required: boolean;
  readonly doc: string;
  /** The default as a site file would write it. */
  readonly defaultText?: string;
}

// ---------------------------------------------------------------------------------------------
// Decoding.

export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

export interface Report {
  readonly code: Code;
  readonly message: string;
  readonly hint: string;
  readonly severity?: Severity;
  readonly fix?: Readonly<Record<string, unknown>>;
}

/** What a codec needs from the loader: positions, alias resolution, and a place to report. */
export interface DecodeContext {
  report(path: Path, node: Node | Pair | null | undefined, report: Report): void;
  resolve(node: unknown): Node | null;
}

export interface Codec<T> {
  readonly shape: Shape;
  decode(node: Node | null, path: Path, ctx: DecodeContext): T | Invalid;
}

type JsScalar = string | number | boolean | null;

function describe(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null';
    if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
    if (typeof v === 'number') return `the number ${v}`;
    if (typeof v === 'boolean') return `the boolean ${v}`;
  }
  return 'something else';
}

function scalarValue(node: Node | null): JsScalar | Invalid {
  if (node === null) return null;
  if (!isScalar(node)) return INVALID;
  const v = node.value;
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  return INVALID;
}

function wrongType(ctx: DecodeContext, path: Path, node: Node | null, want: string, example: string): Invalid {
  ctx.report(path, node, {
    code: 'wrong-type',
    message: `expected ${want}, found ${describe(node)}`,
    hint: `write ${want}, for example ${example}`,
  });
  return INVALID;
}

function scalarCodec<T>(
  shape: Shape & { kind: 'scalar' },
  want: string,
  example: string,
  accept: (v: JsScalar) => boolean,
  convert: (v: JsScalar, path: Path, node: Node | null, ctx: DecodeContext) => T | Invalid,
): Codec<T> {
  return {
    shape,
    decode(node, path, ctx) {
      const v = scalarValue(node);
      if (v === INVALID || v === null || !accept(v)) return wrongType(ctx, path, node, want, example);
      return convert(v, path, node, ctx);
    },
  };
}

export function string(opts: { maxLength?: number; example?: string } = {}): Codec<string> {
  const maxLength = opts.maxLength ?? 256;
  return scalarCodec({ kind: 'scalar', type: 'string' }, 'a string', opts.example ?? '"text"', (v) => typeof v === 'string', (v, path, node, ctx) => {
    const s = v as string;
    if (s.length > maxLength) {
      ctx.report(path, node, { code: 'invalid-name', message: `the string is ${s.length} characters long`, hint: `keep it under ${maxLength} characters` });
      return INVALID;
    }
    return s;
  });
}

/** Names of things (classes, bonds, NICs, pools): letters, digits, '-', '_', '.'. */
export function name(opts: { pattern?: RegExp; rule?: string; example?: string; maxLength?: number } = {}): Codec<string> {
  const pattern = opts.pattern ?? /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
  const rule = opts.rule ?? 'letters, digits, "-", "_" and ".", starting with a letter or digit';
  const maxLength = opts.maxLength ?? 63;
  return scalarCodec({ kind: 'scalar', type: 'name' }, 'a name', opts.example ?? '"worker-2u"', (v) => typeof v === 'string', (v, path, node, ctx) => {
    const s = v as string;
    if (s.length === 0 || s.length > maxLength || !pattern.test(s)) {
      ctx.report(path, node, {
        code: 'invalid-name',
        message: `${JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s)} is not a valid name`,
        hint: `use 1 to ${maxLength} characters: ${rule}`,
      });
      return INVALID;
    }
    return s;
  });
}

/** A Kubernetes object name (RFC 1123 label). */
export function k8sName(example = '"small"'): Codec<string> {
  return name({ pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, rule: 'lower-case letters, digits and "-", starting and ending with a letter or digit (it becomes a Kubernetes name)', example });
}

export function integer(opts: { min?: number; max?: number; example?: string } = {}): Codec<number> {
  const min = opts.min ?? 0;
  const max = opts.max ?? 1e9;
  return scalarCodec({ kind: 'scalar', type: 'integer', min, max }, 'a whole number', opts.example ?? String(Math.max(min, 1)), (v) => typeof v === 'number', (v, path, node, ctx) => {
    const n = v as number;
    if (!Number.isFinite(n)) {
      ctx.report(path, node, { code: 'out-of-range', message: `${n} is not a finite number`, hint: `write a whole number from ${min} to ${max}` });
      return INVALID;
    }
    if (!Number.isInteger(n)) {
      ctx.report(path, node, { code: 'wrong-type', message: `${n} is not a whole number`, hint: `write a whole number from ${min} to ${max}` });
      return INVALID;
    }
    if (n < min || n > max) {
      ctx.report(path, node, { code: 'out-of-range', message: `${n} is out of range`, hint: `write a whole number from ${min} to ${max}` });
      return INVALID;
    }
    return n;
  });
}

export function number(opts: { min?: number; max?: number; example?: string } = {}): Codec<number> {
  const min = opts.min ?? 0;
  const max = opts.max ?? 1e9;
  return scalarCodec({ kind: 'scalar', type: 'number', min, max }, 'a number', opts.example ?? String(Math.max(min, 1)), (v) => typeof v === 'number', (v, path, node, ctx) => {
    const n = v as number;
    if (!Number.isFinite(n) || n < min || n > max) {
      ctx.report(path, node, { code: 'out-of-range', message: `${n} is out of range`, hint: `write a number from ${min} to ${max}` });
      return INVALID;
    }
    return n;
  });
}

export function boolean(): Codec<boolean> {
  return scalarCodec({ kind: 'scalar', type: 'boolean' }, 'true or false', 'false', (v) => typeof v === 'boolean', (v) => v as boolean);
}

export function enumOf<const T extends string>(values: readonly T[], aliases: Readonly<Record<string, T>> = {}): Codec<T> {
  const all = [...values, ...Object.keys(aliases)];
  return scalarCodec({ kind: 'scalar', type: 'enum', values }, `one of ${values.join(', ')}`, JSON.stringify(values[0]), (v) => typeof v === 'string' || typeof v === 'number', (v, path, node, ctx) => {
    const key = String(v);
    if ((values as readonly string[]).includes(key)) return key as T;
    const alias = aliases[key];
    if (alias !== undefined) return alias;
    const near = didYouMean(key, all);
    ctx.report(path, node, {
      code: 'invalid-enum',
      message: `${JSON.stringify(key)} is not one of ${values.join(', ')}`,
      hint: near ? `did you mean ${JSON.stringify(near)}?` : `write one of ${values.join(', ')}`,
    });
    return INVALID;
  });
}

export function quantity(dimension: Dimension): Codec<number> {
  const example = UNIT_EXAMPLES[dimension].split(',')[0] ?? '';
  return scalarCodec({ kind: 'scalar', type: dimension }, `a ${dimension === 'memory' ? 'memory size' : dimension}`, example, (v) => typeof v === 'string' || typeof v === 'number', (v, path, node, ctx) => {
    const parsed = PARSERS[dimension](v as string | number);
    if (!parsed.ok) {
      ctx.report(path, node, { code: 'invalid-quantity', message: parsed.message, hint: parsed.hint });
      return INVALID;
    }
    return parsed.value;
  });
}

export function cidr(): Codec<Cidr> {
  return scalarCodec({ kind: 'scalar', type: 'cidr' }, 'a CIDR', '"10.20.0.0/16"', (v) => typeof v === 'string', (v, path, node, ctx) => {
    const parsed = parseCidr(v as string);
    if (!parsed.ok) {
      ctx.report(path, node, { code: 'invalid-cidr', message: parsed.message, hint: parsed.hint });
      return INVALID;
    }
    return parsed.value;
  });
}

export function ip(): Codec<number> {
  return scalarCodec({ kind: 'scalar', type: 'ip' }, 'an IPv4 address', '"10.20.30.1"', (v) => typeof v === 'string', (v, path, node, ctx) => {
    const parsed = parseIp(v as string);
    if (!parsed.ok) {
      ctx.report(path, node, { code: 'invalid-address', message: parsed.message, hint: parsed.hint });
      return INVALID;
    }
    return parsed.value;
  });
}

export function addressRange(): Codec<AddressRange & { readonly text: string }> {
  return scalarCodec({ kind: 'scalar', type: 'address-range' }, 'an address range', '"10.20.31.1-10.20.31.250"', (v) => typeof v === 'string', (v, path, node, ctx) => {
    const parsed = parseAddressRange(v as string);
    if (!parsed.ok) {
      ctx.report(path, node, { code: 'invalid-address', message: parsed.message, hint: parsed.hint });
      return INVALID;
    }
    return { ...parsed.value, text: (v as string).trim() };
  });
}

/** A tagged VLAN id, 1–4094 (0 is untagged, 4095 reserved by 802.1Q). */
export function vlanId(): Codec<number> {
  return scalarCodec({ kind: 'scalar', type: 'vlan', min: 1, max: 4094 }, 'a VLAN id', '20', (v) => typeof v === 'number', (v, path, node, ctx) => {
    const n = v as number;
    if (!Number.isInteger(n) || n < 1 || n > 4094) {
      ctx.report(path, node, {
        code: 'invalid-vlan',
        message: `VLAN ${n} is out of range`,
        hint: 'a tagged VLAN id is a whole number from 1 to 4094 (0 means untagged, 4095 is reserved by 802.1Q)',
      });
      return INVALID;
    }
    return n;
  });
}

export function vlanList(opts: { allowEmpty?: boolean } = {}): Codec<VlanSet> {
  return scalarCodec({ kind: 'scalar', type: 'vlan-list' }, 'a VLAN list', '"21-100"', (v) => typeof v === 'string' || typeof v === 'number', (v, path, node, ctx) => {
    const parsed = parseVlanList(v as string | number, opts);
    if (!parsed.ok) {
      ctx.report(path, node, { code: 'invalid-vlan', message: parsed.message, hint: parsed.hint });
      return INVALID;
    }
    return parsed.value;
  });
}

/** A dotted version, written as a string ("1.32.4", "22.04"). Numbers are accepted and kept as written. */
export function version(): Codec<string> {
  return {
    shape: { kind: 'scalar', type: 'version' },
    decode(node, path, ctx) {
      if (node !== null && isScalar(node) && typeof node.value === 'number') {
        // 22.04 parsed as a number loses its zero; the source text keeps it.
        const src = (node as { source?: unknown }).source;
        return typeof src === 'string' ? src : String(node.value);
      }
      const v = scalarValue(node);
      if (v === INVALID || typeof v !== 'string' || !/^v?\d+(\.\d+){0,3}([-+][0-9A-Za-z.-]+)?$/.test(v)) {
        if (typeof v === 'string') {
          ctx.report(path, node, { code: 'wrong-type', message: `${JSON.stringify(v)} is not a version`, hint: 'write a dotted version such as "1.32.4"' });
          return INVALID;
        }
        return wrongType(ctx, path, node, 'a version', '"1.32.4"');
      }
      return v.replace(/^v/, '');
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Composites.

export type Field<T, K extends 'req' | 'opt' | 'def'> = {
  readonly kind: K;
  readonly codec: Codec<T>;
  readonly doc: string;
  readonly default?: () => T;
  readonly defaultText?: string;
};

export const req = <T>(codec: Codec<T>, doc: string): Field<T, 'req'> => ({ kind: 'req', codec, doc });
export const opt = <T>(codec: Codec<T>, doc: string): Field<T, 'opt'> => ({ kind: 'opt', codec, doc });
/** A mapping whose every key has a default: absent means all of its defaults. */
export const defaults = <T>(codec: Codec<T>, doc: string): Field<T, 'def'> => ({ kind: 'def', codec, doc, defaultText: '(defaults)' });
export const def = <T>(codec: Codec<T>, value: T, defaultText: string, doc: string): Field<T, 'def'> => ({
  kind: 'def',
  codec,
  doc,
  default: () => structuredClone(value),
  defaultText,
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = Field<any, 'req' | 'opt' | 'def'>;
type ValueOf<F> = F extends Field<infer T, 'req' | 'opt' | 'def'> ? T : never;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type ObjectOf<F extends Record<string, AnyField>> = Simplify<
  { readonly [K in keyof F as F[K]['kind'] extends 'opt' ? never : K]: ValueOf<F[K]> } & {
    readonly [K in keyof F as F[K]['kind'] extends 'opt' ? K : never]?: ValueOf<F[K]>;
  }
>;
export type Infer<C> = C extends Codec<infer T> ? T : never;

function keyText(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k) && (typeof k.value === 'string' || typeof k.value === 'number')) return String(k.value);
  if (typeof k === 'string') return k;
  return undefined;
}

export function object<F extends Record<string, AnyField>>(fields: F): Codec<ObjectOf<F>> {
  const fieldShapes: Record<string, FieldShape> = {};
  for (const [key, f] of Object.entries(fields)) {
    fieldShapes[key] = { shape: f.codec.shape, required: f.kind === 'req', doc: f.doc, ...(f.defaultText !== undefined ? { defaultText: f.defaultText } : {}) };
  }
  const names = Object.keys(fields);
  return {
    shape: { kind: 'object', fields: fieldShapes },
    decode(node, path, ctx) {
      const allOptional = names.every((n) => fields[n]?.kind !== 'req');
      if (node !== null && !isMap(node)) return wrongType(ctx, path, node, 'a mapping', `{ ${names.slice(0, 2).map((n) => `${n}: …`).join(', ')} }`);
      if (node === null && !allOptional) return wrongType(ctx, path, node, 'a mapping', `{ ${names.slice(0, 2).map((n) => `${n}: …`).join(', ')} }`);
      const present = new Map<string, Pair>();
      if (node !== null) {
        for (const pair of node.items) {
          const key = keyText(pair);
          if (key === undefined) {
            ctx.report(path, pair, { code: 'wrong-type', message: 'a key is not a plain string', hint: 'write keys as plain words' });
            continue;
          }
          if (!(key in fields)) {
            const near = didYouMean(key, names);
            ctx.report([...path, key], pair.key as Node, {
              code: 'unknown-key',
              message: `unknown key "${key}"${path.length ? ` in ${pathToString(path)}` : ''}`,
              hint: near ? `did you mean "${near}"?` : `the keys here are: ${names.join(', ')}`,
            });
            continue;
          }
          present.set(key, pair);
        }
      }
      const out: Record<string, unknown> = {};
      let bad = false;
      for (const key of names) {
        const f = fields[key] as AnyField;
        const pair = present.get(key);
        const valueNode = pair ? ctx.resolve(pair.value) : undefined;
        const empty = valueNode === null || (valueNode !== undefined && isScalar(valueNode) && valueNode.value === null);
        if (pair === undefined || (empty && f.kind !== 'req')) {
          if (f.kind === 'req') {
            ctx.report([...path, key], node, {
              code: 'missing-key',
              message: `${pathToString([...path, key])} is required`,
              hint: `add "${key}:" ${path.length ? `under ${pathToString(path)}` : 'at the top level'} (${f.doc})`,
            });
            bad = true;
          } else if (f.kind === 'def') {
            if (f.default) out[key] = f.default();
            else {
              const value = f.codec.decode(null, [...path, key], ctx);
              if (value === INVALID) bad = true;
              else out[key] = value;
            }
          }
          continue;
        }
        const value = f.codec.decode(valueNode ?? null, [...path, key], ctx);
        if (value === INVALID) bad = true;
        else out[key] = value;
      }
      return bad ? INVALID : (out as ObjectOf<F>);
    },
  };
}

export function array<T>(item: Codec<T>, opts: { minItems?: number; maxItems?: number } = {}): Codec<T[]> {
  const minItems = opts.minItems ?? 0;
  const maxItems = opts.maxItems ?? 100_000;
  return {
    shape: { kind: 'array', item: item.shape, minItems, maxItems },
    decode(node, path, ctx) {
      if (node === null || !isSeq(node)) return wrongType(ctx, path, node, 'a list', '[ … ]');
      if (node.items.length < minItems || node.items.length > maxItems) {
        ctx.report(path, node, {
          code: 'out-of-range',
          message: `the list has ${node.items.length} item${node.items.length === 1 ? '' : 's'}`,
          hint: maxItems >= 100_000 ? `give at least ${minItems}` : `give ${minItems} to ${maxItems}`,
        });
        return INVALID;
      }
      const out: T[] = [];
      let bad = false;
      node.items.forEach((raw, i) => {
        const v = item.decode(ctx.resolve(raw), [...path, i], ctx);
        if (v === INVALID) bad = true;
        else out.push(v);
      });
      return bad ? INVALID : out;
    },
  };
}

/** A mapping from user-chosen names to values (e.g. hardware classes). Order as written. */
export function record<T>(value: Codec<T>, keyCodec: Codec<string> = name()): Codec<ReadonlyMap<string, T>> {
  return {
    shape: { kind: 'record', value: value.shape },
    decode(node, path, ctx) {
      if (node === null || !isMap(node)) return wrongType(ctx, path, node, 'a mapping of names', '{ worker-2u: { … } }');
      const out = new Map<string, T>();
      let bad = false;
      for (const pair of node.items) {
        const key = keyText(pair);
        const keyNode = isScalar(pair.key) ? pair.key : null;
        const k = key === undefined ? INVALID : keyCodec.decode(keyNode ?? null, [...path, key], ctx);
        if (k === INVALID) {
          bad = true;
          continue;
        }
        const v = value.decode(ctx.resolve(pair.value), [...path, k], ctx);
        if (v === INVALID) bad = true;
        else out.set(k, v);
      }
      return bad ? INVALID : out;
    },
  };
}

/** One value or a list of them, always decoded as a list ("zone: az1" or "zone: [az1, az2]"). */
export function oneOrMany<T>(item: Codec<T>, opts: { maxItems?: number } = {}): Codec<T[]> {
  const list = array(item, { minItems: 1, ...opts });
  return {
    shape: { kind: 'either', options: [item.shape, list.shape] },
    decode(node, path, ctx) {
      if (node !== null && isSeq(node)) return list.decode(node, path, ctx);
      const v = item.decode(node, path, ctx);
      return v === INVALID ? INVALID : [v];
    },
  };
}

/** Refine a codec's value with a check that may report. */
export function refine<T, U>(codec: Codec<T>, check: (value: T, path: Path, node: Node | null, ctx: DecodeContext) => U | Invalid): Codec<U> {
  return {
    shape: codec.shape,
    decode(node, path, ctx) {
      const v = codec.decode(node, path, ctx);
      return v === INVALID ? INVALID : check(v, path, node, ctx);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Walking the description, for --set.

export type ShapeLookup =
  | { readonly found: true; readonly shape: Shape }
  | { readonly found: false; readonly validPrefix: Path; readonly near?: PathSegment; readonly choices: readonly string[] };

/**
 * Follow `path` through the description and the document together: object keys must be in the
 * format; record keys and list indices must exist in the document (a list may be appended to
 * at index = length, a record entry may be added when it is the last segment).
 */
export function lookupShape(root: Shape, doc: Document, path: Path): ShapeLookup {
  let shape: Shape = root;
  let node: unknown = doc.contents;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as PathSegment;
    const last = i === path.length - 1;
    const prefix = path.slice(0, i);
    if (isAlias(node)) node = node.resolve(doc);
    if (shape.kind === 'either') {
      const structured = shape.options.find((o) => o.kind !== 'scalar');
      if (!structured) return { found: false, validPrefix: prefix, choices: [] };
      shape = structured;
    }
    if (shape.kind === 'object') {
      const keys = Object.keys(shape.fields);
      const field = typeof seg === 'string' ? shape.fields[seg] : undefined;
      if (!field) {
        const near = didYouMean(String(seg), keys);
        return { found: false, validPrefix: prefix, ...(near !== undefined ? { near } : {}), choices: keys };
      }
      shape = field.shape;
      node = isMap(node) ? node.get(seg, true) : undefined;
    } else if (shape.kind === 'record') {
      const keys = isMap(node) ? node.items.map((p) => keyText(p)).filter((k): k is string => k !== undefined) : [];
      if (typeof seg !== 'string' || (!keys.includes(seg) && !last)) {
        const near = didYouMean(String(seg), keys);
        return { found: false, validPrefix: prefix, ...(near !== undefined ? { near } : {}), choices: keys };
      }
      shape = shape.value;
      node = isMap(node) ? node.get(seg, true) : undefined;
    } else if (shape.kind === 'array') {
      const length = isSeq(node) ? node.items.length : 0;
      if (typeof seg !== 'number' || seg > length || (seg === length && !last)) {
        const choices = length === 0 ? [] : [`[0]`, `[${length - 1}]`];
        return { found: false, validPrefix: prefix, choices };
      }
      shape = shape.item;
      node = isSeq(node) ? node.items[seg] : undefined;
    } else {
      return { found: false, validPrefix: prefix, choices: [] };
    }
  }
  return { found: true, shape };
}

/** Every path of the format, for docs and tests (records and arrays shown as `<name>` and `[]`). */
export function listPaths(shape: Shape, prefix = ''): string[] {
  const out: string[] = [];
  const walk = (s: Shape, p: string): void => {
    if (s.kind === 'object') {
      for (const [k, f] of Object.entries(s.fields)) {
        const here = p ? `${p}.${k}` : k;
        out.push(here);
        walk(f.shape, here);
      }
    } else if (s.kind === 'array') walk(s.item, `${p}[]`);
    else if (s.kind === 'record') walk(s.value, `${p}.<name>`);
    else if (s.kind === 'either') {
      for (const o of s.options) if (o.kind !== 'scalar') walk(o, p);
    }
  };
  walk(shape, prefix);
  return out;
}

export type { Diagnostic };
