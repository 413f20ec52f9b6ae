/**
 * Sizing: the reference architecture's Solution Sizing arithmetic for any site, and what it
 * does not say — which resource binds first, and how many workers can be lost with every VM
 * still placeable (found by re-running the placement, not by a ratio).
 */
import { capacityFigures, type Constraint } from '../model/capacity.js';
import { formatCidr } from '../model/cidr.js';
import { placeVms } from '../model/placement.js';
import { controlPlaneAdvice } from '../model/reference.js';
import type { Twin } from '../model/twin.js';

export interface SizeReport {
  readonly site: string;
  readonly podCidr: { readonly cidr: string; readonly blockPrefix: number; readonly blocks: number; readonly nodes: number; readonly spareBlocks: number; readonly spareNeeded: number };
  readonly serviceCidr: { readonly cidr: string; readonly addresses: number };
  readonly nodes: { readonly active: number; readonly controlPlane: number; readonly workers: number; readonly spareMachines: number; readonly storageNodes: number };
  readonly pods: { readonly perNode: number; readonly capacity: number; readonly overhead: number; readonly containers: number; readonly availableForVms: number; readonly vmSlotsOnWorkers: number };
  readonly vms: {
    readonly requested: number;
    readonly placed: number;
    readonly capacity: number | null;
    readonly bindingConstraint: Constraint | null;
    readonly limits: Readonly<Record<Constraint, number | null>>;
    readonly perNodeAverage: number;
    readonly perNodeMax: number;
  };
  readonly memory: { readonly requestedGiB: number; readonly allocatableGiB: number; readonly utilization: number };
  readonly cpu: { readonly vcpu: number; readonly allocationRatio: number; readonly requestedCores: number; readonly allocatableCores: number; readonly utilization: number };
  readonly controlPlane: { readonly recommendedCores: number; readonly recommendedMemoryGiB: number; readonly cores: number; readonly memoryGiB: number; readonly beyondTable: boolean };
  readonly storage: {
    readonly replication: number;
    readonly logicalTiB: number;
    readonly usedTiB: number;
    readonly portworxPoolTiB: number;
    readonly arrayEffectiveTiB: number;
    readonly poolUtilization: number;
  };
  readonly headroom: {
    readonly nodeFailuresTolerated: number;
    /** What runs out when one more worker is lost. */
    readonly limitedBy: string | null;
    /** Storage nodes that may be offline with every volume still online (repl − 1). */
    readonly volumeFailuresTolerated: number;
    /** Storage nodes that may be offline with Portworx still in quorum. */
    readonly quorumFailuresTolerated: number;
  };
}

const round = (x: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
const tib = (mib: number): number => round(mib / 1024 ** 2);
const gib = (mib: number): number => round(mib / 1024, 1);

/** Workers ordered so the first ones are the worst to lose: most memory, then most cores, then last id. */
function worstFirst(twin: Twin): number[] {
  const { nodes } = twin;
  return Array.from(twin.workers).sort(
    (a, b) => (nodes.allocMemMiB[b] as number) - (nodes.allocMemMiB[a] as number) || (nodes.allocCpuMilli[b] as number) - (nodes.allocCpuMilli[a] as number) || b - a,
  );
}

/**
 * The largest k such that the VMs still all place after losing the k worst workers, and what
 * runs out at k + 1. Placement is monotone in k (losing a node never helps), so this bisects.
 */
export function nodeFailuresTolerated(twin: Twin): { tolerated: number; limitedBy: string | null } {
  const order = worstFirst(twin);
  const fits = (k: number): { ok: boolean; short: string | null } => {
    const lost = new Set(order.slice(0, k));
    const eligible = Int32Array.from(Array.from(twin.workers).filter((n) => !lost.has(n)));
    const out = placeVms(twin.nodes, twin.vmClasses, eligible, twin.vms.count);
    return out.kind === 'placed' ? { ok: true, short: null } : { ok: false, short: [...new Set(out.unplaced.flatMap((u) => u.short))].join('+') };
  };
  if (!fits(0).ok) return { tolerated: 0, limitedBy: fits(0).short };
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid).ok) lo = mid;
    else hi = mid - 1;
  }
  return { tolerated: lo, limitedBy: lo < order.length ? fits(lo + 1).short : 'nodes' };
}

export function sizeReport(twin: Twin): SizeReport {
  const { site, nodes } = twin;
  const f = capacityFigures(twin);
  const workers = twin.workers.length;
  const perNode = new Map<number, number>();
  let placed = 0;
  for (let v = 0; v < twin.vms.count; v++) {
    const n = twin.vms.node[v] as number;
    if (n < 0) continue;
    placed++;
    perNode.set(n, (perNode.get(n) ?? 0) + 1);
  }
  const cpHw = site.hardware.get(site.nodes.controlPlane.hardware);
  const advice = controlPlaneAdvice(workers, site.workloads.namespaces);
  const headroom = nodeFailuresTolerated(twin);
  const storageNodes = twin.px.storageNodes;
  return {
    site: site.metadata.name,
    podCidr: { cidr: formatCidr(site.kubernetes.podCidr), blockPrefix: f.podCidr.blockPrefix, blocks: f.podCidr.blocks, nodes: f.podCidr.nodes, spareBlocks: f.podCidr.spareBlocks, spareNeeded: f.podCidr.spareNeeded },
    serviceCidr: { cidr: formatCidr(site.kubernetes.serviceCidr), addresses: 2 ** (32 - site.kubernetes.serviceCidr.prefix) },
    nodes: { active: nodes.active, controlPlane: site.nodes.controlPlane.count, workers, spareMachines: nodes.count - nodes.active, storageNodes },
    pods: f.pods,
    vms: {
      requested: f.demand.vms,
      placed,
      capacity: f.vmCapacity,
      bindingConstraint: f.binding,
      limits: f.limits,
      perNodeAverage: workers > 0 ? round(f.demand.vms / workers) : 0,
      perNodeMax: Math.max(0, ...perNode.values()),
    },
    memory: { requestedGiB: gib(f.demand.memoryMiB), allocatableGiB: gib(f.supply.memoryMiB), utilization: f.supply.memoryMiB > 0 ? round(f.demand.memoryMiB / f.supply.memoryMiB, 4) : 0 },
    cpu: {
      vcpu: f.demand.vcpu,
      allocationRatio: site.kubernetes.cpuAllocationRatio,
      requestedCores: round(f.demand.cpuMilli / 1000, 1),
      allocatableCores: round(f.supply.cpuMilli / 1000, 1),
      utilization: f.supply.cpuMilli > 0 ? round(f.demand.cpuMilli / f.supply.cpuMilli, 4) : 0,
    },
    controlPlane: { recommendedCores: advice.cores, recommendedMemoryGiB: advice.memoryGiB, cores: cpHw?.cores ?? 0, memoryGiB: gib(cpHw?.memory ?? 0), beyondTable: advice.row === null },
    storage: {
      replication: site.storage.portworx.replication,
      logicalTiB: tib(f.demand.diskMiB),
      usedTiB: tib(f.demand.replicatedMiB),
      portworxPoolTiB: tib(f.supply.portworxPoolMiB),
      arrayEffectiveTiB: tib(f.supply.arrayEffectiveMiB),
      poolUtilization: f.supply.portworxPoolMiB > 0 ? round(f.demand.replicatedMiB / f.supply.portworxPoolMiB, 4) : 0,
    },
    headroom: {
      nodeFailuresTolerated: headroom.tolerated,
      limitedBy: headroom.limitedBy,
      volumeFailuresTolerated: Math.max(0, Math.min(site.storage.portworx.replication - 1, storageNodes)),
      quorumFailuresTolerated: Math.max(0, Math.ceil(storageNodes / 2) - 1),
    },
  };
}
