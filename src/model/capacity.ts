/**
 * The capacity arithmetic of RA §Solution Sizing, generalised to any site, and the demand the
 * VMs put on it. Rules and the `size` command both read these figures, so they never disagree.
 */
import { cidrsOverlap, cidrSize, formatCidr, type Cidr } from './cidr.js';
import type { Twin } from './twin.js';

export type Constraint = 'pods' | 'memory' | 'cpu' | 'storage';
export const CONSTRAINTS: readonly Constraint[] = ['pods', 'memory', 'cpu', 'storage'];

export interface CapacityFigures {
  readonly podCidr: {
    readonly blocks: number;
    readonly blockPrefix: number;
    /** Nodes that hold a block now (control plane + workers). */
    readonly nodes: number;
    /** Blocks not held by a node. Negative when nodes outnumber blocks. */
    readonly spareBlocks: number;
    readonly spareNeeded: number;
  };
  readonly pods: {
    readonly perNode: number;
    /** RA: max pods × active nodes. */
    readonly capacity: number;
    /** RA: per-node daemons × active nodes + cluster overhead. */
    readonly overhead: number;
    readonly containers: number;
    /** RA: capacity − overhead − container pods. */
    readonly availableForVms: number;
    /** Where VMs really run: pod slots left on the workers. */
    readonly vmSlotsOnWorkers: number;
  };
  readonly demand: { readonly vms: number; readonly vcpu: number; readonly memoryMiB: number; readonly cpuMilli: number; readonly diskMiB: number; readonly replicatedMiB: number };
  readonly supply: {
    readonly memoryMiB: number;
    readonly cpuMilli: number;
    readonly portworxPoolMiB: number;
    /** Usable × data reduction. */
    readonly arrayEffectiveMiB: number;
  };
  /** How many VMs of the requested mix each resource allows (null: that resource does not limit). */
  readonly limits: Readonly<Record<Constraint, number | null>>;
  readonly vmCapacity: number | null;
  readonly binding: Constraint | null;
}

function scaleLimit(requested: number, supply: number, demand: number): number | null {
  if (demand <= 0) return null;
  return Math.floor((requested * supply) / demand + 1e-9);
}

export function capacityFigures(twin: Twin): CapacityFigures {
  const { site, nodes, vmClasses } = twin;
  const k8s = site.kubernetes;
  const active = nodes.active;
  const perNode = k8s.maxPodsPerNode;
  const overhead = k8s.overheadPods.perNode * active + k8s.overheadPods.cluster;
  const containers = site.workloads.containerPods;
  let vmSlots = 0;
  let memSupply = 0;
  let cpuSupply = 0;
  for (const n of twin.workers) {
    vmSlots += nodes.vmPodSlots[n] as number;
    memSupply += nodes.allocMemMiB[n] as number;
    cpuSupply += nodes.allocCpuMilli[n] as number;
  }
  let vms = 0;
  let vcpu = 0;
  let memDemand = 0;
  let cpuDemand = 0;
  let disk = 0;
  for (let k = 0; k < vmClasses.count; k++) {
    const c = vmClasses.vmCount[k] as number;
    vms += c;
    vcpu += c * (vmClasses.vcpu[k] as number);
    memDemand += c * (vmClasses.podMemMiB[k] as number);
    cpuDemand += c * (vmClasses.cpuMilli[k] as number);
    disk += c * (vmClasses.diskMiB[k] as number);
  }
  const repl = site.storage.portworx.replication;
  const replicated = disk * repl;
  let pool = 0;
  for (let p = 0; p < twin.px.pools.count; p++) pool += twin.px.pools.capacityMiB[p] as number;
  const arrayEffective = site.storage.array.usable * site.storage.array.dataReduction;

  const poolLimit = scaleLimit(vms, pool, replicated);
  const arrayLimit = scaleLimit(vms, arrayEffective, replicated);
  const limits: Record<Constraint, number | null> = {
    pods: vms > 0 ? Math.max(0, vmSlots) : null,
    memory: scaleLimit(vms, memSupply, memDemand),
    cpu: scaleLimit(vms, cpuSupply, cpuDemand),
    storage: poolLimit === null ? arrayLimit : arrayLimit === null ? poolLimit : Math.min(poolLimit, arrayLimit),
  };
  // The pod limit is per VM, not per mix: each VM is one pod.
  let binding: Constraint | null = null;
  let vmCapacity: number | null = null;
  for (const c of CONSTRAINTS) {
    const l = limits[c];
    if (l === null) continue;
    if (vmCapacity === null || l < vmCapacity) {
      vmCapacity = l;
      binding = c;
    }
  }
  return {
    podCidr: { blocks: twin.podCidr.blocks, blockPrefix: twin.podCidr.blockPrefix, nodes: active, spareBlocks: twin.podCidr.blocks - active, spareNeeded: twin.podCidr.spareNeeded },
    pods: { perNode, capacity: perNode * active, overhead, containers, availableForVms: perNode * active - overhead - containers, vmSlotsOnWorkers: vmSlots },
    demand: { vms, vcpu, memoryMiB: memDemand, cpuMilli: cpuDemand, diskMiB: disk, replicatedMiB: replicated },
    supply: { memoryMiB: memSupply, cpuMilli: cpuSupply, portworxPoolMiB: pool, arrayEffectiveMiB: arrayEffective },
    limits,
    vmCapacity,
    binding,
  };
}

// ---------------------------------------------------------------------------------------------
// Pod and service CIDRs that fit.

export interface CidrSuggestion {
  readonly podCidr: string;
  readonly serviceCidr: string;
  readonly blocks: number;
}

/**
 * The smallest pod CIDR with a block for each of `nodesNeeded`, at the same base address as
 * today; the service CIDR stays unless the new pod CIDR overlaps it, and then moves right
 * after it at the pod CIDR's size — RA §Solution Sizing: "to facilitate a 128-node cluster,
 * suitable CIDRs would be 100.64.0.0/17 and 100.64.128.0/17". Either moves forward, a block of
 * its size at a time, past any network it would overlap.
 */
export function suggestPodServiceCidrs(current: { podCidr: Cidr; serviceCidr: Cidr; nodeCidrMaskSize: number }, nodesNeeded: number, avoid: readonly Cidr[]): CidrSuggestion | undefined {
  const need = Math.max(1, nodesNeeded);
  const bits = Math.ceil(Math.log2(need));
  const prefix = current.nodeCidrMaskSize - bits;
  if (prefix < 1) return undefined;
  const size = cidrSize({ prefix });
  const align = (ip: number): number => Math.floor(ip / size) * size;
  const clash = (c: { base: number; prefix: number }, others: ReadonlyArray<{ base: number; prefix: number }>): boolean => others.some((o) => cidrsOverlap(c, o));
  let pod = { base: align(current.podCidr.base), prefix };
  for (let i = 0; i < 4096 && clash(pod, avoid); i++) pod = { base: pod.base + size, prefix };
  if (pod.base + size > 2 ** 32 || clash(pod, avoid)) return undefined;
  // Keep the service CIDR when the new pod CIDR leaves it alone; else move it (RA: /17 + /17).
  if (!clash(current.serviceCidr, [pod])) return { podCidr: formatCidr(pod), serviceCidr: formatCidr(current.serviceCidr), blocks: 2 ** bits };
  const servicePrefix = Math.min(prefix, current.serviceCidr.prefix);
  const sSize = cidrSize({ prefix: servicePrefix });
  let svc = { base: Math.ceil((pod.base + size) / sSize) * sSize, prefix: servicePrefix };
  for (let i = 0; i < 4096 && (clash(svc, avoid) || clash(svc, [pod])); i++) svc = { base: svc.base + sSize, prefix: servicePrefix };
  if (svc.base + sSize > 2 ** 32 || clash(svc, avoid) || clash(svc, [pod])) return undefined;
  return { podCidr: formatCidr(pod), serviceCidr: formatCidr(svc), blocks: 2 ** bits };
}
