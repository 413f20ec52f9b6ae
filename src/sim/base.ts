/**
 * The simulator's base state: the twin's columns a drill needs, flattened into one
 * SharedArrayBuffer with named offsets, plus a small JSON header (counts, names, parameters).
 * Built once per site and drill; every run copies the mutable columns from it, and worker
 * threads map the same buffer instead of receiving a serialized copy.
 */
import { placeVms } from '../model/placement.js';
import type { Twin } from '../model/twin.js';
import type { Drill } from './drill.js';

/** The column layout: name → element type and length. */
const COLUMN_TYPES = {
  nodeRole: Uint8Array,
  nodeSpare: Uint8Array,
  nodeZone: Uint16Array,
  nodeAllocMem: Float64Array,
  nodeAllocCpu: Float64Array,
  nodeMaxPods: Uint32Array,
  nodeOtherPods: Uint32Array,
  nodeLinkMbps: Uint32Array,
  nodeSet: Int32Array,
  nodeVlanBits: Uint32Array,
  pathOffsets: Uint32Array,
  pathFabric: Uint16Array,
  pathController: Uint8Array,
  classPodMem: Float64Array,
  classCpu: Float64Array,
  classMem: Float64Array,
  classVlan: Int16Array,
  classEviction: Uint8Array,
  classDirty: Float64Array,
  vmClass: Uint16Array,
  vmNode: Int32Array,
  vmVolume: Int32Array,
  volumeSize: Float64Array,
  replicaSet: Int32Array,
  setOffsets: Uint32Array,
  setReplicas: Uint32Array,
  setReplicaSize: Float64Array,
  volumeVm: Uint32Array,
  kvdbSets: Int32Array,
} as const;

type ColumnName = keyof typeof COLUMN_TYPES;
export type Columns = { readonly [K in ColumnName]: InstanceType<(typeof COLUMN_TYPES)[K]> };

export interface PoolParams {
  readonly surge: boolean;
  readonly repaveIntervalMs: number;
  /** Cluster API nodeDrainTimeout; 0 waits forever. */
  readonly drainTimeoutMs: number;
}

/** Everything a run needs that is not a column; JSON-serializable (workers receive it as is). */
export interface BaseHeader {
  readonly site: string;
  readonly drill: string;
  readonly nodes: number;
  readonly activeNodes: number;
  readonly vms: number;
  readonly classes: number;
  readonly volumes: number;
  readonly sets: number;
  readonly replication: number;
  readonly blocks: number;
  readonly vlanWords: number;
  readonly nodeNames: readonly string[];
  readonly zoneNames: readonly string[];
  readonly fabricNames: readonly string[];
  readonly classNames: readonly string[];
  readonly controllers: number;
  /**
   * Portworx cloud drives: a new or storageless node takes over an offline node's LUNs when the
   * storage-node cap is reached (maxStorageNodes ≤ workers, behaviour.md §6); above it, new
   * nodes get new drives and the old replicas are rebuilt in full.
   */
  readonly reattach: boolean;
  readonly daemonPods: number;
  readonly migration: {
    readonly parallelPerCluster: number;
    readonly parallelOutboundPerNode: number;
    readonly bandwidthCapMbps: number;
    readonly completionTimeoutPerGiBMs: number;
    readonly progressTimeoutMs: number;
    readonly allowAutoConverge: boolean;
    readonly allowPostCopy: boolean;
    readonly downtimeTargetMs: number;
  };
  readonly descheduler: {
    readonly intervalMs: number;
    readonly thresholds: { readonly cpu: number; readonly memory: number; readonly pods: number };
    readonly targetThresholds: { readonly cpu: number; readonly memory: number; readonly pods: number };
    readonly maxPerNode: number;
    readonly maxTotal: number;
  };
  readonly pools: { readonly controlPlane: PoolParams; readonly workers: PoolParams };
  readonly layout: Readonly<Record<ColumnName, { readonly offset: number; readonly length: number }>>;
  readonly byteLength: number;
}

export interface SimBase {
  readonly header: BaseHeader;
  readonly buffer: SharedArrayBuffer | ArrayBuffer;
  readonly cols: Columns;
}

/** Map the columns onto a buffer (the main thread's or a worker's view of the same memory). */
export function mapColumns(header: BaseHeader, buffer: SharedArrayBuffer | ArrayBuffer): Columns {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(COLUMN_TYPES) as ColumnName[]) {
    const { offset, length } = header.layout[name];
    out[name] = new COLUMN_TYPES[name](buffer as ArrayBuffer, offset, length);
  }
  return out as Columns;
}

export type BaseBuild = { readonly kind: 'built'; readonly base: SimBase } | { readonly kind: 'invalid'; readonly reason: string };

/** Build the base for a drill on a twin. `shared` puts it in a SharedArrayBuffer for workers. */
export function buildBase(twin: Twin, drill: Drill, shared = true): BaseBuild {
  const { site, nodes, vmClasses, vms, px, storage } = twin;
  const N = nodes.count;
  const V = vms.count;
  const K = vmClasses.count;
  const R = px.replication;
  const S = px.pools.count;
  const Vol = px.volumes.count;

  // Initial placement: the twin's, or a skewed one with some workers empty.
  let vmNode: Int32Array = vms.node;
  if (drill.spec.emptyWorkers > 0) {
    const keep = Int32Array.from(Array.from(twin.workers).slice(0, Math.max(0, twin.workers.length - drill.spec.emptyWorkers)));
    const skew = placeVms(nodes, vmClasses, keep, V);
    if (skew.kind !== 'placed') return { kind: 'invalid', reason: `the VMs do not fit on ${keep.length} workers, so the drill cannot leave ${drill.spec.emptyWorkers} empty (${skew.unplacedCount} VMs left over)` };
    vmNode = skew.vmNode;
  }

  const lengths: Record<ColumnName, number> = {
    nodeRole: N,
    nodeSpare: N,
    nodeZone: N,
    nodeAllocMem: N,
    nodeAllocCpu: N,
    nodeMaxPods: N,
    nodeOtherPods: N,
    nodeLinkMbps: N,
    nodeSet: N,
    nodeVlanBits: N * nodes.vlanWords,
    pathOffsets: N + 1,
    pathFabric: storage.paths.hba.length,
    pathController: storage.paths.hba.length,
    classPodMem: K,
    classCpu: K,
    classMem: K,
    classVlan: K,
    classEviction: K,
    classDirty: K,
    vmClass: V,
    vmNode: V,
    vmVolume: V,
    volumeSize: Vol,
    replicaSet: Vol * R,
    setOffsets: S + 1,
    setReplicas: Vol * R,
    setReplicaSize: Vol * R,
    volumeVm: Vol,
    kvdbSets: px.kvdbNodes.length,
  };
  const layout = {} as Record<ColumnName, { offset: number; length: number }>;
  let offset = 0;
  for (const name of Object.keys(COLUMN_TYPES) as ColumnName[]) {
    const bytes = COLUMN_TYPES[name].BYTES_PER_ELEMENT;
    offset = Math.ceil(offset / 8) * 8;
    layout[name] = { offset, length: lengths[name] };
    offset += bytes * lengths[name];
  }
  const byteLength = Math.max(8, Math.ceil(offset / 8) * 8);
  const buffer = shared ? new SharedArrayBuffer(byteLength) : new ArrayBuffer(byteLength);
  const m = site.kubevirt.migration;
  const lnu = site.descheduler.lowNodeUtilization;
  const header: BaseHeader = {
    site: site.metadata.name,
    drill: drill.metadata.name,
    nodes: N,
    activeNodes: nodes.active,
    vms: V,
    classes: K,
    volumes: Vol,
    sets: S,
    replication: R,
    blocks: twin.podCidr.blocks,
    vlanWords: nodes.vlanWords,
    nodeNames: nodes.names,
    zoneNames: twin.zones,
    fabricNames: storage.fabrics,
    classNames: vmClasses.names,
    controllers: storage.controllers,
    reattach: (site.storage.portworx.maxStorageNodes ?? site.nodes.workers.count) <= site.nodes.workers.count,
    daemonPods: site.kubernetes.overheadPods.perNode,
    migration: {
      parallelPerCluster: m.parallelPerCluster,
      parallelOutboundPerNode: m.parallelOutboundPerNode,
      bandwidthCapMbps: m.bandwidthPerMigration,
      completionTimeoutPerGiBMs: m.completionTimeoutPerGiB,
      progressTimeoutMs: m.progressTimeout,
      allowAutoConverge: m.allowAutoConverge,
      allowPostCopy: m.allowPostCopy,
      downtimeTargetMs: m.downtimeTarget,
    },
    descheduler: {
      intervalMs: site.descheduler.interval,
      thresholds: { ...lnu.thresholds },
      targetThresholds: { ...lnu.targetThresholds },
      maxPerNode: site.descheduler.maxNoOfPodsToEvictPerNode ?? Number.MAX_SAFE_INTEGER,
      maxTotal: site.descheduler.maxNoOfPodsToEvictTotal ?? Number.MAX_SAFE_INTEGER,
    },
    pools: {
      controlPlane: { surge: site.nodes.controlPlane.updateStrategy === 'RollingUpdateScaleOut', repaveIntervalMs: 0, drainTimeoutMs: site.nodes.controlPlane.drainTimeout },
      workers: { surge: site.nodes.workers.updateStrategy === 'RollingUpdateScaleOut', repaveIntervalMs: site.nodes.workers.repaveInterval, drainTimeoutMs: site.nodes.workers.drainTimeout },
    },
    layout,
    byteLength,
  };
  const cols = mapColumns(header, buffer);

  for (let n = 0; n < N; n++) {
    cols.nodeRole[n] = nodes.role[n] as number;
    cols.nodeSpare[n] = nodes.spare[n] as number;
    cols.nodeZone[n] = nodes.zone[n] as number;
    cols.nodeAllocMem[n] = nodes.allocMemMiB[n] as number;
    cols.nodeAllocCpu[n] = nodes.allocCpuMilli[n] as number;
    cols.nodeMaxPods[n] = nodes.maxPods[n] as number;
    cols.nodeOtherPods[n] = nodes.spare[n] ? 0 : (nodes.otherPods[n] as number);
    cols.nodeLinkMbps[n] = nodes.migrationMbps[n] as number;
    cols.nodeSet[n] = px.poolOfNode[n] as number;
  }
  cols.nodeVlanBits.set(nodes.vmVlanBits);
  for (let n = 0; n <= N; n++) cols.pathOffsets[n] = storage.paths.offsets[n] as number;
  for (let p = 0; p < storage.paths.hba.length; p++) {
    cols.pathFabric[p] = storage.hbas.fabric[storage.paths.hba[p] as number] as number;
    cols.pathController[p] = storage.arrayPorts.controller[storage.paths.port[p] as number] as number;
  }
  const defaultDirty = drill.spec.assumptions.dirtyRate;
  for (let k = 0; k < K; k++) {
    cols.classPodMem[k] = vmClasses.podMemMiB[k] as number;
    cols.classCpu[k] = vmClasses.cpuMilli[k] as number;
    cols.classMem[k] = vmClasses.memMiB[k] as number;
    cols.classVlan[k] = vmClasses.vlan[k] as number;
    cols.classEviction[k] = vmClasses.eviction[k] as number;
    const d = vmClasses.dirtyRateMiBps[k] as number;
    cols.classDirty[k] = Number.isNaN(d) ? defaultDirty : d;
  }
  cols.vmClass.set(vms.cls);
  cols.vmNode.set(vmNode);
  cols.vmVolume.set(vms.volume);
  cols.volumeSize.set(px.volumes.sizeMiB);
  // Replicas by drive set (Portworx pool), not by machine: a drive set survives its machine.
  const counts = new Uint32Array(S);
  for (let i = 0; i < Vol * R; i++) {
    const node = px.replicas[i] as number;
    const set = node >= 0 ? (px.poolOfNode[node] as number) : -1;
    cols.replicaSet[i] = set;
    if (set >= 0) counts[set]!++;
  }
  let acc = 0;
  for (let s = 0; s < S; s++) {
    cols.setOffsets[s] = acc;
    acc += counts[s] as number;
  }
  cols.setOffsets[S] = acc;
  const fill = new Uint32Array(S);
  for (let i = 0; i < Vol * R; i++) {
    const set = cols.replicaSet[i] as number;
    if (set < 0) continue;
    const at = (cols.setOffsets[set] as number) + fill[set]!++;
    cols.setReplicas[at] = i;
    // The replica's volume size beside it: a drive set's resync reads them in order.
    cols.setReplicaSize[at] = px.volumes.sizeMiB[Math.floor(i / R)] as number;
  }
  cols.volumeVm.set(px.volumes.vm);
  for (let i = 0; i < px.kvdbNodes.length; i++) cols.kvdbSets[i] = px.poolOfNode[px.kvdbNodes[i] as number] as number;
  const impossible = startProblem(header, cols);
  if (impossible) return { kind: 'invalid', reason: impossible };
  return { kind: 'built', base: { header, buffer, cols } };
}

/**
 * A site forced past validation can describe a cluster that cannot exist: more nodes than
 * per-node blocks of the pod CIDR, or a node holding more than it can (its system pods alone
 * beyond maxPodsPerNode). The engine's invariants (no node over capacity, every node with a
 * block) would be broken before the first event, so such a start is refused with its reason.
 */
function startProblem(h: BaseHeader, c: Columns): string {
  let active = 0;
  for (let n = 0; n < h.nodes; n++) if (!c.nodeSpare[n]) active++;
  if (active > h.blocks) return `the pod CIDR has ${h.blocks} per-node blocks for ${active} nodes: the cluster as written cannot start (enlarge kubernetes.podCidr or raise nodeCidrMaskSize)`;
  const mem = new Float64Array(h.nodes);
  const cpu = new Float64Array(h.nodes);
  const pods = new Uint32Array(h.nodes);
  for (let v = 0; v < h.vms; v++) {
    const n = c.vmNode[v] as number;
    if (n < 0) continue;
    const k = c.vmClass[v] as number;
    mem[n]! += c.classPodMem[k] as number;
    cpu[n]! += c.classCpu[k] as number;
    pods[n]!++;
  }
  for (let n = 0; n < h.nodes; n++) {
    if (c.nodeSpare[n]) continue;
    const p = (pods[n] as number) + (c.nodeOtherPods[n] as number);
    if (p > (c.nodeMaxPods[n] as number) || (mem[n] as number) > (c.nodeAllocMem[n] as number) + 1e-6 || (cpu[n] as number) > (c.nodeAllocCpu[n] as number) + 1e-6) {
      return `${h.nodeNames[n]} starts over capacity (${p} pods of ${c.nodeMaxPods[n]}, ${mem[n]} of ${c.nodeAllocMem[n]} MiB, ${cpu[n]} of ${c.nodeAllocCpu[n]} millicores): the cluster as written cannot start (raise kubernetes.maxPodsPerNode or give the node more room)`;
    }
  }
  return '';
}
