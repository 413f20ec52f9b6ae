/**
 * Address-plan rules: CIDR overlap and host bits, gateways, the pod CIDR's per-node blocks
 * and the service CIDR's position (RA §Solution Sizing, §Network configuration).
 */
import { cidrContains, cidrLast, cidrSize, formatCidr, formatIp, hasHostBits, type Cidr } from '../cidr.js';
import { suggestPodServiceCidrs } from '../capacity.js';
import { POD_CIDR_GROWTH_BITS } from '../reference.js';
import { pathToString as pathText, type Path } from '../codec.js';
import type { Site } from '../site.js';
import type { Finding } from '../twin.js';

export interface NamedCidr {
  readonly path: Path;
  readonly label: string;
  readonly cidr: Cidr;
}

/** "a", "a, b and c", or "a, b, c and 4 more": a list of findings kept to one line. */
export function listSome(items: readonly string[], shown = 3, total = items.length): string {
  if (total <= 1) return items[0] ?? '';
  if (total <= shown) return `${items.slice(0, total - 1).join(', ')} and ${items[total - 1]}`;
  return `${items.slice(0, shown).join(', ')} and ${total - shown} more`;
}

/** Every host and cluster network of the site, with its path. */
export function siteCidrs(site: Site): NamedCidr[] {
  const out: NamedCidr[] = [{ path: ['networks', 'pxe', 'cidr'], label: `${site.networks.pxe.name} network`, cidr: site.networks.pxe.cidr }];
  site.networks.vlans.forEach((v, i) => out.push({ path: ['networks', 'vlans', i, 'cidr'], label: `VLAN ${v.id} (${v.name})`, cidr: v.cidr }));
  out.push({ path: ['kubernetes', 'podCidr'], label: 'the pod CIDR', cidr: site.kubernetes.podCidr });
  out.push({ path: ['kubernetes', 'serviceCidr'], label: 'the service CIDR', cidr: site.kubernetes.serviceCidr });
  return out;
}

export function cidrRules(site: Site, out: Finding[]): void {
  const cidrs = siteCidrs(site);
  for (const c of cidrs) {
    if (hasHostBits(c.cidr)) {
      out.push({
        path: c.path,
        code: 'cidr-host-bits',
        message: `${formatIp(c.cidr.written)}/${c.cidr.prefix} has host bits set: the network is ${formatCidr(c.cidr)}`,
        hint: `write ${formatCidr(c.cidr)} (the address of a host or gateway belongs in a gateway field, not in the CIDR)`,
        fix: { cidr: formatCidr(c.cidr), set: [`${pathText(c.path)}=${formatCidr(c.cidr)}`] },
      });
    }
  }
  // One finding per network, naming what it overlaps: with 4,094 VLANs of one CIDR, a finding
  // per pair was 8 million diagnostics (found by the fuzz: the output passed V8's string limit).
  // The pairs are compared as plain numbers and only the names a message shows are written:
  // naming every overlap of 2,000 VLANs of one CIDR took two seconds (found by the fuzz too).
  const first = Float64Array.from(cidrs, (c) => c.cidr.base);
  const last = Float64Array.from(cidrs, (c) => cidrLast(c.cidr));
  const SHOWN = 3;
  for (let j = 1; j < cidrs.length; j++) {
    const b = cidrs[j] as NamedCidr;
    const bFirst = first[j] as number;
    const bLast = last[j] as number;
    const shown: NamedCidr[] = [];
    let hits = 0;
    for (let i = 0; i < j; i++) {
      if ((first[i] as number) > bLast || bFirst > (last[i] as number)) continue;
      if (hits++ < SHOWN) shown.push(cidrs[i] as NamedCidr);
    }
    if (hits === 0) continue;
    out.push({
      path: b.path,
      code: 'cidr-overlap',
      message: `${b.label} ${formatCidr(b.cidr)} overlaps ${listSome(shown.map((a) => `${a.label} ${formatCidr(a.cidr)} (${pathText(a.path)})`), SHOWN, hits)}`,
      hint: 'every network needs its own addresses; move one of them',
    });
  }
  const nets = [{ path: ['networks', 'pxe'] as Path, label: `the ${site.networks.pxe.name} network`, cidr: site.networks.pxe.cidr, gateway: site.networks.pxe.gateway }].concat(
    site.networks.vlans.map((v, i) => ({ path: ['networks', 'vlans', i] as Path, label: `VLAN ${v.id} (${v.name})`, cidr: v.cidr, gateway: v.gateway })),
  );
  for (const n of nets) {
    if (n.gateway === undefined) continue;
    const inside = cidrContains(n.cidr, n.gateway);
    const edge = n.gateway === n.cidr.base || n.gateway === cidrLast(n.cidr);
    if (!inside || (edge && n.cidr.prefix < 31)) {
      out.push({
        path: [...n.path, 'gateway'],
        code: 'gateway-outside-network',
        message: inside ? `gateway ${formatIp(n.gateway)} is the ${n.gateway === n.cidr.base ? 'network' : 'broadcast'} address of ${formatCidr(n.cidr)}` : `gateway ${formatIp(n.gateway)} is not inside ${n.label} ${formatCidr(n.cidr)}`,
        hint: `use a host address of ${formatCidr(n.cidr)} as the gateway`,
      });
    }
  }
  const ids = new Map<number, number>();
  const names = new Map<string, string>([[site.networks.pxe.name, 'networks.pxe']]);
  site.networks.vlans.forEach((v, i) => {
    const prev = ids.get(v.id);
    if (prev !== undefined) out.push({ path: ['networks', 'vlans', i, 'id'], code: 'duplicate-name', message: `VLAN ${v.id} is defined twice (also networks.vlans[${prev}])`, hint: 'define each VLAN once' });
    else ids.set(v.id, i);
    const prevName = names.get(v.name);
    if (prevName !== undefined) out.push({ path: ['networks', 'vlans', i, 'name'], code: 'duplicate-name', message: `network name "${v.name}" is used twice (also ${prevName})`, hint: 'give every network its own name' });
    else names.set(v.name, `networks.vlans[${i}]`);
  });
}

/** Blocks the pod CIDR must hold: every node, plus the block a surge repave takes. */
export function podBlocksNeeded(site: Site): { nodes: number; spare: number } {
  const nodes = site.nodes.controlPlane.count + site.nodes.workers.count;
  const surge = site.nodes.controlPlane.updateStrategy === 'RollingUpdateScaleOut' || site.nodes.workers.updateStrategy === 'RollingUpdateScaleOut';
  return { nodes, spare: surge ? 1 : 0 };
}

export function podCidrRules(site: Site, out: Finding[]): void {
  const k8s = site.kubernetes;
  const { nodes, spare } = podBlocksNeeded(site);
  const blocks = k8s.nodeCidrMaskSize >= k8s.podCidr.prefix ? 2 ** (k8s.nodeCidrMaskSize - k8s.podCidr.prefix) : 0;
  const avoid = siteCidrs(site)
    .filter((c) => c.path[0] === 'networks')
    .map((c) => c.cidr);
  const fixFor = (need: number): Record<string, unknown> | undefined => {
    const s = suggestPodServiceCidrs(k8s, need, avoid);
    return s ? { podCidr: s.podCidr, serviceCidr: s.serviceCidr, blocks: s.blocks, set: [`kubernetes.podCidr=${s.podCidr}`, `kubernetes.serviceCidr=${s.serviceCidr}`] } : undefined;
  };
  if (k8s.nodeCidrMaskSize < k8s.podCidr.prefix) {
    out.push({
      path: ['kubernetes', 'nodeCidrMaskSize'],
      code: 'pod-cidr-too-small',
      message: `the per-node block /${k8s.nodeCidrMaskSize} is larger than the pod CIDR ${formatCidr(k8s.podCidr)}`,
      hint: 'the per-node mask must be longer than the pod CIDR prefix (the RA uses /24 blocks)',
    });
  } else if (blocks < nodes) {
    const fix = fixFor(nodes + spare);
    out.push({
      path: ['kubernetes', 'podCidr'],
      code: 'pod-cidr-too-small',
      message: `${formatCidr(k8s.podCidr)} holds ${blocks} /${k8s.nodeCidrMaskSize} blocks for ${nodes} nodes`,
      hint: fix
        ? `use pod CIDR ${String(fix['podCidr'])} and service CIDR ${String(fix['serviceCidr'])} (${String(fix['blocks'])} blocks: the nodes plus ${spare} spare) — RA §Solution Sizing`
        : 'use a larger pod CIDR; each node takes one block',
      ...(fix ? { fix } : {}),
    });
  } else if (blocks < nodes + spare) {
    const fix = fixFor(nodes + spare);
    out.push({
      path: ['kubernetes', 'podCidr'],
      code: 'no-spare-pod-block',
      message: `all ${blocks} /${k8s.nodeCidrMaskSize} blocks of ${formatCidr(k8s.podCidr)} are held by the ${nodes} nodes: a surge repave (maxSurge 1) would stall waiting for a block`,
      hint: fix
        ? `keep one block free (RA: "1 node must be kept in spare"): remove a node, or use pod CIDR ${String(fix['podCidr'])} and service CIDR ${String(fix['serviceCidr'])}`
        : 'keep one block free: remove a node or enlarge the pod CIDR',
      ...(fix ? { fix } : {}),
    });
  }
  const addresses = cidrSize({ prefix: k8s.nodeCidrMaskSize });
  if (k8s.maxPodsPerNode > addresses - 2) {
    out.push({
      path: ['kubernetes', 'maxPodsPerNode'],
      code: 'max-pods-exceed-node-block',
      message: `max pods ${k8s.maxPodsPerNode} exceeds the ${addresses - 2} usable addresses of a /${k8s.nodeCidrMaskSize} block`,
      hint: `lower maxPodsPerNode to ${addresses - 2} or less, or use a shorter nodeCidrMaskSize`,
    });
  }
  const pod = k8s.podCidr;
  const svc = k8s.serviceCidr;
  if (svc.base === pod.base + cidrSize(pod)) {
    const growthSize = cidrSize({ prefix: Math.max(1, pod.prefix - POD_CIDR_GROWTH_BITS) });
    const svcSize = cidrSize(svc);
    const base = Math.ceil((Math.floor(pod.base / growthSize) * growthSize + growthSize) / svcSize) * svcSize;
    const suggestion = base + svcSize <= 2 ** 32 ? formatCidr({ base, prefix: svc.prefix }) : undefined;
    out.push({
      path: ['kubernetes', 'serviceCidr'],
      code: 'service-cidr-blocks-growth',
      message: `the service CIDR ${formatCidr(svc)} starts right after the pod CIDR ${formatCidr(pod)}: the pod CIDR cannot grow to take more nodes`,
      hint: suggestion
        ? `if the cluster may grow, put the service CIDR further away, such as ${suggestion} (RA §Solution Sizing); the service CIDR cannot be changed later without rebuilding`
        : 'if the cluster may grow, put the service CIDR further away (RA §Solution Sizing)',
      ...(suggestion ? { fix: { serviceCidr: suggestion, set: [`kubernetes.serviceCidr=${suggestion}`] } } : {}),
    });
  }
}
