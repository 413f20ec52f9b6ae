/**
 * simulate and merge through the built CLI: the acceptance commands of the simulator.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { cli } from '../helpers/cli.js';

describe('vmo-twin simulate', () => {
  it('runs repave-all on the reference: every gate passes, no downtime, ~12,500 migrations, deterministic', () => {
    const a = cli(['simulate', 'scenarios/vmo-ra-64.yaml', '--drill', 'repave-all', '--seed', '1', '--json']);
    expect(a.status).toBe(0);
    const r = JSON.parse(a.stdout) as Record<string, any>;
    for (const key of ['drill', 'seed', 'runs', 'simulatedSeconds', 'events', 'migrations', 'downtime', 'storage', 'stalled', 'gates']) expect(r).toHaveProperty(key);
    for (const key of ['started', 'completed', 'failed', 'maxInFlight']) expect(r['migrations']).toHaveProperty(key);
    for (const key of ['degradedVolumesMax', 'resyncTiB', 'quorumLost']) expect(r['storage']).toHaveProperty(key);
    expect(r['ok']).toBe(true);
    expect(r['downtime']).toMatchObject({ vms: 0, vmSeconds: 0 });
    expect(r['migrations']['started']).toBeGreaterThan(12_000);
    expect(r['migrations']['started']).toBeLessThan(14_000);
    expect(r['stalled']).toBeNull();
    expect(r['run']['series']['inFlightMigrations'].length).toBeGreaterThan(1000);
    expect(r).not.toHaveProperty('timings');
    const b = cli(['simulate', 'scenarios/vmo-ra-64.yaml', '--drill', 'repave-all', '--seed', '1', '--json']);
    expect(b.stdout).toBe(a.stdout);
  });

  it('gives the same node-failure set on 1 and 2 workers, and merged from 2 shards', () => {
    const base = ['simulate', 'scenarios/vmo-ra-64.yaml', '--drill', 'node-failure', '--runs', '200'];
    const one = cli([...base, '--workers', '1', '--json']);
    const two = cli([...base, '--workers', '2', '--json']);
    expect(one.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const dir = mkdtempSync(join(tmpdir(), 'vmo-twin-shards-'));
    for (const i of [0, 1]) expect(cli([...base, '--shard', `${i}/2`, '--out', join(dir, `part-${i}.json`)]).status).toBe(0);
    const merged = cli(['merge', join(dir, 'part-1.json'), join(dir, 'part-0.json'), '--json']);
    expect(merged.status).toBe(0);
    expect(merged.stdout).toBe(one.stdout);
    const r = JSON.parse(one.stdout) as { runs: number; perRun: unknown[]; percentiles: Record<string, unknown> };
    expect(r.runs).toBe(200);
    expect(r.perRun).toHaveLength(200);
    expect(Object.keys(r.percentiles)).toContain('downtimeVms');
  });

  it('exits 1 when a gate fails and prints the failing gate', () => {
    const r = cli(['simulate', 'scenarios/vmo-ra-64.yaml', '--drill', 'zone-failure']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/✗ portworx-quorum-kept/);
    expect(r.stdout).toContain('FAIL');
  });

  it('refuses a site with errors unless --force, and names unknown drills', () => {
    expect(cli(['simulate', 'scenarios/minimal-5.yaml', '--drill', 'repave-all', '--set', 'kubernetes.podCidr=100.64.0.0/21']).status).toBe(1);
    const forced = cli(['simulate', 'scenarios/minimal-5.yaml', '--drill', 'repave-all', '--set', 'kubernetes.podCidr=100.64.0.0/21', '--force', '--json']);
    expect(forced.status).toBe(1);
    expect((JSON.parse(forced.stdout) as { stalled: { code: string } }).stalled.code).toBe('no-free-pod-block');
    const bad = cli(['simulate', 'scenarios/minimal-5.yaml', '--drill', 'repave-al']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('did you mean repave-all');
  });

  it('adds wall-clock figures only with --timings', () => {
    const r = JSON.parse(cli(['simulate', 'scenarios/minimal-5.yaml', '--drill', 'node-failure', '--json', '--timings']).stdout) as { timings?: { wallSeconds: number } };
    expect(r.timings?.wallSeconds).toBeGreaterThan(0);
  });

  it('emits an Indexed Job of shards and a merge Job', () => {
    const r = cli(['simulate', 'scenarios/vmo-ra-64.yaml', '--drill', 'node-failure', '--runs', '1000', '--emit-job', '--shards', '8']);
    expect(r.status).toBe(0);
    const docs = parseAllDocuments(r.stdout).map((d) => d.toJS() as Record<string, any>);
    expect(docs.map((d) => d['kind'])).toEqual(['ConfigMap', 'PersistentVolumeClaim', 'Job', 'Job']);
    const shards = docs[2] as Record<string, any>;
    expect(shards['spec']).toMatchObject({ completionMode: 'Indexed', completions: 8 });
    expect(shards['spec']['template']['spec']['containers'][0]['args']).toContain('$(SHARD_INDEX)/8');
    expect(docs[0]?.['data']['site.yaml']).toContain('vmo-ra-64');
  });

  it('merge refuses what is not a part file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmo-twin-merge-'));
    const r = cli(['merge', join(dir, 'nope.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is not a readable JSON part file');
  });
});
