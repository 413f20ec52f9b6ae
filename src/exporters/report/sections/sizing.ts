/**
 * "Sizing": the `size` figures, and a chart of how many VMs of the site's mix each resource
 * allows, so the binding constraint is the shortest bar.
 */
import type { SizeReport } from '../../../planner/size.js';
import { axes, figure, plotOf, valueAxis, type Chart, type Series } from '../chart.js';
import { fmtInt, fmtNum, fmtPct, plural } from '../format.js';
import type { ReportInput } from '../input.js';
import { html, px } from '../markup.js';
import { stat, stats, type Section } from '../parts.js';

const RESOURCES = [
  ['pods', 'pods (max pods)'],
  ['memory', 'memory'],
  ['cpu', 'CPU (at the ratio)'],
  ['storage', 'storage (Portworx pool)'],
] as const;

function capacityChart(size: SizeReport): Chart {
  const rows = RESOURCES.filter(([k]) => size.vms.limits[k] !== null);
  const rowH = 34;
  const height = 12 + rows.length * rowH + 48;
  const plot = plotOf(height, { left: 170, right: 70 });
  const most = Math.max(size.vms.requested, ...rows.map(([k]) => size.vms.limits[k] as number));
  const x = valueAxis(0, most * 1.05, plot.left, plot.right, 'VMs of this mix that fit', 6);
  const bars = rows.map(([k, label], i) => {
    const v = size.vms.limits[k] as number;
    const y = plot.top + i * rowH + 6;
    const binding = size.vms.bindingConstraint === k;
    return html`<g class="${binding ? 'binding' : 'limit'}" data-resource="${k}"><text class="row-label" x="${px(plot.left - 8)}" y="${px(y + 11)}" dy="0.35em" text-anchor="end">${label}</text><rect x="${px(plot.left)}" y="${px(y)}" width="${px(Math.max(0.5, x.scale(v) - plot.left))}" height="22"><title>${label}: ${fmtInt(v)} VMs${binding ? ' (binds first)' : ''}</title></rect><text class="bar-label" x="${px(x.scale(v) + 4)}" y="${px(y + 11)}" dy="0.35em">${fmtInt(v)}${binding ? ' ← binds' : ''}</text></g>`;
  });
  const X = px(x.scale(size.vms.requested));
  const series: Series[] = [
    { name: 'VMs each resource allows', cls: 's-capacity', swatch: 'box', points: rows.length, drawn: rows.length, body: bars },
    { name: 'requested', legend: `requested (${fmtInt(size.vms.requested)} VMs)`, cls: 's-requested', swatch: 'dash', points: 1, drawn: 1, body: html`<line class="ref" x1="${X}" x2="${X}" y1="${px(plot.top)}" y2="${px(plot.bottom)}"/>` },
  ];
  return figure({
    id: 'sizing-capacity',
    kind: 'capacity',
    title: 'What runs out first',
    caption: size.vms.capacity === null ? 'no VMs are requested, so no resource limits them.' : html`${fmtInt(size.vms.capacity)} VMs of this mix fit; <b>${size.vms.bindingConstraint ?? '—'}</b> binds first (the shortest bar).`,
    height,
    under: axes(plot, x, null),
    series,
  });
}

export function sizingSection(input: ReportInput): Section {
  const s = input.size;
  const chart = capacityChart(s);
  const figures = stats([
    stat('vms.capacity', s.vms.capacity ?? 'null', s.vms.capacity === null ? '—' : fmtInt(s.vms.capacity), html`VMs of this mix fit; <b>${s.vms.bindingConstraint ?? 'nothing'}</b> binds first`),
    stat('headroom.nodeFailuresTolerated', s.headroom.nodeFailuresTolerated, fmtInt(s.headroom.nodeFailuresTolerated), html`workers can be lost with every VM still placeable${s.headroom.limitedBy ? html` (then ${s.headroom.limitedBy} runs out)` : null}`),
    stat('memory.utilization', s.memory.utilization, fmtPct(s.memory.utilization), html`memory: ${fmtNum(s.memory.requestedGiB, 1)} of ${fmtNum(s.memory.allocatableGiB, 1)} GiB`),
    stat('cpu.utilization', s.cpu.utilization, fmtPct(s.cpu.utilization), html`CPU: ${fmtNum(s.cpu.requestedCores, 1)} of ${fmtNum(s.cpu.allocatableCores, 1)} cores`),
    stat('storage.poolUtilization', s.storage.poolUtilization, fmtPct(s.storage.poolUtilization), html`Portworx pool: ${fmtNum(s.storage.usedTiB, 1)} of ${fmtNum(s.storage.portworxPoolTiB, 1)} TiB`),
    stat('pods.availableForVms', s.pods.availableForVms, fmtInt(s.pods.availableForVms), 'pods left for VMs (RA §Solution Sizing)'),
  ]);
  const rows: Array<readonly [string, ReturnType<typeof html>]> = [
    ['pod CIDR', html`${s.podCidr.cidr}: ${s.podCidr.blocks} × /${s.podCidr.blockPrefix} blocks, ${s.podCidr.nodes} held, ${s.podCidr.spareBlocks} spare (${s.podCidr.spareNeeded} needed for surge repaves)`],
    ['service CIDR', html`${s.serviceCidr.cidr}: ${fmtInt(s.serviceCidr.addresses)} addresses`],
    ['nodes', html`${s.nodes.active} active: ${s.nodes.controlPlane} control plane + ${s.nodes.workers} workers; ${plural(s.nodes.spareMachines, 'spare machine')}; ${s.nodes.storageNodes} Portworx storage nodes`],
    ['pods', html`${fmtInt(s.pods.perNode)} per node = ${fmtInt(s.pods.capacity)}; overhead ${fmtInt(s.pods.overhead)}; ${fmtInt(s.pods.availableForVms)} left for VMs and workloads (${fmtInt(s.pods.vmSlotsOnWorkers)} slots on workers)`],
    ['VMs', html`${fmtInt(s.vms.requested)} requested, ${fmtInt(s.vms.placed)} placed; ${fmtNum(s.vms.perNodeAverage, 2)} per worker on average, ${fmtInt(s.vms.perNodeMax)} at most`],
    ['memory', html`${fmtNum(s.memory.requestedGiB, 1)} GiB of ${fmtNum(s.memory.allocatableGiB, 1)} GiB allocatable on workers (${fmtPct(s.memory.utilization)}), virt-launcher overhead included`],
    ['CPU', html`${fmtInt(s.cpu.vcpu)} vCPU at ${fmtNum(s.cpu.allocationRatio, 2)}:1 = ${fmtNum(s.cpu.requestedCores, 1)} cores of ${fmtNum(s.cpu.allocatableCores, 1)} (${fmtPct(s.cpu.utilization)})`],
    ['storage', html`${fmtNum(s.storage.logicalTiB, 2)} TiB of VM disks × repl ${s.storage.replication} = ${fmtNum(s.storage.usedTiB, 2)} TiB; pool ${fmtNum(s.storage.portworxPoolTiB, 2)} TiB (${fmtPct(s.storage.poolUtilization)}); array ${fmtNum(s.storage.arrayEffectiveTiB, 2)} TiB effective`],
    ['control plane', html`RA table: ${s.controlPlane.recommendedCores} cores / ${s.controlPlane.recommendedMemoryGiB} GiB${s.controlPlane.beyondTable ? ' (past the table, extrapolated)' : ''}; have ${s.controlPlane.cores} cores / ${fmtNum(s.controlPlane.memoryGiB, 1)} GiB`],
    ['Portworx', html`every volume stays online through ${plural(s.headroom.volumeFailuresTolerated, 'storage-node loss', 'storage-node losses')}; quorum through ${s.headroom.quorumFailuresTolerated}`],
  ];
  const markup = html`<section id="sizing"><h2>Sizing</h2>
${figures}
${chart.markup}
<table class="facts-wide"><tbody>${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</tbody></table>
</section>`;
  return { id: 'sizing', title: 'Sizing', markup, charts: [chart.info] };
}
