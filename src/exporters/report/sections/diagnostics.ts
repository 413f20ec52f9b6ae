/**
 * "Validation": the reference architecture's rules as the diagnostics `validate` prints, with
 * where each comes from (line:column or the `--set` that supplied it), the hint and the fix.
 */
import { countBySeverity, type Diagnostic } from '../../../model/diagnostics.js';
import { plural } from '../format.js';
import type { ReportInput } from '../input.js';
import { html, type Markup } from '../markup.js';
import type { Section } from '../parts.js';

function where(d: Diagnostic, file: string): string {
  if (d.set !== undefined) return `--set ${d.set}`;
  if (d.line !== undefined) return `${file}:${d.line}:${d.column ?? 1}`;
  return file;
}

function fixOf(d: Diagnostic): Markup | null {
  const set = d.fix?.['set'];
  if (!Array.isArray(set) || !set.length) return null;
  return html`<div class="fix">fix: <code>${set.map((s) => `--set ${String(s)}`).join(' ')}</code></div>`;
}

export function diagnosticsSection(input: ReportInput): Section {
  const c = countBySeverity(input.diagnostics);
  const ok = c.error === 0;
  const rows = input.diagnostics.map(
    (d) => html`<tr class="sev-${d.severity}" data-code="${d.code}" data-severity="${d.severity}"><td><span class="sev">${d.severity}</span></td><td><code>${d.code}</code></td><td><code>${d.path || '—'}</code><div class="where">${where(d, input.source.label)}</div></td><td>${d.message}<div class="hint">${d.hint}</div>${fixOf(d)}</td></tr>`,
  );
  const summary = html`<p class="verdict ${ok ? 'ok' : 'bad'}" data-key="diagnostics" data-errors="${c.error}" data-warnings="${c.warning}">${ok ? '✓' : '✗'} ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}${c.info ? html`, ${plural(c.info, 'note')}` : null}${
    ok ? ': the site follows the reference architecture’s rules.' : ': the plan breaks rules of the reference architecture; the figures below show what it would cost.'
  }</p>`;
  const markup = html`<section id="diagnostics"><h2>Validation</h2>
${summary}
${rows.length ? html`<table class="data diagnostics"><thead><tr><th>severity</th><th>code</th><th>where</th><th>what, and what to do</th></tr></thead><tbody>${rows}</tbody></table><p class="note"><code>vmo-twin explain CODE</code> says what each code means.</p>` : null}
</section>`;
  return { id: 'diagnostics', title: 'Validation', markup, charts: [] };
}
