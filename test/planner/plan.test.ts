/**
 * The planner end to end, in-process: the reference demand gives a site that validates and
 * survives a full repave, and one worker fewer does not; 20,000 VMs move the CIDRs; classes are
 * chosen by cost; what cannot be met says why; more demand never yields fewer workers; every
 * plan validates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrsOverlap, parseCidr } from '../../src/model/cidr.js';
import { workerBound } from '../../src/planner/bound.js';
import { simulate } from '../../src/sim/index.js';
import { demandOf, demandText, loadDemand, planned, planText } from '../helpers/plan.js';
import { drillNamed } from '../helpers/sim.js';
import { check, checkScenario } from '../helpers/site.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 8);

/** The chosen site with one worker fewer: validate, then (if it validates) repave-all. */
async function oneFewer(siteText: string, workers: number): Promise<{ codes: string[]; drillOk: boolean | null }> {
  const fewer = check(siteText, [`nodes.workers.count=${workers - 1}`, `storage.portworx.maxStorageNodes=${workers - 1}`]);
  const errors = fewer.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
  if (errors.length || !fewer.twin) return { codes: errors, drillOk: null };
  const r = await simulate(fewer.twin, drillNamed('repave-all'), { seed: 1, runs: 1, workers: 1 });
  if (r.kind !== 'done') throw new Error(r.reason);
  return { codes: [], drillOk: r.result.ok };
}

describe('planning the reference demand (12,500 VMs, 1 failure, repave-all)', async () => {
  const plan = await planned(demandText('demand-ra'));

  it('returns a site that validates with no errors and no warnings', () => {
    const v = check(plan.siteText);
    expect(v.exitCode).toBe(0);
    expect(v.diagnostics).toEqual([]);
  });

  it('proves it by repave-all, and the site passes repave-all when simulated again', async () => {
    expect(plan.proof.map((r) => [r.drill, r.ok])).toEqual([['repave-all', true]]);
    const twin = check(plan.siteText).twin;
    if (!twin) throw new Error('no twin');
    const again = await simulate(twin, drillNamed('repave-all'), { seed: 1, runs: 1, workers: 1 });
    expect(again.kind === 'done' && again.result.ok).toBe(true);
    expect(again.kind === 'done' && again.result.downtime.vms).toBe(0);
  });

  it('is minimal: one worker fewer fails a rule or a drill gate', async () => {
    const r = await oneFewer(plan.siteText, plan.chosen.workers);
    expect(r.codes.length > 0 || r.drillOk === false).toBe(true);
  });

  it('needs fewer workers than the reference\'s 60 for the same VMs, and sizes the rest from the RA', () => {
    const c = plan.chosen;
    expect(c.workers).toBeLessThan(60);
    expect(c.workers).toBeGreaterThanOrEqual(56);
    expect(c.maxStorageNodes).toBe(c.workers);
    expect(c.controlPlane).toMatchObject({ count: 3, cores: 8, memoryGiB: 32, raCores: 8, raMemoryGiB: 32 });
    expect(c.podCidr.cidr).toBe('100.64.0.0/18');
    expect(c.serviceCidr).toBe('100.65.0.0/18');
    expect(c.repaveInterval).toBe('10m');
    expect(c.tolerated).toBeGreaterThanOrEqual(1);
    expect(c.size.storage.poolUtilization).toBeLessThanOrEqual(1);
  });

  it('reports every candidate with what bound it and why the next was tried', () => {
    const [bound, ...rest] = plan.candidates;
    expect(bound).toMatchObject({ stage: 'bound', ok: false, workers: plan.chosen.workers - 1 });
    expect(bound?.binding?.kind).toBe('memory');
    for (const c of plan.candidates) expect(c.next.length).toBeGreaterThan(10);
    expect(rest.at(-1)).toMatchObject({ stage: 'drills', ok: true, workers: plan.chosen.workers });
  });

  it('is deterministic', async () => {
    const again = await planned(demandText('demand-ra'));
    expect(again.siteText).toBe(plan.siteText);
    expect(again.candidates).toEqual(plan.candidates);
  });
});

describe('progress', () => {
  it('counts drill runs up to the runs planned, the total growing as candidates fail', async () => {
    const calls: Array<[number, number]> = [];
    const p = await planned(demandText('demand-two-classes'), { runs: 2, progress: (done, total) => calls.push([done, total]) });
    const simulated = p.candidates.filter((c) => c.stage === 'drills').length;
    expect(calls.length).toBeGreaterThan(0);
    for (const [done, total] of calls) expect(done).toBeLessThanOrEqual(total);
    for (let i = 1; i < calls.length; i++) {
      expect((calls[i] as [number, number])[0]).toBeGreaterThanOrEqual((calls[i - 1] as [number, number])[0]);
      expect((calls[i] as [number, number])[1]).toBeGreaterThanOrEqual((calls[i - 1] as [number, number])[1]);
    }
    const [lastDone, lastTotal] = calls.at(-1) as [number, number];
    expect(lastDone).toBe(lastTotal);
    // Each simulated candidate planned both drills × 2 runs.
    expect(lastTotal).toBe(simulated * 2 * 2);
  });
});

describe('the sizing bound', () => {
  it('is a true lower bound: one worker below it the memory rule fails, at it the site validates', async () => {
    const { demand } = loadDemand(demandText('demand-ra'));
    const base = checkScenario('vmo-ra-64').twin?.site;
    if (!base) throw new Error('base');
    const b = workerBound(base, 'worker-2u', base.hardware.get('worker-2u') as never, demand.workloads, 0);
    if (b.kind !== 'bound') throw new Error(b.reason);
    expect(b.binding).toBe('memory');
    const at = await planText(demandText('demand-ra'), { tolerate: 0, drills: [], workerCount: b.workers });
    expect(at.kind).toBe('planned');
    const below = await planText(demandText('demand-ra'), { tolerate: 0, drills: [], workerCount: b.workers - 1 });
    expect(below.kind).toBe('unmet');
    expect(below.kind === 'unmet' && below.candidates[0]?.binding?.kind).toBe('memory');
  });
});

describe('20,000 VMs of the reference mix', () => {
  const text = demandText('demand-ra').replace('count: 7000', 'count: 11200').replace('count: 4500', 'count: 7200').replace('count: 1000', 'count: 1600');

  it('get a pod CIDR larger than /18 and a service CIDR that does not overlap it', async () => {
    // Four migrations out of a draining worker, so the repave fits the drill's 72 h window.
    const p = await planned(text, { sets: ['kubevirt.migration.parallelOutboundPerNode=4'] });
    const pod = parseCidr(p.chosen.podCidr.cidr);
    const svc = parseCidr(p.chosen.serviceCidr);
    if (!pod.ok || !svc.ok) throw new Error('cidr');
    expect(pod.value.prefix).toBeLessThan(18);
    expect(cidrsOverlap(pod.value, svc.value)).toBe(false);
    expect(p.chosen.podCidr.blocks).toBeGreaterThanOrEqual(p.chosen.workers + 3 + 1);
    expect(check(p.siteText).exitCode).toBe(0);
    expect(p.proof.every((r) => r.ok)).toBe(true);
  });

  it('cannot be met by the bundled repave-all, whose 72 h window more workers only overrun, and says so', async () => {
    const r = await planText(text);
    expect(r.kind).toBe('unmet');
    if (r.kind !== 'unmet') return;
    expect(r.reason).toContain('more workers do not help repave-all');
    expect(r.reason).toContain('completes-within-72h');
    const failed = r.candidates.filter((c) => c.binding?.kind === 'drill');
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(failed.every((c) => c.binding?.kind === 'drill' && c.binding.gate === 'completes-within-72h' && c.binding.seed === 1)).toBe(true);
  });
});

describe('choosing between hardware classes', () => {
  it('searches each class and picks the lower total cost', async () => {
    const p = await planned(demandText('demand-two-classes'), { runs: 2 });
    const byClass = new Map(p.classes.map((c) => [c.hardware, c]));
    expect(byClass.get('worker-1u')?.validates).not.toBeNull();
    expect(byClass.get('worker-2u')?.validates).not.toBeNull();
    const chosen = p.classes.find((c) => c.outcome === 'chosen');
    expect(chosen?.hardware).toBe(p.chosen.hardware);
    expect(p.chosen.totalCost).toBe((p.chosen.unitCost as number) * p.chosen.workers);
    for (const c of p.classes) {
      if (c === chosen) continue;
      // Whatever it was not proven at, its fewest validating count already costs no less.
      expect((c.validates as number) * (c.unitCost as number)).toBeGreaterThanOrEqual(p.chosen.totalCost as number);
    }
  });

  it('refuses a mix of classes with and without a cost', async () => {
    const text = demandText('demand-two-classes').replace('    cost: 14000\n', '');
    const r = await planText(text, { drills: [] });
    expect(r.kind).toBe('invalid');
    expect(r.kind === 'invalid' && r.message).toContain('worker-1u');
  });

  it('names a class that does not exist, with the ones that do', async () => {
    const r = await planText(demandText('demand-ra'), { hardware: ['worker-2x'] });
    expect(r.kind === 'invalid' && r.hint).toContain('did you mean worker-2u');
  });
});

describe('a demand that cannot be met', () => {
  it('says which VM is larger than any worker', async () => {
    const r = await planText(demandOf(['{ name: huge, vcpu: 8, memory: 2Ti, disk: 10Gi, count: 2 }']));
    expect(r.kind).toBe('unmet');
    expect(r.kind === 'unmet' && r.reason).toMatch(/a huge VM needs 2\.0 TiB .* worker-2u worker has 1\.5 TiB allocatable/);
  });

  it('stops at a rule more workers cannot cure, naming it', async () => {
    const r = await planText(demandOf(['{ name: far, vcpu: 2, memory: 4Gi, disk: 10Gi, count: 10, vlan: 500 }']), { drills: [] });
    expect(r.kind).toBe('unmet');
    expect(r.kind === 'unmet' && r.reason).toContain('vm-vlan-out-of-range');
  });

  it('stops at an even KVDB count in the base at once: more workers cannot make it odd (found by fuzzing: the search climbed to thousands of workers)', async () => {
    const r = await planText(demandOf(['{ name: small, vcpu: 2, memory: 4Gi, disk: 10Gi, count: 20 }']), { drills: [], sets: ['storage.portworx.kvdbNodes=4'] });
    expect(r.kind).toBe('unmet');
    expect(r.kind === 'unmet' && r.reason).toBe('more workers cannot cure portworx-kvdb-nodes: it is in the base site or the demand');
    expect(r.kind === 'unmet' && r.candidates.filter((c) => c.stage === 'validate')).toHaveLength(1);
  });

  it('says where the base names a worker class it does not define, as validate would', async () => {
    const r = await planText(demandOf(['{ name: small, vcpu: 2, memory: 4Gi, disk: 10Gi, count: 20 }']), { drills: [], sets: ['nodes.workers.hardware=worker-9u'] });
    expect(r.kind).toBe('invalid');
    expect(r.kind === 'invalid' && r.message).toContain('no hardware class "worker-9u"');
    expect(r.kind === 'invalid' && r.diagnostics.map((d) => [d.code, d.path, d.set])).toEqual([['unknown-reference', 'nodes.workers.hardware', 'nodes.workers.hardware=worker-9u']]);
  });

  it('stops at a stall more workers cannot end: a surge repave with no spare machine', async () => {
    const r = await planText(demandText('demand-ra'), { sets: ['nodes.workers.updateStrategy=RollingUpdateScaleOut'] });
    expect(r.kind).toBe('unmet');
    expect(r.kind === 'unmet' && r.reason).toContain('no-free-machine');
    expect(r.kind === 'unmet' && r.candidates.filter((c) => c.stage === 'drills')).toHaveLength(1);
  });

  it('stops at an array too small for the disks: the array is the base\'s', async () => {
    const r = await planText(demandText('demand-ra'), { drills: [], sets: ['storage.array.usable=100Ti'] });
    expect(r.kind === 'unmet' && r.reason).toContain('storage-exceeds-capacity');
  });
});

describe('properties of the planner', () => {
  // Small demands on the reference's smallest site, proven by a node failure: fast enough to run many.
  const vmClass = fc.record({
    vcpu: fc.integer({ min: 1, max: 16 }),
    memGi: fc.integer({ min: 1, max: 64 }),
    diskGi: fc.integer({ min: 0, max: 500 }),
    count: fc.integer({ min: 0, max: 400 }),
    vlan: fc.option(fc.constantFrom(21, 22, 40), { nil: undefined }),
  });
  const demand = fc.record({ classes: fc.array(vmClass, { minLength: 1, maxLength: 3 }), pods: fc.integer({ min: 0, max: 1500 }), tolerate: fc.integer({ min: 0, max: 2 }), growth: fc.integer({ min: 0, max: 200 }) });
  type D = typeof demand extends fc.Arbitrary<infer T> ? T : never;
  const textOf = (d: D): string =>
    demandOf(
      d.classes.map((c, i) => `{ name: c${i}, vcpu: ${c.vcpu}, memory: ${c.memGi}Gi, disk: ${c.diskGi}Gi, count: ${c.count}${c.vlan ? `, vlan: ${c.vlan}` : ''} }`),
      `  containerPods: ${d.pods}\ntolerate: ${d.tolerate}\ngrowth: ${d.growth}\ndrills: [node-failure]\n`,
    );
  const opts = { base: 'minimal-5', sets: ['storage.array.usable=400Ti'] } as const;

  it(`every plan validates with no errors, holds the demand and sizes the pod CIDR for it (${RUNS} runs; FUZZ_RUNS to change)`, async () => {
    let plans = 0;
    await fc.assert(
      fc.asyncProperty(demand, async (d) => {
        const r = await planText(textOf(d), opts);
        if (r.kind === 'unmet') return;
        if (r.kind !== 'planned') throw new Error(r.message);
        plans++;
        const v = check(r.siteText);
        expect(v.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
        const site = v.twin?.site;
        expect(site?.nodes.workers.count).toBe(r.chosen.workers);
        expect(site?.storage.portworx.maxStorageNodes).toBe(r.chosen.workers);
        expect(site?.workloads.vmClasses.map((c) => c.count)).toEqual(d.classes.map((c) => c.count));
        expect(r.chosen.podCidr.blocks).toBeGreaterThanOrEqual(Math.ceil((r.chosen.workers + 3) * (1 + d.growth / 100) - 1e-9) + 1);
        expect(r.chosen.tolerated).toBeGreaterThanOrEqual(d.tolerate);
        expect(r.proof.every((p) => p.ok)).toBe(true);
      }),
      { numRuns: RUNS, seed: 7 },
    );
    // Most generated demands can be met: the property is not vacuous.
    expect(plans).toBeGreaterThan(RUNS / 2);
  });

  it(`more demand never yields fewer workers (${RUNS} runs)`, async () => {
    let pairs = 0;
    await fc.assert(
      fc.asyncProperty(demand, fc.nat({ max: 2 }), fc.integer({ min: 1, max: 300 }), async (d, which, more) => {
        const k = which % d.classes.length;
        const bigger: D = { ...d, classes: d.classes.map((c, i) => (i === k ? { ...c, count: c.count + more } : c)) };
        const a = await planText(textOf(d), opts);
        const b = await planText(textOf(bigger), opts);
        if (a.kind !== 'planned' || b.kind !== 'planned') return;
        pairs++;
        expect(b.chosen.workers).toBeGreaterThanOrEqual(a.chosen.workers);
      }),
      { numRuns: RUNS, seed: 11 },
    );
    expect(pairs).toBeGreaterThan(RUNS / 2);
  });
});
