/**
 * Model-based tests: random sequences of operations — drain a worker, fail a machine (for good
 * or for a while), repair it, evict (live-migrate) a VM, add a worker — applied to the engine
 * and to a simple reference model, compared after each one. The engine also checks its own
 * invariants after every event (test mode).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DrillRun, M_FAILED, M_FREE, M_READY, VM_DOWN, VM_RUNNING } from '../../src/sim/engine.js';
import { drillSpec, forcedTwin, newRun } from '../helpers/sim.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 60);

/** The reference model: which machines are down for good, drained, back; which VMs went down. */
interface Model {
  /** Failed and not repaired: stays failed. */
  readonly failed: Set<number>;
  readonly drained: Set<number>;
  /** VMs that were running on a machine when it failed: each was down at least once. */
  readonly wentDown: Set<number>;
  /** Live migrations the operations must have started (evictions that had somewhere to go). */
  migrations: number;
}

type Real = { run: DrillRun };

const twin = forcedTwin('minimal-5', ['nodes.workers.spares=2', 'workloads.vmClasses[0].count=60', 'workloads.vmClasses[1].count=20', 'storage.portworx.maxStorageNodes=5']);
const workers = Array.from(twin.workers);
const idle = drillSpec('idle', 'horizon: 1000h\nmachineHealthCheck: { enabled: true }');
/** Machines of the worker pool (in service and spares), by id. */
const workerPool = Array.from({ length: twin.nodes.count }, (_, n) => n).filter((n) => twin.nodes.role[n] !== 0);

function count(run: DrillRun, state: number): number {
  let n = 0;
  for (let v = 0; v < run.vmState.length; v++) if (run.vmState[v] === state) n++;
  return n;
}

function readyWorkers(run: DrillRun): number[] {
  return workerPool.filter((n) => run.mState[n] === M_READY);
}

function compare(m: Model, r: Real): void {
  const run = r.run;
  if (run.stalled) return;
  // A failed machine stays failed until repaired, and nothing runs on it.
  for (const n of m.failed) {
    expect(run.mState[n], `machine ${n} failed`).toBe(M_FAILED);
    for (let v = 0; v < run.vmNode.length; v++) if (run.vmNode[v] === n) expect(run.vmState[v], `VM ${v} on failed machine ${n}`).toBe(VM_DOWN);
  }
  // A drained machine is empty unless it came back into service (a replacement or a new worker).
  for (const n of m.drained) if (run.mState[n] !== M_READY) expect(run.vmCount[n], `drained machine ${n}`).toBe(0);
  // Every VM is up unless its disk lost every replica, or no schedulable node could take it.
  for (let v = 0; v < run.vmState.length; v++) {
    if (run.vmState[v] !== VM_DOWN || run.vmIoDown[v]) continue;
    const n = run.vmNode[v] as number;
    if (n >= 0 && run.mState[n] === M_FAILED) continue;
    const k = twin.vms.cls[v] as number;
    expect(run.findTarget(k, -1), `VM ${v} is down though a node has room`).toBe(-1);
  }
  const f = run.figures();
  expect(f.downtimeVms).toBeGreaterThanOrEqual(m.wentDown.size);
  expect(f.migrationsStarted).toBeGreaterThanOrEqual(m.migrations);
  // Settled: nothing migrating or booting; every VM on one node's list or off every node.
  expect(count(run, VM_RUNNING) + count(run, VM_DOWN)).toBe(twin.vms.count);
  const listed = Array.from(run.vmCount).reduce((a, c) => a + c, 0);
  expect(listed + Array.from(run.vmNode).filter((n) => n < 0).length).toBe(twin.vms.count);
}

/** The VMs running on machine `n` (they go down if it fails). */
function upOn(run: DrillRun, n: number): number[] {
  const on: number[] = [];
  for (let v = 0; v < run.vmNode.length; v++) if (run.vmNode[v] === n && run.vmState[v] !== VM_DOWN) on.push(v);
  return on;
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
    const on = upOn(r.run, this.n);
    const could = r.run.mState[this.n] !== M_FAILED && r.run.mState[this.n] !== M_FREE;
    const ok = r.run.opFail(this.n);
    expect(ok).toBe(could);
    if (ok) {
      m.failed.add(this.n);
      m.drained.delete(this.n);
      for (const v of on) m.wentDown.add(v);
    }
    r.run.settle();
    compare(m, r);
  }
  toString = (): string => `fail(${twin.nodes.names[this.n]})`;
}

/** A machine fails and is repaired after `ms`: down meanwhile, not failed once settled. */
class FailFor implements fc.Command<Model, Real> {
  constructor(
    readonly n: number,
    readonly ms: number,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const on = upOn(r.run, this.n);
    if (r.run.opFail(this.n, this.ms)) {
      for (const v of on) m.wentDown.add(v);
      m.drained.delete(this.n);
      r.run.settle();
      if (!r.run.stalled) expect(r.run.mState[this.n], `machine ${this.n} repaired after ${this.ms} ms`).not.toBe(M_FAILED);
    } else r.run.settle();
    compare(m, r);
  }
  toString = (): string => `failFor(${twin.nodes.names[this.n]}, ${this.ms} ms)`;
}

/** A failed machine is repaired: back in the cluster (not remediated) or in the pool (remediated, maybe redeployed). */
class Repair implements fc.Command<Model, Real> {
  constructor(readonly n: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const wasFailed = r.run.mState[this.n] === M_FAILED;
    expect(r.run.opRepair(this.n)).toBe(wasFailed);
    m.failed.delete(this.n);
    r.run.settle();
    if (wasFailed && !r.run.stalled) expect([M_READY, M_FREE]).toContain(r.run.mState[this.n]);
    compare(m, r);
  }
  toString = (): string => `repair(${twin.nodes.names[this.n]})`;
}

/** Evict a VM: when it runs and a schedulable node has room, it ends on another node that was schedulable. */
class Evict implements fc.Command<Model, Real> {
  constructor(readonly vm: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const run = r.run;
    const from = run.vmNode[this.vm] as number;
    const wasRunning = run.vmState[this.vm] === VM_RUNNING;
    const schedulable = new Set(readyWorkers(run));
    const room = run.findTarget(twin.vms.cls[this.vm] as number, from) >= 0;
    const ok = run.opEvict(this.vm);
    expect(ok).toBe(wasRunning && from >= 0);
    if (ok && room) m.migrations++;
    run.settle();
    if (ok && room && !run.stalled && run.vmState[this.vm] === VM_RUNNING) {
      const to = run.vmNode[this.vm] as number;
      expect(to, `VM ${this.vm} left ${from}`).not.toBe(from);
      expect(schedulable.has(to), `VM ${this.vm} went to ${to}, which was not schedulable`).toBe(true);
    }
    compare(m, r);
  }
  toString = (): string => `evict(vm ${this.vm})`;
}

/** Scale the worker pool up: a free machine, if any, deploys and joins; nothing moves by itself. */
class AddWorker implements fc.Command<Model, Real> {
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const free = workerPool.filter((n) => r.run.mState[n] === M_FREE);
    const before = readyWorkers(r.run).length;
    const n = r.run.opAddWorker();
    expect(n >= 0).toBe(free.length > 0);
    if (n >= 0) {
      expect(free).toContain(n);
      m.drained.delete(n);
    }
    r.run.settle();
    if (n >= 0 && !r.run.stalled && r.run.mState[n] !== M_FAILED) {
      expect(r.run.mState[n], `new worker ${n}`).toBe(M_READY);
      expect(readyWorkers(r.run).length).toBeGreaterThanOrEqual(before + 1);
    }
    compare(m, r);
  }
  toString = (): string => 'addWorker()';
}

describe('the engine against a reference model', () => {
  it(`keeps every promise over random operation sequences (${RUNS} runs; FUZZ_RUNS to change)`, () => {
    const node = fc.constantFrom(...workers);
    const machine = fc.constantFrom(...workerPool);
    const commands = [
      node.map((n) => new Drain(n)),
      machine.map((n) => new Fail(n)),
      fc.tuple(machine, fc.integer({ min: 0, max: 4 * 3_600_000 })).map(([n, ms]) => new FailFor(n, ms)),
      machine.map((n) => new Repair(n)),
      fc.integer({ min: 0, max: twin.vms.count - 1 }).map((v) => new Evict(v)),
      fc.constant(new AddWorker()),
    ];
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 14 }), fc.integer({ min: 1, max: 1000 }), (cmds, seed) => {
        const model: Model = { failed: new Set(), drained: new Set(), wentDown: new Set(), migrations: 0 };
        fc.modelRun(() => ({ model, real: { run: newRun(twin, idle, seed) } }), cmds);
      }),
      { numRuns: RUNS },
    );
  });
});
