/**
 * The Kubernetes documents a site calls for, built from the twin as typed objects:
 * core kinds from `kubernetes-models`, KubeVirt kinds from `@kubevirt-ui-ext/kubevirt-api`
 * (serialised by its ToJSON functions), the rest from `kinds.ts`. Nothing here decides a
 * rule; every value is the site's (or the twin's derivation of it) or a cited RA setting.
 */
import {
  V1beta1VirtualMachineClusterInstancetypeToJSON,
  V1beta1VirtualMachineClusterPreferenceToJSON,
  V1KubeVirtToJSON,
  type V1beta1VirtualMachineClusterInstancetype,
  type V1beta1VirtualMachineClusterPreference,
  type V1KubeVirt,
  type V1MigrationConfiguration,
} from '@kubevirt-ui-ext/kubevirt-api/kubevirt';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { StorageClass } from 'kubernetes-models/storage.k8s.io/v1/StorageClass';
import { formatIp, formatVlanSet, vlanSetIds } from '../../model/cidr.js';
import { dataNetworkName } from '../../model/hostnet.js';
import type { VmClass } from '../../model/site.js';
import { maxStorageNodesOf, type Twin } from '../../model/twin.js';
import { stableStringify } from '../../model/stable.js';
import { mebibytes } from '../files.js';
import {
  CONTROL_PLANE_LABEL,
  DESCHEDULER_EVICT_ANNOTATION,
  KUBEVIRT_DEFAULT_VIRT_CLASS_ANNOTATION,
  KUBEVIRT_NAMESPACE,
  METALLB_NAMESPACE,
  PORTWORX_MISC_ARGS,
  PORTWORX_NAMESPACE,
  PORTWORX_PROVISIONER,
  RA_STORAGE_CLASS_PARAMETERS,
  VELERO_SNAPSHOT_CLASS_LABEL,
  VM_SNAPSHOT_CLASS,
  VM_STORAGE_CLASS,
  VMO_FEATURE_GATES,
} from '../reference.js';
import type {
  BGPAdvertisement,
  BGPPeer,
  DeschedulerPolicy,
  IPAddressPool,
  L2Advertisement,
  NetworkAttachmentDefinition,
  StorageCluster,
  StorageProfile,
  VolumeSnapshotClass,
} from './kinds.js';

/** Plain JSON data of a typed document (drops undefined members). */
function plain(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

const seconds = (ms: number): number => Math.round(ms / 1000);

// ---------------------------------------------------------------------------------------------
// Networking: one NetworkAttachmentDefinition per VLAN a VM can reach through the bridge.

/** The NAD name of a VM VLAN; VM classes refer to it as <namespace>/vlan-<id>. */
export function nadName(vlan: number): string {
  return `vlan-${vlan}`;
}

/** The namespaces VMs run in (from the VM classes; "virtual-machines" when there are none). */
export function vmNamespaces(twin: Twin): string[] {
  const ns = new Set(twin.site.workloads.vmClasses.map((c) => c.namespace));
  if (ns.size === 0) ns.add('virtual-machines');
  return [...ns].sort();
}

/**
 * Bridge CNI on the worker bridge, tagged with the VLAN (RA §VMO-Networking layer: nad-vlan-30
 * names the bridge "br0" and the VLAN id). preserveDefaultVlan false keeps the VM's port off the
 * bridge's default VLAN, so it sees only its own VLAN on the VLAN-filtering bridge.
 */
export function networkAttachmentDefinitions(twin: Twin): NetworkAttachmentDefinition[] {
  const bridge = twin.roleNetworks.workers.bridge;
  if (!bridge) return [];
  const out: NetworkAttachmentDefinition[] = [];
  for (const namespace of vmNamespaces(twin)) {
    for (const vlan of vlanSetIds(twin.roleNetworks.workers.vmVlans)) {
      const name = nadName(vlan);
      const config = { cniVersion: '0.3.1', name, type: 'bridge', bridge: bridge.name, vlan, ipam: {}, macspoofchk: true, preserveDefaultVlan: false };
      out.push({
        apiVersion: 'k8s.cni.cncf.io/v1',
        kind: 'NetworkAttachmentDefinition',
        metadata: { name, namespace, labels: { 'vmo-twin/vlan': String(vlan) } },
        spec: { config: stableStringify(config, 0) },
      });
    }
  }
  return out;
}

export function namespaces(twin: Twin): Record<string, unknown>[] {
  return vmNamespaces(twin).map((name) => {
    const ns = new Namespace({ metadata: { name } });
    ns.validate();
    return plain(ns.toJSON());
  });
}

// ---------------------------------------------------------------------------------------------
// KubeVirt.

/** The live-migration settings of the site, as KubeVirt's MigrationConfiguration. */
export function migrationConfiguration(twin: Twin): V1MigrationConfiguration {
  const m = twin.site.kubevirt.migration;
  return {
    parallelMigrationsPerCluster: m.parallelPerCluster,
    parallelOutboundMigrationsPerNode: m.parallelOutboundPerNode,
    // Mbit/s → bytes/s; 0 means unlimited and is KubeVirt's default, so it is left out.
    ...(m.bandwidthPerMigration > 0 ? { bandwidthPerMigration: String(m.bandwidthPerMigration * 125_000) } : {}),
    completionTimeoutPerGiB: seconds(m.completionTimeoutPerGiB),
    progressTimeout: seconds(m.progressTimeout),
    allowAutoConverge: m.allowAutoConverge,
    allowPostCopy: m.allowPostCopy,
  };
}

/** KubeVirt's cpuAllocationRatio is an integer; a fractional site ratio is rounded. */
export function cpuAllocationRatio(twin: Twin): number {
  return Math.max(1, Math.round(twin.site.kubernetes.cpuAllocationRatio));
}

export function kubevirt(twin: Twin): Record<string, unknown> {
  const cr: V1KubeVirt = {
    apiVersion: 'kubevirt.io/v1',
    kind: 'KubeVirt',
    metadata: { name: 'kubevirt', namespace: KUBEVIRT_NAMESPACE },
    spec: {
      _configuration: {
        developerConfiguration: { cpuAllocationRatio: cpuAllocationRatio(twin), featureGates: [...VMO_FEATURE_GATES] },
        // RA §VMO layer / VMO values config.evictionStrategy: "LiveMigrate".
        evictionStrategy: 'LiveMigrate',
        migrations: migrationConfiguration(twin),
      },
    },
  };
  return plain(V1KubeVirtToJSON(cr));
}

function evicts(c: VmClass): boolean {
  return c.evictionStrategy === 'LiveMigrate' || c.evictionStrategy === 'LiveMigrateIfPossible';
}

export function instancetypes(twin: Twin): Record<string, unknown>[] {
  return twin.site.workloads.vmClasses.map((c) => {
    const it: V1beta1VirtualMachineClusterInstancetype = {
      apiVersion: 'instancetype.kubevirt.io/v1beta1',
      kind: 'VirtualMachineClusterInstancetype',
      metadata: { name: c.name, labels: { 'vmo-twin/class': c.name } },
      spec: { cpu: { guest: c.vcpu }, memory: { guest: mebibytes(c.memory) } },
    };
    return plain(V1beta1VirtualMachineClusterInstancetypeToJSON(it));
  });
}

/**
 * One preference per VM class. Classes that live-migrate on eviction carry the Descheduler's
 * evict annotation, so it can rebalance them (RA §VMO layer: "we set this annotation in the VM
 * preferences"); a class that would be shut down by an eviction does not. Linux guests get
 * virtio devices; Windows guests emulated ones they drive without extra drivers, and EFI.
 */
export function preferences(twin: Twin): Record<string, unknown>[] {
  return twin.site.workloads.vmClasses.map((c) => {
    const windows = c.os === 'windows';
    const pref: V1beta1VirtualMachineClusterPreference = {
      apiVersion: 'instancetype.kubevirt.io/v1beta1',
      kind: 'VirtualMachineClusterPreference',
      metadata: { name: c.name, labels: { 'vmo-twin/class': c.name } },
      spec: {
        ...(evicts(c) ? { annotations: { [DESCHEDULER_EVICT_ANNOTATION]: 'true' } } : {}),
        devices: windows ? { preferredDiskBus: 'sata', preferredInterfaceModel: 'e1000e' } : { preferredDiskBus: 'virtio', preferredInterfaceModel: 'virtio' },
        ...(windows ? { firmware: { preferredUseEfi: true } } : {}),
      },
    };
    return plain(V1beta1VirtualMachineClusterPreferenceToJSON(pref));
  });
}

// ---------------------------------------------------------------------------------------------
// Storage: Portworx on the FlashArray.

/** Portworx reads deviceSpecs sizes in GiB ("size=1024" is the RA's 1 TB LUN). */
const gib = (mib: number): number => Math.ceil(mib / 1024);

/** The StorageCluster spec of RA §Portworx layer for this site (also the Palette pack's values). */
export function storageClusterSpec(twin: Twin): StorageCluster['spec'] {
  const site = twin.site;
  const px = site.storage.portworx;
  const iface = twin.roleNetworks.workers.nodeInterface;
  return {
    kvdb: { internal: true },
    cloudStorage: {
      provider: 'pure',
      deviceSpecs: Array.from({ length: px.dataDrives.count }, () => `size=${gib(px.dataDrives.size)}`),
      maxStorageNodes: maxStorageNodesOf(site),
      systemMetadataDeviceSpec: `size=${gib(px.metadataDrive)}`,
      journalDeviceSpec: `size=${gib(px.journal)}`,
    },
    secretsProvider: 'k8s',
    stork: { enabled: true },
    csi: { enabled: true },
    // RA §Portworx layer: management and replication traffic on the node network (bond_mgmt.10), not the data VLAN.
    ...(iface !== undefined ? { network: { dataInterface: iface, mgmtInterface: iface } } : {}),
    env: [{ name: 'PURE_FLASHARRAY_SAN_TYPE', value: site.storage.array.protocol === 'fc' ? 'FC' : 'ISCSI' }],
    placement: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: CONTROL_PLANE_LABEL, operator: 'DoesNotExist' }] }] },
      },
    },
  };
}

export function storageClusterName(twin: Twin): string {
  return `px-${twin.site.palette.clusterName ?? twin.site.metadata.name}`;
}

export function storageCluster(twin: Twin): StorageCluster {
  return {
    apiVersion: 'core.libopenstorage.org/v1',
    kind: 'StorageCluster',
    metadata: { name: storageClusterName(twin), namespace: PORTWORX_NAMESPACE, annotations: { 'portworx.io/misc-args': PORTWORX_MISC_ARGS } },
    spec: storageClusterSpec(twin),
  };
}

export function storageClass(twin: Twin): Record<string, unknown> {
  const sc = new StorageClass({
    metadata: { name: VM_STORAGE_CLASS, annotations: { [KUBEVIRT_DEFAULT_VIRT_CLASS_ANNOTATION]: 'true' } },
    provisioner: PORTWORX_PROVISIONER,
    parameters: { repl: String(twin.site.storage.portworx.replication), ...RA_STORAGE_CLASS_PARAMETERS },
    allowVolumeExpansion: true,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  });
  sc.validate();
  return plain(sc.toJSON());
}

export function volumeSnapshotClass(): VolumeSnapshotClass {
  return {
    apiVersion: 'snapshot.storage.k8s.io/v1',
    kind: 'VolumeSnapshotClass',
    metadata: { name: VM_SNAPSHOT_CLASS, labels: { [VELERO_SNAPSHOT_CLASS_LABEL]: 'true' }, annotations: { 'snapshot.storage.kubernetes.io/is-default-class': 'true' } },
    driver: PORTWORX_PROVISIONER,
    deletionPolicy: 'Delete',
  };
}

/** RA §VMO-Storage layer: "use RWX volumes for uploaded images and use fast CSI cloning"; RA §Storage: RWX in Block mode. */
export function storageProfile(): StorageProfile {
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'StorageProfile',
    metadata: { name: VM_STORAGE_CLASS },
    spec: { claimPropertySets: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }], cloneStrategy: 'csi-clone' },
  };
}

// ---------------------------------------------------------------------------------------------
// MetalLB.

/** The interfaces MetalLB advertises on: the site's, else the data-network interface of each role (RA §MetalLB layer: bond_data.20). */
export function metallbInterfaces(twin: Twin): string[] {
  if (twin.site.metallb.interfaces !== undefined) return [...twin.site.metallb.interfaces];
  const data = dataNetworkName(twin.site);
  const out = new Set<string>();
  if (data !== undefined) {
    for (const role of ['workers', 'controlPlane'] as const) {
      const iface = twin.roleNetworks[role].networkInterface.get(data);
      if (iface !== undefined) out.add(iface);
    }
  }
  return [...out];
}

export function metallb(twin: Twin): Array<IPAddressPool | L2Advertisement | BGPAdvertisement | BGPPeer> {
  const m = twin.site.metallb;
  if (m.pools.length === 0) return [];
  const ns = METALLB_NAMESPACE;
  const pools: IPAddressPool[] = m.pools.map((p) => ({
    apiVersion: 'metallb.io/v1beta1',
    kind: 'IPAddressPool',
    metadata: { name: p.name, namespace: ns },
    spec: { addresses: p.addresses.map((a) => a.text), autoAssign: p.autoAssign },
  }));
  const poolNames = m.pools.map((p) => p.name);
  if (m.mode === 'l2') {
    const ifaces = metallbInterfaces(twin);
    return [...pools, { apiVersion: 'metallb.io/v1beta1', kind: 'L2Advertisement', metadata: { name: 'default', namespace: ns }, spec: { ipAddressPools: poolNames, ...(ifaces.length ? { interfaces: ifaces } : {}) } }];
  }
  const peers: BGPPeer[] = (m.bgp?.peers ?? []).map((p, i) => ({
    apiVersion: 'metallb.io/v1beta2',
    kind: 'BGPPeer',
    metadata: { name: p.name ?? `peer-${i + 1}`, namespace: ns },
    spec: { myASN: m.bgp?.myAsn ?? 0, peerASN: p.asn, peerAddress: formatIp(p.address) },
  }));
  return [...pools, ...peers, { apiVersion: 'metallb.io/v1beta1', kind: 'BGPAdvertisement', metadata: { name: 'default', namespace: ns }, spec: { ipAddressPools: poolNames } }];
}

// ---------------------------------------------------------------------------------------------
// Descheduler.

/**
 * LowNodeUtilization with the site's thresholds (behaviour.md §3). virt-launcher pods use
 * local storage (emptyDir), so the evictor must be allowed to evict them; the evict
 * annotation on the VM (see the preferences) is what makes them candidates (RA §VMO layer).
 */
export function deschedulerPolicy(twin: Twin): DeschedulerPolicy {
  const d = twin.site.descheduler;
  return {
    apiVersion: 'descheduler/v1alpha2',
    kind: 'DeschedulerPolicy',
    ...(d.maxNoOfPodsToEvictPerNode !== undefined ? { maxNoOfPodsToEvictPerNode: d.maxNoOfPodsToEvictPerNode } : {}),
    ...(d.maxNoOfPodsToEvictTotal !== undefined ? { maxNoOfPodsToEvictTotal: d.maxNoOfPodsToEvictTotal } : {}),
    profiles: [
      {
        name: 'vmo-rebalance',
        pluginConfig: [
          { name: 'DefaultEvictor', args: { evictLocalStoragePods: true, nodeFit: true } },
          { name: 'LowNodeUtilization', args: { thresholds: { ...d.lowNodeUtilization.thresholds }, targetThresholds: { ...d.lowNodeUtilization.targetThresholds } } },
        ],
        plugins: { balance: { enabled: ['LowNodeUtilization'] }, filter: { enabled: ['DefaultEvictor'] }, preevictionfilter: { enabled: ['DefaultEvictor'] } },
      },
    ],
  };
}

/** A cron schedule for the descheduling interval, when one exists ("*\/5 * * * *" for 300 s). */
export function cronEvery(ms: number): string | undefined {
  if (ms <= 0 || ms % 60_000 !== 0) return undefined;
  const minutes = ms / 60_000;
  if (minutes < 60 && 60 % minutes === 0) return minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`;
  if (minutes % 60 === 0 && 24 % (minutes / 60) === 0) return minutes === 60 ? '0 * * * *' : `0 */${minutes / 60} * * *`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The VMO chart's values (charts.virtual-machine-orchestrator.*, palette-api.md §4.1).

/** How the VMO values refer to the bridge's VLAN settings: literal site values, or Palette profile variables. */
export interface VlanValues {
  readonly allowedVlans: string;
  readonly allowVlansOnSelf: string;
  readonly allowedVlansOnSelf: string;
}

export function siteVlanValues(twin: Twin): VlanValues {
  const br = twin.roleNetworks.workers.bridge;
  return {
    allowedVlans: br ? formatVlanSet(br.allowedVlans) : '',
    allowVlansOnSelf: String(br?.allowVlansOnSelf ?? false),
    allowedVlansOnSelf: br ? formatVlanSet(br.allowedVlansOnSelf) : '',
  };
}

export function vmoChartValues(twin: Twin, vlans: VlanValues): Record<string, unknown> {
  const br = twin.roleNetworks.workers.bridge;
  const d = twin.site.descheduler;
  const policy = deschedulerPolicy(twin);
  const cron = cronEvery(d.interval);
  return {
    vlanFiltering: {
      enabled: br?.vlanFiltering ?? false,
      namespace: 'kube-system',
      env: { bridgeIF: br?.name ?? 'br0', allowedVlans: vlans.allowedVlans, allowVlansOnSelf: vlans.allowVlansOnSelf, allowedVlansOnSelf: vlans.allowedVlansOnSelf },
    },
    'snapshot-controller': {
      enabled: true,
      volumeSnapshotClass: { create: true, name: VM_SNAPSHOT_CLASS, driver: PORTWORX_PROVISIONER, deletionPolicy: 'Delete', extraLabels: { [VELERO_SNAPSHOT_CLASS_LABEL]: 'true' } },
    },
    kubevirt: {
      kubevirtResource: {
        additionalFeatureGates: [...VMO_FEATURE_GATES],
        config: {
          evictionStrategy: 'LiveMigrate',
          additionalConfig: { developerConfiguration: { cpuAllocationRatio: cpuAllocationRatio(twin) }, migrations: plain(migrationConfiguration(twin)) },
        },
      },
    },
    descheduler: {
      enabled: d.enabled,
      ...(cron !== undefined ? { kind: 'CronJob', schedule: cron } : { kind: 'Deployment', deschedulingInterval: `${seconds(d.interval)}s` }),
      deschedulerPolicy: { ...(policy.maxNoOfPodsToEvictPerNode !== undefined ? { maxNoOfPodsToEvictPerNode: policy.maxNoOfPodsToEvictPerNode } : {}), profiles: policy.profiles },
    },
  };
}
