/**
 * The options every command that reads a site shares (`--set`, `--json`), and the one way
 * they load it: read, override, decode, validate — printing diagnostics and choosing the exit
 * status the same way everywhere.
 */
import type { Argv } from 'yargs';
import { exitCodeOf, sortDiagnostics, type Diagnostic } from '../model/diagnostics.js';
import { loadSiteFile, type SiteSource } from '../model/load.js';
import type { Site } from '../model/site.js';
import type { Twin } from '../model/twin.js';
import { validateSite } from '../model/validate.js';
import type { Io } from './io.js';
import { formatDiagnostics, stableStringify, summaryLine } from './output.js';

export interface SiteArgs {
  readonly site: string;
  readonly set: readonly string[];
  readonly json: boolean;
}

export function withSiteOptions<T>(y: Argv<T>) {
  return y
    .positional('site', { type: 'string', describe: 'site file (YAML or JSON); see scenarios/', demandOption: true })
    .option('set', {
      type: 'string',
      array: true,
      // One value per --set, so `--set a=1 site.yaml` leaves the site file alone.
      nargs: 1,
      default: [] as string[],
      describe: 'override one value after loading, helm-style: --set nodes.workers.count=124 (repeatable; the value is parsed as YAML)',
    })
    .option('json', { type: 'boolean', default: false, describe: 'machine-readable output on stdout (sorted keys, deterministic)' });
}

export type LoadedSite =
  | { readonly kind: 'ok'; readonly site: Site; readonly twin: Twin; readonly source: SiteSource; readonly diagnostics: Diagnostic[]; readonly exitCode: 0 | 1 }
  | { readonly kind: 'failed'; readonly exitCode: 1 | 2; readonly diagnostics: Diagnostic[]; readonly text?: string };

/** Load and validate. `failed` when the input is unusable, or the site does not compile. */
export function loadAndValidate(file: string, sets: readonly string[]): LoadedSite {
  const loaded = loadSiteFile(file, sets);
  if (loaded.kind === 'unusable') return { kind: 'failed', exitCode: 2, diagnostics: loaded.diagnostics };
  const v = validateSite(loaded.site, loaded.source, loaded.diagnostics);
  if (!v.twin) return { kind: 'failed', exitCode: v.exitCode === 0 ? 1 : v.exitCode, diagnostics: v.diagnostics, text: loaded.source.text };
  if (v.exitCode === 2) return { kind: 'failed', exitCode: 2, diagnostics: v.diagnostics, text: loaded.source.text };
  return { kind: 'ok', site: loaded.site, twin: v.twin, source: loaded.source, diagnostics: v.diagnostics, exitCode: v.exitCode };
}

export function diagnosticsJson(diagnostics: readonly Diagnostic[]): unknown[] {
  return sortDiagnostics(diagnostics).map((d) => ({
    severity: d.severity,
    code: d.code,
    path: d.path,
    line: d.line ?? null,
    column: d.column ?? null,
    message: d.message,
    hint: d.hint,
    ...(d.fix !== undefined ? { fix: d.fix } : {}),
    ...(d.set !== undefined ? { set: d.set } : {}),
  }));
}

/** Print diagnostics for a command whose main output is something else: to stderr, or as JSON. */
export function reportLoadFailure(io: Io, args: SiteArgs, failure: Extract<LoadedSite, { kind: 'failed' }>): 0 | 1 | 2 {
  if (args.json) io.out(stableStringify({ ok: false, diagnostics: diagnosticsJson(failure.diagnostics) }));
  else {
    io.err(formatDiagnostics(args.site, failure.text, failure.diagnostics, io.errStyle));
    io.err(summaryLine(args.site, failure.diagnostics, io.errStyle));
  }
  return failure.exitCode;
}

/**
 * For commands that need a valid site (size, simulate, export): errors stop them unless
 * `force`; warnings go to stderr. `forceOption` false: the command has no --force to suggest.
 */
export function requireValidSite(io: Io, args: SiteArgs, loaded: LoadedSite, force = false, forceOption = true): Extract<LoadedSite, { kind: 'ok' }> | { exitCode: 0 | 1 | 2 } {
  if (loaded.kind === 'failed') return { exitCode: reportLoadFailure(io, args, loaded) };
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length && !force) {
    if (args.json) io.out(stableStringify({ ok: false, diagnostics: diagnosticsJson(loaded.diagnostics) }));
    else {
      io.err(formatDiagnostics(args.site, loaded.source.text, errors, io.errStyle));
      io.err(summaryLine(args.site, loaded.diagnostics, io.errStyle));
      io.err(forceOption ? 'the site has errors; fix them, or pass --force to run anyway (and see what they would cost)' : 'the site has errors; fix them first');
    }
    return { exitCode: exitCodeOf(loaded.diagnostics) };
  }
  return loaded;
}
