/**
 * The twin's graphs: the L2 topology of every node (NIC → bond → VLAN interface / bridge →
 * network) and the storage paths (host → HBA port → fabric → array port → controller → array
 * → LUN), as graphology directed graphs built when first asked for, with the two questions
 * people ask of them.
 */
import { DirectedGraph as GraphologyDirected } from 'graphology';
import type { Attributes } from 'graphology-types';
import { vlanSetMinus, normalizeVlans, vlanSetIds, type VlanSet } from './cidr.js';
import type { RoleNetwork } from './hostnet.js';

type DirectedGraph = GraphologyDirected<Attributes, Attributes, Attributes>;

export interface TopologyInput {
  readonly hostnames: readonly string[];
  readonly roleNetwork: (node: number) => RoleNetwork;
  readonly hbas: { readonly count: number; readonly node: ArrayLike<number>; readonly names: readonly string[]; readonly fabric: ArrayLike<number> };
  readonly fabrics: readonly string[];
  readonly arrayPorts: { readonly count: number; readonly names: readonly string[]; readonly fabric: ArrayLike<number>; readonly controller: ArrayLike<number> };
  readonly controllers: number;
  readonly luns: { readonly count: number; readonly node: ArrayLike<number>; readonly names: readonly string[] };
}

export interface ArrayPaths {
  /** Multipath paths: every (HBA port, array port) pair on a shared fabric. */
  readonly paths: number;
  /** Vertex-disjoint paths host → array (HBA, fabric, port and controller used once each). */
  readonly independent: number;
  readonly fabrics: readonly string[];
}

export class Topology {
  private l2Graph: DirectedGraph | undefined;
  private storageGraph: DirectedGraph | undefined;
  private hbasByNode: number[][] | undefined;

  constructor(private readonly input: TopologyInput) {}

  /**
   * The L2 graph, built when first asked for: only `vmVlans` and readers of the graph need it,
   * and building it (a vertex per interface of every node) was a third of a small site's compile.
   */
  get l2(): DirectedGraph {
    if (!this.l2Graph) {
      this.l2Graph = new GraphologyDirected({ allowSelfLoops: false });
      this.buildL2(this.l2Graph);
    }
    return this.l2Graph;
  }

  /** The storage graph, built when first asked for (`arrayPaths` answers from the tables it is built from). */
  get storage(): DirectedGraph {
    if (!this.storageGraph) {
      this.storageGraph = new GraphologyDirected({ allowSelfLoops: false });
      this.buildStorage(this.storageGraph);
    }
    return this.storageGraph;
  }

  private buildL2(g: DirectedGraph): void {
    const { hostnames } = this.input;
    for (let n = 0; n < hostnames.length; n++) {
      const host = hostnames[n] as string;
      const net = this.input.roleNetwork(n);
      g.addNode(`host:${host}`, { kind: 'host', node: n });
      for (const i of net.interfaces) g.addNode(`${host}/${i.name}`, { kind: i.kind, node: n, name: i.name });
      for (const i of net.interfaces) {
        const key = `${host}/${i.name}`;
        if (i.kind === 'nic') g.addDirectedEdge(`host:${host}`, key, { kind: 'port', speedMbps: i.speedMbps });
        // A NIC listed twice in one bond is a rule error (duplicate-name), not a second edge.
        if (i.kind === 'bond') for (const m of i.members) if (g.hasNode(`${host}/${m}`) && !g.hasDirectedEdge(`${host}/${m}`, key)) g.addDirectedEdge(`${host}/${m}`, key, { kind: 'member' });
        if (i.kind === 'vlan' && g.hasNode(`${host}/${i.link}`)) g.addDirectedEdge(`${host}/${i.link}`, key, { kind: 'vlan', vlan: i.vlan });
        if (i.kind === 'bridge' && g.hasNode(`${host}/${i.link}`)) {
          g.addDirectedEdge(`${host}/${i.link}`, key, { kind: 'link' });
          const trunk = `vm-trunk:${host}`;
          g.addNode(trunk, { kind: 'vm-trunk', node: n });
          g.addDirectedEdge(key, trunk, { kind: 'trunk', vlanFiltering: i.vlanFiltering, allowed: i.allowedVlans });
        }
        const network = i.network;
        if (network !== undefined) {
          const netKey = `net:${network}`;
          if (!g.hasNode(netKey)) g.addNode(netKey, { kind: 'network', name: network });
          if (!g.hasDirectedEdge(key, netKey)) g.addDirectedEdge(key, netKey, { kind: 'address' });
        }
      }
    }
  }

  private buildStorage(g: DirectedGraph): void {
    const { hostnames, hbas, fabrics, arrayPorts, controllers, luns } = this.input;
    g.addNode('array', { kind: 'array' });
    for (let c = 0; c < controllers; c++) {
      g.addNode(`ctrl:${c}`, { kind: 'controller', index: c });
      g.addDirectedEdge(`ctrl:${c}`, 'array', { kind: 'controller' });
    }
    fabrics.forEach((f, i) => g.addNode(`fabric:${f}`, { kind: 'fabric', index: i }));
    for (let p = 0; p < arrayPorts.count; p++) {
      const key = `port:${arrayPorts.names[p]}`;
      g.addNode(key, { kind: 'array-port', index: p });
      g.addDirectedEdge(`fabric:${fabrics[arrayPorts.fabric[p] as number]}`, key, { kind: 'zone' });
      g.addDirectedEdge(key, `ctrl:${arrayPorts.controller[p]}`, { kind: 'port' });
    }
    for (let n = 0; n < hostnames.length; n++) g.addNode(`host:${hostnames[n]}`, { kind: 'host', node: n });
    for (let h = 0; h < hbas.count; h++) {
      const host = hostnames[hbas.node[h] as number] as string;
      const key = `hba:${host}/${hbas.names[h]}`;
      // Two ports of one name in a class are a rule error (duplicate-name); the graph keeps one.
      if (g.hasNode(key)) continue;
      g.addNode(key, { kind: 'hba', index: h });
      g.addDirectedEdge(`host:${host}`, key, { kind: 'port' });
      g.addDirectedEdge(key, `fabric:${fabrics[hbas.fabric[h] as number]}`, { kind: 'login' });
    }
    for (let l = 0; l < luns.count; l++) {
      const host = hostnames[luns.node[l] as number] as string;
      const key = `lun:${host}/${luns.names[l]}`;
      g.addNode(key, { kind: 'lun', index: l });
      g.addDirectedEdge('array', key, { kind: 'presents' });
      g.addDirectedEdge(key, `host:${host}`, { kind: 'mapped' });
    }
  }

  /** VLANs a VM on `node` can be bridged onto: the trunk's allowed VLANs minus those captured on the bridge's link. */
  vmVlans(node: number): number[] {
    const host = this.input.hostnames[node] as string;
    const trunk = `vm-trunk:${host}`;
    if (!this.l2.hasNode(trunk)) return [];
    let allowed: VlanSet = [];
    let bridgeKey = '';
    this.l2.forEachInEdge(trunk, (_e, attrs, source) => {
      allowed = attrs['vlanFiltering'] ? (attrs['allowed'] as VlanSet) : [[1, 4094]];
      bridgeKey = source;
    });
    const captured: Array<[number, number]> = [];
    this.l2.forEachInEdge(bridgeKey, (_e, attrs, link) => {
      if (attrs['kind'] !== 'link') return;
      this.l2.forEachOutEdge(link, (_e2, a2) => {
        if (a2['kind'] === 'vlan') captured.push([a2['vlan'] as number, a2['vlan'] as number]);
      });
    });
    return vlanSetIds(vlanSetMinus(allowed, normalizeVlans(captured)));
  }

  /**
   * Paths from `node` to the array, optionally with some vertices of the storage graph failed
   * (e.g. "fabric:A", "ctrl:0", "port:ct0.fc0", "hba:worker-1/host1"). Answered from the tables
   * the graph is built from, along the same edges (host → HBA port → fabric → array port →
   * controller → array), so a validation asks it of every worker without building the graph:
   * the work is the node's own ports and the array's, whatever the number of nodes and LUNs.
   */
  arrayPaths(node: number, failed: ReadonlySet<string> = new Set()): ArrayPaths {
    const { hostnames, hbas, fabrics, arrayPorts } = this.input;
    const host = hostnames[node];
    if (host === undefined) return { paths: 0, independent: 0, fabrics: [] };
    const alive = (k: string): boolean => !failed.has(k);
    // The fabrics the node's live ports log into, each once, in the order the graph meets them.
    const reached: number[] = [];
    for (const h of this.nodeHbas(node)) {
      const f = hbas.fabric[h] as number;
      if (alive(`hba:${host}/${hbas.names[h]}`) && alive(`fabric:${fabrics[f]}`) && !reached.includes(f)) reached.push(f);
    }
    let paths = 0;
    const fabricSet = new Set<number>();
    // Per reached fabric, the controllers its live ports lead to (a port to a dead controller leads nowhere).
    const ctrlsOf = new Map<number, number[]>();
    for (const f of reached) ctrlsOf.set(f, []);
    for (let p = 0; p < arrayPorts.count; p++) {
      const f = arrayPorts.fabric[p] as number;
      const ctrls = ctrlsOf.get(f);
      const c = arrayPorts.controller[p] as number;
      if (!ctrls || !alive(`port:${arrayPorts.names[p]}`) || !alive(`ctrl:${c}`)) continue;
      if (!ctrls.includes(c)) ctrls.push(c);
    }
    for (const h of this.nodeHbas(node)) {
      const f = hbas.fabric[h] as number;
      if (!alive(`hba:${host}/${hbas.names[h]}`) || !alive(`fabric:${fabrics[f]}`)) continue;
      for (let p = 0; p < arrayPorts.count; p++) {
        if (arrayPorts.fabric[p] !== f || !alive(`port:${arrayPorts.names[p]}`) || !alive(`ctrl:${arrayPorts.controller[p]}`)) continue;
        paths++;
        fabricSet.add(f);
      }
    }
    const names = [...fabricSet].map((i) => fabrics[i] as string).sort();
    return { paths, independent: alive('array') ? disjointPaths(reached, ctrlsOf) : 0, fabrics: names };
  }

  /** The node's HBA ports, one per name (the graph keeps the first of two ports of one name). */
  private nodeHbas(node: number): readonly number[] {
    if (!this.hbasByNode) {
      const { hbas, hostnames } = this.input;
      const byNode: number[][] = Array.from({ length: hostnames.length }, () => []);
      for (let h = 0; h < hbas.count; h++) {
        const list = byNode[hbas.node[h] as number];
        if (list && !list.some((o) => hbas.names[o] === hbas.names[h])) list.push(h);
      }
      this.hbasByNode = byNode;
    }
    return this.hbasByNode[node] ?? [];
  }
}

/**
 * Vertex-disjoint paths host → array. Every path is host → HBA → fabric → port → controller →
 * array with each vertex used once; an HBA leads to one fabric and a port to one controller, so
 * the paths are a matching of the reached fabrics to the controllers that one of the fabric's
 * live ports leads to (augmenting paths, Kuhn's algorithm).
 */
function disjointPaths(fabrics: readonly number[], ctrlsOf: ReadonlyMap<number, readonly number[]>): number {
  const matchOfCtrl = new Map<number, number>();
  const augment = (f: number, seen: Set<number>): boolean => {
    for (const c of ctrlsOf.get(f) ?? []) {
      if (seen.has(c)) continue;
      seen.add(c);
      const other = matchOfCtrl.get(c);
      if (other === undefined || augment(other, seen)) {
        matchOfCtrl.set(c, f);
        return true;
      }
    }
    return false;
  };
  let flow = 0;
  for (const f of fabrics) if (augment(f, new Set())) flow++;
  return flow;
}
