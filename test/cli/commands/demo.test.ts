/**
 * `vmo-twin demo` end to end in an empty folder: the ten-line summary ending with the report's
 * path, and the report it writes there.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli.js';

describe('vmo-twin demo', () => {
  it('validates, sizes, runs the drills and writes vmo-twin-report.html in the current folder, in ten lines ending with its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmo-twin-demo-'));
    const r = cli(['demo'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toContain('vmo-twin demo — vmo-ra-64 (63 nodes, 12,500 VMs)');
    expect(lines[7]).toMatch(/^repave-all +✓ passed all 6 gates; \d+\.\d h, 12,\d{3} migrations, 0 VMs down$/);
    expect(lines[8]).toMatch(/^node-failure +✓ passed all 5 gates over 200 runs/);
    const path = join(dir, 'vmo-twin-report.html');
    expect(lines[9]).toMatch(/^report +12 charts, \d+ KiB: /);
    expect(lines[9]?.endsWith(path)).toBe(true);
    const html = readFileSync(path, 'utf8');
    for (const id of ['site', 'diagnostics', 'sizing', 'drill-1-repave-all', 'drill-2-node-failure']) expect(html).toContain(`<section id="${id}"`);
    expect(html).toContain('<code>scenarios/vmo-ra-64.yaml (embedded)</code>');
  });

  it('writes where --out says, and reports the file in --json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmo-twin-demo-'));
    const r = cli(['demo', '--out', 'custom.html', '--json'], { cwd: dir });
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as { report: { path: string; bytes: number; charts: number }; drills: Array<{ drill: string; ok: boolean | null }>; size: { vms: { capacity: number } } };
    expect(j.report.path).toBe(join(dir, 'custom.html'));
    expect(j.report.bytes).toBe(readFileSync(join(dir, 'custom.html')).length);
    expect(j.drills.map((d) => [d.drill, d.ok])).toEqual([['repave-all', true], ['node-failure', true]]);
    expect(j.size.vms.capacity).toBe(13_733);
    expect(existsSync(join(dir, 'vmo-twin-report.html'))).toBe(false);
  });

  it('gives the same report twice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmo-twin-demo-'));
    cli(['demo', '-o', 'a.html'], { cwd: dir });
    cli(['demo', '-o', 'b.html'], { cwd: dir });
    expect(readFileSync(join(dir, 'a.html'), 'utf8') === readFileSync(join(dir, 'b.html'), 'utf8')).toBe(true);
  });
});
