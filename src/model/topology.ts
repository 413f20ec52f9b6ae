/**
 * The twin's graphs: the L2 topology of every node (NIC → bond → VLAN interface / bridge →
 * network) and the storage paths (host → HBA port → fabric → array port → controller → array
 * → LUN), as graphology directed graphs, with the two questions people ask of them.
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
  readonly l2: DirectedGraph;
  readonly storage: DirectedGraph;

  constructor(private readonly input: TopologyInput) {
    this.l2 = new GraphologyDirected({ allowSelfLoops: false });
    this.storage = new GraphologyDirected({ allowSelfLoops: false });
    this.buildL2();
    this.buildStorage();
  }

  private buildL2(): void {
    const g = this.l2;
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

  private buildStorage(): void {
    const g = this.storage;
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

  /** Paths from `node` to the array, optionally with some graph vertices failed (e.g. "fabric:A", "ctrl:0"). */
  arrayPaths(node: number, failed: ReadonlySet<string> = new Set()): ArrayPaths {
    const host = `host:${this.input.hostnames[node]}`;
    const g = this.storage;
    if (!g.hasNode(host)) return { paths: 0, independent: 0, fabrics: [] };
    const alive = (k: string): boolean => !failed.has(k);
    let paths = 0;
    const fabricSet = new Set<string>();
    g.forEachOutNeighbor(host, (hba) => {
      if (!alive(hba)) return;
      g.forEachOutNeighbor(hba, (fabric) => {
        if (!alive(fabric)) return;
        g.forEachOutNeighbor(fabric, (port) => {
          if (!alive(port)) return;
          let ok = false;
          g.forEachOutNeighbor(port, (ctrl) => {
            if (alive(ctrl)) ok = true;
          });
          if (ok) {
            paths++;
            fabricSet.add(String(g.getNodeAttribute(fabric, 'index')));
          }
        });
      });
    });
    const fabrics = [...fabricSet].map((i) => this.input.fabrics[Number(i)] as string).sort();
    return { paths, independent: this.disjointPaths(host, failed), fabrics };
  }

  /** Max vertex-disjoint paths host → array (Edmonds–Karp with split vertices of capacity 1). */
  private disjointPaths(host: string, failed: ReadonlySet<string>): number {
    const g = this.storage;
    // Collect the sub-graph reachable from the host, without LUNs.
    const verts: string[] = [];
    const index = new Map<string, number>();
    const stack = [host];
    index.set(host, 0);
    verts.push(host);
    while (stack.length) {
      const v = stack.pop() as string;
      // The array is the sink: its out-edges lead to every node's LUNs, which no path needs.
      // Expanding them made each query O(all LUNs) and validation O(workers × LUNs).
      if (v === 'array') continue;
      g.forEachOutNeighbor(v, (w, attrs) => {
        if (attrs['kind'] === 'lun' || failed.has(w) || index.has(w)) return;
        index.set(w, verts.length);
        verts.push(w);
        stack.push(w);
      });
    }
    const sink = index.get('array');
    if (sink === undefined) return 0;
    // Split each vertex v into v_in (2v) and v_out (2v+1); capacity 1 inside, except host and array.
    const size = verts.length * 2;
    const cap = new Map<number, number>();
    const adj: number[][] = Array.from({ length: size }, () => []);
    const addEdge = (a: number, b: number, c: number): void => {
      const k = a * size + b;
      if (!cap.has(k)) {
        adj[a]!.push(b);
        adj[b]!.push(a);
        cap.set(b * size + a, cap.get(b * size + a) ?? 0);
      }
      cap.set(k, (cap.get(k) ?? 0) + c);
    };
    verts.forEach((v, i) => {
      const unlimited = v === host || v === 'array';
      addEdge(2 * i, 2 * i + 1, unlimited ? 1e9 : 1);
      if (v === 'array') return;
      g.forEachOutNeighbor(v, (w) => {
        const j = index.get(w);
        if (j !== undefined) addEdge(2 * i + 1, 2 * j, 1);
      });
    });
    const s = 1; // host_out
    const t = 2 * sink; // array_in
    let flow = 0;
    const prev = new Int32Array(size);
    for (;;) {
      prev.fill(-1);
      prev[s] = s;
      const queue = [s];
      for (let qi = 0; qi < queue.length && prev[t] === -1; qi++) {
        const u = queue[qi] as number;
        for (const w of adj[u] ?? []) {
          if (prev[w] === -1 && (cap.get(u * size + w) ?? 0) > 0) {
            prev[w] = u;
            queue.push(w);
          }
        }
      }
      if (prev[t] === -1) break;
      for (let v = t; v !== s; v = prev[v] as number) {
        const u = prev[v] as number;
        cap.set(u * size + v, (cap.get(u * size + v) ?? 0) - 1);
        cap.set(v * size + u, (cap.get(v * size + u) ?? 0) + 1);
      }
      flow++;
    }
    return flow;
  }
}
