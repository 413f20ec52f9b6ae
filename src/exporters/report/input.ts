/**
 * What the report is made from, as plain data: a summary of the site (taken from the typed
 * Site by {@link siteSummary}), the diagnostics, the sizing figures and zero or more drill
 * results in the shape of `simulate --json`. The renderer only formats these; it computes no
 * figure of its own.
 */
import { formatCidr, formatIp, formatVlanSet } from '../../model/cidr.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import type { HardwareClass, Site } from '../../model/site.js';
import { formatMbps, formatMs, humanMiB } from '../../model/units.js';
import type { SizeReport } from '../../planner/size.js';
import type { SimResult } from '../../sim/result.js';

export interface PoolSummary {
  readonly count: number;
  readonly spares: number;
  readonly hardware: string;
  readonly zones: string;
  readonly updateStrategy: string;
}

export interface HardwareSummary {
  readonly name: string;
  readonly cores: number;
  readonly memory: string;
  readonly nics: string;
  readonly storagePorts: string;
  readonly usedBy: string;
}

export interface VmClassSummary {
  readonly name: string;
  readonly count: number;
  readonly vcpu: number;
  readonly memory: string;
  readonly disk: string;
  readonly network: string;
  readonly evictionStrategy: string;
}

export interface NetworkSummary {
  readonly name: string;
  readonly vlan: number | null;
  readonly cidr: string;
  readonly gateway: string | null;
}

export interface SiteSummary {
  readonly name: string;
  readonly description: string | null;
  readonly nodes: { readonly controlPlane: PoolSummary; readonly workers: PoolSummary };
  readonly hardware: readonly HardwareSummary[];
  readonly vms: { readonly total: number; readonly classes: readonly VmClassSummary[] };
  readonly networks: readonly NetworkSummary[];
  readonly kubernetes: { readonly podCidr: string; readonly serviceCidr: string; readonly nodeCidrMaskSize: number; readonly maxPodsPerNode: number; readonly cpuAllocationRatio: number };
  readonly vmVlans: string;
  readonly hostNetwork: {
    readonly bonds: ReadonlyArray<{ readonly name: string; readonly mode: string; readonly members: string; readonly network: string | null }>;
    readonly vlanInterfaces: ReadonlyArray<{ readonly vlan: number; readonly link: string; readonly defaultGateway: boolean }>;
    readonly bridge: { readonly name: string; readonly link: string; readonly vlans: string } | null;
  };
  readonly storage: {
    readonly arrayModel: string;
    readonly protocol: string;
    readonly usable: string;
    readonly dataReduction: number;
    readonly replication: number;
    readonly dataDrives: string;
    readonly maxStorageNodes: number;
    readonly kvdbNodes: number;
  };
  readonly migration: { readonly parallelPerCluster: number; readonly parallelOutboundPerNode: number; readonly bandwidthPerMigration: string; readonly completionTimeoutPerGiB: string; readonly progressTimeout: string };
  readonly versions: ReadonlyArray<readonly [string, string]>;
}

export interface ReportInput {
  /** "vmo-twin 0.1.0": printed in the header and footer. */
  readonly generator: string;
  /** Where the site came from, as the user named it, and the `--set` overrides applied. */
  readonly source: { readonly label: string; readonly sets: readonly string[] };
  readonly site: SiteSummary;
  readonly diagnostics: readonly Diagnostic[];
  readonly size: SizeReport;
  readonly drills: readonly SimResult[];
  /** Shown in the drills section when there are no drill results: how to get them. */
  readonly drillsHint?: string;
}

/** A size in the largest binary unit it is a whole number of ("1536 GiB", "4 TiB"), else one decimal. */
export function sizeText(mib: number): string {
  for (const [unit, size] of [['PiB', 1024 ** 3], ['TiB', 1024 ** 2], ['GiB', 1024]] as const) {
    if (mib >= size && mib % size === 0) return `${mib / size} ${unit}`;
  }
  return humanMiB(mib, 1);
}

/** "4 × 10Gbps"; mixed speeds listed per group in order of first appearance. */
function groupCounts(items: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} × ${k}`).join(' + ');
}

function hardwareSummary(name: string, hw: HardwareClass, site: Site): HardwareSummary {
  const roles = [site.nodes.controlPlane.hardware === name ? 'control plane' : null, site.nodes.workers.hardware === name ? 'workers' : null].filter((r): r is string => r !== null);
  const fabrics = [...new Set(hw.hbas.map((h) => h.fabric))];
  return {
    name,
    cores: hw.cores,
    memory: sizeText(hw.memory),
    nics: hw.nics.length ? groupCounts(hw.nics.map((n) => formatMbps(n.speed))) : 'none',
    storagePorts: hw.hbas.length ? `${groupCounts(hw.hbas.map((h) => `${formatMbps(h.speed)} ${h.protocol === 'fc' ? 'FC' : 'iSCSI'}`))} (fabrics ${fabrics.join(', ')})` : 'none',
    usedBy: roles.length ? roles.join(', ') : 'unused',
  };
}

function pool(p: Site['nodes']['workers']): PoolSummary {
  return { count: p.count, spares: p.spares, hardware: p.hardware, zones: p.zone.join(', '), updateStrategy: p.updateStrategy };
}

/** The site at a glance, as plain data for the report. */
export function siteSummary(site: Site): SiteSummary {
  const px = site.storage.portworx;
  const m = site.kubevirt.migration;
  const bridge = site.hostNetwork.bridge;
  return {
    name: site.metadata.name,
    description: site.metadata.description ?? null,
    nodes: { controlPlane: pool(site.nodes.controlPlane), workers: pool(site.nodes.workers) },
    hardware: [...site.hardware].map(([name, hw]) => hardwareSummary(name, hw, site)),
    vms: {
      total: site.workloads.vmClasses.reduce((s, c) => s + c.count, 0),
      classes: site.workloads.vmClasses.map((c) => ({
        name: c.name,
        count: c.count,
        vcpu: c.vcpu,
        memory: sizeText(c.memory),
        disk: c.disk > 0 ? sizeText(c.disk) : 'none',
        network: c.vlan !== undefined ? `VLAN ${c.vlan} (br0)` : 'pod network',
        evictionStrategy: c.evictionStrategy,
      })),
    },
    networks: [
      { name: site.networks.pxe.name, vlan: null, cidr: formatCidr(site.networks.pxe.cidr), gateway: site.networks.pxe.gateway === undefined ? null : formatIp(site.networks.pxe.gateway) },
      ...site.networks.vlans.map((v) => ({ name: v.name, vlan: v.id, cidr: formatCidr(v.cidr), gateway: v.gateway === undefined ? null : formatIp(v.gateway) })),
    ],
    kubernetes: {
      podCidr: formatCidr(site.kubernetes.podCidr),
      serviceCidr: formatCidr(site.kubernetes.serviceCidr),
      nodeCidrMaskSize: site.kubernetes.nodeCidrMaskSize,
      maxPodsPerNode: site.kubernetes.maxPodsPerNode,
      cpuAllocationRatio: site.kubernetes.cpuAllocationRatio,
    },
    vmVlans: formatVlanSet(site.networks.vmVlans),
    hostNetwork: {
      bonds: site.hostNetwork.bonds.map((b) => ({ name: b.name, mode: b.mode, members: b.interfaces.join(', '), network: b.network ?? null })),
      vlanInterfaces: site.hostNetwork.vlanInterfaces.map((v) => ({ vlan: v.vlan, link: v.link, defaultGateway: v.defaultGateway })),
      bridge: bridge ? { name: bridge.name, link: bridge.link, vlans: formatVlanSet(bridge.allowedVlans ?? site.networks.vmVlans) } : null,
    },
    storage: {
      arrayModel: site.storage.array.model,
      protocol: site.storage.array.protocol === 'fc' ? 'Fibre Channel' : 'iSCSI',
      usable: sizeText(site.storage.array.usable),
      dataReduction: site.storage.array.dataReduction,
      replication: px.replication,
      dataDrives: `${px.dataDrives.count} × ${sizeText(px.dataDrives.size)} per worker`,
      maxStorageNodes: px.maxStorageNodes ?? site.nodes.workers.count,
      kvdbNodes: px.kvdbNodes,
    },
    migration: {
      parallelPerCluster: m.parallelPerCluster,
      parallelOutboundPerNode: m.parallelOutboundPerNode,
      bandwidthPerMigration: m.bandwidthPerMigration === 0 ? 'unlimited (the link)' : formatMbps(m.bandwidthPerMigration),
      completionTimeoutPerGiB: formatMs(m.completionTimeoutPerGiB),
      progressTimeout: formatMs(m.progressTimeout),
    },
    versions: Object.entries(site.versions).map(([k, v]) => [k, String(v)] as const),
  };
}
