/**
 * Fills a fake MAAS the way commissioning leaves a real one: every machine of a site's plan
 * (its hostname, cores, memory, NICs on fabric-0's untagged VLAN, local disks, FC HBAs as PCI
 * devices), and the PXE subnet MAAS discovered on fabric-0 with its DHCP range.
 */
import { cidrLast, formatCidr, formatIp } from '../../src/model/cidr.js';
import type { Twin } from '../../src/model/twin.js';
import { emptyMaas, type FakeMaas, type Machine, type MaasState } from './maas.js';

export interface SeedOptions {
  /** MAAS status per hostname (default Ready). */
  readonly status?: (hostname: string) => string;
  /** Leave these hostnames out (machines not commissioned yet). */
  readonly missing?: readonly string[];
}

const mac = (m: number, i: number): string => ['52', '54', '00', (m >> 8) & 0xff, m & 0xff, i].map((x) => (typeof x === 'number' ? x.toString(16).padStart(2, '0') : x)).join(':');

/** A MAAS state holding the site's machines, fresh from commissioning. */
export function seededMaas(twin: Twin, o: SeedOptions = {}, ids: { next: number } = { next: 1 }): MaasState {
  const s = emptyMaas();
  const id = (): number => ids.next++;
  const site = twin.site;
  // Commissioning left erase-on-release on (the MAAS default is off; a lab may have turned it on): apply turns it off.
  s.config['enable_disk_erasing_on_release'] = true;
  const pxe = site.networks.pxe.cidr;
  const pxeSubnet = { id: id(), name: formatCidr(pxe), cidr: formatCidr(pxe), vlanId: 5001, gateway: null, managed: true };
  s.subnets.push(pxeSubnet);
  const last = cidrLast(pxe);
  s.ipranges.push({ id: id(), type: 'dynamic', start: formatIp(last - 50), end: formatIp(last - 1), subnetId: pxeSubnet.id, comment: 'DHCP for enlistment and commissioning' });
  for (let n = 0; n < twin.nodes.count; n++) {
    const hostname = twin.nodes.names[n] as string;
    if (o.missing?.includes(hostname)) continue;
    const role = twin.roleOf(n);
    const hw = site.hardware.get(site.nodes[role].hardware);
    if (!hw) continue;
    const disks = hw.disks.length ? hw.disks.map((d) => ({ name: d.name, bytes: d.size * 1048576 })) : [{ name: 'sda', bytes: 240_057_409_536 }];
    const m: Machine = {
      systemId: `m${(n + 1).toString(36).padStart(5, '0')}`,
      hostname,
      status: o.status?.(hostname) ?? 'Ready',
      cpuCount: hw.cores,
      memory: hw.memory,
      zone: 'default',
      pool: 'default',
      domain: 'maas',
      interfaces: hw.nics.map((nic, i) => ({ id: id(), name: nic.name, type: 'physical' as const, mac: mac(n, i), vlanId: 5001, parents: [], params: { mtu: 1500 }, links: [], speed: nic.speed })),
      blockDevices: disks.map((d, i) => ({ id: id(), name: d.name, size: d.bytes, model: 'SAMSUNG MZ7L3480', serial: `S6${n}X${i}`, partitions: [] })),
      devices: [
        { id: id(), bus: 1, hardwareType: 3, vendorName: 'Intel Corporation', productName: 'C620 Series Chipset AHCI Controller', driver: 'ahci', pciAddress: '0000:00:17.0' },
        ...hw.hbas
          .filter((h) => h.protocol === 'fc')
          .map((h, i) => ({ id: id(), bus: 1, hardwareType: 0, vendorName: 'QLogic Corp.', productName: `ISP2722-based 16/32Gb Fibre Channel to PCIe Adapter (${h.name})`, driver: 'qla2xxx', pciAddress: `0000:3b:00.${i}` })),
      ],
      bootDiskId: null,
      gatewayLinkId: null,
    };
    m.bootDiskId = m.blockDevices[0]?.id ?? null;
    s.machines.push(m);
  }
  return s;
}

/** Replace a fake's state with the seeded one, keeping ids of later objects apart. */
export function seed(fake: FakeMaas, twin: Twin, o: SeedOptions = {}): void {
  const ids = { next: 1 };
  const s = seededMaas(twin, o, ids);
  Object.assign(fake.state, s);
}
