/**
 * Sites off the beaten path still export valid files: every variation below renders
 * documents that pass their kind's schema, Palette bodies that pass theirs, and HCL that parses.
 */
import { join } from 'node:path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { FORMATS, renderExport } from '../../src/exporters/index.js';
import { VALUES_FILE } from '../../src/exporters/kubernetes/index.js';
import { kindValidator, schemaValidator, sharedSchemasPresent } from '../helpers/schemas.js';
import { ROOT, twinOf } from '../helpers/site.js';

const SCHEMAS = join(ROOT, 'src', 'exporters', 'palette', 'schemas');
const profileSchema = schemaValidator(join(SCHEMAS, 'cluster-profile-import.schema.json'));
const clusterSchema = schemaValidator(join(SCHEMAS, 'spectro-maas-cluster.schema.json'));

const VARIATIONS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['no VM classes', ['workloads.vmClasses=[]']],
  ['no MetalLB pools', ['metallb.pools=[]']],
  ['MetalLB in BGP mode', ['metallb.mode=bgp', 'metallb.bgp={myAsn: 64512, peers: [{address: 10.20.30.1, asn: 64513, name: tor-a}]}']],
  ['a Windows class that shuts down on eviction', ['workloads.vmClasses[0].os=windows', 'workloads.vmClasses[0].evictionStrategy=None']],
  ['workers over three zones', ['nodes.workers.zone=[az1, az2, az3]']],
  ['a fractional CPU allocation ratio', ['kubernetes.cpuAllocationRatio=2.5']],
  ['a descheduling interval no cron expresses', ['descheduler.interval=7m', 'descheduler.maxNoOfPodsToEvictPerNode=5']],
  ['a migration bandwidth cap and a FlashArray address', ['kubevirt.migration.bandwidthPerMigration=2Gbps', 'storage.array.managementEndpoint=10.20.40.5']],
  ['a custom domain and cluster name', ['maas.domain=metal.example', 'palette.clusterName=prod-vmo']],
];

describe.each(VARIATIONS)('a site with %s', (_label, sets) => {
  it('exports valid documents, bodies and HCL', async () => {
    const files = renderExport(twinOf('minimal-5', sets), FORMATS);
    const problems: string[] = [];
    for (const f of files) {
      if (f.path.startsWith('kubernetes/') && f.path !== VALUES_FILE && sharedSchemasPresent) {
        for (const d of parseAllDocuments(f.content)) {
          const doc = d.toJS() as { kind: string };
          const v = kindValidator(doc);
          if (!v) problems.push(`${f.path}: no schema for ${doc.kind}`);
          else problems.push(...v(doc).map((e) => `${f.path} ${doc.kind}: ${e}`));
        }
      }
      if (f.path === 'palette/cluster.json') problems.push(...clusterSchema(JSON.parse(f.content)).map((e) => `${f.path}: ${e}`));
      if (/^palette\/profile-.*\.json$/.test(f.path)) {
        const body = JSON.parse(f.content) as { spec: { template: { packs: Array<{ values: string }> } } };
        problems.push(...profileSchema(body).map((e) => `${f.path}: ${e}`));
        for (const p of body.spec.template.packs) parse(p.values);
      }
      if (f.path.endsWith('.tf')) await parseHcl(f.path, f.content);
    }
    expect(problems).toEqual([]);
  });
});
