import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/sim/queue.js';
import { ArgminTree } from '../../src/sim/argmin.js';
import { Rng } from '../../src/sim/rng.js';

describe('the event queue', () => {
  it('pops in (time, scheduling order) and keeps the clock monotonic, whatever the operations', () => {
    type Op = { kind: 'at'; key: number; dt: number } | { kind: 'cancel'; key: number } | { kind: 'pop' };
    const op = fc.oneof(
      fc.record({ kind: fc.constant('at' as const), key: fc.integer({ min: 0, max: 15 }), dt: fc.integer({ min: 0, max: 50 }) }),
      fc.record({ kind: fc.constant('cancel' as const), key: fc.integer({ min: 0, max: 15 }) }),
      fc.record({ kind: fc.constant('pop' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops: Op[]) => {
        const q = new EventQueue(16);
        // Reference: a plain map key → [time, seq], min by (time, seq, key).
        const ref = new Map<number, [number, number]>();
        let seq = 0;
        let last = 0;
        for (const o of ops) {
          if (o.kind === 'at') {
            q.after(o.key, o.dt);
            ref.set(o.key, [q.now + o.dt, seq++]);
          } else if (o.kind === 'cancel') {
            expect(q.cancel(o.key)).toBe(ref.delete(o.key));
          } else {
            let best: number | undefined;
            for (const [k, [t, s]] of ref) {
              const b = best === undefined ? undefined : ref.get(best);
              if (!b || t < b[0] || (t === b[0] && s < b[1])) best = k;
            }
            const got = q.pop();
            expect(got).toBe(best ?? -1);
            if (best !== undefined) {
              expect(q.now).toBe(ref.get(best)?.[0]);
              ref.delete(best);
            }
            expect(q.now).toBeGreaterThanOrEqual(last);
            last = q.now;
          }
          expect(q.pending).toBe(ref.size);
        }
      }),
    );
  });
  it('refuses NaN, fractional and past times', () => {
    const q = new EventQueue(4);
    expect(() => q.at(0, Number.NaN)).toThrow(RangeError);
    expect(() => q.at(0, 1.5)).toThrow(RangeError);
    q.at(1, 10);
    q.pop();
    expect(() => q.at(2, 5)).toThrow(/before now/);
  });
  it('reschedules an event by key in place', () => {
    const q = new EventQueue(4);
    q.at(0, 100);
    q.at(1, 50);
    q.at(0, 10);
    expect(q.pop()).toBe(0);
    expect(q.now).toBe(10);
    expect(q.pending).toBe(1);
  });
});

describe('the tournament tree', () => {
  it('finds the least value (ties to the lower id), also excluding one id', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 5 }))), { maxLength: 100 }), fc.integer({ min: -1, max: 20 }), (sets, exclude) => {
        const t = new ArgminTree(21);
        const ref = new Float64Array(21).fill(Infinity);
        for (const [id, v] of sets) {
          t.set(id, v);
          ref[id] = v;
        }
        let best = -1;
        for (let i = 0; i < 21; i++) if (i !== exclude && ref[i] !== Infinity && (best < 0 || (ref[i] as number) < (ref[best] as number))) best = i;
        expect(t.minExcept(exclude)).toBe(best);
      }),
    );
  });
});

describe('the seeded PRNG', () => {
  it('repeats a sequence for a seed and differs between seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 5 }, () => a.nextU32());
    expect(Array.from({ length: 5 }, () => b.nextU32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextU32())).not.toEqual(xs);
  });
  it('keeps triangular draws inside their range with the mode in between', () => {
    const r = new Rng(7);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = r.triangular(8, 12, 20);
      expect(x).toBeGreaterThanOrEqual(8);
      expect(x).toBeLessThanOrEqual(20);
      sum += x;
    }
    expect(sum / 10_000).toBeCloseTo((8 + 12 + 20) / 3, 0);
  });
});
