/**
 * The twin: a site compiled into a dense model.
 *
 * Every object gets a dense integer id; everything the simulator touches per event is a
 * typed-array column indexed by that id (struct of arrays); relations are CSR offsets or id
 * columns. Names live beside the columns for output. The graphs (graphology) answer the
 * topology questions. Compilation is a pure function of the site: the same site gives the same
 * twin, byte for byte.
 */
import { cidrSize, type VlanSet } from './cidr.js';
import type { Path, Report } from './codec.js';
import { defaultHostnames } from './hostnames.js';
import { resolveRoleNetwork, type RoleNetwork } from './hostnet.js';
import { EVICTION_CODE, virtLauncherOverheadMiB, vmCpuRequestMilli } from './overhead.js';
import { placeReplicas, placeVms, type PlacementOutcome } from './placement.js';
import { bondModeNumber } from './reference.js';
import type { HardwareClass, Site } from './site.js';
import { Topology } from './topology.js';

/** A problem found while checking or compiling a site, before it gets a line and column. */
export type Finding = Report & { readonly path: Path };

export const ROLE_CONTROL_PLANE = 0;
export const ROLE_WORKER = 1;
export type RoleName = 'controlPlane' | 'workers';
export const ROLE_NAMES: readonly RoleName[] = ['controlPlane', 'workers'];

export const LUN_DATA = 0;
export const LUN_METADATA = 1;
export const LUN_JOURNAL = 2;

export const PROTOCOL_FC = 0;
export const PROTOCOL_ISCSI = 1;

/** 4096 VLAN ids / 32 bits. */
export const VLAN_WORDS = 128;

export interface NodeTable {
  readonly count: number;
  /** Nodes in the cluster (control plane + workers), ids 0..active-1; spares follow. */
  readonly active: number;
  readonly names: readonly string[];
  readonly role: Uint8Array;
  /** 1 for a free machine kept in the pool for surge repaves. */
  readonly spare: Uint8Array;
  readonly hardware: Uint16Array;
  readonly zone: Uint16Array;
  readonly cores: Uint32Array;
  readonly memMiB: Uint32Array;
  readonly allocCpuMilli: Uint32Array;
  readonly allocMemMiB: Uint32Array;
  readonly maxPods: Uint32Array;
  /** Pods on the node that are not VMs: per-node daemons plus its share of cluster and container pods. */
  readonly otherPods: Uint32Array;
  /** maxPods − otherPods on active workers; 0 elsewhere (VMs run on workers). */
  readonly vmPodSlots: Uint32Array;
  /** Index of the node's pod CIDR block, -1 when it has none. */
  readonly podBlock: Int32Array;
  readonly migrationMbps: Uint32Array;
  /** 1 when the node is a Portworx storage node. */
  readonly storageNode: Uint8Array;
  readonly vlanWords: number;
  /** VLANs a VM on the node can use, a bit per VLAN id, VLAN_WORDS words per node. */
  readonly vmVlanBits: Uint32Array;
}

export interface IfaceTable {
  readonly count: number;
  readonly node: Uint32Array;
  readonly names: readonly string[];
  readonly speedMbps: Uint32Array;
}

export interface HostNetTables {
  readonly nics: IfaceTable;
  readonly bonds: IfaceTable & { readonly mode: Uint8Array; readonly memberOffsets: Uint32Array; readonly members: Uint32Array };
  readonly vlanIfs: IfaceTable & { readonly vlan: Uint16Array };
  readonly bridges: IfaceTable;
}

export interface StorageTables {
  readonly protocol: number;
  readonly fabrics: readonly string[];
  readonly controllers: number;
  readonly arrayPorts: { readonly count: number; readonly names: readonly string[]; readonly controller: Uint8Array; readonly fabric: Uint16Array };
  readonly hbas: { readonly count: number; readonly node: Uint32Array; readonly names: readonly string[]; readonly fabric: Uint16Array; readonly protocol: Uint8Array; readonly speedMbps: Uint32Array };
  /** Multipath paths per node, CSR: paths of node n are offsets[n]..offsets[n+1]. */
  readonly paths: { readonly offsets: Uint32Array; readonly hba: Uint32Array; readonly port: Uint32Array };
  readonly luns: { readonly count: number; readonly node: Uint32Array; readonly kind: Uint8Array; readonly sizeMiB: Float64Array; readonly names: readonly string[] };
}

export interface PortworxTables {
  readonly replication: number;
  readonly storageNodes: number;
  readonly kvdbNodes: Int32Array;
  readonly pools: { readonly count: number; readonly node: Uint32Array; readonly capacityMiB: Float64Array; readonly usedMiB: Float64Array };
  readonly poolOfNode: Int32Array;
  readonly volumes: { readonly count: number; readonly vm: Uint32Array; readonly sizeMiB: Float64Array };
  /** volumes × replication storage-node ids, -1 where a replica could not be placed. */
  readonly replicas: Int32Array;
  readonly unplacedReplicas: number;
}

export interface VmClassTable {
  readonly count: number;
  readonly names: readonly string[];
  readonly vcpu: Uint32Array;
  readonly memMiB: Uint32Array;
  readonly overheadMiB: Uint32Array;
  /** Guest memory + virt-launcher overhead: what the pod requests. */
  readonly podMemMiB: Uint32Array;
  readonly cpuMilli: Uint32Array;
  readonly diskMiB: Float64Array;
  readonly eviction: Uint8Array;
  /** VLAN id, -1 for the pod network. */
  readonly vlan: Int16Array;
  readonly dirtyRateMiBps: Float64Array;
  readonly vmCount: Uint32Array;
  readonly firstVm: Uint32Array;
}

export interface VmTable {
  readonly count: number;
  readonly cls: Uint16Array;
  /** Initial placement: node id, -1 when unplaced. */
  readonly node: Int32Array;
  /** Portworx volume id, -1 when the VM has no disk. */
  readonly volume: Int32Array;
}

export interface PodCidrFigures {
  readonly blocks: number;
  readonly blockPrefix: number;
  readonly addressesPerBlock: number;
  /** Blocks surge repaves need kept free: 1 when a pool repaves with surge, else 0. */
  readonly spareNeeded: number;
}

export interface Twin {
  readonly site: Site;
  readonly hardwareNames: readonly string[];
  readonly hardwareOf: (node: number) => HardwareClass;
  readonly zones: readonly string[];
  readonly roleNetworks: Readonly<Record<RoleName, RoleNetwork>>;
  readonly nodes: NodeTable;
  readonly hostNet: HostNetTables;
  readonly storage: StorageTables;
  readonly px: PortworxTables;
  readonly vmClasses: VmClassTable;
  readonly vms: VmTable;
  readonly podCidr: PodCidrFigures;
  readonly placement: PlacementOutcome;
  readonly topology: Topology;
  readonly roleOf: (node: number) => RoleName;
  /** Active worker ids, in order. */
  readonly workers: Int32Array;
}

export type CompileResult = { readonly kind: 'compiled'; readonly twin: Twin } | { readonly kind: 'invalid'; readonly findings: readonly Finding[] };

function vlanBitsOf(set: VlanSet, out: Uint32Array, offset: number): void {
  for (const [lo, hi] of set) for (let v = lo; v <= hi; v++) out[offset + (v >>> 5)]! |= 1 << (v & 31);
}

/**
 * Portworx cloudStorage.maxStorageNodes as configured: the site's value, else the worker count
 * (RA §Portworx layer: "set this variable to the number of worker nodes in the cluster").
 */
export function maxStorageNodesOf(site: Site): number {
  return site.storage.portworx.maxStorageNodes ?? site.nodes.workers.count;
}

/** The names each pool's machines get: its hostnames, or the defaults. */
export function poolHostnames(site: Site, role: RoleName): string[] {
  const pool = site.nodes[role];
  return pool.hostnames ?? defaultHostnames(role === 'controlPlane' ? 'cp' : 'worker', pool.count + pool.spares);
}

/** Structural checks compilation depends on: references resolve, names are unique. */
export function structuralFindings(site: Site): Finding[] {
  const out: Finding[] = [];
  const hwNames = [...site.hardware.keys()];
  for (const role of ROLE_NAMES) {
    const pool = site.nodes[role];
    if (!site.hardware.has(pool.hardware)) {
      out.push({
        path: ['nodes', role, 'hardware'],
        code: 'unknown-reference',
        message: `hardware class "${pool.hardware}" is not defined`,
        hint: hwNames.length ? `use one of: ${hwNames.join(', ')}` : 'define it under hardware:',
      });
    }
    const names = poolHostnames(site, role);
    if (pool.hostnames !== undefined && names.length !== pool.count + pool.spares) {
      out.push({
        path: ['nodes', role, 'hostnames'],
        code: 'hostnames-count-mismatch',
        message: `${names.length} hostname${names.length === 1 ? '' : 's'} for ${pool.count} machine${pool.count === 1 ? '' : 's'}${pool.spares ? ` and ${pool.spares} spare${pool.spares === 1 ? '' : 's'}` : ''}`,
        hint: `give ${pool.count + pool.spares} names (count + spares), e.g. "${role === 'controlPlane' ? 'cp' : 'worker'}-{1..${pool.count + pool.spares}}"`,
      });
    }
  }
  const seen = new Map<string, RoleName>();
  for (const role of ROLE_NAMES) {
    for (const h of poolHostnames(site, role)) {
      const prev = seen.get(h);
      if (prev !== undefined) {
        out.push({ path: ['nodes', role, 'hostnames'], code: 'duplicate-name', message: `hostname "${h}" is used twice${prev !== role ? ` (also in nodes.${prev})` : ''}`, hint: 'give every machine its own hostname' });
        break;
      }
      seen.set(h, role);
    }
  }
  return out;
}

/** Compile a loaded site into its twin. Returns the structural findings instead when references do not resolve. */
export function compileTwin(site: Site): CompileResult {
  const findings = structuralFindings(site);
  if (findings.length) return { kind: 'invalid', findings };

  const hardwareNames = [...site.hardware.keys()];
  const hwIndex = new Map(hardwareNames.map((h, i) => [h, i] as const));
  const hw = (name: string): HardwareClass => site.hardware.get(name) as HardwareClass;
  const cpPool = site.nodes.controlPlane;
  const wPool = site.nodes.workers;
  const roleNetworks: Record<RoleName, RoleNetwork> = {
    controlPlane: resolveRoleNetwork(site, hw(cpPool.hardware), 'controlPlane'),
    workers: resolveRoleNetwork(site, hw(wPool.hardware), 'workers'),
  };

  // ---- nodes: active control plane, active workers, then the spares of each pool.
  const cpNames = poolHostnames(site, 'controlPlane');
  const wNames = poolHostnames(site, 'workers');
  type Entry = { name: string; role: number; spare: boolean; pool: RoleName; index: number };
  const entries: Entry[] = [];
  cpNames.slice(0, cpPool.count).forEach((name, index) => entries.push({ name, role: ROLE_CONTROL_PLANE, spare: false, pool: 'controlPlane', index }));
  wNames.slice(0, wPool.count).forEach((name, index) => entries.push({ name, role: ROLE_WORKER, spare: false, pool: 'workers', index }));
  cpNames.slice(cpPool.count).forEach((name, i) => entries.push({ name, role: ROLE_CONTROL_PLANE, spare: true, pool: 'controlPlane', index: cpPool.count + i }));
  wNames.slice(wPool.count).forEach((name, i) => entries.push({ name, role: ROLE_WORKER, spare: true, pool: 'workers', index: wPool.count + i }));
  const N = entries.length;
  const active = cpPool.count + wPool.count;

  const zones: string[] = [];
  const zoneIndex = (z: string): number => {
    let i = zones.indexOf(z);
    if (i < 0) i = zones.push(z) - 1;
    return i;
  };
  for (const role of ROLE_NAMES) for (const z of site.nodes[role].zone) zoneIndex(z);

  const k8s = site.kubernetes;
  const nodes = {
    count: N,
    active,
    names: entries.map((e) => e.name),
    role: new Uint8Array(N),
    spare: new Uint8Array(N),
    hardware: new Uint16Array(N),
    zone: new Uint16Array(N),
    cores: new Uint32Array(N),
    memMiB: new Uint32Array(N),
    allocCpuMilli: new Uint32Array(N),
    allocMemMiB: new Uint32Array(N),
    maxPods: new Uint32Array(N),
    otherPods: new Uint32Array(N),
    vmPodSlots: new Uint32Array(N),
    podBlock: new Int32Array(N).fill(-1),
    migrationMbps: new Uint32Array(N),
    storageNode: new Uint8Array(N),
    vlanWords: VLAN_WORDS,
    vmVlanBits: new Uint32Array(N * VLAN_WORDS),
  } satisfies NodeTable;

  const podPrefix = k8s.podCidr.prefix;
  const blocks = k8s.nodeCidrMaskSize >= podPrefix ? 2 ** (k8s.nodeCidrMaskSize - podPrefix) : 0;
  entries.forEach((e, n) => {
    const pool = site.nodes[e.pool];
    const cls = hw(pool.hardware);
    nodes.role[n] = e.role;
    nodes.spare[n] = e.spare ? 1 : 0;
    nodes.hardware[n] = hwIndex.get(pool.hardware) ?? 0;
    nodes.zone[n] = zoneIndex(pool.zone[e.index % pool.zone.length] as string);
    nodes.cores[n] = cls.cores;
    nodes.memMiB[n] = cls.memory;
    nodes.allocCpuMilli[n] = Math.max(0, cls.cores * 1000 - k8s.reserved.cpu);
    nodes.allocMemMiB[n] = Math.max(0, cls.memory - k8s.reserved.memory);
    nodes.maxPods[n] = k8s.maxPodsPerNode;
    if (!e.spare && n < blocks) nodes.podBlock[n] = n;
    const net = roleNetworks[e.pool];
    nodes.migrationMbps[n] = net.migrationMbps;
    if (e.pool === 'workers') vlanBitsOf(net.vmVlans, nodes.vmVlanBits, n * VLAN_WORDS);
  });

  // ---- pods that are not VMs: daemons everywhere; cluster and container pods spread over workers.
  const workers = new Int32Array(wPool.count).map((_, i) => cpPool.count + i);
  const spreadOver = workers.length > 0 ? workers : new Int32Array(cpPool.count).map((_, i) => i);
  for (let n = 0; n < active; n++) nodes.otherPods[n] = k8s.overheadPods.perNode;
  const shared = k8s.overheadPods.cluster + site.workloads.containerPods;
  if (spreadOver.length > 0) {
    const base = Math.floor(shared / spreadOver.length);
    const extra = shared % spreadOver.length;
    spreadOver.forEach((n, i) => {
      nodes.otherPods[n]! += base + (i < extra ? 1 : 0);
    });
  }
  for (const n of workers) nodes.vmPodSlots[n] = Math.max(0, (nodes.maxPods[n] as number) - (nodes.otherPods[n] as number));

  // ---- host network instances per node.
  const hostNet = buildHostNet(entries.map((e) => roleNetworks[e.pool]));

  // ---- storage paths.
  const storage = buildStorage(site, entries.map((e) => hw(site.nodes[e.pool].hardware)), workers);

  // ---- Portworx storage nodes, pools and LUNs.
  const px = site.storage.portworx;
  const maxStorage = maxStorageNodesOf(site);
  const storageIds = Array.from(workers.slice(0, Math.min(maxStorage, workers.length)));
  for (const n of storageIds) nodes.storageNode[n] = 1;
  const poolOfNode = new Int32Array(N).fill(-1);
  storageIds.forEach((n, p) => {
    poolOfNode[n] = p;
  });
  const poolCapacity = new Float64Array(storageIds.length).fill(px.dataDrives.count * px.dataDrives.size);
  const lunNode: number[] = [];
  const lunKind: number[] = [];
  const lunSize: number[] = [];
  const lunNames: string[] = [];
  for (const n of storageIds) {
    for (let d = 0; d < px.dataDrives.count; d++) {
      lunNode.push(n);
      lunKind.push(LUN_DATA);
      lunSize.push(px.dataDrives.size);
      lunNames.push(`data-${d}`);
    }
    lunNode.push(n, n);
    lunKind.push(LUN_METADATA, LUN_JOURNAL);
    lunSize.push(px.metadataDrive, px.journal);
    lunNames.push('metadata', 'journal');
  }
  const luns = { count: lunNode.length, node: Uint32Array.from(lunNode), kind: Uint8Array.from(lunKind), sizeMiB: Float64Array.from(lunSize), names: lunNames };
  const storageWithLuns: StorageTables = { ...storage, luns };

  // ---- VM classes and VMs.
  const classes = site.workloads.vmClasses;
  const K = classes.length;
  const vmClasses: VmClassTable = {
    count: K,
    names: classes.map((c) => c.name),
    vcpu: Uint32Array.from(classes.map((c) => c.vcpu)),
    memMiB: Uint32Array.from(classes.map((c) => c.memory)),
    overheadMiB: Uint32Array.from(classes.map((c) => virtLauncherOverheadMiB(c.memory, c.vcpu))),
    podMemMiB: Uint32Array.from(classes.map((c) => c.memory + virtLauncherOverheadMiB(c.memory, c.vcpu))),
    cpuMilli: Uint32Array.from(classes.map((c) => vmCpuRequestMilli(c.vcpu, k8s.cpuAllocationRatio))),
    diskMiB: Float64Array.from(classes.map((c) => c.disk)),
    eviction: Uint8Array.from(classes.map((c) => EVICTION_CODE[c.evictionStrategy])),
    vlan: Int16Array.from(classes.map((c) => c.vlan ?? -1)),
    dirtyRateMiBps: Float64Array.from(classes.map((c) => c.dirtyRate ?? NaN)),
    vmCount: Uint32Array.from(classes.map((c) => c.count)),
    firstVm: new Uint32Array(K),
  };
  let V = 0;
  for (let k = 0; k < K; k++) {
    vmClasses.firstVm[k] = V;
    V += vmClasses.vmCount[k] as number;
  }
  const cls = new Uint16Array(V);
  for (let k = 0; k < K; k++) cls.fill(k, vmClasses.firstVm[k], (vmClasses.firstVm[k] as number) + (vmClasses.vmCount[k] as number));

  const placement = placeVms(nodes, vmClasses, workers, V);

  // ---- one Portworx volume per VM disk, replicas on distinct storage nodes.
  const volumeOfVm = new Int32Array(V).fill(-1);
  const volVm: number[] = [];
  const volSize: number[] = [];
  for (let v = 0; v < V; v++) {
    const size = vmClasses.diskMiB[cls[v] as number] as number;
    if (size > 0) {
      volumeOfVm[v] = volVm.length;
      volVm.push(v);
      volSize.push(size);
    }
  }
  const volumeSizeMiB = Float64Array.from(volSize);
  const replicaOut = placeReplicas({
    poolOfNode,
    poolNode: Uint32Array.from(storageIds),
    poolCapacityMiB: poolCapacity,
    nodeZone: nodes.zone,
    replication: px.replication,
    volumeSizeMiB,
    volumeHome: Int32Array.from(volVm, (vm) => placement.vmNode[vm] as number),
  });
  const kvdb = new Int32Array(Math.min(px.kvdbNodes, storageIds.length));
  for (let i = 0; i < kvdb.length; i++) kvdb[i] = storageIds[i] as number;

  const pxTables: PortworxTables = {
    replication: px.replication,
    storageNodes: storageIds.length,
    kvdbNodes: kvdb,
    pools: { count: storageIds.length, node: Uint32Array.from(storageIds), capacityMiB: poolCapacity, usedMiB: replicaOut.poolUsedMiB },
    poolOfNode,
    volumes: { count: volVm.length, vm: Uint32Array.from(volVm), sizeMiB: volumeSizeMiB },
    replicas: replicaOut.replicas,
    unplacedReplicas: replicaOut.unplacedReplicas,
  };

  const spareNeeded = cpPool.updateStrategy === 'RollingUpdateScaleOut' || wPool.updateStrategy === 'RollingUpdateScaleOut' ? 1 : 0;
  const roleOf = (n: number): RoleName => (nodes.role[n] === ROLE_CONTROL_PLANE ? 'controlPlane' : 'workers');
  const topology = new Topology({
    hostnames: nodes.names,
    roleNetwork: (n) => roleNetworks[roleOf(n)],
    hbas: storage.hbas,
    fabrics: storage.fabrics,
    arrayPorts: storage.arrayPorts,
    controllers: storage.controllers,
    luns,
  });

  const twin: Twin = {
    site,
    hardwareNames,
    hardwareOf: (n) => hw(hardwareNames[nodes.hardware[n] as number] as string),
    zones,
    roleNetworks,
    nodes,
    hostNet,
    storage: storageWithLuns,
    px: pxTables,
    vmClasses,
    vms: { count: V, cls, node: placement.vmNode, volume: volumeOfVm },
    podCidr: { blocks, blockPrefix: k8s.nodeCidrMaskSize, addressesPerBlock: cidrSize({ prefix: k8s.nodeCidrMaskSize }), spareNeeded },
    placement,
    topology,
    roleOf,
    workers,
  };
  return { kind: 'compiled', twin };
}

function buildHostNet(perNode: readonly RoleNetwork[]): HostNetTables {
  const nic = { node: [] as number[], names: [] as string[], speed: [] as number[] };
  const bond = { node: [] as number[], names: [] as string[], speed: [] as number[], mode: [] as number[], offsets: [0] as number[], members: [] as number[] };
  const vlan = { node: [] as number[], names: [] as string[], speed: [] as number[], vlan: [] as number[] };
  const br = { node: [] as number[], names: [] as string[], speed: [] as number[] };
  perNode.forEach((net, n) => {
    const nicId = new Map<string, number>();
    for (const i of net.interfaces) {
      if (i.kind === 'nic') {
        nicId.set(i.name, nic.node.length);
        nic.node.push(n);
        nic.names.push(i.name);
        nic.speed.push(i.speedMbps);
      }
    }
    for (const i of net.interfaces) {
      if (i.kind === 'bond') {
        bond.node.push(n);
        bond.names.push(i.name);
        bond.speed.push(i.speedMbps);
        bond.mode.push(bondModeNumber(i.mode));
        for (const m of i.members) {
          const id = nicId.get(m);
          if (id !== undefined) bond.members.push(id);
        }
        bond.offsets.push(bond.members.length);
      } else if (i.kind === 'vlan') {
        vlan.node.push(n);
        vlan.names.push(i.name);
        vlan.speed.push(i.speedMbps);
        vlan.vlan.push(i.vlan);
      } else if (i.kind === 'bridge') {
        br.node.push(n);
        br.names.push(i.name);
        br.speed.push(i.speedMbps);
      }
    }
  });
  return {
    nics: { count: nic.node.length, node: Uint32Array.from(nic.node), names: nic.names, speedMbps: Uint32Array.from(nic.speed) },
    bonds: {
      count: bond.node.length,
      node: Uint32Array.from(bond.node),
      names: bond.names,
      speedMbps: Uint32Array.from(bond.speed),
      mode: Uint8Array.from(bond.mode),
      memberOffsets: Uint32Array.from(bond.offsets),
      members: Uint32Array.from(bond.members),
    },
    vlanIfs: { count: vlan.node.length, node: Uint32Array.from(vlan.node), names: vlan.names, speedMbps: Uint32Array.from(vlan.speed), vlan: Uint16Array.from(vlan.vlan) },
    bridges: { count: br.node.length, node: Uint32Array.from(br.node), names: br.names, speedMbps: Uint32Array.from(br.speed) },
  };
}

/**
 * Array ports are spread evenly over the controllers; within a controller they alternate over
 * the fabrics (FlashArray cabling practice: every controller on both fabrics). Names follow
 * Purity: CT0.FC0, CT0.FC1, … (CT0.ETH… for iSCSI).
 */
function buildStorage(site: Site, hardwareOfNode: readonly HardwareClass[], workers: Int32Array): Omit<StorageTables, 'luns'> {
  const arr = site.storage.array;
  const fabrics: string[] = [];
  const fabricIndex = (f: string): number => {
    let i = fabrics.indexOf(f);
    if (i < 0) i = fabrics.push(f) - 1;
    return i;
  };
  const workerSet = new Set(workers);
  const hbaNode: number[] = [];
  const hbaNames: string[] = [];
  const hbaFabric: number[] = [];
  const hbaProto: number[] = [];
  const hbaSpeed: number[] = [];
  hardwareOfNode.forEach((cls, n) => {
    for (const h of cls.hbas) {
      hbaNode.push(n);
      hbaNames.push(h.name);
      hbaFabric.push(fabricIndex(h.fabric));
      hbaProto.push(h.protocol === 'fc' ? PROTOCOL_FC : PROTOCOL_ISCSI);
      hbaSpeed.push(h.speed);
    }
  });
  // The array is cabled to the fabrics the workers use (A and B when none are given).
  const workerFabrics = [...new Set(hbaNode.map((n, i) => (workerSet.has(n) ? (hbaFabric[i] as number) : -1)).filter((f) => f >= 0))].sort((a, b) => a - b);
  const arrayFabrics = workerFabrics.length ? workerFabrics : [fabricIndex('A'), fabricIndex('B')];
  const controllers = arr.controllers;
  const portsPer = Math.ceil(arr.ports / controllers);
  const portCtrl: number[] = [];
  const portFabric: number[] = [];
  const portNames: string[] = [];
  const kind = arr.protocol === 'fc' ? 'FC' : 'ETH';
  for (let p = 0; p < arr.ports; p++) {
    const c = Math.min(controllers - 1, Math.floor(p / portsPer));
    const within = p - c * portsPer;
    portCtrl.push(c);
    portFabric.push(arrayFabrics[within % arrayFabrics.length] as number);
    portNames.push(`CT${c}.${kind}${within}`);
  }
  const proto = arr.protocol === 'fc' ? PROTOCOL_FC : PROTOCOL_ISCSI;
  const offsets = new Uint32Array(hardwareOfNode.length + 1);
  const pathHba: number[] = [];
  const pathPort: number[] = [];
  let h = 0;
  for (let n = 0; n < hardwareOfNode.length; n++) {
    offsets[n] = pathHba.length;
    while (h < hbaNode.length && hbaNode[h] === n) {
      if (hbaProto[h] === proto) {
        for (let p = 0; p < portFabric.length; p++) {
          if (portFabric[p] === hbaFabric[h]) {
            pathHba.push(h);
            pathPort.push(p);
          }
        }
      }
      h++;
    }
  }
  offsets[hardwareOfNode.length] = pathHba.length;
  return {
    protocol: proto,
    fabrics,
    controllers,
    arrayPorts: { count: portNames.length, names: portNames, controller: Uint8Array.from(portCtrl), fabric: Uint16Array.from(portFabric) },
    hbas: { count: hbaNode.length, node: Uint32Array.from(hbaNode), names: hbaNames, fabric: Uint16Array.from(hbaFabric), protocol: Uint8Array.from(hbaProto), speedMbps: Uint32Array.from(hbaSpeed) },
    paths: { offsets, hba: Uint32Array.from(pathHba), port: Uint32Array.from(pathPort) },
  };
}
