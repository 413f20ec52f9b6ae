# Palette for cluster vmo-ra-64: the profiles of palette/profile-*.json and the cluster of palette/cluster.json.

data "spectrocloud_registry" "public" {
  name = "Public Repo"
}

data "spectrocloud_cloudaccount_maas" "account" {
  name = "maas-site"
}

data "spectrocloud_pack" "ubuntu_maas" {
  name         = "ubuntu-maas"
  version      = "22.04"
  registry_uid = data.spectrocloud_registry.public.id
}

data "spectrocloud_pack" "kubernetes" {
  name         = "kubernetes"
  version      = "1.32.4"
  registry_uid = data.spectrocloud_registry.public.id
}

data "spectrocloud_pack" "cni_cilium_oss" {
  name         = "cni-cilium-oss"
  version      = "1.17.4"
  registry_uid = data.spectrocloud_registry.public.id
}

data "spectrocloud_pack" "csi_portworx_generic" {
  name         = "csi-portworx-generic"
  version      = "3.3.1"
  registry_uid = data.spectrocloud_registry.public.id
}

data "spectrocloud_pack" "lb_metallb_helm" {
  name         = "lb-metallb-helm"
  version      = "0.15.2"
  registry_uid = data.spectrocloud_registry.public.id
}

data "spectrocloud_pack" "nginx" {
  name         = "nginx"
  version      = "1.12.2"
  registry_uid = data.spectrocloud_registry.public.id
}

data "spectrocloud_pack" "prometheus_grafana" {
  name         = "prometheus-grafana"
  version      = "70.2.1"
  registry_uid = data.spectrocloud_registry.public.id
}

data "spectrocloud_pack" "virtual_machine_orchestrator" {
  name         = "virtual-machine-orchestrator"
  version      = "4.7.0"
  registry_uid = data.spectrocloud_registry.public.id
}

resource "spectrocloud_cluster_profile" "infra" {
  name        = "vmo-ra-64-infra"
  description = "Infrastructure profile of vmo-ra-64: Ubuntu, Kubernetes, Cilium, Portworx on the FlashArray (RA profile VMO-RA-Infra-MaaS-PureFlashArray)"
  cloud       = "maas"
  type        = "infra"
  version     = "1.0.0"

  pack {
    name = "ubuntu-maas"
    type = "spectro"
    tag  = "22.04"
    uid  = data.spectrocloud_pack.ubuntu_maas.id
    values = <<-EOT
      kubeadmconfig:
        files:
          - content: |
              defaults {
                  user_friendly_names no
              }
            targetOwner: root:root
            targetPath: /etc/multipath/conf.d/vmo-twin.conf
            targetPermissions: "0644"
          - content: |
              {
                "apiVersion": "kubelet.config.k8s.io/v1beta1",
                "kind": "KubeletConfiguration",
                "maxPods": 250,
                "systemReserved": {
                  "cpu": "2000m",
                  "memory": "8192Mi"
                }
              }
            targetOwner: root:root
            targetPath: /etc/kubernetes/kubelet.conf.d/20-vmo-twin.conf
            targetPermissions: "0644"
        preKubeadmCommands:
          - NODE_IP=$(ip -4 -o addr show | awk '{print $4}' | python3 -c 'import ipaddress,sys; net=ipaddress.ip_network("172.16.0.0/22"); print(next((a.split("/")[0] for a in sys.stdin.read().split() if ipaddress.ip_interface(a).ip in net), ""))') && echo "KUBELET_EXTRA_ARGS=--node-ip=$NODE_IP" > /etc/default/kubelet
          - systemctl reload multipathd || systemctl restart multipathd
          - grep -q device_ownership_from_security_context /etc/containerd/config.toml || sed -i '/\[plugins."io.containerd.grpc.v1.cri"\]/a\    device_ownership_from_security_context = true' /etc/containerd/config.toml
          - systemctl restart containerd
      EOT
  }

  pack {
    name = "kubernetes"
    type = "spectro"
    tag  = "1.32.4"
    uid  = data.spectrocloud_pack.kubernetes.id
    values = <<-EOT
      kubeadmconfig:
        controllerManager:
          extraArgs:
            node-cidr-mask-size: "24"
        kubeletExtraArgs:
          config-dir: /etc/kubernetes/kubelet.conf.d
      pack:
        palette:
          config:
            dashboard:
              identityProvider: palette
        podCIDR: "{{.spectro.var.podCidr}}"
        serviceClusterIpRange: "{{.spectro.var.serviceCidr}}"
      EOT
  }

  pack {
    name = "cni-cilium-oss"
    type = "spectro"
    tag  = "1.17.4"
    uid  = data.spectrocloud_pack.cni_cilium_oss.id
    values = <<-EOT
      charts:
        cilium:
          cni:
            exclusive: false
          envoy:
            enabled: false
          forceDeviceDetection: true
          ipam:
            mode: kubernetes
          kubeProxyReplacement: true
          routingMode: tunnel
          tunnelProtocol: vxlan
      EOT
  }

  pack {
    name = "csi-portworx-generic"
    type = "spectro"
    tag  = "3.3.1"
    uid  = data.spectrocloud_pack.csi_portworx_generic.id
    values = <<-EOT
      charts:
        portworx-generic:
          license:
            enterprise:
              activationId: "{{.spectro.var.portworxActivationId}}"
            type: enterprise
          storageCluster:
            annotations:
              portworx.io/misc-args: -T px-storev2
            spec:
              cloudStorage:
                deviceSpecs:
                  - size=4096
                  - size=4096
                  - size=4096
                  - size=4096
                  - size=4096
                journalDeviceSpec: size=3
                maxStorageNodes: "{{.spectro.var.maxStorageNodes}}"
                provider: pure
                systemMetadataDeviceSpec: size=64
              csi:
                enabled: true
              env:
                - name: PURE_FLASHARRAY_SAN_TYPE
                  value: FC
              kvdb:
                internal: true
              network:
                dataInterface: bond_mgmt.10
                mgmtInterface: bond_mgmt.10
              placement:
                nodeAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    nodeSelectorTerms:
                      - matchExpressions:
                          - key: node-role.kubernetes.io/control-plane
                            operator: DoesNotExist
              secretsProvider: k8s
              stork:
                enabled: true
      EOT

    manifest {
      name = "px-pure-secret"
      content = <<-EOT
        apiVersion: v1
        kind: Secret
        metadata:
          name: px-pure-secret
          namespace: kube-system
        stringData:
          pure.json: '{"FlashArrays":[{"MgmtEndPoint":"{{.spectro.var.flashArrayEndpoint}}","APIToken":"{{.spectro.var.pureApiToken}}"}]}'
        type: Opaque
        EOT
    }

    manifest {
      name = "px-vm-storageclass"
      content = <<-EOT
        allowVolumeExpansion: true
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata:
          annotations:
            storageclass.kubevirt.io/is-default-virt-class: "true"
          name: px-vm-block
        parameters:
          io_profile: auto_journal
          nodiscard: "true"
          priority_io: high
          repl: "2"
        provisioner: pxd.portworx.com
        reclaimPolicy: Delete
        volumeBindingMode: WaitForFirstConsumer
        EOT
    }
  }

  profile_variables {
    variable {
      name          = "podCidr"
      display_name  = "Pod CIDR"
      description   = "Kubernetes pod CIDR, one /24 per node (RA §Solution Sizing)"
      format        = "ipv4cidr"
      default_value = "100.64.0.0/18"
      required      = true
      immutable     = true
      hidden        = false
      is_sensitive  = false
    }

    variable {
      name          = "serviceCidr"
      display_name  = "Service CIDR"
      description   = "Kubernetes service CIDR (RA §Solution Sizing)"
      format        = "ipv4cidr"
      default_value = "100.64.64.0/18"
      required      = true
      immutable     = true
      hidden        = false
      is_sensitive  = false
    }

    variable {
      name          = "maxStorageNodes"
      display_name  = "Portworx storage nodes"
      description   = "cloudStorage.maxStorageNodes: the number of workers, so LUNs move to the replacement on a repave (RA §Portworx layer)"
      format        = "number"
      default_value = "60"
      required      = true
      immutable     = false
      hidden        = false
      is_sensitive  = false
    }

    variable {
      name         = "flashArrayEndpoint"
      display_name = "FlashArray management address"
      description  = "MgmtEndPoint in pure.json (not in the site file: apply reads it from the environment)"
      format       = "ipv4"
      required     = true
      immutable    = false
      hidden       = false
      is_sensitive = false
    }

    variable {
      name         = "pureApiToken"
      display_name = "FlashArray API token"
      description  = "APIToken in pure.json: administrative access to the FlashArray"
      format       = "string"
      required     = true
      immutable    = false
      hidden       = false
      is_sensitive = true
    }

    variable {
      name         = "portworxActivationId"
      display_name = "Portworx Enterprise activation id"
      description  = "license.enterprise.activationId (RA §Portworx layer: PX Enterprise)"
      format       = "string"
      required     = true
      immutable    = false
      hidden       = false
      is_sensitive = true
    }
  }
}

resource "spectrocloud_cluster_profile" "core" {
  name        = "vmo-ra-64-core"
  description = "Core add-on profile of vmo-ra-64: MetalLB, Nginx, Prometheus + Grafana, VM Orchestrator (RA profile VMO-RA-Core-PXKE)"
  cloud       = "all"
  type        = "add-on"
  version     = "1.0.0"

  pack {
    name = "lb-metallb-helm"
    type = "spectro"
    tag  = "0.15.2"
    uid  = data.spectrocloud_pack.lb_metallb_helm.id
    values = <<-EOT
      charts:
        metallb-full:
          configuration:
            ipaddresspools:
              services:
                spec:
                  addresses:
                    - 10.20.31.1-10.20.31.250
                  autoAssign: true
            l2advertisements:
              default:
                spec:
                  interfaces:
                    - bond_data.20
                  ipAddressPools:
                    - services
          metallb:
            speaker:
              ignoreExcludeLB: true
      pack:
        namespace: metallb-system
        spectrocloud.com/install-priority: "10"
      EOT
  }

  pack {
    name = "nginx"
    type = "spectro"
    tag  = "1.12.2"
    uid  = data.spectrocloud_pack.nginx.id
    values = <<-EOT
      charts:
        ingress-nginx:
          controller:
            extraArgs:
              enable-ssl-passthrough: true
          tcp:
            "6443": nginx/nginx-ingress-nginx-controller:443
      pack:
        spectrocloud.com/install-priority: "10"
      EOT
  }

  pack {
    name = "prometheus-grafana"
    type = "spectro"
    tag  = "70.2.1"
    uid  = data.spectrocloud_pack.prometheus_grafana.id
    values = <<-EOT
      charts:
        kube-prometheus-stack:
          grafana:
            adminPassword: "{{.spectro.var.grafanaAdminPassword}}"
      pack:
        spectrocloud.com/install-priority: "20"
      EOT
  }

  pack {
    name = "virtual-machine-orchestrator"
    type = "spectro"
    tag  = "4.7.0"
    uid  = data.spectrocloud_pack.virtual_machine_orchestrator.id
    values = <<-EOT
      charts:
        virtual-machine-orchestrator:
          descheduler:
            deschedulerPolicy:
              profiles:
                - name: vmo-rebalance
                  pluginConfig:
                    - args:
                        evictLocalStoragePods: true
                        nodeFit: true
                      name: DefaultEvictor
                    - args:
                        targetThresholds:
                          cpu: 50
                          memory: 50
                          pods: 50
                        thresholds:
                          cpu: 20
                          memory: 20
                          pods: 20
                      name: LowNodeUtilization
                  plugins:
                    balance:
                      enabled:
                        - LowNodeUtilization
                    filter:
                      enabled:
                        - DefaultEvictor
                    preevictionfilter:
                      enabled:
                        - DefaultEvictor
            enabled: true
            kind: CronJob
            schedule: "*/5 * * * *"
          kubevirt:
            kubevirtResource:
              additionalFeatureGates:
                - LiveMigration
                - HotplugVolumes
                - Snapshot
                - VMExport
                - ExpandDisks
                - HotplugNICs
                - VMLiveUpdateFeatures
                - VMPersistentState
                - VolumesUpdateStrategy
                - VolumeMigration
                - CPUManager
                - Sidecar
                - HypervStrictCheck
              config:
                additionalConfig:
                  developerConfiguration:
                    cpuAllocationRatio: 10
                  migrations:
                    allowAutoConverge: false
                    allowPostCopy: false
                    completionTimeoutPerGiB: 150
                    parallelMigrationsPerCluster: 5
                    parallelOutboundMigrationsPerNode: 2
                    progressTimeout: 150
                evictionStrategy: LiveMigrate
          snapshot-controller:
            enabled: true
            volumeSnapshotClass:
              create: true
              deletionPolicy: Delete
              driver: pxd.portworx.com
              extraLabels:
                velero.io/csi-volumesnapshot-class: "true"
              name: px-vm-snapshot
          vlanFiltering:
            enabled: true
            env:
              allowVlansOnSelf: "{{.spectro.var.allowVlansOnSelf}}"
              allowedVlans: "{{.spectro.var.allowedVlans}}"
              allowedVlansOnSelf: "{{.spectro.var.allowedVlansOnSelf}}"
              bridgeIF: br0
            namespace: kube-system
      pack:
        namespace: vm-dashboard
        spectrocloud.com/install-priority: "30"
      EOT
  }

  profile_variables {
    variable {
      name          = "allowedVlans"
      display_name  = "VLANs for VMs"
      description   = "vlanFiltering env.allowedVlans: the VLANs VMs may use on the bridge (RA §VMO layer)"
      format        = "string"
      default_value = "21-100"
      regex         = "^$|^[0-9]{1,4}(-[0-9]{1,4})?(,[0-9]{1,4}(-[0-9]{1,4})?)*$"
      required      = true
      immutable     = false
      hidden        = false
      is_sensitive  = false
    }

    variable {
      name          = "allowVlansOnSelf"
      display_name  = "VLANs on top of the bridge"
      description   = "vlanFiltering env.allowVlansOnSelf: on when the bridge has an address or VLAN interfaces (RA §VMO layer)"
      format        = "boolean"
      default_value = "false"
      required      = true
      immutable     = false
      hidden        = false
      is_sensitive  = false
    }

    variable {
      name          = "allowedVlansOnSelf"
      display_name  = "Host VLANs on the bridge"
      description   = "vlanFiltering env.allowedVlansOnSelf: VLANs the host uses on the bridge (1 for its own address); VM VLANs are added automatically (RA §VMO layer)"
      format        = "string"
      default_value = ""
      regex         = "^$|^[0-9]{1,4}(-[0-9]{1,4})?(,[0-9]{1,4}(-[0-9]{1,4})?)*$"
      required      = false
      immutable     = false
      hidden        = false
      is_sensitive  = false
    }

    variable {
      name         = "grafanaAdminPassword"
      display_name = "Grafana admin password"
      description  = "grafana.adminPassword of the monitoring layer (RA §Prometheus layer)"
      format       = "string"
      required     = true
      immutable    = false
      hidden       = false
      is_sensitive = true
    }
  }
}

resource "spectrocloud_cluster_profile" "templates" {
  name        = "vmo-ra-64-templates"
  description = "Templates add-on profile of vmo-ra-64: CDI storage profile, a NetworkAttachmentDefinition per VM VLAN, instance types and preferences per VM class (RA profile VMO-RA-Templates)"
  cloud       = "all"
  type        = "add-on"
  version     = "1.0.0"

  pack {
    name = "vmo-storage"
    type = "manifest"
    values = <<-EOT
      pack:
        spectrocloud.com/install-priority: "40"
      EOT

    manifest {
      name = "storageprofile-cdi"
      content = <<-EOT
        apiVersion: cdi.kubevirt.io/v1beta1
        kind: StorageProfile
        metadata:
          name: px-vm-block
        spec:
          claimPropertySets:
            - accessModes:
                - ReadWriteMany
              volumeMode: Block
          cloneStrategy: csi-clone
        EOT
    }
  }

  pack {
    name = "vmo-networking"
    type = "manifest"
    values = <<-EOT
      pack:
        spectrocloud.com/install-priority: "40"
      EOT

    manifest {
      name = "vm-namespaces"
      content = <<-EOT
        apiVersion: v1
        kind: Namespace
        metadata:
          name: virtual-machines
        EOT
    }

    manifest {
      name = "nad-vlan-21"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "21"
          name: vlan-21
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-21","preserveDefaultVlan":false,"type":"bridge","vlan":21}'
        EOT
    }

    manifest {
      name = "nad-vlan-22"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "22"
          name: vlan-22
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-22","preserveDefaultVlan":false,"type":"bridge","vlan":22}'
        EOT
    }

    manifest {
      name = "nad-vlan-23"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "23"
          name: vlan-23
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-23","preserveDefaultVlan":false,"type":"bridge","vlan":23}'
        EOT
    }

    manifest {
      name = "nad-vlan-24"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "24"
          name: vlan-24
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-24","preserveDefaultVlan":false,"type":"bridge","vlan":24}'
        EOT
    }

    manifest {
      name = "nad-vlan-25"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "25"
          name: vlan-25
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-25","preserveDefaultVlan":false,"type":"bridge","vlan":25}'
        EOT
    }

    manifest {
      name = "nad-vlan-26"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "26"
          name: vlan-26
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-26","preserveDefaultVlan":false,"type":"bridge","vlan":26}'
        EOT
    }

    manifest {
      name = "nad-vlan-27"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "27"
          name: vlan-27
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-27","preserveDefaultVlan":false,"type":"bridge","vlan":27}'
        EOT
    }

    manifest {
      name = "nad-vlan-28"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "28"
          name: vlan-28
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-28","preserveDefaultVlan":false,"type":"bridge","vlan":28}'
        EOT
    }

    manifest {
      name = "nad-vlan-29"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "29"
          name: vlan-29
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-29","preserveDefaultVlan":false,"type":"bridge","vlan":29}'
        EOT
    }

    manifest {
      name = "nad-vlan-30"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "30"
          name: vlan-30
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-30","preserveDefaultVlan":false,"type":"bridge","vlan":30}'
        EOT
    }

    manifest {
      name = "nad-vlan-31"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "31"
          name: vlan-31
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-31","preserveDefaultVlan":false,"type":"bridge","vlan":31}'
        EOT
    }

    manifest {
      name = "nad-vlan-32"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "32"
          name: vlan-32
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-32","preserveDefaultVlan":false,"type":"bridge","vlan":32}'
        EOT
    }

    manifest {
      name = "nad-vlan-33"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "33"
          name: vlan-33
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-33","preserveDefaultVlan":false,"type":"bridge","vlan":33}'
        EOT
    }

    manifest {
      name = "nad-vlan-34"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "34"
          name: vlan-34
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-34","preserveDefaultVlan":false,"type":"bridge","vlan":34}'
        EOT
    }

    manifest {
      name = "nad-vlan-35"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "35"
          name: vlan-35
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-35","preserveDefaultVlan":false,"type":"bridge","vlan":35}'
        EOT
    }

    manifest {
      name = "nad-vlan-36"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "36"
          name: vlan-36
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-36","preserveDefaultVlan":false,"type":"bridge","vlan":36}'
        EOT
    }

    manifest {
      name = "nad-vlan-37"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "37"
          name: vlan-37
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-37","preserveDefaultVlan":false,"type":"bridge","vlan":37}'
        EOT
    }

    manifest {
      name = "nad-vlan-38"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "38"
          name: vlan-38
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-38","preserveDefaultVlan":false,"type":"bridge","vlan":38}'
        EOT
    }

    manifest {
      name = "nad-vlan-39"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "39"
          name: vlan-39
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-39","preserveDefaultVlan":false,"type":"bridge","vlan":39}'
        EOT
    }

    manifest {
      name = "nad-vlan-40"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "40"
          name: vlan-40
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-40","preserveDefaultVlan":false,"type":"bridge","vlan":40}'
        EOT
    }

    manifest {
      name = "nad-vlan-41"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "41"
          name: vlan-41
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-41","preserveDefaultVlan":false,"type":"bridge","vlan":41}'
        EOT
    }

    manifest {
      name = "nad-vlan-42"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "42"
          name: vlan-42
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-42","preserveDefaultVlan":false,"type":"bridge","vlan":42}'
        EOT
    }

    manifest {
      name = "nad-vlan-43"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "43"
          name: vlan-43
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-43","preserveDefaultVlan":false,"type":"bridge","vlan":43}'
        EOT
    }

    manifest {
      name = "nad-vlan-44"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "44"
          name: vlan-44
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-44","preserveDefaultVlan":false,"type":"bridge","vlan":44}'
        EOT
    }

    manifest {
      name = "nad-vlan-45"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "45"
          name: vlan-45
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-45","preserveDefaultVlan":false,"type":"bridge","vlan":45}'
        EOT
    }

    manifest {
      name = "nad-vlan-46"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "46"
          name: vlan-46
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-46","preserveDefaultVlan":false,"type":"bridge","vlan":46}'
        EOT
    }

    manifest {
      name = "nad-vlan-47"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "47"
          name: vlan-47
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-47","preserveDefaultVlan":false,"type":"bridge","vlan":47}'
        EOT
    }

    manifest {
      name = "nad-vlan-48"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "48"
          name: vlan-48
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-48","preserveDefaultVlan":false,"type":"bridge","vlan":48}'
        EOT
    }

    manifest {
      name = "nad-vlan-49"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "49"
          name: vlan-49
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-49","preserveDefaultVlan":false,"type":"bridge","vlan":49}'
        EOT
    }

    manifest {
      name = "nad-vlan-50"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "50"
          name: vlan-50
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-50","preserveDefaultVlan":false,"type":"bridge","vlan":50}'
        EOT
    }

    manifest {
      name = "nad-vlan-51"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "51"
          name: vlan-51
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-51","preserveDefaultVlan":false,"type":"bridge","vlan":51}'
        EOT
    }

    manifest {
      name = "nad-vlan-52"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "52"
          name: vlan-52
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-52","preserveDefaultVlan":false,"type":"bridge","vlan":52}'
        EOT
    }

    manifest {
      name = "nad-vlan-53"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "53"
          name: vlan-53
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-53","preserveDefaultVlan":false,"type":"bridge","vlan":53}'
        EOT
    }

    manifest {
      name = "nad-vlan-54"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "54"
          name: vlan-54
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-54","preserveDefaultVlan":false,"type":"bridge","vlan":54}'
        EOT
    }

    manifest {
      name = "nad-vlan-55"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "55"
          name: vlan-55
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-55","preserveDefaultVlan":false,"type":"bridge","vlan":55}'
        EOT
    }

    manifest {
      name = "nad-vlan-56"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "56"
          name: vlan-56
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-56","preserveDefaultVlan":false,"type":"bridge","vlan":56}'
        EOT
    }

    manifest {
      name = "nad-vlan-57"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "57"
          name: vlan-57
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-57","preserveDefaultVlan":false,"type":"bridge","vlan":57}'
        EOT
    }

    manifest {
      name = "nad-vlan-58"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "58"
          name: vlan-58
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-58","preserveDefaultVlan":false,"type":"bridge","vlan":58}'
        EOT
    }

    manifest {
      name = "nad-vlan-59"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "59"
          name: vlan-59
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-59","preserveDefaultVlan":false,"type":"bridge","vlan":59}'
        EOT
    }

    manifest {
      name = "nad-vlan-60"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "60"
          name: vlan-60
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-60","preserveDefaultVlan":false,"type":"bridge","vlan":60}'
        EOT
    }

    manifest {
      name = "nad-vlan-61"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "61"
          name: vlan-61
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-61","preserveDefaultVlan":false,"type":"bridge","vlan":61}'
        EOT
    }

    manifest {
      name = "nad-vlan-62"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "62"
          name: vlan-62
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-62","preserveDefaultVlan":false,"type":"bridge","vlan":62}'
        EOT
    }

    manifest {
      name = "nad-vlan-63"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "63"
          name: vlan-63
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-63","preserveDefaultVlan":false,"type":"bridge","vlan":63}'
        EOT
    }

    manifest {
      name = "nad-vlan-64"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "64"
          name: vlan-64
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-64","preserveDefaultVlan":false,"type":"bridge","vlan":64}'
        EOT
    }

    manifest {
      name = "nad-vlan-65"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "65"
          name: vlan-65
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-65","preserveDefaultVlan":false,"type":"bridge","vlan":65}'
        EOT
    }

    manifest {
      name = "nad-vlan-66"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "66"
          name: vlan-66
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-66","preserveDefaultVlan":false,"type":"bridge","vlan":66}'
        EOT
    }

    manifest {
      name = "nad-vlan-67"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "67"
          name: vlan-67
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-67","preserveDefaultVlan":false,"type":"bridge","vlan":67}'
        EOT
    }

    manifest {
      name = "nad-vlan-68"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "68"
          name: vlan-68
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-68","preserveDefaultVlan":false,"type":"bridge","vlan":68}'
        EOT
    }

    manifest {
      name = "nad-vlan-69"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "69"
          name: vlan-69
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-69","preserveDefaultVlan":false,"type":"bridge","vlan":69}'
        EOT
    }

    manifest {
      name = "nad-vlan-70"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "70"
          name: vlan-70
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-70","preserveDefaultVlan":false,"type":"bridge","vlan":70}'
        EOT
    }

    manifest {
      name = "nad-vlan-71"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "71"
          name: vlan-71
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-71","preserveDefaultVlan":false,"type":"bridge","vlan":71}'
        EOT
    }

    manifest {
      name = "nad-vlan-72"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "72"
          name: vlan-72
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-72","preserveDefaultVlan":false,"type":"bridge","vlan":72}'
        EOT
    }

    manifest {
      name = "nad-vlan-73"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "73"
          name: vlan-73
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-73","preserveDefaultVlan":false,"type":"bridge","vlan":73}'
        EOT
    }

    manifest {
      name = "nad-vlan-74"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "74"
          name: vlan-74
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-74","preserveDefaultVlan":false,"type":"bridge","vlan":74}'
        EOT
    }

    manifest {
      name = "nad-vlan-75"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "75"
          name: vlan-75
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-75","preserveDefaultVlan":false,"type":"bridge","vlan":75}'
        EOT
    }

    manifest {
      name = "nad-vlan-76"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "76"
          name: vlan-76
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-76","preserveDefaultVlan":false,"type":"bridge","vlan":76}'
        EOT
    }

    manifest {
      name = "nad-vlan-77"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "77"
          name: vlan-77
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-77","preserveDefaultVlan":false,"type":"bridge","vlan":77}'
        EOT
    }

    manifest {
      name = "nad-vlan-78"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "78"
          name: vlan-78
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-78","preserveDefaultVlan":false,"type":"bridge","vlan":78}'
        EOT
    }

    manifest {
      name = "nad-vlan-79"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "79"
          name: vlan-79
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-79","preserveDefaultVlan":false,"type":"bridge","vlan":79}'
        EOT
    }

    manifest {
      name = "nad-vlan-80"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "80"
          name: vlan-80
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-80","preserveDefaultVlan":false,"type":"bridge","vlan":80}'
        EOT
    }

    manifest {
      name = "nad-vlan-81"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "81"
          name: vlan-81
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-81","preserveDefaultVlan":false,"type":"bridge","vlan":81}'
        EOT
    }

    manifest {
      name = "nad-vlan-82"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "82"
          name: vlan-82
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-82","preserveDefaultVlan":false,"type":"bridge","vlan":82}'
        EOT
    }

    manifest {
      name = "nad-vlan-83"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "83"
          name: vlan-83
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-83","preserveDefaultVlan":false,"type":"bridge","vlan":83}'
        EOT
    }

    manifest {
      name = "nad-vlan-84"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "84"
          name: vlan-84
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-84","preserveDefaultVlan":false,"type":"bridge","vlan":84}'
        EOT
    }

    manifest {
      name = "nad-vlan-85"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "85"
          name: vlan-85
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-85","preserveDefaultVlan":false,"type":"bridge","vlan":85}'
        EOT
    }

    manifest {
      name = "nad-vlan-86"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "86"
          name: vlan-86
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-86","preserveDefaultVlan":false,"type":"bridge","vlan":86}'
        EOT
    }

    manifest {
      name = "nad-vlan-87"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "87"
          name: vlan-87
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-87","preserveDefaultVlan":false,"type":"bridge","vlan":87}'
        EOT
    }

    manifest {
      name = "nad-vlan-88"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "88"
          name: vlan-88
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-88","preserveDefaultVlan":false,"type":"bridge","vlan":88}'
        EOT
    }

    manifest {
      name = "nad-vlan-89"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "89"
          name: vlan-89
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-89","preserveDefaultVlan":false,"type":"bridge","vlan":89}'
        EOT
    }

    manifest {
      name = "nad-vlan-90"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "90"
          name: vlan-90
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-90","preserveDefaultVlan":false,"type":"bridge","vlan":90}'
        EOT
    }

    manifest {
      name = "nad-vlan-91"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "91"
          name: vlan-91
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-91","preserveDefaultVlan":false,"type":"bridge","vlan":91}'
        EOT
    }

    manifest {
      name = "nad-vlan-92"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "92"
          name: vlan-92
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-92","preserveDefaultVlan":false,"type":"bridge","vlan":92}'
        EOT
    }

    manifest {
      name = "nad-vlan-93"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "93"
          name: vlan-93
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-93","preserveDefaultVlan":false,"type":"bridge","vlan":93}'
        EOT
    }

    manifest {
      name = "nad-vlan-94"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "94"
          name: vlan-94
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-94","preserveDefaultVlan":false,"type":"bridge","vlan":94}'
        EOT
    }

    manifest {
      name = "nad-vlan-95"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "95"
          name: vlan-95
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-95","preserveDefaultVlan":false,"type":"bridge","vlan":95}'
        EOT
    }

    manifest {
      name = "nad-vlan-96"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "96"
          name: vlan-96
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-96","preserveDefaultVlan":false,"type":"bridge","vlan":96}'
        EOT
    }

    manifest {
      name = "nad-vlan-97"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "97"
          name: vlan-97
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-97","preserveDefaultVlan":false,"type":"bridge","vlan":97}'
        EOT
    }

    manifest {
      name = "nad-vlan-98"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "98"
          name: vlan-98
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-98","preserveDefaultVlan":false,"type":"bridge","vlan":98}'
        EOT
    }

    manifest {
      name = "nad-vlan-99"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "99"
          name: vlan-99
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-99","preserveDefaultVlan":false,"type":"bridge","vlan":99}'
        EOT
    }

    manifest {
      name = "nad-vlan-100"
      content = <<-EOT
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          labels:
            vmo-twin/vlan: "100"
          name: vlan-100
          namespace: virtual-machines
        spec:
          config: '{"bridge":"br0","cniVersion":"0.3.1","ipam":{},"macspoofchk":true,"name":"vlan-100","preserveDefaultVlan":false,"type":"bridge","vlan":100}'
        EOT
    }
  }

  pack {
    name = "vmo-instancetypes"
    type = "manifest"
    values = <<-EOT
      pack:
        spectrocloud.com/install-priority: "40"
      EOT

    manifest {
      name = "vmcit-small"
      content = <<-EOT
        apiVersion: instancetype.kubevirt.io/v1beta1
        kind: VirtualMachineClusterInstancetype
        metadata:
          labels:
            vmo-twin/class: small
          name: small
        spec:
          cpu:
            guest: 2
          memory:
            guest: 4Gi
        EOT
    }

    manifest {
      name = "vmcit-medium"
      content = <<-EOT
        apiVersion: instancetype.kubevirt.io/v1beta1
        kind: VirtualMachineClusterInstancetype
        metadata:
          labels:
            vmo-twin/class: medium
          name: medium
        spec:
          cpu:
            guest: 4
          memory:
            guest: 8Gi
        EOT
    }

    manifest {
      name = "vmcit-large"
      content = <<-EOT
        apiVersion: instancetype.kubevirt.io/v1beta1
        kind: VirtualMachineClusterInstancetype
        metadata:
          labels:
            vmo-twin/class: large
          name: large
        spec:
          cpu:
            guest: 8
          memory:
            guest: 16Gi
        EOT
    }
  }

  pack {
    name = "vmo-vmpreferences"
    type = "manifest"
    values = <<-EOT
      pack:
        spectrocloud.com/install-priority: "40"
      EOT

    manifest {
      name = "vmcp-small"
      content = <<-EOT
        apiVersion: instancetype.kubevirt.io/v1beta1
        kind: VirtualMachineClusterPreference
        metadata:
          labels:
            vmo-twin/class: small
          name: small
        spec:
          annotations:
            descheduler.alpha.kubernetes.io/evict: "true"
          devices:
            preferredDiskBus: virtio
            preferredInterfaceModel: virtio
        EOT
    }

    manifest {
      name = "vmcp-medium"
      content = <<-EOT
        apiVersion: instancetype.kubevirt.io/v1beta1
        kind: VirtualMachineClusterPreference
        metadata:
          labels:
            vmo-twin/class: medium
          name: medium
        spec:
          annotations:
            descheduler.alpha.kubernetes.io/evict: "true"
          devices:
            preferredDiskBus: virtio
            preferredInterfaceModel: virtio
        EOT
    }

    manifest {
      name = "vmcp-large"
      content = <<-EOT
        apiVersion: instancetype.kubevirt.io/v1beta1
        kind: VirtualMachineClusterPreference
        metadata:
          labels:
            vmo-twin/class: large
          name: large
        spec:
          annotations:
            descheduler.alpha.kubernetes.io/evict: "true"
          devices:
            preferredDiskBus: virtio
            preferredInterfaceModel: virtio
        EOT
    }
  }
}

resource "spectrocloud_cluster_maas" "vmo_ra_64" {
  name             = "vmo-ra-64"
  cloud_account_id = data.spectrocloud_cloudaccount_maas.account.id

  cloud_config {
    domain = "maas"
  }

  cluster_profile {
    id        = spectrocloud_cluster_profile.infra.id
    variables = {
      podCidr              = "100.64.0.0/18"
      serviceCidr          = "100.64.64.0/18"
      maxStorageNodes      = "60"
      flashArrayEndpoint   = var.flash_array_endpoint
      pureApiToken         = var.pure_api_token
      portworxActivationId = var.portworx_activation_id
    }
  }

  cluster_profile {
    id        = spectrocloud_cluster_profile.core.id
    variables = {
      allowedVlans         = "21-100"
      allowVlansOnSelf     = "false"
      allowedVlansOnSelf   = ""
      grafanaAdminPassword = var.grafana_admin_password
    }
  }

  cluster_profile {
    id = spectrocloud_cluster_profile.templates.id
  }

  machine_pool {
    name                    = "control-plane-pool"
    control_plane           = true
    control_plane_as_worker = false
    count                   = 3
    min                     = 3
    max                     = 3
    azs                     = ["az1"]
    update_strategy         = "RollingUpdateScaleOut"

    instance_type {
      min_cpu       = 8
      min_memory_mb = 32768
    }

    placement {
      resource_pool = "vmo-cp"
    }
  }

  machine_pool {
    name                 = "worker-pool"
    control_plane        = false
    count                = 60
    min                  = 60
    max                  = 60
    azs                  = ["az1"]
    update_strategy      = "RollingUpdateScaleIn"
    node_repave_interval = 0

    instance_type {
      min_cpu       = 96
      min_memory_mb = 1572864
    }

    placement {
      resource_pool = "vmo-workers"
    }
  }
}
