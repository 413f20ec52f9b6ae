/**
 * Candidate site files: the base document edited where the plan decides, its comments kept, and
 * the result loading as the site the settings describe.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { loadSiteText } from '../../src/model/load.js';
import { renderCandidate, resizeHostnames, type CandidateSettings } from '../../src/planner/candidate.js';
import { demandText } from '../helpers/plan.js';
import { scenarioText } from '../helpers/site.js';

const settings = (more: Partial<CandidateSettings> = {}): CandidateSettings => ({
  name: 'planned',
  description: 'a test plan',
  workerClass: 'worker-2u',
  workerClassFrom: 'base',
  workers: 42,
  dataDrives: { count: 3, sizeMiB: 8 * 1024 * 1024 },
  podCidr: '100.64.0.0/18',
  serviceCidr: '100.65.0.0/18',
  controlPlaneClass: null,
  repaveIntervalMs: 600_000,
  header: ' the plan header',
  ...more,
});

function render(base: string, demand: string, s: CandidateSettings) {
  const text = renderCandidate({ doc: parseDocument(scenarioText(base)) }, { doc: parseDocument(demandText(demand)) }, s);
  const loaded = loadSiteText(text, 'c.yaml');
  if (loaded.kind !== 'loaded') throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return { text, site: loaded.site };
}

describe('a candidate site file', () => {
  it('carries the settings: workers, drives, CIDRs, maxStorageNodes, repave interval, the demand\'s VMs', () => {
    const { site } = render('vmo-ra-64', 'demand-ra', settings());
    expect(site.metadata.name).toBe('planned');
    expect(site.palette.clusterName).toBe('planned');
    expect(site.nodes.workers.count).toBe(42);
    expect(site.storage.portworx.maxStorageNodes).toBe(42);
    expect(site.storage.portworx.dataDrives).toEqual({ count: 3, size: 8 * 1024 * 1024 });
    expect(site.nodes.workers.repaveInterval).toBe(600_000);
    expect(site.kubernetes.serviceCidr.base).toBe(0x64410000);
    expect(site.workloads.vmClasses.map((c) => c.count)).toEqual([7000, 4500, 1000]);
  });

  it('keeps the base\'s comments and replaces only its heading', () => {
    const { text } = render('vmo-ra-64', 'demand-ra', settings());
    expect(text.startsWith('# the plan header\n')).toBe(true);
    expect(text).toContain('# must stay false: repaves would erase the FlashArray LUNs');
    expect(text).toContain('# vlan: a VM VLAN bridged through br0 (Multus); no vlan: the pod network');
    expect(text).not.toContain("reference architecture's own cluster");
  });

  it('puts a demand\'s worker class in place of the base\'s, and a larger control-plane class in place of the old one', () => {
    const { site } = render('vmo-ra-64', 'demand-two-classes', settings({ workerClass: 'worker-1u', workerClassFrom: 'demand', controlPlaneClass: { name: 'cp-16c-64g', cores: 16, memoryMiB: 64 * 1024 } }));
    expect([...site.hardware.keys()]).toEqual(['cp-16c-64g', 'worker-1u']);
    expect(site.hardware.get('worker-1u')?.cost).toBe(14000);
    expect(site.hardware.get('cp-16c-64g')).toMatchObject({ cores: 16, memory: 64 * 1024 });
    expect(site.hardware.get('cp-16c-64g')?.nics.map((n) => n.name)).toEqual(['enp1s0', 'enp2s0']);
    expect(site.nodes.controlPlane.hardware).toBe('cp-16c-64g');
    expect(site.nodes.workers.hardware).toBe('worker-1u');
  });

  it('rewrites a worker hostname pattern to the new count, cuts a list, drops one too short', () => {
    expect(resizeHostnames('w{01..60}', 42).value).toBe('w{01..42}');
    expect(resizeHostnames(['a-1', 'a-2', 'a-3'], 2).value).toEqual(['a-1', 'a-2']);
    const short = resizeHostnames(['a-1', 'a-2'], 5);
    expect(short.value).toBeNull();
    expect(short.note).toContain('default names');
    const { site } = render('vmo-ra-64', 'demand-ra', settings({ workerHostnames: 'rack1-{1..42}' }));
    expect(site.nodes.workers.hostnames?.length).toBe(42);
  });
});
