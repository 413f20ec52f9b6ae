/**
 * The Palette exporter: the three profile-import bodies and the MAAS cluster body validate
 * against the schemas derived from the API notes, their pack values are YAML that uses only
 * declared profile variables, and they carry the site.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { renderPalette } from '../../src/exporters/palette/index.js';
import type { ClusterProfileImport, MaasClusterCreate } from '../../src/exporters/palette/types.js';
import { kindValidator, schemaValidator, sharedSchemasPresent } from '../helpers/schemas.js';
import { ROOT, twinOf } from '../helpers/site.js';

const SCHEMAS = join(ROOT, 'src', 'exporters', 'palette', 'schemas');
const profileSchema = schemaValidator(join(SCHEMAS, 'cluster-profile-import.schema.json'));
const clusterSchema = schemaValidator(join(SCHEMAS, 'spectro-maas-cluster.schema.json'));

function bodies(name: string, sets: readonly string[] = []) {
  const files = renderPalette(twinOf(name, sets));
  const json = (path: string): unknown => JSON.parse(files.find((f) => f.path === path)?.content ?? 'null');
  return {
    profiles: ['infra', 'core', 'templates'].map((k) => json(`palette/profile-${k}.json`) as ClusterProfileImport),
    cluster: json('palette/cluster.json') as MaasClusterCreate,
    readme: files.find((f) => f.path === 'palette/README.md')?.content ?? '',
  };
}

const SCENARIOS = ['vmo-ra-64', 'vmo-ra-2nic', 'vmo-ra-128', 'minimal-5'];

describe('Palette bodies against their schemas', () => {
  for (const name of SCENARIOS) {
    it(`validates the profiles and the cluster of ${name}`, () => {
      const b = bodies(name);
      for (const p of b.profiles) expect(profileSchema(p), p.metadata.name).toEqual([]);
      expect(clusterSchema(b.cluster)).toEqual([]);
    });
  }
  it('refuses what the notes refuse: a control plane of 2, a repave interval on it, a masked default', () => {
    const b = bodies('minimal-5');
    const cp = b.cluster.spec.machinepoolconfig[0]!;
    const withCp = (poolConfig: object) => ({ ...b.cluster, spec: { ...b.cluster.spec, machinepoolconfig: [{ ...cp, poolConfig: { ...cp.poolConfig, ...poolConfig } }, b.cluster.spec.machinepoolconfig[1]] } });
    expect(clusterSchema(withCp({ size: 2 })).length).toBeGreaterThan(0);
    expect(clusterSchema(withCp({ nodeRepaveInterval: 600 })).length).toBeGreaterThan(0);
    const infra = b.profiles[0]!;
    const masked = { ...infra, spec: { ...infra.spec, variables: infra.spec.variables.map((v) => (v.isSensitive ? { ...v, defaultValue: '********' } : v)) } };
    expect(profileSchema(masked).length).toBeGreaterThan(0);
  });
});

describe('Palette pack values', () => {
  for (const name of SCENARIOS) {
    it(`are YAML documents in ${name} that use only the profile's declared variables`, () => {
      for (const p of bodies(name).profiles) {
        const declared = new Set(p.spec.variables.map((v) => v.name));
        for (const pack of p.spec.template.packs) {
          expect(() => parse(pack.values), `${p.metadata.name}/${pack.name}`).not.toThrow();
          const texts = [pack.values, ...(pack.manifests ?? []).map((m) => m.content)];
          for (const t of texts) for (const m of t.matchAll(/\{\{\.spectro\.var\.([A-Za-z0-9_]+)\}\}/g)) expect(declared, `${pack.name} uses ${m[1]}`).toContain(m[1]);
        }
        for (const v of p.spec.variables) expect(texts(p).some((t) => t.includes(`{{.spectro.var.${v.name}}}`)), `${v.name} is used`).toBe(true);
      }
    });
  }
  it.skipIf(!sharedSchemasPresent)('embed manifests that are valid documents of their kinds', () => {
    const problems: string[] = [];
    for (const p of bodies('vmo-ra-64').profiles) {
      for (const pack of p.spec.template.packs) {
        for (const m of pack.manifests ?? []) {
          for (const d of parseAllDocuments(m.content)) {
            const doc = d.toJS() as { apiVersion: string; kind: string };
            const validate = kindValidator(doc);
            if (!validate) problems.push(`${m.name}: no schema for ${doc.kind}`);
            else problems.push(...validate(doc).map((e) => `${m.name}: ${e}`));
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

function texts(p: ClusterProfileImport): string[] {
  return p.spec.template.packs.flatMap((pack) => [pack.values, ...(pack.manifests ?? []).map((m) => m.content)]);
}

describe('Palette bodies carry the site', () => {
  it('makes pod and service CIDRs read-only profile variables defaulting to the site values', () => {
    const infra = bodies('vmo-ra-128').profiles[0]!;
    expect(infra.spec.variables.filter((v) => v.name.endsWith('Cidr')).map((v) => [v.name, v.defaultValue, v.immutable])).toEqual([
      ['podCidr', '100.64.0.0/17', true],
      ['serviceCidr', '100.64.128.0/17', true],
    ]);
    const k8s = parse(infra.spec.template.packs.find((p) => p.layer === 'k8s')?.values ?? '') as { pack: Record<string, unknown> };
    expect(k8s.pack).toMatchObject({ podCIDR: '{{.spectro.var.podCidr}}', serviceClusterIpRange: '{{.spectro.var.serviceCidr}}' });
  });
  it('sets allowVlansOnSelf in the VMO values of the 2-NIC site (VLAN 20 sits on br0)', () => {
    const core = bodies('vmo-ra-2nic').profiles[1]!;
    const vmo = parse(core.spec.template.packs.find((p) => p.name === 'virtual-machine-orchestrator')?.values ?? '') as { charts: Record<string, { vlanFiltering: { enabled: boolean; env: Record<string, string> } }> };
    expect(vmo.charts['virtual-machine-orchestrator']?.vlanFiltering).toEqual({
      enabled: true,
      namespace: 'kube-system',
      env: { bridgeIF: 'br0', allowedVlans: '{{.spectro.var.allowedVlans}}', allowVlansOnSelf: '{{.spectro.var.allowVlansOnSelf}}', allowedVlansOnSelf: '{{.spectro.var.allowedVlansOnSelf}}' },
    });
    const defaults = Object.fromEntries(core.spec.variables.map((v) => [v.name, v.defaultValue]));
    expect(defaults).toMatchObject({ allowedVlans: '20-100', allowVlansOnSelf: 'true', allowedVlansOnSelf: '1,20-100' });
    expect(Object.fromEntries(bodies('vmo-ra-64').profiles[1]!.spec.variables.map((v) => [v.name, v.defaultValue]))).toMatchObject({ allowVlansOnSelf: 'false' });
  });
  it('builds the machine pools from the hardware classes, pools, zones and update strategies', () => {
    const c = bodies('vmo-ra-64', ['nodes.workers.repaveInterval=10m', 'nodes.workers.zone=[az1, az2]']).cluster;
    const [cp, w] = c.spec.machinepoolconfig;
    expect(cp).toMatchObject({ cloudConfig: { resourcePool: 'vmo-cp', azs: ['az1'], instanceType: { minCPU: 8, minMemInMB: 32768 } }, poolConfig: { size: 3, isControlPlane: true, updateStrategy: { type: 'RollingUpdateScaleOut' } } });
    expect(w).toMatchObject({
      cloudConfig: { resourcePool: 'vmo-workers', azs: ['az1', 'az2'], instanceType: { minCPU: 96, minMemInMB: 1536 * 1024 } },
      poolConfig: { size: 60, isControlPlane: false, nodeRepaveInterval: 600, updateStrategy: { type: 'RollingUpdateScaleIn' } },
    });
    expect(c.spec.cloudAccountUid).toBe('${cloudaccount:maas-site}');
  });
  it('leaves secrets to placeholders: masked variables without defaults, ${env:…} in the cluster body, listed in the README', () => {
    const b = bodies('vmo-ra-64');
    const sensitive = b.profiles.flatMap((p) => p.spec.variables.filter((v) => v.isSensitive));
    expect(sensitive.map((v) => v.name).sort()).toEqual(['grafanaAdminPassword', 'portworxActivationId', 'pureApiToken']);
    for (const v of sensitive) expect(v.defaultValue).toBeUndefined();
    const values = Object.fromEntries(b.cluster.spec.profiles.flatMap((p) => p.variables.map((v) => [v.name, v.value])));
    expect(values['pureApiToken']).toBe('${env:VMO_TWIN_PURE_API_TOKEN}');
    expect(b.readme).toContain('VMO_TWIN_PURE_API_TOKEN');
  });
  it('versions the three profiles by palette.profileVersion, and the cluster names that version', () => {
    const before = bodies('minimal-5');
    expect(before.profiles.map((p) => p.spec.version)).toEqual(['1.0.0', '1.0.0', '1.0.0']);
    const b = bodies('minimal-5', ['palette.profileVersion=1.0.1']);
    expect(b.profiles.map((p) => p.spec.version)).toEqual(['1.0.1', '1.0.1', '1.0.1']);
    expect(b.cluster.spec.profiles.map((p) => p.uid)).toEqual(b.profiles.map((p) => `\${clusterprofile:${p.metadata.name}@1.0.1}`));
    expect(b.readme).toContain('${clusterprofile:NAME@1.0.1}');
  });
});
