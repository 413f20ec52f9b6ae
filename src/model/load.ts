/**
 * Reading a site: file → YAML document (line:column kept) → `--set` overrides → typed Site.
 *
 * Nothing here throws for bad input: every problem becomes a diagnostic with a code, the
 * path, the position and a hint. The result is a discriminated union: `loaded` (with the
 * diagnostics that do not stop compilation, such as unknown keys) or `unusable`.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { LineCounter, isAlias, isMap, isNode, isPair, isScalar, isSeq, parse as parseYaml, parseAllDocuments, Scalar, visit, YAMLMap, YAMLSeq, type Document, type Node, type Pair } from 'yaml';
import { INVALID, lookupShape, parsePath, pathToString, type DecodeContext, type Path, type PathSegment, type Report } from './codec.js';
import { codeInfo, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { siteCodec, type Site } from './site.js';

/** Site files are small; anything past this is a mistake or an attack, refused before reading. */
export const MAX_SITE_BYTES = 4 * 1024 * 1024;
/** YAML aliases may be used, but not to multiply a document (the "billion laughs"). */
export const MAX_ALIAS_COUNT = 100;
/** Deeper than any site file nests; refused before the YAML composer recurses. */
export const MAX_NESTING = 64;

export interface SetOverride {
  /** As given: `nodes.workers.count=124`. */
  readonly raw: string;
  readonly path: PathSegment[];
  readonly pathText: string;
  readonly valueText: string;
}

export interface SiteSource {
  readonly file: string;
  readonly text: string;
  readonly doc: Document;
  readonly lineCounter: LineCounter;
  readonly overrides: readonly SetOverride[];
}

export type LoadResult =
  | { readonly kind: 'loaded'; readonly site: Site; readonly source: SiteSource; readonly diagnostics: Diagnostic[] }
  | { readonly kind: 'unusable'; readonly diagnostics: Diagnostic[] };

function diag(report: Report & { path: string; line?: number; column?: number; set?: string }): Diagnostic {
  return {
    severity: report.severity ?? codeInfo(report.code).severity,
    code: report.code,
    path: report.path,
    ...(report.line !== undefined ? { line: report.line } : {}),
    ...(report.column !== undefined ? { column: report.column } : {}),
    ...(report.set !== undefined ? { set: report.set } : {}),
    message: report.message,
    hint: report.hint,
    ...(report.fix !== undefined ? { fix: report.fix } : {}),
  };
}

/** Parse `--set PATH=VALUE` arguments. */
export function parseSetArgs(args: readonly string[]): { overrides: SetOverride[]; diagnostics: Diagnostic[] } {
  const overrides: SetOverride[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const raw of args) {
    const eq = raw.indexOf('=');
    const path = eq > 0 ? parsePath(raw.slice(0, eq)) : undefined;
    if (eq <= 0 || path === undefined) {
      diagnostics.push(diag({ code: 'set-syntax', path: '', set: raw, message: `--set ${JSON.stringify(raw)} is not PATH=VALUE`, hint: 'write --set nodes.workers.count=124 or --set hostNetwork.bonds[1].mode=balance-rr' }));
      continue;
    }
    overrides.push({ raw, path, pathText: pathToString(path), valueText: raw.slice(eq + 1) });
  }
  return { overrides, diagnostics };
}

/** What a YAML input is called in messages, and where to start one. */
export interface InputKind {
  /** "site file", "demand file". */
  readonly noun: string;
  /** "sites": the bundled ones in scenarios/. */
  readonly bundled: string;
  /** A bundled example path. */
  readonly example: string;
  /** The hint for an empty input. */
  readonly start: string;
  /** The hint for a document that is not a mapping. */
  readonly shape: string;
}

export const SITE_INPUT: InputKind = {
  noun: 'site file',
  bundled: 'sites',
  example: 'scenarios/vmo-ra-64.yaml',
  start: 'start from a bundled site: cp scenarios/minimal-5.yaml my-site.yaml',
  shape: 'a site file is a YAML mapping that starts with "apiVersion: vmo-twin/v1"',
};

/** Read a YAML input from disk, refusing what cannot be one before reading it. */
export function readInputFile(file: string, kind: InputKind): { ok: true; text: string } | { ok: false; diagnostic: Diagnostic } {
  const fail = (code: 'file-not-found' | 'not-a-file' | 'file-unreadable' | 'file-too-large' | 'file-empty', message: string, hint: string) =>
    ({ ok: false, diagnostic: diag({ code, path: '', message, hint }) }) as const;
  let fd: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) return fail('not-a-file', `${file} is a directory`, `give the path of a ${kind.noun} (YAML or JSON), such as ${kind.example}`);
    if (!st.isFile()) return fail('not-a-file', `${file} is not a regular file`, `give the path of a ${kind.noun} (YAML or JSON)`);
    if (st.size > MAX_SITE_BYTES) return fail('file-too-large', `${file} is ${st.size} bytes`, `a ${kind.noun} is at most ${MAX_SITE_BYTES} bytes; check that this is the right file`);
    fd = openSync(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail('file-not-found', `${file} does not exist`, `check the path; the bundled ${kind.bundled} are in scenarios/ (try ${kind.example})`);
    return fail('file-unreadable', `${file} could not be read (${code ?? 'error'})`, 'check the file permissions');
  }
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_SITE_BYTES) return fail('file-too-large', `${file} is ${size} bytes`, `a ${kind.noun} is at most ${MAX_SITE_BYTES} bytes`);
    const buf = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buf, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    const text = buf.subarray(0, read).toString('utf8');
    if (text.trim() === '') return fail('file-empty', `${file} is empty`, kind.start);
    return { ok: true, text };
  } catch (e) {
    return fail('file-unreadable', `${file} could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, 'check the file permissions');
  } finally {
    closeSync(fd);
  }
}

/** Read a site file from disk, refusing what cannot be a site file before reading it. */
export function readSiteFile(file: string): { ok: true; text: string } | { ok: false; diagnostic: Diagnostic } {
  return readInputFile(file, SITE_INPUT);
}

/** Deepest bracket or indentation nesting, counted without parsing (strings skipped roughly). */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (ch === '[' || ch === '{') max = Math.max(max, ++depth);
    else if (ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
  }
  // Block nesting: each level indents at least one space; count distinct indents on a path.
  const stack: number[] = [];
  for (const line of text.split('\n')) {
    const m = /^( *)(- +)*\S/.exec(line);
    if (!m || /^\s*#/.test(line)) continue;
    const indent = (m[1] ?? '').length + (m[0].length - 1 - (m[1] ?? '').length);
    while (stack.length && (stack[stack.length - 1] ?? 0) >= indent) stack.pop();
    stack.push(indent);
    max = Math.max(max, stack.length + (m[0].match(/- +/g)?.length ?? 0));
  }
  return max;
}

/** Turns a node's offset into 1-based line and column. */
function positionOf(lineCounter: LineCounter, node: Node | Pair | null | undefined): { line?: number; column?: number } {
  let target: unknown = node;
  if (isPair(target)) target = target.key;
  if (isNode(target) && target.range) {
    const pos = lineCounter.linePos(target.range[0]);
    return { line: pos.line, column: pos.col };
  }
  return {};
}

function overrideFor(overrides: readonly SetOverride[], path: string): SetOverride | undefined {
  let best: SetOverride | undefined;
  for (const o of overrides) {
    const p = o.pathText;
    if (path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`)) {
      if (!best || p.length > best.pathText.length) best = o;
    }
  }
  return best;
}

/** The node at a path in the document, following aliases; undefined when absent. */
export function nodeAt(doc: Document, path: Path): Node | undefined {
  let node: unknown = doc.contents;
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) node = node.get(seg, true);
    else if (isSeq(node) && typeof seg === 'number') node = node.items[seg];
    else return undefined;
  }
  if (isAlias(node)) node = node.resolve(doc);
  return isNode(node) ? node : undefined;
}

/**
 * Make the way to `path` settable: every alias on it becomes a copy of what it names, so a
 * --set through it (as in `zone: *zones`, then --set nodes.workers.zone[1]=az9) changes this
 * place only — the YAML library does not set through an alias — and an empty value (`key:`)
 * becomes an empty collection. A scalar, or a list where the path goes on by key, cannot hold
 * the path: it is returned, for a diagnostic.
 */
export function prepareAlong(doc: Document, path: Path): { readonly at: Path; readonly node: Node } | undefined {
  let node: unknown = doc.contents;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i] as PathSegment;
    let child: unknown = isMap(node) ? node.get(seg, true) : isSeq(node) && typeof seg === 'number' ? node.items[seg] : undefined;
    const replace = (to: Node): void => {
      if (isMap(node)) node.set(seg, to);
      else if (isSeq(node) && typeof seg === 'number') node.items[seg] = to;
      child = to;
    };
    if (isAlias(child)) {
      const target = child.resolve(doc);
      if (isNode(target)) {
        const copy = target.clone() as Node;
        delete copy.anchor;
        replace(copy);
      }
    }
    if (isScalar(child)) {
      if (child.value !== null) return { at: path.slice(0, i + 1), node: child };
      replace(doc.createNode(typeof path[i + 1] === 'number' ? [] : {}) as Node);
    }
    // A list where the path goes on by key cannot hold it either.
    if (isSeq(child) && typeof path[i + 1] !== 'number') return { at: path.slice(0, i + 1), node: child };
    node = child;
  }
  return undefined;
}

/** Attach line:column (or the --set that supplied the value) to a finding at a site path. */
export function locate(source: SiteSource, path: Path, report: Report): Diagnostic {
  const pathText = pathToString(path);
  const o = overrideFor(source.overrides, pathText);
  if (o) return diag({ ...report, path: pathText, set: o.raw });
  const node = nodeAt(source.doc, path);
  return diag({ ...report, path: pathText, ...positionOf(source.lineCounter, node) });
}

export type ParsedYaml = { readonly kind: 'parsed'; readonly doc: Document.Parsed; readonly lineCounter: LineCounter } | { readonly kind: 'unusable'; readonly diagnostics: Diagnostic[] };

/**
 * Whether converting the node to data can neither fail nor warn: only plain mappings, lists
 * and scalars, no alias, no merge key (<<) and no key that is not a plain scalar. Such a tree
 * (nearly every site file) needs no trial conversion for the alias limit: building the whole
 * object was a tenth of loading a site.
 */
function plainTree(node: unknown): boolean {
  if (isScalar(node)) return true;
  if (node instanceof YAMLSeq && node.constructor === YAMLSeq) return node.items.every((item) => !isPair(item) && plainTree(item));
  if (node instanceof YAMLMap && node.constructor === YAMLMap) {
    return node.items.every((pair) => {
      const key = pair.key;
      if (!isScalar(key) || key.constructor !== Scalar || key.value === '<<' || (typeof key.value === 'object' && key.value !== null)) return false;
      return plainTree(pair.value) || pair.value === null;
    });
  }
  return false;
}

/**
 * YAML (or JSON) text → one document that is a mapping, with line:column kept; refused before
 * parsing when too large or too deep, and after when aliases would multiply it.
 */
export function parseYamlInput(text: string, file: string, kind: InputKind = SITE_INPUT): ParsedYaml {
  const unusable = (diagnostics: Diagnostic[]): ParsedYaml => ({ kind: 'unusable', diagnostics: sortDiagnostics(diagnostics) });
  if (Buffer.byteLength(text) > MAX_SITE_BYTES) {
    return unusable([diag({ code: 'file-too-large', path: '', message: `${file} is larger than ${MAX_SITE_BYTES} bytes`, hint: 'check that this is the right file' })]);
  }
  if (text.trim() === '') return unusable([diag({ code: 'file-empty', path: '', message: `${file} is empty`, hint: kind.start })]);
  const depth = nestingDepth(text);
  if (depth > MAX_NESTING) {
    return unusable([diag({ code: 'yaml-too-deep', path: '', message: `${file} nests ${depth} levels deep`, hint: `a ${kind.noun} nests fewer than ${MAX_NESTING} levels; check that this is a ${kind.noun}` })]);
  }

  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: true }) as Document.Parsed[];
  } catch (e) {
    const tooDeep = e instanceof RangeError;
    return unusable([diag({ code: tooDeep ? 'yaml-too-deep' : 'yaml-syntax', path: '', message: `${file} could not be parsed: ${(e as Error).message}`, hint: `check that this is a YAML or JSON ${kind.noun}` })]);
  }
  if (!Array.isArray(docs)) docs = [docs];
  const yamlErrors: Diagnostic[] = [];
  for (const d of docs) {
    for (const err of d.errors) {
      const pos = err.linePos?.[0];
      const dup = err.code === 'DUPLICATE_KEY';
      yamlErrors.push(
        diag({
          code: dup ? 'yaml-duplicate-key' : 'yaml-syntax',
          path: '',
          ...(pos ? { line: pos.line, column: pos.col } : {}),
          message: dup ? err.message.replace(/ at line.*$/s, '').trim() : `not valid YAML: ${(err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
          hint: dup ? 'remove one of the two entries (YAML keeps only one, silently, in other tools)' : 'fix the YAML syntax at this position (indentation, quotes, brackets)',
        }),
      );
    }
  }
  if (yamlErrors.length) return unusable(yamlErrors);
  if (docs.length !== 1) {
    return unusable([diag({ code: docs.length === 0 ? 'file-empty' : 'yaml-syntax', path: '', message: docs.length === 0 ? `${file} holds no document` : `${file} holds ${docs.length} YAML documents`, hint: `a ${kind.noun} holds exactly one document` })]);
  }
  const doc = docs[0] as Document.Parsed;
  try {
    if (!plainTree(doc.contents)) doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof ReferenceError || /alias/i.test((e as Error).message)) {
      return unusable([diag({ code: 'yaml-alias-limit', path: '', message: `${file} expands YAML aliases past ${MAX_ALIAS_COUNT} uses`, hint: 'write the values out; aliases that multiply a document are refused' })]);
    }
    return unusable([diag({ code: 'yaml-syntax', path: '', message: `${file} could not be read as data: ${(e as Error).message}`, hint: `check that this is a YAML or JSON ${kind.noun}` })]);
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return unusable([diag({ code: 'file-empty', path: '', message: `${file} holds no data`, hint: kind.start })]);
  }
  if (!isMap(doc.contents)) {
    return unusable([diag({ code: 'wrong-type', path: '', ...positionOf(lineCounter, doc.contents as Node), message: `${file} is not a mapping of keys`, hint: kind.shape })]);
  }
  return { kind: 'parsed', doc, lineCounter };
}

/**
 * The context codecs decode a parsed document with: aliases resolved, findings reported with
 * line:column, or with the `--set` that supplied the value.
 */
export function decodeContext(doc: Document, lineCounter: LineCounter, overrides: readonly SetOverride[], diagnostics: Diagnostic[]): DecodeContext {
  let anchoredOrAliases: Node[] | undefined;
  return {
    report(path, node, report) {
      const pathText = pathToString(path);
      const o = overrideFor(overrides, pathText);
      diagnostics.push(diag({ ...report, path: pathText, ...(o ? { set: o.raw } : positionOf(lineCounter, node)) }));
    },
    resolve(node) {
      if (node === undefined || node === null) return null;
      if (isAlias(node)) {
        // What Alias.resolve(doc) finds — the last node before the alias with its anchor — from
        // one walk of the document per load, not one per alias (a shared zone list is one).
        anchoredOrAliases ??= anchorsAndAliases(doc);
        let found: Node | undefined;
        for (const n of anchoredOrAliases) {
          if (n === node) break;
          if (n.anchor === node.source) found = n;
        }
        return found ?? null;
      }
      return isNode(node) ? node : null;
    },
  };
}

/** The nodes with an anchor, and the aliases, in document order (as Alias.resolve walks them). */
function anchorsAndAliases(doc: Document): Node[] {
  const nodes: Node[] = [];
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node) || !!node.anchor) nodes.push(node);
    },
  });
  return nodes;
}

/** Parse site text (YAML or JSON), apply overrides, decode. */
export function loadSiteText(text: string, file: string, setArgs: readonly string[] = []): LoadResult {
  const parsedSets = parseSetArgs(setArgs);
  const unusable = (diagnostics: Diagnostic[]): LoadResult => ({ kind: 'unusable', diagnostics: sortDiagnostics(diagnostics) });
  if (parsedSets.diagnostics.length) return unusable(parsedSets.diagnostics);
  const parsed = parseYamlInput(text, file, SITE_INPUT);
  if (parsed.kind === 'unusable') return parsed;
  const { doc, lineCounter } = parsed;

  // --set, helm-style: after loading, before validation.
  const setErrors: Diagnostic[] = [];
  for (const o of parsedSets.overrides) {
    const found = lookupShape(siteCodec.shape, doc, o.path);
    if (!found.found) {
      const prefix = pathToString(found.validPrefix);
      const nearest = found.near !== undefined ? pathToString([...found.validPrefix, found.near]) : undefined;
      setErrors.push(
        diag({
          code: 'set-path-unknown',
          path: o.pathText,
          set: o.raw,
          message: `--set ${o.pathText}: there is no such path in the site`,
          hint: nearest
            ? `did you mean ${nearest}?`
            : found.choices.length
              ? `under ${prefix || 'the top level'} the choices are: ${found.choices.join(', ')}`
              : `${prefix || 'the top level'} has nothing under it to set`,
        }),
      );
      continue;
    }
    let value: unknown;
    try {
      value = parseYaml(o.valueText, { maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      setErrors.push(diag({ code: 'set-syntax', path: o.pathText, set: o.raw, message: `--set ${o.raw}: the value is not YAML (${(e as Error).message.split('\n')[0] ?? ''})`, hint: 'quote strings with special characters: --set \'metadata.description="a: b"\'' }));
      continue;
    }
    const blocked = prepareAlong(doc, o.path);
    if (blocked) {
      const at = pathToString(blocked.at);
      setErrors.push(
        diag({
          code: 'wrong-type',
          path: at,
          set: o.raw,
          ...positionOf(lineCounter, blocked.node),
          message: `--set ${o.pathText}: ${at} is ${isSeq(blocked.node) ? 'a list' : JSON.stringify((blocked.node as { value?: unknown }).value)} in the file, not something ${o.pathText} can be set in`,
          hint: `fix ${at} in the file first, or set it whole: --set ${at}=…`,
        }),
      );
      continue;
    }
    doc.setIn(o.path, doc.createNode(value));
  }
  if (setErrors.length) return unusable(setErrors);

  const source: SiteSource = { file, text, doc, lineCounter, overrides: parsedSets.overrides };
  const diagnostics: Diagnostic[] = [];
  const ctx = decodeContext(doc, lineCounter, source.overrides, diagnostics);
  const site = siteCodec.decode(doc.contents as Node, [], ctx);
  const fatal = diagnostics.some((d) => d.severity === 'error' && codeInfo(d.code).stage === 'input');
  if (site === INVALID || fatal) return unusable(diagnostics);
  return { kind: 'loaded', site, source, diagnostics: sortDiagnostics(diagnostics) };
}

/** Read and load a site file. */
export function loadSiteFile(file: string, setArgs: readonly string[] = []): LoadResult {
  const read = readSiteFile(file);
  if (!read.ok) return { kind: 'unusable', diagnostics: [read.diagnostic] };
  return loadSiteText(read.text, file, setArgs);
}
