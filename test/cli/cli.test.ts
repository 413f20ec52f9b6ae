/**
 * The built CLI, run as users run it: exit codes, stdout/stderr, no stack traces.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, STACK } from '../helpers/cli.js';

const noStack = (s: string) => expect(s).not.toMatch(STACK);

describe('vmo-twin validate', () => {
  for (const name of ['vmo-ra-64', 'vmo-ra-2nic', 'vmo-ra-128', 'minimal-5']) {
    it(`exits 0 on scenarios/${name}.yaml`, () => {
      const r = cli(['validate', `scenarios/${name}.yaml`]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  }
  it('exits 1 with pod-cidr-too-small naming /17 + /17 for 124 workers', () => {
    const r = cli(['validate', 'scenarios/vmo-ra-64.yaml', '--set', 'nodes.workers.count=124', '--json']);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { ok: boolean; diagnostics: Array<Record<string, unknown>> };
    expect(out.ok).toBe(false);
    const d = out.diagnostics.find((x) => x['code'] === 'pod-cidr-too-small');
    expect(d?.['fix']).toMatchObject({ podCidr: '100.64.0.0/17', serviceCidr: '100.64.128.0/17' });
    expect(Object.keys(d ?? {}).sort()).toEqual(['code', 'column', 'fix', 'hint', 'line', 'message', 'path', 'severity']);
  });
  it('prints compiler-style human output with the source line', () => {
    const r = cli(['validate', 'scenarios/vmo-ra-64.yaml', '--set', 'nodes.workers.count=124']);
    expect(r.stdout).toMatch(/scenarios\/vmo-ra-64\.yaml:\d+:\d+: error\[pod-cidr-too-small\] kubernetes\.podCidr/);
    expect(r.stdout).toContain('fix:  --set kubernetes.podCidr=100.64.0.0/17 --set kubernetes.serviceCidr=100.64.128.0/17');
  });
  it('gives byte-identical JSON on repeated runs', () => {
    const a = cli(['validate', 'scenarios/vmo-ra-64.yaml', '--json']).stdout;
    expect(cli(['validate', 'scenarios/vmo-ra-64.yaml', '--json']).stdout).toBe(a);
  });

  describe('on bad input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmo-twin-cli-'));
    const write = (name: string, text: string) => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    };
    const cases: Array<[string, string, string]> = [
      ['not YAML', write('bad.yaml', 'kubernetes: [unclosed\n'), 'yaml-syntax'],
      ['a directory', dir, 'not-a-file'],
      ['an empty file', write('empty.yaml', ''), 'file-empty'],
      ['wrong types', write('types.yaml', 'apiVersion: vmo-twin/v1\nkind: Site\nmetadata: { name: x }\nhardware: 7\nnodes: []\nnetworks: {}\nhostNetwork: {}\nstorage: {}\n'), 'wrong-type'],
      ['negative counts', write('neg.yaml', 'apiVersion: vmo-twin/v1\nkind: Site\nmetadata: { name: x }\nhardware: { w: { cores: 8, memory: 8Gi } }\nnodes: { controlPlane: { count: -3, hardware: w }, workers: { count: 5, hardware: w } }\nnetworks: { pxe: { cidr: 10.0.0.0/24 } }\nhostNetwork: {}\nstorage: { array: { model: x, protocol: fc, usable: 1Ti } }\n'), 'out-of-range'],
      ['an invalid CIDR', write('cidr.yaml', 'apiVersion: vmo-twin/v1\nkind: Site\nmetadata: { name: x }\nhardware: { w: { cores: 8, memory: 8Gi } }\nnodes: { controlPlane: { count: 3, hardware: w }, workers: { count: 5, hardware: w } }\nnetworks: { pxe: { cidr: 300.1.2.3/33 } }\nhostNetwork: {}\nstorage: { array: { model: x, protocol: fc, usable: 1Ti } }\n'), 'invalid-cidr'],
      ['a missing file', join(dir, 'missing.yaml'), 'file-not-found'],
    ];
    for (const [what, file, code] of cases) {
      it(`exits 2 for ${what}, with ${code} and no stack trace`, () => {
        const r = cli(['validate', file]);
        expect(r.status).toBe(2);
        expect(r.stdout).toContain(`error[${code}]`);
        expect(r.stdout).toContain('hint:');
        noStack(r.stdout + r.stderr);
        const j = cli(['validate', file, '--json']);
        expect(j.status).toBe(2);
        expect((JSON.parse(j.stdout) as { diagnostics: Array<{ code: string }> }).diagnostics.map((d) => d.code)).toContain(code);
      });
    }
    it('exits 2 for a --set path that does not exist, naming the nearest', () => {
      const r = cli(['validate', 'scenarios/minimal-5.yaml', '--set', 'kubernetes.podCIDR=10.0.0.0/16']);
      expect(r.status).toBe(2);
      expect(r.stdout).toContain('set-path-unknown');
      expect(r.stdout).toContain('kubernetes.podCidr');
    });
    it('exits 2 with a usage message for an unknown command or option', () => {
      for (const args of [['frobnicate'], ['validate'], ['validate', 'scenarios/minimal-5.yaml', '--bogus']]) {
        const r = cli(args);
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/error: /);
        noStack(r.stderr);
      }
    });
  });
});

describe('vmo-twin size', () => {
  it('gives the reference figures as JSON', () => {
    const r = cli(['size', 'scenarios/vmo-ra-64.yaml', '--json']);
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
    expect(s['podCidr']).toMatchObject({ blocks: 64, spareBlocks: 1 });
    expect(s['nodes']).toMatchObject({ active: 63 });
    expect(s['pods']).toMatchObject({ perNode: 250, capacity: 15_750, overhead: 688, availableForVms: 15_062 });
    expect(s['vms']).toMatchObject({ requested: 12_500, bindingConstraint: 'memory' });
    expect(typeof s['vms']?.['capacity']).toBe('number');
    expect(typeof s['vms']?.['perNodeAverage']).toBe('number');
    expect(s['controlPlane']).toMatchObject({ recommendedCores: 8, recommendedMemoryGiB: 32 });
    expect(s['storage']).toMatchObject({ portworxPoolTiB: 1200 });
    expect(typeof s['storage']?.['usedTiB']).toBe('number');
    expect(typeof s['headroom']?.['nodeFailuresTolerated']).toBe('number');
  });
  it('takes --set before the site file, one value per --set', () => {
    const r = cli(['size', '--set', 'nodes.workers.count=40', '--set', 'workloads.vmClasses[0].count=100', 'scenarios/vmo-ra-64.yaml', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { nodes: { workers: number }; vms: { requested: number } })).toMatchObject({ nodes: { workers: 40 }, vms: { requested: 5600 } });
  });
  it('refuses a site with errors unless --force', () => {
    expect(cli(['size', 'scenarios/minimal-5.yaml', '--set', 'maas.eraseDisksOnRelease=true']).status).toBe(1);
    expect(cli(['size', 'scenarios/minimal-5.yaml', '--set', 'maas.eraseDisksOnRelease=true', '--force']).status).toBe(0);
  });
});

describe('vmo-twin demo, explain, --help', () => {
  it('demo prints a summary of the reference scenario', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmo-twin-demo-'));
    const r = cli(['demo'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('vmo-ra-64');
    expect(r.stdout).toContain('15,062');
  });
  it('explain lists every code and explains one', () => {
    expect(cli(['explain']).stdout).toContain('vlan-captured-by-bond');
    expect(cli(['explain', 'pod-cidr-too-smal']).status).toBe(2);
  });
  it('--help of the program teaches with examples of the main commands', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Examples:');
    for (const c of ['demo', 'validate', 'size', 'report']) expect(r.stdout).toContain(`vmo-twin ${c} `);
  });
  it('--help teaches with examples on every command', () => {
    for (const c of ['validate', 'size', 'explain', 'demo', 'report', 'export', 'simulate', 'merge']) {
      const r = cli([c, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Examples:');
    }
  });
});
