/**
 * `vmo-twin plan` through the built CLI: the acceptance commands (plan, then validate and
 * simulate what it wrote), the JSON contract, the replay line, and the exit statuses.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);
const dir = mkdtempSync(join(tmpdir(), 'vmo-twin-plan-'));

describe('vmo-twin plan', () => {
  it('plans the reference demand; validate exits 0 on what it wrote and simulate passes repave-all', () => {
    const out = join(dir, 'p.yaml');
    const plan = cli(['plan', 'scenarios/demand-ra.yaml', '--out', out]);
    expect(plan.status).toBe(0);
    noStack(plan.stderr);
    expect(plan.stdout).toMatch(/chosen {2}\d+ × worker-2u workers/);
    expect(plan.stdout).toContain('repave-all  PASS');
    expect(readFileSync(out, 'utf8')).toMatch(/^# Planned by `vmo-twin plan`/);
    const v = cli(['validate', out]);
    expect(v.status).toBe(0);
    expect(v.stdout).toContain('valid, no findings');
    const s = cli(['simulate', out, '--drill', 'repave-all']);
    expect(s.status).toBe(0);
    expect(s.stdout).toContain('PASS: every gate held');
  });

  it('gives chosen, candidates, classes, proof and the site text as deterministic JSON', () => {
    const a = cli(['plan', 'scenarios/demand-ra.yaml', '--json']);
    expect(a.status).toBe(0);
    const r = JSON.parse(a.stdout) as Record<string, any>;
    for (const key of ['ok', 'chosen', 'candidates', 'classes', 'proof', 'siteText']) expect(r).toHaveProperty(key);
    expect(r['ok']).toBe(true);
    for (const key of ['hardware', 'workers', 'controlPlane', 'podCidr', 'serviceCidr', 'dataDrives', 'maxStorageNodes', 'size']) expect(r['chosen']).toHaveProperty(key);
    expect(r['proof'][0]).toMatchObject({ drill: 'repave-all', ok: true, seed: 1, runs: 1 });
    expect(r['candidates'].at(-1)).toMatchObject({ ok: true, stage: 'drills', replay: null });
    expect(cli(['plan', 'scenarios/demand-ra.yaml', '--json']).stdout).toBe(a.stdout);
  });

  it('prints a replay line for a failed candidate that rebuilds it and shows the failing drill', () => {
    const r = JSON.parse(cli(['plan', 'scenarios/demand-two-classes.yaml', '--json', '--runs', '2']).stdout) as { candidates: Array<{ binding: { kind: string } | null; replay: string | null }> };
    const failed = r.candidates.find((c) => c.binding?.kind === 'drill');
    expect(failed?.replay).toMatch(/^vmo-twin plan scenarios\/demand-two-classes\.yaml --hardware worker-1u --worker-count \d+ --drills repave-all --seed \d+ --runs 1$/);
    const replay = cli((failed?.replay as string).split(' ').slice(1));
    expect(replay.status).toBe(1);
    expect(replay.stdout).toContain('FAIL: 1 gate failed');
    expect(replay.stdout).toContain('cannot be met');
  });

  it('takes one value per --set, so a --set before the demand leaves the demand alone (as every site command does)', () => {
    const r = cli(['plan', '--set', 'storage.array.usable=800Ti', 'test/fixtures/robust/demand.yaml', '--base', 'scenarios/minimal-5.yaml', '--drills', 'none', '--json']);
    expect(r.stderr).not.toContain('Not enough non-option arguments');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).chosen.name).toBe('robust-small');
  });

  it('exits 1 and says why when the demand cannot be met, writing nothing', () => {
    const demand = join(dir, 'huge.yaml');
    writeFileSync(demand, 'apiVersion: vmo-twin/v1\nkind: Demand\nmetadata: { name: huge }\nworkloads:\n  vmClasses:\n    - { name: whale, vcpu: 32, memory: 4Ti, disk: 1Ti, count: 1 }\n');
    const out = join(dir, 'never.yaml');
    const r = cli(['plan', demand, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('cannot be met: a whale VM needs 4.0 TiB');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 with line and column on a bad demand, and on a site given as the demand', () => {
    const demand = join(dir, 'bad.yaml');
    writeFileSync(demand, 'apiVersion: vmo-twin/v1\nkind: Demand\nmetadata: { name: bad }\nworkloads:\n  vmClasses:\n    - { name: a, vcpu: 2, memory: 4GG, disk: 1Gi, count: 1 }\n');
    const r = cli(['plan', demand]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${demand}:6:35: error[invalid-quantity] workloads.vmClasses[0].memory`);
    noStack(r.stderr);
    const site = cli(['plan', 'scenarios/vmo-ra-64.yaml']);
    expect(site.status).toBe(2);
    expect(site.stderr).toContain('is a Site, not a Demand');
  });

  it('writes the chosen plan\'s files with --export, the same bytes as vmo-twin export of the written site', () => {
    const out = join(dir, 'exported');
    const site = join(dir, 'exported-site.yaml');
    const r = cli(['plan', 'scenarios/demand-edge.yaml', '--base', 'scenarios/minimal-5.yaml', '--out', site, '--export', out, '--format', 'maas', '--format', 'palette']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`wrote ${out}/maas/plan.json`);
    expect(r.stdout).toMatch(new RegExp(`exported \\d+ files of the chosen site to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const again = cli(['export', site, '--format', 'maas', '--out', out, '--check']);
    expect(again.status, again.stdout).toBe(0);
    expect(cli(['export', site, '--format', 'palette', '--out', out, '--check']).status).toBe(0);
  });

  it('refuses an --export format that does not exist (exit 2) before searching', () => {
    const r = cli(['plan', 'scenarios/demand-ra.yaml', '--export', join(dir, 'out'), '--format', 'helm']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--format helm: not a format');
    expect(r.stdout).toBe('');
  });

  it('finds a demand\'s own drill file next to it', () => {
    const sub = mkdtempSync(join(dir, 'own-'));
    writeFileSync(join(sub, 'my-failure.yaml'), readFileSync('scenarios/drills/node-failure.yaml', 'utf8').replace('name: node-failure', 'name: my-failure'));
    writeFileSync(join(sub, 'd.yaml'), 'apiVersion: vmo-twin/v1\nkind: Demand\nmetadata: { name: own }\nworkloads:\n  vmClasses:\n    - { name: a, vcpu: 2, memory: 4Gi, disk: 10Gi, count: 100, vlan: 21 }\ndrills: [my-failure.yaml]\nruns: 3\n');
    const r = cli(['plan', join(sub, 'd.yaml'), '--base', 'scenarios/minimal-5.yaml', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { proof: Array<{ drill: string; runs: number; ok: boolean }> };
    expect(out.proof.map((p) => [p.drill, p.runs, p.ok])).toEqual([['my-failure', 3, true]]);
  });

  it('names an unknown drill and an unknown hardware class', () => {
    const d = cli(['plan', 'scenarios/demand-ra.yaml', '--drills', 'repave-al']);
    expect(d.status).toBe(2);
    expect(d.stderr).toContain('did you mean repave-all');
    const h = cli(['plan', 'scenarios/demand-ra.yaml', '--hardware', 'worker-2x']);
    expect(h.status).toBe(2);
    expect(h.stderr).toContain('did you mean worker-2u');
  });

  it('teaches its options in --help', () => {
    const r = cli(['plan', '--help']);
    expect(r.status).toBe(0);
    for (const opt of ['--base', '--hardware', '--tolerate', '--drills', '--runs', '--growth', '--out', '--worker-count', '--export']) expect(r.stdout).toContain(opt);
    expect(r.stdout).toContain('vmo-twin plan scenarios/demand-ra.yaml --out');
    expect(r.stdout).toContain('Exit status: 0 a plan passed every check, 1 the demand cannot be met');
  });
});
