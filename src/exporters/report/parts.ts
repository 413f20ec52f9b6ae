/**
 * Small pieces the sections share: a key figure with its exact value in `data-value`, a
 * table, a pass/fail badge and a section wrapper that collects its charts for the manifest.
 */
import type { ChartInfo } from './chart.js';
import { html, type Child, type Markup } from './markup.js';

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly markup: Markup;
  readonly charts: readonly ChartInfo[];
}

/**
 * A key figure: `key` is its path in the input JSON (`migrations.started`), `value` the exact
 * input value, `shown` how people read it.
 */
export function stat(key: string, value: number | boolean | string, shown: Child, label: Child, tone: 'ok' | 'bad' | null = null): Markup {
  return html`<div class="stat${tone ? ` ${tone}` : ''}"><span class="stat-value" data-key="${key}" data-value="${String(value)}">${shown}</span><span class="stat-label">${label}</span></div>`;
}

export function stats(items: readonly Markup[]): Markup {
  return html`<div class="stats">${items}</div>`;
}

/** A table: the header row, then rows of cells (each a child or a ready `<td>`). */
export function table(head: readonly string[], rows: readonly (readonly Child[])[], cls = ''): Markup {
  return html`<table${cls ? html` class="${cls}"` : null}><thead><tr>${head.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${rows.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table>`;
}

/** A two-column table of label → value. */
export function facts(title: string, rows: ReadonlyArray<readonly [string, Child]>): Markup {
  return html`<div class="facts"><h3>${title}</h3><table><tbody>${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</tbody></table></div>`;
}

export function badge(ok: boolean, yes = 'passed', no = 'failed'): Markup {
  return html`<span class="badge ${ok ? 'ok' : 'bad'}">${ok ? `✓ ${yes}` : `✗ ${no}`}</span>`;
}

/** An id fragment from a name: lower case letters, digits and dashes. */
export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}
