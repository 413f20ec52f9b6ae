/**
 * The Kubernetes exporter: every document is valid against the strict schema of its kind
 * (../shared/schemas), and carries the site's values.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { VALUES_FILE, renderKubernetes } from '../../src/exporters/kubernetes/index.js';
import { kindValidator, schemaFileOf, sharedSchemasPresent, SHARED_SCHEMAS } from '../helpers/schemas.js';
import { twinOf } from '../helpers/site.js';

type Doc = Record<string, unknown> & { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string }; spec?: Record<string, unknown> };

function documents(name: string, sets: readonly string[] = []): Array<{ file: string; doc: Doc }> {
  return renderKubernetes(twinOf(name, sets))
    .filter((f) => f.path !== VALUES_FILE)
    .flatMap((f) => parseAllDocuments(f.content).map((d) => ({ file: f.path, doc: d.toJS() as Doc })));
}

const SCENARIOS = ['vmo-ra-64', 'vmo-ra-2nic', 'vmo-ra-128', 'minimal-5'];
const mustRun = process.env['CI'] === 'true';
if (!sharedSchemasPresent) {
  const say = `\n*** ${SHARED_SCHEMAS} is absent: the Kubernetes schema checks are SKIPPED${mustRun ? ' — and CI=true requires them, so this run FAILS' : ''} ***\n`;
  process.stderr.write(say);
}

describe('Kubernetes documents against ../shared/schemas', () => {
  it('has the shared schemas (required under CI=true)', (ctx) => {
    if (!sharedSchemasPresent && !mustRun) ctx.skip();
    expect(sharedSchemasPresent, `${SHARED_SCHEMAS} must exist under CI=true`).toBe(true);
  });
  for (const name of SCENARIOS) {
    it.skipIf(!sharedSchemasPresent)(`validates every document of ${name} against the schema of its kind`, () => {
      const problems: string[] = [];
      const docs = documents(name);
      expect(docs.length).toBeGreaterThan(10);
      for (const { file, doc } of docs) {
        const validate = kindValidator(doc);
        if (!validate) {
          problems.push(`${file}: no schema ${schemaFileOf(doc)} for ${doc.kind}`);
          continue;
        }
        for (const e of validate(doc)) problems.push(`${file} ${doc.kind}/${doc.metadata?.name ?? ''}: ${e}`);
      }
      expect(problems).toEqual([]);
    });
  }
  it.skipIf(!sharedSchemasPresent)('catches a misplaced field (the check can fail)', () => {
    const sc = documents('minimal-5').find((d) => d.doc.kind === 'StorageCluster')?.doc;
    expect(sc).toBeDefined();
    const bad = { ...sc, spec: { ...(sc?.spec ?? {}), maxStorageNodes: 5 } };
    expect(kindValidator(bad)?.(bad).length).toBeGreaterThan(0);
  });
});

describe('Kubernetes documents carry the site', () => {
  it('writes one NetworkAttachmentDefinition per VM VLAN on br0, with the VLAN id in its bridge CNI config', () => {
    const nads = documents('vmo-ra-64').filter((d) => d.doc.kind === 'NetworkAttachmentDefinition');
    expect(nads.map((d) => d.doc.metadata?.name)).toEqual(Array.from({ length: 80 }, (_, i) => `vlan-${21 + i}`));
    const config = JSON.parse(String(nads[0]?.doc.spec?.['config'])) as Record<string, unknown>;
    expect(config).toMatchObject({ type: 'bridge', bridge: 'br0', vlan: 21 });
  });
  it('gives the 2-NIC site a NAD for VLAN 20, which sits on br0 there and so reaches VMs', () => {
    const names = documents('vmo-ra-2nic').filter((d) => d.doc.kind === 'NetworkAttachmentDefinition').map((d) => d.doc.metadata?.name);
    expect(names).toContain('vlan-20');
    expect(documents('vmo-ra-64').map((d) => d.doc.metadata?.name)).not.toContain('vlan-20');
  });
  it('puts the migration limits and timeouts of the site in the KubeVirt CR', () => {
    const kv = documents('vmo-ra-64', ['kubevirt.migration.parallelPerCluster=7', 'kubevirt.migration.bandwidthPerMigration=1Gbps', 'kubevirt.migration.progressTimeout=200s']).find((d) => d.doc.kind === 'KubeVirt')?.doc;
    const conf = (kv?.spec?.['configuration'] ?? {}) as Record<string, Record<string, unknown>>;
    expect(conf['migrations']).toMatchObject({ parallelMigrationsPerCluster: 7, parallelOutboundMigrationsPerNode: 2, bandwidthPerMigration: '125000000', completionTimeoutPerGiB: 150, progressTimeout: 200 });
    expect(conf['developerConfiguration']).toMatchObject({ cpuAllocationRatio: 10 });
  });
  it('writes the Portworx StorageCluster of the RA: pure cloud drives, maxStorageNodes, metadata and journal devices, FC', () => {
    const sc = documents('vmo-ra-64').find((d) => d.doc.kind === 'StorageCluster')?.doc;
    expect(sc?.spec).toMatchObject({
      cloudStorage: { provider: 'pure', deviceSpecs: Array(5).fill('size=4096'), maxStorageNodes: 60, systemMetadataDeviceSpec: 'size=64', journalDeviceSpec: 'size=3' },
      env: [{ name: 'PURE_FLASHARRAY_SAN_TYPE', value: 'FC' }],
      network: { dataInterface: 'bond_mgmt.10', mgmtInterface: 'bond_mgmt.10' },
    });
  });
  it('writes the RA StorageClass (repl from the site, auto_journal, priority high, nodiscard) and an RWX Block StorageProfile', () => {
    const docs = documents('vmo-ra-64', ['storage.portworx.replication=3']);
    expect(docs.find((d) => d.doc.kind === 'StorageClass')?.doc['parameters']).toEqual({ repl: '3', io_profile: 'auto_journal', priority_io: 'high', nodiscard: 'true' });
    expect(docs.find((d) => d.doc.kind === 'StorageProfile')?.doc.spec).toEqual({ claimPropertySets: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }], cloneStrategy: 'csi-clone' });
  });
  it('advertises MetalLB on the data VLAN interface in L2 mode, and peers in BGP mode', () => {
    const l2 = documents('vmo-ra-64').find((d) => d.doc.kind === 'L2Advertisement')?.doc;
    expect(l2?.spec).toEqual({ ipAddressPools: ['services'], interfaces: ['bond_data.20'] });
    expect(documents('vmo-ra-2nic').find((d) => d.doc.kind === 'L2Advertisement')?.doc.spec).toEqual({ ipAddressPools: ['services'], interfaces: ['br0.20'] });
    const bgp = documents('vmo-ra-64', ['metallb.mode=bgp', 'metallb.bgp={myAsn: 64512, peers: [{address: 10.20.30.1, asn: 64513}]}']);
    expect(bgp.find((d) => d.doc.kind === 'BGPPeer')?.doc.spec).toEqual({ myASN: 64512, peerASN: 64513, peerAddress: '10.20.30.1' });
    expect(bgp.some((d) => d.doc.kind === 'BGPAdvertisement')).toBe(true);
    expect(bgp.some((d) => d.doc.kind === 'L2Advertisement')).toBe(false);
  });
  it('writes the Descheduler policy with the site thresholds, and the evict annotation only on classes that live-migrate', () => {
    const docs = documents('vmo-ra-64', ['descheduler.lowNodeUtilization.thresholds.cpu=15', 'workloads.vmClasses[2].evictionStrategy=None']);
    const policy = docs.find((d) => d.doc.kind === 'DeschedulerPolicy')?.doc as { profiles: Array<{ pluginConfig: Array<{ name: string; args: Record<string, unknown> }> }> };
    expect(policy.profiles[0]?.pluginConfig.find((p) => p.name === 'LowNodeUtilization')?.args).toEqual({ thresholds: { cpu: 15, memory: 20, pods: 20 }, targetThresholds: { cpu: 50, memory: 50, pods: 50 } });
    const prefs = docs.filter((d) => d.doc.kind === 'VirtualMachineClusterPreference');
    expect(prefs.map((p) => [p.doc.metadata?.name, Boolean((p.doc.spec?.['annotations'] as Record<string, string> | undefined)?.['descheduler.alpha.kubernetes.io/evict'])])).toEqual([
      ['small', true],
      ['medium', true],
      ['large', false],
    ]);
  });
  it('writes an instance type per VM class with its vCPUs and memory', () => {
    const its = documents('vmo-ra-64').filter((d) => d.doc.kind === 'VirtualMachineClusterInstancetype');
    expect(its.map((d) => [d.doc.metadata?.name, d.doc.spec])).toEqual([
      ['small', { cpu: { guest: 2 }, memory: { guest: '4Gi' } }],
      ['medium', { cpu: { guest: 4 }, memory: { guest: '8Gi' } }],
      ['large', { cpu: { guest: 8 }, memory: { guest: '16Gi' } }],
    ]);
  });
});

describe('cronEvery', () => {
  it('writes a cron schedule for intervals cron can express, and nothing for the others', async () => {
    const { cronEvery } = await import('../../src/exporters/kubernetes/documents.js');
    expect([60_000, 300_000, 900_000, 3_600_000, 7_200_000].map(cronEvery)).toEqual(['* * * * *', '*/5 * * * *', '*/15 * * * *', '0 * * * *', '0 */2 * * *']);
    expect([420_000, 90_000, 0, 5 * 3_600_000].map(cronEvery)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
