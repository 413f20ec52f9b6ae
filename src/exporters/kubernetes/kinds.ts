/**
 * Typed shapes of the kinds no well-kept npm package models: Multus NetworkAttachmentDefinition,
 * Portworx StorageCluster, CSI VolumeSnapshotClass, CDI StorageProfile, MetalLB pools and
 * advertisements, and the Descheduler policy. Only the fields the exporters set; every
 * document is checked in tests against the strict schema of its kind (../shared/schemas).
 */

export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

interface Doc<A extends string, K extends string, S> {
  readonly apiVersion: A;
  readonly kind: K;
  readonly metadata: ObjectMeta;
  readonly spec: S;
}

/** k8s.cni.cncf.io/v1: the CNI configuration is a JSON string. */
export type NetworkAttachmentDefinition = Doc<'k8s.cni.cncf.io/v1', 'NetworkAttachmentDefinition', { readonly config: string }>;

export interface EnvVar {
  readonly name: string;
  readonly value: string;
}

/** core.libopenstorage.org/v1 StorageCluster (Portworx operator), the fields the RA sets. */
export type StorageCluster = Doc<
  'core.libopenstorage.org/v1',
  'StorageCluster',
  {
    readonly kvdb: { readonly internal: boolean };
    readonly cloudStorage: {
      readonly provider: string;
      readonly deviceSpecs: readonly string[];
      readonly maxStorageNodes: number;
      readonly systemMetadataDeviceSpec: string;
      readonly journalDeviceSpec: string;
    };
    readonly secretsProvider: string;
    readonly stork: { readonly enabled: boolean };
    readonly csi: { readonly enabled: boolean };
    readonly network?: { readonly dataInterface: string; readonly mgmtInterface: string };
    readonly env: readonly EnvVar[];
    readonly placement: {
      readonly nodeAffinity: {
        readonly requiredDuringSchedulingIgnoredDuringExecution: {
          readonly nodeSelectorTerms: ReadonlyArray<{ readonly matchExpressions: ReadonlyArray<{ readonly key: string; readonly operator: 'DoesNotExist' | 'Exists' }> }>;
        };
      };
    };
  }
>;

/** snapshot.storage.k8s.io/v1: no spec, fields at the top. */
export interface VolumeSnapshotClass {
  readonly apiVersion: 'snapshot.storage.k8s.io/v1';
  readonly kind: 'VolumeSnapshotClass';
  readonly metadata: ObjectMeta;
  readonly driver: string;
  readonly deletionPolicy: 'Delete' | 'Retain';
}

/** cdi.kubevirt.io/v1beta1 StorageProfile: named after its StorageClass. */
export type StorageProfile = Doc<
  'cdi.kubevirt.io/v1beta1',
  'StorageProfile',
  {
    readonly claimPropertySets: ReadonlyArray<{ readonly accessModes: readonly string[]; readonly volumeMode: 'Block' | 'Filesystem' }>;
    readonly cloneStrategy: 'copy' | 'snapshot' | 'csi-clone';
  }
>;

export type IPAddressPool = Doc<'metallb.io/v1beta1', 'IPAddressPool', { readonly addresses: readonly string[]; readonly autoAssign: boolean }>;
export type L2Advertisement = Doc<'metallb.io/v1beta1', 'L2Advertisement', { readonly ipAddressPools: readonly string[]; readonly interfaces?: readonly string[] }>;
export type BGPAdvertisement = Doc<'metallb.io/v1beta1', 'BGPAdvertisement', { readonly ipAddressPools: readonly string[] }>;
export type BGPPeer = Doc<'metallb.io/v1beta2', 'BGPPeer', { readonly myASN: number; readonly peerASN: number; readonly peerAddress: string }>;

export interface PluginSet {
  readonly enabled: readonly string[];
}

/** descheduler/v1alpha2 DeschedulerPolicy: a configuration file, so no metadata. */
export interface DeschedulerPolicy {
  readonly apiVersion: 'descheduler/v1alpha2';
  readonly kind: 'DeschedulerPolicy';
  readonly maxNoOfPodsToEvictPerNode?: number;
  readonly maxNoOfPodsToEvictTotal?: number;
  readonly profiles: ReadonlyArray<{
    readonly name: string;
    readonly pluginConfig: ReadonlyArray<{ readonly name: string; readonly args: Readonly<Record<string, unknown>> }>;
    readonly plugins: Readonly<Record<'balance' | 'filter' | 'preevictionfilter', PluginSet>>;
  }>;
}
