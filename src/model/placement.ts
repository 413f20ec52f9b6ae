/**
 * Initial placement of VMs on workers, and of Portworx volume replicas on storage nodes.
 *
 * Deterministic and balanced: VM classes are placed largest first, each VM on the eligible
 * worker whose fullest resource (memory, CPU requests, pod slots) would be least full — the
 * spirit of kube-scheduler's LeastAllocated scoring, with the node id breaking ties. A node
 * that cannot take a class is set aside for the rest of that class (resources only shrink).
 *
 * Eligibility: the node is an active worker, reaches the class's VLAN through br0, and has room
 * for the pod (max pods), its memory (guest + virt-launcher overhead) and its CPU request
 * (vCPU / cpuAllocationRatio).
 */
import { IndexedHeap } from './heap.js';

/** The columns placement reads and writes; the twin provides them. */
export interface PlacementNodes {
  readonly count: number;
  readonly allocMemMiB: ArrayLike<number>;
  readonly allocCpuMilli: ArrayLike<number>;
  readonly vmPodSlots: ArrayLike<number>;
  readonly vlanWords: number;
  readonly vmVlanBits: Uint32Array;
}

export interface PlacementClasses {
  readonly count: number;
  readonly names: readonly string[];
  readonly podMemMiB: ArrayLike<number>;
  readonly cpuMilli: ArrayLike<number>;
  readonly vlan: ArrayLike<number>;
  readonly vmCount: ArrayLike<number>;
  readonly firstVm: ArrayLike<number>;
}

export interface Unplaced {
  readonly cls: number;
  readonly className: string;
  readonly count: number;
  /** What every eligible node lacked for this class. */
  readonly short: ReadonlyArray<'vlan' | 'pods' | 'memory' | 'cpu' | 'nodes'>;
}

export interface NodeUsage {
  readonly memMiB: Float64Array;
  readonly cpuMilli: Float64Array;
  readonly pods: Uint32Array;
}

export type PlacementOutcome =
  | { readonly kind: 'placed'; readonly vmNode: Int32Array; readonly usage: NodeUsage }
  | { readonly kind: 'unschedulable'; readonly vmNode: Int32Array; readonly usage: NodeUsage; readonly unplaced: readonly Unplaced[]; readonly unplacedCount: number };

export function hasVlan(nodes: PlacementNodes, node: number, vlan: number): boolean {
  if (vlan < 0) return true;
  const word = nodes.vmVlanBits[node * nodes.vlanWords + (vlan >>> 5)] ?? 0;
  return (word & (1 << (vlan & 31))) !== 0;
}

/** Classes in placement order: memory per pod descending, then CPU, then name. */
export function placementOrder(classes: PlacementClasses): number[] {
  return Array.from({ length: classes.count }, (_, i) => i).sort(
    (a, b) =>
      (classes.podMemMiB[b] as number) - (classes.podMemMiB[a] as number) ||
      (classes.cpuMilli[b] as number) - (classes.cpuMilli[a] as number) ||
      ((classes.names[a] ?? '') < (classes.names[b] ?? '') ? -1 : 1),
  );
}

/**
 * Place every VM of every class on `eligible` nodes (ids into `nodes`). `vmNode` gets each
 * VM's node, or -1.
 */
export function placeVms(nodes: PlacementNodes, classes: PlacementClasses, eligible: ArrayLike<number>, vmCount: number): PlacementOutcome {
  const vmNode = new Int32Array(vmCount).fill(-1);
  const usage: NodeUsage = {
    memMiB: new Float64Array(nodes.count),
    cpuMilli: new Float64Array(nodes.count),
    pods: new Uint32Array(nodes.count),
  };
  const heap = new IndexedHeap(nodes.count);
  const score = (n: number): number => {
    const m = (nodes.allocMemMiB[n] as number) > 0 ? usage.memMiB[n]! / (nodes.allocMemMiB[n] as number) : 1;
    const c = (nodes.allocCpuMilli[n] as number) > 0 ? usage.cpuMilli[n]! / (nodes.allocCpuMilli[n] as number) : 1;
    const p = (nodes.vmPodSlots[n] as number) > 0 ? usage.pods[n]! / (nodes.vmPodSlots[n] as number) : 1;
    return Math.max(m, c, p);
  };
  const unplaced: Unplaced[] = [];
  let unplacedCount = 0;
  const aside: number[] = [];

  for (const cls of placementOrder(classes)) {
    const mem = classes.podMemMiB[cls] as number;
    const cpu = classes.cpuMilli[cls] as number;
    const vlan = classes.vlan[cls] as number;
    const first = classes.firstVm[cls] as number;
    const total = classes.vmCount[cls] as number;
    heap.clear();
    for (let i = 0; i < eligible.length; i++) {
      const n = eligible[i] as number;
      heap.set(n, score(n));
    }
    aside.length = 0;
    let placedHere = 0;
    for (let k = 0; k < total; k++) {
      let chosen = -1;
      while (heap.size > 0) {
        const n = heap.peek();
        if (
          hasVlan(nodes, n, vlan) &&
          usage.pods[n]! + 1 <= (nodes.vmPodSlots[n] as number) &&
          usage.memMiB[n]! + mem <= (nodes.allocMemMiB[n] as number) &&
          usage.cpuMilli[n]! + cpu <= (nodes.allocCpuMilli[n] as number)
        ) {
          chosen = n;
          break;
        }
        heap.pop();
        aside.push(n);
      }
      if (chosen < 0) break;
      vmNode[first + k] = chosen;
      usage.pods[chosen]!++;
      usage.memMiB[chosen]! += mem;
      usage.cpuMilli[chosen]! += cpu;
      heap.set(chosen, score(chosen));
      placedHere++;
    }
    if (placedHere < total) {
      const missing = total - placedHere;
      unplacedCount += missing;
      unplaced.push({ cls, className: classes.names[cls] ?? String(cls), count: missing, short: shortages(nodes, usage, eligible, mem, cpu, vlan) });
    }
  }
  return unplacedCount === 0 ? { kind: 'placed', vmNode, usage } : { kind: 'unschedulable', vmNode, usage, unplaced, unplacedCount };
}

function shortages(nodes: PlacementNodes, usage: NodeUsage, eligible: ArrayLike<number>, mem: number, cpu: number, vlan: number): Array<'vlan' | 'pods' | 'memory' | 'cpu' | 'nodes'> {
  if (eligible.length === 0) return ['nodes'];
  const reach: number[] = [];
  for (let i = 0; i < eligible.length; i++) if (hasVlan(nodes, eligible[i] as number, vlan)) reach.push(eligible[i] as number);
  if (reach.length === 0) return ['vlan'];
  const out: Array<'pods' | 'memory' | 'cpu'> = [];
  if (reach.every((n) => usage.pods[n]! + 1 > (nodes.vmPodSlots[n] as number))) out.push('pods');
  if (reach.every((n) => usage.memMiB[n]! + mem > (nodes.allocMemMiB[n] as number))) out.push('memory');
  if (reach.every((n) => usage.cpuMilli[n]! + cpu > (nodes.allocCpuMilli[n] as number))) out.push('cpu');
  if (out.length === 0) {
    // No single resource is short everywhere: each node lacks one or another.
    out.push('pods', 'memory', 'cpu');
    return out.filter((r) =>
      reach.some((n) =>
        r === 'pods' ? usage.pods[n]! + 1 > (nodes.vmPodSlots[n] as number) : r === 'memory' ? usage.memMiB[n]! + mem > (nodes.allocMemMiB[n] as number) : usage.cpuMilli[n]! + cpu > (nodes.allocCpuMilli[n] as number),
      ),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Portworx replicas.

export interface ReplicaInput {
  /** Storage pool per node (-1 when the node is storageless). */
  readonly poolOfNode: Int32Array;
  readonly poolNode: ArrayLike<number>;
  readonly poolCapacityMiB: ArrayLike<number>;
  readonly nodeZone: ArrayLike<number>;
  readonly replication: number;
  readonly volumeSizeMiB: ArrayLike<number>;
  /** The node the volume's VM runs on (-1 when unplaced). */
  readonly volumeHome: ArrayLike<number>;
}

export interface ReplicaOutcome {
  /** volumes × replication node ids; -1 where a replica could not be placed. */
  readonly replicas: Int32Array;
  readonly poolUsedMiB: Float64Array;
  readonly unplacedReplicas: number;
}

/**
 * Replicas of a volume on distinct storage nodes (Portworx `repl`, behaviour.md §6): the first
 * on the VM's own node when it is a storage node (Stork's hyperconvergence preference), the
 * rest on the pools with the most free space (the least-used ones, since every pool of the twin
 * has the same size), in other zones first when there are enough zones.
 *
 * Most free space first means that when the next pool cannot take a volume, none can: the scan
 * stops there. (Ordered by fraction used, a full cluster made every volume scan every pool:
 * 200,000 volumes on 2,000 full pools did not finish in minutes.)
 */
export function placeReplicas(input: ReplicaInput): ReplicaOutcome {
  const pools = input.poolCapacityMiB.length;
  const volumes = input.volumeSizeMiB.length;
  const repl = input.replication;
  const replicas = new Int32Array(volumes * repl).fill(-1);
  const used = new Float64Array(pools);
  const heap = new IndexedHeap(Math.max(1, pools));
  const free = (p: number): number => (input.poolCapacityMiB[p] as number) - used[p]!;
  const mostFreeFirst = (p: number): number => -free(p);
  for (let p = 0; p < pools; p++) heap.set(p, mostFreeFirst(p));
  const zonesWithPools = new Set<number>();
  for (let p = 0; p < pools; p++) zonesWithPools.add(input.nodeZone[input.poolNode[p] as number] as number);
  const spreadZones = zonesWithPools.size >= repl;
  let unplacedReplicas = 0;
  const taken: number[] = [];
  const aside: number[] = [];

  for (let v = 0; v < volumes; v++) {
    const size = input.volumeSizeMiB[v] as number;
    taken.length = 0;
    const home = input.volumeHome[v] as number;
    const homePool = home >= 0 ? (input.poolOfNode[home] ?? -1) : -1;
    if (homePool >= 0 && used[homePool]! + size <= (input.poolCapacityMiB[homePool] as number)) taken.push(homePool);
    for (let pass = spreadZones ? 0 : 1; pass < 2 && taken.length < repl; pass++) {
      aside.length = 0;
      while (taken.length < repl && heap.size > 0) {
        const p = heap.pop();
        aside.push(p);
        if (taken.includes(p)) continue;
        if (size > free(p)) break;
        if (pass === 0) {
          const z = input.nodeZone[input.poolNode[p] as number];
          if (taken.some((t) => input.nodeZone[input.poolNode[t] as number] === z)) continue;
        }
        taken.push(p);
      }
      for (const p of aside) heap.set(p, mostFreeFirst(p));
    }
    for (let r = 0; r < repl; r++) {
      const p = taken[r];
      if (p === undefined) {
        unplacedReplicas++;
        continue;
      }
      replicas[v * repl + r] = input.poolNode[p] as number;
      used[p]! += size;
      heap.set(p, mostFreeFirst(p));
    }
  }
  return { replicas, poolUsedMiB: used, unplacedReplicas };
}
