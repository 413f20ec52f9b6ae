/**
 * `vmo-twin report`, run as users run it: the file it writes, its exit status, its summary and
 * --json manifest, and its refusals (exit 2, a message, no stack trace, no file).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, STACK } from '../../helpers/cli.js';
import { referenceFixtures, writeFixtureFiles } from '../../helpers/report.js';

const out = mkdtempSync(join(tmpdir(), 'vmo-twin-report-'));
const SITE = 'scenarios/vmo-ra-64.yaml';

describe('vmo-twin report', () => {
  const files = writeFixtureFiles();
  const { nodeFailure } = referenceFixtures();

  it('writes the site, validation and sizing sections, and says where', () => {
    const file = join(out, 'site-only.html');
    const r = cli(['report', SITE, '--out', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`report  ${file} (`);
    expect(r.stdout).toContain('drills  none: add --results FILE.json');
    const html = readFileSync(file, 'utf8');
    for (const id of ['site', 'diagnostics', 'sizing', 'drills']) expect(html).toContain(`<section id="${id}"`);
    expect(html).toContain('add `--results repave.json` to the report command');
  });

  it('adds a section per results file, exits 1 when a drill failed a gate, and gives equal bytes for equal input', () => {
    const a = join(out, 'a.html');
    const b = join(out, 'b.html');
    const r = cli(['report', SITE, '--results', files.repave, '-r', files.nodeFailure, '--out', a]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/drill {3}repave-all: ✓ passed all 6 gates; 40\.\d h, 12,\d{3} migrations, 0 VMs down/);
    expect(r.stdout).toContain(`drill   node-failure: ✗ 1 of 5 gates failed (vms-back-within-8m40s) over ${nodeFailure.runs} runs`);
    expect(cli(['report', SITE, '-r', files.repave, '-r', files.nodeFailure, '-o', b]).status).toBe(1);
    const html = readFileSync(a, 'utf8');
    expect(readFileSync(b, 'utf8') === html).toBe(true);
    expect(html.includes('<section id="drill-1-repave-all"')).toBe(true);
    expect(html.includes('<section id="drill-2-node-failure"')).toBe(true);
  });

  it('exits 0 with only passing drills, and takes --results before the site file', () => {
    const r = cli(['report', '--results', files.repave, SITE, '--out', join(out, 'pass.html')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('prints a manifest of sections and charts with --json', () => {
    const file = join(out, 'json.html');
    const r = cli(['report', SITE, '-r', files.repave, '-o', file, '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as { ok: boolean; out: string; bytes: number; sections: Array<{ id: string }>; charts: Array<{ id: string; kind: string; series: Array<{ points: number }> }>; drills: unknown[] };
    expect(j.ok).toBe(true);
    expect(j.out).toBe(file);
    expect(j.bytes).toBe(readFileSync(file).length);
    expect(j.sections.map((s) => s.id)).toEqual(['site', 'diagnostics', 'sizing', 'drill-1-repave-all']);
    expect(j.charts.map((c) => c.kind)).toEqual(['capacity', 'gantt', 'migrations', 'heatmap', 'storage']);
    expect(j.drills).toEqual([{ drill: 'repave-all', ok: true, runs: 1, seed: 1, failedGates: [] }]);
    expect(Object.keys(j)).toEqual([...Object.keys(j)].sort());
  });

  it('writes the HTML to stdout with --out -, and its summary to stderr', () => {
    const r = cli(['report', SITE, '--out', '-']);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(r.stdout.trimEnd().endsWith('</html>')).toBe(true);
    expect(r.stderr).toContain('report  stdout (');
  });

  it('writes a report of a site with errors, and exits 1', () => {
    const file = join(out, 'errors.html');
    const r = cli(['report', SITE, '--set', 'nodes.workers.count=124', '-o', file]);
    expect(r.status).toBe(1);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('data-code="pod-cidr-too-small" data-severity="error"');
    expect(html).toContain('<code>--set nodes.workers.count=124</code>');
  });

  const refusals: Array<[string, string[], RegExp]> = [
    ['a drill that does not exist', ['--drill', 'repave-al'], /error: there is no drill "repave-al" \(not a bundled drill, not a file\)\n {2}hint: did you mean repave-all\?/],
    ['a results file of another site', ['-r', 'OTHER'], /is a drill of site "vmo-ra-128", not of "vmo-ra-64"/],
    ['a results file of another shape', ['-r', 'BROKEN'], /results file .*broken\.json is not a drill result: run\.series is missing/],
    ['a results file that does not exist', ['-r', join(out, 'missing.json')], /cannot read results file .*missing\.json: there is no such file/],
    ['--runs 0', ['--runs', '0'], /--runs 0 is not a whole number of runs ≥ 1/],
    ['--out - with --json', ['--json', '--out', '-'], /--out - and --json both want stdout/],
  ];
  for (const [what, args, message] of refusals) {
    it(`refuses ${what}: exit 2, a message, no file`, () => {
      const file = join(out, `refused-${what.replace(/\W+/g, '-')}.html`);
      const fixed = args.map((a) => (a === 'OTHER' ? writeOther() : a === 'BROKEN' ? writeBroken() : a));
      const r = cli(['report', SITE, ...(fixed.includes('--out') ? [] : ['--out', file]), ...fixed]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr + r.stdout).not.toMatch(STACK);
      expect(existsSync(file)).toBe(false);
    });
  }

  it('refuses a folder that does not exist, and a missing --out', () => {
    const r = cli(['report', SITE, '--out', join(out, 'no', 'such', 'dir', 'r.html')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot write .*r\.html: the folder .*dir does not exist/);
    const m = cli(['report', SITE]);
    expect(m.status).toBe(2);
    expect(m.stderr).toContain('--out report.html');
  });

  function writeOther(): string {
    const p = join(files.dir, 'other.json');
    const r = JSON.parse(readFileSync(files.repave, 'utf8')) as { site: string };
    r.site = 'vmo-ra-128';
    writeFileSync(p, JSON.stringify(r));
    return p;
  }
  function writeBroken(): string {
    const p = join(files.dir, 'broken.json');
    const r = JSON.parse(readFileSync(files.repave, 'utf8')) as { run: Record<string, unknown> };
    delete r.run['series'];
    writeFileSync(p, JSON.stringify(r));
    return p;
  }
});
