/**
 * Names and settings the exporters write that come from the reference architecture (RA
 * 1.7.0) or the upstream projects rather than from the site file. Each names its source.
 */

/** RA §Portworx layer: the px-pure-secret manifest is created in "namespace: kube-system", the StorageCluster's namespace. */
export const PORTWORX_NAMESPACE = 'kube-system';
/** The Portworx CSI provisioner and snapshot driver (palette-api.md §4.2, upstream Portworx). */
export const PORTWORX_PROVISIONER = 'pxd.portworx.com';
/** RA §Portworx layer: "annotations portworx.io/misc-args: -T px-storev2" (PX-StoreV2 mode). */
export const PORTWORX_MISC_ARGS = '-T px-storev2';
/** RA §Portworx layer, extra manifest: secret px-pure-secret with key pure.json. */
export const PURE_SECRET_NAME = 'px-pure-secret';

/** The StorageClass VMs use (the RA does not name it; this is vmo-twin's name). */
export const VM_STORAGE_CLASS = 'px-vm-block';
/** The VolumeSnapshotClass the VMO snapshot controller uses (vmo-twin's name). */
export const VM_SNAPSHOT_CLASS = 'px-vm-snapshot';

/** palette-api.md §4.4: MetalLB lives in metallb-system ("fixed; CRDs expect it"). */
export const METALLB_NAMESPACE = 'metallb-system';
/** The namespace the VMO pack installs KubeVirt into (virt-operator's KubeVirt CR). */
export const KUBEVIRT_NAMESPACE = 'kubevirt';
/** palette-api.md §4.1: vlanFiltering runs in kube-system. */
export const VLAN_FILTERING_NAMESPACE = 'kube-system';

/**
 * KubeVirt feature gates: the VMO 4.6.3 pack's list (palette-api.md §4.1, TUT values) plus the
 * RA's additions (RA §VMO layer: "persistent TPM, CPU Manager and strict HyperV checking").
 */
export const VMO_FEATURE_GATES = [
  'LiveMigration',
  'HotplugVolumes',
  'Snapshot',
  'VMExport',
  'ExpandDisks',
  'HotplugNICs',
  'VMLiveUpdateFeatures',
  'VMPersistentState',
  'VolumesUpdateStrategy',
  'VolumeMigration',
  'CPUManager',
  'Sidecar',
  'HypervStrictCheck',
] as const;

/** RA §VMO layer: the annotation the Descheduler needs to evict (live-migrate) a VM's launcher pod. */
export const DESCHEDULER_EVICT_ANNOTATION = 'descheduler.alpha.kubernetes.io/evict';

/** RA §VMO layer: snapshot class "parameters that enable compatibility with Velero" — Velero picks the class by this label. */
export const VELERO_SNAPSHOT_CLASS_LABEL = 'velero.io/csi-volumesnapshot-class';

/** RA §Portworx layer: "setting an annotation to inform Kubevirt that this storageclass should be the default storageclass for VMs". */
export const KUBEVIRT_DEFAULT_VIRT_CLASS_ANNOTATION = 'storageclass.kubevirt.io/is-default-virt-class';

/** The StorageClass parameters of RA §Portworx layer ("repl 2, io_profile auto_journal, priority_io high, nodiscard true"); repl comes from the site. */
export const RA_STORAGE_CLASS_PARAMETERS = { io_profile: 'auto_journal', priority_io: 'high', nodiscard: 'true' } as const;

/** The label Kubernetes puts on control-plane nodes; the Portworx preset "Run on worker nodes only" keys on it. */
export const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';
