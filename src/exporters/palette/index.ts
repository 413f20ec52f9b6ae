/**
 * `DIR/palette/`: the three cluster profiles as Palette's profile-import JSON
 * (`v1ClusterProfileImportEntity`), the MAAS cluster create body (`v1SpectroMaasClusterEntity`)
 * and a README that says how they fit together and which placeholders apply fills in.
 */
import type { Twin } from '../../model/twin.js';
import { jsonText, type ExportFile } from '../files.js';
import { paletteModel, type PaletteModel, type ProfileModel } from './model.js';
import type { ClusterProfileImport, MaasClusterCreate } from './types.js';

/** `${clusterprofile:NAME@VERSION}`: the uid of an imported profile, resolved by apply. */
export const profileRef = (p: Pick<ProfileModel, 'name'>, version: string): string => `\${clusterprofile:${p.name}@${version}}`;

export function profileImport(p: ProfileModel, version: string): ClusterProfileImport {
  return {
    metadata: { name: p.name, description: p.description, labels: { 'vmo-twin/profile': p.key } },
    spec: {
      version,
      template: { type: p.type, cloudType: p.cloudType, packs: p.packs },
      variables: p.variables.map(({ value: _value, env: _env, ...v }) => v),
    },
  };
}

export function clusterCreate(m: PaletteModel, site: string): MaasClusterCreate {
  return {
    metadata: { name: m.clusterName, labels: { 'vmo-twin/site': site }, annotations: { description: `vmo-twin export of site ${site}` } },
    spec: {
      cloudAccountUid: `\${cloudaccount:${m.cloudAccount}}`,
      cloudConfig: { domain: m.domain },
      profiles: m.profiles.map((p) => ({ uid: profileRef(p, m.profileVersion), variables: p.variables.map((v) => ({ name: v.name, value: v.value })) })),
      machinepoolconfig: m.pools,
    },
  };
}

function readme(m: PaletteModel, site: string): string {
  const secrets = m.profiles.flatMap((p) => p.variables.filter((v) => v.env !== undefined).map((v) => `| \`${v.env}\` | \`${v.name}\` (${p.key}) | ${v.description} |`));
  const lines = [
    `# Palette configuration for ${site}`,
    '',
    'Written by `vmo-twin export`; do not edit by hand, change the site file and export again.',
    '',
    '| file | what | API |',
    '| --- | --- | --- |',
    ...m.profiles.map((p) => `| \`profile-${p.key}.json\` | ${p.description} | \`POST /v1/clusterprofiles/import?publish=true\` |`),
    `| \`cluster.json\` | the MAAS cluster \`${m.clusterName}\`: ${m.pools.map((p) => `${p.poolConfig.name} × ${p.poolConfig.size} (${p.cloudConfig.resourcePool}, ${p.cloudConfig.azs.join(', ')}, ${p.poolConfig.updateStrategy.type})`).join('; ')} | \`POST /v1/spectroclusters/maas\` |`,
    '',
    'Import the profiles in the order above (Profiles → Import Cluster Profile in the console works too), then create the cluster.',
    '',
    '## Placeholders',
    '',
    'Values that exist only in a running Palette, and every secret, are written as placeholders that `vmo-twin apply palette` resolves:',
    '',
    `- \`\${cloudaccount:${m.cloudAccount}}\`: the uid of the MAAS cloud account with that name.`,
    `- \`\${clusterprofile:NAME@${m.profileVersion}}\`: the uid of the imported profile (\`palette.profileVersion\`).`,
    '- `${env:NAME}`: read from the environment at apply time; never written to a file.',
    '',
    '| environment variable | profile variable | what |',
    '| --- | --- | --- |',
    ...secrets,
    '',
    'Profile variables appear in pack values as `{{.spectro.var.NAME}}`; the cluster body gives each its value.',
    '',
  ];
  return lines.join('\n');
}

/** `m`: the twin's Palette model, when the caller has it already (`export --format all`). */
export function renderPalette(twin: Twin, m: PaletteModel = paletteModel(twin)): ExportFile[] {
  const site = twin.site.metadata.name;
  return [
    ...m.profiles.map((p): ExportFile => ({ format: 'palette', path: `palette/profile-${p.key}.json`, content: jsonText(profileImport(p, m.profileVersion)) })),
    { format: 'palette', path: 'palette/cluster.json', content: jsonText(clusterCreate(m, site)) },
    { format: 'palette', path: 'palette/README.md', content: readme(m, site) },
  ];
}
