/**
 * Reading site files: positions, unknown keys, --set, and every way input can be unusable.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES, type Code } from '../../src/model/diagnostics.js';
import { loadSiteFile, loadSiteText } from '../../src/model/load.js';
import { check, ROOT, scenarioText } from '../helpers/site.js';

const base = scenarioText('minimal-5');
const codesOf = (text: string, sets: string[] = []) => {
  const r = loadSiteText(text, 'x.yaml', sets);
  return { kind: r.kind, diagnostics: r.diagnostics, codes: r.diagnostics.map((d) => d.code) };
};

describe('loading a site', () => {
  it('decodes quantities into integers in their internal units', () => {
    const r = loadSiteText(base, 'm.yaml');
    expect(r.kind).toBe('loaded');
    if (r.kind !== 'loaded') return;
    expect(r.site.hardware.get('worker-1u')?.memory).toBe(256 * 1024);
    expect(r.site.hardware.get('worker-1u')?.nics[0]?.speed).toBe(10_000);
    expect(r.site.kubernetes.reserved.cpu).toBe(2000);
    expect(r.site.kubevirt.migration.completionTimeoutPerGiB).toBe(150_000);
    expect(r.site.versions.ubuntu).toBe('22.04');
  });

  it('reads JSON as well as YAML', () => {
    const yaml = loadSiteText(base, 'm.yaml');
    if (yaml.kind !== 'loaded') throw new Error('base must load');
    const json = JSON.stringify(yaml.source.doc.toJS());
    expect(check(json, [], 'm.json').exitCode).toBe(0);
  });

  it('points at the line and column of the offending value', () => {
    const text = base.replace('podCidr: 100.64.0.0/18', 'podCidr: 100.64.0.0/33');
    const r = codesOf(text);
    const d = r.diagnostics.find((x) => x.code === 'invalid-cidr');
    const line = text.split('\n').findIndex((l) => l.includes('100.64.0.0/33')) + 1;
    expect(d).toMatchObject({ path: 'kubernetes.podCidr', line });
    expect(d?.column).toBe(text.split('\n')[line - 1]!.indexOf('100.64') + 1);
  });

  it('reports unknown keys with a "did you mean"', () => {
    const r = check(base.replace('  podCidr:', '  podCIDR:'));
    const d = r.diagnostics.find((x) => x.code === 'unknown-key');
    expect(d?.path).toBe('kubernetes.podCIDR');
    expect(d?.hint).toContain('podCidr');
    expect(r.exitCode).toBe(1);
  });
});

describe('--set', () => {
  it('overrides a value before validation and says so in diagnostics', () => {
    const r = check(base, ['kubernetes.podCidr=100.64.0.0/22']);
    const d = r.diagnostics.find((x) => x.code === 'pod-cidr-too-small');
    expect(d?.set).toBe('kubernetes.podCidr=100.64.0.0/22');
    expect(d?.line).toBeUndefined();
  });
  it('parses the value as YAML (numbers, lists, mappings)', () => {
    const r = loadSiteText(base, 'm.yaml', ['nodes.workers.count=7', 'nodes.workers.zone=[az1, az2]', 'hostNetwork.bonds[1].mode=balance-xor']);
    expect(r.kind).toBe('loaded');
    if (r.kind !== 'loaded') return;
    expect(r.site.nodes.workers.count).toBe(7);
    expect(r.site.nodes.workers.zone).toEqual(['az1', 'az2']);
    expect(r.site.hostNetwork.bonds[1]?.mode).toBe('balance-xor');
  });
  it('sets keys the file leaves to their defaults', () => {
    const r = loadSiteText(base, 'm.yaml', ['kubevirt.migration.parallelPerCluster=9']);
    expect(r.kind === 'loaded' && r.site.kubevirt.migration.parallelPerCluster).toBe(9);
  });
  it('refuses a path that does not exist, naming the nearest valid one', () => {
    const r = codesOf(base, ['nodes.wrokers.count=3']);
    expect(r.kind).toBe('unusable');
    expect(r.diagnostics[0]).toMatchObject({ code: 'set-path-unknown' });
    expect(r.diagnostics[0]?.hint).toContain('nodes.workers');
    expect(codesOf(base, ['hostNetwork.bonds[7].mode=1']).codes).toEqual(['set-path-unknown']);
    expect(codesOf(base, ['hardware.worker-2u.cores=8']).diagnostics[0]?.hint).toContain('hardware.worker-1u');
  });
  it('refuses a value of the wrong type with the --set named', () => {
    const r = codesOf(base, ['nodes.workers.count=many']);
    expect(r.kind).toBe('unusable');
    expect(r.diagnostics[0]).toMatchObject({ code: 'wrong-type', path: 'nodes.workers.count', set: 'nodes.workers.count=many' });
  });
  it('refuses an argument that is not PATH=VALUE', () => {
    expect(codesOf(base, ['nodes.workers.count']).codes).toEqual(['set-syntax']);
  });
});

describe('unusable input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vmo-twin-load-'));
  const cases: Array<[string, string, Code]> = [
    ['not YAML', 'kubernetes: [unclosed', 'yaml-syntax'],
    ['a duplicate key', base.replace('metadata:\n', 'metadata:\n  name: x\n'), 'yaml-duplicate-key'],
    ['an alias bomb', 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n', 'yaml-alias-limit'],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`, 'yaml-too-deep'],
    ['a scalar document', 'just words', 'wrong-type'],
    ['another kind', base.replace('kind: Site', 'kind: Cluster'), 'wrong-kind'],
    ['a wrong type', base.replace('cores: 48', 'cores: [48]'), 'wrong-type'],
    ['a missing key', base.replace(/ {2}workers: {6}\{[^}]*\}[^\n]*\n/, ''), 'missing-key'],
    ['a negative count', base.replace('count: 150', 'count: -150'), 'out-of-range'],
    ['a NaN count', base.replace('count: 150', 'count: .nan'), 'out-of-range'],
    ['a huge count', base.replace('count: 150', 'count: 1e30'), 'out-of-range'],
    ['a bad unit', base.replace('memory: 256Gi', 'memory: 256GG'), 'invalid-quantity'],
    ['a negative size', base.replace('memory: 256Gi', 'memory: -1Gi'), 'invalid-quantity'],
    ['swapped units', base.replace('memory: 256Gi', 'memory: 10Gbps'), 'invalid-quantity'],
    ['an invalid CIDR', base.replace('cidr: 192.168.0.0/22', 'cidr: 300.1.2.3/33'), 'invalid-cidr'],
    ['VLAN 0', base.replace('{ id: 10,', '{ id: 0,'), 'invalid-vlan'],
    ['VLAN 4095', base.replace('{ id: 10,', '{ id: 4095,'), 'invalid-vlan'],
    ['an unknown bond mode', base.replace('mode: 802.3ad, interfaces: [enp1s0', 'mode: 802.3az, interfaces: [enp1s0'), 'invalid-enum'],
    ['a bad hostname pattern', base.replace('resourcePool: vmo-workers,', 'resourcePool: vmo-workers, hostnames: "w-{1..5",'), 'invalid-hostnames'],
    ['a bad address', base.replace('10.20.31.1-10.20.31.50', '10.20.31.1-banana'), 'invalid-address'],
  ];
  for (const [what, text, code] of cases) {
    it(`refuses ${what} with ${code} (exit 2)`, () => {
      const r = codesOf(text);
      expect(r.kind).toBe('unusable');
      expect(r.codes).toContain(code);
      expect(CODES[code].stage).toBe('input');
      for (const d of r.diagnostics) expect(d.hint.length).toBeGreaterThan(5);
    });
  }
  it('refuses a missing file, a directory, an empty file and a huge file', () => {
    expect(loadSiteFile(join(dir, 'nope.yaml')).diagnostics[0]?.code).toBe('file-not-found');
    expect(loadSiteFile(dir).diagnostics[0]?.code).toBe('not-a-file');
    writeFileSync(join(dir, 'empty.yaml'), '\n  \n');
    expect(loadSiteFile(join(dir, 'empty.yaml')).diagnostics[0]?.code).toBe('file-empty');
    writeFileSync(join(dir, 'big.yaml'), 'x'.repeat(5 * 1024 * 1024));
    expect(loadSiteFile(join(dir, 'big.yaml')).diagnostics[0]?.code).toBe('file-too-large');
  });
  it('every bundled scenario loads', () => {
    for (const name of ['vmo-ra-64', 'vmo-ra-2nic', 'vmo-ra-128', 'minimal-5']) {
      expect(loadSiteFile(join(ROOT, 'scenarios', `${name}.yaml`)).kind, name).toBe('loaded');
    }
  });
});

describe('the bounds of what vmo-twin computes (LIMITS)', () => {
  // Each of these, at 20 to 1,000,000 times the bound, made a command run for minutes or run
  // out of memory (found by the fuzz's largest values and repeated list items).
  const cases: Array<[string, readonly string[], string]> = [
    ['5,001 workers', ['nodes.workers.count=5001'], 'nodes.workers.count'],
    ['101 spare machines', ['nodes.workers.spares=101'], 'nodes.workers.spares'],
    ['a million and one VMs over two classes', ['workloads.vmClasses[0].count=1000000', 'workloads.vmClasses[1].count=1'], 'workloads.vmClasses'],
    ['65 NICs in a class', [`hardware.worker-1u.nics=[${Array.from({ length: 65 }, (_, i) => `{ name: n${i}, speed: 10Gbps }`).join(', ')}]`], 'hardware.worker-1u.nics'],
    ['65 MetalLB pools', [`metallb.pools=[${Array.from({ length: 65 }, (_, i) => `{ name: p${i}, addresses: ["10.20.31.${i + 1}"] }`).join(', ')}]`], 'metallb.pools'],
    ['257 VLAN interfaces', [`hostNetwork.vlanInterfaces=[${Array.from({ length: 257 }, (_, i) => `{ vlan: ${i + 2}, link: bond_data }`).join(', ')}]`], 'hostNetwork.vlanInterfaces'],
  ];
  for (const [what, sets, path] of cases) {
    it(`refuses ${what} as out-of-range at ${path}, with the bound in the hint`, () => {
      const r = codesOf(base, [...sets]);
      expect(r.kind).toBe('unusable');
      const d = r.diagnostics.find((x) => x.code === 'out-of-range' && x.path === path);
      expect(d, r.diagnostics.map((x) => `${x.code}@${x.path}`).join(', ')).toBeDefined();
      expect(d?.hint).toMatch(/\d/);
    });
  }
  it('accepts the bounds themselves', () => {
    expect(codesOf(base, ['nodes.workers.count=5000', 'nodes.workers.spares=100', 'workloads.vmClasses[0].count=999960']).kind).toBe('loaded');
  });
});

describe('--set through a value that is not a mapping (found by the mutated-site fuzz: "internal error: Expected YAML collection at metadata")', () => {
  it('refuses it as wrong-type at the value in the way, naming the --set and the line', () => {
    const text = base.replace(/metadata:\n(  .*\n)+/, 'metadata: word\n');
    expect(text).toContain('metadata: word');
    const r = codesOf(text, ['metadata.name=x']);
    expect(r.kind).toBe('unusable');
    expect(r.diagnostics[0]).toMatchObject({ code: 'wrong-type', path: 'metadata', set: 'metadata.name=x' });
    expect(r.diagnostics[0]?.line).toBe(text.split('\n').indexOf('metadata: word') + 1);
  });
  it('refuses a list in the way of a key the same way', () => {
    const r = codesOf(base, ['storage.portworx.dataDrives=[a, list]', 'storage.portworx.dataDrives.size=2Ti']);
    expect(r.kind).toBe('unusable');
    expect(r.diagnostics[0]).toMatchObject({ code: 'wrong-type', path: 'storage.portworx.dataDrives', set: 'storage.portworx.dataDrives.size=2Ti' });
  });
  it('fills an empty value on the way', () => {
    const text = base.replace(/metadata:\n(  .*\n)+/, 'metadata:\n');
    const r = loadSiteText(text, 'm.yaml', ['metadata.name=filled']);
    expect(r.kind === 'loaded' && r.site.metadata.name).toBe('filled');
  });
});
