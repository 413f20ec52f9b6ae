/**
 * The Palette side of a site, as data: the reference architecture's three cluster profiles
 * (RA §Spectro Cloud Palette configuration) with their packs, values and profile variables,
 * and the MAAS cluster's machine pools. `index.ts` renders it as Palette's JSON bodies; the
 * Terraform exporter renders the same model as HCL, so the two never disagree.
 */
import { formatCidr, formatIp, formatVlanSet } from '../../model/cidr.js';
import { nodeNetworkName } from '../../model/hostnet.js';
import type { Site } from '../../model/site.js';
import { maxStorageNodesOf, type Twin } from '../../model/twin.js';
import { stableStringify } from '../../model/stable.js';
import { yamlDocuments, yamlText } from '../files.js';
import {
  instancetypes,
  metallbInterfaces,
  namespaces,
  networkAttachmentDefinitions,
  preferences,
  storageClass,
  storageClusterSpec,
  storageProfile,
  vmoChartValues,
} from '../kubernetes/documents.js';
import { PORTWORX_MISC_ARGS, PORTWORX_NAMESPACE, PURE_SECRET_NAME } from '../reference.js';
import type { MaasMachinePool, Manifest, PackImport, ProfileVariable, RegistryRef } from './types.js';


/** palette-api.md §2.4: packs are matched to registries by name and kind; the public tutorial export uses this for Palette's own packs. */
const PUBLIC_REPO: RegistryRef = { metadata: { name: 'Public Repo', kind: 'oci', providerType: 'pack', isPrivate: false } };

/** A profile variable with the value the cluster gives it (a literal, or ${env:…} for a secret). */
export interface VariableModel extends ProfileVariable {
  readonly value: string;
  /** For a secret: the environment variable apply reads it from. */
  readonly env?: string;
}

export interface ProfileModel {
  readonly key: 'infra' | 'core' | 'templates';
  readonly name: string;
  readonly description: string;
  readonly type: 'cluster' | 'infra' | 'add-on';
  readonly cloudType: string;
  readonly packs: readonly PackImport[];
  readonly variables: readonly VariableModel[];
}

export interface PaletteModel {
  readonly clusterName: string;
  /** The version of the three profiles (palette.profileVersion). */
  readonly profileVersion: string;
  readonly cloudAccount: string;
  readonly domain: string;
  readonly profiles: readonly ProfileModel[];
  readonly pools: readonly MaasMachinePool[];
}

/** `{{.spectro.var.NAME}}`, the profile-variable macro (palette-api.md §2.5). */
export const spectroVar = (name: string): string => `{{.spectro.var.${name}}}`;

const variable = (v: Omit<VariableModel, 'inputType' | 'hidden' | 'isSensitive' | 'immutable'> & Partial<Pick<VariableModel, 'immutable' | 'isSensitive'>>): VariableModel => ({
  inputType: 'text',
  hidden: false,
  immutable: false,
  isSensitive: false,
  ...v,
});

/** A secret: masked, required, no default; the cluster's value is read from the environment by apply. */
const secret = (name: string, displayName: string, description: string, env: string, format: ProfileVariable['format'] = 'string'): VariableModel =>
  variable({ name, displayName, description, format, required: true, isSensitive: true, value: `\${env:${env}}`, env });

/** Palette's pack for a layer, from the public registry. */
function pack(name: string, layer: PackImport['layer'], tag: string, values: unknown, manifests?: readonly Manifest[]): PackImport {
  return { name, type: 'spectro', layer, tag, version: tag, values: yamlText(values), registry: PUBLIC_REPO, ...(manifests ? { manifests } : {}) };
}

/** A manifest pack of the templates profile (RA §VMO-RA-Templates: "Install order 40"). */
function manifestPack(name: string, manifests: readonly Manifest[]): PackImport {
  return { name, type: 'manifest', layer: 'addon', values: yamlText({ pack: { 'spectrocloud.com/install-priority': '40' } }), manifests };
}

const installPriority = (n: number): Record<string, string> => ({ 'spectrocloud.com/install-priority': String(n) });

function networkCidr(site: Site, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  if (name === site.networks.pxe.name) return formatCidr(site.networks.pxe.cidr);
  const v = site.networks.vlans.find((n) => n.name === name);
  return v ? formatCidr(v.cidr) : undefined;
}

/**
 * The Ubuntu layer's commands (RA §Ubuntu layer), the parts the site determines: the kubelet
 * InternalIP on the node network, multipath with user_friendly_names off for Portworx, the
 * containerd setting KubeVirt block devices need, and the kubelet drop-in with max pods and
 * the per-node reservation.
 */
function osValues(twin: Twin): unknown {
  const site = twin.site;
  const cidr = networkCidr(site, nodeNetworkName(site));
  const k8s = site.kubernetes;
  const kubelet = {
    apiVersion: 'kubelet.config.k8s.io/v1beta1',
    kind: 'KubeletConfiguration',
    maxPods: k8s.maxPodsPerNode,
    systemReserved: { cpu: `${k8s.reserved.cpu}m`, memory: `${k8s.reserved.memory}Mi` },
  };
  const pre: string[] = [];
  if (cidr !== undefined) {
    pre.push(
      `NODE_IP=$(ip -4 -o addr show | awk '{print $4}' | python3 -c 'import ipaddress,sys; net=ipaddress.ip_network("${cidr}"); print(next((a.split("/")[0] for a in sys.stdin.read().split() if ipaddress.ip_interface(a).ip in net), ""))') && echo "KUBELET_EXTRA_ARGS=--node-ip=$NODE_IP" > /etc/default/kubelet`,
    );
  }
  pre.push(
    'systemctl reload multipathd || systemctl restart multipathd',
    `grep -q device_ownership_from_security_context /etc/containerd/config.toml || sed -i '/\\[plugins."io.containerd.grpc.v1.cri"\\]/a\\    device_ownership_from_security_context = true' /etc/containerd/config.toml`,
    'systemctl restart containerd',
  );
  return {
    kubeadmconfig: {
      preKubeadmCommands: pre,
      files: [
        { targetPath: '/etc/multipath/conf.d/vmo-twin.conf', targetOwner: 'root:root', targetPermissions: '0644', content: 'defaults {\n    user_friendly_names no\n}\n' },
        { targetPath: '/etc/kubernetes/kubelet.conf.d/20-vmo-twin.conf', targetOwner: 'root:root', targetPermissions: '0644', content: `${stableStringify(kubelet)}\n` },
      ],
    },
  };
}

function infraProfile(twin: Twin, name: string): ProfileModel {
  const site = twin.site;
  const v = site.versions;
  const k8s = site.kubernetes;
  const endpoint = site.storage.array.managementEndpoint;
  const variables: VariableModel[] = [
    variable({ name: 'podCidr', displayName: 'Pod CIDR', description: 'Kubernetes pod CIDR, one /' + k8s.nodeCidrMaskSize + ' per node (RA §Solution Sizing)', format: 'ipv4cidr', defaultValue: formatCidr(k8s.podCidr), value: formatCidr(k8s.podCidr), required: true, immutable: true }),
    variable({ name: 'serviceCidr', displayName: 'Service CIDR', description: 'Kubernetes service CIDR (RA §Solution Sizing)', format: 'ipv4cidr', defaultValue: formatCidr(k8s.serviceCidr), value: formatCidr(k8s.serviceCidr), required: true, immutable: true }),
    variable({ name: 'maxStorageNodes', displayName: 'Portworx storage nodes', description: 'cloudStorage.maxStorageNodes: the number of workers, so LUNs move to the replacement on a repave (RA §Portworx layer)', format: 'number', defaultValue: String(maxStorageNodesOf(site)), value: String(maxStorageNodesOf(site)), required: true }),
    endpoint !== undefined
      ? variable({ name: 'flashArrayEndpoint', displayName: 'FlashArray management address', description: 'MgmtEndPoint in pure.json', format: 'ipv4', defaultValue: formatIp(endpoint), value: formatIp(endpoint), required: true })
      : variable({ name: 'flashArrayEndpoint', displayName: 'FlashArray management address', description: 'MgmtEndPoint in pure.json (not in the site file: apply reads it from the environment)', format: 'ipv4', value: '${env:VMO_TWIN_FLASHARRAY_ENDPOINT}', env: 'VMO_TWIN_FLASHARRAY_ENDPOINT', required: true }),
    secret('pureApiToken', 'FlashArray API token', 'APIToken in pure.json: administrative access to the FlashArray', 'VMO_TWIN_PURE_API_TOKEN'),
    secret('portworxActivationId', 'Portworx Enterprise activation id', 'license.enterprise.activationId (RA §Portworx layer: PX Enterprise)', 'VMO_TWIN_PORTWORX_ACTIVATION_ID'),
  ];
  const pureJson = `{"FlashArrays":[{"MgmtEndPoint":"${spectroVar('flashArrayEndpoint')}","APIToken":"${spectroVar('pureApiToken')}"}]}`;
  const pureSecret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: PURE_SECRET_NAME, namespace: PORTWORX_NAMESPACE }, type: 'Opaque', stringData: { 'pure.json': pureJson } };
  const pxSpec = { ...storageClusterSpec(twin), cloudStorage: { ...storageClusterSpec(twin).cloudStorage, maxStorageNodes: spectroVar('maxStorageNodes') } };
  return {
    key: 'infra',
    name,
    description: `Infrastructure profile of ${site.metadata.name}: Ubuntu, Kubernetes, Cilium, Portworx on the FlashArray (RA profile VMO-RA-Infra-MaaS-PureFlashArray)`,
    // palette-api.md §2.2: an Infrastructure profile is type "infra" (a Full one would be "cluster").
    type: 'infra',
    cloudType: 'maas',
    variables,
    packs: [
      pack('ubuntu-maas', 'os', v.ubuntu, osValues(twin)),
      pack('kubernetes', 'k8s', v.kubernetes, {
        pack: { podCIDR: spectroVar('podCidr'), serviceClusterIpRange: spectroVar('serviceCidr'), palette: { config: { dashboard: { identityProvider: 'palette' } } } },
        kubeadmconfig: {
          controllerManager: { extraArgs: { 'node-cidr-mask-size': String(k8s.nodeCidrMaskSize) } },
          kubeletExtraArgs: { 'config-dir': '/etc/kubernetes/kubelet.conf.d' },
        },
      }),
      pack('cni-cilium-oss', 'cni', v.cilium, {
        charts: {
          cilium: {
            cni: { exclusive: false },
            ipam: { mode: 'kubernetes' },
            kubeProxyReplacement: true,
            routingMode: 'tunnel',
            tunnelProtocol: 'vxlan',
            forceDeviceDetection: true,
            envoy: { enabled: false },
          },
        },
      }),
      pack(
        'csi-portworx-generic',
        'csi',
        v.portworx,
        {
          charts: {
            'portworx-generic': {
              license: { type: 'enterprise', enterprise: { activationId: spectroVar('portworxActivationId') } },
              storageCluster: { annotations: { 'portworx.io/misc-args': PORTWORX_MISC_ARGS }, spec: pxSpec },
            },
          },
        },
        [
          { name: PURE_SECRET_NAME, content: yamlDocuments([pureSecret]) },
          { name: 'px-vm-storageclass', content: yamlDocuments([storageClass(twin)]) },
        ],
      ),
    ],
  };
}

function metallbValues(twin: Twin): unknown {
  const m = twin.site.metallb;
  const pools = Object.fromEntries(m.pools.map((p) => [p.name, { spec: { addresses: p.addresses.map((a) => a.text), autoAssign: p.autoAssign } }]));
  const poolNames = m.pools.map((p) => p.name);
  const ifaces = metallbInterfaces(twin);
  const configuration =
    m.mode === 'l2'
      ? { ipaddresspools: pools, l2advertisements: { default: { spec: { ipAddressPools: poolNames, ...(ifaces.length ? { interfaces: ifaces } : {}) } } } }
      : {
          ipaddresspools: pools,
          bgpadvertisements: { default: { spec: { ipAddressPools: poolNames } } },
          bgppeers: Object.fromEntries((m.bgp?.peers ?? []).map((p, i) => [p.name ?? `peer-${i + 1}`, { spec: { myASN: m.bgp?.myAsn ?? 0, peerASN: p.asn, peerAddress: formatIp(p.address) } }])),
        };
  // RA §MetalLB layer: "metallb.speaker.ignoreExcludeLB is set to true so that control plane nodes are able to advertise".
  return { pack: { namespace: 'metallb-system', ...installPriority(10) }, charts: { 'metallb-full': { configuration, metallb: { speaker: { ignoreExcludeLB: true } } } } };
}

function coreProfile(twin: Twin, name: string): ProfileModel {
  const site = twin.site;
  const v = site.versions;
  const br = twin.roleNetworks.workers.bridge;
  const allowed = br ? formatVlanSet(br.allowedVlans) : '';
  const onSelf = br ? formatVlanSet(br.allowedVlansOnSelf) : '';
  const vlanList = '^$|^[0-9]{1,4}(-[0-9]{1,4})?(,[0-9]{1,4}(-[0-9]{1,4})?)*$';
  const variables: VariableModel[] = [
    variable({ name: 'allowedVlans', displayName: 'VLANs for VMs', description: 'vlanFiltering env.allowedVlans: the VLANs VMs may use on the bridge (RA §VMO layer)', format: 'string', defaultValue: allowed, value: allowed, regex: vlanList, required: true }),
    variable({ name: 'allowVlansOnSelf', displayName: 'VLANs on top of the bridge', description: 'vlanFiltering env.allowVlansOnSelf: on when the bridge has an address or VLAN interfaces (RA §VMO layer)', format: 'boolean', defaultValue: String(br?.allowVlansOnSelf ?? false), value: String(br?.allowVlansOnSelf ?? false), required: true }),
    variable({ name: 'allowedVlansOnSelf', displayName: 'Host VLANs on the bridge', description: 'vlanFiltering env.allowedVlansOnSelf: VLANs the host uses on the bridge (1 for its own address); VM VLANs are added automatically (RA §VMO layer)', format: 'string', defaultValue: onSelf, value: onSelf, regex: vlanList, required: false }),
    secret('grafanaAdminPassword', 'Grafana admin password', 'grafana.adminPassword of the monitoring layer (RA §Prometheus layer)', 'VMO_TWIN_GRAFANA_ADMIN_PASSWORD'),
  ];
  return {
    key: 'core',
    name,
    description: `Core add-on profile of ${site.metadata.name}: MetalLB, Nginx, Prometheus + Grafana, VM Orchestrator (RA profile VMO-RA-Core-PXKE)`,
    type: 'add-on',
    cloudType: 'all',
    variables,
    packs: [
      pack('lb-metallb-helm', 'addon', v.metallb, metallbValues(twin)),
      // RA §Nginx layer: SSL passthrough and port 6443 for Palette virtual clusters.
      pack('nginx', 'addon', v.nginx, { pack: installPriority(10), charts: { 'ingress-nginx': { controller: { extraArgs: { 'enable-ssl-passthrough': true } }, tcp: { '6443': 'nginx/nginx-ingress-nginx-controller:443' } } } }),
      pack('prometheus-grafana', 'addon', v.prometheus, { pack: installPriority(20), charts: { 'kube-prometheus-stack': { grafana: { adminPassword: spectroVar('grafanaAdminPassword') } } } }),
      pack('virtual-machine-orchestrator', 'addon', v.vmo, {
        pack: { namespace: 'vm-dashboard', ...installPriority(30) },
        charts: { 'virtual-machine-orchestrator': vmoChartValues(twin, { allowedVlans: spectroVar('allowedVlans'), allowVlansOnSelf: spectroVar('allowVlansOnSelf'), allowedVlansOnSelf: spectroVar('allowedVlansOnSelf') }) },
      }),
    ],
  };
}

function templatesProfile(twin: Twin, name: string): ProfileModel {
  const nads = networkAttachmentDefinitions(twin);
  const byVlan = new Map<string, unknown[]>();
  for (const n of nads) byVlan.set(n.metadata.name, [...(byVlan.get(n.metadata.name) ?? []), n]);
  const its = instancetypes(twin);
  const prefs = preferences(twin);
  const classes = twin.site.workloads.vmClasses;
  const packs: PackImport[] = [manifestPack('vmo-storage', [{ name: 'storageprofile-cdi', content: yamlDocuments([storageProfile()]) }])];
  if (nads.length) {
    packs.push(manifestPack('vmo-networking', [{ name: 'vm-namespaces', content: yamlDocuments(namespaces(twin)) }, ...[...byVlan].map(([n, docs]) => ({ name: `nad-${n}`, content: yamlDocuments(docs) }))]));
  }
  if (classes.length) {
    packs.push(manifestPack('vmo-instancetypes', classes.map((c, i) => ({ name: `vmcit-${c.name}`, content: yamlDocuments([its[i]]) }))));
    packs.push(manifestPack('vmo-vmpreferences', classes.map((c, i) => ({ name: `vmcp-${c.name}`, content: yamlDocuments([prefs[i]]) }))));
  }
  return {
    key: 'templates',
    name,
    description: `Templates add-on profile of ${twin.site.metadata.name}: CDI storage profile, a NetworkAttachmentDefinition per VM VLAN, instance types and preferences per VM class (RA profile VMO-RA-Templates)`,
    type: 'add-on',
    cloudType: 'all',
    variables: [],
    packs,
  };
}

/** MAAS reports memory in MiB and CAPMAAS's minMemory is in MB of the same unit (maas-api.md §6.1). */
function pools(twin: Twin): MaasMachinePool[] {
  const site = twin.site;
  return (['controlPlane', 'workers'] as const).map((role) => {
    const p = site.nodes[role];
    const hw = site.hardware.get(p.hardware);
    const os = hw?.disks.find((d) => d.role === 'os');
    const cp = role === 'controlPlane';
    return {
      cloudConfig: {
        resourcePool: p.resourcePool,
        azs: [...new Set(p.zone)],
        instanceType: { minCPU: hw?.cores ?? 0, minMemInMB: hw?.memory ?? 0, ...(os ? { minDiskSizeInGB: Math.floor((os.size * 1048576) / 1e9) } : {}) },
      },
      poolConfig: {
        name: cp ? 'control-plane-pool' : 'worker-pool',
        size: p.count,
        minSize: p.count,
        maxSize: p.count,
        labels: [cp ? 'control-plane' : 'worker'],
        isControlPlane: cp,
        ...(cp ? { useControlPlaneAsWorker: false } : { nodeRepaveInterval: Math.round(p.repaveInterval / 1000) }),
        updateStrategy: { type: p.updateStrategy },
      },
    };
  });
}

/** The Palette model of a twin: what palette/ and terraform/ both render. */
export function paletteModel(twin: Twin): PaletteModel {
  const site = twin.site;
  const clusterName = site.palette.clusterName ?? site.metadata.name;
  return {
    clusterName,
    profileVersion: site.palette.profileVersion,
    cloudAccount: site.palette.cloudAccount,
    domain: site.maas.domain,
    profiles: [infraProfile(twin, `${clusterName}-infra`), coreProfile(twin, `${clusterName}-core`), templatesProfile(twin, `${clusterName}-templates`)],
    pools: pools(twin),
  };
}
