/**
 * `DIR/kubernetes/*.yaml`: the cluster-side configuration of a site, numbered in apply order
 * (`kubectl apply -f DIR/kubernetes/` works), plus the VMO chart values for teams that install
 * the chart without Palette.
 */
import type { Twin } from '../../model/twin.js';
import { yamlDocuments, yamlText, type ExportFile } from '../files.js';
import { PURE_SECRET_NAME, PORTWORX_NAMESPACE } from '../reference.js';
import {
  cpuAllocationRatio,
  deschedulerPolicy,
  instancetypes,
  kubevirt,
  metallb,
  namespaces,
  networkAttachmentDefinitions,
  preferences,
  siteVlanValues,
  storageClass,
  storageCluster,
  storageProfile,
  vmoChartValues,
  volumeSnapshotClass,
} from './documents.js';

/** The one file of the kubernetes format that holds no Kubernetes objects: the VMO chart's Helm values. */
export const VALUES_FILE = 'kubernetes/vmo-values.yaml';

export function renderKubernetes(twin: Twin): ExportFile[] {
  const site = twin.site;
  const name = site.metadata.name;
  const file = (path: string, docs: readonly unknown[], header: readonly string[]): ExportFile[] =>
    docs.length ? [{ format: 'kubernetes', path: `kubernetes/${path}`, content: yamlDocuments(docs, [`vmo-twin export of site ${name}: ${header[0] ?? ''}`, ...header.slice(1)]) }] : [];
  const ratioNote = cpuAllocationRatio(twin) !== site.kubernetes.cpuAllocationRatio ? [`cpuAllocationRatio ${site.kubernetes.cpuAllocationRatio} is rounded to ${cpuAllocationRatio(twin)}: KubeVirt takes an integer.`] : [];
  const files: ExportFile[] = [
    ...file('00-namespaces.yaml', namespaces(twin), ['the namespaces the VMs run in.']),
    ...file('10-portworx.yaml', [storageCluster(twin)], [
      'Portworx on the FlashArray (RA §Portworx layer).',
      `Create the FlashArray credentials first (never written by vmo-twin): secret ${PURE_SECRET_NAME} in ${PORTWORX_NAMESPACE}, key pure.json:`,
      `  kubectl -n ${PORTWORX_NAMESPACE} create secret generic ${PURE_SECRET_NAME} --from-file=pure.json`,
    ]),
    ...file('11-storage.yaml', [storageClass(twin), volumeSnapshotClass(), storageProfile()], ['the VM StorageClass, its VolumeSnapshotClass and the CDI StorageProfile (RA §Portworx, §VMO-Storage).']),
    ...file('20-kubevirt.yaml', [kubevirt(twin)], ['KubeVirt configuration: live-migration limits and timeouts from the site.', 'With Palette the VMO pack owns this resource; the same settings are in palette/profile-core.json.', ...ratioNote]),
    ...file('21-instancetypes.yaml', [...instancetypes(twin), ...preferences(twin)], ['an instance type and a preference per VM class.']),
    ...file('30-network-attachment-definitions.yaml', networkAttachmentDefinitions(twin), [
      `a NetworkAttachmentDefinition per VLAN VMs can reach on ${twin.roleNetworks.workers.bridge?.name ?? 'the bridge'} (bridge CNI, VLAN-tagged).`,
    ]),
    ...file('40-metallb.yaml', metallb(twin), [`MetalLB address pools and ${site.metallb.mode === 'l2' ? 'L2' : 'BGP'} advertisement.`]),
    ...file('50-descheduler-policy.yaml', [deschedulerPolicy(twin)], [
      'the Descheduler policy (a policy file for --policy-config-file, not an API object).',
      `Interval: ${site.descheduler.interval / 1000}s. VMs are evicted (live-migrated) only when their VM carries`,
      'spec.template.metadata.annotations["descheduler.alpha.kubernetes.io/evict"] = "true"; the preferences in 21-instancetypes.yaml set it.',
    ]),
  ];
  files.push({
    format: 'kubernetes',
    path: VALUES_FILE,
    content: `# vmo-twin export of site ${name}: Helm values for the VMO chart (charts.virtual-machine-orchestrator), for installs without Palette.\n${yamlText(vmoChartValues(twin, siteVlanValues(twin)))}\n`,
  });
  return files;
}
