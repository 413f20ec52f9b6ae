/**
 * The compiled twin: ids, columns, the graphs' answers, and placement's promises.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTwin, ROLE_CONTROL_PLANE, type Twin } from '../../src/model/twin.js';
import { hasVlan } from '../../src/model/placement.js';
import { virtLauncherOverheadMiB, migrationBudgetMs } from '../../src/model/overhead.js';
import { loadSiteText } from '../../src/model/load.js';
import { checkScenario, scenarioText, twinOf } from '../helpers/site.js';
import { twinProblems } from '../helpers/twin-invariants.js';

function assertPlacementHolds(twin: Twin): void {
  expect(twinProblems(twin)).toEqual([]);
}

describe('the reference twin (64 nodes, 12,500 VMs)', () => {
  const twin = twinOf('vmo-ra-64');

  it('gives dense ids: control plane, workers, then the spare machine', () => {
    expect(twin.nodes.count).toBe(64);
    expect(twin.nodes.active).toBe(63);
    expect(Array.from(twin.nodes.role.subarray(0, 3))).toEqual([ROLE_CONTROL_PLANE, ROLE_CONTROL_PLANE, ROLE_CONTROL_PLANE]);
    expect(twin.nodes.names[3]).toBe('worker-1');
    expect(twin.nodes.names[63]).toBe('cp-4');
    expect(twin.nodes.spare[63]).toBe(1);
    expect(twin.nodes.podBlock[62]).toBe(62);
    expect(twin.nodes.podBlock[63]).toBe(-1);
    expect(twin.vms.count).toBe(12_500);
  });

  it('places every VM within max pods, memory, CPU and VLAN reach, with replicas on distinct storage nodes', () => {
    expect(twin.placement.kind).toBe('placed');
    assertPlacementHolds(twin);
  });

  it('spreads VMs evenly (the fullest worker within one VM of the average)', () => {
    const per = new Map<number, number>();
    for (const n of twin.vms.node) per.set(n, (per.get(n) ?? 0) + 1);
    const counts = [...per.values()];
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(3);
  });

  it('answers which VLANs a VM on a node can reach, through the L2 graph', () => {
    const w = twin.workers[0] as number;
    const vlans = twin.topology.vmVlans(w);
    expect(vlans[0]).toBe(21);
    expect(vlans.at(-1)).toBe(100);
    expect(vlans).toHaveLength(80);
    for (let v = 1; v < 4095; v++) expect(hasVlan(twin.nodes, w, v)).toBe(vlans.includes(v));
    expect(twin.topology.vmVlans(0)).toEqual([]);
  });

  it('answers how many independent paths a node has to the array, and what a fabric loss leaves', () => {
    const w = twin.workers[0] as number;
    expect(twin.topology.arrayPaths(w)).toEqual({ paths: 8, independent: 2, fabrics: ['A', 'B'] });
    expect(twin.topology.arrayPaths(w, new Set(['fabric:A']))).toMatchObject({ paths: 4, independent: 1, fabrics: ['B'] });
    expect(twin.topology.arrayPaths(w, new Set(['ctrl:0', 'ctrl:1'])).independent).toBe(0);
    expect(twin.topology.arrayPaths(0).independent).toBe(0);
  });

  it('computes migration bandwidth from the bond that carries the node network', () => {
    expect(twin.roleNetworks.workers.migrationInterface).toBe('bond_mgmt.10');
    expect(twin.nodes.migrationMbps[twin.workers[0] as number]).toBe(20_000);
  });

  it('gives the control plane bond_mgmt only (RA)', () => {
    const names = twin.roleNetworks.controlPlane.interfaces.map((i) => i.name);
    expect(names).toEqual(['enp1s0', 'enp2s0', 'bond_mgmt', 'bond_mgmt.10']);
  });

  it('lays out the LUNs of each storage node: data drives, metadata, journal', () => {
    expect(twin.storage.luns.count).toBe(60 * 7);
    expect(twin.px.storageNodes).toBe(60);
  });

  it('compiles the same site to the same columns', () => {
    const again = twinOf('vmo-ra-64');
    expect(Buffer.from(again.vms.node.buffer).equals(Buffer.from(twin.vms.node.buffer))).toBe(true);
    expect(Buffer.from(again.px.replicas.buffer).equals(Buffer.from(twin.px.replicas.buffer))).toBe(true);
  });
});

describe('the 2-NIC twin', () => {
  const twin = twinOf('vmo-ra-2nic');
  it('lets VMs use VLAN 20 on br0 and moves PXE to bond0 on the control plane', () => {
    const w = twin.workers[0] as number;
    expect(twin.topology.vmVlans(w)).toContain(20);
    const cp = twin.roleNetworks.controlPlane;
    expect(cp.bridge).toBeUndefined();
    expect(cp.interfaces.find((i) => i.name === 'bond0')).toMatchObject({ network: 'pxe' });
    expect(cp.interfaces.map((i) => i.name)).toEqual(['enp1s0', 'enp2s0', 'bond0', 'bond0.10']);
  });
});

describe('the virt-launcher overhead', () => {
  it('matches KubeVirt\'s formula for the documented case (16 GiB, 4 vCPU → 308 MiB)', () => {
    expect(virtLauncherOverheadMiB(16 * 1024, 4)).toBe(308);
  });
  it('budgets 150 s per GB of memory, GB rounded up (16 GiB → 18 × 150 s)', () => {
    expect(migrationBudgetMs(16 * 1024, 150_000)).toBe(2_700_000);
  });
});

describe('placement on generated sites', () => {
  it('never exceeds a node and is deterministic', () => {
    const base = scenarioText('minimal-5');
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 12 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 150 }),
        fc.constantFrom('4Gi', '8Gi', '24Gi'),
        (workers, small, medium, mem) => {
          const sets = [`nodes.workers.count=${workers}`, `storage.portworx.maxStorageNodes=${workers}`, `workloads.vmClasses[0].count=${small}`, `workloads.vmClasses[1].count=${medium}`, `workloads.vmClasses[1].memory=${mem}`, 'storage.portworx.dataDrives.count=20'];
          const loaded = loadSiteText(base, 'g.yaml', sets);
          if (loaded.kind !== 'loaded') return false;
          const a = compileTwin(loaded.site);
          const b = compileTwin(loaded.site);
          if (a.kind !== 'compiled' || b.kind !== 'compiled') return false;
          assertPlacementHolds(a.twin);
          expect(Array.from(a.twin.vms.node)).toEqual(Array.from(b.twin.vms.node));
          return true;
        },
      ),
      { numRuns: 40 },
    );
  });
});

/**
 * The storage graph's answer to a path question, walked on the graph itself (the way
 * `arrayPaths` answered before it read the tables): every host → HBA → fabric → port →
 * controller path, and the vertex-disjoint ones by max flow with split vertices.
 */
function pathsOnGraph(twin: Twin, node: number, failed: ReadonlySet<string>): { paths: number; independent: number; fabrics: string[] } {
  const g = twin.topology.storage;
  const host = `host:${twin.nodes.names[node]}`;
  const alive = (k: string): boolean => !failed.has(k);
  let paths = 0;
  const fabrics = new Set<string>();
  g.forEachOutNeighbor(host, (hba) => {
    if (!alive(hba)) return;
    g.forEachOutNeighbor(hba, (fabric) => {
      if (!alive(fabric)) return;
      g.forEachOutNeighbor(fabric, (port) => {
        if (!alive(port)) return;
        if (g.outNeighbors(port).some(alive)) {
          paths++;
          fabrics.add(fabric.slice('fabric:'.length));
        }
      });
    });
  });
  // Max flow host → array, each vertex but those two split with capacity 1.
  const verts = [host];
  for (let i = 0; i < verts.length; i++) {
    const v = verts[i] as string;
    if (v !== 'array') for (const w of g.outNeighbors(v)) if (g.getNodeAttribute(w, 'kind') !== 'lun' && alive(w) && !verts.includes(w)) verts.push(w);
  }
  const sink = verts.indexOf('array');
  let independent = 0;
  if (sink >= 0) {
    const cap = new Map<string, number>();
    const adj = new Map<number, Set<number>>();
    const edge = (a: number, b: number, c: number): void => {
      cap.set(`${a},${b}`, (cap.get(`${a},${b}`) ?? 0) + c);
      for (const [x, y] of [[a, b], [b, a]] as const) adj.set(x, (adj.get(x) ?? new Set()).add(y));
    };
    verts.forEach((v, i) => {
      edge(2 * i, 2 * i + 1, v === host || v === 'array' ? 1e9 : 1);
      if (v !== 'array') for (const w of g.outNeighbors(v)) if (verts.includes(w)) edge(2 * i + 1, 2 * verts.indexOf(w), 1);
    });
    for (;;) {
      const prev = new Map<number, number>([[1, 1]]);
      const queue = [1];
      for (let q = 0; q < queue.length && !prev.has(2 * sink); q++) {
        const u = queue[q] as number;
        for (const w of adj.get(u) ?? []) if (!prev.has(w) && (cap.get(`${u},${w}`) ?? 0) > 0) (prev.set(w, u), queue.push(w));
      }
      if (!prev.has(2 * sink)) break;
      for (let v = 2 * sink; v !== 1; v = prev.get(v) as number) {
        const u = prev.get(v) as number;
        cap.set(`${u},${v}`, (cap.get(`${u},${v}`) ?? 0) - 1);
        cap.set(`${v},${u}`, (cap.get(`${v},${u}`) ?? 0) + 1);
      }
      independent++;
    }
  }
  return { paths, independent, fabrics: [...fabrics].sort() };
}

describe('storage path queries', () => {
  // A query walked the array's edges to every LUN of every node: validation was O(workers × LUNs)
  // (996 workers with 30 LUNs each took 27 s). Found while sizing the fuzz's large sites. The
  // queries now read the node's own ports and the array's from the tables, without the graph.
  it('give the answer the storage graph gives, with any vertices failed', () => {
    for (const [name, sets] of [
      ['vmo-ra-64', []],
      ['vmo-ra-2nic', []],
      ['minimal-5', ['storage.array.controllers=3', 'storage.array.ports=5', 'storage.portworx.dataDrives.count=64']],
      ['minimal-5', ['hardware.worker-1u.hbas[1].fabric=A', 'hardware.worker-1u.hbas[0].name=host2']],
    ] as const) {
      const twin = twinOf(name, [...sets]);
      const w = twin.workers[0] as number;
      const host = twin.nodes.names[w] as string;
      const hba = twin.storage.hbas.names[twin.storage.hbas.node.indexOf(w)] as string;
      const failures: string[][] = [[], ['fabric:A'], ['fabric:B'], ['ctrl:0'], ['ctrl:1'], ['ctrl:0', 'ctrl:1'], [`hba:${host}/${hba}`], [`port:${twin.storage.arrayPorts.names[0]}`], ['array'], ['fabric:A', 'ctrl:1']];
      for (const node of [w, 0, twin.nodes.count - 1]) {
        for (const f of failures) expect(twin.topology.arrayPaths(node, new Set(f)), `${name} ${sets.join(' ')} node ${node} failed ${f.join(',')}`).toEqual(pathsOnGraph(twin, node, new Set(f)));
      }
    }
  });

  it('give the same answer however many LUNs the cluster has', () => {
    const paths = (drives: number) => {
      const twin = twinOf('minimal-5', [`storage.portworx.dataDrives.count=${drives}`]);
      return Array.from(twin.workers, (w) => twin.topology.arrayPaths(w));
    };
    expect(paths(64)).toEqual(paths(1));
  });
});

describe('a hardware class with two storage ports of one name (found by the mutated-site fuzz: it crashed the storage graph)', () => {
  it('compiles, and validation reports duplicate-name instead of an internal error', () => {
    const r = checkScenario('minimal-5', ['hardware.worker-1u.hbas[1].name=host1']);
    expect(r.twin).toBeDefined();
    expect(r.codes).toContain('duplicate-name');
    expect(r.exitCode).toBe(1);
  });
});
