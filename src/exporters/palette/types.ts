/**
 * The Palette request bodies vmo-twin writes, typed from the API notes
 * (`palette-api.md` §2.4 `v1ClusterProfileImportEntity`, §2.5 `v1Variable`, §3.2
 * `v1SpectroMaasClusterEntity`). The JSON schemas in `schemas/` say the same for tests.
 *
 * Values that only exist in a running Palette (the cloud account's uid, the uids of the
 * imported profiles) and secrets are written as placeholders that `apply` resolves:
 * `${cloudaccount:NAME}`, `${clusterprofile:NAME@VERSION}`, `${env:VARIABLE}`.
 */

/** v1Variable: a profile variable, referenced in pack values as {{.spectro.var.NAME}}. */
export interface ProfileVariable {
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly format: 'string' | 'number' | 'boolean' | 'ipv4' | 'ipv4cidr' | 'ipv6' | 'version' | 'base64';
  readonly inputType: 'text' | 'dropdown' | 'multiline';
  readonly defaultValue?: string;
  readonly regex?: string;
  readonly required: boolean;
  readonly immutable: boolean;
  readonly hidden: boolean;
  readonly isSensitive: boolean;
}

export interface RegistryRef {
  readonly metadata: { readonly name: string; readonly kind: 'pack' | 'helm' | 'oci'; readonly providerType: 'helm' | 'pack' | 'zarf'; readonly isPrivate: boolean };
}

export interface Manifest {
  readonly name: string;
  readonly content: string;
}

/** v1PackImportEntity. */
export interface PackImport {
  readonly name: string;
  readonly type: 'spectro' | 'helm' | 'manifest' | 'oci';
  readonly layer: 'os' | 'k8s' | 'cni' | 'csi' | 'addon';
  readonly tag?: string;
  readonly version?: string;
  /** The pack's values: one YAML document as a string. */
  readonly values: string;
  readonly manifests?: readonly Manifest[];
  readonly registry?: RegistryRef;
}

/** v1ClusterProfileImportEntity: what Palette's "Import Cluster Profile" accepts. */
export interface ClusterProfileImport {
  readonly metadata: { readonly name: string; readonly description: string; readonly labels: Readonly<Record<string, string>> };
  readonly spec: {
    readonly version: string;
    readonly template: { readonly type: 'cluster' | 'infra' | 'add-on' | 'system'; readonly cloudType: string; readonly packs: readonly PackImport[] };
    readonly variables: readonly ProfileVariable[];
  };
}

export interface UpdateStrategy {
  readonly type: 'RollingUpdateScaleOut' | 'RollingUpdateScaleIn';
}

/** v1MaasMachinePoolConfigEntity. */
export interface MaasMachinePool {
  readonly cloudConfig: {
    readonly resourcePool: string;
    readonly azs: readonly string[];
    readonly instanceType: { readonly minCPU: number; readonly minMemInMB: number; readonly minDiskSizeInGB?: number };
  };
  readonly poolConfig: {
    readonly name: string;
    readonly size: number;
    readonly minSize: number;
    readonly maxSize: number;
    readonly labels: readonly string[];
    readonly isControlPlane: boolean;
    readonly useControlPlaneAsWorker?: boolean;
    readonly nodeRepaveInterval?: number;
    readonly updateStrategy: UpdateStrategy;
  };
}

/** v1SpectroMaasClusterEntity: the body of POST /v1/spectroclusters/maas. */
export interface MaasClusterCreate {
  readonly metadata: { readonly name: string; readonly labels: Readonly<Record<string, string>>; readonly annotations: Readonly<Record<string, string>> };
  readonly spec: {
    readonly cloudAccountUid: string;
    readonly cloudConfig: { readonly domain: string };
    readonly profiles: ReadonlyArray<{ readonly uid: string; readonly variables: ReadonlyArray<{ readonly name: string; readonly value: string }> }>;
    readonly machinepoolconfig: readonly MaasMachinePool[];
  };
}
