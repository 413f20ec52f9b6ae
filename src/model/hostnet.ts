/**
 * Host networking per role, resolved from `hostNetwork` and the role's hardware class.
 *
 * Workers get the whole layout. The control plane gets the part its NICs can carry: the bonds
 * whose members it has, their VLAN interfaces, and no bridge (it runs no VMs); an untagged
 * network that sat on the bridge moves down to the bridge's bond. That is the RA's "control
 * plane uses bond_mgmt only" for the 4-NIC layout, and bond0 + bond0.10 for the 2-NIC one.
 *
 * The VLAN-capture rule (RA §Network configuration, 2-NIC layout): a VLAN interface on the
 * bridge's own bond takes that VLAN's frames before they reach br0, so VMs on br0 can never
 * use it. VLANs VMs can reach = bridge.allowedVlans − captured.
 */
import { normalizeVlans, vlanSetMinus, type VlanSet } from './cidr.js';
import { bondSpeedMbps, type BondMode } from './reference.js';
import type { HardwareClass, Site } from './site.js';

export interface NicIface {
  readonly kind: 'nic';
  readonly name: string;
  readonly speedMbps: number;
  /** Untagged network addressed directly on the NIC. */
  readonly network?: string;
}
export interface BondIface {
  readonly kind: 'bond';
  readonly name: string;
  readonly mode: BondMode;
  readonly members: readonly string[];
  readonly speedMbps: number;
  readonly lacpRate: 'fast' | 'slow';
  readonly mtu: number;
  readonly network?: string;
}
export interface VlanIface {
  readonly kind: 'vlan';
  readonly name: string;
  readonly vlan: number;
  readonly link: string;
  readonly network?: string;
  readonly defaultGateway: boolean;
  readonly speedMbps: number;
}
export interface BridgeIface {
  readonly kind: 'bridge';
  readonly name: string;
  readonly link: string;
  readonly network?: string;
  readonly vlanFiltering: boolean;
  readonly allowedVlans: VlanSet;
  readonly allowVlansOnSelf: boolean;
  readonly allowedVlansOnSelf: VlanSet;
  readonly speedMbps: number;
}
export type Iface = NicIface | BondIface | VlanIface | BridgeIface;

export interface RoleNetwork {
  /** NICs, then bonds, then the bridge, then VLAN interfaces; each list in site order. */
  readonly interfaces: readonly Iface[];
  readonly byName: ReadonlyMap<string, Iface>;
  readonly bridge?: BridgeIface;
  /** VLANs a VM on this node can be bridged onto. */
  readonly vmVlans: VlanSet;
  /** VLANs captured by VLAN interfaces on the bridge's own bond. */
  readonly captured: VlanSet;
  /** Network name → the interface that carries it (untagged or as a VLAN interface). */
  readonly networkInterface: ReadonlyMap<string, string>;
  /** The interface of the node InternalIP (pod overlay). */
  readonly nodeInterface?: string;
  /** The interface live migrations use and its speed. */
  readonly migrationInterface?: string;
  readonly migrationMbps: number;
}

/** Name of the network of VLAN `id`, from networks.vlans. */
export function vlanNetworkName(site: Site, id: number): string | undefined {
  return site.networks.vlans.find((v) => v.id === id)?.name;
}

/** The network that carries the node InternalIP: kubernetes.nodeNetwork, else "mgmt", else the default-gateway one. */
export function nodeNetworkName(site: Site): string | undefined {
  if (site.kubernetes.nodeNetwork !== undefined) return site.kubernetes.nodeNetwork;
  if (site.networks.vlans.some((v) => v.name === 'mgmt')) return 'mgmt';
  const gw = site.hostNetwork.vlanInterfaces.find((v) => v.defaultGateway);
  return gw ? vlanNetworkName(site, gw.vlan) : site.networks.pxe.name;
}

/** The data network: the one with the default gateway (RA: bond_data.20). */
export function dataNetworkName(site: Site): string | undefined {
  const gw = site.hostNetwork.vlanInterfaces.find((v) => v.defaultGateway);
  if (gw) return vlanNetworkName(site, gw.vlan);
  return site.networks.vlans.find((v) => v.name === 'data')?.name;
}

function speedOf(byName: Map<string, Iface>, name: string, depth = 0): number {
  const iface = byName.get(name);
  if (!iface || depth > 8) return 0;
  if (iface.kind === 'nic' || iface.kind === 'bond') return iface.speedMbps;
  return speedOf(byName, iface.link, depth + 1);
}

export function resolveRoleNetwork(site: Site, hardware: HardwareClass | undefined, role: 'controlPlane' | 'workers'): RoleNetwork {
  const hn = site.hostNetwork;
  const nicSpeeds = new Map<string, number>((hardware?.nics ?? []).map((n) => [n.name, n.speed]));
  const worker = role === 'workers';
  const bonds = hn.bonds.filter((b) => worker || b.interfaces.every((i) => nicSpeeds.has(i)));
  const bondNames = new Set(bonds.map((b) => b.name));
  const bridgeSrc = worker ? hn.bridge : undefined;
  const bridgeName = hn.bridge?.name;

  const byName = new Map<string, Iface>();
  const interfaces: Iface[] = [];
  const add = (i: Iface): void => {
    if (byName.has(i.name)) return;
    byName.set(i.name, i);
    interfaces.push(i);
  };

  // The untagged network that sat on the bridge moves to its link on the control plane.
  const movedNetwork = !worker && hn.bridge?.network !== undefined ? { to: hn.bridge.link, network: hn.bridge.network } : undefined;

  for (const n of hardware?.nics ?? []) {
    add({ kind: 'nic', name: n.name, speedMbps: n.speed, ...(movedNetwork?.to === n.name ? { network: movedNetwork.network } : {}) });
  }
  for (const b of bonds) {
    const network = b.network ?? (movedNetwork?.to === b.name ? movedNetwork.network : undefined);
    add({
      kind: 'bond',
      name: b.name,
      mode: b.mode,
      members: b.interfaces,
      speedMbps: bondSpeedMbps(b.mode, b.interfaces.map((i) => nicSpeeds.get(i) ?? 0)),
      lacpRate: b.lacpRate,
      mtu: b.mtu,
      ...(network !== undefined ? { network } : {}),
    });
  }
  let bridge: BridgeIface | undefined;
  if (bridgeSrc) {
    bridge = {
      kind: 'bridge',
      name: bridgeSrc.name,
      link: bridgeSrc.link,
      vlanFiltering: bridgeSrc.vlanFiltering,
      allowedVlans: bridgeSrc.allowedVlans ?? site.networks.vmVlans,
      allowVlansOnSelf: bridgeSrc.allowVlansOnSelf,
      allowedVlansOnSelf: bridgeSrc.allowedVlansOnSelf,
      speedMbps: speedOf(byName, bridgeSrc.link),
      ...(bridgeSrc.network !== undefined ? { network: bridgeSrc.network } : {}),
    };
    add(bridge);
  }
  for (const v of hn.vlanInterfaces) {
    const linkOk = byName.has(v.link) && (worker || (v.link !== bridgeName && (bondNames.has(v.link) || nicSpeeds.has(v.link))));
    if (!linkOk) continue;
    const network = vlanNetworkName(site, v.vlan);
    add({
      kind: 'vlan',
      name: `${v.link}.${v.vlan}`,
      vlan: v.vlan,
      link: v.link,
      defaultGateway: v.defaultGateway,
      speedMbps: speedOf(byName, v.link),
      ...(network !== undefined ? { network } : {}),
    });
  }

  const captured = bridge
    ? normalizeVlans(interfaces.filter((i): i is VlanIface => i.kind === 'vlan' && i.link === bridge.link).map((i) => [i.vlan, i.vlan] as const))
    : [];
  const vmVlans = bridge ? vlanSetMinus(bridge.vlanFiltering ? bridge.allowedVlans : [[1, 4094]], captured) : [];

  const networkInterface = new Map<string, string>();
  for (const i of interfaces) {
    const network = i.kind === 'nic' || i.kind === 'bond' || i.kind === 'bridge' || i.kind === 'vlan' ? i.network : undefined;
    if (network !== undefined && !networkInterface.has(network)) networkInterface.set(network, i.name);
  }
  const nodeNet = nodeNetworkName(site);
  const fallback = interfaces.find((i) => i.kind === 'vlan' && i.defaultGateway)?.name ?? interfaces.find((i) => i.kind === 'bond')?.name ?? interfaces[0]?.name;
  const nodeInterface = (nodeNet !== undefined ? networkInterface.get(nodeNet) : undefined) ?? fallback;
  const migNet = site.kubevirt.migration.network;
  const migrationInterface = (migNet !== undefined ? networkInterface.get(migNet) : undefined) ?? nodeInterface;
  const migrationMbps = migrationInterface !== undefined ? speedOf(byName, migrationInterface) : 0;

  return {
    interfaces,
    byName,
    ...(bridge ? { bridge } : {}),
    vmVlans,
    captured,
    networkInterface,
    ...(nodeInterface !== undefined ? { nodeInterface } : {}),
    ...(migrationInterface !== undefined ? { migrationInterface } : {}),
    migrationMbps,
  };
}

/** What one physical link (a bond, or a NIC in no bond) carries: its switch-facing trunk. */
export interface Trunk {
  /** The bond or NIC at the bottom of the stack. */
  readonly link: string;
  /** The untagged network addressed on it or on a bridge over it. */
  readonly untagged?: string;
  /** Interfaces addressed on the untagged network (the link itself or the bridge). */
  readonly untaggedInterface?: string;
  /** Host VLANs on it (on the link or on a bridge over it), ascending. */
  readonly vlans: readonly number[];
}

/**
 * The trunks of a role's host network: for every bond (and every NIC in no bond) the untagged
 * network and the host VLANs whose frames travel on it, whether their interface sits on the
 * link itself or on the bridge above it. MAAS needs this: a bond, its VLAN interfaces and a
 * bridge over it must all be on one fabric (maas-api.md §3.1).
 */
export function roleTrunks(net: RoleNetwork): Trunk[] {
  const bottom = (name: string, depth = 0): string | undefined => {
    const i = net.byName.get(name);
    if (!i || depth > 8) return undefined;
    if (i.kind === 'nic' || i.kind === 'bond') return i.name;
    return bottom(i.link, depth + 1);
  };
  const members = new Set(net.interfaces.flatMap((i) => (i.kind === 'bond' ? i.members : [])));
  const trunks = new Map<string, { untagged?: string; untaggedInterface?: string; vlans: number[] }>();
  for (const i of net.interfaces) {
    if ((i.kind === 'nic' && !members.has(i.name)) || i.kind === 'bond') trunks.set(i.name, { vlans: [] });
  }
  for (const i of net.interfaces) {
    const base = bottom(i.name);
    const t = base !== undefined ? trunks.get(base) : undefined;
    if (!t) continue;
    if (i.kind === 'vlan') t.vlans.push(i.vlan);
    else if (i.network !== undefined && t.untagged === undefined) {
      t.untagged = i.network;
      t.untaggedInterface = i.name;
    }
  }
  return [...trunks].map(([link, t]) => ({
    link,
    ...(t.untagged !== undefined ? { untagged: t.untagged } : {}),
    ...(t.untaggedInterface !== undefined ? { untaggedInterface: t.untaggedInterface } : {}),
    vlans: [...t.vlans].sort((a, b) => a - b),
  }));
}
