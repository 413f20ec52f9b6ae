/**
 * Capacity rules: the VMs against max pods, memory, CPU at the allocation ratio and storage
 * (RA §Solution Sizing), and the placement that proves they fit node by node.
 */
import { capacityFigures } from '../capacity.js';
import { formatMilli, humanMiB } from '../units.js';
import type { Finding, Twin } from '../twin.js';

export function capacityRules(twin: Twin, out: Finding[]): void {
  const { site, nodes, vmClasses } = twin;
  const f = capacityFigures(twin);
  const workers = twin.workers.length;
  // Pods that are not VMs (daemons on every node, cluster and container pods spread over the
  // workers) must fit under max pods by themselves, VMs or not.
  let crowded = -1;
  for (let n = 0; n < nodes.count; n++) {
    if (nodes.spare[n]) continue;
    if ((nodes.otherPods[n] as number) > (nodes.maxPods[n] as number) && (crowded < 0 || (nodes.otherPods[n] as number) > (nodes.otherPods[crowded] as number))) crowded = n;
  }
  if (crowded >= 0) {
    out.push({
      path: ['kubernetes', 'maxPodsPerNode'],
      code: 'pods-exceed-capacity',
      message: `${nodes.names[crowded]} runs ${nodes.otherPods[crowded]} pods that are not VMs (${site.kubernetes.overheadPods.perNode} daemons per node, plus its share of ${site.kubernetes.overheadPods.cluster} cluster and ${site.workloads.containerPods} container pods) but takes at most ${nodes.maxPods[crowded]} pods`,
      hint: 'raise kubernetes.maxPodsPerNode (the RA uses 250; a /24 block allows up to 254), or add workers to spread the cluster pods — RA §Solution Sizing',
    });
  }
  const vmPods = f.demand.vms;
  if (vmPods > f.pods.vmSlotsOnWorkers) {
    out.push({
      path: ['workloads', 'vmClasses'],
      code: 'pods-exceed-capacity',
      message: `${vmPods} VM pods need more than the ${f.pods.vmSlotsOnWorkers} pod slots left on ${workers} workers (max pods ${f.pods.perNode} each, less ${site.kubernetes.overheadPods.perNode} daemons, ${site.kubernetes.overheadPods.cluster} cluster pods and ${site.workloads.containerPods} container pods)`,
      hint: 'add workers, raise kubernetes.maxPodsPerNode (the /24 block allows up to 254), or run fewer VMs — RA §Solution Sizing',
    });
  }
  if (f.demand.memoryMiB > f.supply.memoryMiB) {
    out.push({
      path: ['workloads', 'vmClasses'],
      code: 'memory-exceeds-capacity',
      message: `the VMs need ${humanMiB(f.demand.memoryMiB)} (guest memory plus virt-launcher overhead); ${workers} workers have ${humanMiB(f.supply.memoryMiB)} allocatable`,
      hint: 'add workers or memory per worker (hardware.<class>.memory), or reduce the VMs',
    });
  }
  if (f.demand.cpuMilli > f.supply.cpuMilli) {
    out.push({
      path: ['workloads', 'vmClasses'],
      code: 'cpu-exceeds-ratio',
      message: `${f.demand.vcpu} vCPUs at ${site.kubernetes.cpuAllocationRatio}:1 request ${formatMilli(f.demand.cpuMilli)} cores; ${workers} workers have ${formatMilli(f.supply.cpuMilli)} allocatable`,
      hint: 'add workers or cores, or raise kubernetes.cpuAllocationRatio (RA default 10:1)',
    });
  }
  if (f.demand.replicatedMiB > f.supply.portworxPoolMiB) {
    out.push({
      path: ['storage', 'portworx', 'dataDrives'],
      code: 'storage-exceeds-capacity',
      message: `the VM disks need ${humanMiB(f.demand.replicatedMiB)} with repl ${site.storage.portworx.replication}; the Portworx pool has ${humanMiB(f.supply.portworxPoolMiB)}`,
      hint: 'add data drives per worker (storage.portworx.dataDrives.count or .size)',
    });
  }
  if (f.demand.replicatedMiB > f.supply.arrayEffectiveMiB) {
    out.push({
      path: ['storage', 'array', 'usable'],
      code: 'storage-exceeds-capacity',
      message: `the VM disks need ${humanMiB(f.demand.replicatedMiB)} with repl ${site.storage.portworx.replication}; the array holds ${humanMiB(f.supply.arrayEffectiveMiB)} (${humanMiB(site.storage.array.usable)} usable × ${site.storage.array.dataReduction} data reduction)`,
      hint: 'a larger array, or a realistic data-reduction ratio measured on your data',
    });
  }
  // A class that fits on no worker at all.
  let maxMem = 0;
  let maxCpu = 0;
  for (const n of twin.workers) {
    maxMem = Math.max(maxMem, nodes.allocMemMiB[n] as number);
    maxCpu = Math.max(maxCpu, nodes.allocCpuMilli[n] as number);
  }
  const tooBig = new Set<number>();
  for (let k = 0; k < vmClasses.count; k++) {
    const mem = vmClasses.podMemMiB[k] as number;
    const cpu = vmClasses.cpuMilli[k] as number;
    if (workers > 0 && (mem > maxMem || cpu > maxCpu)) {
      tooBig.add(k);
      out.push({
        path: ['workloads', 'vmClasses', k],
        code: 'vm-exceeds-node',
        message: `a ${vmClasses.names[k]} VM needs ${humanMiB(mem)} and ${formatMilli(cpu)} cores; the largest worker has ${humanMiB(maxMem)} and ${formatMilli(maxCpu)} allocatable`,
        hint: 'use a larger hardware class for the workers, or a smaller VM class',
      });
    }
  }
  if (twin.placement.kind === 'unschedulable') {
    const rest = twin.placement.unplaced.filter((u) => !tooBig.has(u.cls));
    const aggregate = out.some((o) => ['pods-exceed-capacity', 'memory-exceeds-capacity', 'cpu-exceeds-ratio'].includes(o.code));
    if (rest.length && !aggregate) {
      out.push({
        path: ['workloads', 'vmClasses'],
        code: 'placement-failed',
        message: `${rest.reduce((a, u) => a + u.count, 0)} VMs could not be placed: ${rest.map((u) => `${u.count} ${u.className} (short of ${u.short.join(', ')})`).join('; ')}`,
        hint: 'the totals fit but the pieces do not: nodes run out of one resource before the others; add workers or rebalance the VM mix',
      });
    }
  }
}
