/**
 * `DIR/maas/`: `plan.json` (the operations, see `plan.ts`) and `README.md`, the same plan
 * for people: what MAAS will hold and the interface table of each role, in the RA's layout.
 */
import { formatCidr } from '../../model/cidr.js';
import { ROLE_NAMES, type Twin } from '../../model/twin.js';
import { jsonText, type ExportFile } from '../files.js';
import { buildMaasPlan, fabricLayout } from './build.js';
import type { MaasPlan, PlanStep } from './plan.js';

const ROLE_TITLE = { controlPlane: 'Control plane', workers: 'Workers' } as const;

function request(s: PlanStep): string {
  const r = s.create ?? s.update;
  if (!r) return 'find only (must exist)';
  return `\`${r.method} ${r.path}${r.op !== undefined ? `?op=${r.op}` : ''}\``;
}

function interfaceTable(twin: Twin, role: 'controlPlane' | 'workers'): string[] {
  const net = twin.roleNetworks[role];
  const layout = fabricLayout(twin);
  const rows = ['| interface | type | consists of | VLAN | subnet | mode | gateway |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const i of net.interfaces) {
    if (i.kind === 'nic') continue;
    const network = i.network !== undefined ? layout.networks.find((n) => n.name === i.network) : undefined;
    const type = i.kind === 'bond' ? `bond (${i.mode}, LACP ${i.lacpRate})` : i.kind === 'bridge' ? 'bridge' : 'VLAN';
    const of = i.kind === 'bond' ? i.members.join(' ') : i.link;
    const vlan = i.kind === 'vlan' ? String(i.vlan) : 'native';
    const gw = i.kind === 'vlan' && i.defaultGateway && network?.gateway !== undefined ? 'default' : '—';
    rows.push(`| ${i.name} | ${type} | ${of} | ${vlan} | ${network ? formatCidr(network.cidr) : '—'} | ${network ? 'AUTO' : 'no address'} | ${gw} |`);
  }
  return rows;
}

function readme(twin: Twin, plan: MaasPlan): string {
  const site = twin.site;
  const global = plan.steps.filter((s) => s.scope.kind === 'global');
  const lines = [
    `# MAAS configuration for ${site.metadata.name}`,
    '',
    'Written by `vmo-twin export`; do not edit by hand. `plan.json` holds the same steps as MAAS API 2.0 calls,',
    'each with the natural key `vmo-twin apply maas` finds the object by, so applying twice changes nothing.',
    '',
    `${plan.steps.length} steps: ${global.length} for MAAS itself, then per machine of each role (${ROLE_NAMES.map((r) => `${plan.machines[r].length} ${r === 'workers' ? 'workers' : 'control plane'}`).join(', ')}, spares included).`,
    'Machines must be commissioned and Ready (interfaces can be edited while New, Ready, Allocated or Broken;',
    'the storage layout only while Ready). DHCP on the PXE VLAN is MAAS\'s own set-up and is not part of the plan.',
    '',
    '## MAAS',
    '',
    '| step | what | call |',
    '| --- | --- | --- |',
    ...global.map((s) => `| \`${s.id}\` | ${s.description} | ${request(s)} |`),
  ];
  for (const role of ROLE_NAMES) {
    const p = site.nodes[role];
    const ms = plan.machines[role];
    const steps = plan.steps.filter((s) => s.scope.kind === 'machines' && s.scope.role === role);
    lines.push(
      '',
      `## ${ROLE_TITLE[role]}: ${ms.length} machines (${p.hardware})`,
      '',
      `Pool \`${p.resourcePool}\`, zone${p.zone.length > 1 ? 's' : ''} ${p.zone.map((z) => `\`${z}\``).join(', ')}; hostnames ${ms[0]?.hostname ?? '—'} … ${ms[ms.length - 1]?.hostname ?? '—'}${ms.some((m) => m.spare) ? ` (spares: ${ms.filter((m) => m.spare).map((m) => m.hostname).join(', ')})` : ''}.`,
      '',
      ...interfaceTable(twin, role),
      '',
      '| step | what | call |',
      '| --- | --- | --- |',
      ...steps.map((s) => `| \`${s.id}\` | ${s.description} | ${request(s)} |`),
    );
  }
  lines.push('');
  return lines.join('\n');
}

export function renderMaas(twin: Twin): ExportFile[] {
  const plan = buildMaasPlan(twin);
  return [
    { format: 'maas', path: 'maas/plan.json', content: jsonText(plan) },
    { format: 'maas', path: 'maas/README.md', content: readme(twin, plan) },
  ];
}
