/**
 * The site format's own description (`siteCodec.shape`) walked beside a site object: which
 * paths a site has and which the format allows but the site leaves out, a valid value for
 * any part of the format, and the invalid values each scalar type must refuse (with the codes
 * it may refuse them with). Generators and mutations read the format from here, so a key
 * added to the format is generated and mutated without touching the tests.
 */
import type { FieldShape, PathSegment, ScalarType, Shape } from '../../src/model/codec.js';
import type { Code } from '../../src/model/diagnostics.js';

export type Path = PathSegment[];

export interface ShapePath {
  readonly path: Path;
  readonly shape: Shape;
  /** The field description when the path ends at an object key. */
  readonly field?: FieldShape;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The structured option of an either-shape that fits the value, else its scalar option. */
function pick(shape: Shape, value: unknown): Shape {
  if (shape.kind !== 'either') return shape;
  const want = Array.isArray(value) ? 'array' : isObj(value) ? 'object' : 'scalar';
  return shape.options.find((o) => (want === 'scalar' ? o.kind === 'scalar' : o.kind === want || (want === 'object' && o.kind === 'record'))) ?? (shape.options[0] as Shape);
}

/** Every path present in the object, with the part of the format it meets. */
export function presentPaths(value: unknown, shape: Shape, prefix: Path = []): ShapePath[] {
  const out: ShapePath[] = [];
  const walk = (v: unknown, s0: Shape, p: Path, field?: FieldShape): void => {
    const s = pick(s0, v);
    // An either-shape is kept whole: a value of any of its options is valid there.
    if (p.length) out.push({ path: p, shape: s0.kind === 'either' ? s0 : s, ...(field ? { field } : {}) });
    if (s.kind === 'object' && isObj(v)) {
      for (const [k, f] of Object.entries(s.fields)) if (k in v) walk(v[k], f.shape, [...p, k], f);
    } else if (s.kind === 'record' && isObj(v)) {
      for (const k of Object.keys(v)) walk(v[k], s.value, [...p, k]);
    } else if (s.kind === 'array' && Array.isArray(v)) {
      v.forEach((item, i) => walk(item, s.item, [...p, i]));
    }
  };
  walk(value, shape, prefix);
  return out;
}

/** Object keys the format has that the object leaves out, under objects it does have. */
export function absentPaths(value: unknown, shape: Shape): ShapePath[] {
  const out: ShapePath[] = [];
  const visit = (v: unknown, s: Shape, p: Path): void => {
    if (s.kind !== 'object' || !isObj(v)) return;
    for (const [k, f] of Object.entries(s.fields)) if (!(k in v)) out.push({ path: [...p, k], shape: f.shape, field: f });
  };
  visit(value, shape, []);
  for (const sp of presentPaths(value, shape)) visit(getAt(value, sp.path), sp.shape, sp.path);
  return out;
}

export function getAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (isObj(v)) v = v[String(seg)];
    else return undefined;
  }
  return v;
}

/** Set a value, creating objects along the way. */
export function setAt(root: Record<string, unknown>, path: Path, value: unknown): void {
  let v: unknown = root;
  path.forEach((seg, i) => {
    const last = i === path.length - 1;
    if (Array.isArray(v) && typeof seg === 'number') {
      if (last) v[seg] = value;
      else v = v[seg];
    } else if (isObj(v)) {
      const key = String(seg);
      if (last) v[key] = value;
      else {
        if (!isObj(v[key]) && !Array.isArray(v[key])) v[key] = {};
        v = v[key];
      }
    }
  });
}

export function deleteAt(root: Record<string, unknown>, path: Path): void {
  const parent = getAt(root, path.slice(0, -1));
  const seg = path[path.length - 1];
  if (Array.isArray(parent) && typeof seg === 'number') parent.splice(seg, 1);
  else if (isObj(parent) && seg !== undefined) delete parent[String(seg)];
}

// ---------------------------------------------------------------------------------------------
// Values.

const VALID_SCALAR: Readonly<Record<ScalarType, readonly unknown[]>> = {
  string: ['text', 'a site', 'ünïcödé'],
  name: ['x1', 'net-2', 'n3'],
  integer: [1],
  number: [1],
  boolean: [true, false],
  cidr: ['10.99.0.0/16', '192.0.2.0/24'],
  ip: ['10.99.0.1', '192.0.2.7'],
  'address-range': ['198.51.100.1-198.51.100.9', '198.51.100.0/28', '198.51.100.77'],
  vlan: [30, 4094],
  'vlan-list': ['21-100', '10,20,25-30', 7],
  version: ['1.2.3', '22.04'],
  hostnames: ['h-{1..3}', ['a1', 'b2']],
  memory: ['16Gi', '512Mi', '1Ti'],
  bandwidth: ['10Gbps', '100Mbps'],
  duration: ['150s', '1h30m', '500ms'],
  cpu: [2, '1500m', 0.5],
  rate: ['64Mi/s', '1Gi/s'],
  enum: [],
};

/** A value the format accepts at `shape`, chosen by `seed` (deterministic). */
export function validValue(shape: Shape, seed: number): unknown {
  switch (shape.kind) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, f] of Object.entries(shape.fields)) if (f.required) o[k] = validValue(f.shape, seed + k.length);
      return o;
    }
    case 'array':
      return Array.from({ length: Math.max(1, shape.minItems) }, (_, i) => validValue(shape.item, seed + i));
    case 'record':
      return { [`x${seed % 7}`]: validValue(shape.value, seed) };
    case 'either':
      return validValue(shape.options[seed % shape.options.length] as Shape, seed);
    case 'scalar': {
      if (shape.type === 'enum') return shape.values?.[seed % (shape.values.length || 1)] ?? '';
      if (shape.type === 'integer' || shape.type === 'number') {
        const min = shape.min ?? 0;
        // Small: a count drawn here (spares, hostname ranges) multiplies the work of every command.
        const max = Math.min(shape.max ?? 1e9, min + 12);
        return min + (seed % (max - min + 1));
      }
      if (shape.type === 'vlan') return 2 + (seed % 4090);
      const choices = VALID_SCALAR[shape.type];
      return choices[seed % choices.length];
    }
  }
}

export interface BadValue {
  readonly value: unknown;
  /** What this value is, for the case description. */
  readonly why: string;
  /** The codes a correct loader may refuse it with. */
  readonly codes: readonly Code[];
}

const WRONG_COLLECTION: readonly BadValue[] = [
  { value: ['a', 'list'], why: 'a list where a single value belongs', codes: ['wrong-type'] },
  { value: { a: 1 }, why: 'a mapping where a single value belongs', codes: ['wrong-type'] },
];

const HUGE = 'x'.repeat(300_000);
const UNICODE = ['wörker', '😀', 'a\u0000b', '\u202eevil', 'e\u0301', '\ufeffbom', 'ＡＢＣ'];

/** Values a scalar of this type must refuse, with the codes it may use. */
export function badValues(shape: Shape & { kind: 'scalar' }): BadValue[] {
  const n = (value: unknown, why: string, codes: readonly Code[] = ['out-of-range', 'wrong-type']): BadValue => ({ value, why, codes });
  const t = shape.type;
  // A hostname field takes a list; apiVersion and kind refuse anything else as wrong-kind.
  const out: BadValue[] = WRONG_COLLECTION.filter((b) => t !== 'hostnames' || !Array.isArray(b.value)).map((b) => (t === 'enum' ? { ...b, codes: [...b.codes, 'wrong-kind'] } : b));
  if (t === 'integer' || t === 'number' || t === 'vlan') {
    const codes: readonly Code[] = t === 'vlan' ? ['invalid-vlan', 'wrong-type'] : ['out-of-range', 'wrong-type'];
    if (shape.min !== undefined) out.push(n(shape.min - 1, `${shape.min - 1}, below the minimum ${shape.min}`, codes));
    if (shape.max !== undefined) out.push(n(shape.max + 1, `${shape.max + 1}, above the maximum ${shape.max}`, codes), n(shape.max * 1e6 + 7, 'a huge number', codes));
    out.push(n(Number.NaN, 'NaN', codes), n(Number.POSITIVE_INFINITY, 'infinity', codes), n(Number.NEGATIVE_INFINITY, 'minus infinity', codes), n(-1, 'a negative number', codes), n('12', 'a number written as a string', ['wrong-type']), n(true, 'a boolean', ['wrong-type']));
    if (t !== 'number') out.push(n(1.5, 'a fraction', codes));
    if (t === 'vlan') out.push(n(0, 'VLAN 0 (untagged)', codes), n(4095, 'VLAN 4095 (reserved)', codes));
  } else if (t === 'memory' || t === 'bandwidth' || t === 'duration' || t === 'cpu' || t === 'rate') {
    const q: readonly Code[] = ['invalid-quantity', 'wrong-type'];
    const swapped: Record<string, string> = { memory: '10Gbps', bandwidth: '16Gi', duration: '16Gi', cpu: '10Gbps', rate: '10Gbps' };
    out.push(n('16GG', 'a doubled unit', q), n('-1Gi', 'a negative size', q), n(swapped[t], 'a quantity of another dimension (swapped units)', q), n('1e3Gi', 'an exponent', q), n('Gi', 'a unit without a number', q), n('', 'an empty string', q), n(true, 'a boolean', q));
    if (t !== 'cpu') out.push(n(16, 'a bare number without a unit', q), n('99999999999Pi', 'an absurd size', q));
    else out.push(n('0.0001', 'finer than a millicore', q), n('9999999999', 'more than a million cores', q));
  } else if (t === 'cidr') {
    const c: readonly Code[] = ['invalid-cidr', 'wrong-type'];
    out.push(n('10.0.0.0/33', 'prefix /33', c), n('10.0.0/8', 'three octets', c), n('fd00::/64', 'IPv6', c), n('010.0.0.0/8', 'a leading zero', c), n('10.0.0.0', 'no prefix', c), n('256.0.0.0/8', 'octet 256', c), n(17, 'a number', ['wrong-type']));
  } else if (t === 'ip') {
    const c: readonly Code[] = ['invalid-address', 'wrong-type'];
    out.push(n('10.0.0.256', 'octet 256', c), n('::1', 'IPv6', c), n('10.0.0', 'three octets', c), n('10.0.0.1/24', 'a CIDR', c));
  } else if (t === 'address-range') {
    const c: readonly Code[] = ['invalid-address', 'invalid-cidr', 'wrong-type'];
    out.push(n('10.0.0.9-10.0.0.1', 'a backwards range', c), n('10.0.0.1-banana', 'not an address', c), n('10.0.0.0/40', 'a bad CIDR', c));
  } else if (t === 'vlan-list') {
    const c: readonly Code[] = ['invalid-vlan', 'wrong-type'];
    out.push(n('0-10', 'VLAN 0 in a list', c), n('100-21', 'a backwards range', c), n('4095', 'VLAN 4095', c), n('a', 'a word', c), n('1,,2', 'an empty item', c), n(true, 'a boolean', c));
  } else if (t === 'enum') {
    const c: readonly Code[] = ['invalid-enum', 'wrong-type', 'wrong-kind'];
    out.push(n('802.3az', 'a near miss', c), n(7, 'a number not in the list', c), n('', 'an empty string', c), n(`${shape.values?.[0] ?? 'x'}!`, 'a typo', c));
  } else if (t === 'name') {
    const c: readonly Code[] = ['invalid-name', 'wrong-type'];
    out.push(n('', 'an empty name', c), n('has space', 'a space', c), n('-lead', 'a leading dash', c), n('a'.repeat(300), 'a 300-character name', c), n(HUGE, 'a 300,000-character name', c), n(42, 'a number', ['wrong-type']));
    for (const u of UNICODE) out.push(n(u, `unicode ${JSON.stringify(u)}`, c));
  } else if (t === 'string') {
    out.push(n(HUGE, 'a 300,000-character string', ['invalid-name', 'wrong-type']), n(42, 'a number', ['wrong-type']));
  } else if (t === 'boolean') {
    out.push(n('yes', '"yes" (a string in YAML 1.2)', ['wrong-type']), n(1, 'the number 1', ['wrong-type']), n('true', 'the string "true"', ['wrong-type']));
  } else if (t === 'version') {
    out.push(n('one.two', 'words', ['wrong-type']), n('1..2', 'an empty part', ['wrong-type']), n(true, 'a boolean', ['wrong-type']));
  } else if (t === 'hostnames') {
    const c: readonly Code[] = ['invalid-hostnames', 'wrong-type'];
    out.push(n('w-{1..5', 'an open brace', c), n('w-{5..1}', 'a backwards range', c), n('W-1', 'upper case', c), n('w-{1..999999999}', 'a billion names', c), n(7, 'a number', c));
  }
  return out;
}

/** Bad values for any part of the format: wrong types for collections, the scalar list otherwise. */
export function badValuesFor(shape: Shape): BadValue[] {
  if (shape.kind === 'scalar') return badValues(shape);
  if (shape.kind === 'either') return [{ value: { a: 1 }, why: 'a mapping where a value or a list belongs', codes: ['wrong-type'] }];
  const want = shape.kind === 'array' ? 'a list' : 'a mapping';
  return [
    { value: 'word', why: `a string where ${want} belongs`, codes: ['wrong-type'] },
    { value: 12, why: `a number where ${want} belongs`, codes: ['wrong-type'] },
    ...(shape.kind === 'array' ? [{ value: { a: 1 }, why: 'a mapping where a list belongs', codes: ['wrong-type'] as const }] : [{ value: ['a'], why: 'a list where a mapping belongs', codes: ['wrong-type'] as const }]),
  ];
}
