/**
 * Output for people and for machines. People get stdout, colour only on a TTY and never with
 * NO_COLOR; progress and logs go to stderr. Machines get JSON with sorted keys, so equal
 * results are equal bytes.
 */
import type { Diagnostic } from '../model/diagnostics.js';
import { countBySeverity } from '../model/diagnostics.js';

export { stableStringify } from '../model/stable.js';

export interface Style {
  readonly enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

export function makeStyle(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): Style {
  const enabled = Boolean(stream.isTTY) && env['NO_COLOR'] === undefined && env['TERM'] !== 'dumb';
  const wrap = (open: number, close: number) => (s: string) => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { enabled, bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), cyan: wrap(36, 39) };
}

/** Widest source excerpt shown under a diagnostic; a one-line JSON file can be megabytes wide. */
const SOURCE_WINDOW = 100;

/** The part of a source line around column `at` (0-based), and where the caret goes in it. */
export function sourceWindow(line: string, at: number): { text: string; caret: number } {
  if (line.length <= SOURCE_WINDOW) return { text: line, caret: Math.max(0, at) };
  const start = Math.max(0, Math.min(at - SOURCE_WINDOW / 2, line.length - SOURCE_WINDOW));
  const end = start + SOURCE_WINDOW;
  const lead = start > 0 ? '…' : '';
  return { text: `${lead}${line.slice(start, end)}${end < line.length ? '…' : ''}`, caret: Math.max(0, at - start) + lead.length };
}

/** The diagnostics, compiler style, with the source line and a caret where the YAML gives one. */
export function formatDiagnostics(file: string, text: string | undefined, diagnostics: readonly Diagnostic[], style: Style): string {
  const lines = text?.split('\n');
  const out: string[] = [];
  for (const d of diagnostics) {
    const color = d.severity === 'error' ? style.red : d.severity === 'warning' ? style.yellow : style.cyan;
    const where = d.set !== undefined ? `${file} (--set ${d.set})` : d.line !== undefined ? `${file}:${d.line}:${d.column ?? 1}` : file;
    out.push(`${style.bold(where)}: ${color(`${d.severity}[${d.code}]`)}${d.path ? ` ${style.bold(d.path)}` : ''}: ${d.message}`);
    if (d.line !== undefined && d.set === undefined && lines) {
      const src = lines[d.line - 1];
      if (src !== undefined) {
        const gutter = String(d.line).padStart(5);
        const { text: shown, caret } = sourceWindow(src.replace(/\t/g, ' '), (d.column ?? 1) - 1);
        out.push(style.dim(`${gutter} | `) + shown);
        out.push(style.dim(`${' '.repeat(5)} | `) + ' '.repeat(caret) + color('^'));
      }
    }
    out.push(`      ${style.cyan('hint')}: ${d.hint}`);
    const set = d.fix?.['set'];
    if (Array.isArray(set) && set.length) out.push(`      ${style.green('fix')}:  ${set.map((s) => `--set ${String(s)}`).join(' ')}`);
  }
  return out.join('\n');
}

export function summaryLine(file: string, diagnostics: readonly Diagnostic[], style: Style): string {
  const c = countBySeverity(diagnostics);
  if (c.error === 0 && c.warning === 0) return `${style.green('✓')} ${file}: valid, no findings`;
  const parts = [`${c.error} error${c.error === 1 ? '' : 's'}`, `${c.warning} warning${c.warning === 1 ? '' : 's'}`];
  return c.error ? `${style.red('✗')} ${file}: ${parts.join(', ')}` : `${style.green('✓')} ${file}: valid, ${parts[1]}`;
}

/** Plain table: columns padded, first column left, numbers right. */
export function table(rows: ReadonlyArray<ReadonlyArray<string>>, rightAlign: ReadonlySet<number> = new Set()): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => (rightAlign.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}
