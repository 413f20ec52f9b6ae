/**
 * The twin's invariants, as a list of problems (empty = they hold): every VM is accounted for
 * exactly once, no node holds more than it has, VMs run only on active workers that reach
 * their VLAN, and Portworx replicas sit on distinct storage nodes within their pools. The
 * twin tests and the generated-site properties share it; simulator invariants can build on it.
 */
import { hasVlan } from '../../src/model/placement.js';
import { ROLE_WORKER, type Twin } from '../../src/model/twin.js';

export function twinProblems(twin: Twin): string[] {
  const { nodes, vms, vmClasses, px } = twin;
  const problems: string[] = [];
  // Conservation: the VM table holds every VM of every class, each once, in its class's range.
  let requested = 0;
  for (let k = 0; k < vmClasses.count; k++) {
    const first = vmClasses.firstVm[k] as number;
    const count = vmClasses.vmCount[k] as number;
    if (first !== requested) problems.push(`class ${k} starts at VM ${first}, not ${requested}`);
    for (let v = first; v < first + count; v++) if (vms.cls[v] !== k) problems.push(`VM ${v} is class ${vms.cls[v]}, not ${k}`);
    requested += count;
  }
  if (vms.count !== requested) problems.push(`${vms.count} VMs in the table, ${requested} requested`);
  let unplaced = 0;
  const mem = new Float64Array(nodes.count);
  const cpu = new Float64Array(nodes.count);
  const pods = new Uint32Array(nodes.count);
  for (let v = 0; v < vms.count; v++) {
    const n = vms.node[v] as number;
    if (n < 0) {
      unplaced++;
      continue;
    }
    const k = vms.cls[v] as number;
    if (n >= nodes.active || nodes.role[n] !== ROLE_WORKER || nodes.spare[n] !== 0) problems.push(`VM ${v} on node ${n}, which is not an active worker`);
    if (!hasVlan(nodes, n, vmClasses.vlan[k] as number)) problems.push(`VM ${v} on node ${n}, which does not reach VLAN ${vmClasses.vlan[k]}`);
    mem[n]! += vmClasses.podMemMiB[k] as number;
    cpu[n]! += vmClasses.cpuMilli[k] as number;
    pods[n]!++;
  }
  const placement = twin.placement;
  if (placement.kind === 'placed' && unplaced > 0) problems.push(`placement says placed, but ${unplaced} VMs have no node`);
  if (placement.kind === 'unschedulable' && placement.unplacedCount !== unplaced) problems.push(`placement counts ${placement.unplacedCount} unplaced VMs, the table ${unplaced}`);
  for (let n = 0; n < nodes.count; n++) {
    if (mem[n]! > (nodes.allocMemMiB[n] as number)) problems.push(`node ${n}: ${mem[n]} MiB on ${nodes.allocMemMiB[n]} allocatable`);
    if (cpu[n]! > (nodes.allocCpuMilli[n] as number)) problems.push(`node ${n}: ${cpu[n]}m CPU on ${nodes.allocCpuMilli[n]}m allocatable`);
    if (pods[n]! + (nodes.otherPods[n] as number) > (nodes.maxPods[n] as number) && pods[n]! > 0) problems.push(`node ${n}: ${pods[n]} VM pods + ${nodes.otherPods[n]} others over max pods ${nodes.maxPods[n]}`);
    if (placement.usage.pods[n] !== pods[n] || Math.abs((placement.usage.memMiB[n] as number) - mem[n]!) > 1e-6) problems.push(`node ${n}: placement's usage disagrees with the VM table`);
  }
  // Volumes: one per VM with a disk; replicas on distinct storage nodes, pools within capacity.
  let withDisk = 0;
  for (let v = 0; v < vms.count; v++) if ((vmClasses.diskMiB[vms.cls[v] as number] as number) > 0) withDisk++;
  if (px.volumes.count !== withDisk) problems.push(`${px.volumes.count} volumes for ${withDisk} VMs with a disk`);
  const repl = px.replication;
  const used = new Float64Array(nodes.count);
  let missing = 0;
  for (let vol = 0; vol < px.volumes.count; vol++) {
    const r = Array.from(px.replicas.subarray(vol * repl, vol * repl + repl));
    const placed = r.filter((n) => n >= 0);
    missing += repl - placed.length;
    if (new Set(placed).size !== placed.length) problems.push(`volume ${vol} has two replicas on one node: ${r.join(',')}`);
    for (const n of placed) {
      if (nodes.storageNode[n] !== 1) problems.push(`volume ${vol} has a replica on storageless node ${n}`);
      used[n]! += px.volumes.sizeMiB[vol] as number;
    }
  }
  if (missing !== px.unplacedReplicas) problems.push(`${missing} replicas missing, ${px.unplacedReplicas} counted`);
  for (let p = 0; p < px.pools.count; p++) {
    const n = px.pools.node[p] as number;
    if ((px.pools.usedMiB[p] as number) > (px.pools.capacityMiB[p] as number) + 1e-6) problems.push(`pool ${p} over capacity`);
    if (Math.abs(used[n]! - (px.pools.usedMiB[p] as number)) > 1e-3) problems.push(`pool ${p}: ${px.pools.usedMiB[p]} MiB counted, replicas hold ${used[n]}`);
  }
  return problems.slice(0, 20);
}
