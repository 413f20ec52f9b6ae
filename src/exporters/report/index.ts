/**
 * The HTML report: one self-contained file (no script, no network: a Content-Security-Policy
 * that allows nothing but inline styles), made from plain data — the site summary, the
 * diagnostics, the sizing figures and any number of drill results. Equal input gives equal
 * bytes. Returns the HTML and a manifest of its sections and charts (series and points), which
 * `report --json` prints and the tests check against the page.
 */
import { countBySeverity } from '../../model/diagnostics.js';
import type { ChartInfo } from './chart.js';
import { fmtInt, plural } from './format.js';
import type { ReportInput } from './input.js';
import { html, type Markup } from './markup.js';
import type { Section } from './parts.js';
import { diagnosticsSection } from './sections/diagnostics.js';
import { drillSection } from './sections/drill.js';
import { siteSection } from './sections/site.js';
import { sizingSection } from './sections/sizing.js';
import { stylesheet } from './style.js';

export type { ReportInput, SiteSummary } from './input.js';
export { siteSummary } from './input.js';
export type { ChartInfo, ChartKind, SeriesInfo } from './chart.js';

export interface ReportManifest {
  readonly sections: ReadonlyArray<{ readonly id: string; readonly title: string }>;
  readonly charts: readonly ChartInfo[];
}

export interface RenderedReport {
  readonly html: string;
  readonly manifest: ReportManifest;
}

/** Blocks every fetch, script, font, frame and image the page could ask for. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

function drillsPlaceholder(input: ReportInput): Section {
  const markup = html`<section id="drills"><h2>Drills</h2><p class="note">${input.drillsHint ?? 'No drill results were given.'}</p></section>`;
  return { id: 'drills', title: 'Drills', markup, charts: [] };
}

function verdicts(input: ReportInput): Markup {
  const c = countBySeverity(input.diagnostics);
  const s = input.size;
  const passed = input.drills.filter((d) => d.ok).length;
  return html`<ul class="verdicts">
<li class="${c.error ? 'bad' : 'ok'}">${c.error ? '✗' : '✓'} validation: ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}</li>
<li>capacity: ${s.vms.capacity === null ? 'no VMs requested' : html`${fmtInt(s.vms.capacity)} VMs fit, ${s.vms.bindingConstraint ?? '—'} binds first`}</li>
<li>headroom: ${plural(s.headroom.nodeFailuresTolerated, 'worker')} can be lost</li>
${input.drills.length ? html`<li class="${passed === input.drills.length ? 'ok' : 'bad'}">${passed === input.drills.length ? '✓' : '✗'} drills: ${fmtInt(passed)} of ${fmtInt(input.drills.length)} passed</li>` : null}
</ul>`;
}

export function renderReport(input: ReportInput): RenderedReport {
  const sections: Section[] = [siteSection(input), diagnosticsSection(input), sizingSection(input)];
  if (input.drills.length) input.drills.forEach((r, i) => sections.push(drillSection(r, i, input.source.label)));
  else sections.push(drillsPlaceholder(input));
  const title = `vmo-twin report — ${input.site.name}`;
  const doc = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${input.generator}">
<title>${title}</title>
${stylesheet()}
</head>
<body>
<header>
<h1>${title}</h1>
<p class="sub">site file <code>${input.source.label}</code>${input.source.sets.length ? html` with ${input.source.sets.map((s) => html`<code>--set ${s}</code> `)}` : null} · made by ${input.generator}</p>
${verdicts(input)}
<nav aria-label="contents"><ol>${sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`)}</ol></nav>
</header>
<main>
${sections.map((s) => s.markup)}
</main>
<footer>Every figure comes from the inputs: the site file, <code>size</code> and the drill results (<code>simulate --json</code>); charts of long series are drawn from a subset of points chosen so every peak shows (see each chart's note). Made by ${input.generator}.</footer>
</body>
</html>
`;
  return {
    html: doc.text,
    manifest: { sections: sections.map((s) => ({ id: s.id, title: s.title })), charts: sections.flatMap((s) => s.charts) },
  };
}
