/**
 * Quantities with units, parsed once at the boundary.
 *
 * Site files write quantities the Kubernetes way ("16Gi", "10Gbps", "150s", "500m"). Inside
 * vmo-twin they are plain integers in one unit per dimension:
 *
 * | dimension  | internal unit | accepted suffixes                                        |
 * | ---------- | ------------- | -------------------------------------------------------- |
 * | memory     | MiB           | Ki Mi Gi Ti Pi (binary), k M G T P (decimal), optional B |
 * | bandwidth  | Mbit/s        | bps Kbps Mbps Gbps Tbps, also Gb/s, Gbit/s, MB/s, GB/s   |
 * | duration   | ms            | ms s m h d, combinable as in Go: "1h30m", "2m30s"        |
 * | cpu        | millicores    | a bare number of cores ("2", "1.5") or millicores "500m" |
 * | rate       | MiB/s (float) | a memory size per second: "64Mi/s", "256Ki/s", "1Gi/s"   |
 *
 * A parser never throws: it returns a {@link Parsed} union that says what was wrong.
 */

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string; readonly hint: string };

export type Dimension = 'memory' | 'bandwidth' | 'duration' | 'cpu' | 'rate';

const MIB = 1024 * 1024;

/** Bytes per suffix; decimal and binary as Kubernetes resource.Quantity reads them. */
const MEMORY_SUFFIX: Readonly<Record<string, number>> = {
  Ki: 1024,
  Mi: MIB,
  Gi: 1024 * MIB,
  Ti: 1024 * 1024 * MIB,
  Pi: 1024 * 1024 * 1024 * MIB,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
};

/** Mbit/s per suffix. */
const BANDWIDTH_SUFFIX: Readonly<Record<string, number>> = {
  bps: 1e-6,
  Kbps: 1e-3,
  kbps: 1e-3,
  Mbps: 1,
  Gbps: 1e3,
  Tbps: 1e6,
  'Kb/s': 1e-3,
  'kb/s': 1e-3,
  'Mb/s': 1,
  'Gb/s': 1e3,
  'Tb/s': 1e6,
  'Kbit/s': 1e-3,
  'Mbit/s': 1,
  'Gbit/s': 1e3,
  'Tbit/s': 1e6,
  'MB/s': 8,
  'GB/s': 8e3,
  'MiB/s': (8 * MIB) / 1e6,
  'GiB/s': (8 * 1024 * MIB) / 1e6,
};

/** ms per suffix. */
const DURATION_SUFFIX: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Upper bounds that keep every internal integer exact and every figure meaningful. */
const MAX = {
  memoryMiB: 2 ** 40, // 1 EiB
  bandwidthMbps: 1e7, // 10 Pbit/s
  durationMs: 366 * 86_400_000, // a year
  cpuMilli: 1e9,
  rateMiBps: 2 ** 30,
} as const;

const NUMBER = String.raw`(\d+(?:\.\d+)?|\.\d+)`;

function fail<T>(message: string, hint: string): Parsed<T> {
  return { ok: false, message, hint };
}

function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

/** What a string looks like, to say "16Gbps is a bandwidth, not a memory size". */
export function guessDimension(text: string): Dimension | undefined {
  const t = text.trim();
  const m = new RegExp(`^-?${NUMBER}\\s*(.*)$`).exec(t);
  if (!m) return undefined;
  const suffix = m[2] ?? '';
  if (suffix === '') return undefined;
  if (/^(Ki|Mi|Gi|Ti|Pi|Ei)\/s$/.test(suffix)) return 'rate';
  if (suffix in BANDWIDTH_SUFFIX) return 'bandwidth';
  if (/^((\d+(\.\d+)?)?(ms|s|m|h|d))+$/.test(suffix) && suffix !== 'm') return 'duration';
  if (suffix.replace(/B$/, '') in MEMORY_SUFFIX) return 'memory';
  if (suffix === 'm') return 'cpu';
  return undefined;
}

const EXAMPLE: Readonly<Record<Dimension, string>> = {
  memory: '"16Gi", "1Ti", "480G"',
  bandwidth: '"10Gbps", "25Gbps", "100Mbps"',
  duration: '"150s", "5m", "1h30m", "500ms"',
  cpu: '2, 1.5 or "500m"',
  rate: '"64Mi/s", "1Gi/s"',
};

function wrongDimension<T>(text: string, want: Dimension): Parsed<T> | undefined {
  const got = guessDimension(text);
  if (got && got !== want) {
    return fail(`"${text}" is a ${got === 'cpu' ? 'CPU quantity' : got}, not a ${want === 'memory' ? 'memory size' : want}`, `write a ${want} such as ${EXAMPLE[want]}`);
  }
  return undefined;
}

function negative<T>(text: string, want: Dimension): Parsed<T> | undefined {
  if (/^\s*-/.test(text)) return fail(`"${text}" is negative`, `a ${want} is zero or more, such as ${EXAMPLE[want]}`);
  return undefined;
}

/** "16Gi" → 16384 (MiB). Decimal suffixes are rounded to the nearest MiB. */
export function parseMemoryMiB(input: string | number): Parsed<number> {
  if (typeof input === 'number') {
    if (input === 0) return ok(0);
    return fail(`${input} has no unit`, `write a memory size with its unit, such as ${EXAMPLE.memory}`);
  }
  const text = input.trim();
  const m = new RegExp(`^${NUMBER}\\s*(Ki|Mi|Gi|Ti|Pi|k|K|M|G|T|P)?(i?B)?$`).exec(text);
  if (!m) {
    return negative(text, 'memory') ?? wrongDimension(text, 'memory') ?? fail(`"${text}" is not a memory size`, `write a number with a unit, such as ${EXAMPLE.memory}`);
  }
  const num = Number(m[1]);
  const suffix = m[2];
  if (suffix === undefined) {
    if (num === 0) return ok(0);
    return fail(`"${text}" has no unit`, `write a memory size with its unit, such as ${EXAMPLE.memory}`);
  }
  const bytes = num * (MEMORY_SUFFIX[suffix] ?? 1);
  const mib = Math.round(bytes / MIB);
  if (bytes > 0 && mib === 0) return fail(`"${text}" is less than 1Mi`, 'vmo-twin counts memory in MiB; write at least "1Mi"');
  if (mib > MAX.memoryMiB) return fail(`"${text}" is larger than 1Ei`, 'check the unit: Gi and Ti are the usual ones');
  return ok(mib);
}

/** "10Gbps" → 10000 (Mbit/s). A bare 0 means "no limit" where a field allows it. */
export function parseBandwidthMbps(input: string | number): Parsed<number> {
  if (typeof input === 'number') {
    if (input === 0) return ok(0);
    return fail(`${input} has no unit`, `write a bandwidth with its unit, such as ${EXAMPLE.bandwidth}`);
  }
  const text = input.trim();
  const m = new RegExp(`^${NUMBER}\\s*([A-Za-z/]+)?$`).exec(text);
  const factor = m?.[2] !== undefined ? BANDWIDTH_SUFFIX[m[2]] : undefined;
  if (!m || (m[2] !== undefined && factor === undefined)) {
    return negative(text, 'bandwidth') ?? wrongDimension(text, 'bandwidth') ?? fail(`"${text}" is not a bandwidth`, `write a number with a unit, such as ${EXAMPLE.bandwidth}`);
  }
  const num = Number(m[1]);
  if (factor === undefined) {
    if (num === 0) return ok(0);
    return fail(`"${text}" has no unit`, `write a bandwidth with its unit, such as ${EXAMPLE.bandwidth}`);
  }
  const mbps = Math.round(num * factor);
  if (num > 0 && mbps === 0) return fail(`"${text}" is less than 1Mbps`, 'vmo-twin counts bandwidth in Mbit/s; write at least "1Mbps"');
  if (mbps > MAX.bandwidthMbps) return fail(`"${text}" is more than 10Pbps`, 'check the unit: Gbps is the usual one');
  return ok(mbps);
}

/** "1h30m" → 5400000 (ms). */
export function parseDurationMs(input: string | number): Parsed<number> {
  if (typeof input === 'number') {
    if (input === 0) return ok(0);
    return fail(`${input} has no unit`, `write a duration with its unit, such as ${EXAMPLE.duration}`);
  }
  const text = input.trim();
  if (text === '0') return ok(0);
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(text)) {
    return negative(text, 'duration') ?? wrongDimension(text, 'duration') ?? fail(`"${text}" is not a duration`, `write a number with a unit, such as ${EXAMPLE.duration}`);
  }
  let total = 0;
  for (const part of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) {
    total += Number(part[1]) * (DURATION_SUFFIX[part[2] ?? 's'] ?? 0);
  }
  const ms = Math.round(total);
  if (ms > MAX.durationMs) return fail(`"${text}" is longer than a year`, 'check the unit: s, m and h are the usual ones');
  return ok(ms);
}

/** 2 → 2000, "1.5" → 1500, "500m" → 500 (millicores). */
export function parseCpuMilli(input: string | number): Parsed<number> {
  const text = typeof input === 'number' ? String(input) : input.trim();
  const m = new RegExp(`^${NUMBER}(m)?$`).exec(text);
  if (!m || !Number.isFinite(Number(m[1]))) {
    return negative(text, 'cpu') ?? wrongDimension(text, 'cpu') ?? fail(`"${text}" is not a CPU quantity`, `write cores or millicores, such as ${EXAMPLE.cpu}`);
  }
  const num = Number(m[1]);
  const exact = m[2] === 'm' ? num : num * 1000;
  const milli = Math.round(exact);
  if (Math.abs(exact - milli) > 1e-6) {
    return fail(`"${text}" is finer than one millicore`, 'round it to whole millicores, such as "1500m"');
  }
  if (milli > MAX.cpuMilli) return fail(`"${text}" is more than a million cores`, 'check the number');
  return ok(milli);
}

/** "64Mi/s" → 64, "256Ki/s" → 0.25 (MiB/s; fractions allowed, rates are averages). */
export function parseRateMiBps(input: string | number): Parsed<number> {
  if (typeof input === 'number') {
    if (input === 0) return ok(0);
    return fail(`${input} has no unit`, `write a rate with its unit, such as ${EXAMPLE.rate}`);
  }
  const text = input.trim();
  const m = new RegExp(`^${NUMBER}\\s*(Ki|Mi|Gi|Ti|k|K|M|G|T)(i?B)?/s$`).exec(text);
  if (!m) {
    return negative(text, 'rate') ?? wrongDimension(text, 'rate') ?? fail(`"${text}" is not a rate`, `write a memory size per second, such as ${EXAMPLE.rate}`);
  }
  const mibps = (Number(m[1]) * (MEMORY_SUFFIX[m[2] ?? 'Mi'] ?? MIB)) / MIB;
  if (mibps > MAX.rateMiBps) return fail(`"${text}" is too fast`, 'check the unit');
  return ok(mibps);
}

export const PARSERS: Readonly<Record<Dimension, (input: string | number) => Parsed<number>>> = {
  memory: parseMemoryMiB,
  bandwidth: parseBandwidthMbps,
  duration: parseDurationMs,
  cpu: parseCpuMilli,
  rate: parseRateMiBps,
};

export const UNIT_EXAMPLES = EXAMPLE;

// ---------------------------------------------------------------------------------------------
// Formatting, for people. Every formatter is the inverse of its parser for canonical values.

/** 16384 → "16Gi"; 1536 → "1536Mi"; exact, largest binary unit that divides. */
export function formatMiB(mib: number): string {
  if (mib === 0) return '0';
  const units: ReadonlyArray<[string, number]> = [
    ['Pi', 1024 ** 3],
    ['Ti', 1024 ** 2],
    ['Gi', 1024],
  ];
  for (const [suffix, size] of units) {
    if (mib % size === 0) return `${mib / size}${suffix}`;
  }
  return `${mib}Mi`;
}

/** 16724 → "16.3 GiB" (for reports, not for round trips). */
export function humanMiB(mib: number, digits = 1): string {
  const abs = Math.abs(mib);
  if (abs >= 1024 ** 3) return `${(mib / 1024 ** 3).toFixed(digits)} PiB`;
  if (abs >= 1024 ** 2) return `${(mib / 1024 ** 2).toFixed(digits)} TiB`;
  if (abs >= 1024) return `${(mib / 1024).toFixed(digits)} GiB`;
  return `${mib} MiB`;
}

/** 10000 → "10Gbps". */
export function formatMbps(mbps: number): string {
  if (mbps === 0) return '0';
  if (mbps % 1e6 === 0) return `${mbps / 1e6}Tbps`;
  if (mbps % 1000 === 0) return `${mbps / 1000}Gbps`;
  return `${mbps}Mbps`;
}

/** 5400000 → "1h30m"; 150000 → "150s" style kept compact: "2m30s". */
export function formatMs(ms: number): string {
  if (ms === 0) return '0s';
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [suffix, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${suffix}`);
      rest %= size;
    }
  }
  if (rest > 0) parts.push(`${rest}ms`);
  return parts.join('');
}

/** 1500 → "1500m", 2000 → "2". */
export function formatMilli(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** MiB → TiB as a decimal number (for sizing figures), rounded to 2 decimals. */
export function mibToTiB(mib: number): number {
  return Math.round((mib / 1024 ** 2) * 100) / 100;
}
