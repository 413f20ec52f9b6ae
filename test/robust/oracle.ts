/**
 * The robustness oracle: what every run of every command that reads a site must satisfy,
 * whatever the input. It returns the problems it finds (empty = fine), so a property can
 * report all of them at once.
 *
 * Diagnostic paths — the decision on defaulted keys: a path is fine when it is "" (the file
 * as a whole, or a --set argument), when it names a node in the document the command read
 * (the file with the --set overrides applied), or when it names a key of the format that the
 * file leaves to its default or leaves out (`missing-key`, or a rule about a defaulted value
 * such as the default pod CIDR). A diagnostic whose path names a node written in the file must
 * carry that node's line and column; one whose value came from --set must name the --set.
 */
import { isAlias, isMap, isNode, isScalar, isSeq, parse, parseDocument, type Document } from 'yaml';
import { parsePath, type PathSegment, type Shape } from '../../src/model/codec.js';
import { CODES, type Code } from '../../src/model/diagnostics.js';
import { siteCodec } from '../../src/model/site.js';
import type { Expectation } from '../arbitraries/mutate.js';
import type { SiteCommand } from './commands.js';
import type { RunOutcome } from './runner.js';

export interface CaseInput {
  /** The site text as written to disk. */
  readonly text: string;
  readonly sets: readonly string[];
}

export interface JsonDiagnostic {
  readonly severity: string;
  readonly code: string;
  readonly path: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly message: string;
  readonly hint: string;
  readonly set?: string;
}

const STACK = /\n\s+at .+:\d+:\d+/;
const isCode = (c: string): c is Code => Object.hasOwn(CODES, c);

/**
 * The document the command read, parsed once per case (every command of a case reads the
 * same input object): judging six commands must not parse a 300,000-character site six times.
 */
const documents = new WeakMap<CaseInput, Document | undefined>();
export function documentOf(input: CaseInput): Document | undefined {
  if (documents.has(input)) return documents.get(input);
  const doc = parseWithSets(input);
  documents.set(input, doc);
  return doc;
}

/** The lines of the case's text, counted once per case rather than once per diagnostic. */
const lineCounts = new WeakMap<CaseInput, number>();
function lineCount(input: CaseInput): number {
  let n = lineCounts.get(input);
  if (n === undefined) {
    n = input.text.split(/\r?\n|\r/).length;
    lineCounts.set(input, n);
  }
  return n;
}

/** The text with the --set overrides applied (undefined when it does not parse). */
function parseWithSets(input: CaseInput): Document | undefined {
  let doc: Document;
  try {
    doc = parseDocument(input.text, { uniqueKeys: false });
  } catch {
    return undefined;
  }
  if (doc.errors.length) return undefined;
  for (const raw of input.sets) {
    const eq = raw.indexOf('=');
    const path = eq > 0 ? parsePath(raw.slice(0, eq)) : undefined;
    if (!path) continue;
    try {
      doc.setIn(path, doc.createNode(parse(raw.slice(eq + 1))));
    } catch {
      // A value that is not YAML stops the command before it reads anything.
    }
  }
  return doc;
}

/** The node at a path, comparing keys as text (a YAML key 1 is path segment "1"), following aliases. */
export function nodeIn(doc: Document, path: readonly PathSegment[]): unknown {
  let node: unknown = doc.contents;
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return undefined;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') node = node.items[seg];
    else return undefined;
  }
  if (isAlias(node)) node = node.resolve(doc);
  return node ?? undefined;
}

/** Whether the format has this path (record keys and list indices taken as given). */
export function inFormat(path: readonly PathSegment[], root: Shape = siteCodec.shape): boolean {
  let shape: Shape = root;
  for (const seg of path) {
    if (shape.kind === 'either') shape = shape.options.find((o) => o.kind !== 'scalar') ?? shape;
    if (shape.kind === 'object' && typeof seg === 'string' && Object.hasOwn(shape.fields, seg)) shape = (shape.fields[seg] as { shape: Shape }).shape;
    else if (shape.kind === 'record' && typeof seg === 'string') shape = shape.value;
    else if (shape.kind === 'array' && typeof seg === 'number') shape = shape.item;
    else return false;
  }
  return true;
}

function setCovers(set: readonly string[], path: string): boolean {
  return set.some((raw) => {
    const eq = raw.indexOf('=');
    const p = eq > 0 ? parsePath(raw.slice(0, eq)) : undefined;
    if (!p) return false;
    const text = raw.slice(0, eq).trim();
    return path === text || path.startsWith(`${text}.`) || path.startsWith(`${text}[`);
  });
}

/**
 * Problems with one diagnostic, given the document the command read (or how to get it: it is
 * parsed only for a diagnostic whose path must be looked up in it, so a case whose diagnostics
 * all name a --set or the file as a whole costs no parse).
 */
export function diagnosticProblems(d: JsonDiagnostic, input: CaseInput, document: Document | undefined | (() => Document | undefined)): string[] {
  const p: string[] = [];
  const tag = `${d.code} at ${JSON.stringify(d.path)}`;
  if (!isCode(d.code)) return [`unknown code ${JSON.stringify(d.code)}`];
  if (!['error', 'warning', 'info'].includes(d.severity)) p.push(`${tag}: severity ${d.severity}`);
  if (CODES[d.code].stage === 'input' && d.severity !== 'error') p.push(`${tag}: an input code with severity ${d.severity}`);
  if (typeof d.message !== 'string' || d.message.trim() === '') p.push(`${tag}: no message`);
  if (typeof d.hint !== 'string' || d.hint.trim().length < 5) p.push(`${tag}: no hint`);
  if (d.path === '') return p;
  const path = parsePath(d.path);
  if (!path) return [...p, `${tag}: the path does not parse as a --set path`];
  if (d.set !== undefined) {
    if (!input.sets.includes(d.set)) p.push(`${tag}: names --set ${d.set}, which was not given`);
    return p;
  }
  if (setCovers(input.sets, d.path)) p.push(`${tag}: the value came from --set but the diagnostic does not say so`);
  // A line inside the file at a path the format has is right whether or not the path names a
  // node of the document (below): the document is not needed to judge it.
  if (d.line !== null && d.line >= 1 && d.line <= lineCount(input) && inFormat(path)) return p;
  const doc = typeof document === 'function' ? document() : document;
  const node = doc ? nodeIn(doc, path) : undefined;
  if (node === undefined || node === null) {
    if (!inFormat(path)) p.push(`${tag}: the path is neither in the input nor in the format`);
    return p;
  }
  if (isNode(node) && node.range && d.line === null) p.push(`${tag}: the value is in the file but the diagnostic has no line`);
  if (d.line !== null) {
    const lines = lineCount(input);
    if (d.line < 1 || d.line > lines) p.push(`${tag}: line ${d.line} is outside the file (${lines} lines)`);
  }
  return p;
}

/** The exit status a set of diagnostics calls for (2 unusable input, 1 errors, 0 otherwise). */
export function exitFor(diagnostics: readonly JsonDiagnostic[]): 0 | 1 | 2 {
  let s: 0 | 1 | 2 = 0;
  for (const d of diagnostics) {
    if (d.severity !== 'error' || !isCode(d.code)) continue;
    if (CODES[d.code].stage === 'input') return 2;
    s = 1;
  }
  return s;
}

export interface Judged {
  readonly problems: string[];
  readonly exit?: number;
  readonly json?: unknown;
  readonly diagnostics?: readonly JsonDiagnostic[];
}

/** Judge one run of a command on one case. */
export function judge(command: SiteCommand, json: boolean, input: CaseInput, outcome: RunOutcome): Judged {
  if (outcome.kind === 'timeout') return { problems: [`${command.name}: still running after ${Math.round(outcome.ms)} ms (a hang)`] };
  if (outcome.kind === 'threw') return { problems: [`${command.name}: run() threw: ${outcome.error.split('\n')[0]}`] };
  if (outcome.kind === 'died') return { problems: [`${command.name}: died: ${outcome.error.split('\n')[0]}`] };
  const p: string[] = [];
  const { code, stdout, stderr } = outcome;
  if (code !== 0 && code !== 1 && code !== 2) p.push(`exit status ${code}`);
  if (STACK.test(stdout) || STACK.test(stderr)) p.push('a stack trace in the output');
  if (/internal error/.test(stdout + stderr)) p.push(`an internal error: ${(stdout + stderr).split('\n').find((l) => l.includes('internal error'))}`);
  if (!json) {
    // A figure that came out as NaN or undefined; the input's own .nan may be quoted back.
    const given = `${input.text}\n${input.sets.join('\n')}`;
    for (const word of ['NaN', 'undefined', '[object Object]']) {
      const quoted = given.includes(word) || (word === 'NaN' && /\.nan\b/i.test(given));
      if ((stdout + stderr).includes(word) && !quoted) p.push(`"${word}" in the output`);
    }
    for (const m of (stdout + stderr).matchAll(/\b(?:error|warning|info)\[([a-z0-9-]+)\]/g)) if (!isCode(m[1] ?? '')) p.push(`unknown code ${m[1]} in the output`);
    // A run that failed on its own terms says so in its own words: simulate "FAIL: 1 gate failed", plan "cannot be met: …".
    const says = code === 1 && command.failureKeys ? /error|FAIL: \d+ gates? failed|cannot be met: \S/ : /error/;
    if (code !== 0 && !says.test(stdout + stderr)) p.push(`exit ${code} without an error message`);
    return { problems: p.map((x) => `${command.name}: ${x}`), exit: code };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch (e) {
    p.push(`--json output is not JSON (${(e as Error).message}): ${JSON.stringify(stdout.slice(0, 120))}`);
    return { problems: p.map((x) => `${command.name}: ${x}`), exit: code };
  }
  const obj = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  /** Stopped by an error that is not a diagnostic ({ok: false, error, hint}): an unusable --out, a class plan cannot find. */
  const stopped = typeof obj['error'] === 'string';
  let diagnostics: JsonDiagnostic[] | undefined;
  if ('diagnostics' in obj) {
    if (!Array.isArray(obj['diagnostics'])) p.push('diagnostics is not a list');
    else {
      diagnostics = obj['diagnostics'] as JsonDiagnostic[];
      for (const d of diagnostics) p.push(...diagnosticProblems(d, input, () => documentOf(input)));
      const want = exitFor(diagnostics);
      // A run stopped by an error it names (plan: a hardware class that is nowhere) exits 2 whatever its diagnostics call for.
      if (obj['ok'] === false && code !== want && !(stopped && code === 2)) p.push(`exit ${code}, but the diagnostics call for ${want}`);
      if (obj['ok'] === true && (code !== 0 || want !== 0)) p.push(`ok is true with exit ${code}`);
      if (obj['ok'] === false && code === 0) p.push('ok is false with exit 0');
    }
  }
  if (stopped) {
    if (code !== 2) p.push(`an error (${JSON.stringify(obj['error'])}) with exit ${code}`);
    if (obj['ok'] !== false) p.push('an error with ok not false');
    if (typeof obj['hint'] !== 'string' || obj['hint'].trim().length < 5) p.push(`an error without a hint: ${JSON.stringify(obj['error'])}`);
  }
  // A result rather than diagnostics: what the command printed because it ran.
  const result = !diagnostics && !stopped;
  if (code === 0 && command.successKeys) for (const k of command.successKeys) if (!(k in obj)) p.push(`exit 0 but the JSON has no "${k}"`);
  if (code === 1 && result && command.failureKeys) {
    for (const k of command.failureKeys) if (!(k in obj)) p.push(`exit 1 with a result, but the JSON has no "${k}"`);
    if (obj['ok'] !== false) p.push(`exit 1 with a result whose ok is ${JSON.stringify(obj['ok'])}`);
  } else if (code !== 0 && !diagnostics && !stopped) p.push(`exit ${code} with no diagnostics in the JSON`);
  if (code === 0 && result && 'ok' in obj && obj['ok'] !== true) p.push(`exit 0 with ok ${JSON.stringify(obj['ok'])}`);
  return { problems: p.map((x) => `${command.name}: ${x}`), exit: code, json: parsed, ...(diagnostics ? { diagnostics } : {}) };
}

/** Problems with what one mutation promised (checked for single-mutation cases). */
export function expectationProblems(e: Expectation, exit: number | undefined, diagnostics: readonly JsonDiagnostic[] | undefined): string[] {
  const p: string[] = [];
  if (e.exit !== undefined && exit !== e.exit) p.push(`expected exit ${e.exit}, got ${exit}`);
  const paths = typeof e.path === 'string' ? [e.path] : e.path;
  const found = (diagnostics ?? []).some((d) => (paths.includes('') || paths.includes(d.path)) && e.codes.includes(d.code as Code) && (e.set === undefined || d.set === e.set));
  if (!found) {
    const got = (diagnostics ?? []).map((d) => `${d.code}@${d.path}${d.set ? ` (set ${d.set.slice(0, 40)})` : ''}`).slice(0, 6);
    p.push(`expected ${e.codes.join(' or ')}${paths.join('') ? ` at ${paths.join(' or ')}` : ''}${e.set ? ` naming --set ${e.set.slice(0, 60)}` : ''}; got ${got.join(', ') || 'nothing'}`);
  }
  return p;
}

/** One command's run as agreement needs it: its exit, and its JSON when it ran with --json. */
export interface RunSummary {
  readonly exit?: number | undefined;
  readonly json?: unknown;
}

const hasKey = (json: unknown, key: string): boolean => typeof json === 'object' && json !== null && key in json;

/**
 * Commands must agree with validate, which says what the site is: 2 unusable, 1 errors, 0 clean.
 * - size, simulate and export stop where validate finds errors, with its exit status;
 * - on a clean site they run: size and export exit 0; simulate exits 0, or 1 with a result whose
 *   gates say what failed (a drill gate is not a validation error) — "a site that validates
 *   clean compiles, places, simulates and exports";
 * - size --force and simulate --force run whenever the site compiles: never 2 past a site that
 *   reads, 0 on a clean one — except that simulate --force stops (2, naming the error) on a site
 *   whose errors make the cluster impossible to start;
 * - plan takes the site as its base: 2 exactly when validate says 2 (or when it stops on an
 *   error it names, with a hint); on a base that reads, the search answers 0 (a plan) or 1 (the
 *   demand cannot be met on this base, with the candidates that say why).
 */
export function agreementProblems(runs: ReadonlyMap<string, RunSummary>): string[] {
  const v = runs.get('validate')?.exit;
  const p: string[] = [];
  if (v === undefined) return p;
  const exit = (name: string): number | undefined => runs.get(name)?.exit;
  for (const name of ['size', 'simulate', 'export']) {
    const e = exit(name);
    if (e === undefined) continue;
    if (v !== 0 && e !== v) p.push(`validate exits ${v} but ${name} exits ${e}`);
    if (v === 0 && e !== 0 && !(name === 'simulate' && e === 1)) p.push(`validate exits 0 but ${name} exits ${e}`);
  }
  const sim = runs.get('simulate');
  if (v === 0 && sim?.exit === 1 && sim.json !== undefined && !hasKey(sim.json, 'gates')) p.push('validate exits 0 but simulate exits 1 without a drill result');
  for (const name of ['size --force', 'simulate --force']) {
    const f = exit(name);
    if (f === undefined) continue;
    if (v === 2 && f !== 2) p.push(`validate exits 2 but ${name} exits ${f}`);
    if (v === 0 && f !== 0 && !(name === 'simulate --force' && f === 1)) p.push(`validate exits 0 but ${name} exits ${f}`);
    // A site with errors may describe a cluster that cannot start at all (more nodes than pod-CIDR blocks):
    // simulate --force then stops, naming why.
    // (With --json it names the error on stdout; without, judge() has checked that stderr says it.)
    const named = runs.get(name)?.json === undefined || hasKey(runs.get(name)?.json, 'error');
    if (v === 1 && f === 2 && !(name === 'simulate --force' && named)) p.push(`validate exits 1 but ${name} exits 2`);
  }
  const plan = runs.get('plan');
  if (plan?.exit !== undefined) {
    if (v === 2 && plan.exit !== 2) p.push(`validate exits 2 but plan on it as the base exits ${plan.exit}`);
    if (v !== 2 && plan.exit === 2 && plan.json !== undefined && !hasKey(plan.json, 'error')) p.push(`validate exits ${v} but plan on it as the base exits 2 without naming an error`);
  }
  return p;
}

/** What `size --json` must say about a site that validates clean: every VM placed, nothing over 100 %. */
export function cleanSizeProblems(report: unknown): string[] {
  const r = report as {
    nodes: { active: number; controlPlane: number; workers: number };
    vms: { requested: number; placed: number; perNodeMax: number; perNodeAverage: number; capacity: number | null };
    memory: { utilization: number };
    cpu: { utilization: number };
    storage: { poolUtilization: number };
    podCidr: { spareBlocks: number };
    headroom: { nodeFailuresTolerated: number };
  };
  const p: string[] = [];
  const fig = (what: string, ok: boolean, got: unknown): void => {
    if (!ok) p.push(`size of a clean site: ${what} (got ${JSON.stringify(got)})`);
  };
  fig('every VM placed', r.vms.placed === r.vms.requested, [r.vms.placed, r.vms.requested]);
  fig('active nodes are control plane + workers', r.nodes.active === r.nodes.controlPlane + r.nodes.workers, r.nodes);
  fig('the fullest worker holds at least the average', r.vms.requested === 0 || r.vms.perNodeMax >= Math.floor(r.vms.perNodeAverage), [r.vms.perNodeMax, r.vms.perNodeAverage]);
  fig('capacity covers what is placed', r.vms.capacity === null || r.vms.capacity >= r.vms.requested, [r.vms.capacity, r.vms.requested]);
  fig('memory at most 100 %', r.memory.utilization <= 1, r.memory.utilization);
  fig('CPU at most 100 %', r.cpu.utilization <= 1, r.cpu.utilization);
  fig('the Portworx pool at most 100 %', r.storage.poolUtilization <= 1, r.storage.poolUtilization);
  fig('no negative spare pod blocks', r.podCidr.spareBlocks >= 0, r.podCidr.spareBlocks);
  fig('no more failures tolerated than workers', r.headroom.nodeFailuresTolerated >= 0 && r.headroom.nodeFailuresTolerated <= r.nodes.workers, r.headroom.nodeFailuresTolerated);
  return p;
}
