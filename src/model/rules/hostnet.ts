/**
 * Host-networking rules: bonds, VLAN interfaces, the br0 bridge and the VLANs VMs ask for
 * (RA §Network configuration).
 */
import { formatVlanSet, normalizeVlans, vlanSetHas, vlanSetUnion, type VlanSet } from '../cidr.js';
import { didYouMean } from '../diagnostics.js';
import { resolveRoleNetwork, vlanNetworkName } from '../hostnet.js';
import { BRIDGE_BOND_MODES, BOND_MODE_ALIASES } from '../reference.js';
import type { Site } from '../site.js';
import type { Finding } from '../twin.js';

function networkNames(site: Site): string[] {
  return [site.networks.pxe.name, ...site.networks.vlans.map((v) => v.name)];
}

function modeNumber(mode: string): string {
  return Object.entries(BOND_MODE_ALIASES).find(([k, v]) => v === mode && /^\d$/.test(k))?.[0] ?? '?';
}

export function hostNetworkRules(site: Site, out: Finding[]): void {
  const hn = site.hostNetwork;
  const workerHw = site.hardware.get(site.nodes.workers.hardware);
  const nicNames = new Set((workerHw?.nics ?? []).map((n) => n.name));
  const bondNames = new Set(hn.bonds.map((b) => b.name));
  const nets = networkNames(site);
  const refHint = (word: string, candidates: readonly string[], what: string): string => {
    const near = didYouMean(word, candidates);
    return near ? `did you mean "${near}"?` : candidates.length ? `${what}: ${candidates.join(', ')}` : `define it first`;
  };

  // NIC names unique per hardware class, HBA and disk names too.
  for (const [cls, hw] of site.hardware) {
    for (const [list, key] of [
      [hw.nics.map((n) => n.name), 'nics'],
      [hw.hbas.map((h) => h.name), 'hbas'],
      [hw.disks.map((d) => d.name), 'disks'],
    ] as const) {
      const seen = new Set<string>();
      list.forEach((name, i) => {
        if (seen.has(name)) out.push({ path: ['hardware', cls, key, i, 'name'], code: 'duplicate-name', message: `"${name}" appears twice in hardware.${cls}.${key}`, hint: 'give every port and disk its own name' });
        seen.add(name);
      });
    }
  }

  // Bonds.
  const seenBond = new Set<string>();
  const memberOf = new Map<string, string>();
  hn.bonds.forEach((b, i) => {
    if (seenBond.has(b.name) || nicNames.has(b.name)) {
      out.push({ path: ['hostNetwork', 'bonds', i, 'name'], code: 'duplicate-name', message: `"${b.name}" is already the name of ${nicNames.has(b.name) ? 'a NIC' : 'another bond'}`, hint: 'give every interface its own name' });
    }
    seenBond.add(b.name);
    const distinct = new Set(b.interfaces).size;
    if (distinct < 2) {
      out.push({
        path: ['hostNetwork', 'bonds', i, 'interfaces'],
        code: 'bond-single-member',
        message: `bond ${b.name} has ${distinct} member`,
        hint: 'a bond needs two NICs (ideally on two cards) to survive a link or card failure — RA §Network configuration uses two per bond',
      });
    }
    const listed = new Set<string>();
    b.interfaces.forEach((nic, j) => {
      if (listed.has(nic)) {
        out.push({ path: ['hostNetwork', 'bonds', i, 'interfaces', j], code: 'duplicate-name', message: `NIC ${nic} is listed twice in bond ${b.name}`, hint: 'list each member NIC once' });
        return;
      }
      listed.add(nic);
      if (!nicNames.has(nic)) {
        out.push({
          path: ['hostNetwork', 'bonds', i, 'interfaces', j],
          code: 'unknown-reference',
          message: `bond ${b.name} uses NIC "${nic}", which hardware.${site.nodes.workers.hardware} does not have`,
          hint: refHint(nic, [...nicNames], 'the worker NICs are'),
        });
      }
      const prev = memberOf.get(nic);
      if (prev !== undefined && prev !== b.name) {
        out.push({ path: ['hostNetwork', 'bonds', i, 'interfaces', j], code: 'nic-in-two-bonds', message: `NIC ${nic} is in bond ${prev} and in bond ${b.name}`, hint: 'a NIC can be a member of one bond only (MAAS refuses the second with a 400)' });
      }
      memberOf.set(nic, b.name);
    });
    if (b.network !== undefined && !nets.includes(b.network)) {
      out.push({ path: ['hostNetwork', 'bonds', i, 'network'], code: 'unknown-reference', message: `network "${b.network}" is not defined`, hint: refHint(b.network, nets, 'the networks are') });
    }
  });

  const links = new Set([...nicNames, ...bondNames, ...(hn.bridge ? [hn.bridge.name] : [])]);
  const br = hn.bridge;
  if (br) {
    if (!nicNames.has(br.link) && !bondNames.has(br.link)) {
      out.push({ path: ['hostNetwork', 'bridge', 'link'], code: 'unknown-reference', message: `the bridge links to "${br.link}", which is neither a bond nor a worker NIC`, hint: refHint(br.link, [...bondNames, ...nicNames], 'the bonds and NICs are') });
    }
    const under = hn.bonds.findIndex((b) => b.name === br.link);
    const bond = hn.bonds[under];
    if (bond && !BRIDGE_BOND_MODES.has(bond.mode)) {
      out.push({
        path: ['hostNetwork', 'bonds', under, 'mode'],
        code: 'bond-mode-unsupported-under-bridge',
        message: `bond ${bond.name} under ${br.name} uses mode ${bond.mode} (mode ${modeNumber(bond.mode)})`,
        hint: 'under a bridge only modes 1 (active-backup), 2 (balance-xor) and 4 (802.3ad, recommended) work; modes 0, 3, 5 and 6 cause broadcast storms, MAC rewrites or poor TCP — RA §Network configuration',
        fix: { mode: '802.3ad', set: [`hostNetwork.bonds[${under}].mode=802.3ad`] },
      });
    }
    if (br.network !== undefined && !nets.includes(br.network)) {
      out.push({ path: ['hostNetwork', 'bridge', 'network'], code: 'unknown-reference', message: `network "${br.network}" is not defined`, hint: refHint(br.network, nets, 'the networks are') });
    }
    if (br.network !== undefined && !(br.allowVlansOnSelf && vlanSetHas(br.allowedVlansOnSelf, 1))) {
      out.push({
        path: ['hostNetwork', 'bridge', 'allowedVlansOnSelf'],
        code: 'vlan-on-self-not-allowed',
        severity: 'warning',
        message: `${br.name} carries an address (network ${br.network}) but VLAN 1 is not in allowedVlansOnSelf`,
        hint: 'RA §VMO layer: "If the br0 interface has an IP address itself, enable VLAN 1": set allowVlansOnSelf: true and add 1 to allowedVlansOnSelf',
        fix: { set: ['hostNetwork.bridge.allowVlansOnSelf=true', `hostNetwork.bridge.allowedVlansOnSelf=${formatVlanSet(vlanSetUnion(br.allowedVlansOnSelf, [[1, 1]]))}`] },
      });
    }
  }

  // VLAN interfaces.
  const seenVlanIf = new Map<string, number>();
  let gateways = 0;
  hn.vlanInterfaces.forEach((v, i) => {
    const key = `${v.link}.${v.vlan}`;
    if (seenVlanIf.has(key)) out.push({ path: ['hostNetwork', 'vlanInterfaces', i], code: 'duplicate-name', message: `${key} is defined twice`, hint: 'define each VLAN interface once' });
    seenVlanIf.set(key, i);
    const network = vlanNetworkName(site, v.vlan);
    if (network === undefined) {
      out.push({ path: ['hostNetwork', 'vlanInterfaces', i, 'vlan'], code: 'unknown-reference', message: `VLAN ${v.vlan} is not in networks.vlans`, hint: `add { id: ${v.vlan}, name: …, cidr: … } to networks.vlans` });
    }
    if (!links.has(v.link)) {
      out.push({ path: ['hostNetwork', 'vlanInterfaces', i, 'link'], code: 'unknown-reference', message: `"${v.link}" is not a bond, NIC or bridge`, hint: refHint(v.link, [...links], 'the interfaces are') });
    }
    if (br && v.link === br.name && !(br.allowVlansOnSelf && vlanSetHas(br.allowedVlansOnSelf, v.vlan))) {
      out.push({
        path: ['hostNetwork', 'vlanInterfaces', i, 'link'],
        code: 'vlan-on-self-not-allowed',
        message: `${br.name}.${v.vlan} sits on the VLAN-filtering bridge, but ${br.allowVlansOnSelf ? `allowedVlansOnSelf "${formatVlanSet(br.allowedVlansOnSelf)}" does not cover VLAN ${v.vlan}` : 'allowVlansOnSelf is false'}: the bridge will drop its traffic`,
        hint: 'RA §Network configuration: set allowVlansOnSelf: true and make allowedVlansOnSelf cover the VLANs the host uses on br0 as well as the VM VLANs',
        fix: { set: ['hostNetwork.bridge.allowVlansOnSelf=true', `hostNetwork.bridge.allowedVlansOnSelf=${formatVlanSet(vlanSetUnion(br.allowedVlansOnSelf, vlanSetUnion([[v.vlan, v.vlan]], br.allowedVlans ?? site.networks.vmVlans)))}`] },
      });
    }
    if (v.defaultGateway) {
      gateways++;
      const net = site.networks.vlans.find((n) => n.id === v.vlan);
      if (net && net.gateway === undefined) {
        out.push({ path: ['hostNetwork', 'vlanInterfaces', i, 'defaultGateway'], code: 'gateway-missing', message: `the default route is on VLAN ${v.vlan} (${net.name}), which has no gateway`, hint: `set networks.vlans[${site.networks.vlans.indexOf(net)}].gateway, or move defaultGateway to the data network` });
      }
    }
  });
  if (gateways > 1) {
    out.push({ path: ['hostNetwork', 'vlanInterfaces'], code: 'default-gateway-count', message: `${gateways} VLAN interfaces claim the default gateway`, hint: 'a node has one default route (RA: bond_data.20); route other networks with static routes in MAAS' });
  } else if (gateways === 0 && site.networks.pxe.gateway === undefined) {
    out.push({ path: ['hostNetwork', 'vlanInterfaces'], code: 'default-gateway-count', severity: 'warning', message: 'no interface carries the default gateway', hint: 'set defaultGateway: true on the data VLAN interface (RA: bond_data.20)' });
  }

  for (const [path, value] of [
    [['kubernetes', 'nodeNetwork'], site.kubernetes.nodeNetwork],
    [['kubevirt', 'migration', 'network'], site.kubevirt.migration.network],
  ] as const) {
    if (value !== undefined && !nets.includes(value)) out.push({ path, code: 'unknown-reference', message: `network "${value}" is not defined`, hint: refHint(value, nets, 'the networks are') });
  }

  vmVlanRules(site, out);
}

function vmVlanRules(site: Site, out: Finding[]): void {
  const hn = site.hostNetwork;
  const br = hn.bridge;
  const workerNet = resolveRoleNetwork(site, site.hardware.get(site.nodes.workers.hardware), 'workers');
  const allowed: VlanSet = br ? (br.vlanFiltering ? (br.allowedVlans ?? site.networks.vmVlans) : [[1, 4094]]) : [];
  site.workloads.vmClasses.forEach((c, i) => {
    if (c.vlan === undefined) return;
    const path = ['workloads', 'vmClasses', i, 'vlan'];
    if (!vlanSetHas(site.networks.vmVlans, c.vlan)) {
      out.push({
        path,
        code: 'vm-vlan-out-of-range',
        message: `VM class ${c.name} asks for VLAN ${c.vlan}, outside the VM VLANs "${formatVlanSet(site.networks.vmVlans)}"`,
        hint: 'use a VLAN from networks.vmVlans, or add this one to it (and to the switch trunks)',
      });
      return;
    }
    if (!br) {
      out.push({ path, code: 'vm-vlan-not-on-bridge', message: `VM class ${c.name} asks for VLAN ${c.vlan}, but the workers have no bridge`, hint: 'add hostNetwork.bridge (br0) on the data bond — RA §Network configuration' });
      return;
    }
    const captor = hn.vlanInterfaces.findIndex((v) => v.vlan === c.vlan && v.link === br.link);
    if (captor >= 0) {
      out.push({
        path,
        code: 'vlan-captured-by-bond',
        message: `VM class ${c.name} asks for VLAN ${c.vlan}, but ${br.link}.${c.vlan} captures that VLAN on ${br.name}'s own bond: its frames never reach the bridge`,
        hint: `move the VLAN interface onto the bridge (link: ${br.name}) and allow it on self — RA §Network configuration, 2-NIC layout`,
        fix: {
          set: [
            `hostNetwork.vlanInterfaces[${captor}].link=${br.name}`,
            'hostNetwork.bridge.allowVlansOnSelf=true',
            `hostNetwork.bridge.allowedVlansOnSelf=${formatVlanSet(vlanSetUnion(br.allowedVlansOnSelf, normalizeVlans([[c.vlan, c.vlan], ...allowed])))}`,
          ],
        },
      });
      return;
    }
    if (!vlanSetHas(allowed, c.vlan) || !vlanSetHas(workerNet.vmVlans, c.vlan)) {
      out.push({
        path,
        code: 'vm-vlan-not-on-bridge',
        message: `VM class ${c.name} asks for VLAN ${c.vlan}, which ${br.name} does not carry (allowedVlans "${formatVlanSet(allowed)}")`,
        hint: 'add the VLAN to hostNetwork.bridge.allowedVlans (the VMO vlanFiltering allowedVlans)',
      });
    }
  });
}
