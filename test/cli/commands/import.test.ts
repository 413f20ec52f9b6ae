/**
 * `vmo-twin import maas` against the fake MAAS: the site it writes loads and validates with
 * only its placeholders as errors; it says what MAAS knows exactly (a MAAS configured by apply
 * imports back to a site whose apply finds nothing to change); it reads one pool; it refuses
 * an empty MAAS; it prints no secret.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { FakeMaas } from '../../fakes/maas.js';
import { STACK } from '../../helpers/cli.js';
import { applyMaas, cliAsync, expectNoSecrets, MAAS_KEY, fakeMaasPerTest, workDir } from '../../helpers/fakes.js';
import { check } from '../../helpers/site.js';

const fake = fakeMaasPerTest();
const importMaas = (f: FakeMaas, cwd: string, args: readonly string[] = []) => cliAsync(['import', 'maas', '--endpoint', f.endpoint, '--retry-delay', '5ms', ...args], { cwd, env: { MAAS_API_KEY: MAAS_KEY } });
const validate = (file: string, cwd: string, sets: readonly string[] = []) => cliAsync(['validate', file, '--json', ...sets.flatMap((s) => ['--set', s])], { cwd });

/** --set arguments that write the real values over the placeholders of an imported site. */
function fill(placeholders: ReadonlyArray<{ path: string }>, values: Readonly<Record<string, string>>): string[] {
  return placeholders.map((p) => {
    const v = Object.entries(values).find(([k]) => p.path.endsWith(k))?.[1];
    if (v === undefined) throw new Error(`no value for placeholder ${p.path}`);
    return `${p.path}=${v}`;
  });
}

describe('import maas of a MAAS that apply configured', () => {
  for (const name of ['minimal-5', 'vmo-ra-2nic']) {
    it(`${name}: writes a site that validates with only placeholders as errors, and whose apply changes nothing`, async () => {
      const f = await fake(name);
      const cwd = workDir();
      expect((await applyMaas(f, name, cwd, ['--yes'])).status).toBe(0);
      const r = await importMaas(f, cwd, ['--name', name]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/imported \d+ machines \(\d+ control plane, \d+ workers\) from http:\/\/127\.0\.0\.1:\d+\/MAAS\/api\/2\.0\//);
      const file = join(cwd, 'site.yaml');
      writeFileSync(file, r.stdout);
      const v = check(r.stdout);
      expect(v.exitCode).toBe(1);
      const errors = v.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.filter((d) => d.code !== 'placeholder')).toEqual([]);
      for (const e of errors) expect(e.line).toBeGreaterThan(0);

      // What MAAS knows comes back exactly: an apply of the imported site (placeholders
      // filled in) finds MAAS already holding it.
      const json = await importMaas(f, cwd, ['--name', name, '--json']);
      const placeholders = (JSON.parse(json.stdout) as { placeholders: Array<{ path: string }> }).placeholders;
      const sets = fill(placeholders, { speed: '16Gbps', 'hbas[1].fabric': 'B', fabric: 'A', cloudAccount: 'maas-site', vmVlans: '"21-100"', model: 'FlashArray//X70', usable: '400Ti' });
      expect(check(r.stdout, sets).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const again = await cliAsync(['apply', 'maas', file, '--endpoint', f.endpoint, '--json', ...sets.flatMap((s) => ['--set', s])], { cwd, env: { MAAS_API_KEY: MAAS_KEY } });
      expect(again.status, again.stdout + again.stderr).toBe(0);
      const objects = (JSON.parse(again.stdout) as { objects: Array<{ id: string; target?: string; status: string }> }).objects;
      expect(objects.filter((o) => o.status !== 'unchanged').map((o) => `${o.status} ${o.id}@${o.target ?? ''}`)).toEqual([]);
      expect(objects.length).toBeGreaterThan(100);
      expectNoSecrets([r.stdout, r.stderr, json.stdout, again.stdout, again.stderr]);
    }, 60_000);
  }
});

describe('import maas of a MAAS fresh from commissioning', () => {
  it('reads cores, memory, NIC speeds, disks and FC HBAs into hardware classes, with the hostnames of each pool', async () => {
    const f = await fake('vmo-ra-64');
    for (const m of f.state.machines) {
      m.pool = m.hostname.startsWith('cp-') ? 'k8s-control' : 'k8s-workers';
      f.state.pools.push({ id: f.id(), name: m.pool, description: '' });
    }
    const cwd = workDir();
    const r = await importMaas(f, cwd, ['--out', join(cwd, 'lab.yaml')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const site = parse(readFileSync(join(cwd, 'lab.yaml'), 'utf8')) as Record<string, Record<string, Record<string, unknown>>>;
    expect(site['nodes']?.['controlPlane']).toMatchObject({ count: 3, spares: 1, hardware: 'cp-8c-32g', resourcePool: 'k8s-control' });
    expect(site['nodes']?.['workers']).toMatchObject({ count: 60, spares: 0, hardware: 'worker-96c-1536g', resourcePool: 'k8s-workers' });
    expect((site['nodes']?.['workers']?.['hostnames'] as string[]).slice(0, 3)).toEqual(['worker-1', 'worker-2', 'worker-3']);
    expect(site['hardware']?.['worker-96c-1536g']).toEqual({
      cores: 96,
      memory: '1536Gi',
      nics: ['enp1s0', 'enp2s0', 'enp1s1', 'enp2s1'].map((n) => ({ name: n, speed: '10Gbps' })),
      hbas: [
        { name: 'hba1', protocol: 'fc', speed: '16Gbps', fabric: 'A' },
        { name: 'hba2', protocol: 'fc', speed: '16Gbps', fabric: 'B' },
      ],
      disks: [{ name: 'sda', size: '480Gi', role: 'os' }],
    });
    // Nothing is configured yet: the site loads, and validate says what is missing (exit 1, never 2).
    const v = await validate(join(cwd, 'lab.yaml'), cwd);
    expect(v.status).toBe(1);
    const codes = new Set((JSON.parse(v.stdout) as { diagnostics: Array<{ code: string }> }).diagnostics.map((d) => d.code));
    expect(codes.has('placeholder')).toBe(true);
  }, 30_000);

  it('marks machines of one pool with other hardware, and reads only the pools asked for', async () => {
    const f = await fake('minimal-5');
    const odd = f.state.machines.find((m) => m.hostname === 'worker-4');
    if (odd) odd.cpuCount = 64;
    for (const m of f.state.machines) m.pool = m.hostname.startsWith('cp-') ? 'vmo-cp' : 'vmo-workers';
    f.state.pools.push({ id: f.id(), name: 'vmo-cp', description: '' }, { id: f.id(), name: 'vmo-workers', description: '' });
    const cwd = workDir();
    const r = await importMaas(f, cwd, ['--pool', 'vmo-workers', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { roles: Record<string, number>; placeholders: Array<{ path: string; message: string }>; validation: { placeholders: number } };
    expect(j.roles).toEqual({ controlPlane: 0, workers: 5 });
    expect(j.placeholders.find((p) => p.path === 'nodes.workers.hardware')?.message).toBe('worker-4 (worker-64c-256g) differs from worker-48c-256g; a pool has one hardware class: split the pool in MAAS or pick the class');
    expect(j.placeholders.find((p) => p.path === 'nodes.controlPlane.count')?.message).toMatch(/^no control-plane machines found in MAAS/);
    expect(j.validation.placeholders).toBe(j.placeholders.length);
    expect(f.server.calls.find((c) => c.path.endsWith('/machines/'))).toBeDefined();
  });

  it('stops with exit 2 when MAAS has no machines in the pool, or is not there', async () => {
    const f = await fake('minimal-5');
    const r = await importMaas(f, workDir(), ['--pool', 'nope']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error: MAAS has no machines in pool nope');
    expect(r.stderr).toContain('hint: check --pool (the resource pool names in MAAS)');
    const gone = await cliAsync(['import', 'maas', '--endpoint', 'http://127.0.0.1:1/MAAS'], { cwd: workDir(), env: { MAAS_API_KEY: MAAS_KEY } });
    expect(gone.status).toBe(2);
    expect(gone.stderr).toContain('error: cannot reach MAAS at http://127.0.0.1:1/MAAS/api/2.0/: connection refused');
    expect(STACK.test(r.stderr + gone.stderr)).toBe(false);
    expectNoSecrets([r.stdout, r.stderr, gone.stdout, gone.stderr]);
  });
});
