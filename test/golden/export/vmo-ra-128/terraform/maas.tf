# MAAS for site vmo-ra-128: the steps of maas/plan.json as canonical/maas resources.
# Machines are found by hostname and must be commissioned; interfaces can only be edited while they are New, Ready, Allocated or Broken.

resource "maas_configuration" "enable_disk_erasing_on_release" {
  # Settings → Storage: do not erase disks on release (RA §MAAS: repaves must not erase the FlashArray LUNs)
  key   = "enable_disk_erasing_on_release"
  value = "false"
}

resource "maas_resource_pool" "vmo_cp" {
  name        = "vmo-cp"
  description = "vmo-twin: vmo-ra-128"
}

resource "maas_resource_pool" "vmo_workers" {
  name        = "vmo-workers"
  description = "vmo-twin: vmo-ra-128"
}

resource "maas_zone" "az1" {
  name = "az1"
}

resource "maas_fabric" "fabric_pxe" {
  # fabric fabric-pxe: pxe untagged, mgmt VLAN 10
  name = "fabric-pxe"
}

data "maas_vlan" "fabric_pxe_untagged" {
  fabric = maas_fabric.fabric_pxe.id
  vlan   = 0
}

resource "maas_vlan" "fabric_pxe_10" {
  fabric = maas_fabric.fabric_pxe.id
  vid    = 10
  name   = "mgmt"
  mtu    = 1500
}

resource "maas_fabric" "fabric_data" {
  # fabric fabric-data: data VLAN 20
  name = "fabric-data"
}

data "maas_vlan" "fabric_data_untagged" {
  fabric = maas_fabric.fabric_data.id
  vlan   = 0
}

resource "maas_vlan" "fabric_data_20" {
  fabric = maas_fabric.fabric_data.id
  vid    = 20
  name   = "data"
  mtu    = 1500
}

resource "maas_subnet" "pxe" {
  # subnet 192.168.0.0/22 (pxe); machines get addresses from it automatically (RA §MAAS: "Auto assign")
  cidr    = "192.168.0.0/22"
  name    = "pxe"
  fabric  = maas_fabric.fabric_pxe.id
  managed = true
}

resource "maas_subnet" "mgmt" {
  # subnet 172.16.0.0/22 (mgmt); machines get addresses from it automatically (RA §MAAS: "Auto assign")
  cidr    = "172.16.0.0/22"
  name    = "mgmt"
  fabric  = maas_fabric.fabric_pxe.id
  vlan    = maas_vlan.fabric_pxe_10.vid
  managed = true
}

resource "maas_subnet" "data" {
  # subnet 10.20.0.0/16 (data), gateway 10.20.30.1; machines get addresses from it automatically (RA §MAAS: "Auto assign")
  cidr       = "10.20.0.0/16"
  name       = "data"
  fabric     = maas_fabric.fabric_data.id
  vlan       = maas_vlan.fabric_data_20.vid
  gateway_ip = "10.20.30.1"
  managed    = true

  ip_ranges {
    type     = "reserved"
    start_ip = "10.20.31.1"
    end_ip   = "10.20.31.250"
    comment  = "MetalLB pool services (vmo-twin)"
  }
}

locals {
  control_plane = {
    cp-1 = {
      zone = "az1"
      pool = "vmo-cp"
    }
    cp-2 = {
      zone = "az1"
      pool = "vmo-cp"
    }
    cp-3 = {
      zone = "az1"
      pool = "vmo-cp"
    }
    cp-4 = {
      zone = "az1"
      pool = "vmo-cp"
    }
  }
}

data "maas_machine" "control_plane" {
  # each control-plane machine (cp-medium) in pool vmo-cp and its zone; machines are commissioned and Ready or Allocated.
  # Pool and zone are set in MAAS (or by vmo-twin apply maas): the provider's maas_machine needs power parameters to manage a machine.
  for_each = local.control_plane
  hostname = each.key
}

data "maas_network_interface_physical" "control_plane_enp1s0" {
  for_each = local.control_plane
  machine  = data.maas_machine.control_plane[each.key].id
  name     = "enp1s0"
}

resource "maas_network_interface_physical" "control_plane_enp1s0" {
  # enp1s0: on fabric-pxe, member of bond_mgmt
  for_each    = local.control_plane
  machine     = data.maas_machine.control_plane[each.key].id
  name        = "enp1s0"
  mac_address = data.maas_network_interface_physical.control_plane_enp1s0[each.key].mac_address
  vlan        = data.maas_vlan.fabric_pxe_untagged.id
}

data "maas_network_interface_physical" "control_plane_enp2s0" {
  for_each = local.control_plane
  machine  = data.maas_machine.control_plane[each.key].id
  name     = "enp2s0"
}

resource "maas_network_interface_physical" "control_plane_enp2s0" {
  # enp2s0: on fabric-pxe, member of bond_mgmt
  for_each    = local.control_plane
  machine     = data.maas_machine.control_plane[each.key].id
  name        = "enp2s0"
  mac_address = data.maas_network_interface_physical.control_plane_enp2s0[each.key].mac_address
  vlan        = data.maas_vlan.fabric_pxe_untagged.id
}

resource "maas_network_interface_bond" "control_plane_bond_mgmt" {
  # bond bond_mgmt (802.3ad, LACP rate slow, MTU 1500) of enp1s0 + enp2s0
  for_each       = local.control_plane
  machine        = data.maas_machine.control_plane[each.key].id
  name           = "bond_mgmt"
  parents        = [
    maas_network_interface_physical.control_plane_enp1s0[each.key].id,
    maas_network_interface_physical.control_plane_enp2s0[each.key].id,
  ]
  mac_address    = maas_network_interface_physical.control_plane_enp1s0[each.key].mac_address
  vlan           = data.maas_vlan.fabric_pxe_untagged.id
  bond_mode      = "802.3ad"
  bond_lacp_rate = "slow"
  mtu            = 1500
}

resource "maas_network_interface_vlan" "control_plane_bond_mgmt_10" {
  # VLAN interface bond_mgmt.10 (mgmt) on bond_mgmt
  for_each = local.control_plane
  machine  = data.maas_machine.control_plane[each.key].id
  name     = "bond_mgmt.10"
  parent   = maas_network_interface_bond.control_plane_bond_mgmt[each.key].id
  vlan     = maas_vlan.fabric_pxe_10.id
}

resource "maas_network_interface_link" "control_plane_bond_mgmt_link" {
  # bond_mgmt: address from 192.168.0.0/22 (pxe), mode AUTO
  for_each          = local.control_plane
  machine           = data.maas_machine.control_plane[each.key].id
  network_interface = maas_network_interface_bond.control_plane_bond_mgmt[each.key].id
  subnet            = maas_subnet.pxe.id
  mode              = "AUTO"
}

resource "maas_network_interface_link" "control_plane_bond_mgmt_10_link" {
  # bond_mgmt.10: address from 172.16.0.0/22 (mgmt), mode AUTO
  for_each          = local.control_plane
  machine           = data.maas_machine.control_plane[each.key].id
  network_interface = maas_network_interface_vlan.control_plane_bond_mgmt_10[each.key].id
  subnet            = maas_subnet.mgmt.id
  mode              = "AUTO"
}

# controlPlane/storage-layout: flat layout on the boot disk only; other disks stay untouched (RA §MAAS: "Only configure OS disk"). MAAS applies it only to Ready machines.
# The provider has no storage-layout resource: apply it with vmo-twin apply maas, or in the MAAS UI (Storage → Change storage layout → Flat).

locals {
  workers = {
    worker-1   = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-2   = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-3   = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-4   = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-5   = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-6   = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-7   = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-8   = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-9   = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-10  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-11  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-12  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-13  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-14  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-15  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-16  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-17  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-18  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-19  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-20  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-21  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-22  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-23  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-24  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-25  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-26  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-27  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-28  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-29  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-30  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-31  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-32  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-33  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-34  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-35  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-36  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-37  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-38  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-39  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-40  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-41  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-42  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-43  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-44  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-45  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-46  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-47  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-48  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-49  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-50  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-51  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-52  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-53  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-54  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-55  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-56  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-57  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-58  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-59  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-60  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-61  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-62  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-63  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-64  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-65  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-66  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-67  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-68  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-69  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-70  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-71  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-72  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-73  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-74  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-75  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-76  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-77  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-78  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-79  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-80  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-81  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-82  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-83  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-84  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-85  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-86  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-87  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-88  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-89  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-90  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-91  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-92  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-93  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-94  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-95  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-96  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-97  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-98  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-99  = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-100 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-101 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-102 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-103 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-104 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-105 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-106 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-107 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-108 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-109 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-110 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-111 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-112 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-113 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-114 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-115 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-116 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-117 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-118 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-119 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-120 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-121 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-122 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-123 = {
      zone = "az1"
      pool = "vmo-workers"
    }
    worker-124 = {
      zone = "az1"
      pool = "vmo-workers"
    }
  }
}

data "maas_machine" "workers" {
  # each worker machine (worker-2u) in pool vmo-workers and its zone; machines are commissioned and Ready or Allocated.
  # Pool and zone are set in MAAS (or by vmo-twin apply maas): the provider's maas_machine needs power parameters to manage a machine.
  for_each = local.workers
  hostname = each.key
}

data "maas_network_interface_physical" "workers_enp1s0" {
  for_each = local.workers
  machine  = data.maas_machine.workers[each.key].id
  name     = "enp1s0"
}

resource "maas_network_interface_physical" "workers_enp1s0" {
  # enp1s0: on fabric-pxe, member of bond_mgmt
  for_each    = local.workers
  machine     = data.maas_machine.workers[each.key].id
  name        = "enp1s0"
  mac_address = data.maas_network_interface_physical.workers_enp1s0[each.key].mac_address
  vlan        = data.maas_vlan.fabric_pxe_untagged.id
}

data "maas_network_interface_physical" "workers_enp2s0" {
  for_each = local.workers
  machine  = data.maas_machine.workers[each.key].id
  name     = "enp2s0"
}

resource "maas_network_interface_physical" "workers_enp2s0" {
  # enp2s0: on fabric-pxe, member of bond_mgmt
  for_each    = local.workers
  machine     = data.maas_machine.workers[each.key].id
  name        = "enp2s0"
  mac_address = data.maas_network_interface_physical.workers_enp2s0[each.key].mac_address
  vlan        = data.maas_vlan.fabric_pxe_untagged.id
}

data "maas_network_interface_physical" "workers_enp1s1" {
  for_each = local.workers
  machine  = data.maas_machine.workers[each.key].id
  name     = "enp1s1"
}

resource "maas_network_interface_physical" "workers_enp1s1" {
  # enp1s1: on fabric-data, member of bond_data
  for_each    = local.workers
  machine     = data.maas_machine.workers[each.key].id
  name        = "enp1s1"
  mac_address = data.maas_network_interface_physical.workers_enp1s1[each.key].mac_address
  vlan        = data.maas_vlan.fabric_data_untagged.id
}

data "maas_network_interface_physical" "workers_enp2s1" {
  for_each = local.workers
  machine  = data.maas_machine.workers[each.key].id
  name     = "enp2s1"
}

resource "maas_network_interface_physical" "workers_enp2s1" {
  # enp2s1: on fabric-data, member of bond_data
  for_each    = local.workers
  machine     = data.maas_machine.workers[each.key].id
  name        = "enp2s1"
  mac_address = data.maas_network_interface_physical.workers_enp2s1[each.key].mac_address
  vlan        = data.maas_vlan.fabric_data_untagged.id
}

resource "maas_network_interface_bond" "workers_bond_mgmt" {
  # bond bond_mgmt (802.3ad, LACP rate slow, MTU 1500) of enp1s0 + enp2s0
  for_each       = local.workers
  machine        = data.maas_machine.workers[each.key].id
  name           = "bond_mgmt"
  parents        = [
    maas_network_interface_physical.workers_enp1s0[each.key].id,
    maas_network_interface_physical.workers_enp2s0[each.key].id,
  ]
  mac_address    = maas_network_interface_physical.workers_enp1s0[each.key].mac_address
  vlan           = data.maas_vlan.fabric_pxe_untagged.id
  bond_mode      = "802.3ad"
  bond_lacp_rate = "slow"
  mtu            = 1500
}

resource "maas_network_interface_bond" "workers_bond_data" {
  # bond bond_data (802.3ad, LACP rate slow, MTU 1500) of enp1s1 + enp2s1
  for_each       = local.workers
  machine        = data.maas_machine.workers[each.key].id
  name           = "bond_data"
  parents        = [
    maas_network_interface_physical.workers_enp1s1[each.key].id,
    maas_network_interface_physical.workers_enp2s1[each.key].id,
  ]
  mac_address    = maas_network_interface_physical.workers_enp1s1[each.key].mac_address
  vlan           = data.maas_vlan.fabric_data_untagged.id
  bond_mode      = "802.3ad"
  bond_lacp_rate = "slow"
  mtu            = 1500
}

resource "maas_network_interface_bridge" "workers_br0" {
  # bridge br0 on bond_data: the Multus master for VM VLANs (RA §Network configuration: it must be a bridge)
  for_each    = local.workers
  machine     = data.maas_machine.workers[each.key].id
  name        = "br0"
  parent      = maas_network_interface_bond.workers_bond_data[each.key].id
  vlan        = data.maas_vlan.fabric_data_untagged.id
  bridge_type = "standard"
  bridge_stp  = false
}

resource "maas_network_interface_vlan" "workers_bond_mgmt_10" {
  # VLAN interface bond_mgmt.10 (mgmt) on bond_mgmt
  for_each = local.workers
  machine  = data.maas_machine.workers[each.key].id
  name     = "bond_mgmt.10"
  parent   = maas_network_interface_bond.workers_bond_mgmt[each.key].id
  vlan     = maas_vlan.fabric_pxe_10.id
}

resource "maas_network_interface_vlan" "workers_bond_data_20" {
  # VLAN interface bond_data.20 (data) on bond_data
  for_each = local.workers
  machine  = data.maas_machine.workers[each.key].id
  name     = "bond_data.20"
  parent   = maas_network_interface_bond.workers_bond_data[each.key].id
  vlan     = maas_vlan.fabric_data_20.id
}

resource "maas_network_interface_link" "workers_bond_mgmt_link" {
  # bond_mgmt: address from 192.168.0.0/22 (pxe), mode AUTO
  for_each          = local.workers
  machine           = data.maas_machine.workers[each.key].id
  network_interface = maas_network_interface_bond.workers_bond_mgmt[each.key].id
  subnet            = maas_subnet.pxe.id
  mode              = "AUTO"
}

resource "maas_network_interface_link" "workers_bond_mgmt_10_link" {
  # bond_mgmt.10: address from 172.16.0.0/22 (mgmt), mode AUTO
  for_each          = local.workers
  machine           = data.maas_machine.workers[each.key].id
  network_interface = maas_network_interface_vlan.workers_bond_mgmt_10[each.key].id
  subnet            = maas_subnet.mgmt.id
  mode              = "AUTO"
}

resource "maas_network_interface_link" "workers_bond_data_20_link" {
  # bond_data.20: address from 10.20.0.0/16 (data), mode AUTO, default gateway
  for_each          = local.workers
  machine           = data.maas_machine.workers[each.key].id
  network_interface = maas_network_interface_vlan.workers_bond_data_20[each.key].id
  subnet            = maas_subnet.data.id
  mode              = "AUTO"
  default_gateway   = true
}

# workers/storage-layout: flat layout on the OS disk sda only; other disks stay untouched (RA §MAAS: "Only configure OS disk"). MAAS applies it only to Ready machines.
# The provider has no storage-layout resource: apply it with vmo-twin apply maas, or in the MAAS UI (Storage → Change storage layout → Flat).
