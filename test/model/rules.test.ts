/**
 * Every rule code, triggered by a minimal change to a clean site, and absent from the clean
 * site (or a near miss). The base is scenarios/minimal-5.yaml, which validates with no
 * findings at all.
 */
import { describe, expect, it } from 'vitest';
import { CODES, type Code } from '../../src/model/diagnostics.js';
import { check, scenarioText } from '../helpers/site.js';
import { listSome } from '../../src/model/rules/network.js';

const base = scenarioText('minimal-5');

interface Case {
  readonly code: Code;
  /** --set overrides, or a text edit, that trigger the code. */
  readonly trigger: readonly string[] | ((text: string) => string);
  /** A near miss that must not trigger it (default: the base). */
  readonly clean?: readonly string[];
  readonly exit?: 0 | 1;
}

const CASES: readonly Case[] = [
  { code: 'unknown-key', trigger: (t) => t.replace('  reserved: { cpu: 2, memory: 8Gi }', '  reservd: { cpu: 2, memory: 8Gi }') },
  { code: 'unknown-reference', trigger: ['nodes.workers.hardware=worker-9u'] },
  { code: 'duplicate-name', trigger: ['networks.vlans[1].id=10'] },
  { code: 'hostnames-count-mismatch', trigger: ['nodes.workers.hostnames=[w-1, w-2]'], clean: ['nodes.workers.hostnames=w-{1..5}'] },
  { code: 'cidr-overlap', trigger: ['kubernetes.serviceCidr=100.64.0.0/18'] },
  { code: 'cidr-host-bits', trigger: ['networks.vlans[1].cidr=10.20.30.0/16'], exit: 0 },
  { code: 'pod-cidr-too-small', trigger: ['kubernetes.podCidr=100.64.0.0/22'], clean: ['kubernetes.podCidr=100.64.0.0/20'] },
  { code: 'no-spare-pod-block', trigger: ['kubernetes.podCidr=100.64.0.0/21'], clean: ['kubernetes.podCidr=100.64.0.0/21', 'nodes.controlPlane.updateStrategy=RollingUpdateScaleIn'] },
  { code: 'service-cidr-blocks-growth', trigger: ['kubernetes.serviceCidr=100.64.64.0/18'], exit: 0 },
  { code: 'max-pods-exceed-node-block', trigger: ['kubernetes.maxPodsPerNode=300'], clean: ['kubernetes.maxPodsPerNode=254'] },
  { code: 'pods-exceed-capacity', trigger: ['kubernetes.maxPodsPerNode=40'], clean: ['kubernetes.maxPodsPerNode=70'] },
  { code: 'memory-exceeds-capacity', trigger: ['workloads.vmClasses[0].count=400'] },
  { code: 'cpu-exceeds-ratio', trigger: ['kubernetes.cpuAllocationRatio=1'], clean: ['kubernetes.cpuAllocationRatio=3'] },
  { code: 'storage-exceeds-capacity', trigger: ['storage.portworx.dataDrives.count=1'] },
  { code: 'vm-exceeds-node', trigger: ['workloads.vmClasses[1].memory=512Gi'] },
  {
    code: 'placement-failed',
    trigger: ['workloads.vmClasses[0].count=0', 'workloads.vmClasses[1].count=0', 'workloads.vmClasses[2]={name: big, vcpu: 8, memory: 200Gi, disk: 0, count: 6}'],
    clean: ['workloads.vmClasses[0].count=0', 'workloads.vmClasses[1].count=0', 'workloads.vmClasses[2]={name: big, vcpu: 8, memory: 200Gi, disk: 0, count: 5}'],
  },
  { code: 'too-few-workers', trigger: ['nodes.workers.count=3', 'storage.portworx.maxStorageNodes=3'] },
  { code: 'below-recommended-workers', trigger: ['nodes.workers.count=4', 'storage.portworx.maxStorageNodes=4'], exit: 0 },
  { code: 'control-plane-count', trigger: ['nodes.controlPlane.count=2'], clean: ['nodes.controlPlane.count=5'] },
  { code: 'control-plane-undersized', trigger: ['hardware.cp-min.memory=4Gi'], exit: 0 },
  { code: 'no-spare-machine', trigger: ['nodes.controlPlane.spares=0'], clean: ['nodes.controlPlane.spares=0', 'nodes.controlPlane.updateStrategy=RollingUpdateScaleIn'], exit: 0 },
  { code: 'bond-mode-unsupported-under-bridge', trigger: ['hostNetwork.bonds[1].mode=balance-rr'], clean: ['hostNetwork.bonds[1].mode=2', 'hostNetwork.bonds[0].mode=balance-rr'] },
  { code: 'bond-single-member', trigger: ['hostNetwork.bonds[1].interfaces=[enp1s1]'] },
  { code: 'nic-in-two-bonds', trigger: ['hostNetwork.bonds[1].interfaces=[enp1s1, enp1s0]'] },
  { code: 'vlan-captured-by-bond', trigger: ['networks.vmVlans=20-100', 'hostNetwork.bridge.allowedVlans=20-100', 'workloads.vmClasses[0].vlan=20'], clean: ['networks.vmVlans=20-100', 'hostNetwork.bridge.allowedVlans=20-100', 'workloads.vmClasses[0].vlan=30'] },
  { code: 'vm-vlan-out-of-range', trigger: ['workloads.vmClasses[0].vlan=200'] },
  { code: 'vm-vlan-not-on-bridge', trigger: ['hostNetwork.bridge.allowedVlans=30-100'] },
  {
    code: 'vlan-on-self-not-allowed',
    trigger: ['hostNetwork.vlanInterfaces[1].link=br0'],
    clean: ['hostNetwork.vlanInterfaces[1].link=br0', 'hostNetwork.bridge.allowVlansOnSelf=true', 'hostNetwork.bridge.allowedVlansOnSelf=20-100'],
  },
  { code: 'gateway-outside-network', trigger: ['networks.vlans[1].gateway=10.30.0.1'], clean: ['networks.vlans[1].gateway=10.20.0.1'] },
  { code: 'gateway-missing', trigger: ['hostNetwork.vlanInterfaces[0].defaultGateway=true', 'hostNetwork.vlanInterfaces[1].defaultGateway=false'] },
  { code: 'default-gateway-count', trigger: ['hostNetwork.vlanInterfaces[0].defaultGateway=true', 'networks.vlans[0].gateway=172.16.0.1'] },
  { code: 'metallb-pool-outside-data-network', trigger: ['metallb.pools[0].addresses=["192.168.100.1-192.168.100.10"]'], clean: ['metallb.mode=bgp', 'metallb.bgp={myAsn: 64512, peers: [{address: 10.20.30.2, asn: 64513}]}', 'metallb.pools[0].addresses=["192.168.100.1-192.168.100.10"]'] },
  { code: 'metallb-pool-overlap', trigger: ['metallb.pools[0].addresses=["10.20.30.1-10.20.30.5"]'] },
  { code: 'metallb-bgp-peers', trigger: ['metallb.mode=bgp'] },
  { code: 'maas-erase-on-release', trigger: ['maas.eraseDisksOnRelease=true'] },
  { code: 'portworx-max-storage-nodes', trigger: ['storage.portworx.maxStorageNodes=6'], exit: 0 },
  { code: 'portworx-replication', trigger: ['storage.portworx.replication=3', 'storage.portworx.maxStorageNodes=2', 'storage.portworx.kvdbNodes=1'] },
  { code: 'portworx-repave-interval', trigger: ['nodes.workers.repaveInterval=2m'], exit: 0 },
  { code: 'portworx-kvdb-nodes', trigger: ['storage.portworx.kvdbNodes=2'], clean: ['storage.portworx.kvdbNodes=5'] },
  { code: 'fc-single-fabric', trigger: ['hardware.worker-1u.hbas[1].fabric=A'] },
  { code: 'storage-protocol-mismatch', trigger: ['hardware.worker-1u.hbas[0].protocol=iscsi'] },
  { code: 'descheduler-thresholds', trigger: ['descheduler.lowNodeUtilization.thresholds.cpu=60'], clean: ['descheduler.lowNodeUtilization.thresholds.cpu=49'] },
  { code: 'descheduler-band', trigger: ['descheduler.lowNodeUtilization.thresholds.pods=50'], clean: ['descheduler.lowNodeUtilization.thresholds.pods=49'], exit: 0 },
  { code: 'migration-cannot-converge', trigger: ['workloads.vmClasses[0].dirtyRate=2Gi/s'], clean: ['workloads.vmClasses[0].dirtyRate=2Gi/s', 'kubevirt.migration.allowPostCopy=true'], exit: 0 },
  { code: 'migration-limits', trigger: ['kubevirt.migration.parallelOutboundPerNode=10'], clean: ['kubevirt.migration.parallelOutboundPerNode=5'], exit: 0 },
  { code: 'version-differs', trigger: ['versions.kubernetes=1.31.0'], clean: ['versions.purity=6.7.0'], exit: 0 },
  { code: 'placeholder', trigger: (t) => t.replace('    replication: 2', '    replication: 2   # PLACEHOLDER: MAAS does not know the replication') },
];

function run(variant: readonly string[] | ((t: string) => string)) {
  return typeof variant === 'function' ? check(variant(base)) : check(base, variant);
}

describe('the base site', () => {
  it('validates with no findings at all', () => {
    const r = check(base);
    expect(r.diagnostics).toEqual([]);
    expect(r.exitCode).toBe(0);
  });
});

describe('every rule code', () => {
  it('has a case here', () => {
    const ruleCodes = (Object.keys(CODES) as Code[]).filter((c) => CODES[c].stage === 'rule');
    expect(ruleCodes.filter((c) => !CASES.some((k) => k.code === c))).toEqual([]);
  });

  for (const c of CASES) {
    describe(c.code, () => {
      it('is reported by a site that breaks the rule, with a path, a message and a hint', () => {
        const r = run(c.trigger);
        const found = r.diagnostics.filter((d) => d.code === c.code);
        expect(found.length, `codes found: ${r.codes.join(', ')}`).toBeGreaterThan(0);
        for (const d of found) {
          expect(d.path).not.toBe('');
          expect(d.message.length).toBeGreaterThan(10);
          expect(d.hint.length).toBeGreaterThan(10);
        }
        const severity = found.some((d) => d.severity === 'error') ? 'error' : 'warning';
        expect(r.exitCode).toBe(c.exit ?? (severity === 'error' ? 1 : 0));
        if (c.exit === 0) expect(found.every((d) => d.severity !== 'error')).toBe(true);
      });
      it('is not reported by a site that keeps it', () => {
        const r = c.clean ? check(base, c.clean) : check(base);
        expect(r.codes).not.toContain(c.code);
      });
    });
  }
});

describe('fixes', () => {
  it('pod-cidr-too-small suggests CIDRs that fit, and applying them clears it', () => {
    const grow = ['nodes.workers.count=124', 'storage.portworx.maxStorageNodes=124', 'kubernetes.serviceCidr=100.64.64.0/18'];
    const r = check(base, grow);
    const d = r.diagnostics.find((x) => x.code === 'pod-cidr-too-small');
    expect(d?.fix).toMatchObject({ podCidr: '100.64.0.0/17', serviceCidr: '100.64.128.0/17' });
    const set = (d?.fix?.['set'] as string[]) ?? [];
    const again = check(base, [...grow, ...set]);
    expect(again.codes).not.toContain('pod-cidr-too-small');
    expect(again.codes).not.toContain('cidr-overlap');
  });

  it('vlan-captured-by-bond offers the 2-NIC fix of the RA, and applying it clears the error', () => {
    const sets = ['networks.vmVlans=20-100', 'hostNetwork.bridge.allowedVlans=20-100', 'workloads.vmClasses[0].vlan=20'];
    const r = check(base, sets);
    const d = r.diagnostics.find((x) => x.code === 'vlan-captured-by-bond');
    const fix = (d?.fix?.['set'] as string[]) ?? [];
    expect(fix).toContain('hostNetwork.vlanInterfaces[1].link=br0');
    const again = check(base, [...sets, ...fix]);
    expect(again.codes.filter((c) => CODES[c as Code].severity === 'error')).toEqual([]);
  });

  it('pod-cidr-too-small keeps a service CIDR that is already out of the way', () => {
    const r = check(base, ['nodes.workers.count=124', 'storage.portworx.maxStorageNodes=124']);
    expect(r.diagnostics.find((x) => x.code === 'pod-cidr-too-small')?.fix).toMatchObject({ podCidr: '100.64.0.0/17', serviceCidr: '100.65.0.0/18' });
  });

  it('cidr-host-bits names the real network', () => {
    const r = check(base, ['networks.vlans[1].cidr=10.20.30.0/16']);
    const d = r.diagnostics.find((x) => x.code === 'cidr-host-bits');
    expect(d?.message).toContain('10.20.0.0/16');
    expect(d?.fix).toMatchObject({ cidr: '10.20.0.0/16' });
  });
});

describe('a NIC listed twice in one bond (found by the mutated-site fuzz: it crashed the L2 graph)', () => {
  it('is a duplicate-name error at the second listing, not an internal error', () => {
    const r = check(base, ['hostNetwork.bonds[1].interfaces=[enp1s1, enp2s1, enp1s1]']);
    expect(r.twin).toBeDefined();
    expect(r.diagnostics.filter((d) => d.code === 'duplicate-name').map((d) => d.path)).toEqual(['hostNetwork.bonds[1].interfaces[2]']);
    expect(r.exitCode).toBe(1);
  });
  it('does not make one NIC twice a bond of two members', () => {
    const r = check(base, ['hostNetwork.bonds[1].interfaces=[enp1s1, enp1s1]']);
    expect(r.codes).toContain('bond-single-member');
    expect(r.diagnostics.find((d) => d.code === 'bond-single-member')?.message).toBe('bond bond_data has 1 member');
  });
});

describe('two VM classes of one name (found by the mutated-site fuzz: nothing reported it)', () => {
  it('is a duplicate-name error at the second class', () => {
    const r = check(base, ['workloads.vmClasses[1].name=small']);
    expect(r.diagnostics.filter((d) => d.code === 'duplicate-name').map((d) => d.path)).toEqual(['workloads.vmClasses[1].name']);
    expect(r.exitCode).toBe(1);
  });
});

describe('overlap findings stay one per network (found by the mutated-site fuzz: 2,001 copies of one VLAN gave 2 million findings and output past the string limit)', () => {
  it('cidr-overlap names every network once, listing what it overlaps', () => {
    const vlans = Array.from({ length: 40 }, (_, i) => `{ id: ${i + 30}, name: v${i}, cidr: 10.20.0.0/16 }`).join(', ');
    const r = check(base, [`networks.vlans=[{ id: 10, name: mgmt, cidr: 172.16.0.0/22 }, { id: 20, name: data, cidr: 10.20.0.0/16, gateway: 10.20.30.1 }, ${vlans}]`]);
    const overlaps = r.diagnostics.filter((d) => d.code === 'cidr-overlap');
    expect(overlaps).toHaveLength(40);
    expect(new Set(overlaps.map((d) => d.path)).size).toBe(40);
    expect(overlaps.some((d) => /overlaps .+, .+, .+ and 37 more$/.test(d.message))).toBe(true);
  });
  it('lists what it shows and counts the rest it did not write out (so 2,000 overlaps cost no 2 million names)', () => {
    expect(listSome(['a'], 3, 1)).toBe('a');
    expect(listSome(['a', 'b'], 3, 2)).toBe('a and b');
    expect(listSome(['a', 'b', 'c'], 3, 3)).toBe('a, b and c');
    expect(listSome(['a', 'b', 'c'], 3, 2_000)).toBe('a, b, c and 1997 more');
    expect(listSome(['a', 'b', 'c', 'd'])).toBe('a, b, c and 1 more');
  });
  it('keeps the one-overlap message as it was', () => {
    const d = check(base, ['kubernetes.serviceCidr=100.64.0.0/18']).diagnostics.find((x) => x.code === 'cidr-overlap');
    expect(d?.message).toBe('the service CIDR 100.64.0.0/18 overlaps the pod CIDR 100.64.0.0/18 (kubernetes.podCidr)');
  });
  it('metallb-pool-overlap gives a range at most one finding for pools and one for networks', () => {
    const pools = Array.from({ length: 30 }, (_, i) => `{ name: p${i}, addresses: ["10.20.31.1-10.20.31.50"] }`).join(', ');
    const r = check(base, [`metallb.pools=[${pools}]`]);
    const found = r.diagnostics.filter((d) => d.code === 'metallb-pool-overlap');
    expect(found).toHaveLength(29);
  });
});
describe('placeholders', () => {
  const marked = base.replace('  array: { model: FlashArray//C50,', '  array: # PLACEHOLDER: MAAS cannot know the FlashArray\n    { model: FlashArray//C50,').replace('    replication: 2', '    replication: 2   # PLACEHOLDER: how many copies Portworx keeps');
  it('are reported at their path and line, with the comment as the message', () => {
    const r = check(marked);
    const found = r.diagnostics.filter((d) => d.code === 'placeholder');
    expect(found.map((d) => [d.path, d.message])).toEqual([
      ['storage.array', 'MAAS cannot know the FlashArray'],
      ['storage.portworx.replication', 'how many copies Portworx keeps'],
    ]);
    const line = marked.split('\n').findIndex((l) => l.includes('replication: 2')) + 1;
    expect(found[1]?.line).toBe(line);
    expect(r.exitCode).toBe(1);
  });
  it('are cleared by --set on the value, and ordinary comments are not placeholders', () => {
    const r = check(marked, ['storage.portworx.replication=2']);
    expect(r.diagnostics.filter((d) => d.code === 'placeholder').map((d) => d.path)).toEqual(['storage.array']);
    expect(check(base.replace('    replication: 2', '    replication: 2   # a placeholder? no: PLACEHOLDER: only at the start counts')).codes).not.toContain('placeholder');
  });
});


describe('pods that are not VMs', () => {
  it('must fit under max pods by themselves: a worker whose daemons and share of cluster pods exceed it is an error, VMs or not', () => {
    const sets = ['workloads.vmClasses=[]', 'kubernetes.maxPodsPerNode=14', 'kubernetes.overheadPods.perNode=16'];
    const r = check(base, sets);
    const d = r.diagnostics.find((x) => x.code === 'pods-exceed-capacity');
    expect(d?.path).toBe('kubernetes.maxPodsPerNode');
    expect(d?.message).toMatch(/runs \d+ pods that are not VMs .* takes at most 14 pods/);
    expect(r.exitCode).toBe(1);
    expect(check(base, ['workloads.vmClasses=[]', 'kubernetes.maxPodsPerNode=40', 'kubernetes.overheadPods.perNode=16']).codes).not.toContain('pods-exceed-capacity');
  });
});
