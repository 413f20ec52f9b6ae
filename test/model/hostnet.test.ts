/**
 * Per-role host networking: the trunks MAAS fabrics are built from, and the Portworx
 * maxStorageNodes default.
 */
import { describe, expect, it } from 'vitest';
import { roleTrunks } from '../../src/model/hostnet.js';
import { maxStorageNodesOf } from '../../src/model/twin.js';
import { twinOf } from '../helpers/site.js';

describe('roleTrunks', () => {
  it('gives the 4-NIC workers two trunks: PXE + VLAN 10 on bond_mgmt, VLAN 20 on bond_data under br0', () => {
    const twin = twinOf('vmo-ra-64');
    expect(roleTrunks(twin.roleNetworks.workers)).toEqual([
      { link: 'bond_mgmt', untagged: 'pxe', untaggedInterface: 'bond_mgmt', vlans: [10] },
      { link: 'bond_data', vlans: [20] },
    ]);
  });
  it('gives the 4-NIC control plane only bond_mgmt', () => {
    expect(roleTrunks(twinOf('vmo-ra-64').roleNetworks.controlPlane)).toEqual([{ link: 'bond_mgmt', untagged: 'pxe', untaggedInterface: 'bond_mgmt', vlans: [10] }]);
  });
  it('puts everything of the 2-NIC layout on bond0, with PXE addressed on br0 and VLAN 20 counted through the bridge', () => {
    const twin = twinOf('vmo-ra-2nic');
    expect(roleTrunks(twin.roleNetworks.workers)).toEqual([{ link: 'bond0', untagged: 'pxe', untaggedInterface: 'br0', vlans: [10, 20] }]);
    expect(roleTrunks(twin.roleNetworks.controlPlane)).toEqual([{ link: 'bond0', untagged: 'pxe', untaggedInterface: 'bond0', vlans: [10] }]);
  });
  it('lists a NIC in no bond as its own trunk', () => {
    const twin = twinOf('minimal-5', ['hostNetwork.bonds[1].interfaces=[enp1s1, enp2s1]', 'hostNetwork.vlanInterfaces[1].link=enp1s1', 'hostNetwork.bridge.link=enp1s1', 'hostNetwork.bonds=[{name: bond_mgmt, mode: 802.3ad, interfaces: [enp1s0, enp2s0], network: pxe}]']);
    const trunks = roleTrunks(twin.roleNetworks.workers);
    expect(trunks.map((t) => t.link)).toEqual(['enp1s1', 'enp2s1', 'bond_mgmt']);
    expect(trunks[0]).toEqual({ link: 'enp1s1', vlans: [20] });
  });
});

describe('maxStorageNodesOf', () => {
  it('is the site value when given, else the worker count', () => {
    expect(maxStorageNodesOf(twinOf('vmo-ra-64').site)).toBe(60);
    expect(maxStorageNodesOf(twinOf('vmo-ra-64', ['nodes.workers.count=40', 'storage.portworx.maxStorageNodes=40']).site)).toBe(40);
    const site = twinOf('minimal-5').site;
    expect(maxStorageNodesOf({ ...site, storage: { ...site.storage, portworx: { replication: 2, dataDrives: { count: 1, size: 1024 }, metadataDrive: 64, journal: 3, kvdbNodes: 3 } } })).toBe(5);
  });
});
