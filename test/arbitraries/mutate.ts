/**
 * Mutations of valid sites: a key dropped or misspelt, a wrong type, a number out of range,
 * swapped or bad units, overlapping and non-canonical CIDRs, duplicated items, unicode and
 * huge strings, broken YAML text, and `--set` arguments with bad paths and values. Each
 * mutation says what it did and, where the answer is certain, what a correct loader must say
 * (the exit status, the path and the codes it may use) — the properties check those too.
 */
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { pathToString } from '../../src/model/codec.js';
import type { Code } from '../../src/model/diagnostics.js';
import { siteCodec } from '../../src/model/site.js';
import { render, validSiteArb, type GeneratedSite, type SiteObject } from './site.js';
import { absentPaths, badValuesFor, deleteAt, getAt, presentPaths, setAt, type Path, type ShapePath } from './shape.js';

/** What a correct loader must report for one mutation. */
export interface Expectation {
  /** The exit status, when it is certain. */
  readonly exit?: 1 | 2;
  /** The diagnostic path (in --set syntax; "" for any), or the paths it may be at. */
  readonly path: string | readonly string[];
  /** The codes it may carry. */
  readonly codes: readonly Code[];
  /** The --set argument the diagnostic must name. */
  readonly set?: string;
}

export type Mutation =
  | { readonly kind: 'set'; readonly path: Path; readonly value: unknown; readonly why: string; readonly expect?: Expectation }
  | { readonly kind: 'drop'; readonly path: Path; readonly expect?: Expectation }
  | { readonly kind: 'rename'; readonly path: Path; readonly to: string; readonly expect?: Expectation }
  | { readonly kind: 'duplicate-item'; readonly path: Path; readonly expect?: Expectation }
  /** The first item of a list repeated `times` times: the file stays under the size limit, the work must stay bounded. */
  | { readonly kind: 'flood'; readonly path: Path; readonly times: number; readonly expect?: Expectation }
  | { readonly kind: 'arg'; readonly arg: string; readonly why: string; readonly expect?: Expectation }
  | { readonly kind: 'text'; readonly op: 'duplicate-line' | 'truncate' | 'insert' | 'bom' | 'crlf' | 'tabs'; readonly at: number; readonly char?: string; readonly expect?: Expectation };

export interface MutatedSite {
  readonly text: string;
  readonly file: string;
  readonly sets: readonly string[];
  readonly mutations: readonly Mutation[];
  /** One line per mutation, for failure messages. */
  readonly describe: string;
}

const FIELD_NAMES_WITH_DUPLICATE_RULES = /^(hardware\.[^.]+\.(nics|hbas|disks)|hostNetwork\.(bonds|vlanInterfaces)|networks\.vlans|metallb\.pools|workloads\.vmClasses)$/;

const yamlText = (v: unknown): string => stringify(v, { collectionStyle: 'flow', lineWidth: 0 }).trim();

function readsBack(v: unknown): boolean {
  try {
    const back: unknown = parse(yamlText(v));
    return Object.is(back, v) || JSON.stringify(back) === JSON.stringify(v);
  } catch {
    return false;
  }
}

function typo(key: string, n: number): string {
  switch (n % 6) {
    case 0:
      return `${key}x`;
    case 1:
      return key.length > 1 ? key.slice(0, -1) : `${key}${key}`;
    case 2:
      return key.charAt(0).toUpperCase() === key.charAt(0) ? key.toLowerCase() : key.charAt(0).toUpperCase() + key.slice(1);
    case 3:
      return `${key}ü`;
    case 4:
      return `${key}]"x`;
    default:
      return `${key}.${key}`;
  }
}

function mutationArb(site: GeneratedSite): fc.Arbitrary<Mutation> {
  const present = presentPaths(site.object, siteCodec.shape);
  const absent = absentPaths(site.object, siteCodec.shape);
  const fields = present.filter((p) => p.field !== undefined);
  const cidrs = present.filter((p) => p.shape.kind === 'scalar' && p.shape.type === 'cidr');
  const lists = present.filter((p) => p.shape.kind === 'array' && Array.isArray(getAt(site.object, p.path)) && (getAt(site.object, p.path) as unknown[]).length > 0);
  const scalars = present.filter((p) => p.shape.kind === 'scalar');

  const badAt = (sp: ShapePath): fc.Arbitrary<Mutation> =>
    fc.constantFrom(...badValuesFor(sp.shape)).map((bad) => ({ kind: 'set' as const, path: sp.path, value: bad.value, why: bad.why, expect: { exit: 2 as const, path: pathToString(sp.path), codes: bad.codes } }));

  const arbs: Array<fc.WeightedArbitrary<Mutation>> = [
    { weight: 120, arbitrary: fc.constantFrom(...present).chain(badAt) },
    {
      weight: 60,
      arbitrary: fc.constantFrom(...present).map((sp): Mutation => {
        const required = sp.field?.required === true;
        return { kind: 'drop', path: sp.path, ...(required ? { expect: { exit: 2, path: pathToString(sp.path), codes: ['missing-key'] } } : {}) };
      }),
    },
    {
      weight: 40,
      arbitrary: fc.tuple(fc.constantFrom(...fields), fc.nat()).map(([sp, n]): Mutation => {
        const key = String(sp.path[sp.path.length - 1]);
        const to = typo(key, n);
        return { kind: 'rename', path: sp.path, to, expect: { path: pathToString([...sp.path.slice(0, -1), to]), codes: ['unknown-key'] } };
      }),
    },
    {
      weight: 60,
      arbitrary: fc.tuple(fc.constantFrom(...scalars), fc.constantFrom('bad-value', 'bad-path', 'syntax', 'good'), fc.nat()).chain(([sp, what, n]): fc.Arbitrary<Mutation> => {
        const p = pathToString(sp.path);
        if (what === 'bad-value') {
          // A --set value is parsed as YAML: keep the values that read back as themselves (a
          // leading BOM, for one, is dropped by any YAML reader, so "\ufeffbom" is just "bom").
          const bads = badValuesFor(sp.shape).filter((b) => (typeof b.value !== 'string' || b.value.length < 1000) && readsBack(b.value));
          if (bads.length === 0) return fc.constant({ kind: 'arg', arg: `${p}=${yamlText(getAt(site.object, sp.path))}`, why: '--set with the value the file already has' });
          return fc.constantFrom(...bads).map((bad) => {
            const arg = `${p}=${yamlText(bad.value)}`;
            return { kind: 'arg', arg, why: `--set ${bad.why}`, expect: { exit: 2, path: p, codes: bad.codes, set: arg } };
          });
        }
        if (what === 'bad-path') {
          const last = sp.path[sp.path.length - 1];
          const bent = typeof last === 'number' ? [...sp.path.slice(0, -1), last + 1000] : [...sp.path.slice(0, -1), typo(last ?? 'x', n === 3 ? 0 : n)];
          const arg = `${pathToString(bent)}=1`;
          return fc.constant({ kind: 'arg', arg, why: '--set with a path that does not exist', expect: { exit: 2, path: pathToString(bent), codes: ['set-path-unknown'], set: arg } });
        }
        if (what === 'syntax') {
          const forms = [p, `=${p}`, `${p}..x=1`, `${p}[=1`, `[0]=1`, `${p}.=1`, `${p}=[unclosed`, `${p}=*nowhere`, `${p}={a: 1, a: 2}`];
          const arg = forms[n % forms.length] as string;
          return fc.constant({ kind: 'arg', arg, why: '--set that is not PATH=VALUE or whose value is not YAML', expect: { exit: 2, path: '', codes: ['set-syntax', 'set-path-unknown'] } });
        }
        return fc.constant({ kind: 'arg', arg: `${p}=${yamlText(getAt(site.object, sp.path))}`, why: '--set with the value the file already has' });
      }),
    },
    { weight: 20, arbitrary: fc.constantFrom(...(absent.length ? absent : present)).chain(badAt) },
  ];
  // The largest values the format accepts, and long lists: every command must still finish in
  // bounded time. They cost up to seconds each, so they are rare (about 1 case in 200): npm run
  // fuzz meets dozens, npm test replays the kept ones. A list repeated 2,000 times is within the
  // largest bound a list has (4,094 VLANs), so the rules run on it; 5,000 times is past every
  // bound but metallb.interfaces', so the list is refused where it is decoded. (20,000 times, as
  // before, refused the same way but first made the YAML parser read up to 2.7 MB, about 3 s a
  // command: some 7 % of npm run fuzz by the time a command took and how often it came up.)
  const counts = scalars.filter((p) => p.shape.kind === 'scalar' && p.shape.type === 'integer' && p.shape.max !== undefined);
  if (counts.length) {
    arbs.push({
      weight: 1,
      arbitrary: fc.constantFrom(...counts).map((sp): Mutation => ({ kind: 'set', path: sp.path, value: sp.shape.kind === 'scalar' ? sp.shape.max : 0, why: 'the largest value the format accepts' })),
    });
  }
  if (lists.length) {
    arbs.push({ weight: 1, arbitrary: fc.tuple(fc.constantFrom(...lists), fc.constantFrom(100, 2_000, 5_000)).map(([sp, times]): Mutation => ({ kind: 'flood', path: sp.path, times })) });
  }
  if (cidrs.length >= 2) {
    arbs.push({
      weight: 40,
      arbitrary: fc.tuple(fc.constantFrom(...cidrs), fc.constantFrom(...cidrs), fc.boolean()).map(([a, b, hostBits]): Mutation => {
        const text = String(getAt(site.object, a.path));
        if (hostBits) {
          const [addr = '', prefix = '32'] = text.split('/');
          const octets = addr.split('.').map(Number);
          const last = ((octets[3] ?? 0) | 1) >>> 0;
          const written = `${octets.slice(0, 3).join('.')}.${last}/${prefix}`;
          const canonical = Number(prefix) < 32 && written !== text;
          return { kind: 'set', path: a.path, value: written, why: 'a CIDR with host bits set', ...(canonical ? { expect: { path: pathToString(a.path), codes: ['cidr-host-bits'] } } : {}) };
        }
        const same = pathToString(a.path) === pathToString(b.path);
        // The overlap is reported at whichever of the two the rule checks second.
        return { kind: 'set', path: b.path, value: text, why: `the CIDR of ${pathToString(a.path)} (overlapping)`, ...(same ? {} : { expect: { path: [pathToString(a.path), pathToString(b.path)], codes: ['cidr-overlap'] } }) };
      }),
    });
  }
  if (lists.length) {
    arbs.push({
      weight: 40,
      arbitrary: fc.constantFrom(...lists).map((sp): Mutation => {
        const p = pathToString(sp.path);
        return { kind: 'duplicate-item', path: sp.path, ...(FIELD_NAMES_WITH_DUPLICATE_RULES.test(p.replace(/\["[^"]*"\]/g, '.x')) ? { expect: { exit: 1, path: '', codes: ['duplicate-name'] } } : {}) };
      }),
    });
  }
  if (site.format === 'yaml') {
    arbs.push({
      weight: 40,
      arbitrary: fc
        .tuple(fc.constantFrom('duplicate-line', 'truncate', 'insert', 'bom', 'crlf', 'tabs') as fc.Arbitrary<'duplicate-line' | 'truncate' | 'insert' | 'bom' | 'crlf' | 'tabs'>, fc.nat(), fc.constantFrom('\t', '\u0000', ':', '{', '"', '&', '*', '😀', '\u2028', '-'))
        .map(([op, at, char]): Mutation => ({ kind: 'text', op, at, ...(op === 'insert' ? { char } : {}) })),
    });
  }
  return fc.oneof(...arbs);
}

function hasNonFinite(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (Array.isArray(v)) return v.some(hasNonFinite);
  if (typeof v === 'object' && v !== null) return Object.values(v).some(hasNonFinite);
  return false;
}

function applyText(text: string, m: Extract<Mutation, { kind: 'text' }>): { text: string; expect?: Expectation } {
  const lines = text.split('\n');
  switch (m.op) {
    case 'duplicate-line': {
      const keyed = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[A-Za-z][\w-]*:/.test(l));
      const [line, i] = keyed[m.at % keyed.length] ?? ['', 0];
      lines.splice(i + 1, 0, line);
      return { text: lines.join('\n'), expect: { exit: 2, path: '', codes: ['yaml-duplicate-key', 'yaml-syntax'] } };
    }
    case 'truncate':
      return { text: text.slice(0, m.at % Math.max(1, text.length)) };
    case 'insert': {
      const at = m.at % Math.max(1, text.length);
      return { text: text.slice(0, at) + (m.char ?? '') + text.slice(at) };
    }
    case 'bom':
      return { text: `\ufeff${text}` };
    case 'crlf':
      return { text: text.replace(/\n/g, '\r\n') };
    case 'tabs':
      return { text: text.replace(/^( {2})/gm, '\t'), expect: { exit: 2, path: '', codes: ['yaml-syntax'] } };
  }
}

/** Apply mutations to a generated site. */
export function mutate(site: GeneratedSite, mutations: readonly Mutation[]): MutatedSite {
  const object = structuredClone(site.object) as SiteObject;
  const sets: string[] = [];
  const applied: Mutation[] = [];
  let nonFinite = false;
  for (const m of mutations) {
    if (m.kind === 'set') {
      setAt(object, m.path, m.value);
      nonFinite ||= hasNonFinite(m.value);
    } else if (m.kind === 'drop') deleteAt(object, m.path);
    else if (m.kind === 'rename') {
      const parent = getAt(object, m.path.slice(0, -1));
      const key = String(m.path[m.path.length - 1]);
      if (typeof parent === 'object' && parent !== null && !Array.isArray(parent) && key in parent) {
        const p = parent as Record<string, unknown>;
        p[m.to] = p[key];
        delete p[key];
      }
    } else if (m.kind === 'duplicate-item') {
      const list = getAt(object, m.path);
      if (Array.isArray(list) && list.length) list.push(structuredClone(list[0]));
    } else if (m.kind === 'flood') {
      const list = getAt(object, m.path);
      if (Array.isArray(list) && list.length) for (let i = 0; i < m.times; i++) list.push(structuredClone(list[0]));
    } else if (m.kind === 'arg') sets.push(m.arg);
    applied.push(m);
  }
  // JSON cannot hold NaN or infinities (they would turn into null): write those as YAML.
  const format = site.format === 'json' && nonFinite ? 'yaml' : site.format;
  let { text, file } = render(object, format, site.style);
  const out: Mutation[] = [];
  for (const m of applied) {
    if (m.kind !== 'text') {
      out.push(m);
      continue;
    }
    const r = applyText(text, m);
    text = r.text;
    out.push({ ...m, ...(r.expect ? { expect: r.expect } : {}) });
  }
  const describe = out
    .map((m) =>
      m.kind === 'set'
        ? `set ${pathToString(m.path)} to ${m.why}`
        : m.kind === 'drop'
          ? `drop ${pathToString(m.path)}`
          : m.kind === 'rename'
            ? `rename ${pathToString(m.path)} to ${JSON.stringify(m.to)}`
            : m.kind === 'duplicate-item'
              ? `duplicate the first item of ${pathToString(m.path)}`
              : m.kind === 'flood'
                ? `repeat the first item of ${pathToString(m.path)} ${m.times} times`
              : m.kind === 'arg'
                ? `--set ${m.arg.length > 80 ? `${m.arg.slice(0, 80)}…` : m.arg} (${m.why})`
                : `text: ${m.op}${m.char !== undefined ? ` ${JSON.stringify(m.char)}` : ''} at ${m.at}`,
    )
    .join('; ');
  return { text, file, sets, mutations: out, describe };
}

/** A valid site with one to three mutations. */
export const mutatedSiteArb: fc.Arbitrary<MutatedSite> = validSiteArb.chain((site) =>
  fc.array(mutationArb(site), { minLength: 1, maxLength: 3 }).map((ms) => mutate(site, ms)),
);

/** A valid site with exactly one mutation: its expectation, when it has one, must hold. */
export const singleMutationArb: fc.Arbitrary<MutatedSite> = validSiteArb.chain((site) => mutationArb(site).map((m) => mutate(site, [m])));
