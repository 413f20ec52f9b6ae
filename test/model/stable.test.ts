/**
 * Deterministic JSON: the same value in any key order gives the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { stableStringify, stableValue } from '../../src/model/stable.js';

describe('stableStringify', () => {
  it('sorts object keys at every depth, so key order does not change the bytes', () => {
    const a = { b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' } };
    const b = { a: { c: 'x', d: [1, { y: 2, z: 1 }] }, b: 1 };
    expect(stableStringify(a)).toBe(stableStringify(b));
    expect(stableStringify(a, 0)).toBe('{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}');
  });
  it('drops undefined members, turns Maps into objects and typed arrays into lists', () => {
    expect(stableValue({ x: undefined, m: new Map([['k', 1]]), t: Uint8Array.from([3, 4]), n: NaN })).toEqual({ m: { k: 1 }, n: null, t: [3, 4] });
  });
  it('refuses a cycle instead of overflowing the stack', () => {
    const o: Record<string, unknown> = {};
    o['self'] = o;
    expect(() => stableStringify(o)).toThrow(/cycle/);
  });
});
