/**
 * One drill: its verdict, key figures and gates, the first run's charts on a shared time axis,
 * and for a Monte Carlo set the distributions over the runs and the runs that failed, each
 * with the command that replays it.
 */
import type { Distribution, RunResult, SimResult, Stall } from '../../../sim/result.js';
import type { ChartInfo } from '../chart.js';
import { countMeasure, histogramChart, type Measure } from '../distribution-chart.js';
import { ganttChart, heatmapChart, migrationsChart, runEnd, storageChart } from '../drill-charts.js';
import { fmtDuration, fmtInt, fmtNum, plural } from '../format.js';
import { html, type Markup } from '../markup.js';
import { badge, slug, stat, stats, table, type Section } from '../parts.js';
import { timeUnit } from '../scale.js';

/** The command that replays a drill run (habit: every failure names its seed and how to replay it). */
export function replayCommand(siteLabel: string, drill: string, seed: number, runs = 1): string {
  const quote = (s: string): string => (/^[A-Za-z0-9_./:=@+-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);
  return `vmo-twin simulate ${quote(siteLabel)} --drill ${quote(drill)} --seed ${seed}${runs > 1 ? ` --runs ${runs}` : ''}`;
}

function stallText(s: Stall): Markup {
  return html`stalled at ${fmtDuration(s.at)}${s.node !== null ? html` on <b>${s.node}</b>` : null}: <code>${s.code}</code> — ${s.reason}`;
}

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

function figures(r: SimResult): Markup {
  const many = r.runs > 1;
  const sum = many ? ' (sum over runs)' : '';
  const max = many ? ' (largest run)' : '';
  const any = many ? ' (any run)' : '';
  return stats([
    stat('simulatedSeconds', r.simulatedSeconds, fmtDuration(r.simulatedSeconds), `simulated time${max}`),
    stat('migrations.started', r.migrations.started, fmtInt(r.migrations.started), html`live migrations started${sum}: ${fmtInt(r.migrations.completed)} completed, <span class="${r.migrations.failed ? 'bad' : ''}">${fmtInt(r.migrations.failed)} failed</span>`),
    stat('migrations.maxInFlight', r.migrations.maxInFlight, fmtInt(r.migrations.maxInFlight), `migrations in flight at most${max}`),
    stat('downtime.vms', r.downtime.vms, fmtInt(r.downtime.vms), html`VMs down at some point${sum}; ${fmtNum(r.downtime.vmSeconds, 1)} VM-seconds of downtime`, r.downtime.vms ? 'bad' : 'ok'),
    stat('storage.degradedVolumesMax', r.storage.degradedVolumesMax, fmtInt(r.storage.degradedVolumesMax), `Portworx volumes degraded at once at most${max}`),
    stat('storage.resyncTiB', r.storage.resyncTiB, html`${fmtNum(r.storage.resyncTiB, 2)} TiB`, `resynced${sum}`),
    stat('storage.volumesLost', r.storage.volumesLost, fmtInt(r.storage.volumesLost), `volumes that lost every replica${sum}`, r.storage.volumesLost ? 'bad' : 'ok'),
    stat('storage.quorumLost', r.storage.quorumLost, yesNo(r.storage.quorumLost), html`Portworx quorum lost${any}; KVDB quorum lost: <span data-key="storage.kvdbQuorumLost" data-value="${String(r.storage.kvdbQuorumLost)}">${yesNo(r.storage.kvdbQuorumLost)}</span>`, r.storage.quorumLost || r.storage.kvdbQuorumLost ? 'bad' : 'ok'),
    stat('events', r.events, fmtInt(r.events), `simulation events${sum}`),
  ]);
}

function gatesTable(r: SimResult): Markup {
  if (!r.gates.length) return html`<p class="note">This drill has no gates.</p>`;
  return html`<table class="data gates"><thead><tr><th>gate</th><th>result</th><th>measured against required</th></tr></thead><tbody>${r.gates.map(
    (g) => html`<tr data-gate="${g.name}" data-ok="${String(g.ok)}" class="${g.ok ? 'ok' : 'bad'}"><td><code>${g.name}</code></td><td>${badge(g.ok, 'pass', 'fail')}</td><td>${g.detail}</td></tr>`,
  )}</tbody></table>`;
}

const PERCENTILE_ROWS = [
  ['simulatedSeconds', 'duration'],
  ['migrationsStarted', 'migrations started'],
  ['downtimeVms', 'VMs down'],
  ['downtimeVmSeconds', 'downtime (VM-seconds)'],
  ['degradedVolumesMax', 'degraded volumes at most'],
  ['resyncTiB', 'resync (TiB)'],
] as const;

function percentileTable(pct: NonNullable<SimResult['percentiles']>): Markup {
  const cols = ['min', 'p50', 'p90', 'p99', 'max', 'mean'] as const;
  const show = (metric: string, v: number): string => (metric === 'simulatedSeconds' ? fmtDuration(v) : Number.isInteger(v) ? fmtInt(v) : fmtNum(v, 2));
  return html`<table class="data percentiles"><thead><tr><th>figure</th>${cols.map((c) => html`<th>${c}</th>`)}</tr></thead><tbody>${PERCENTILE_ROWS.map(([k, label]) => {
    const d: Distribution = pct[k];
    return html`<tr><th scope="row">${label}</th>${cols.map((c) => html`<td data-key="percentiles.${k}.${c}" data-value="${d[c]}">${show(k, d[c])}</td>`)}</tr>`;
  })}</tbody></table>`;
}

function durationMeasure(max: number): Measure {
  const u = timeUnit(max);
  return { label: `duration (${u.label})`, per: u.seconds, format: fmtDuration };
}

const MAX_FAILED_ROWS = 25;

function monteCarlo(r: SimResult, id: string, siteLabel: string, charts: ChartInfo[]): Markup | null {
  if (!r.perRun && !r.percentiles) return null;
  const parts: Markup[] = [];
  if (r.percentiles) parts.push(percentileTable(r.percentiles));
  if (r.perRun && r.percentiles) {
    const runs = r.perRun;
    const p = r.percentiles;
    const hs = [
      histogramChart(`${id}-dist-duration`, 'Duration over the runs', 'percentiles.simulatedSeconds', runs.map((x) => x.simulatedSeconds), p.simulatedSeconds, durationMeasure(p.simulatedSeconds.max)),
      histogramChart(`${id}-dist-migrations`, 'Live migrations per run', 'percentiles.migrationsStarted', runs.map((x) => x.migrationsStarted), p.migrationsStarted, countMeasure('migrations started in a run')),
      histogramChart(`${id}-dist-downtime`, 'Downtime per run', 'percentiles.downtimeVmSeconds', runs.map((x) => x.downtimeVmSeconds), p.downtimeVmSeconds, countMeasure('VM-seconds of downtime in a run')),
    ];
    for (const h of hs) {
      parts.push(h.markup);
      charts.push(h.info);
    }
  }
  if (r.perRun) {
    const failed = r.perRun.filter((x) => !x.ok);
    parts.push(
      failed.length
        ? html`<h4>Runs that failed (${fmtInt(failed.length)} of ${fmtInt(r.perRun.length)})</h4>${table(
            ['seed', 'failed gates', 'stalled', 'replay'],
            failed.slice(0, MAX_FAILED_ROWS).map((x) => [fmtInt(x.seed), x.failedGates.join(', ') || '—', x.stalled ?? '—', html`<code>${replayCommand(siteLabel, r.drill, x.seed)}</code>`]),
            'data failed-runs',
          )}${failed.length > MAX_FAILED_ROWS ? html`<p class="note">and ${fmtInt(failed.length - MAX_FAILED_ROWS)} more; <code>simulate --json</code> lists every run in <code>perRun</code>.</p>` : null}`
        : html`<p class="verdict ok">✓ every one of the ${fmtInt(r.perRun.length)} runs passed.</p>`,
    );
  }
  return html`<h3>Monte Carlo: ${plural(r.runs, 'run')} from seed ${r.seed}</h3>${parts}`;
}

function runCharts(run: RunResult, id: string, charts: ChartInfo[]): Markup {
  const end = runEnd(run);
  const list = [ganttChart(`${id}-gantt`, run, end), migrationsChart(`${id}-migrations`, run, end), heatmapChart(`${id}-heatmap`, run, end), storageChart(`${id}-storage`, run, end)];
  for (const c of list) charts.push(c.info);
  return html`${list.map((c) => c.markup)}`;
}

/** The section of the `index`-th drill result (0-based); ids are unique within the report. */
export function drillSection(r: SimResult, index: number, siteLabel: string): Section {
  const id = `drill-${index + 1}-${slug(r.drill)}`;
  const charts: ChartInfo[] = [];
  const failedGates = r.gates.filter((g) => !g.ok).length;
  const verdict = r.ok ? `passed${r.gates.length ? ` all ${plural(r.gates.length, 'gate')}` : ''}` : `failed${r.gates.length ? `: ${fmtInt(failedGates)} of ${plural(r.gates.length, 'gate')} failed` : ''}`;
  const title = `Drill: ${r.drill}`;
  const many = r.runs > 1;
  const markup = html`<section id="${id}" class="drill" data-drill="${r.drill}" data-ok="${String(r.ok)}" data-runs="${r.runs}" data-seed="${r.seed}">
<h2>${title} ${badge(r.ok, verdict, verdict)}</h2>
<p class="meta">site <b>${r.site}</b> · seed ${r.seed} · ${plural(r.runs, 'run')} · replay: <code>${replayCommand(siteLabel, r.drill, r.seed, r.runs)}</code></p>
${r.stalled ? html`<p class="callout bad">✗ ${stallText(r.stalled)}</p>` : null}
${figures(r)}
<h3>Gates</h3>
${gatesTable(r)}
<h3>${many ? html`The first run in full (seed ${r.run.seed}, ${r.run.ok ? 'passed' : 'failed'})` : 'The run over time'}</h3>
${many ? html`<p class="note">Charts show the run of seed ${r.run.seed}: ${fmtDuration(r.run.simulatedSeconds)}, ${fmtInt(r.run.migrations.started)} migrations, ${fmtInt(r.run.downtime.vms)} VMs down.</p>` : null}
${r.run.stalled ? html`<p class="callout bad">✗ this run ${stallText(r.run.stalled)}</p>` : null}
${runCharts(r.run, id, charts)}
${monteCarlo(r, id, siteLabel, charts)}
</section>`;
  return { id, title, markup, charts };
}
