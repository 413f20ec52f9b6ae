/**
 * `DIR/terraform/*.tf`: the same intent for teams that deploy with Terraform. The MAAS part
 * is a second rendering of the MAAS plan (canonical/maas provider), the Palette part a second
 * rendering of the Palette model (spectrocloud/spectrocloud provider: cluster profiles and
 * `spectrocloud_cluster_maas`), so the three outputs never disagree. Secrets are variables
 * marked sensitive; no file holds one.
 */
import type { Twin } from '../../model/twin.js';
import { type ExportFile } from '../files.js';
import { buildMaasPlan } from '../maas/build.js';
import type { MaasPlan, Param, PlanStep } from '../maas/plan.js';
import { paletteModel, type PaletteModel, type ProfileModel } from '../palette/model.js';
import { block, comment, expr, hclFile, type Block, type BodyItem, type HclValue } from './hcl.js';

/** A Terraform identifier for a name: letters, digits and "_" only. */
export function tfName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(s) ? s : `_${s}`;
}

/** A secret Terraform variable: the environment variable apply uses becomes TF_VAR_<name>. */
function secretVariable(name: string, description: string): Block {
  return block('variable', [name], [['type', expr('string')], ['description', description], ['sensitive', true]]);
}

function variablesTf(m: PaletteModel): string {
  const secrets = m.profiles.flatMap((p) => p.variables.filter((v) => v.env !== undefined)).map((v) => secretVariable(tfName(snake(v.name)), `${v.displayName}: ${v.description}`));
  return hclFile(
    ['Inputs. Secrets are sensitive variables: set them with TF_VAR_<name> in the environment, never in a file.'],
    [
      block('variable', ['maas_api_url'], [['type', expr('string')], ['description', 'MAAS API URL, e.g. http://maas.example.com:5240/MAAS']]),
      block('variable', ['maas_api_key'], [['type', expr('string')], ['description', 'MAAS API key (consumer:token:secret)'], ['sensitive', true]]),
      block('variable', ['palette_api_key'], [['type', expr('string')], ['description', 'Palette API key'], ['sensitive', true]]),
      block('variable', ['palette_project'], [['type', expr('string')], ['description', 'Palette project the cluster is created in']]),
      ...secrets,
    ],
  );
}

const snake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

function providersTf(): string {
  return hclFile(
    ['Providers: canonical/maas for the metal, spectrocloud/spectrocloud for the cluster.'],
    [
      block('terraform', [], [['required_providers', { maas: { source: 'canonical/maas' }, spectrocloud: { source: 'spectrocloud/spectrocloud' } }]]),
      block('provider', ['maas'], [['api_version', '2.0'], ['api_key', expr('var.maas_api_key')], ['api_url', expr('var.maas_api_url')]]),
      block('provider', ['spectrocloud'], [['api_key', expr('var.palette_api_key')], ['project_name', expr('var.palette_project')]]),
    ],
  );
}

// ---------------------------------------------------------------------------------------------
// MAAS: the plan's steps as resources.

const param = (s: { params: readonly Param[] } | undefined, name: string): string | undefined => s?.params.find(([k]) => k === name)?.[1];
const params = (s: { params: readonly Param[] } | undefined, name: string): string[] => (s?.params ?? []).filter(([k]) => k === name).map(([, v]) => v);

function maasTf(plan: MaasPlan): string {
  const items: BodyItem[] = [];
  const subnetName = new Map<string, string>();
  const ranges = new Map<string, PlanStep[]>();
  for (const s of plan.steps) if (s.kind === 'ip-range') ranges.set(param(s.create, 'subnet') ?? '', [...(ranges.get(param(s.create, 'subnet') ?? '') ?? []), s]);
  for (const s of plan.steps) if (s.kind === 'subnet') subnetName.set(`subnet:${String(s.naturalKey['cidr'])}`, tfName(param(s.create, 'name') ?? String(s.naturalKey['cidr'])));
  const ifaceAddr = new Map<string, string>();

  /** The Terraform expression for a plan reference, in the scope of a role. */
  const ref = (text: string, role?: string): HclValue => {
    const m = /^\{ref:([a-z-]+):(.+)\}$/.exec(text);
    if (!m) return text === '{machine}' && role ? expr(`data.maas_machine.${role}[each.key].id`) : text;
    const [, kind, key] = m as unknown as [string, string, string];
    if (kind === 'fabric') return expr(`maas_fabric.${tfName(key)}.id`);
    if (kind === 'vlan') {
      const [fabric, vid] = key.split('/') as [string, string];
      return vid === '0' ? expr(`data.maas_vlan.${tfName(fabric)}_untagged.id`) : expr(`maas_vlan.${tfName(`${fabric}_${vid}`)}.id`);
    }
    if (kind === 'subnet') return expr(`maas_subnet.${subnetName.get(`subnet:${key}`) ?? tfName(key)}.id`);
    if (kind === 'interface' && role) return expr(`${ifaceAddr.get(`${role}/${key}`) ?? `UNKNOWN_${tfName(key)}`}[each.key].id`);
    return text;
  };

  for (const s of plan.steps) {
    const key = (k: string): string => String(s.naturalKey[k] ?? '');
    switch (s.kind) {
      case 'config':
        items.push(block('resource', ['maas_configuration', tfName(key('name'))], [comment(s.description), ['key', key('name')], ['value', param(s.create, 'value') ?? '']]));
        break;
      case 'domain':
        if (key('name') !== 'maas') items.push(block('resource', ['maas_dns_domain', tfName(key('name'))], [['name', key('name')], ['authoritative', true]]));
        break;
      case 'resource-pool':
        items.push(block('resource', ['maas_resource_pool', tfName(key('name'))], [['name', key('name')], ['description', param(s.create, 'description') ?? '']]));
        break;
      case 'zone':
        items.push(block('resource', ['maas_zone', tfName(key('name'))], [['name', key('name')]]));
        break;
      case 'fabric':
        items.push(block('resource', ['maas_fabric', tfName(key('name'))], [comment(s.description), ['name', key('name')]]));
        break;
      case 'vlan':
        if (key('vid') === '0') items.push(block('data', ['maas_vlan', `${tfName(key('fabric'))}_untagged`], [['fabric', expr(`maas_fabric.${tfName(key('fabric'))}.id`)], ['vlan', 0]]));
        else
          items.push(
            block('resource', ['maas_vlan', tfName(`${key('fabric')}_${key('vid')}`)], [
              ['fabric', expr(`maas_fabric.${tfName(key('fabric'))}.id`)],
              ['vid', Number(key('vid'))],
              ['name', param(s.create, 'name') ?? ''],
              ['mtu', Number(param(s.create, 'mtu') ?? 1500)],
            ]),
          );
        break;
      case 'subnet': {
        const vlanRef = param(s.create, 'vlan') ?? '';
        const [, fabricVid] = /^\{ref:vlan:(.+)\}$/.exec(vlanRef) ?? [];
        const [fabric, vid] = (fabricVid ?? '/').split('/') as [string, string];
        const gw = param(s.create, 'gateway_ip');
        const body: BodyItem[] = [
          comment(s.description),
          ['cidr', key('cidr')],
          ['name', param(s.create, 'name') ?? ''],
          ['fabric', expr(`maas_fabric.${tfName(fabric)}.id`)],
          ...(vid !== '0' ? ([['vlan', expr(`maas_vlan.${tfName(`${fabric}_${vid}`)}.vid`)]] as BodyItem[]) : []),
          ...(gw !== undefined ? ([['gateway_ip', gw]] as BodyItem[]) : []),
          ['managed', true],
          ...(ranges.get(`{ref:subnet:${key('cidr')}}`) ?? []).map((r) =>
            block('ip_ranges', [], [['type', 'reserved'], ['start_ip', String(r.naturalKey['start_ip'])], ['end_ip', String(r.naturalKey['end_ip'])], ['comment', param(r.create, 'comment') ?? '']]),
          ),
        ];
        items.push(block('resource', ['maas_subnet', subnetName.get(`subnet:${key('cidr')}`) ?? tfName(key('cidr'))], body));
        break;
      }
      case 'ip-range':
        break;
      case 'machine': {
        if (s.scope.kind !== 'machines') break;
        const role = tfName(snake(s.scope.role));
        const machines = plan.machines[s.scope.role];
        items.push(
          block('locals', [], [[role, Object.fromEntries(machines.map((mc) => [mc.hostname, { zone: mc.zone, pool: mc.pool }]))]]),
          block('data', ['maas_machine', role], [
            comment(`${s.description}.\nPool and zone are set in MAAS (or by vmo-twin apply maas): the provider's maas_machine needs power parameters to manage a machine.`),
            ['for_each', expr(`local.${role}`)],
            ['hostname', expr('each.key')],
          ]),
        );
        break;
      }
      case 'physical-interface':
      case 'bond':
      case 'bridge':
      case 'vlan-interface':
      case 'interface-link': {
        if (s.scope.kind !== 'machines') break;
        const role = tfName(snake(s.scope.role));
        const name = key('name') || key('interface');
        const id = tfName(`${role}_${name}`);
        const common: BodyItem[] = [['for_each', expr(`local.${role}`)], ['machine', expr(`data.maas_machine.${role}[each.key].id`)]];
        if (s.kind === 'physical-interface') {
          items.push(block('data', ['maas_network_interface_physical', id], [...common, ['name', name]]));
          items.push(
            block('resource', ['maas_network_interface_physical', id], [
              comment(s.description),
              ...common,
              ['name', name],
              ['mac_address', expr(`data.maas_network_interface_physical.${id}[each.key].mac_address`)],
              ['vlan', ref(param(s.update, 'vlan') ?? '', s.scope.role)],
            ]),
          );
          ifaceAddr.set(`${s.scope.role}/${name}`, `maas_network_interface_physical.${id}`);
        } else if (s.kind === 'bond') {
          const parents = params(s.create, 'parents').map((p) => ref(p, s.scope.kind === 'machines' ? s.scope.role : undefined));
          const first = params(s.create, 'parents')[0];
          const firstAddr = first !== undefined ? ifaceAddr.get(`${s.scope.role}/${/^\{ref:interface:(.+)\}$/.exec(first)?.[1] ?? ''}`) : undefined;
          items.push(
            block('resource', ['maas_network_interface_bond', id], [
              comment(s.description),
              ...common,
              ['name', name],
              ['parents', parents],
              ['mac_address', firstAddr !== undefined ? expr(`${firstAddr}[each.key].mac_address`) : ''],
              ['vlan', ref(param(s.create, 'vlan') ?? '', s.scope.role)],
              ['bond_mode', param(s.create, 'bond_mode') ?? ''],
              ['bond_lacp_rate', param(s.create, 'bond_lacp_rate') ?? ''],
              ['mtu', Number(param(s.create, 'mtu') ?? 1500)],
            ]),
          );
          ifaceAddr.set(`${s.scope.role}/${name}`, `maas_network_interface_bond.${id}`);
        } else if (s.kind === 'bridge' || s.kind === 'vlan-interface') {
          const type = s.kind === 'bridge' ? 'maas_network_interface_bridge' : 'maas_network_interface_vlan';
          const parent = s.kind === 'bridge' ? param(s.create, 'parents') : param(s.create, 'parent');
          items.push(
            block('resource', [type, id], [
              comment(s.description),
              ...common,
              ['name', name],
              ['parent', ref(parent ?? '', s.scope.role)],
              ['vlan', ref(param(s.create, 'vlan') ?? '', s.scope.role)],
              ...(s.kind === 'bridge' ? ([['bridge_type', 'standard'], ['bridge_stp', false]] as BodyItem[]) : []),
            ]),
          );
          ifaceAddr.set(`${s.scope.role}/${name}`, `${type}.${id}`);
        } else {
          const gw = param(s.create, 'default_gateway') === 'true';
          items.push(
            block('resource', ['maas_network_interface_link', tfName(`${id}_link`)], [
              comment(s.description),
              ...common,
              ['network_interface', ref(`{ref:interface:${name}}`, s.scope.role)],
              ['subnet', ref(param(s.create, 'subnet') ?? '', s.scope.role)],
              ['mode', param(s.create, 'mode') ?? 'AUTO'],
              ...(gw ? ([['default_gateway', true]] as BodyItem[]) : []),
            ]),
          );
        }
        break;
      }
      case 'block-device':
        break;
      case 'storage-layout':
        items.push(comment(`${s.id}: ${s.description}.\nThe provider has no storage-layout resource: apply it with vmo-twin apply maas, or in the MAAS UI (Storage → Change storage layout → Flat).`));
        break;
    }
  }
  return hclFile([`MAAS for site ${plan.site}: the steps of maas/plan.json as canonical/maas resources.`, 'Machines are found by hostname and must be commissioned; interfaces can only be edited while they are New, Ready, Allocated or Broken.'], items);
}

// ---------------------------------------------------------------------------------------------
// Palette: profiles and the MAAS cluster.

function profileBlock(p: ProfileModel, version: string): Block {
  const packs = p.packs.map((pk) =>
    block('pack', [], [
      ['name', pk.name],
      ['type', pk.type],
      ...(pk.tag !== undefined ? ([['tag', pk.tag], ['uid', expr(`data.spectrocloud_pack.${tfName(pk.name)}.id`)]] as BodyItem[]) : []),
      ['values', pk.values],
      ...(pk.manifests ?? []).map((m) => block('manifest', [], [['name', m.name], ['content', m.content]])),
    ]),
  );
  const vars = p.variables.length
    ? [
        block(
          'profile_variables',
          [],
          p.variables.map((v) =>
            block('variable', [], [
              ['name', v.name],
              ['display_name', v.displayName],
              ['description', v.description],
              ['format', v.format],
              ...(v.defaultValue !== undefined ? ([['default_value', v.defaultValue]] as BodyItem[]) : []),
              ...(v.regex !== undefined ? ([['regex', v.regex]] as BodyItem[]) : []),
              ['required', v.required],
              ['immutable', v.immutable],
              ['hidden', v.hidden],
              ['is_sensitive', v.isSensitive],
            ]),
          ),
        ),
      ]
    : [];
  return block('resource', ['spectrocloud_cluster_profile', p.key], [
    ['name', p.name],
    ['description', p.description],
    ['cloud', p.cloudType],
    ['type', p.type],
    ['version', version],
    ...packs,
    ...vars,
  ]);
}

function paletteTf(m: PaletteModel): string {
  const packs = [...new Map(m.profiles.flatMap((p) => p.packs.filter((pk) => pk.tag !== undefined).map((pk) => [pk.name, pk] as const))).values()];
  const cluster = block('resource', ['spectrocloud_cluster_maas', tfName(m.clusterName)], [
    ['name', m.clusterName],
    ['cloud_account_id', expr('data.spectrocloud_cloudaccount_maas.account.id')],
    block('cloud_config', [], [['domain', m.domain]]),
    ...m.profiles.map((p) =>
      block('cluster_profile', [], [
        ['id', expr(`spectrocloud_cluster_profile.${p.key}.id`)],
        ...(p.variables.length ? ([['variables', Object.fromEntries(p.variables.map((v) => [v.name, v.env !== undefined ? expr(`var.${tfName(snake(v.name))}`) : v.value]))]] as BodyItem[]) : []),
      ]),
    ),
    ...m.pools.map((pool) =>
      block('machine_pool', [], [
        ['name', pool.poolConfig.name],
        ['control_plane', pool.poolConfig.isControlPlane],
        ...(pool.poolConfig.isControlPlane ? ([['control_plane_as_worker', false]] as BodyItem[]) : []),
        ['count', pool.poolConfig.size],
        ['min', pool.poolConfig.minSize],
        ['max', pool.poolConfig.maxSize],
        ['azs', [...pool.cloudConfig.azs]],
        ['update_strategy', pool.poolConfig.updateStrategy.type],
        ...(pool.poolConfig.nodeRepaveInterval !== undefined ? ([['node_repave_interval', pool.poolConfig.nodeRepaveInterval]] as BodyItem[]) : []),
        block('instance_type', [], [['min_cpu', pool.cloudConfig.instanceType.minCPU], ['min_memory_mb', pool.cloudConfig.instanceType.minMemInMB]]),
        block('placement', [], [['resource_pool', pool.cloudConfig.resourcePool]]),
      ]),
    ),
  ]);
  return hclFile(
    [`Palette for cluster ${m.clusterName}: the profiles of palette/profile-*.json and the cluster of palette/cluster.json.`],
    [
      block('data', ['spectrocloud_registry', 'public'], [['name', 'Public Repo']]),
      block('data', ['spectrocloud_cloudaccount_maas', 'account'], [['name', m.cloudAccount]]),
      ...packs.map((pk) => block('data', ['spectrocloud_pack', tfName(pk.name)], [['name', pk.name], ['version', pk.tag ?? ''], ['registry_uid', expr('data.spectrocloud_registry.public.id')]])),
      ...m.profiles.map((p) => profileBlock(p, m.profileVersion)),
      cluster,
    ],
  );
}

/** `m`: the twin's Palette model, when the caller has it already (`export --format all`). */
export function renderTerraform(twin: Twin, m: PaletteModel = paletteModel(twin)): ExportFile[] {
  const plan = buildMaasPlan(twin);
  return [
    { format: 'terraform', path: 'terraform/providers.tf', content: providersTf() },
    { format: 'terraform', path: 'terraform/variables.tf', content: variablesTf(m) },
    { format: 'terraform', path: 'terraform/maas.tf', content: maasTf(plan) },
    { format: 'terraform', path: 'terraform/palette.tf', content: paletteTf(m) },
  ];
}
