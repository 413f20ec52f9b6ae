/**
 * "Site at a glance": the nodes, VMs, networks and storage of the site, with the key counts
 * as figures (their `data-key` is the path in `size --json`).
 */
import { fmtInt, fmtNum, plural } from '../format.js';
import type { ReportInput } from '../input.js';
import { html } from '../markup.js';
import { facts, stat, stats, table, type Section } from '../parts.js';

export function siteSection(input: ReportInput): Section {
  const { site, size } = input;
  const cp = site.nodes.controlPlane;
  const w = site.nodes.workers;
  const spares = cp.spares + w.spares;
  const figures = stats([
    stat('nodes.active', size.nodes.active, fmtInt(size.nodes.active), html`nodes: ${size.nodes.controlPlane} control plane + ${size.nodes.workers} workers${spares ? html`, ${plural(spares, 'spare machine')}` : null}`),
    stat('vms.requested', size.vms.requested, fmtInt(size.vms.requested), html`VMs in ${plural(site.vms.classes.length, 'class', 'classes')}`),
    stat('nodes.storageNodes', size.nodes.storageNodes, fmtInt(size.nodes.storageNodes), html`Portworx storage nodes, repl ${site.storage.replication}`),
    stat('storage.portworxPoolTiB', size.storage.portworxPoolTiB, html`${fmtNum(size.storage.portworxPoolTiB, 1)} TiB`, 'Portworx pool'),
    stat('storage.arrayEffectiveTiB', size.storage.arrayEffectiveTiB, html`${fmtNum(size.storage.arrayEffectiveTiB, 1)} TiB`, html`${site.storage.arrayModel}: ${site.storage.usable} usable × ${fmtNum(site.storage.dataReduction, 2)} data reduction`),
    stat('podCidr.cidr', size.podCidr.cidr, size.podCidr.cidr, html`pod CIDR: ${size.podCidr.blocks} × /${size.podCidr.blockPrefix}, ${size.podCidr.spareBlocks} spare`),
  ]);
  const k = site.kubernetes;
  const hn = site.hostNetwork;
  const m = site.migration;
  const markup = html`<section id="site"><h2>Site at a glance</h2>
${site.description ? html`<p class="lead">${site.description}</p>` : null}
${figures}
<div class="columns">
${facts('Nodes', [
  ['control plane', html`${cp.count} × ${cp.hardware}${cp.spares ? html` + ${plural(cp.spares, 'spare')}` : null} (zones ${cp.zones}; ${cp.updateStrategy})`],
  ['workers', html`${w.count} × ${w.hardware}${w.spares ? html` + ${plural(w.spares, 'spare')}` : null} (zones ${w.zones}; ${w.updateStrategy})`],
])}
${facts('Kubernetes', [
  ['pod CIDR', html`${k.podCidr}, a /${k.nodeCidrMaskSize} per node`],
  ['service CIDR', k.serviceCidr],
  ['max pods per node', fmtInt(k.maxPodsPerNode)],
  ['CPU allocation ratio', html`${fmtNum(k.cpuAllocationRatio, 2)} vCPU per core`],
])}
${facts('Storage', [
  ['array', html`${site.storage.arrayModel}, ${site.storage.protocol}, ${site.storage.usable} usable`],
  ['Portworx', html`repl ${site.storage.replication}; ${site.storage.dataDrives}; maxStorageNodes ${site.storage.maxStorageNodes}; ${site.storage.kvdbNodes} KVDB nodes`],
])}
${facts('Live migration', [
  ['parallel', html`${m.parallelPerCluster} per cluster, ${m.parallelOutboundPerNode} outbound per node`],
  ['bandwidth', m.bandwidthPerMigration],
  ['timeouts', html`completion ${m.completionTimeoutPerGiB} per GiB, progress ${m.progressTimeout}`],
])}
</div>
<h3>Hardware</h3>
${table(['class', 'used by', 'cores', 'memory', 'NICs', 'storage ports'], site.hardware.map((h) => [h.name, h.usedBy, fmtInt(h.cores), h.memory, h.nics, h.storagePorts]), 'data')}
<h3>VM classes</h3>
${table(['class', 'VMs', 'vCPU', 'memory', 'disk', 'network', 'eviction'], [
  ...site.vms.classes.map((c) => [c.name, fmtInt(c.count), fmtInt(c.vcpu), c.memory, c.disk, c.network, c.evictionStrategy]),
  [html`<b>total</b>`, html`<b>${fmtInt(site.vms.total)}</b>`, '', '', '', '', ''],
], 'data')}
<h3>Networks</h3>
${table(['network', 'VLAN', 'CIDR', 'gateway'], [
  ...site.networks.map((n) => [n.name, n.vlan === null ? 'native' : String(n.vlan), n.cidr, n.gateway ?? '—']),
  ['VM VLANs', site.vmVlans, html`bridged through ${hn.bridge ? hn.bridge.name : 'no bridge'}`, '—'],
], 'data')}
<h3>Host network (every worker)</h3>
${table(['interface', 'what', 'on'], [
  ...hn.bonds.map((b) => [b.name, html`bond, ${b.mode}${b.network ? html`, untagged ${b.network}` : null}`, b.members]),
  ...hn.vlanInterfaces.map((v) => [`${v.link}.${v.vlan}`, html`VLAN ${v.vlan}${v.defaultGateway ? ', default route' : ''}`, v.link]),
  ...(hn.bridge ? [[hn.bridge.name, html`bridge for VMs, VLANs ${hn.bridge.vlans}`, hn.bridge.link]] : []),
], 'data')}
<details><summary>Software versions</summary>${table(['component', 'version'], site.versions.map(([c, v]) => [c, v]), 'data')}</details>
</section>`;
  return { id: 'site', title: 'Site at a glance', markup, charts: [] };
}
