/**
 * The Terraform exporter: every file parses as HCL (@cdktf/hcl2json, offline), describes the
 * same MAAS objects and Palette profiles as the other outputs, and keeps secrets in sensitive
 * variables. The HCL writer escapes Terraform's template sequences.
 */
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { renderTerraform } from '../../src/exporters/terraform/index.js';
import { block, expr, hclFile } from '../../src/exporters/terraform/hcl.js';
import { twinOf } from '../helpers/site.js';

type Hcl = Record<string, Record<string, Record<string, Array<Record<string, unknown>>>>>;

async function parsed(name: string, sets: readonly string[] = []): Promise<Record<string, Hcl>> {
  const out: Record<string, Hcl> = {};
  for (const f of renderTerraform(twinOf(name, sets))) out[f.path] = (await parse(f.path, f.content)) as Hcl;
  return out;
}

describe('Terraform output', () => {
  for (const name of ['vmo-ra-64', 'vmo-ra-2nic', 'vmo-ra-128', 'minimal-5']) {
    it(`parses as HCL for ${name}`, async () => {
      const files = await parsed(name);
      expect(Object.keys(files).sort()).toEqual(['terraform/maas.tf', 'terraform/palette.tf', 'terraform/providers.tf', 'terraform/variables.tf']);
    });
  }
  it('refuses broken HCL (the parser check can fail)', async () => {
    await expect(parse('bad.tf', 'resource "x" "y" {\n  a = \n}\n')).rejects.toThrow();
  });
  it('declares the MAAS objects of the plan: disk erasing off, pools, fabrics, VLANs, subnets, bonds with mode and LACP rate, links', async () => {
    const maas = (await parsed('vmo-ra-64'))['terraform/maas.tf']!;
    const r = maas['resource']!;
    expect(r['maas_configuration']?.['enable_disk_erasing_on_release']?.[0]).toMatchObject({ key: 'enable_disk_erasing_on_release', value: 'false' });
    expect(Object.keys(r['maas_resource_pool'] ?? {})).toEqual(['vmo_cp', 'vmo_workers']);
    expect(Object.keys(r['maas_vlan'] ?? {}).sort()).toEqual(['fabric_data_20', 'fabric_pxe_10']);
    expect(r['maas_subnet']?.['data']?.[0]).toMatchObject({ cidr: '10.20.0.0/16', gateway_ip: '10.20.30.1' });
    expect(r['maas_network_interface_bond']?.['workers_bond_data']?.[0]).toMatchObject({ bond_mode: '802.3ad', bond_lacp_rate: 'slow', name: 'bond_data' });
    expect(r['maas_network_interface_link']?.['workers_bond_data_20_link']?.[0]).toMatchObject({ mode: 'AUTO', default_gateway: true });
  });
  it('puts VLAN 20 on br0 for the 2-NIC site', async () => {
    const r = (await parsed('vmo-ra-2nic'))['terraform/maas.tf']!['resource']!;
    expect(r['maas_network_interface_vlan']?.['workers_br0_20']?.[0]).toMatchObject({ name: 'br0.20', parent: '${maas_network_interface_bridge.workers_br0[each.key].id}' });
  });
  it('declares the three profiles and the MAAS cluster, secrets only through sensitive variables', async () => {
    const files = await parsed('vmo-ra-64');
    const palette = files['terraform/palette.tf']!;
    expect(Object.keys(palette['resource']?.['spectrocloud_cluster_profile'] ?? {})).toEqual(['core', 'infra', 'templates']);
    const cluster = palette['resource']?.['spectrocloud_cluster_maas']?.['vmo_ra_64']?.[0] as { cluster_profile: Array<{ variables?: Record<string, string> }>; machine_pool: Array<Record<string, unknown>> };
    expect(cluster.cluster_profile[0]?.variables).toMatchObject({ podCidr: '100.64.0.0/18', pureApiToken: '${var.pure_api_token}' });
    expect(cluster.machine_pool.map((p) => [p['name'], p['update_strategy'], p['count']])).toEqual([
      ['control-plane-pool', 'RollingUpdateScaleOut', 3],
      ['worker-pool', 'RollingUpdateScaleIn', 60],
    ]);
    const vars = files['terraform/variables.tf']!['variable'] as unknown as Record<string, Array<Record<string, unknown>>>;
    for (const v of ['maas_api_key', 'palette_api_key', 'pure_api_token', 'portworx_activation_id', 'grafana_admin_password']) {
      expect(vars[v]?.[0]?.['sensitive'], v).toBe(true);
      expect(vars[v]?.[0]?.['default'], v).toBeUndefined();
    }
  });
});

describe('the HCL writer', () => {
  it('escapes ${ and %{ so pack values and scripts reach Terraform unchanged', async () => {
    const text = hclFile([], [block('locals', [], [['a', 'x ${y} %{z}'], ['b', 'line1\n  ${x}\nEOT\n'], ['c', expr('var.q')]])]);
    const out = (await parse('t.tf', text)) as { locals: Array<Record<string, string>> };
    expect(text).toContain('a = "x $${y} %%{z}"');
    expect(text).toContain('  $${x}\n');
    expect(Object.keys(out.locals[0] ?? {})).toEqual(['a', 'b', 'c']);
    expect(text).toContain('<<-EOTX');
    expect(out.locals[0]?.['c']).toBe('${var.q}');
  });
});
