/**
 * The report's only stylesheet, inline: system fonts, colour-blind-safe colours (Okabe–Ito for
 * categories, viridis for the heatmap), and print rules so the file reads on paper (charts are
 * not split across pages, colours are kept, the contents list is left out).
 */
import { trusted, type Markup } from './markup.js';

const CSS = `
:root { --fg:#1b1f24; --muted:#57606a; --line:#d0d7de; --bg:#fff; --soft:#f6f8fa; --ok:#1a7f37; --bad:#cf222e; --warn:#9a6700; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 1040px; padding: 24px 28px 48px; color: var(--fg); background: var(--bg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 20px; margin: 36px 0 10px; padding-top: 8px; border-top: 2px solid var(--line); }
h3 { font-size: 16px; margin: 22px 0 8px; } h4 { font-size: 14px; margin: 16px 0 6px; }
code { font: 12.5px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; background: var(--soft); padding: 0 3px; border-radius: 3px; }
.sub, .meta, .note, .chart-note, .where, .hint { color: var(--muted); }
.where, .hint, .fix { font-size: 12.5px; margin-top: 2px; }
nav ol { columns: 2; margin: 8px 0 0; padding-left: 20px; }
.verdicts { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; padding: 0; list-style: none; }
.verdicts li { border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; background: var(--soft); }
.stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 8px; margin: 10px 0 14px; }
.stat { border: 1px solid var(--line); border-left: 4px solid var(--line); border-radius: 6px; padding: 8px 10px; break-inside: avoid; }
.stat.ok { border-left-color: var(--ok); } .stat.bad { border-left-color: var(--bad); }
.stat-value { display: block; font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
.stat-label { display: block; color: var(--muted); font-size: 12.5px; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 0 24px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; font-variant-numeric: tabular-nums; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--line); }
thead th { background: var(--soft); font-weight: 600; }
.facts th, .facts-wide th { width: 150px; color: var(--muted); font-weight: 500; }
tr { break-inside: avoid; }
.badge { display: inline-block; font-size: 12.5px; font-weight: 600; padding: 1px 8px; border-radius: 10px; vertical-align: middle; color: #fff; }
.badge.ok { background: var(--ok); color: #fff; } .badge.bad { background: var(--bad); color: #fff; }
.verdict.ok, .ok > .stat-value { color: var(--ok); } .verdict.bad, .bad { color: var(--bad); }
.callout { border: 1px solid currentColor; border-radius: 6px; padding: 8px 12px; }
.sev { font-weight: 600; } .sev-error .sev { color: var(--bad); } .sev-warning .sev { color: var(--warn); } .sev-info .sev { color: var(--muted); }
figure.chart { margin: 14px 0 22px; break-inside: avoid; page-break-inside: avoid; }
figcaption { margin-bottom: 4px; } .chart-title { font-size: 15px; }
figure.chart > svg { display: block; width: 100%; height: auto; font-size: 11px; }
svg text { fill: var(--fg); } svg .tick, svg .axis-label { fill: var(--muted); } svg .axis-label { font-size: 12px; }
svg .grid { stroke: #eaeef2; stroke-width: 1; } svg .axis { stroke: #8c959f; stroke-width: 1; }
svg .ref { stroke-width: 1.5; stroke-dasharray: 6 4; fill: none; }
svg .step { fill: none; stroke-width: 1.5; stroke-linejoin: round; }
svg .mark-label { font-size: 10.5px; font-weight: 600; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; list-style: none; padding: 0; margin: 4px 0 0; font-size: 12.5px; }
.legend li { display: flex; align-items: center; gap: 5px; } .legend .scale-label { color: var(--muted); }
.swatch { width: 18px; height: 10px; } .swatch line { stroke-width: 2.5; }
.s-migrations, .s-migrations line { stroke: #0072b2; } .s-limit-cluster line, .s-limit-cluster .ref { stroke: #d55e00; } .s-limit-node line, .s-limit-node .ref { stroke: #e69f00; }
.s-degraded .step, .s-degraded line { stroke: #cc79a7; } .s-resync rect { fill: #009e73; fill-opacity: .2; }
.s-runs rect { fill: #56b4e9; } .s-pct line, .s-pct .ref { stroke: #d55e00; } .s-pct text { fill: #d55e00; }
.s-capacity rect { fill: #56b4e9; } .s-capacity .binding rect { fill: #d55e00; } .s-capacity .binding .bar-label { font-weight: 600; }
.s-requested line, .s-requested .ref { stroke: #1b1f24; }
.s-migrations .step { stroke: #0072b2; } .s-degraded .step { stroke: #cc79a7; }
.ph-cordon rect { fill: #cc79a7; } .ph-drain rect { fill: #e69f00; } .ph-deprovision rect { fill: #d55e00; } .ph-provision rect { fill: #0072b2; }
.ph-join rect { fill: #56b4e9; } .ph-down rect { fill: #1b1f24; } .ph-resync rect { fill: #009e73; } .ph-wait rect { fill: #c8c8c8; }
.ph-x0 rect { fill: #8c564b; } .ph-x1 rect { fill: #17becf; } .ph-x2 rect { fill: #bcbd22; } .ph-x3 rect { fill: #7f7f7f; }
.h0 { fill: #f2f2f2; } .h1 { fill: #fde725; } .h2 { fill: #a0da39; } .h3 { fill: #4ac16d; } .h4 { fill: #1fa187; }
.h5 { fill: #277f8e; } .h6 { fill: #365c8d; } .h7 { fill: #46327e; } .h8 { fill: #440154; }
details summary { cursor: pointer; color: var(--muted); margin: 8px 0; }
footer { margin-top: 40px; color: var(--muted); font-size: 12.5px; border-top: 1px solid var(--line); padding-top: 8px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; } nav, .hover-note { display: none; }
  h2 { break-before: auto; break-after: avoid; } h3 { break-after: avoid; }
  details > *:not(summary) { display: block; } .columns { grid-template-columns: 1fr 1fr; }
  @page { size: A4; margin: 14mm; }
}
`;

export function stylesheet(): Markup {
  return trusted(`<style>${CSS.replace(/\n\s*/g, '\n').trim()}</style>`);
}
