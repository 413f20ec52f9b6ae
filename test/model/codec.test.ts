/**
 * Site paths in --set syntax: printing and parsing are inverses, whatever the keys hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePath, pathToString } from '../../src/model/codec.js';

describe('site paths', () => {
  it('parse back to the segments they were printed from, for any keys (quotes, brackets, unicode)', () => {
    const segment = fc.oneof(fc.nat({ max: 10_000 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), fc.constantFrom('a]b', 'x"]"y', '[0]', 'a.b', '\\', ']"'));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (path) => {
        expect(parsePath(pathToString(path))).toEqual(path);
      }),
      { numRuns: 500, seed: 20_261_125 },
    );
  });
  it('keep a key that holds "]" in one segment (found by the mutated-site fuzz: an unknown key apiVersion]"x)', () => {
    expect(parsePath('["apiVersion]\\"x"]')).toEqual(['apiVersion]"x']);
    expect(parsePath('hardware["a]b"].cores')).toEqual(['hardware', 'a]b', 'cores']);
  });
  it('refuse text that is not a path', () => {
    for (const bad of ['', '.a', 'a..b', 'a.', 'a[', 'a[x]', '["unclosed]', '["bad \\x escape"]']) expect(parsePath(bad), bad).toBeUndefined();
  });
});
