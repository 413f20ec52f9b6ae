/**
 * Reading saved drill results (`simulate --json`, shard parts merged by `merge`): the file is
 * read, parsed and checked against the contract of src/sim/result.ts, so the report never
 * draws from a file of another shape. Problems are usage errors (exit 2) naming the file, the
 * JSON path and what was expected.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Distribution, Gate, PhaseSpan, RunResult, RunSummary, SeriesPoint, SimResult, Stall } from '../sim/result.js';
import { UsageError } from './io.js';

/** Far past any result (a 128-node repave with every series is a few MB); refused before reading. */
export const MAX_RESULTS_BYTES = 512 * 1024 * 1024;

const SHAPE_HINT = 'pass the output of `vmo-twin simulate … --json` (or of `vmo-twin merge`); its shape is SimResult in src/sim/result.ts';

class ShapeError extends Error {}

type Json = unknown;

const describe = (v: Json): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : String(v));
const fail = (path: string, what: string, v: Json): never => {
  throw new ShapeError(`${path || 'the top level'} is ${describe(v)}, not ${what}`);
};

function obj(v: Json, path: string): Record<string, Json> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(path, 'an object', v);
  return v as Record<string, Json>;
}
function field(o: Record<string, Json>, key: string, path: string): Json {
  if (!(key in o)) throw new ShapeError(`${path ? `${path}.` : ''}${key} is missing`);
  return o[key];
}
function num(v: Json, path: string, min = -Infinity): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) fail(path, min === 0 ? 'a number ≥ 0' : 'a number', v);
  return v as number;
}
function int(v: Json, path: string, min = 0): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(path, `a whole number ≥ ${min}`, v);
  return v as number;
}
function bool(v: Json, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, 'true or false', v);
  return v as boolean;
}
function str(v: Json, path: string): string {
  if (typeof v !== 'string') fail(path, 'a string', v);
  return v as string;
}
function list<T>(v: Json, path: string, item: (x: Json, p: string) => T): T[] {
  if (!Array.isArray(v)) fail(path, 'a list', v);
  return (v as Json[]).map((x, i) => item(x, `${path}[${i}]`));
}
function nullable<T>(v: Json, path: string, item: (x: Json, p: string) => T): T | null {
  return v === null ? null : item(v, path);
}

/** Fields read by name; each checked by its own function. */
function shape<T>(v: Json, path: string, fields: { readonly [K in keyof T]-?: (x: Json, p: string) => T[K] }): T {
  const o = obj(v, path);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) {
    const p = path ? `${path}.${key}` : key;
    out[key] = (fields as Record<string, (x: Json, p: string) => unknown>)[key]?.(field(o, key, path), p);
  }
  return out as T;
}

const gate = (v: Json, p: string): Gate => shape<Gate>(v, p, { name: str, ok: bool, detail: str });
const stall = (v: Json, p: string): Stall => shape<Stall>(v, p, { code: str, reason: str, at: (x, q) => num(x, q, 0), node: (x, q) => nullable(x, q, str) });
const span = (v: Json, p: string): PhaseSpan => {
  const s = shape<PhaseSpan>(v, p, { node: str, phase: str, start: (x, q) => num(x, q, 0), end: (x, q) => num(x, q, 0) });
  if (s.end < s.start) throw new ShapeError(`${p} ends (${s.end}) before it starts (${s.start})`);
  return s;
};

/** A step series: `[t, value]` pairs in time order. */
function series(v: Json, p: string): SeriesPoint[] {
  let last = -Infinity;
  return list(v, p, (x, q) => {
    if (!Array.isArray(x) || x.length !== 2) fail(q, '[t seconds, value]', x);
    const pair = x as Json[];
    const t = num(pair[0], `${q}[0]`, 0);
    if (t < last) throw new ShapeError(`${q} is at t = ${t} s, before the point ahead of it (${last} s): a series must be in time order`);
    last = t;
    return [t, num(pair[1], `${q}[1]`, 0)] as const;
  });
}

const migrations = (v: Json, p: string): RunResult['migrations'] =>
  shape<RunResult['migrations']>(v, p, { started: (x, q) => int(x, q), completed: (x, q) => int(x, q), failed: (x, q) => int(x, q), maxInFlight: (x, q) => int(x, q) });
const downtime = (v: Json, p: string): RunResult['downtime'] => shape<RunResult['downtime']>(v, p, { vms: (x, q) => int(x, q), vmSeconds: (x, q) => num(x, q, 0) });
/** The storage figures, under `storage` in a result and flat in a run summary. */
const STORAGE_FIELDS = {
  degradedVolumesMax: (x: Json, q: string) => int(x, q),
  degradedVolumesAtEnd: (x: Json, q: string) => int(x, q),
  resyncTiB: (x: Json, q: string) => num(x, q, 0),
  quorumLost: bool,
  kvdbQuorumLost: bool,
  volumesLost: (x: Json, q: string) => int(x, q),
};
const storage = (v: Json, p: string): RunResult['storage'] => shape<RunResult['storage']>(v, p, STORAGE_FIELDS);

function runSeries(v: Json, p: string): RunResult['series'] {
  const o = obj(v, p);
  const nodes = list(field(o, 'nodes', p), `${p}.nodes`, str);
  let last = -Infinity;
  const vmsPerNode = list(field(o, 'vmsPerNode', p), `${p}.vmsPerNode`, (x, q) => {
    if (!Array.isArray(x) || x.length !== 3) fail(q, '[t seconds, node index, VM count]', x);
    const a = x as Json[];
    const t = num(a[0], `${q}[0]`, 0);
    if (t < last) throw new ShapeError(`${q} is at t = ${t} s, before the point ahead of it (${last} s): vmsPerNode must be in time order`);
    last = t;
    const n = int(a[1], `${q}[1]`);
    if (n >= nodes.length) throw new ShapeError(`${q}[1] is node ${n}, but ${p}.nodes lists ${nodes.length}`);
    return [t, n, int(a[2], `${q}[2]`)] as const;
  });
  return { inFlightMigrations: series(field(o, 'inFlightMigrations', p), `${p}.inFlightMigrations`), degradedVolumes: series(field(o, 'degradedVolumes', p), `${p}.degradedVolumes`), nodes, vmsPerNode };
}

const limits = (v: Json, p: string): RunResult['limits'] => shape<RunResult['limits']>(v, p, { parallelPerCluster: (x, q) => int(x, q, 1), parallelOutboundPerNode: (x, q) => int(x, q, 1) });

/** The fields a drill result and each of its runs share. */
const COMMON = {
  drill: str,
  seed: (x: Json, q: string) => int(x, q, -Number.MAX_SAFE_INTEGER),
  ok: bool,
  simulatedSeconds: (x: Json, q: string) => num(x, q, 0),
  events: (x: Json, q: string) => int(x, q),
  migrations,
  downtime,
  storage,
  stalled: (x: Json, q: string) => nullable(x, q, stall),
  gates: (x: Json, q: string) => list(x, q, gate),
};

const runResult = (v: Json, p: string): RunResult =>
  shape<RunResult>(v, p, {
    ...COMMON,
    limits,
    timeline: (x, q) => list(x, q, span),
    series: runSeries,
  });

const summary = (v: Json, p: string): RunSummary =>
  shape<RunSummary>(v, p, {
    seed: (x, q) => int(x, q, -Number.MAX_SAFE_INTEGER),
    ok: bool,
    simulatedSeconds: (x, q) => num(x, q, 0),
    events: (x, q) => int(x, q),
    migrationsStarted: (x, q) => int(x, q),
    migrationsCompleted: (x, q) => int(x, q),
    migrationsFailed: (x, q) => int(x, q),
    maxInFlight: (x, q) => int(x, q),
    downtimeVms: (x, q) => int(x, q),
    downtimeVmSeconds: (x, q) => num(x, q, 0),
    ...STORAGE_FIELDS,
    stalled: (x, q) => nullable(x, q, str),
    failedGates: (x, q) => list(x, q, str),
  });

const distribution = (v: Json, p: string): Distribution => shape<Distribution>(v, p, { min: num, p50: num, p90: num, p99: num, max: num, mean: num });

type Percentiles = NonNullable<SimResult['percentiles']>;
const percentiles = (v: Json, p: string): Percentiles =>
  shape<Percentiles>(v, p, {
    simulatedSeconds: distribution,
    migrationsStarted: distribution,
    downtimeVms: distribution,
    downtimeVmSeconds: distribution,
    degradedVolumesMax: distribution,
    resyncTiB: distribution,
  });

/** A SimResult from parsed JSON, checked field by field; throws a message naming the first problem. */
export function simResultFromJson(v: Json): SimResult {
  const o = obj(v, '');
  if (!('drill' in o) && 'diagnostics' in o) throw new ShapeError('it holds diagnostics, not a drill result (the output of validate, size, or a simulate that refused the site)');
  const r = shape<Omit<SimResult, 'timings'>>(v, '', {
    ...COMMON,
    site: str,
    runs: (x, q) => int(x, q, 1),
    run: runResult,
    perRun: (x, q) => nullable(x, q, (y, s) => list(y, s, summary)),
    percentiles: (x, q) => nullable(x, q, percentiles),
  });
  if (r.perRun && r.perRun.length !== r.runs) throw new ShapeError(`perRun lists ${r.perRun.length} runs, but runs is ${r.runs}`);
  return r;
}

/** Read, parse and check one results file. */
export function readResultsFile(file: string): SimResult {
  let text: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new UsageError(`results file ${file} is not a file`, SHAPE_HINT);
    if (st.size > MAX_RESULTS_BYTES) throw new UsageError(`results file ${file} is ${Math.round(st.size / 1024 / 1024)} MiB, past the ${MAX_RESULTS_BYTES / 1024 / 1024} MiB any drill result needs`, SHAPE_HINT);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read results file ${file}: ${code === 'ENOENT' ? 'there is no such file' : (e as Error).message}`, 'save a result first: vmo-twin simulate SITE --drill repave-all --json > repave.json');
  }
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`results file ${file} is not JSON: ${(e as Error).message}`, SHAPE_HINT);
  }
  try {
    return simResultFromJson(json);
  } catch (e) {
    if (e instanceof ShapeError) throw new UsageError(`results file ${file} is not a drill result: ${e.message}`, SHAPE_HINT);
    throw e;
  }
}
