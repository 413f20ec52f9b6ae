/**
 * The demand file: it reads like a site file's workloads, refuses what it cannot use with the
 * line and column, and tells a site file given in its place apart.
 */
import { describe, expect, it } from 'vitest';
import { loadDemandText, withOverrides } from '../../src/planner/demand.js';
import { demandText } from '../helpers/plan.js';
import { scenarioText } from '../helpers/site.js';

const codes = (text: string) => {
  const r = loadDemandText(text, 'd.yaml');
  return r.kind === 'unusable' ? r.diagnostics : [];
};

describe('the demand file', () => {
  it('reads the reference demand: 12,500 VMs in quantities of MiB, 1 failure, repave-all', () => {
    const r = loadDemandText(demandText('demand-ra'), 'demand-ra.yaml');
    expect(r.kind).toBe('loaded');
    if (r.kind !== 'loaded') return;
    const d = r.demand;
    expect(d.metadata.name).toBe('ra-demand');
    expect(d.workloads.vmClasses.map((c) => [c.name, c.vcpu, c.memory, c.disk, c.count, c.vlan ?? null])).toEqual([
      ['small', 2, 4096, 20 * 1024, 7000, 21],
      ['medium', 4, 8192, 50 * 1024, 4500, 22],
      ['large', 8, 16384, 100 * 1024, 1000, null],
    ]);
    expect(d.tolerate).toBe(1);
    expect(d.growth).toBe(0);
    expect(d.drills).toEqual(['repave-all']);
    expect(d.runs).toBe(1);
    expect(d.hardware).toBeUndefined();
  });

  it('reads hardware classes with their cost, in the site file\'s shape', () => {
    const r = loadDemandText(demandText('demand-two-classes'), 'x.yaml');
    expect(r.kind).toBe('loaded');
    if (r.kind !== 'loaded') return;
    expect([...(r.demand.hardware?.entries() ?? [])].map(([k, h]) => [k, h.cores, h.memory, h.cost])).toEqual([
      ['worker-1u', 48, 512 * 1024, 14000],
      ['worker-2u', 96, 1536 * 1024, 38000],
    ]);
  });

  it('defaults to one failure tolerated, no growth, repave-all once', () => {
    const r = loadDemandText('apiVersion: vmo-twin/v1\nkind: Demand\nmetadata: { name: x }\nworkloads: { containerPods: 10 }\n', 'd.yaml');
    expect(r.kind === 'loaded' && [r.demand.tolerate, r.demand.growth, r.demand.drills, r.demand.runs]).toEqual([1, 0, ['repave-all'], 1]);
  });

  it('points at the line and column of a wrong value, and suggests the key meant', () => {
    const text = demandText('demand-ra').replace('vcpu: 4,', 'vcpu: four,').replace('tolerate: 1', 'tolerat: 1');
    const d = codes(text);
    const wrong = d.find((x) => x.code === 'wrong-type');
    expect(wrong?.path).toBe('workloads.vmClasses[1].vcpu');
    const line = text.split('\n').findIndex((l) => l.includes('vcpu: four')) + 1;
    expect(wrong?.line).toBe(line);
    expect(wrong?.column).toBe((text.split('\n')[line - 1] as string).indexOf('four') + 1);
    expect(d.find((x) => x.code === 'unknown-key')?.hint).toContain('"tolerate"');
  });

  it('refuses a site file given where the demand goes, and says how to use it', () => {
    const d = codes(scenarioText('vmo-ra-64'));
    expect(d).toHaveLength(1);
    expect(d[0]?.code).toBe('wrong-kind');
    expect(d[0]?.hint).toContain('--base');
  });

  it('refuses a demand without workloads, bad YAML and an empty file', () => {
    expect(codes('apiVersion: vmo-twin/v1\nkind: Demand\nmetadata: { name: x }\n').map((x) => x.code)).toContain('missing-key');
    expect(codes('workloads: [unclosed').map((x) => x.code)).toContain('yaml-syntax');
    const empty = codes('');
    expect(empty[0]?.code).toBe('file-empty');
    expect(empty[0]?.hint).toContain('demand-ra.yaml');
  });

  it('takes the command line over the file', () => {
    const r = loadDemandText(demandText('demand-ra'), 'd.yaml');
    if (r.kind !== 'loaded') throw new Error('demand');
    expect(withOverrides(r.demand, { tolerate: 2, growth: 50 })).toMatchObject({ tolerate: 2, growth: 50, runs: 1 });
    expect(withOverrides(r.demand, {})).toEqual(r.demand);
  });
});
