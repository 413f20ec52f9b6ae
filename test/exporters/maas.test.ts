/**
 * The MAAS plan: a well-formed, reconcilable list of operations (unique ids, dependencies
 * and references that point back, natural keys everywhere) that makes MAAS hold the site.
 */
import { describe, expect, it } from 'vitest';
import { buildMaasPlan } from '../../src/exporters/maas/build.js';
import type { MaasPlan, PlanStep } from '../../src/exporters/maas/plan.js';
import { twinOf } from '../helpers/site.js';

const SCENARIOS = ['vmo-ra-64', 'vmo-ra-2nic', 'vmo-ra-128', 'minimal-5'];

const refsIn = (s: PlanStep): string[] => {
  const texts = [s.create, s.update, s.lookup?.request]
    .flatMap((r) => (r ? [r.path, ...r.params.map(([, v]) => v)] : []))
    .concat(Object.values(s.lookup?.match ?? {}).map(String), Object.values(s.desired).map(String));
  return texts.flatMap((t) => [...t.matchAll(/\{ref:([^}]+)\}/g)].map((m) => m[1] as string));
};
const step = (plan: MaasPlan, id: string): PlanStep => {
  const s = plan.steps.find((x) => x.id === id);
  if (!s) throw new Error(`no step ${id}`);
  return s;
};
const params = (s: PlanStep): Record<string, string[]> => {
  const out: Record<string, string[]> = {};
  for (const [k, v] of s.create?.params ?? s.update?.params ?? []) (out[k] ??= []).push(v);
  return out;
};

describe('the MAAS plan is reconcilable', () => {
  for (const name of SCENARIOS) {
    it(`${name}: unique ids, dependencies on earlier steps, every reference provided earlier in scope (or by its own lookup), a natural key on every step`, () => {
      const plan = buildMaasPlan(twinOf(name));
      const seen = new Set<string>();
      const provided = new Map<string, PlanStep>();
      for (const s of plan.steps) {
        expect(seen.has(s.id), s.id).toBe(false);
        for (const d of s.dependsOn) expect(seen.has(d), `${s.id} depends on ${d}`).toBe(true);
        for (const r of refsIn(s)) {
          if (r === s.provides) continue; // its own object, bound by its lookup before an update
          const p = provided.get(r);
          expect(p, `${s.id} uses {ref:${r}}`).toBeDefined();
          if (p?.scope.kind === 'machines') expect(s.scope).toEqual(p.scope);
        }
        expect(Object.keys(s.naturalKey).length, s.id).toBeGreaterThan(0);
        expect(s.create ?? s.update ?? s.lookup, s.id).toBeDefined();
        for (const r of [s.create, s.update, s.lookup?.request]) if (r) expect(r.path).toMatch(/^\/.*\/$/);
        seen.add(s.id);
        if (s.provides) provided.set(s.provides, s);
      }
      const cp = plan.machines.controlPlane.length;
      const w = plan.machines.workers.length;
      const site = twinOf(name).site;
      expect(cp).toBe(site.nodes.controlPlane.count + site.nodes.controlPlane.spares);
      expect(w).toBe(site.nodes.workers.count + site.nodes.workers.spares);
    });
  }
});

describe('the MAAS plan carries the RA settings and the site', () => {
  it('starts by turning disk erasing on release off', () => {
    const plan = buildMaasPlan(twinOf('vmo-ra-64'));
    const s = plan.steps[0]!;
    expect(s.id).toBe('config/enable_disk_erasing_on_release');
    expect(s.create).toEqual({ method: 'POST', path: '/maas/', op: 'set_config', params: [['name', 'enable_disk_erasing_on_release'], ['value', 'false']] });
  });
  it('creates pools, zones, fabrics, VLANs and subnets by name, VID and CIDR, with the data gateway', () => {
    const plan = buildMaasPlan(twinOf('vmo-ra-64', ['nodes.workers.zone=[az1, az2]']));
    const ids = plan.steps.filter((s) => s.scope.kind === 'global').map((s) => s.id);
    expect(ids).toEqual([
      'config/enable_disk_erasing_on_release',
      'domain/maas',
      'resource-pool/vmo-cp',
      'resource-pool/vmo-workers',
      'zone/az1',
      'zone/az2',
      'fabric/fabric-pxe',
      'vlan/fabric-pxe/0',
      'vlan/fabric-pxe/10',
      'fabric/fabric-data',
      'vlan/fabric-data/0',
      'vlan/fabric-data/20',
      'subnet/192.168.0.0/22',
      'subnet/172.16.0.0/22',
      'subnet/10.20.0.0/16',
      'ip-range/10.20.31.1-10.20.31.250',
    ]);
    expect(params(step(plan, 'subnet/10.20.0.0/16'))).toMatchObject({ cidr: ['10.20.0.0/16'], gateway_ip: ['10.20.30.1'], vlan: ['{ref:vlan:fabric-data/20}'] });
    expect(plan.machines.workers.map((m) => m.zone).slice(0, 4)).toEqual(['az1', 'az2', 'az1', 'az2']);
  });
  it('creates bonds with an explicit bond_mode and bond_lacp_rate', () => {
    const plan = buildMaasPlan(twinOf('vmo-ra-64', ['hostNetwork.bonds[1].lacpRate=fast']));
    expect(params(step(plan, 'workers/bond/bond_mgmt'))).toMatchObject({ bond_mode: ['802.3ad'], bond_lacp_rate: ['slow'], parents: ['{ref:interface:enp1s0}', '{ref:interface:enp2s0}'] });
    expect(params(step(plan, 'workers/bond/bond_data'))).toMatchObject({ bond_mode: ['802.3ad'], bond_lacp_rate: ['fast'] });
    expect(plan.steps.filter((s) => s.kind === 'bond').every((s) => 'bond_mode' in params(s) && 'bond_lacp_rate' in params(s))).toBe(true);
  });
  it('4-NIC: VLAN 20 on bond_data with the default gateway, br0 on bond_data, the control plane on bond_mgmt only', () => {
    const plan = buildMaasPlan(twinOf('vmo-ra-64'));
    expect(params(step(plan, 'workers/vlan-interface/bond_data.20'))).toEqual({ vlan: ['{ref:vlan:fabric-data/20}'], parent: ['{ref:interface:bond_data}'] });
    expect(params(step(plan, 'workers/link/bond_data.20'))).toEqual({ mode: ['AUTO'], subnet: ['{ref:subnet:10.20.0.0/16}'], default_gateway: ['true'] });
    expect(params(step(plan, 'workers/bridge/br0'))).toMatchObject({ parents: ['{ref:interface:bond_data}'] });
    expect(plan.steps.filter((s) => s.id.startsWith('controlPlane/') && (s.kind === 'bond' || s.kind === 'vlan-interface' || s.kind === 'bridge')).map((s) => s.id)).toEqual([
      'controlPlane/bond/bond_mgmt',
      'controlPlane/vlan-interface/bond_mgmt.10',
    ]);
  });
  it('2-NIC: one fabric, VLAN 20 on br0 (not on the bond) with the default gateway, PXE addressed on br0', () => {
    const plan = buildMaasPlan(twinOf('vmo-ra-2nic'));
    expect(plan.steps.filter((s) => s.kind === 'fabric').map((s) => s.id)).toEqual(['fabric/fabric-pxe']);
    expect(params(step(plan, 'workers/vlan-interface/br0.20'))).toEqual({ vlan: ['{ref:vlan:fabric-pxe/20}'], parent: ['{ref:interface:br0}'] });
    expect(plan.steps.some((s) => s.id === 'workers/vlan-interface/bond0.20')).toBe(false);
    expect(params(step(plan, 'workers/link/br0.20'))).toMatchObject({ default_gateway: ['true'] });
    expect(params(step(plan, 'workers/link/br0'))).toMatchObject({ subnet: ['{ref:subnet:192.168.0.0/22}'] });
    expect(params(step(plan, 'controlPlane/link/bond0'))).toMatchObject({ subnet: ['{ref:subnet:192.168.0.0/22}'] });
  });
  it('lays out only the OS disk (flat, on its block device) and takes other disks out of MAAS', () => {
    const plan = buildMaasPlan(twinOf('minimal-5', ['hardware.worker-1u.disks=[{name: sda, size: 480Gi, role: os}, {name: sdb, size: 2Ti, role: data}]']));
    expect(params(step(plan, 'workers/storage-layout'))).toEqual({ storage_layout: ['flat'], root_device: ['{ref:blockdevice:sda}'] });
    const sdb = step(plan, 'workers/block-device/sdb');
    expect(sdb.update?.method).toBe('DELETE');
    expect(sdb.desired).toEqual({ $absent: true });
  });
  it('does not lay the disk out again when it holds: the layout is found as the ext4 partition mounted at / (on the boot disk without an OS disk in the site)', () => {
    const plan = buildMaasPlan(twinOf('vmo-ra-64'));
    const w = step(plan, 'workers/storage-layout');
    expect(w.lookup).toEqual({ request: { method: 'GET', path: '/nodes/{machine}/blockdevices/{ref:blockdevice:sda}/', params: [] }, field: 'partitions', match: { 'filesystem.mount_point': '/' } });
    expect(w.desired).toEqual({ 'filesystem.fstype': 'ext4' });
    expect(w.update).toEqual(w.create);
    const cp = step(plan, 'controlPlane/storage-layout');
    expect(cp.lookup?.request.path).toBe('/machines/{machine}/');
    expect(cp.lookup?.field).toBe('boot_disk.partitions');
    expect(params(cp)).toEqual({ storage_layout: ['flat'] });
  });
  it('reserves MetalLB ranges that fall inside a MAAS subnet, and only those', () => {
    const plan = buildMaasPlan(twinOf('vmo-ra-64', ['metallb.pools=[{name: a, addresses: ["10.20.31.1-10.20.31.9", "10.99.0.0/24"]}]']));
    expect(plan.steps.filter((s) => s.kind === 'ip-range').map((s) => s.naturalKey)).toEqual([{ start_ip: '10.20.31.1', end_ip: '10.20.31.9' }]);
  });
});

/** The value at a `--set` path in the decoded site (hardware classes are a Map). */
function at(site: unknown, path: string): unknown {
  let v: unknown = site;
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    const key = m[1] ?? Number(m[2]);
    if (v instanceof Map) v = v.get(key);
    else if (v !== null && typeof v === 'object') v = (v as Record<string | number, unknown>)[key];
    else return undefined;
  }
  return v;
}

describe('the MAAS plan says where each value comes from in the site', () => {
  for (const name of SCENARIOS) {
    it(`${name}: every step names site paths for the object and its fields, and each path's parent exists in the site`, () => {
      const twin = twinOf(name);
      const plan = buildMaasPlan(twin);
      for (const s of plan.steps) {
        expect(s.sitePaths['*'], s.id).toBeDefined();
        for (const [field, path] of Object.entries(s.sitePaths)) {
          const parent = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
          expect(at(twin.site, parent), `${s.id} ${field} → ${path}`).toBeDefined();
        }
      }
    });
  }
  it('points a subnet gateway, a bond mode and a MetalLB range at the values that set them', () => {
    const plan = buildMaasPlan(twinOf('vmo-ra-64'));
    expect(step(plan, 'subnet/10.20.0.0/16').sitePaths['gateway_ip']).toBe('networks.vlans[1].gateway');
    expect(step(plan, 'workers/bond/bond_data').sitePaths['bond_mode']).toBe('hostNetwork.bonds[1].mode');
    expect(step(plan, 'ip-range/10.20.31.1-10.20.31.250').sitePaths['start_ip']).toBe('metallb.pools[0].addresses[0]');
    expect(step(plan, 'workers/link/bond_data.20').sitePaths['default_gateway']).toBe('hostNetwork.vlanInterfaces[1].defaultGateway');
    expect(step(plan, 'workers/machine').sitePaths['hostname']).toBe('nodes.workers.count');
  });
});

