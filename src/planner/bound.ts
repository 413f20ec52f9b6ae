/**
 * The sizing bound: the fewest workers of a hardware class that can hold the demand by
 * arithmetic (pods, memory, CPU at the allocation ratio — RA §Solution Sizing), plus the
 * failures it must absorb, and never fewer than the reference recommends. Below it no site can
 * validate, so the search starts there. The per-worker figures come from a compiled probe twin,
 * so they are the twin's own (reserved resources, virt-launcher overhead, CPU ratio).
 */
import { capacityFigures } from '../model/capacity.js';
import type { HardwareClass, Site, Workloads } from '../model/site.js';
import { RA_RECOMMENDED_WORKERS } from '../model/reference.js';
import { compileTwin } from '../model/twin.js';
import { formatMilli, humanMiB } from '../model/units.js';

export type BoundResource = 'pods' | 'memory' | 'cpu' | 'minimum';

export interface BoundFigures {
  /** Per worker of this class: allocatable memory, CPU, and pod slots for VMs. */
  readonly perWorker: { readonly memoryMiB: number; readonly cpuMilli: number; readonly podSlots: number };
  /** What the demand needs in all: VM pods plus the cluster and container pods spread over workers. */
  readonly demand: { readonly vms: number; readonly pods: number; readonly memoryMiB: number; readonly cpuMilli: number; readonly replicatedMiB: number };
  /** Workers each resource needs before failures. */
  readonly need: Readonly<Record<'pods' | 'memory' | 'cpu', number>>;
  readonly minimum: number;
}

export type WorkerBound =
  | {
      readonly kind: 'bound';
      readonly workers: number;
      readonly binding: BoundResource;
      /** Why one worker fewer cannot work, for people. */
      readonly below: string;
      readonly figures: BoundFigures;
    }
  | { readonly kind: 'impossible'; readonly resource: 'pods' | 'memory' | 'cpu'; readonly reason: string };

const fmt = (n: number): string => n.toLocaleString('en-US');

/** The base site with `count` workers of `hardware` running `workloads` (for the probe twin). */
export function probeSite(base: Site, className: string, hardware: HardwareClass, workloads: Workloads, count: number): Site {
  const { hostnames: _names, ...pool } = base.nodes.workers;
  const { maxStorageNodes: _max, ...portworx } = base.storage.portworx;
  return {
    ...base,
    hardware: new Map([...base.hardware, [className, hardware]]),
    nodes: { ...base.nodes, workers: { ...pool, count, hardware: className } },
    storage: { ...base.storage, portworx },
    workloads,
  };
}

/** The fewest workers of `hardware` the demand can fit on, with `tolerate` of them lost. */
export function workerBound(base: Site, className: string, hardware: HardwareClass, workloads: Workloads, tolerate: number): WorkerBound {
  const compiled = compileTwin(probeSite(base, className, hardware, workloads, 1));
  if (compiled.kind !== 'compiled') {
    return { kind: 'impossible', resource: 'memory', reason: `the base site with ${className} workers does not compile: ${compiled.findings.map((f) => f.message).join('; ')}` };
  }
  const twin = compiled.twin;
  const w = twin.workers[0] as number;
  const k8s = base.kubernetes;
  const f = capacityFigures(twin);
  const perWorker = { memoryMiB: twin.nodes.allocMemMiB[w] as number, cpuMilli: twin.nodes.allocCpuMilli[w] as number, podSlots: k8s.maxPodsPerNode - k8s.overheadPods.perNode };
  const pods = f.demand.vms + k8s.overheadPods.cluster + workloads.containerPods;

  // A VM larger than a whole worker fits on no count of them.
  for (let k = 0; k < twin.vmClasses.count; k++) {
    if ((twin.vmClasses.vmCount[k] as number) === 0) continue;
    const mem = twin.vmClasses.podMemMiB[k] as number;
    const cpu = twin.vmClasses.cpuMilli[k] as number;
    const name = twin.vmClasses.names[k] as string;
    if (mem > perWorker.memoryMiB) {
      return { kind: 'impossible', resource: 'memory', reason: `a ${name} VM needs ${humanMiB(mem)} (guest memory plus virt-launcher overhead); a ${className} worker has ${humanMiB(perWorker.memoryMiB)} allocatable (${humanMiB(hardware.memory)} less ${humanMiB(k8s.reserved.memory)} reserved)` };
    }
    if (cpu > perWorker.cpuMilli) {
      return { kind: 'impossible', resource: 'cpu', reason: `a ${name} VM requests ${formatMilli(cpu)} cores at ${k8s.cpuAllocationRatio}:1; a ${className} worker has ${formatMilli(perWorker.cpuMilli)} allocatable` };
    }
  }
  if (pods > 0 && perWorker.podSlots <= 0) {
    return { kind: 'impossible', resource: 'pods', reason: `max pods ${k8s.maxPodsPerNode} leaves no slot after the ${k8s.overheadPods.perNode} daemon pods of a node` };
  }
  const ceilDiv = (a: number, b: number): number => (a <= 0 ? 0 : Math.ceil(a / b - 1e-12));
  const need = { pods: ceilDiv(pods, perWorker.podSlots), memory: ceilDiv(f.demand.memoryMiB, perWorker.memoryMiB), cpu: ceilDiv(f.demand.cpuMilli, perWorker.cpuMilli) };
  const px = base.storage.portworx;
  const minimum = Math.max(RA_RECOMMENDED_WORKERS, px.replication, px.kvdbNodes);
  let binding: BoundResource = 'minimum';
  let workers = minimum;
  for (const r of ['pods', 'memory', 'cpu'] as const) {
    if (need[r] + tolerate > workers) {
      workers = need[r] + tolerate;
      binding = r;
    }
  }
  const figures: BoundFigures = { perWorker, demand: { vms: f.demand.vms, pods, memoryMiB: f.demand.memoryMiB, cpuMilli: f.demand.cpuMilli, replicatedMiB: f.demand.replicatedMiB }, need, minimum };
  const left = workers - 1 - tolerate;
  const lost = tolerate > 0 ? ` (${workers - 1} less ${tolerate} failed)` : '';
  const below =
    binding === 'minimum'
      ? `the reference recommends at least ${minimum} workers (RA §Hardware resources: "a minimum worker pool of 5 nodes"; Portworx repl ${px.replication}, ${px.kvdbNodes} KVDB nodes)`
      : binding === 'pods'
        ? `${left} workers${lost} give ${fmt(left * perWorker.podSlots)} pod slots (${k8s.maxPodsPerNode} − ${k8s.overheadPods.perNode} daemons each); the VMs and the ${fmt(pods - f.demand.vms)} cluster and container pods need ${fmt(pods)}`
        : binding === 'memory'
          ? `${left} workers${lost} give ${humanMiB(left * perWorker.memoryMiB)} allocatable; the VMs need ${humanMiB(f.demand.memoryMiB)} (guest memory plus virt-launcher overhead)`
          : `${left} workers${lost} give ${formatMilli(left * perWorker.cpuMilli)} cores allocatable; the VMs request ${formatMilli(f.demand.cpuMilli)} at ${k8s.cpuAllocationRatio}:1`;
  return { kind: 'bound', workers, binding, below, figures };
}

/**
 * Portworx data drives per worker for `workers` workers: the base's drive size, as many as the
 * replicated VM disks need spread over the workers (at most 64 per node, the codec's limit; past
 * it the drives grow, whole GiB at a time). `extra` adds drives when replica placement needs room.
 */
export function dataDrivesFor(replicatedMiB: number, workers: number, baseSizeMiB: number, extra = 0): { count: number; sizeMiB: number } {
  const MAX_DRIVES = 64;
  let size = baseSizeMiB;
  let count = Math.max(1, Math.ceil(replicatedMiB / (workers * size) - 1e-12)) + extra;
  if (count > MAX_DRIVES) {
    size = Math.ceil(replicatedMiB / (workers * MAX_DRIVES) / 1024) * 1024;
    count = Math.min(MAX_DRIVES, Math.max(1, Math.ceil(replicatedMiB / (workers * size) - 1e-12)) + extra);
  }
  return { count, sizeMiB: size };
}
