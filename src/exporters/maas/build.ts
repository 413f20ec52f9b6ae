/**
 * Builds the MAAS plan of a site from the twin: settings, pools, zones, fabrics, VLANs,
 * subnets, reserved ranges, then per role the machines' interfaces, links and storage
 * layout (RA §Canonical MAAS configuration, maas-api.md).
 */
import { cidrContains, formatCidr, formatIp, formatRange, type Cidr } from '../../model/cidr.js';
import { roleTrunks, type Iface, type RoleNetwork } from '../../model/hostnet.js';
import type { Site } from '../../model/site.js';
import { ROLE_NAMES, type RoleName, type Twin } from '../../model/twin.js';
import { MAAS_PLAN_API_VERSION, type MaasPlan, type MaasRequest, type MachineTarget, type Param, type PlanStep } from './plan.js';

/** A network MAAS knows as a subnet on a VLAN of a fabric. */
export interface PlannedNetwork {
  readonly name: string;
  readonly cidr: Cidr;
  readonly gateway?: number;
  /** 0 for the untagged (native) VLAN. */
  readonly vid: number;
  readonly fabric: string;
}

export interface FabricLayout {
  /** Fabric names in first-seen order. */
  readonly fabrics: readonly string[];
  readonly networks: readonly PlannedNetwork[];
  /** `role/link` → fabric, for each trunk (bond or lone NIC). */
  readonly linkFabric: ReadonlyMap<string, string>;
}

/**
 * Fabrics follow the trunks: trunks (of either role) that carry a common network are one
 * fabric, named after its untagged network, else after its lowest VLAN's network
 * ("fabric-pxe", "fabric-data").
 */
export function fabricLayout(twin: Twin): FabricLayout {
  const site = twin.site;
  type Group = { keys: Set<string>; links: string[]; untagged?: string; vlans: Set<number> };
  const groups: Group[] = [];
  const order = ROLE_NAMES.flatMap((r) => roleTrunks(twin.roleNetworks[r]).map((t) => `${r}/${t.link}`));
  for (const role of ROLE_NAMES) {
    for (const t of roleTrunks(twin.roleNetworks[role])) {
      const keys = [...(t.untagged !== undefined ? [`u:${t.untagged}`] : []), ...t.vlans.map((v) => `v:${v}`)];
      const hit = groups.filter((g) => keys.some((k) => g.keys.has(k)));
      const merged: Group = { keys: new Set(keys), links: [`${role}/${t.link}`], vlans: new Set(t.vlans), ...(t.untagged !== undefined ? { untagged: t.untagged } : {}) };
      for (const g of hit) {
        for (const k of g.keys) merged.keys.add(k);
        merged.links.unshift(...g.links);
        for (const v of g.vlans) merged.vlans.add(v);
        if (merged.untagged === undefined && g.untagged !== undefined) merged.untagged = g.untagged;
        groups.splice(groups.indexOf(g), 1);
      }
      groups.push(merged);
    }
  }
  const firstIndex = (g: Group): number => Math.min(...g.links.map((l) => order.indexOf(l)));
  groups.sort((a, b) => firstIndex(a) - firstIndex(b));
  const fabrics: string[] = [];
  const linkFabric = new Map<string, string>();
  const networks: PlannedNetwork[] = [];
  const vlanName = (vid: number): string | undefined => site.networks.vlans.find((v) => v.id === vid)?.name;
  for (const g of groups) {
    const lowest = [...g.vlans].sort((a, b) => a - b)[0];
    const label = g.untagged ?? (lowest !== undefined ? vlanName(lowest) : undefined) ?? g.links[0]?.replace('/', '-') ?? 'fabric';
    const fabric = `fabric-${label}`;
    fabrics.push(fabric);
    for (const l of g.links) linkFabric.set(l, fabric);
    if (g.untagged !== undefined) {
      const n = networkByName(site, g.untagged);
      if (n) networks.push({ ...n, vid: 0, fabric });
    }
    for (const vid of [...g.vlans].sort((a, b) => a - b)) {
      const v = site.networks.vlans.find((x) => x.id === vid);
      if (v) networks.push({ name: v.name, cidr: v.cidr, ...(v.gateway !== undefined ? { gateway: v.gateway } : {}), vid, fabric });
    }
  }
  return { fabrics, networks, linkFabric };
}
function networkByName(site: Site, name: string): { name: string; cidr: Cidr; gateway?: number } | undefined {
  if (name === site.networks.pxe.name) {
    const p = site.networks.pxe;
    return { name: p.name, cidr: p.cidr, ...(p.gateway !== undefined ? { gateway: p.gateway } : {}) };
  }
  const v = site.networks.vlans.find((x) => x.name === name);
  return v ? { name: v.name, cidr: v.cidr, ...(v.gateway !== undefined ? { gateway: v.gateway } : {}) } : undefined;
}

const get = (path: string, params: readonly Param[] = [], op?: string): MaasRequest => ({ method: 'GET', path, ...(op !== undefined ? { op } : {}), params });
const post = (path: string, params: readonly Param[], op?: string): MaasRequest => ({ method: 'POST', path, ...(op !== undefined ? { op } : {}), params });
const put = (path: string, params: readonly Param[]): MaasRequest => ({ method: 'PUT', path, params });

const vlanRef = (fabric: string, vid: number): string => `vlan:${fabric}/${vid}`;
const subnetRef = (cidr: Cidr): string => `subnet:${formatCidr(cidr)}`;
const ref = (name: string): string => `{ref:${name}}`;

const GLOBAL = { kind: 'global' } as const;

/** Where a network is defined in the site: `networks.pxe` or `networks.vlans[i]`. */
function networkPath(site: Site, name: string): string {
  if (name === site.networks.pxe.name) return 'networks.pxe';
  const i = site.networks.vlans.findIndex((v) => v.name === name);
  return i >= 0 ? `networks.vlans[${i}]` : 'networks';
}

/** Site paths of a network's fields as MAAS names them on a subnet. */
function subnetPaths(site: Site, name: string): Record<string, string> {
  const np = networkPath(site, name);
  return { '*': np, cidr: `${np}.cidr`, gateway_ip: `${np}.gateway`, name: `${np}.name`, vlan: np, managed: np };
}

/** A global object MAAS finds by name in its collection: a domain, resource pool, zone or fabric. */
function byName(kind: 'domain' | 'resource-pool' | 'zone' | 'fabric', collection: string, name: string, description: string, sitePath: string, params: readonly Param[] = []): PlanStep {
  return {
    id: `${kind}/${name}`,
    kind,
    description,
    naturalKey: { name },
    scope: GLOBAL,
    dependsOn: [],
    lookup: { request: get(collection), match: { name } },
    desired: { name },
    create: post(collection, [['name', name], ...params]),
    provides: `${kind}:${name}`,
    sitePaths: { '*': sitePath, name: sitePath },
  };
}

function globalSteps(twin: Twin, layout: FabricLayout): PlanStep[] {
  const site = twin.site;
  const steps: PlanStep[] = [];
  const global = GLOBAL;
  // RA §Canonical MAAS configuration: "Erase nodes' disks prior to releasing" = disabled, so repaves keep the FlashArray LUNs.
  steps.push({
    id: 'config/enable_disk_erasing_on_release',
    kind: 'config',
    description: 'Settings → Storage: do not erase disks on release (RA §MAAS: repaves must not erase the FlashArray LUNs)',
    naturalKey: { name: 'enable_disk_erasing_on_release' },
    scope: global,
    dependsOn: [],
    lookup: { request: get('/maas/', [['name', 'enable_disk_erasing_on_release']], 'get_config'), match: {} },
    desired: { $: site.maas.eraseDisksOnRelease },
    create: post('/maas/', [['name', 'enable_disk_erasing_on_release'], ['value', String(site.maas.eraseDisksOnRelease)]], 'set_config'),
    update: post('/maas/', [['name', 'enable_disk_erasing_on_release'], ['value', String(site.maas.eraseDisksOnRelease)]], 'set_config'),
    sitePaths: { '*': 'maas.eraseDisksOnRelease', value: 'maas.eraseDisksOnRelease' },
  });
  steps.push(byName('domain', '/domains/', site.maas.domain, `the DNS domain ${site.maas.domain} of the machines`, 'maas.domain', [['authoritative', 'true']]));
  for (const pool of [...new Set(ROLE_NAMES.map((r) => site.nodes[r].resourcePool))]) {
    const role = ROLE_NAMES.find((r) => site.nodes[r].resourcePool === pool) ?? 'workers';
    steps.push(byName('resource-pool', '/resourcepools/', pool, `resource pool ${pool} (RA §MAAS: separate control-plane and worker pools)`, `nodes.${role}.resourcePool`, [['description', `vmo-twin: ${site.metadata.name}`]]));
  }
  for (const zone of twin.zones) {
    const role = ROLE_NAMES.find((r) => site.nodes[r].zone.includes(zone)) ?? 'workers';
    steps.push(byName('zone', '/zones/', zone, `availability zone ${zone} (RA §MAAS: AZs follow the datacenter layout)`, `nodes.${role}.zone`));
  }
  for (const fabric of layout.fabrics) {
    const nets = layout.networks.filter((n) => n.fabric === fabric);
    steps.push(byName('fabric', '/fabrics/', fabric, `fabric ${fabric}: ${nets.map((n) => (n.vid === 0 ? `${n.name} untagged` : `${n.name} VLAN ${n.vid}`)).join(', ')}`, nets[0] ? networkPath(site, nets[0].name) : 'hostNetwork'));
    // A new fabric gets its untagged VLAN (vid 0) from MAAS (maas-api.md §2.2); find it, create none.
    steps.push({
      id: `vlan/${fabric}/0`,
      kind: 'vlan',
      description: `the untagged VLAN of ${fabric} (MAAS creates it with the fabric)`,
      naturalKey: { fabric, vid: 0 },
      scope: global,
      dependsOn: [`fabric/${fabric}`],
      lookup: { request: get(`/fabrics/${ref(`fabric:${fabric}`)}/vlans/`), match: { vid: 0 } },
      desired: {},
      provides: vlanRef(fabric, 0),
      sitePaths: { '*': networkPath(site, nets.find((x) => x.vid === 0)?.name ?? nets[0]?.name ?? '') },
    });
    for (const n of nets.filter((x) => x.vid !== 0)) {
      const { mtu, bond } = vlanMtu(twin, n.vid);
      const np = networkPath(site, n.name);
      const bondIndex = bond !== undefined ? site.hostNetwork.bonds.findIndex((b) => b.name === bond) : -1;
      steps.push({
        id: `vlan/${fabric}/${n.vid}`,
        kind: 'vlan',
        description: `VLAN ${n.vid} (${n.name}) on ${fabric}`,
        naturalKey: { fabric, vid: n.vid },
        scope: global,
        dependsOn: [`fabric/${fabric}`],
        lookup: { request: get(`/fabrics/${ref(`fabric:${fabric}`)}/vlans/`), match: { vid: n.vid } },
        desired: { name: n.name, mtu },
        create: post(`/fabrics/${ref(`fabric:${fabric}`)}/vlans/`, [['vid', String(n.vid)], ['name', n.name], ['mtu', String(mtu)]]),
        update: put(`/fabrics/${ref(`fabric:${fabric}`)}/vlans/${n.vid}/`, [['name', n.name], ['mtu', String(mtu)]]),
        provides: vlanRef(fabric, n.vid),
        sitePaths: { '*': np, vid: `${np}.id`, name: `${np}.name`, mtu: bondIndex >= 0 ? `hostNetwork.bonds[${bondIndex}].mtu` : np },
      });
    }
  }
  for (const n of layout.networks) {
    const cidr = formatCidr(n.cidr);
    const gw = n.gateway !== undefined ? formatIp(n.gateway) : undefined;
    const params: Param[] = [['name', n.name], ['vlan', ref(vlanRef(n.fabric, n.vid))], ...(gw !== undefined ? ([['gateway_ip', gw]] as Param[]) : []), ['managed', 'true']];
    steps.push({
      id: `subnet/${cidr}`,
      kind: 'subnet',
      description: `subnet ${cidr} (${n.name})${gw !== undefined ? `, gateway ${gw}` : ''}; machines get addresses from it automatically (RA §MAAS: "Auto assign")`,
      naturalKey: { cidr },
      scope: global,
      dependsOn: [`vlan/${n.fabric}/${n.vid}`],
      lookup: { request: get('/subnets/'), match: { cidr } },
      desired: { name: n.name, 'vlan.id': ref(vlanRef(n.fabric, n.vid)), ...(gw !== undefined ? { gateway_ip: gw } : {}), managed: true },
      create: post('/subnets/', [['cidr', cidr], ...params]),
      update: put(`/subnets/${ref(subnetRef(n.cidr))}/`, params),
      provides: subnetRef(n.cidr),
      sitePaths: subnetPaths(site, n.name),
    });
  }
  // MetalLB addresses inside a MAAS subnet are reserved, so MAAS never gives one to a machine.
  for (const [pi, pool] of site.metallb.pools.entries()) {
    for (const [ai, a] of pool.addresses.entries()) {
      const n = layout.networks.find((x) => cidrContains(x.cidr, a.first) && cidrContains(x.cidr, a.last));
      if (!n) continue;
      const start = formatIp(a.first);
      const end = formatIp(a.last);
      steps.push({
        id: `ip-range/${formatRange(a)}`,
        kind: 'ip-range',
        description: `reserved range ${formatRange(a)} in ${formatCidr(n.cidr)}: MetalLB pool ${pool.name}, never assigned to a machine`,
        naturalKey: { start_ip: start, end_ip: end },
        scope: global,
        dependsOn: [`subnet/${formatCidr(n.cidr)}`],
        lookup: { request: get('/ipranges/'), match: { start_ip: start, end_ip: end } },
        desired: { type: 'reserved', 'subnet.id': ref(subnetRef(n.cidr)) },
        create: post('/ipranges/', [['type', 'reserved'], ['start_ip', start], ['end_ip', end], ['subnet', ref(subnetRef(n.cidr))], ['comment', `MetalLB pool ${pool.name} (vmo-twin)`]]),
        sitePaths: { '*': `metallb.pools[${pi}].addresses[${ai}]`, start_ip: `metallb.pools[${pi}].addresses[${ai}]`, end_ip: `metallb.pools[${pi}].addresses[${ai}]`, subnet: `metallb.pools[${pi}].addresses[${ai}]` },
      });
    }
  }
  return steps;
}

/** A VLAN's MTU: the largest MTU of the bonds that carry it (1500, the MAAS default, when none is set), and that bond. */
function vlanMtu(twin: Twin, vid: number): { mtu: number; bond?: string } {
  let out: { mtu: number; bond?: string } = { mtu: 1500 };
  for (const role of ROLE_NAMES) {
    const net = twin.roleNetworks[role];
    for (const i of net.interfaces) {
      if (i.kind !== 'vlan' || i.vlan !== vid) continue;
      const bottom = bottomBond(net, i.link);
      if (bottom && (bottom.mtu > out.mtu || out.bond === undefined)) out = { mtu: Math.max(out.mtu, bottom.mtu), bond: bottom.name };
    }
  }
  return out;
}

function bottomBond(net: RoleNetwork, name: string, depth = 0): Extract<Iface, { kind: 'bond' }> | undefined {
  const i = net.byName.get(name);
  if (!i || depth > 8) return undefined;
  if (i.kind === 'bond') return i;
  if (i.kind === 'nic') return undefined;
  return bottomBond(net, i.link, depth + 1);
}

function roleSteps(twin: Twin, layout: FabricLayout, role: RoleName): PlanStep[] {
  const site = twin.site;
  const net = twin.roleNetworks[role];
  const pool = site.nodes[role];
  const hw = site.hardware.get(pool.hardware);
  const scope = { kind: 'machines', role, hardware: pool.hardware } as const;
  const steps: PlanStep[] = [];
  const machineId = `${role}/machine`;
  const trunks = roleTrunks(net);
  const fabricOf = (iface: string): string | undefined => {
    let name: string | undefined = iface;
    for (let d = 0; d < 8 && name !== undefined; d++) {
      const f = layout.linkFabric.get(`${role}/${name}`);
      if (f) return f;
      const i: Iface | undefined = net.byName.get(name);
      name = i && (i.kind === 'vlan' || i.kind === 'bridge') ? i.link : undefined;
    }
    return undefined;
  };
  const ifaceRef = (name: string): string => ref(`interface:${name}`);
  const ifacePath = (name: string): string => `/nodes/{machine}/interfaces/${ifaceRef(name)}/`;
  const lookupIface = (name: string, type: string) => ({ request: get('/nodes/{machine}/interfaces/'), match: { name, type } });
  const id = (kind: string, name: string): string => `${role}/${kind}/${name}`;
  const cls = `hardware.${pool.hardware}`;
  const nicPath = (name: string): string => {
    const k = hw?.nics.findIndex((n) => n.name === name) ?? -1;
    return k >= 0 ? `${cls}.nics[${k}]` : cls;
  };
  const bondPath = (name: string): string => {
    const j = site.hostNetwork.bonds.findIndex((b) => b.name === name);
    return j >= 0 ? `hostNetwork.bonds[${j}]` : 'hostNetwork.bonds';
  };
  const vlanIfPath = (vid: number, link: string): string => {
    const m = site.hostNetwork.vlanInterfaces.findIndex((v) => v.vlan === vid && v.link === link);
    return m >= 0 ? `hostNetwork.vlanInterfaces[${m}]` : 'hostNetwork.vlanInterfaces';
  };
  const hostsPath = `nodes.${role}.${pool.hostnames !== undefined ? 'hostnames' : 'count'}`;

  steps.push({
    id: machineId,
    kind: 'machine',
    description: `each ${role === 'workers' ? 'worker' : 'control-plane'} machine (${pool.hardware}) in pool ${pool.resourcePool} and its zone; machines are commissioned and Ready or Allocated`,
    naturalKey: { hostname: '{hostname}' },
    scope,
    dependsOn: [`resource-pool/${pool.resourcePool}`, ...new Set(pool.zone.map((z) => `zone/${z}`))],
    lookup: { request: get('/machines/', [['hostname', '{hostname}']]), match: { hostname: '{hostname}' } },
    desired: { 'pool.name': '{pool}', 'zone.name': '{zone}', 'domain.name': site.maas.domain },
    update: put('/machines/{machine}/', [['pool', '{pool}'], ['zone', '{zone}'], ['domain', site.maas.domain]]),
    provides: 'machine',
    idField: 'system_id',
    sitePaths: { '*': hostsPath, hostname: hostsPath, pool: `nodes.${role}.resourcePool`, zone: `nodes.${role}.zone`, domain: 'maas.domain' },
  });

  // Physical NICs that trunks use: put each on its fabric's untagged VLAN, so bond parents agree (maas-api.md §3.1).
  const bondOf = new Map<string, string>();
  for (const i of net.interfaces) if (i.kind === 'bond') for (const m of i.members) bondOf.set(m, i.name);
  for (const i of net.interfaces) {
    if (i.kind !== 'nic') continue;
    const fabric = fabricOf(bondOf.get(i.name) ?? i.name);
    if (fabric === undefined) continue;
    const vlan = ref(vlanRef(fabric, 0));
    steps.push({
      id: id('interface', i.name),
      kind: 'physical-interface',
      description: `${i.name}: on ${fabric}${bondOf.has(i.name) ? `, member of ${bondOf.get(i.name)}` : ''}`,
      naturalKey: { hostname: '{hostname}', name: i.name },
      scope,
      dependsOn: [machineId, `vlan/${fabric}/0`],
      lookup: lookupIface(i.name, 'physical'),
      desired: { 'vlan.id': vlan },
      update: put(ifacePath(i.name), [['vlan', vlan]]),
      provides: `interface:${i.name}`,
      sitePaths: { '*': nicPath(i.name), name: `${nicPath(i.name)}.name`, vlan: bondOf.has(i.name) ? bondPath(bondOf.get(i.name) as string) : nicPath(i.name) },
    });
  }
  for (const i of net.interfaces) {
    if (i.kind === 'bond') {
      const fabric = fabricOf(i.name);
      if (fabric === undefined) continue;
      const vlan = ref(vlanRef(fabric, 0));
      // maas-api.md §3.1: always send bond_mode and bond_lacp_rate (the form's defaults differ from the docs').
      const settings: Param[] = [['bond_mode', i.mode], ['bond_lacp_rate', i.lacpRate], ['mtu', String(i.mtu)]];
      steps.push({
        id: id('bond', i.name),
        kind: 'bond',
        description: `bond ${i.name} (${i.mode}, LACP rate ${i.lacpRate}, MTU ${i.mtu}) of ${i.members.join(' + ')}`,
        naturalKey: { hostname: '{hostname}', name: i.name },
        scope,
        dependsOn: i.members.map((m) => id('interface', m)),
        lookup: lookupIface(i.name, 'bond'),
        desired: { 'params.bond_mode': i.mode, 'params.bond_lacp_rate': i.lacpRate, 'params.mtu': i.mtu, 'vlan.id': vlan },
        create: post('/nodes/{machine}/interfaces/', [['name', i.name], ...i.members.map((m): Param => ['parents', ifaceRef(m)]), ['vlan', vlan], ...settings], 'create_bond'),
        update: put(ifacePath(i.name), [['vlan', vlan], ...settings]),
        provides: `interface:${i.name}`,
        sitePaths: (() => {
          const bp = bondPath(i.name);
          return { '*': bp, name: `${bp}.name`, parents: `${bp}.interfaces`, bond_mode: `${bp}.mode`, bond_lacp_rate: `${bp}.lacpRate`, mtu: `${bp}.mtu`, vlan: bp };
        })(),
      });
    }
  }
  for (const i of net.interfaces) {
    if (i.kind !== 'bridge') continue;
    const fabric = fabricOf(i.name);
    if (fabric === undefined) continue;
    const vlan = ref(vlanRef(fabric, 0));
    const parentKind = net.byName.get(i.link)?.kind === 'bond' ? 'bond' : 'interface';
    steps.push({
      id: id('bridge', i.name),
      kind: 'bridge',
      description: `bridge ${i.name} on ${i.link}: the Multus master for VM VLANs (RA §Network configuration: it must be a bridge)`,
      naturalKey: { hostname: '{hostname}', name: i.name },
      scope,
      dependsOn: [id(parentKind, i.link)],
      lookup: lookupIface(i.name, 'bridge'),
      desired: { 'params.bridge_type': 'standard', 'params.bridge_stp': false, 'vlan.id': vlan },
      create: post('/nodes/{machine}/interfaces/', [['name', i.name], ['parents', ifaceRef(i.link)], ['vlan', vlan], ['bridge_type', 'standard'], ['bridge_stp', 'false']], 'create_bridge'),
      update: put(ifacePath(i.name), [['vlan', vlan], ['bridge_type', 'standard'], ['bridge_stp', 'false']]),
      provides: `interface:${i.name}`,
      sitePaths: { '*': 'hostNetwork.bridge', name: 'hostNetwork.bridge.name', parents: 'hostNetwork.bridge.link', vlan: 'hostNetwork.bridge', bridge_type: 'hostNetwork.bridge', bridge_stp: 'hostNetwork.bridge' },
    });
  }
  const stepOf = (name: string): string => {
    const k = net.byName.get(name)?.kind;
    return id(k === 'bond' ? 'bond' : k === 'bridge' ? 'bridge' : k === 'vlan' ? 'vlan-interface' : 'interface', name);
  };
  for (const i of net.interfaces) {
    if (i.kind !== 'vlan') continue;
    const fabric = fabricOf(i.link);
    if (fabric === undefined) continue;
    const vlan = ref(vlanRef(fabric, i.vlan));
    steps.push({
      id: id('vlan-interface', i.name),
      kind: 'vlan-interface',
      description: `VLAN interface ${i.name} (${i.network ?? `VLAN ${i.vlan}`}) on ${i.link}`,
      naturalKey: { hostname: '{hostname}', name: i.name },
      scope,
      dependsOn: [stepOf(i.link), `vlan/${fabric}/${i.vlan}`],
      lookup: lookupIface(i.name, 'vlan'),
      desired: { 'vlan.id': vlan },
      create: post('/nodes/{machine}/interfaces/', [['vlan', vlan], ['parent', ifaceRef(i.link)]], 'create_vlan'),
      provides: `interface:${i.name}`,
      sitePaths: { '*': vlanIfPath(i.vlan, i.link), vlan: `${vlanIfPath(i.vlan, i.link)}.vlan`, parent: `${vlanIfPath(i.vlan, i.link)}.link` },
    });
  }
  // Addresses: AUTO on every interface that carries a network (RA §MAAS "Auto assign"), the
  // default gateway on the one the site marks. Bonds and bridges that carry only children get
  // no link: MAAS still writes them to the machine's network configuration, without an address.
  for (const i of net.interfaces) {
    if (i.kind === 'nic' && bondOf.has(i.name)) continue;
    if (i.kind === 'nic' && !trunks.some((t) => t.link === i.name)) continue;
    const network = i.network !== undefined ? layout.networks.find((n) => n.name === i.network) : undefined;
    const gw = i.kind === 'vlan' && i.defaultGateway;
    if (network) {
      const cidr = formatCidr(network.cidr);
      // The site value that put this network on this interface.
      const source =
        i.kind === 'vlan'
          ? `${vlanIfPath(i.vlan, i.link)}.vlan`
          : i.kind === 'bond' && site.hostNetwork.bonds.some((b) => b.name === i.name && b.network === network.name)
            ? `${bondPath(i.name)}.network`
            : 'hostNetwork.bridge.network';
      steps.push({
        id: id('link', i.name),
        kind: 'interface-link',
        description: `${i.name}: address from ${cidr} (${network.name}), mode AUTO${gw ? ', default gateway' : ''}`,
        naturalKey: { hostname: '{hostname}', interface: i.name, subnet: cidr },
        scope,
        dependsOn: [stepOf(i.name), `subnet/${cidr}`],
        lookup: { request: get(ifacePath(i.name)), field: 'links', match: { 'subnet.cidr': cidr } },
        desired: { mode: 'auto' },
        create: post(ifacePath(i.name), [['mode', 'AUTO'], ['subnet', ref(subnetRef(network.cidr))], ...(gw ? ([['default_gateway', 'true']] as Param[]) : [])], 'link_subnet'),
        provides: `link:${i.name}`,
        sitePaths: { '*': source, mode: source, subnet: `${networkPath(site, network.name)}.cidr`, ...(gw && i.kind === 'vlan' ? { default_gateway: `${vlanIfPath(i.vlan, i.link)}.defaultGateway` } : {}) },
      });
    }
  }
  // Storage: only the OS disk is laid out (RA §MAAS: "Only configure OS disk"; flat layout).
  const disks = hw?.disks ?? [];
  const os = disks.find((d) => d.role === 'os');
  const diskPath = (name: string): string => `${cls}.disks[${disks.findIndex((d) => d.name === name)}]`;
  if (os) {
    steps.push({
      id: id('block-device', os.name),
      kind: 'block-device',
      description: `the OS disk ${os.name}`,
      naturalKey: { hostname: '{hostname}', name: os.name },
      scope,
      dependsOn: [machineId],
      lookup: { request: get('/nodes/{machine}/blockdevices/'), match: { name: os.name } },
      desired: {},
      provides: `blockdevice:${os.name}`,
      sitePaths: { '*': diskPath(os.name), name: `${diskPath(os.name)}.name` },
    });
  }
  // The layout holds when the OS disk (or, without one in the site, the boot disk) has an ext4
  // partition mounted at "/": set_storage_layout wipes the machine's storage configuration, and
  // MAAS allows it only on Ready machines (maas-api.md §4.1), so it is not sent again.
  const setLayout: MaasRequest = post('/machines/{machine}/', [['storage_layout', 'flat'], ...(os ? ([['root_device', ref(`blockdevice:${os.name}`)]] as Param[]) : [])], 'set_storage_layout');
  const layoutPaths = os ? { '*': diskPath(os.name), root_device: `${diskPath(os.name)}.name`, storage_layout: `${diskPath(os.name)}.role` } : { '*': cls };
  steps.push({
    id: `${role}/storage-layout`,
    kind: 'storage-layout',
    description: `flat layout on ${os ? `the OS disk ${os.name}` : 'the boot disk'} only; other disks stay untouched (RA §MAAS: "Only configure OS disk"). MAAS applies it only to Ready machines`,
    naturalKey: { hostname: '{hostname}' },
    scope,
    dependsOn: [os ? id('block-device', os.name) : machineId],
    lookup: os
      ? { request: get(`/nodes/{machine}/blockdevices/${ref(`blockdevice:${os.name}`)}/`), field: 'partitions', match: { 'filesystem.mount_point': '/' } }
      : { request: get('/machines/{machine}/'), field: 'boot_disk.partitions', match: { 'filesystem.mount_point': '/' } },
    desired: { 'filesystem.fstype': 'ext4' },
    create: setLayout,
    update: setLayout,
    sitePaths: layoutPaths,
  });
  // Non-OS local disks leave MAAS's inventory, or every deploy would wipe their headers (maas-api.md §4.2).
  for (const d of disks.filter((x) => x.role !== 'os')) {
    steps.push({
      id: id('block-device', d.name),
      kind: 'block-device',
      description: `${d.name} (${d.role}): removed from MAAS's inventory so a deploy does not wipe it (maas-api.md §4.2)`,
      naturalKey: { hostname: '{hostname}', name: d.name },
      scope,
      dependsOn: [`${role}/storage-layout`],
      lookup: { request: get('/nodes/{machine}/blockdevices/'), match: { name: d.name } },
      desired: { $absent: true },
      update: { method: 'DELETE', path: `/nodes/{machine}/blockdevices/${ref(`blockdevice:${d.name}`)}/`, params: [] },
      provides: `blockdevice:${d.name}`,
      sitePaths: { '*': diskPath(d.name), name: `${diskPath(d.name)}.name` },
    });
  }
  return steps;
}

export function buildMaasPlan(twin: Twin): MaasPlan {
  const layout = fabricLayout(twin);
  const machines: Record<RoleName, MachineTarget[]> = { controlPlane: [], workers: [] };
  for (let n = 0; n < twin.nodes.count; n++) {
    const role = twin.roleOf(n);
    machines[role].push({ hostname: twin.nodes.names[n] as string, zone: twin.zones[twin.nodes.zone[n] as number] as string, pool: twin.site.nodes[role].resourcePool, spare: twin.nodes.spare[n] === 1 });
  }
  return {
    apiVersion: MAAS_PLAN_API_VERSION,
    kind: 'MaasPlan',
    site: twin.site.metadata.name,
    maasVersion: twin.site.versions.maas,
    machines,
    steps: [...globalSteps(twin, layout), ...ROLE_NAMES.flatMap((r) => roleSteps(twin, layout, r))],
  };
}
