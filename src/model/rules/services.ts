/**
 * MetalLB, software versions, the Descheduler, live-migration settings and VM class names.
 */
import { cidrRange, formatCidr, formatIp, formatRange, rangeInside, rangesOverlap } from '../cidr.js';
import { dataNetworkName } from '../hostnet.js';
import { RA_MINIMUM_VERSIONS, RA_SOFTWARE, type SoftwareKey } from '../reference.js';
import type { Site } from '../site.js';
import type { Finding } from '../twin.js';
import { listSome, siteCidrs } from './network.js';

export function metallbRules(site: Site, out: Finding[]): void {
  const mlb = site.metallb;
  const dataName = dataNetworkName(site);
  const data = site.networks.vlans.find((v) => v.name === dataName);
  const gateways = [site.networks.pxe, ...site.networks.vlans].filter((n) => n.gateway !== undefined).map((n) => ({ name: n.name, ip: n.gateway as number }));
  if (mlb.mode === 'bgp' && (mlb.bgp === undefined || mlb.bgp.peers.length === 0)) {
    out.push({ path: ['metallb', 'bgp'], code: 'metallb-bgp-peers', message: 'MetalLB is in BGP mode but no BGP peers are given', hint: 'add metallb.bgp: { myAsn: …, peers: [{ address: …, asn: … }] }, or use mode: l2' });
  }
  const seenNames = new Set<string>();
  const seen: Array<{ pool: string; index: number; range: { first: number; last: number }; text: string }> = [];
  mlb.pools.forEach((pool, i) => {
    if (seenNames.has(pool.name)) out.push({ path: ['metallb', 'pools', i, 'name'], code: 'duplicate-name', message: `MetalLB pool "${pool.name}" is defined twice`, hint: 'give every pool its own name' });
    seenNames.add(pool.name);
    pool.addresses.forEach((r, j) => {
      const path = ['metallb', 'pools', i, 'addresses', j];
      if (mlb.mode === 'l2') {
        if (!data) {
          out.push({ path, code: 'metallb-pool-outside-data-network', message: `pool ${pool.name} is in L2 mode, but there is no data network to advertise it on`, hint: 'set defaultGateway: true on the data VLAN interface, or name a network "data"' });
        } else if (!rangeInside(r, cidrRange(data.cidr))) {
          out.push({
            path,
            code: 'metallb-pool-outside-data-network',
            message: `${r.text} is not inside the data network ${formatCidr(data.cidr)} (VLAN ${data.id})`,
            hint: 'L2 advertisements answer ARP on the data network only: take the pool from its free addresses — RA §MetalLB layer',
          });
        }
      }
      for (const g of gateways) {
        if (g.ip >= r.first && g.ip <= r.last) {
          out.push({ path, code: 'metallb-pool-overlap', message: `${r.text} contains the gateway ${formatIp(g.ip)} of ${g.name}`, hint: 'leave the gateway out of the pool' });
        }
      }
      // One finding per range for the pools it overlaps, one for the networks (not one per pair).
      const pools = seen.filter((other) => rangesOverlap(other.range, r));
      if (pools.length) out.push({ path, code: 'metallb-pool-overlap', message: `${r.text} overlaps ${listSome(pools.map((o) => `${o.text} of pool ${o.pool}`))}`, hint: 'give every pool its own addresses' });
      const nets = siteCidrs(site).filter((c) => !(data && c.cidr === data.cidr && mlb.mode === 'l2') && rangesOverlap(cidrRange(c.cidr), r));
      if (nets.length) out.push({ path, code: 'metallb-pool-overlap', message: `${formatRange(r)} overlaps ${listSome(nets.map((c) => `${c.label} ${formatCidr(c.cidr)}`))}`, hint: 'service addresses must not collide with node, pod or service networks' });
      seen.push({ pool: pool.name, index: i, range: r, text: r.text });
    });
  });
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((x) => Number(x));
  const pb = b.split(/[.+-]/).map((x) => Number(x));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (Number.isNaN(x) || Number.isNaN(y)) return a < b ? -1 : a > b ? 1 : 0;
    if (x !== y) return x - y;
  }
  return 0;
}

export function versionRules(site: Site, out: Finding[]): void {
  for (const key of Object.keys(RA_SOFTWARE) as SoftwareKey[]) {
    const want = RA_SOFTWARE[key];
    const have = site.versions[key];
    const cmp = compareVersions(have, want);
    if (cmp === 0 || (RA_MINIMUM_VERSIONS.has(key) && cmp > 0)) continue;
    out.push({
      path: ['versions', key],
      code: 'version-differs',
      message: RA_MINIMUM_VERSIONS.has(key) ? `${key} ${have} is older than the reference's minimum ${want}` : `${key} ${have} differs from the reference architecture's ${want}`,
      hint: `the RA 1.7.0 validated ${key} ${want}${RA_MINIMUM_VERSIONS.has(key) ? ' or higher' : ''}; other versions may work but were not validated together`,
    });
  }
}

export function schedulingRules(site: Site, out: Finding[]): void {
  // A VM class becomes a VirtualMachineClusterInstancetype of its name: two of one name collide.
  const classes = new Map<string, number>();
  site.workloads.vmClasses.forEach((c, i) => {
    const prev = classes.get(c.name);
    if (prev !== undefined) out.push({ path: ['workloads', 'vmClasses', i, 'name'], code: 'duplicate-name', message: `VM class "${c.name}" is defined twice (also workloads.vmClasses[${prev}])`, hint: 'give every VM class its own name; it becomes the instance type name' });
    else classes.set(c.name, i);
  });
  const lnu = site.descheduler.lowNodeUtilization;
  for (const r of ['cpu', 'memory', 'pods'] as const) {
    if (lnu.thresholds[r] > lnu.targetThresholds[r]) {
      out.push({
        path: ['descheduler', 'lowNodeUtilization', 'thresholds', r],
        code: 'descheduler-thresholds',
        message: `the ${r} threshold ${lnu.thresholds[r]}% is above its target threshold ${lnu.targetThresholds[r]}%`,
        hint: 'LowNodeUtilization calls a node underutilized below thresholds and overutilized above targetThresholds: thresholds must be the lower of the two',
      });
    }
  }
  const m = site.kubevirt.migration;
  if (m.parallelOutboundPerNode > m.parallelPerCluster) {
    out.push({
      path: ['kubevirt', 'migration', 'parallelOutboundPerNode'],
      code: 'migration-limits',
      message: `${m.parallelOutboundPerNode} outbound migrations per node can never run: the cluster allows ${m.parallelPerCluster}`,
      hint: 'keep parallelOutboundPerNode at or below parallelPerCluster (KubeVirt defaults: 2 and 5)',
    });
  }
}
