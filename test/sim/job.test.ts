/**
 * The Kubernetes objects of `simulate --emit-job` against the strict schemas of their kinds
 * (../shared/schemas, Kubernetes 1.32): an Indexed Job of shards, a merge Job, their ConfigMap
 * and volume.
 */
import { describe, expect, it } from 'vitest';
import { indexedJob } from '../../src/sim/job.js';
import { kindValidator, sharedSchemasPresent, SHARED_SCHEMAS } from '../helpers/schemas.js';

const mustRun = process.env['CI'] === 'true';
if (!sharedSchemasPresent) process.stderr.write(`\n*** ${SHARED_SCHEMAS} is absent: the emit-job schema checks are SKIPPED${mustRun ? ' — CI=true requires them' : ''} ***\n`);

describe('simulate --emit-job', () => {
  const docs = indexedJob({ name: 'vmo-ra-64-node-failure', namespace: 'vmo-twin', image: 'vmo-twin:0.1.0', siteYaml: 'apiVersion: vmo-twin/v1\n', drillYaml: 'kind: Drill\n', seed: 1, runs: 1000, shards: 8, parallelism: 4, workersPerShard: 2, force: false });
  it('has the shared schemas (required under CI=true)', (ctx) => {
    if (!sharedSchemasPresent && !mustRun) ctx.skip();
    expect(sharedSchemasPresent).toBe(true);
  });
  it.skipIf(!sharedSchemasPresent)('writes documents valid against the schema of their kind', () => {
    for (const doc of docs) {
      const validate = kindValidator(doc as { apiVersion: string; kind: string });
      expect(validate, `${String(doc['kind'])} has a schema`).not.toBeNull();
      expect(validate?.(doc), String(doc['kind'])).toEqual([]);
    }
  });
  it('runs the shards as an Indexed Job and merges after all of them', () => {
    const shards = docs[2] as { spec: { completionMode: string; completions: number; parallelism: number; template: { spec: { containers: Array<{ args: string[] }> } } } };
    expect(shards.spec).toMatchObject({ completionMode: 'Indexed', completions: 8, parallelism: 4 });
    const args = shards.spec.template.spec.containers[0]?.args ?? [];
    expect(args.join(' ')).toContain('--shard $(SHARD_INDEX)/8 --out /parts/part-$(SHARD_INDEX).json');
    const merge = JSON.stringify(docs[3]);
    expect(merge).toContain('-ge 8');
    expect(merge).toContain('vmo-twin merge /parts/part-*.json');
  });
});
