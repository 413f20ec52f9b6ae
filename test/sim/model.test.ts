/**
 * Model-based tests: random sequences of operations — drain a worker, fail a machine, evict a
 * VM, add a worker — applied to the engine and to a simple reference model, compared after
 * each one. The engine also checks its own invariants after every event.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DrillRun, M_FAILED, M_READY, VM_DOWN, VM_RUNNING } from '../../src/sim/engine.js';
import { drillSpec, forcedTwin, newRun } from '../helpers/sim.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 60);

/** The reference model: which machines are usable, which VMs must be up, downtime expected. */
interface Model {
  readonly failed: Set<number>;
  readonly drained: Set<number>;
  /** VMs that were running on a machine when it failed: each was down at least once. */
  readonly wentDown: Set<number>;
}

type Real = { run: DrillRun };

const twin = forcedTwin('minimal-5', ['nodes.workers.spares=2', 'workloads.vmClasses[0].count=60', 'workloads.vmClasses[1].count=20', 'storage.portworx.maxStorageNodes=5']);
const workers = Array.from(twin.workers);
const idle = drillSpec('idle', 'horizon: 1000h\nmachineHealthCheck: { enabled: true }');

function runningVms(run: DrillRun): number {
  let n = 0;
  for (let v = 0; v < run.vmState.length; v++) if (run.vmState[v] === VM_RUNNING) n++;
  return n;
}

function compare(m: Model, r: Real): void {
  const run = r.run;
  if (run.stalled) return;
  // Nothing runs on a failed machine or a drained one.
  for (const n of [...m.failed, ...m.drained]) expect(run.vmCount[n], `node ${n}`).toSatisfy((c: number) => run.mState[n] === M_READY || c === 0 || run.mState[n] === M_FAILED);
  for (let v = 0; v < run.vmNode.length; v++) {
    const n = run.vmNode[v] as number;
    if (run.vmState[v] === VM_RUNNING) expect(m.failed.has(n) && run.mState[n] === M_FAILED).toBe(false);
  }
  // Every VM is up unless its disk lost every replica, or no schedulable node could take it.
  for (let v = 0; v < run.vmState.length; v++) {
    if (run.vmState[v] !== VM_DOWN || run.vmIoDown[v]) continue;
    const k = twin.vms.cls[v] as number;
    expect(run.findTarget(k, -1), `VM ${v} is down though a node has room`).toBe(-1);
  }
  expect(run.figures().downtimeVms).toBeGreaterThanOrEqual(m.wentDown.size);
  expect(runningVms(run) + [...run.vmState].filter((s) => s === VM_DOWN).length).toBe(twin.vms.count);
}

class Drain implements fc.Command<Model, Real> {
  constructor(readonly n: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    if (r.run.opDrain(this.n)) m.drained.add(this.n);
    r.run.settle();
    compare(m, r);
  }
  toString = (): string => `drain(${twin.nodes.names[this.n]})`;
}

class Fail implements fc.Command<Model, Real> {
  constructor(readonly n: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const on: number[] = [];
    for (let v = 0; v < r.run.vmNode.length; v++) if (r.run.vmNode[v] === this.n && r.run.vmState[v] !== VM_DOWN) on.push(v);
    if (r.run.opFail(this.n)) {
      m.failed.add(this.n);
      for (const v of on) m.wentDown.add(v);
    }
    r.run.settle();
    compare(m, r);
  }
  toString = (): string => `fail(${twin.nodes.names[this.n]})`;
}

class Evict implements fc.Command<Model, Real> {
  constructor(readonly vm: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const from = r.run.vmNode[this.vm] as number;
    const ok = r.run.opEvict(this.vm);
    r.run.settle();
    if (ok && !r.run.stalled && r.run.vmState[this.vm] === VM_RUNNING && r.run.findTarget(twin.vms.cls[this.vm] as number, from) >= 0) {
      // Migrated away (unless it came back later, which nothing here does).
      expect(r.run.vmNode[this.vm]).not.toBe(from);
    }
    compare(m, r);
  }
  toString = (): string => `evict(vm ${this.vm})`;
}

class AddWorker implements fc.Command<Model, Real> {
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    r.run.opAddWorker();
    r.run.settle();
    compare(m, r);
  }
  toString = (): string => 'addWorker()';
}

describe('the engine against a reference model', () => {
  it(`keeps every promise over random operation sequences (${RUNS} runs; FUZZ_RUNS to change)`, () => {
    const node = fc.constantFrom(...workers);
    const commands = [
      node.map((n) => new Drain(n)),
      node.map((n) => new Fail(n)),
      fc.integer({ min: 0, max: twin.vms.count - 1 }).map((v) => new Evict(v)),
      fc.constant(new AddWorker()),
    ];
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 12 }), fc.integer({ min: 1, max: 1000 }), (cmds, seed) => {
        const model: Model = { failed: new Set(), drained: new Set(), wentDown: new Set() };
        fc.modelRun(() => ({ model, real: { run: newRun(twin, idle, seed) } }), cmds);
      }),
      { numRuns: RUNS },
    );
  });
});
