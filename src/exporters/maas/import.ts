/**
 * `import maas`: read a running MAAS (machines with their cores, memory, NICs and speeds,
 * disks, FC HBAs from the PCI devices commissioning found, interface configuration; zones,
 * pools, fabrics, VLANs, subnets, reserved ranges, settings) and write a site file in the
 * public format (SITE-FILE.md).
 *
 * What MAAS cannot know (the FlashArray, FC port speeds and fabrics, the VM VLANs, the Palette
 * cloud account) is written as a plausible value with a `# PLACEHOLDER: …` comment, so the
 * file loads and compiles and `vmo-twin validate` reports every placeholder as an error at its
 * line until someone writes the real value. What the site format cannot express (machines of
 * one role with different hardware, a second untagged network) is said the same way.
 * Machines go to a role by their resource pool: a pool named like "cp", "control" or
 * "master" holds the control plane, every other pool workers.
 */
import { Document, isMap, isPair, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { formatVlanSet, normalizeVlans } from '../../model/cidr.js';
import { formatMbps } from '../../model/units.js';
import type { ApiOutcome } from '../apply/api.js';
import { getPath } from '../apply/paths.js';
import { FatalError } from '../apply/result.js';
import type { MaasClient } from './client.js';

type Json = Record<string, unknown>;

export interface MaasInventory {
  readonly endpoint: string;
  readonly version: string;
  readonly maasName: string;
  readonly eraseOnRelease: boolean;
  readonly machines: readonly Json[];
  /** PCI devices per system_id (`GET /nodes/{id}/devices/`). */
  readonly devices: ReadonlyMap<string, readonly Json[]>;
  readonly subnets: readonly Json[];
  readonly ipranges: readonly Json[];
}

export interface ImportOptions {
  /** Only machines of these resource pools. */
  readonly pools: readonly string[];
  /** metadata.name; default MAAS's maas_name. */
  readonly name?: string;
  readonly parallel: number;
  /** Progress: the number of machines to read, then one call per machine read. */
  readonly onMachines?: (count: number) => void;
  readonly onMachine?: () => void;
}

export interface ImportResult {
  readonly text: string;
  /** The site as data (what the YAML holds). */
  readonly site: Json;
  readonly placeholders: ReadonlyArray<{ readonly path: string; readonly message: string }>;
  readonly machines: number;
  readonly roles: Readonly<Record<'controlPlane' | 'workers', number>>;
}

function ok(out: ApiOutcome, what: string): unknown {
  if (out.kind === 'ok') return out.json;
  if (out.kind === 'fatal') throw new FatalError(out.message, out.hint);
  if (out.kind === 'ambiguous' || out.kind === 'verified') throw new FatalError(`MAAS failed to answer ${what}: ${out.message}`, 'run the same command again');
  throw new FatalError(`MAAS refused ${what} (${out.status}): ${out.message}`, out.status === 404 ? 'check --endpoint: it must be the MAAS URL, such as http://HOST:5240/MAAS' : 'check that the key belongs to a MAAS administrator');
}
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter((x): x is Json => x !== null && typeof x === 'object') : []);
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** Read everything the site needs from MAAS: a dozen calls plus one per machine. */
export async function readMaas(client: MaasClient, o: ImportOptions): Promise<MaasInventory> {
  const version = ok(await client.request('GET', '/version/', [], undefined, { authenticated: false }), 'GET /version/');
  if (version === null || typeof version !== 'object' || typeof (version as Json)['version'] !== 'string') {
    throw new FatalError(`${client.root.toString()} does not answer like MAAS (GET version/ has no "version")`, 'check --endpoint: the MAAS URL, such as http://HOST:5240/MAAS');
  }
  const machines = list(ok(await client.request('GET', '/machines/', o.pools.map((p) => ['pool', p] as const)), 'GET /machines/'));
  const devices = new Map<string, readonly Json[]>();
  o.onMachines?.(machines.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < machines.length; i = next++) {
      const sid = str(machines[i]?.['system_id']);
      devices.set(sid, list(ok(await client.request('GET', `/nodes/${sid}/devices/`), `GET /nodes/${sid}/devices/`)));
      o.onMachine?.();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.parallel) }, () => worker()));
  const subnets = list(ok(await client.request('GET', '/subnets/'), 'GET /subnets/'));
  const ipranges = list(ok(await client.request('GET', '/ipranges/'), 'GET /ipranges/'));
  const erase = ok(await client.request('GET', '/maas/', [['name', 'enable_disk_erasing_on_release']], 'get_config'), 'GET /maas/?op=get_config');
  const maasName = ok(await client.request('GET', '/maas/', [['name', 'maas_name']], 'get_config'), 'GET /maas/?op=get_config');
  return {
    endpoint: client.root.toString(),
    version: str((version as Json)['version']),
    maasName: str(maasName),
    eraseOnRelease: erase === true || erase === 'true',
    machines,
    devices,
    subnets,
    ipranges,
  };
}

/**
 * The Linux drivers of Fibre Channel HBAs, as MAAS reports them in a PCI device's
 * `commissioning_driver` (MAAS `api/nodedevices.py`): QLogic, Emulex, Brocade, QLogic FastLinQ,
 * Cisco UCS (the kernel's `drivers/scsi/{qla2xxx,lpfc,bfa,qedf,fnic}`).
 */
const FC_DRIVERS = new Set(['qla2xxx', 'lpfc', 'bfa', 'qedf', 'fnic']);

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const natural = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });
const k8sName = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63) || 'maas-import';

function memory(mib: number): string {
  if (mib > 0 && mib % (1024 * 1024) === 0) return `${mib / (1024 * 1024)}Ti`;
  if (mib > 0 && mib % 1024 === 0) return `${mib / 1024}Gi`;
  return `${Math.max(1, Math.floor(mib))}Mi`;
}

interface Nic {
  readonly name: string;
  readonly speed: number;
}
interface Disk {
  readonly name: string;
  readonly size: string;
  readonly role: 'os' | 'other';
}
interface Hardware {
  readonly cores: number;
  readonly memory: number;
  readonly nics: readonly Nic[];
  readonly disks: readonly Disk[];
  readonly hbas: readonly Json[];
}

function hardwareOf(m: Json, devices: readonly Json[]): Hardware {
  const ifaces = list(m['interface_set']);
  const bootDisk = str(getPath(m, 'boot_disk.name'));
  const disks = list(m['physicalblockdevice_set'] ?? m['blockdevice_set']).map((b, i): Disk => ({
    name: str(b['name']),
    size: memory(Number(b['size'] ?? 0) / 1048576),
    role: str(b['name']) === bootDisk || (bootDisk === '' && i === 0) ? 'os' : 'other',
  }));
  return {
    cores: Number(m['cpu_count'] ?? 0),
    memory: Number(m['memory'] ?? 0),
    nics: ifaces.filter((i) => i['type'] === 'physical').map((i) => ({ name: str(i['name']), speed: Number(i['interface_speed'] || i['link_speed'] || 0) })),
    disks,
    hbas: devices.filter((d) => FC_DRIVERS.has(str(d['commissioning_driver']))).sort((a, b) => natural(str(a['pci_address']), str(b['pci_address']))),
  };
}

const signature = (h: Hardware): string => JSON.stringify([h.cores, h.memory, h.nics, h.disks, h.hbas.length]);

/** Where each placeholder goes, and its message. */
type Marks = Array<{ path: (string | number)[]; message: string }>;

export function siteFromMaas(inv: MaasInventory, o: Pick<ImportOptions, 'name' | 'pools'>): ImportResult {
  const marks: Marks = [];
  const notes: string[] = [];
  const mark = (path: (string | number)[], message: string): void => void marks.push({ path, message });
  const machines = [...inv.machines].sort((a, b) => natural(str(a['hostname']), str(b['hostname'])));
  if (machines.length === 0) {
    throw new FatalError(`MAAS has no machines${o.pools.length ? ` in pool${o.pools.length > 1 ? 's' : ''} ${o.pools.join(', ')}` : ''}`, o.pools.length ? 'check --pool (the resource pool names in MAAS), or leave it out to read every machine' : 'commission the machines in MAAS first');
  }
  const subnetById = new Map(inv.subnets.map((s) => [str(s['id']), s]));

  // ---- roles, by resource pool name
  const cpPool = /(^|[-_.])(cp|control|controlplane|control-plane|master|masters)([-_.]|$)/i;
  const roleOf = (m: Json): 'controlPlane' | 'workers' => (cpPool.test(str(getPath(m, 'pool.name'))) ? 'controlPlane' : 'workers');
  const byRole = { controlPlane: machines.filter((m) => roleOf(m) === 'controlPlane'), workers: machines.filter((m) => roleOf(m) === 'workers') };

  // ---- hardware classes
  const classes = new Map<string, { name: string; hw: Hardware }>();
  const classOf = new Map<Json, string>();
  for (const role of ['controlPlane', 'workers'] as const) {
    for (const m of byRole[role]) {
      const hw = hardwareOf(m, inv.devices.get(str(m['system_id'])) ?? []);
      const sig = signature(hw);
      let c = classes.get(sig);
      if (!c) {
        let name = `${role === 'controlPlane' ? 'cp' : 'worker'}-${hw.cores}c-${Math.round(hw.memory / 1024)}g`;
        for (let i = 2; [...classes.values()].some((x) => x.name === name); i++) name = `${name.replace(/-v\d+$/, '')}-v${i}`;
        c = { name, hw };
        classes.set(sig, c);
      }
      classOf.set(m, c.name);
    }
  }
  const hardware: Json = {};
  for (const { name, hw } of classes.values()) {
    const zeroSpeed = hw.nics.some((n) => n.speed <= 0);
    hardware[name] = {
      cores: hw.cores,
      memory: memory(hw.memory),
      nics: hw.nics.map((n) => ({ name: n.name, speed: formatMbps(n.speed > 0 ? n.speed : 10_000) })),
      ...(hw.hbas.length ? { hbas: hw.hbas.map((_, i) => ({ name: `hba${i + 1}`, protocol: 'fc', speed: '16Gbps', fabric: i % 2 === 0 ? 'A' : 'B' })) } : {}),
      ...(hw.disks.length ? { disks: hw.disks.map((d) => ({ name: d.name, size: d.size, role: d.role })) } : {}),
    };
    hw.nics.forEach((n, i) => {
      if (n.speed <= 0) mark(['hardware', name, 'nics', i, 'speed'], `MAAS reports no speed for ${n.name} (link down when commissioned?); write the port speed`);
    });
    if (zeroSpeed) notes.push(`${name}: a NIC without a reported speed`);
    hw.hbas.forEach((d, i) => {
      const what = `${str(d['vendor_name'])} ${str(d['product_name'])} at ${str(d['pci_address'])}`.trim();
      mark(['hardware', name, 'hbas', i, 'speed'], `MAAS does not report FC port speeds; ${what}: write its speed`);
      mark(['hardware', name, 'hbas', i, 'fabric'], 'MAAS does not know the SAN fabric (A or B) this port is cabled to');
    });
  }

  // ---- nodes
  const nodes: Json = {};
  for (const role of ['controlPlane', 'workers'] as const) {
    const ms = byRole[role];
    if (ms.length === 0) {
      const fallback = [...classes.values()][0]?.name ?? 'unknown';
      nodes[role] = { count: role === 'controlPlane' ? 3 : 5, hardware: fallback, hostnames: [] };
      mark(['nodes', role, 'count'], `no ${role === 'controlPlane' ? 'control-plane' : 'worker'} machines found in MAAS (roles come from pool names: a pool named like "cp", "control" or "master" holds the control plane); write the pool`);
      continue;
    }
    const counts = new Map<string, number>();
    for (const m of ms) counts.set(classOf.get(m) ?? '', (counts.get(classOf.get(m) ?? '') ?? 0) + 1);
    const main = [...counts].sort((a, b) => b[1] - a[1] || natural(a[0], b[0]))[0]?.[0] ?? '';
    const odd = ms.filter((m) => classOf.get(m) !== main);
    const zones = [...new Set(ms.map((m) => str(getPath(m, 'zone.name')) || 'default'))];
    const pools = [...new Set(ms.map((m) => str(getPath(m, 'pool.name')) || 'default'))];
    const n = ms.length;
    const cp = role === 'controlPlane';
    const [count, spares] = cp ? ([1, 3, 5].includes(n - 1) && n > 1 ? [n - 1, 1] : [n, 0]) : [n, 0];
    nodes[role] = {
      count,
      spares,
      hardware: main,
      zone: zones.length === 1 ? zones[0] : zones,
      resourcePool: pools[0],
      hostnames: ms.map((m) => str(m['hostname'])),
    };
    if (odd.length) mark(['nodes', role, 'hardware'], `${odd.map((m) => `${str(m['hostname'])} (${classOf.get(m) ?? '?'})`).join(', ')} differ${odd.length === 1 ? 's' : ''} from ${main}; a pool has one hardware class: split the pool in MAAS or pick the class`);
    if (pools.length > 1) mark(['nodes', role, 'resourcePool'], `these machines are in ${pools.length} resource pools (${pools.join(', ')}); a role has one pool`);
  }

  // ---- networks and host networking, from the first worker of the main class (else the first machine)
  const workerMain = str((nodes['workers'] as Json | undefined)?.['hardware']);
  const ref = byRole.workers.find((m) => classOf.get(m) === workerMain) ?? machines[0] as Json;
  const ifaces = list(ref['interface_set']);
  const byName = new Map(ifaces.map((i) => [str(i['name']), i]));
  const gatewayLink = str(getPath(ref, 'default_gateways.ipv4.link_id'));
  const usedSubnets = new Map<string, { subnet: Json; vid: number }>();
  for (const m of machines) {
    for (const i of list(m['interface_set'])) {
      for (const l of list(i['links'])) {
        const s = l['subnet'] as Json | null;
        if (s && typeof s === 'object') usedSubnets.set(str(s['cidr']), { subnet: subnetById.get(str(s['id'])) ?? s, vid: Number(getPath(s, 'vlan.vid') ?? 0) });
      }
    }
  }
  const netName = (s: Json, vid: number, fallback: string): string => {
    const n = str(s['name']);
    if (NAME.test(n) && !n.includes('/')) return n;
    const v = str(getPath(s, 'vlan.name'));
    if (NAME.test(v) && v !== 'untagged') return v;
    return vid ? `vlan${vid}` : fallback;
  };
  const untagged = [...usedSubnets.values()].filter((x) => x.vid === 0);
  const bootVlan = getPath(ref, 'boot_interface.vlan.id');
  const pxeEntry = untagged.find((x) => getPath(x.subnet, 'vlan.id') === bootVlan) ?? untagged[0];
  const names = new Map<string, string>();
  const networks: Json = {};
  if (pxeEntry) {
    const name = netName(pxeEntry.subnet, 0, 'pxe');
    names.set(str(pxeEntry.subnet['cidr']), name);
    networks['pxe'] = { cidr: str(pxeEntry.subnet['cidr']), ...(name !== 'pxe' ? { name } : {}), ...(pxeEntry.subnet['gateway_ip'] ? { gateway: str(pxeEntry.subnet['gateway_ip']) } : {}) };
  } else {
    const s = inv.subnets.find((x) => Number(getPath(x, 'vlan.vid') ?? 0) === 0);
    networks['pxe'] = { cidr: s ? str(s['cidr']) : '192.168.0.0/22' };
    if (s) names.set(str(s['cidr']), 'pxe');
    mark(['networks', 'pxe', 'cidr'], s ? `no machine has an address on an untagged subnet; ${str(s['cidr'])} is the first untagged subnet MAAS has` : 'MAAS has no untagged subnet; write the PXE network');
  }
  const vlans = [...usedSubnets.values()]
    .filter((x) => x.vid !== 0)
    .sort((a, b) => a.vid - b.vid)
    .map((x) => {
      const name = netName(x.subnet, x.vid, `vlan${x.vid}`);
      names.set(str(x.subnet['cidr']), name);
      return { id: x.vid, name, cidr: str(x.subnet['cidr']), ...(x.subnet['gateway_ip'] ? { gateway: str(x.subnet['gateway_ip']) } : {}) };
    });
  networks['vlans'] = vlans;
  networks['vmVlans'] = '21-100';
  mark(['networks', 'vmVlans'], 'MAAS does not know which VLANs VMs use (the RA uses 21-100); write them');
  for (const x of untagged) if (x !== pxeEntry) mark(['networks', 'pxe'], `${str(x.subnet['cidr'])} is a second untagged network on the machines; the site has one (the PXE network): move it to a VLAN or leave it out`);

  const untaggedNet = (i: Json): string | undefined => {
    for (const l of list(i['links'])) {
      const cidr = str(getPath(l, 'subnet.cidr'));
      if (Number(getPath(l, 'subnet.vlan.vid') ?? 0) === 0 && names.has(cidr)) return names.get(cidr);
    }
    return undefined;
  };
  const bonds = ifaces
    .filter((i) => i['type'] === 'bond')
    .map((i) => {
      const mode = str(getPath(i, 'params.bond_mode')) || 'active-backup';
      const mtu = Number(getPath(i, 'params.mtu') ?? 1500);
      const net = untaggedNet(i);
      return { name: str(i['name']), mode, interfaces: list(i['parents']).length ? list(i['parents']).map((p) => str(p['name'])) : (i['parents'] as unknown[] | undefined ?? []).map(str), ...(mode === '802.3ad' ? { lacpRate: str(getPath(i, 'params.bond_lacp_rate')) || 'slow' } : {}), ...(mtu !== 1500 ? { mtu } : {}), ...(net !== undefined ? { network: net } : {}) };
    });
  const bridgeIface = ifaces.find((i) => i['type'] === 'bridge');
  const vlanIfaces = ifaces
    .filter((i) => i['type'] === 'vlan')
    .map((i) => ({ vlan: Number(getPath(i, 'vlan.vid') ?? 0), link: str((i['parents'] as unknown[] | undefined)?.[0]), gw: list(i['links']).some((l) => str(l['id']) === gatewayLink && gatewayLink !== '') }))
    .sort((a, b) => a.vlan - b.vlan);
  const hostNetwork: Json = {
    bonds,
    vlanInterfaces: vlanIfaces.map((v) => ({ vlan: v.vlan, link: v.link, ...(v.gw ? { defaultGateway: true } : {}) })),
  };
  if (bridgeIface) {
    const onBridge = vlanIfaces.filter((v) => v.link === str(bridgeIface['name'])).map((v) => v.vlan);
    const net = untaggedNet(bridgeIface);
    hostNetwork['bridge'] = {
      name: str(bridgeIface['name']),
      link: str((bridgeIface['parents'] as unknown[] | undefined)?.[0]),
      ...(net !== undefined ? { network: net } : {}),
      vlanFiltering: true,
      allowVlansOnSelf: onBridge.length > 0 || net !== undefined,
      allowedVlansOnSelf: formatVlanSet(normalizeVlans(onBridge.map((v) => [v, v] as const))),
    };
  } else if (byRole.workers.length) {
    notes.push('no bridge on the workers');
  }
  // Control-plane interfaces the worker layout does not have.
  const known = new Set([...bonds.map((b) => b.name), ...vlanIfaces.map((v) => `${v.link}.${v.vlan}`), ...(bridgeIface ? [str(bridgeIface['name'])] : [])]);
  for (const m of byRole.controlPlane.slice(0, 1)) {
    const extra = list(m['interface_set']).filter((i) => i['type'] !== 'physical' && !known.has(str(i['name']))).map((i) => str(i['name']));
    if (extra.length) mark(['hostNetwork', 'bonds'], `the control plane (${str(m['hostname'])}) has ${extra.join(', ')}, which the workers do not; the site derives the control plane's interfaces from the workers'`);
  }
  if (!byName.size) notes.push('the reference machine has no interfaces');

  // ---- MetalLB: reserved ranges apply made ("MetalLB pool NAME (vmo-twin)")
  const pools = new Map<string, string[]>();
  for (const r of inv.ipranges) {
    const m = /^MetalLB pool (\S+) \(vmo-twin\)$/.exec(str(r['comment']));
    if (r['type'] !== 'reserved' || !m) continue;
    const list0 = pools.get(m[1] as string) ?? [];
    list0.push(`${str(r['start_ip'])}-${str(r['end_ip'])}`);
    pools.set(m[1] as string, list0);
  }

  const name = k8sName(o.name ?? inv.maasName ?? 'maas-import');
  const hbaSeen = [...classes.values()].some((c) => c.hw.hbas.length > 0);
  const site: Json = {
    apiVersion: 'vmo-twin/v1',
    kind: 'Site',
    metadata: { name, description: `imported from MAAS ${inv.version} at ${inv.endpoint}: ${machines.length} machines` },
    versions: { maas: /^\d+(\.\d+){0,3}/.exec(inv.version)?.[0] ?? '3.6.0' },
    hardware,
    nodes,
    maas: { domain: str(getPath(machines[0], 'domain.name')) || 'maas', eraseDisksOnRelease: inv.eraseOnRelease },
    palette: { cloudAccount: 'maas', clusterName: name },
    networks,
    hostNetwork,
    metallb: { mode: 'l2', pools: [...pools].map(([n, addresses]) => ({ name: n, addresses })) },
    storage: { array: { model: 'FlashArray//X70', protocol: hbaSeen ? 'fc' : 'iscsi', usable: '100Ti' } },
    workloads: { vmClasses: [] },
  };
  mark(['palette', 'cloudAccount'], 'the name of the MAAS cloud account in Palette; MAAS does not know it');
  mark(['storage', 'array', 'model'], 'MAAS does not know the FlashArray; write its model');
  mark(['storage', 'array', 'usable'], 'write the array\'s usable capacity (before data reduction)');
  if (!hbaSeen) mark(['storage', 'array', 'protocol'], 'MAAS found no Fibre Channel HBA on the machines: iSCSI assumed; write fc or iscsi');

  // ---- the YAML, with the comments
  const doc = new Document(site);
  doc.commentBefore = [
    ` Written by vmo-twin import maas from ${inv.endpoint} (MAAS ${inv.version}): ${machines.length} machines,`,
    ` ${byRole.controlPlane.length} control plane and ${byRole.workers.length} workers by resource pool${o.pools.length ? ` (pools ${o.pools.join(', ')})` : ''}.`,
    ' What MAAS cannot know carries a "# PLACEHOLDER:" comment: `vmo-twin validate` reports each one',
    ' until you write the real value and delete the comment. Keys left out take the reference',
    ' architecture\'s defaults (docs/site-file.md): Kubernetes CIDRs, Portworx, KubeVirt, Descheduler.',
  ].join('\n');
  const flow = (path: (string | number)[]): void => {
    const n = doc.getIn(path, true) as Node | undefined;
    if (n && isSeq(n)) for (const item of n.items) if (isMap(item)) item.flow = true;
  };
  for (const c of classes.values()) {
    flow(['hardware', c.name, 'nics']);
    flow(['hardware', c.name, 'disks']);
  }
  flow(['networks', 'vlans']);
  flow(['hostNetwork', 'bonds']);
  flow(['hostNetwork', 'vlanInterfaces']);
  flow(['metallb', 'pools']);
  const wl = doc.get('workloads', true);
  const wlPair = isMap(wl) ? wl.items.find((p) => isPair(p)) : undefined;
  if (wlPair) {
    const key = isScalar(wlPair.key) ? wlPair.key : doc.createNode(wlPair.key);
    key.commentBefore = ' add the VM classes that run here (vcpu, memory, disk, count, vlan): MAAS does not know them';
    wlPair.key = key;
  }
  const placeholders: Array<{ path: string; message: string }> = [];
  for (const mk of marks) {
    let node = doc.getIn(mk.path, true) as Node | undefined;
    // A flow collection cannot hold a comment inside: put it on the list.
    let target = mk.path;
    while (node && target.length > 1 && isScalar(node) && isMap(doc.getIn(target.slice(0, -1), true)) && (doc.getIn(target.slice(0, -1), true) as { flow?: boolean }).flow) {
      target = target.slice(0, -2);
      node = doc.getIn(target, true) as Node | undefined;
    }
    if (!node) continue;
    const text = ` PLACEHOLDER: ${mk.message}`;
    if (isScalar(node)) (node as Scalar).comment = node.comment ? `${node.comment}\n${text}` : text;
    else node.commentBefore = node.commentBefore ? `${node.commentBefore}\n${text}` : text;
    placeholders.push({ path: target.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('').replace(/^\./, '').replace(/\.\[/g, '['), message: mk.message });
  }
  return { text: doc.toString({ lineWidth: 0 }), site, placeholders, machines: machines.length, roles: { controlPlane: byRole.controlPlane.length, workers: byRole.workers.length } };
}
