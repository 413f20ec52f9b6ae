/**
 * The site file format (apiVersion vmo-twin/v1, kind Site): its codecs and its types.
 *
 * The key paths are a public contract (docs/site-file.md): add keys freely, rename none
 * without a schema version bump. Defaults come from the reference architecture (RA) or the
 * upstream project, as `reference.ts` cites.
 */
import { isScalar, isSeq } from 'yaml';
import { parseCidr, type AddressRange, type Cidr, type VlanSet } from './cidr.js';
import {
  INVALID,
  addressRange,
  array,
  boolean,
  cidr,
  def,
  defaults,
  enumOf,
  integer,
  ip,
  k8sName,
  name,
  number,
  object,
  oneOrMany,
  opt,
  quantity,
  record,
  refine,
  req,
  string,
  version,
  vlanId,
  vlanList,
  type Codec,
  type Infer,
} from './codec.js';
import { expandHostnames } from './hostnames.js';
import {
  BOND_MODES,
  BOND_MODE_ALIASES,
  DESCHEDULER_DEFAULTS,
  EVICTION_STRATEGIES,
  KUBEVIRT_MIGRATION_DEFAULTS,
  RA_CONTROL_PLANE_SPARES,
  RA_CPU_ALLOCATION_RATIO,
  RA_MAX_PODS,
  RA_NODE_CIDR_MASK,
  RA_OVERHEAD_PODS_CLUSTER,
  RA_OVERHEAD_PODS_PER_NODE,
  RA_POD_CIDR,
  RA_PORTWORX,
  RA_SERVICE_CIDR,
  RA_SOFTWARE,
  RUN_STRATEGIES,
  UPDATE_STRATEGIES,
} from './reference.js';

export const API_VERSION = 'vmo-twin/v1';

/**
 * How large a site vmo-twin computes. Past these a value is out-of-range (exit 2), so every
 * command finishes in bounded time and memory whatever the file says — a 4 MB file could
 * otherwise ask for 10^12 VMs or 100,000 storage ports per machine. They sit well past real
 * clusters: Kubernetes is tested up to 5,000 nodes and 150,000 pods per cluster
 * (kubernetes/website `content/en/docs/setup/best-practices/cluster-large.md`); the VM bound
 * leaves room for what-if questions beyond that.
 */
export const LIMITS = {
  nodesPerPool: 5_000,
  sparesPerPool: 100,
  zonesPerPool: 64,
  vms: 1_000_000,
  vmClasses: 1_000,
  hardwareClasses: 1_000,
  portsPerClass: 64,
  bonds: 64,
  vlanInterfaces: 256,
  vlans: 4094,
  metallbPools: 64,
  addressesPerPool: 64,
  bgpPeers: 64,
} as const;

/** A mapping of names holding at most `max` entries. */
function atMost<T>(codec: Codec<ReadonlyMap<string, T>>, max: number, what: string): Codec<ReadonlyMap<string, T>> {
  return refine(codec, (v, path, node, ctx) => {
    if (v.size <= max) return v;
    ctx.report(path, node, { code: 'out-of-range', message: `${v.size} ${what}`, hint: `vmo-twin computes sites of up to ${max} ${what}` });
    return INVALID;
  });
}
export const KIND = 'Site';

function mustCidr(text: string): Cidr {
  const c = parseCidr(text);
  if (!c.ok) throw new Error(`bad built-in CIDR ${text}`);
  return c.value;
}

/** A positive memory size (0 is refused where a size must exist). */
function positiveMemory(): Codec<number> {
  return refine(quantity('memory'), (v, path, node, ctx) => {
    if (v > 0) return v;
    ctx.report(path, node, { code: 'out-of-range', message: 'the size is 0', hint: 'write a size above zero, such as "16Gi"' });
    return INVALID;
  });
}

function positiveBandwidth(): Codec<number> {
  return refine(quantity('bandwidth'), (v, path, node, ctx) => {
    if (v > 0) return v;
    ctx.report(path, node, { code: 'out-of-range', message: 'the speed is 0', hint: 'write a link speed such as "10Gbps"' });
    return INVALID;
  });
}

function literal(value: string, what: string): Codec<string> {
  return {
    shape: { kind: 'scalar', type: 'enum', values: [value] },
    decode(node, path, ctx) {
      const v = node !== null && isScalar(node) ? node.value : undefined;
      if (v !== value) {
        ctx.report(path, node, {
          code: 'wrong-kind',
          message: `${what} is ${v === undefined ? 'not a string' : JSON.stringify(v)}, not ${JSON.stringify(value)}`,
          hint: `a site file starts with "apiVersion: ${API_VERSION}" and "kind: ${KIND}"`,
        });
        return INVALID;
      }
      return value;
    },
  };
}

/** A list of hostnames or a brace pattern ("worker-{1..60}"), expanded. */
function hostnames(): Codec<string[]> {
  return {
    shape: { kind: 'scalar', type: 'hostnames' },
    decode(node, path, ctx) {
      const texts: string[] = [];
      if (node !== null && isSeq(node)) {
        for (const item of node.items) {
          const v = isScalar(item) ? item.value : undefined;
          if (typeof v !== 'string') {
            ctx.report(path, node, { code: 'wrong-type', message: 'a hostname is not a string', hint: 'write hostnames as strings: [worker-1, worker-2]' });
            return INVALID;
          }
          texts.push(v);
        }
      } else if (node !== null && isScalar(node) && typeof node.value === 'string') {
        texts.push(node.value);
      } else {
        ctx.report(path, node, { code: 'wrong-type', message: 'expected a hostname list or brace pattern', hint: 'write [worker-1, worker-2] or "worker-{1..60}"' });
        return INVALID;
      }
      const out: string[] = [];
      for (const text of texts) {
        const expanded = expandHostnames(text);
        if (!expanded.ok) {
          ctx.report(path, node, { code: 'invalid-hostnames', message: expanded.message, hint: expanded.hint });
          return INVALID;
        }
        out.push(...expanded.value);
      }
      return out;
    },
  };
}

const versions = object({
  maas: def(version(), RA_SOFTWARE.maas, RA_SOFTWARE.maas, 'Canonical MAAS'),
  ubuntu: def(version(), RA_SOFTWARE.ubuntu, `"${RA_SOFTWARE.ubuntu}"`, 'Ubuntu on the nodes'),
  multipathTools: def(version(), RA_SOFTWARE.multipathTools, RA_SOFTWARE.multipathTools, 'multipath-tools'),
  kubernetes: def(version(), RA_SOFTWARE.kubernetes, RA_SOFTWARE.kubernetes, 'Palette eXtended Kubernetes'),
  cilium: def(version(), RA_SOFTWARE.cilium, RA_SOFTWARE.cilium, 'Cilium CNI'),
  multus: def(version(), RA_SOFTWARE.multus, RA_SOFTWARE.multus, 'Multus (installed by the VMO pack)'),
  portworx: def(version(), RA_SOFTWARE.portworx, RA_SOFTWARE.portworx, 'Portworx Enterprise'),
  purity: def(version(), RA_SOFTWARE.purity, RA_SOFTWARE.purity, 'Purity//FA on the FlashArray (a minimum)'),
  vmo: def(version(), RA_SOFTWARE.vmo, RA_SOFTWARE.vmo, 'Palette VM Orchestrator pack'),
  kubevirt: def(version(), RA_SOFTWARE.kubevirt, RA_SOFTWARE.kubevirt, 'KubeVirt (installed by the VMO pack)'),
  cdi: def(version(), RA_SOFTWARE.cdi, RA_SOFTWARE.cdi, 'KubeVirt CDI'),
  snapshotController: def(version(), RA_SOFTWARE.snapshotController, RA_SOFTWARE.snapshotController, 'CSI snapshot controller'),
  descheduler: def(version(), RA_SOFTWARE.descheduler, RA_SOFTWARE.descheduler, 'Descheduler'),
  prometheus: def(version(), RA_SOFTWARE.prometheus, RA_SOFTWARE.prometheus, 'Prometheus + Grafana pack'),
  nginx: def(version(), RA_SOFTWARE.nginx, RA_SOFTWARE.nginx, 'Nginx ingress'),
  metallb: def(version(), RA_SOFTWARE.metallb, RA_SOFTWARE.metallb, 'MetalLB'),
});

const overheadPods = object({
  perNode: def(integer({ max: 10_000 }), RA_OVERHEAD_PODS_PER_NODE, String(RA_OVERHEAD_PODS_PER_NODE), 'daemon pods on every node (Cilium, Multus, VMO, monitoring, Portworx) — RA §Solution Sizing'),
  cluster: def(integer({ max: 1_000_000 }), RA_OVERHEAD_PODS_CLUSTER, String(RA_OVERHEAD_PODS_CLUSTER), 'controller and agent pods once per cluster — RA §Solution Sizing'),
});

const reserved = object({
  cpu: def(quantity('cpu'), 2000, '2', 'CPU reserved per node for the OS, kubelet and Portworx (system + kube reserved)'),
  memory: def(quantity('memory'), 8192, '8Gi', 'memory reserved per node for the OS, kubelet and Portworx'),
});

const kubernetes = object({
  podCidr: def(cidr(), mustCidr(RA_POD_CIDR), RA_POD_CIDR, 'the pod CIDR; every node gets one block of nodeCidrMaskSize from it — RA §Solution Sizing'),
  serviceCidr: def(cidr(), mustCidr(RA_SERVICE_CIDR), RA_SERVICE_CIDR, 'the service CIDR — RA §Solution Sizing'),
  nodeCidrMaskSize: def(integer({ min: 8, max: 30 }), RA_NODE_CIDR_MASK, String(RA_NODE_CIDR_MASK), 'prefix length of the per-node pod block'),
  maxPodsPerNode: def(integer({ min: 1, max: 100_000 }), RA_MAX_PODS, String(RA_MAX_PODS), 'kubelet maxPods — RA §Solution Sizing'),
  overheadPods: defaults(overheadPods, 'pods that are not VMs'),
  cpuAllocationRatio: def(number({ min: 1, max: 1000 }), RA_CPU_ALLOCATION_RATIO, String(RA_CPU_ALLOCATION_RATIO), 'vCPUs per physical core (KubeVirt cpuAllocationRatio) — RA §Hardware resources'),
  reserved: defaults(reserved, 'per-node reservation subtracted from allocatable'),
  nodeNetwork: opt(name(), 'the network whose address becomes the node InternalIP and carries the pod overlay (RA: the management network); default a network named mgmt, else the default-gateway network'),
});

const nic = object({
  name: req(name({ example: '"enp1s0"' }), 'interface name in the OS'),
  speed: req(positiveBandwidth(), 'link speed, e.g. 10Gbps'),
  card: opt(name(), 'which physical card the port is on (for redundancy checks)'),
});

const hba = object({
  name: req(name({ example: '"host1"' }), 'port name'),
  protocol: req(enumOf(['fc', 'iscsi'] as const), 'fc (Fibre Channel HBA port) or iscsi (a NIC dedicated to iSCSI)'),
  speed: req(positiveBandwidth(), 'port speed, e.g. 16Gbps'),
  fabric: req(name({ example: '"A"' }), 'FC fabric (A or B) or the iSCSI subnet this port is on'),
});

const disk = object({
  name: req(name({ example: '"sda"' }), 'device name'),
  size: req(positiveMemory(), 'size, e.g. 480Gi'),
  role: def(enumOf(['os', 'data', 'other'] as const), 'os', 'os', 'os (the only disk MAAS lays out, RA §MAAS), data or other'),
});

const hardwareClass = object({
  cores: req(integer({ min: 1, max: 16_384 }), 'physical CPU cores'),
  memory: req(positiveMemory(), 'RAM, e.g. 1536Gi'),
  nics: def(array(nic, { maxItems: LIMITS.portsPerClass }), [], '[]', 'network ports'),
  hbas: def(array(hba, { maxItems: LIMITS.portsPerClass }), [], '[]', 'storage ports (FC HBA ports or iSCSI NICs)'),
  disks: def(array(disk, { maxItems: LIMITS.portsPerClass }), [], '[]', 'local disks'),
  cost: opt(number({ max: 1e12 }), 'unit cost, for the planner to compare classes'),
});

function nodePool(role: 'controlPlane' | 'workers') {
  const cp = role === 'controlPlane';
  return object({
    count: req(integer({ max: LIMITS.nodesPerPool }), cp ? 'control-plane machines (1, 3 or 5)' : 'worker machines'),
    hardware: req(name(), 'the hardware class, a key of hardware'),
    zone: def(oneOrMany(name(), { maxItems: LIMITS.zonesPerPool }), ['default'], 'default', 'MAAS zone(s); machines are spread over them in order'),
    resourcePool: def(name(), cp ? 'control-plane' : 'worker-pool', cp ? 'control-plane' : 'worker-pool', 'MAAS resource pool — RA §MAAS "control-plane and worker-pool resource pools"'),
    hostnames: opt(hostnames(), `hostnames in MAAS, a list or a brace pattern; default ${cp ? 'cp' : 'worker'}-{1..count+spares}`),
    spares: def(
      integer({ max: LIMITS.sparesPerPool }),
      cp ? RA_CONTROL_PLANE_SPARES : 0,
      String(cp ? RA_CONTROL_PLANE_SPARES : 0),
      cp ? 'free machines kept in the pool for surge repaves — RA §Solution Sizing "1 node must be kept in spare"' : 'free machines kept in the pool for surge repaves',
    ),
    updateStrategy: def(
      enumOf(UPDATE_STRATEGIES),
      cp ? 'RollingUpdateScaleOut' : 'RollingUpdateScaleIn',
      cp ? 'RollingUpdateScaleOut' : 'RollingUpdateScaleIn',
      cp ? 'KubeadmControlPlane rollout: ScaleOut = maxSurge 1 (the default), ScaleIn = maxSurge 0' : 'Palette pool rolling policy; Portworx workers use RollingUpdateScaleIn ("Contract first")',
    ),
    repaveInterval: def(quantity('duration'), 0, '0s', 'Palette nodeRepaveInterval: pause between node repaves (workers only)'),
    drainTimeout: def(quantity('duration'), 0, '0s', 'Cluster API nodeDrainTimeout: give up draining after this and delete the node anyway; 0 = wait forever (the default, behaviour.md §5)'),
  });
}

const nodes = object({
  controlPlane: req(nodePool('controlPlane'), 'the control-plane pool'),
  workers: req(nodePool('workers'), 'the worker pool'),
});

const maas = object({
  domain: def(name(), 'maas', 'maas', 'the MAAS DNS domain of the machines'),
  eraseDisksOnRelease: def(boolean(), false, 'false', 'must stay false: a repave would erase the FlashArray LUNs — RA §MAAS'),
});

const palette = object({
  cloudAccount: def(string(), 'maas', 'maas', 'the MAAS cloud account registered in Palette, found by name'),
  clusterName: opt(k8sName(), 'the cluster name in Palette; default metadata.name'),
  project: opt(string(), 'the Palette project name (informational; apply takes --project-uid)'),
  profileVersion: def(version(), '1.0.0', '1.0.0', 'version of the three cluster profiles; raise it to publish changed profiles (apply never changes a published version in place)'),
});

const pxe = object({
  cidr: req(cidr(), 'the PXE / deployment network (native VLAN) — RA §Network configuration'),
  name: def(name(), 'pxe', 'pxe', 'how bonds and bridges refer to it'),
  gateway: opt(ip(), 'gateway, if any'),
});

const vlanNet = object({
  id: req(vlanId(), 'VLAN id, 1–4094'),
  name: req(name(), 'network name (mgmt, data, …)'),
  cidr: req(cidr(), 'subnet'),
  gateway: opt(ip(), 'gateway address inside the subnet'),
});

const networks = object({
  pxe: req(pxe, 'the PXE network'),
  vlans: def(array(vlanNet, { maxItems: LIMITS.vlans }), [], '[]', 'tagged host networks'),
  vmVlans: def(vlanList(), [[21, 100]], '"21-100"', 'VLANs VMs may use through br0 — RA §Network configuration'),
});

const bond = object({
  name: req(name({ example: '"bond_data"' }), 'bond name'),
  mode: req(enumOf(BOND_MODES, BOND_MODE_ALIASES), 'bonding mode: 802.3ad, active-backup, balance-xor, … (or 0–6)'),
  interfaces: req(array(name(), { minItems: 1, maxItems: 16 }), 'member NICs'),
  network: opt(name(), 'untagged network addressed on the bond (e.g. pxe)'),
  lacpRate: def(enumOf(['fast', 'slow'] as const), 'slow', 'slow', 'LACP rate for 802.3ad (MAAS and Linux default slow; always sent explicitly)'),
  mtu: def(integer({ min: 552, max: 9216 }), 1500, '1500', 'MTU'),
});

const vlanInterface = object({
  vlan: req(vlanId(), 'VLAN id; its subnet comes from networks.vlans'),
  link: req(name(), 'the bond, NIC or bridge it sits on'),
  defaultGateway: def(boolean(), false, 'false', 'this interface carries the default route'),
});

const bridge = object({
  name: def(name(), 'br0', 'br0', 'the bridge Multus attaches VMs to — RA: must be a bridge'),
  link: req(name(), 'the bond or NIC under the bridge'),
  network: opt(name(), 'untagged network addressed on the bridge (2-NIC layout: pxe)'),
  vlanFiltering: def(boolean(), true, 'true', 'VMO vlanFiltering: make br0 VLAN-aware'),
  allowedVlans: opt(vlanList(), 'VLANs VMs may use on br0; default networks.vmVlans'),
  allowVlansOnSelf: def(boolean(), false, 'false', 'VMO env.allowVlansOnSelf: needed when br0 has an address or VLAN interfaces'),
  allowedVlansOnSelf: def(vlanList({ allowEmpty: true }), [], '""', 'VMO env.allowedVlansOnSelf: VLANs used by the host on br0 (VM VLANs are added automatically)'),
});

const hostNetwork = object({
  bonds: def(array(bond, { maxItems: LIMITS.bonds }), [], '[]', 'bonds, the same on every worker'),
  vlanInterfaces: def(array(vlanInterface, { maxItems: LIMITS.vlanInterfaces }), [], '[]', 'VLAN sub-interfaces'),
  bridge: opt(bridge, 'the VM bridge (br0); the control plane gets none'),
});

const metallbPool = object({
  name: req(k8sName('"services"'), 'pool name'),
  addresses: req(array(addressRange(), { minItems: 1, maxItems: LIMITS.addressesPerPool }), 'ranges "a-b", CIDRs or single addresses'),
  autoAssign: def(boolean(), true, 'true', 'MetalLB autoAssign'),
});

const bgpPeer = object({
  address: req(ip(), 'peer router address'),
  asn: req(integer({ min: 1, max: 4_294_967_295 }), 'peer ASN'),
  name: opt(k8sName(), 'peer name'),
});

const metallb = object({
  mode: def(enumOf(['l2', 'bgp'] as const), 'l2', 'l2', 'L2 advertisements on the data network, or BGP'),
  pools: def(array(metallbPool, { maxItems: LIMITS.metallbPools }), [], '[]', 'address pools'),
  interfaces: opt(array(name()), 'interfaces the L2 advertisement uses; default the data VLAN interface'),
  bgp: opt(object({ myAsn: req(integer({ min: 1, max: 4_294_967_295 }), 'our ASN'), peers: req(array(bgpPeer, { minItems: 1, maxItems: LIMITS.bgpPeers }), 'BGP routers') }), 'BGP settings, for mode bgp'),
});

const flashArray = object({
  model: req(string({ example: '"FlashArray//X70"' }), 'array model (FlashArray//C or //X — RA §Hardware resources)'),
  protocol: req(enumOf(['fc', 'iscsi'] as const), 'fc or iscsi'),
  usable: req(positiveMemory(), 'usable capacity before data reduction, e.g. 400Ti'),
  dataReduction: def(number({ min: 1, max: 100 }), 1, '1', 'expected data-reduction ratio (dedup + compression)'),
  ports: def(integer({ min: 1, max: 256 }), 8, '8', 'front-end ports, spread over controllers and fabrics'),
  controllers: def(integer({ min: 1, max: 8 }), 2, '2', 'array controllers'),
  managementEndpoint: opt(ip(), 'FlashArray management address (for px-pure-secret)'),
});

const portworx = object({
  replication: def(integer({ min: 1, max: 3 }), RA_PORTWORX.replication, String(RA_PORTWORX.replication), 'StorageClass repl — RA: 2'),
  dataDrives: defaults(
    object({
      count: def(integer({ min: 1, max: 64 }), 1, '1', 'data LUNs per worker'),
      size: def(positiveMemory(), RA_PORTWORX.dataDriveGiB * 1024, '1024Gi', 'size of each — RA deviceSpecs size=1024'),
    }),
    'cloudStorage.deviceSpecs per worker',
  ),
  metadataDrive: def(positiveMemory(), RA_PORTWORX.metadataDriveGiB * 1024, '64Gi', 'systemMetadataDeviceSpec — RA: 64GB'),
  journal: def(positiveMemory(), RA_PORTWORX.journalGiB * 1024, '3Gi', 'journalDeviceSpec — RA: 3GB'),
  maxStorageNodes: opt(integer({ min: 1, max: 100_000 }), 'cloudStorage.maxStorageNodes; default the worker count — RA'),
  kvdbNodes: def(integer({ min: 1, max: 7 }), RA_PORTWORX.kvdbNodes, String(RA_PORTWORX.kvdbNodes), 'internal KVDB members'),
});

const storage = object({
  array: req(flashArray, 'the Pure FlashArray'),
  portworx: defaults(portworx, 'Portworx on the FlashArray'),
});

const M = KUBEVIRT_MIGRATION_DEFAULTS;
const migration = object({
  parallelPerCluster: def(integer({ min: 1, max: 10_000 }), M.parallelPerCluster, String(M.parallelPerCluster), 'parallelMigrationsPerCluster'),
  parallelOutboundPerNode: def(integer({ min: 1, max: 1000 }), M.parallelOutboundPerNode, String(M.parallelOutboundPerNode), 'parallelOutboundMigrationsPerNode'),
  bandwidthPerMigration: def(quantity('bandwidth'), M.bandwidthPerMigrationMbps, '0', 'bandwidthPerMigration; 0 = unlimited (bounded by the link)'),
  completionTimeoutPerGiB: def(quantity('duration'), M.completionTimeoutPerGiBMs, '150s', 'completionTimeoutPerGiB'),
  progressTimeout: def(quantity('duration'), M.progressTimeoutMs, '150s', 'progressTimeout'),
  allowAutoConverge: def(boolean(), false, 'false', 'allowAutoConverge'),
  allowPostCopy: def(boolean(), false, 'false', 'allowPostCopy'),
  downtimeTarget: def(quantity('duration'), 300, '300ms', 'the stop-and-copy target (QEMU downtime-limit default 300 ms, behaviour.md §2)'),
  network: opt(name(), 'a dedicated migration network (a networks.vlans name); default the pod network'),
});

const D = DESCHEDULER_DEFAULTS;
const pct = () => number({ min: 0, max: 100, example: '50' });
const thresholds = (d: { cpu: number; memory: number; pods: number }) =>
  defaults(object({ cpu: def(pct(), d.cpu, String(d.cpu), 'percent of allocatable CPU requested'), memory: def(pct(), d.memory, String(d.memory), 'percent of allocatable memory requested'), pods: def(pct(), d.pods, String(d.pods), 'percent of max pods') }), 'per-resource percentages');

const descheduler = object({
  enabled: def(boolean(), true, 'true', 'run the Descheduler (installed by the VMO pack)'),
  interval: def(quantity('duration'), D.intervalMs, '300s', 'descheduling interval'),
  lowNodeUtilization: defaults(object({ thresholds: thresholds(D.thresholds), targetThresholds: thresholds(D.targetThresholds) }), 'LowNodeUtilization plugin arguments (chart defaults 20/20/20 and 50/50/50)'),
  maxNoOfPodsToEvictPerNode: opt(integer({ min: 1, max: 100_000 }), 'eviction limit per node per cycle'),
  maxNoOfPodsToEvictTotal: opt(integer({ min: 1, max: 10_000_000 }), 'eviction limit per cycle'),
});

const vmClass = object({
  name: req(k8sName(), 'class name (becomes the instance type name)'),
  vcpu: req(integer({ min: 1, max: 4096 }), 'vCPUs'),
  memory: req(positiveMemory(), 'guest memory'),
  disk: req(quantity('memory'), 'root disk, a Portworx volume (0 = none)'),
  count: req(integer({ max: LIMITS.vms }), 'how many VMs of this class'),
  evictionStrategy: def(enumOf(EVICTION_STRATEGIES), 'LiveMigrate', 'LiveMigrate', 'KubeVirt evictionStrategy; the VMO templates set LiveMigrate'),
  runStrategy: def(enumOf(RUN_STRATEGIES), 'Always', 'Always', 'KubeVirt runStrategy'),
  vlan: opt(vlanId(), 'VM VLAN bridged through br0 (Multus); absent = the pod network'),
  dirtyRate: opt(quantity('rate'), 'guest memory dirtied per second, for the live-migration model'),
  namespace: def(k8sName(), 'virtual-machines', 'virtual-machines', 'namespace of the VMs'),
  os: def(enumOf(['linux', 'windows'] as const), 'linux', 'linux', 'guest OS family (picks the VM preference)'),
});

const workloads = object({
  vmClasses: def(
    refine(array(vmClass, { maxItems: LIMITS.vmClasses }), (classes, path, node, ctx) => {
      const total = classes.reduce((a, c) => a + c.count, 0);
      if (total <= LIMITS.vms) return classes;
      ctx.report(path, node, { code: 'out-of-range', message: `the VM classes ask for ${total} VMs`, hint: `vmo-twin computes sites of up to ${LIMITS.vms} VMs (Kubernetes is tested up to 150,000 pods per cluster)` });
      return INVALID;
    }),
    [],
    '[]',
    'VM classes and counts',
  ),
  containerPods: def(integer({ max: 100_000_000 }), 0, '0', 'container pods besides the overhead pods'),
  namespaces: def(integer({ max: 1_000_000 }), 0, '0', 'namespaces, for the control-plane table'),
});

const metadata = object({
  name: req(k8sName('"vmo-ra-64"'), 'site name'),
  description: opt(string({ maxLength: 4096 }), 'free text'),
});

export const siteCodec = object({
  apiVersion: req(literal(API_VERSION, 'apiVersion'), `always ${API_VERSION}`),
  kind: req(literal(KIND, 'kind'), `always ${KIND}`),
  metadata: req(metadata, 'name and description'),
  versions: defaults(versions, 'software versions, checked against the RA matrix'),
  kubernetes: defaults(kubernetes, 'Kubernetes settings'),
  hardware: req(atMost(record(hardwareClass), LIMITS.hardwareClasses, 'hardware classes'), 'machine classes by name'),
  nodes: req(nodes, 'control-plane and worker pools'),
  maas: defaults(maas, 'MAAS settings'),
  palette: defaults(palette, 'Palette settings'),
  networks: req(networks, 'PXE, host VLANs and VM VLANs'),
  hostNetwork: req(hostNetwork, 'bonds, VLAN interfaces and the bridge on every worker'),
  metallb: defaults(metallb, 'MetalLB'),
  storage: req(storage, 'FlashArray and Portworx'),
  kubevirt: defaults(object({ migration: defaults(migration, 'live migration settings') }), 'KubeVirt settings'),
  descheduler: defaults(descheduler, 'Descheduler'),
  workloads: defaults(workloads, 'what runs on the cluster'),
});

/** The `workloads` section, for other inputs that describe VMs the same way (the planner's demand file). */
export const workloadsCodec = workloads;
/** A `hardware.<name>` class, for other inputs that describe machines the same way. */
export const hardwareClassCodec = hardwareClass;

export type Site = Infer<typeof siteCodec>;
export type HardwareClass = Infer<typeof hardwareClass>;
export type NodePool = Site['nodes']['workers'];
export type VmClass = Site['workloads']['vmClasses'][number];
export type Workloads = Site['workloads'];
export type Bond = Site['hostNetwork']['bonds'][number];
export type VlanInterface = Site['hostNetwork']['vlanInterfaces'][number];
export type Bridge = NonNullable<Site['hostNetwork']['bridge']>;
export type VlanNetwork = Site['networks']['vlans'][number];
export type MetallbPool = Site['metallb']['pools'][number];
export type { AddressRange, Cidr, VlanSet };
