/**
 * fast-check arbitraries for valid site files: coherent clusters across the space the issue
 * names (1–1,000 nodes, 0–200,000 VMs, 2-NIC and 4-NIC layouts, fc and iscsi, every bond
 * mode, random CIDRs and VLANs). "Valid" means the file loads (no input-stage diagnostic);
 * many break rules, which is the point. Most are small, so thousands run in minutes; a
 * weighted tail reaches the large end.
 *
 * A site is generated as a plan of knobs, rendered to a plain object (`SiteObject`, the
 * shape of the YAML), then written as block YAML, flow YAML or JSON.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { controlPlaneAdvice } from '../../src/model/reference.js';
import { siteCodec } from '../../src/model/site.js';
import { absentPaths, setAt, validValue, type ShapePath } from './shape.js';

/** A site as plain data, as it would be written in YAML. */
export type SiteObject = Record<string, unknown>;

export interface GeneratedSite {
  readonly object: SiteObject;
  readonly text: string;
  readonly format: 'yaml' | 'flow' | 'json';
  /** The rendering style knob (indentation), kept so a mutated copy renders alike. */
  readonly style: number;
  /** The file name the case is written as (JSON sites get .json). */
  readonly file: string;
}

const BRIDGE_MODES = ['active-backup', 'balance-xor', '802.3ad', '1', '2', '4', 'lacp'] as const;
const ALL_MODES = ['balance-rr', 'active-backup', 'balance-xor', 'broadcast', '802.3ad', 'balance-tlb', 'balance-alb', '0', '1', '2', '3', '4', '5', '6', 'lacp'] as const;
const SPEEDS_GBPS = [1, 10, 25, 40, 100] as const;

const ip = (n: number): string => `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
const cidr = (base: number, prefix: number): string => `${ip(base)}/${prefix}`;
const oct = (a: number, b = 0, c = 0, d = 0): number => ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;

/** Memory in GiB, written in one of the accepted spellings. */
function mem(gib: number, style: number): string | number {
  if (gib === 0) return style % 2 === 0 ? 0 : '0';
  if (style % 4 === 1) return `${gib * 1024}Mi`;
  if (style % 4 === 2 && gib % 1024 === 0) return `${gib / 1024}Ti`;
  if (style % 4 === 3) return `${gib}GiB`;
  return `${gib}Gi`;
}
function bandwidth(gbps: number, style: number): string {
  return style % 3 === 1 ? `${gbps * 1000}Mbps` : style % 3 === 2 ? `${gbps}Gb/s` : `${gbps}Gbps`;
}

/** The knobs a site is drawn from; every field is shrinkable. */
const planArb = fc.record({
  cpCount: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(1, 3, 5) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 7 }) }),
  workers: fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 4 }) },
    { weight: 52, arbitrary: fc.integer({ min: 5, max: 12 }) },
    { weight: 20, arbitrary: fc.integer({ min: 13, max: 64 }) },
    { weight: 4, arbitrary: fc.integer({ min: 65, max: 200 }) },
    { weight: 1, arbitrary: fc.integer({ min: 201, max: 995 }) },
  ),
  cpSpares: fc.constantFrom(0, 1, 1, 1, 1, 1, 2),
  workerSpares: fc.constantFrom(0, 0, 0, 1, 2),
  workerStrategy: fc.constantFrom('RollingUpdateScaleIn', 'RollingUpdateScaleIn', 'RollingUpdateScaleIn', 'RollingUpdateScaleOut'),
  layout: fc.constantFrom('4nic', '2nic'),
  nicGbps: fc.constantFrom(...SPEEDS_GBPS),
  bridgeMode: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...BRIDGE_MODES) }, { weight: 1, arbitrary: fc.constantFrom(...ALL_MODES) }),
  mgmtMode: fc.constantFrom(...ALL_MODES),
  protocol: fc.constantFrom('fc', 'iscsi'),
  protocolMismatch: fc.integer({ min: 0, max: 19 }),
  hbaCount: fc.constantFrom(2, 2, 2, 2, 2, 2, 4, 1),
  nodeMask: fc.oneof({ weight: 6, arbitrary: fc.constant(24) }, { weight: 2, arbitrary: fc.integer({ min: 20, max: 28 }) }),
  podCidrSlack: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 2 }) }, { weight: 1, arbitrary: fc.integer({ min: -2, max: -1 }) }),
  podBase8: fc.constantFrom(10, 100, 172, 44),
  serviceAt: fc.integer({ min: 0, max: 3 }),
  randomCidrs: fc.integer({ min: 0, max: 9 }),
  cidrSeeds: fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 5, maxLength: 5 }),
  cidrPrefixes: fc.array(fc.integer({ min: 8, max: 28 }), { minLength: 5, maxLength: 5 }),
  mgmtVlan: fc.integer({ min: 2, max: 4094 }),
  dataVlan: fc.integer({ min: 2, max: 4094 }),
  vmVlanLo: fc.integer({ min: 2, max: 4000 }),
  vmVlanSpan: fc.integer({ min: 0, max: 300 }),
  cpCores: fc.integer({ min: 0, max: 3 }),
  workerCores: fc.integer({ min: 8, max: 256 }),
  workerMemGiB: fc.constantFrom(64, 128, 256, 384, 512, 768, 1024, 1536, 2048, 4096),
  classes: fc.array(
    fc.record({
      vcpu: fc.integer({ min: 1, max: 32 }),
      memGiB: fc.constantFrom(1, 2, 4, 8, 16, 32, 64),
      diskGiB: fc.constantFrom(0, 10, 20, 50, 100, 500),
      share: fc.integer({ min: 1, max: 10 }),
      vlan: fc.integer({ min: -1, max: 1000 }),
      eviction: fc.constantFrom('LiveMigrate', 'LiveMigrate', 'LiveMigrateIfPossible', 'None', 'External'),
      run: fc.constantFrom('Always', 'RerunOnFailure', 'Manual', 'Halted', 'Once'),
      os: fc.constantFrom('linux', 'windows', undefined),
    }),
    { minLength: 0, maxLength: 5 },
  ),
  /**
   * Requested VMs as a fraction of what the workers hold; above 1 breaks capacity rules. Drawn
   * in whole percent: fc.double spreads over float bit patterns, so a double range is nearly
   * always at its small end (70 % of sites had no VMs at all).
   */
  fill: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 95 }) }, { weight: 2, arbitrary: fc.integer({ min: 95, max: 160 }) }).map((pc) => pc / 100),
  replication: fc.constantFrom(1, 2, 2, 2, 3),
  /** How full the Portworx pool is, in whole percent for the same reason as `fill`. */
  storageFill: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 5, max: 90 }) }, { weight: 1, arbitrary: fc.integer({ min: 90, max: 150 }) }).map((pc) => pc / 100),
  maxStorageNodes: fc.constantFrom('workers', 'workers', 'absent', 'less'),
  kvdbNodes: fc.constantFrom(3, 3, 3, 3, 3, 3, 1, 5, 4),
  arrayPorts: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 4, max: 16 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
  controllers: fc.constantFrom(2, 2, 2, 2, 2, 2, 4, 1),
  metallb: fc.constantFrom('l2', 'l2', 'bgp', 'none'),
  hostnames: fc.constantFrom('default', 'default', 'pattern', 'list'),
  zones: fc.integer({ min: 1, max: 3 }),
  style: fc.integer({ min: 0, max: 11 }),
  format: fc.constantFrom('yaml', 'yaml', 'yaml', 'flow', 'json'),
  migration: fc.option(fc.record({ cluster: fc.integer({ min: 2, max: 20 }), node: fc.integer({ min: 1, max: 3 }), gbps: fc.integer({ min: 0, max: 10 }) }), { nil: undefined }),
  descheduler: fc.option(fc.record({ lo: fc.integer({ min: 0, max: 60 }), hi: fc.integer({ min: 0, max: 100 }) }), { nil: undefined }),
  versions: fc.option(fc.record({ kubernetes: fc.constantFrom('1.32.4', '1.31.0', '1.33.1'), ubuntu: fc.constantFrom('22.04', '24.04') }), { nil: undefined }),
  /** Extra optional keys, set through the format's own description: indices into its absent paths. */
  sprinkle: fc.oneof({ weight: 3, arbitrary: fc.constant([] as Array<[number, number]>) }, { weight: 1, arbitrary: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 0xffff })), { minLength: 1, maxLength: 3 }) }),
});

export type SitePlan = typeof planArb extends fc.Arbitrary<infer T> ? T : never;

/** Render a plan to a site object. Deterministic: the same plan gives the same object. */
export function buildSite(p: SitePlan): SiteObject {
  const s = p.style;
  const four = p.layout === '4nic';
  const nodes = p.cpCount + p.workers;
  const spare = p.cpSpares > 0 || p.workerStrategy === 'RollingUpdateScaleOut' ? 1 : 0;
  const bits = Math.ceil(Math.log2(Math.max(1, nodes + spare)));
  const podPrefix = Math.max(1, Math.min(p.nodeMask, p.nodeMask - bits - p.podCidrSlack));
  const blockSize = 2 ** (32 - podPrefix);
  const podBase = Math.floor(oct(p.podBase8) / blockSize) * blockSize;
  const podCidr = cidr(podBase, podPrefix);
  // The service CIDR: right after the pod CIDR (the RA's layout), further away, or elsewhere.
  const svcPrefix = Math.max(podPrefix, 12);
  const svcSize = 2 ** (32 - svcPrefix);
  const svcBase = p.serviceAt === 0 ? podBase + blockSize : p.serviceAt === 1 ? podBase + blockSize * 2 : oct(p.serviceAt === 2 ? 198 : 203, 18);
  const serviceCidr = cidr(Math.floor(Math.min(svcBase, 2 ** 32 - svcSize) / svcSize) * svcSize, svcPrefix);
  const hostMask = 32 - p.nodeMask;
  const maxPods = Math.max(1, Math.min(250, 2 ** hostMask - 2));

  // Host networks in their own /8s, or (sometimes) anywhere, canonical or with host bits.
  const random = p.randomCidrs === 0;
  const net = (i: number, a: number, b: number, prefix: number): string =>
    random ? cidr((p.cidrSeeds[i] as number) >>> 0, p.cidrPrefixes[i] as number) : cidr(oct(a, b), prefix);
  const pxeCidr = net(0, 192, 168, 22);
  const mgmtCidr = net(1, 172, 16, 22);
  const dataBase = oct(11, (p.cidrSeeds[2] as number) & 255);
  const dataCidr = random ? net(2, 0, 0, 0) : cidr(dataBase, 16);
  const dataGateway = random ? ip(((p.cidrSeeds[2] as number) >>> 0) | 1) : ip(dataBase + 1);

  let mgmtId = p.mgmtVlan;
  const dataId = p.dataVlan === mgmtId ? (mgmtId % 4094) + 1 : p.dataVlan;
  if (mgmtId === 1) mgmtId = 2;
  const vmLo = p.vmVlanLo;
  const vmHi = Math.min(4094, vmLo + p.vmVlanSpan);
  const vmVlans = vmLo === vmHi ? String(vmLo) : `${vmLo}-${vmHi}`;

  const nics = (names: readonly string[]) => names.map((name) => ({ name, speed: bandwidth(p.nicGbps, s) }));
  const workerNics = four ? ['enp1s0', 'enp2s0', 'enp1s1', 'enp2s1'] : ['enp1s0', 'enp2s0'];
  const proto = p.protocolMismatch === 0 ? (p.protocol === 'fc' ? 'iscsi' : 'fc') : p.protocol;
  const fabrics = proto === 'fc' ? ['A', 'B'] : ['iscsi-a', 'iscsi-b'];
  const hbas = Array.from({ length: p.hbaCount }, (_, i) => ({ name: `host${i + 1}`, protocol: proto, speed: bandwidth(proto === 'fc' ? 16 : 25, s + 1), fabric: fabrics[i % 2] }));

  const advice = controlPlaneAdvice(p.workers);
  const cpCores = Math.max(1, advice.cores * (p.cpCores === 0 ? 0.5 : 1) * (p.cpCores === 3 ? 2 : 1));
  const cpMemGiB = Math.max(1, advice.memoryGiB * (p.cpCores === 0 ? 0.5 : 1));

  const zones = p.zones === 1 ? 'az1' : Array.from({ length: p.zones }, (_, i) => `az${i + 1}`);
  const pool = (role: 'controlPlane' | 'workers', count: number, spares: number, hardware: string, prefix: string): Record<string, unknown> => {
    const o: Record<string, unknown> = { count, hardware, zone: zones, resourcePool: role === 'workers' ? 'vmo-workers' : 'vmo-cp' };
    if (role === 'workers') o['updateStrategy'] = p.workerStrategy;
    if (spares !== (role === 'controlPlane' ? 1 : 0)) o['spares'] = spares;
    const total = count + spares;
    if (p.hostnames === 'pattern' && total > 0) o['hostnames'] = `${prefix}{1..${total}}`;
    if (p.hostnames === 'list') o['hostnames'] = Array.from({ length: total }, (_, i) => `${prefix}${i + 1}`);
    return o;
  };

  // The 4-NIC layout (RA): bond_mgmt for PXE + mgmt, bond_data for data + br0.
  // The 2-NIC layout (RA): bond0 carries everything; data on br0 so VMs may use it too.
  const hostNetwork = four
    ? {
        bonds: [
          { name: 'bond_mgmt', mode: p.mgmtMode, interfaces: ['enp1s0', 'enp2s0'], network: 'pxe' },
          { name: 'bond_data', mode: p.bridgeMode, interfaces: ['enp1s1', 'enp2s1'] },
        ],
        vlanInterfaces: [
          { vlan: mgmtId, link: 'bond_mgmt' },
          { vlan: dataId, link: 'bond_data', defaultGateway: true },
        ],
        bridge: { name: 'br0', link: 'bond_data', vlanFiltering: true, allowedVlans: vmVlans },
      }
    : {
        bonds: [{ name: 'bond0', mode: p.bridgeMode, interfaces: ['enp1s0', 'enp2s0'] }],
        vlanInterfaces: [
          { vlan: mgmtId, link: 'bond0' },
          { vlan: dataId, link: 'br0', defaultGateway: true },
        ],
        bridge: { name: 'br0', link: 'bond0', network: 'pxe', vlanFiltering: true, allowedVlans: vmVlans, allowVlansOnSelf: true, allowedVlansOnSelf: `1,${dataId},${vmVlans}` },
      };
  const captured = mgmtId === dataId ? [mgmtId] : four ? [dataId] : [mgmtId];

  // VMs: a share of what the workers hold, spread over the classes by their shares.
  const workerMemGiB = p.workerMemGiB;
  const allocMem = Math.max(0, workerMemGiB - 8) * 1024;
  const allocCpu = Math.max(0, p.workerCores * 1000 - 2000);
  const slots = Math.max(0, maxPods - 10 - Math.ceil(58 / Math.max(1, p.workers)));
  const shares = p.classes.reduce((a, c) => a + c.share, 0);
  let perWorker = Infinity;
  if (shares > 0) {
    const podMem = p.classes.reduce((a, c) => a + (c.share / shares) * (c.memGiB * 1024 + 300 + 8 * c.vcpu), 0);
    const cpu = p.classes.reduce((a, c) => a + (c.share / shares) * Math.ceil((c.vcpu * 1000) / 10), 0);
    perWorker = Math.min(allocMem / podMem, allocCpu / cpu, slots);
  }
  const totalVms = shares > 0 ? Math.min(200_000, Math.floor(perWorker * p.workers * p.fill)) : 0;
  const vmRange: number[] = [];
  for (let v = vmLo; v <= vmHi && vmRange.length < 400; v++) if (!captured.includes(v)) vmRange.push(v);
  const vmClasses = p.classes.map((c, i) => {
    const o: Record<string, unknown> = {
      name: ['small', 'medium', 'large', 'xl', 'db'][i],
      vcpu: c.vcpu,
      memory: mem(c.memGiB, s + i),
      disk: mem(c.diskGiB, s + i + 1),
      count: Math.floor((totalVms * c.share) / shares),
      evictionStrategy: c.eviction,
      runStrategy: c.run,
    };
    if (c.vlan >= 0 && vmRange.length > 0) o['vlan'] = vmRange[c.vlan % vmRange.length];
    if (c.os !== undefined) o['os'] = c.os;
    return o;
  });

  // Storage sized to a fraction of the VM disks (above 1 breaks the storage rules).
  const storageNodes = p.maxStorageNodes === 'less' ? Math.max(1, Math.floor(p.workers / 2)) : p.workers;
  const diskGiB = vmClasses.reduce((a, c, i) => a + (c['count'] as number) * (p.classes[i]?.diskGiB ?? 0), 0) * p.replication;
  const perNodeTiB = Math.max(1, Math.ceil(diskGiB / 1024 / Math.max(1, storageNodes) / p.storageFill));
  const driveCount = Math.min(64, Math.max(1, Math.ceil(perNodeTiB / 8)));
  const driveTiB = Math.max(1, Math.ceil(perNodeTiB / driveCount));
  const usableTiB = Math.max(1, Math.ceil(diskGiB / 1024 / 3 / p.storageFill));
  const portworx: Record<string, unknown> = { replication: p.replication, dataDrives: { count: driveCount, size: mem(driveTiB * 1024, s) }, kvdbNodes: p.kvdbNodes };
  if (p.maxStorageNodes !== 'absent') portworx['maxStorageNodes'] = Math.max(1, storageNodes);

  const site: SiteObject = {
    apiVersion: 'vmo-twin/v1',
    kind: 'Site',
    metadata: { name: `gen-${p.workers}-${p.layout}` },
    kubernetes: { podCidr, serviceCidr, nodeCidrMaskSize: p.nodeMask, maxPodsPerNode: maxPods, cpuAllocationRatio: 10, reserved: { cpu: s % 2 ? 2 : '2000m', memory: mem(8, s) } },
    hardware: {
      'cp-class': { cores: cpCores, memory: mem(cpMemGiB, s), nics: nics(['enp1s0', 'enp2s0']) },
      'worker-class': { cores: p.workerCores, memory: mem(workerMemGiB, s), nics: nics(workerNics), hbas, disks: [{ name: 'sda', size: mem(480, s), role: 'os' }] },
    },
    nodes: {
      controlPlane: pool('controlPlane', p.cpCount, p.cpSpares, 'cp-class', 'cp-'),
      workers: pool('workers', p.workers, p.workerSpares, 'worker-class', 'worker-'),
    },
    networks: {
      pxe: { cidr: pxeCidr },
      vlans: [
        { id: mgmtId, name: 'mgmt', cidr: mgmtCidr },
        { id: dataId, name: 'data', cidr: dataCidr, gateway: dataGateway },
      ],
      vmVlans,
    },
    hostNetwork,
    storage: {
      array: { model: 'FlashArray//X70', protocol: p.protocol, usable: mem(usableTiB * 1024, s), dataReduction: 3, ports: p.arrayPorts, controllers: p.controllers },
      portworx,
    },
    workloads: { vmClasses },
  };
  if (p.metallb === 'l2' && !random) site['metallb'] = { mode: 'l2', pools: [{ name: 'services', addresses: [`${ip(dataBase + 257)}-${ip(dataBase + 306)}`] }] };
  if (p.metallb === 'bgp') site['metallb'] = { mode: 'bgp', pools: [{ name: 'services', addresses: ['198.51.100.0/26'] }], bgp: { myAsn: 64512, peers: [{ address: ip(dataBase + 2), asn: 64513 }] } };
  if (p.migration) site['kubevirt'] = { migration: { parallelPerCluster: p.migration.cluster, parallelOutboundPerNode: p.migration.node, bandwidthPerMigration: p.migration.gbps === 0 ? 0 : bandwidth(p.migration.gbps, s), completionTimeoutPerGiB: s % 2 ? '150s' : '2m30s' } };
  if (p.descheduler) {
    const lo = Math.min(p.descheduler.lo, p.descheduler.hi);
    site['descheduler'] = { interval: '5m', lowNodeUtilization: { thresholds: { cpu: lo, memory: lo, pods: lo }, targetThresholds: { cpu: p.descheduler.hi, memory: p.descheduler.hi, pods: p.descheduler.hi } } };
  }
  if (p.versions) site['versions'] = { ...p.versions };
  // Keys the structured plan does not touch, set from the format's own description.
  for (const [pick, seed] of p.sprinkle) {
    const absent = absentPaths(site, siteCodec.shape);
    const target = absent[pick % Math.max(1, absent.length)];
    if (target) setAt(site, target.path, validValue(target.shape, seed));
  }
  return site;
}

/**
 * Write a site object as the chosen format. The text is written when first read: a mutated
 * case writes its own copy of the object and never reads the valid site's text (writing YAML
 * was two thirds of generating a case, done twice for each mutated one). The object is not
 * changed afterwards (mutations change a clone), so the text is the same whenever it is read.
 */
export function render(object: SiteObject, format: 'yaml' | 'flow' | 'json', style = 0): GeneratedSite {
  let text: string | undefined;
  return {
    object,
    get text(): string {
      text ??=
        format === 'json'
          ? JSON.stringify(object, null, style % 2 ? 2 : 0)
          : stringify(object, { indent: style % 3 === 0 ? 4 : 2, lineWidth: 0, ...(format === 'flow' ? { collectionStyle: 'flow' as const } : {}) });
      return text;
    },
    format,
    style,
    file: format === 'json' ? 'site.json' : 'site.yaml',
  };
}

/** Valid sites across the space. */
export const validSiteArb: fc.Arbitrary<GeneratedSite> = planArb.map((p) => render(buildSite(p), p.format, p.style));

/** The plans themselves, for tests that want to look at the knobs. */
export const sitePlanArb = planArb;

export type { ShapePath };
