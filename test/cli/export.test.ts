/**
 * `vmo-twin export`, run as users run it (the built CLI): deterministic re-exports, --check,
 * refusal of a site with errors, and --set changing exactly the lines it should.
 */
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tree } from '../helpers/cli.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'vmo-twin-export-'));


describe('vmo-twin export', () => {
  it('writes all four formats, and a second run gives identical bytes', () => {
    const dir = tmp();
    const a = cli(['export', 'scenarios/vmo-ra-64.yaml', '--format', 'all', '--out', dir]);
    expect(a.status).toBe(0);
    expect(a.stdout).toMatch(/^wrote 20 files for vmo-ra-64 to .* \(kubernetes 9, palette 5, maas 2, terraform 4\): 20 new, 0 changed, 0 unchanged\n$/);
    const first = tree(dir);
    expect([...new Set([...first.keys()].map((k) => k.split('/')[0]))]).toEqual(['kubernetes', 'maas', 'palette', 'terraform']);
    const b = cli(['export', 'scenarios/vmo-ra-64.yaml', '--format', 'all', '--out', dir]);
    expect(b.stdout).toContain('0 new, 0 changed, 20 unchanged');
    expect(tree(dir)).toEqual(first);
  });

  it('--check passes on a fresh export, then names every missing, changed and extra file and exits 1', () => {
    const dir = tmp();
    expect(cli(['export', 'scenarios/vmo-ra-2nic.yaml', '--format', 'all', '--out', dir]).status).toBe(0);
    const ok = cli(['export', 'scenarios/vmo-ra-2nic.yaml', '--format', 'all', '--out', dir, '--check']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('matches the export of vmo-ra-2nic (20 files)');
    appendFileSync(join(dir, 'palette', 'cluster.json'), ' ');
    rmSync(join(dir, 'maas', 'plan.json'));
    writeFileSync(join(dir, 'kubernetes', 'stale.yaml'), 'x: 1\n');
    const bad = cli(['export', 'scenarios/vmo-ra-2nic.yaml', '--format', 'all', '--out', dir, '--check']);
    expect(bad.status).toBe(1);
    expect(bad.stdout.split('\n').slice(0, 3)).toEqual(['extra    kubernetes/stale.yaml', 'missing  maas/plan.json', 'changed  palette/cluster.json']);
    expect(existsSync(join(dir, 'maas', 'plan.json'))).toBe(false);
    const json = cli(['export', 'scenarios/vmo-ra-2nic.yaml', '--format', 'all', '--out', dir, '--check', '--json']);
    expect(json.status).toBe(1);
    const out = JSON.parse(json.stdout) as { ok: boolean; differences: number; files: Array<{ path: string; status: string }> };
    expect(out).toMatchObject({ ok: false, differences: 3 });
    expect(cli(['export', 'scenarios/vmo-ra-2nic.yaml', '--format', 'all', '--out', dir, '--check', '--json']).stdout).toBe(json.stdout);
    // writing again repairs the directory, removing the extra file
    expect(cli(['export', 'scenarios/vmo-ra-2nic.yaml', '--format', 'all', '--out', dir]).stdout).toContain('1 new, 1 changed, 18 unchanged, 1 removed');
    expect(cli(['export', 'scenarios/vmo-ra-2nic.yaml', '--format', 'all', '--out', dir, '--check']).status).toBe(0);
  });

  it('refuses a site with an error: exit 1, the diagnostic printed, nothing written', () => {
    const dir = join(tmp(), 'out');
    const r = cli(['export', 'scenarios/vmo-ra-64.yaml', '--format', 'all', '--out', dir, '--set', 'maas.eraseDisksOnRelease=true']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error[maas-erase-on-release]');
    expect(r.stderr).not.toContain('--force');
    expect(existsSync(dir)).toBe(false);
  });

  it('writes only the format asked for', () => {
    const dir = tmp();
    expect(cli(['export', 'scenarios/minimal-5.yaml', '--format', 'maas', '--out', dir]).status).toBe(0);
    expect([...tree(dir).keys()]).toEqual(['maas/README.md', 'maas/plan.json']);
  });

  it('--set kubernetes.podCidr changes exactly the pod CIDR lines of the Palette and Terraform output', () => {
    const base = tmp();
    const changed = tmp();
    expect(cli(['export', 'scenarios/vmo-ra-64.yaml', '--format', 'all', '--out', base]).status).toBe(0);
    expect(cli(['export', 'scenarios/vmo-ra-64.yaml', '--format', 'all', '--out', changed, '--set', 'kubernetes.podCidr=100.66.0.0/18']).status).toBe(0);
    const a = tree(base);
    const b = tree(changed);
    const diffs: Array<[string, string, string]> = [];
    for (const [path, text] of a) {
      const x = text.split('\n');
      const y = (b.get(path) ?? '').split('\n');
      expect(y.length, path).toBe(x.length);
      x.forEach((line, i) => {
        if (line !== y[i]) diffs.push([path, line.trim(), (y[i] ?? '').trim()]);
      });
    }
    expect(diffs).toEqual([
      ['palette/cluster.json', '"value": "100.64.0.0/18"', '"value": "100.66.0.0/18"'],
      ['palette/profile-infra.json', '"defaultValue": "100.64.0.0/18",', '"defaultValue": "100.66.0.0/18",'],
      ['terraform/palette.tf', 'default_value = "100.64.0.0/18"', 'default_value = "100.66.0.0/18"'],
      ['terraform/palette.tf', 'podCidr              = "100.64.0.0/18"', 'podCidr              = "100.66.0.0/18"'],
    ]);
  });

  it('exits 2 with a hint when --out is a file', () => {
    const file = join(tmp(), 'f');
    writeFileSync(file, '');
    const r = cli(['export', 'scenarios/minimal-5.yaml', '--format', 'all', '--out', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('hint:');
  });

  it('--help teaches with examples', () => {
    const r = cli(['export', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--check');
  });
});
