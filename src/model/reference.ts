/**
 * Figures and tables from the Palette VMO bare-metal reference architecture (RA) 1.7.0, July
 * 2025, and from the upstream projects' defaults. Each constant names its source; "RA §X" is
 * the RA's section X.
 */

/** RA §Software resources: the recommended versions. `version-differs` compares against these. */
export const RA_SOFTWARE = {
  maas: '3.6.0',
  ubuntu: '22.04',
  multipathTools: '0.8.8',
  kubernetes: '1.32.4',
  cilium: '1.17.4',
  multus: '4.1.4',
  portworx: '3.3.1',
  purity: '6.1.4',
  vmo: '4.7.0',
  kubevirt: '1.5.0',
  cdi: '1.62.0',
  snapshotController: '8.1.0',
  descheduler: '0.33.0',
  prometheus: '70.2.1',
  nginx: '1.12.2',
  metallb: '0.15.2',
} as const;

export type SoftwareKey = keyof typeof RA_SOFTWARE;

/** RA §Software resources names Purity//FA "6.1.4 or higher": a minimum, not an exact match. */
export const RA_MINIMUM_VERSIONS: ReadonlySet<SoftwareKey> = new Set(['purity']);

export interface ControlPlaneRow {
  readonly workers: number;
  readonly namespaces: number;
  readonly cores: number;
  readonly memoryGiB: number;
}

/**
 * RA §Hardware resources, control-plane sizing table ("assumes at least 3 control plane
 * nodes"). Memory is in GB in the RA; vmo-twin reads it as GiB, which is what DIMMs give.
 */
export const RA_CONTROL_PLANE_TABLE: readonly ControlPlaneRow[] = [
  { workers: 10, namespaces: 100, cores: 4, memoryGiB: 8 },
  { workers: 25, namespaces: 500, cores: 4, memoryGiB: 16 },
  { workers: 100, namespaces: 1000, cores: 8, memoryGiB: 32 },
  { workers: 250, namespaces: 2000, cores: 16, memoryGiB: 64 },
  { workers: 500, namespaces: 4000, cores: 32, memoryGiB: 128 },
];

export interface ControlPlaneAdvice {
  readonly cores: number;
  readonly memoryGiB: number;
  /** The RA row used, or null when the cluster is past the table and the last row was doubled. */
  readonly row: ControlPlaneRow | null;
}

/**
 * The smallest RA row that covers both the workers and the namespaces. Past the last row
 * (500 workers / 4000 namespaces) the RA gives nothing; vmo-twin continues its doubling per
 * row, and says so.
 */
export function controlPlaneAdvice(workers: number, namespaces = 0): ControlPlaneAdvice {
  for (const row of RA_CONTROL_PLANE_TABLE) {
    if (workers <= row.workers && namespaces <= row.namespaces) return { cores: row.cores, memoryGiB: row.memoryGiB, row };
  }
  const last = RA_CONTROL_PLANE_TABLE[RA_CONTROL_PLANE_TABLE.length - 1] as ControlPlaneRow;
  let cores = last.cores;
  let memoryGiB = last.memoryGiB;
  let w = last.workers;
  let ns = last.namespaces;
  while (workers > w || namespaces > ns) {
    cores *= 2;
    memoryGiB *= 2;
    w *= 2;
    ns *= 2;
  }
  return { cores, memoryGiB, row: null };
}

/** RA §Hardware resources: "at least 4 worker nodes as Portworx requires a minimum of 3 nodes to build a quorum, and you want 1 node to be able to go offline". */
export const RA_MIN_WORKERS = 4;
/** RA §Hardware resources: "We recommend a minimum worker pool of 5 nodes." */
export const RA_RECOMMENDED_WORKERS = 5;

/**
 * RA §Network configuration: the bond under br0 "can only support" modes 1, 2 and 4; modes 0,
 * 3, 5 and 6 are "not supported for VLAN bridging".
 */
export const BOND_MODES = ['balance-rr', 'active-backup', 'balance-xor', 'broadcast', '802.3ad', 'balance-tlb', 'balance-alb'] as const;
export type BondMode = (typeof BOND_MODES)[number];
export const BOND_MODE_ALIASES: Readonly<Record<string, BondMode>> = {
  '0': 'balance-rr',
  '1': 'active-backup',
  '2': 'balance-xor',
  '3': 'broadcast',
  '4': '802.3ad',
  '5': 'balance-tlb',
  '6': 'balance-alb',
  lacp: '802.3ad',
};
export const BRIDGE_BOND_MODES: ReadonlySet<BondMode> = new Set(['active-backup', 'balance-xor', '802.3ad']);

/**
 * Usable bandwidth of a bond: modes that spread flows over members add their speeds; the
 * others use one member at a time (Linux bonding documentation, "Bonding Modes").
 */
export function bondSpeedMbps(mode: BondMode, memberSpeeds: readonly number[]): number {
  if (memberSpeeds.length === 0) return 0;
  if (mode === 'active-backup' || mode === 'broadcast') return Math.min(...memberSpeeds);
  return memberSpeeds.reduce((a, b) => a + b, 0);
}

export function bondModeNumber(mode: BondMode): number {
  return BOND_MODES.indexOf(mode);
}

/** RA §Solution Sizing: pod CIDR 100.64.0.0/18, service CIDR 100.64.64.0/18, a /24 per node. */
export const RA_POD_CIDR = '100.64.0.0/18';
export const RA_SERVICE_CIDR = '100.64.64.0/18';
export const RA_NODE_CIDR_MASK = 24;
/**
 * RA §Solution Sizing: "If the cluster is expected to grow, select a service CIDR that is
 * intentionally further away, such as 100.65.0.0/x, so that the pod CIDR can be increased".
 * vmo-twin keeps room for the pod CIDR to grow 2 prefix bits (4×) in place: for the RA's
 * 100.64.0.0/18 that is 100.64.0.0/16, so the service CIDR goes to 100.65.0.0 — the RA's example.
 */
export const POD_CIDR_GROWTH_BITS = 2;
/**
 * kube-apiserver refuses a service CIDR of more than 2^20 addresses (kubernetes
 * `cmd/kube-apiserver/app/options/validation.go`, validateClusterIPFlags: maxCIDRBits = 20),
 * so an IPv4 service CIDR is /12 or longer.
 */
export const K8S_MIN_SERVICE_PREFIX = 12;
/** RA §Solution Sizing: "Maximum number of pods configured to 250". */
export const RA_MAX_PODS = 250;
/** RA §Solution Sizing: "10 pods per node for Cilium, Multus, VMO, monitoring and Portworx daemons". */
export const RA_OVERHEAD_PODS_PER_NODE = 10;
/** RA §Solution Sizing: "58 pods for controllers, agents and other non-daemonset overhead". */
export const RA_OVERHEAD_PODS_CLUSTER = 58;
/** RA §Hardware resources: "10:1 overcommitment of CPU by default". */
export const RA_CPU_ALLOCATION_RATIO = 10;
/** RA §Solution Sizing: "1 node must be kept in spare to facilitate control plane repaves". */
export const RA_CONTROL_PLANE_SPARES = 1;

/** RA §Storage configuration, Portworx layer. */
export const RA_PORTWORX = {
  /** "Reducing parameters.repl from 3 to 2 for better performance." */
  replication: 2,
  /** "Increasing the deviceSpecs from the minimum 150 GB to 1024 GB." (size=1024, in GiB as Portworx reads it) */
  dataDriveGiB: 1024,
  /** "Setting the systemMetadataDeviceSpec to 64GB". */
  metadataDriveGiB: 64,
  /** "Setting the journalDeviceSpec to 3GB". */
  journalGiB: 3,
  /** Portworx docs "Internal KVDB": the internal KVDB runs on 3 nodes (behaviour.md §6). */
  kvdbNodes: 3,
} as const;

/**
 * KubeVirt 1.5.0 live-migration defaults (kubevirt/kubevirt `pkg/virt-config/virt-config.go`,
 * behaviour.md §1).
 */
export const KUBEVIRT_MIGRATION_DEFAULTS = {
  parallelPerCluster: 5,
  parallelOutboundPerNode: 2,
  /** 0 = unlimited. */
  bandwidthPerMigrationMbps: 0,
  completionTimeoutPerGiBMs: 150_000,
  progressTimeoutMs: 150_000,
} as const;

/** Descheduler chart defaults (kubernetes-sigs/descheduler `charts/descheduler/values.yaml`, behaviour.md §3). */
export const DESCHEDULER_DEFAULTS = {
  /** Deployment mode interval, 5 m (behaviour.md §3 "Deployment with 5 m"). */
  intervalMs: 300_000,
  thresholds: { cpu: 20, memory: 20, pods: 20 },
  targetThresholds: { cpu: 50, memory: 50, pods: 50 },
} as const;

/**
 * Palette MAAS node pools (palette-api.md §3.3): RollingUpdateScaleOut (maxSurge 1,
 * maxUnavailable 0) is the default; Portworx-on-MAAS guidance is RollingUpdateScaleIn
 * ("Contract first") for workers. KubeadmControlPlane defaults to maxSurge 1 (cluster-api
 * `controlplane/kubeadm/webhooks`, behaviour.md §5).
 */
export const UPDATE_STRATEGIES = ['RollingUpdateScaleOut', 'RollingUpdateScaleIn'] as const;
export type UpdateStrategy = (typeof UPDATE_STRATEGIES)[number];

/** Eviction strategies (KubeVirt `docs/handling-eviction-requests.md`, behaviour.md §1). */
export const EVICTION_STRATEGIES = ['LiveMigrate', 'LiveMigrateIfPossible', 'None', 'External'] as const;
export type EvictionStrategy = (typeof EVICTION_STRATEGIES)[number];

/** KubeVirt run strategies (kubevirt.io/v1 VirtualMachine spec.runStrategy). */
export const RUN_STRATEGIES = ['Always', 'RerunOnFailure', 'Manual', 'Halted', 'Once'] as const;
export type RunStrategy = (typeof RUN_STRATEGIES)[number];
