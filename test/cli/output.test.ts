/**
 * Output for people: colour only on a terminal, never with NO_COLOR or TERM=dumb.
 */
import { describe, expect, it } from 'vitest';
import { makeStyle } from '../../src/cli/output.js';

describe('makeStyle', () => {
  it('colours only a terminal, and never with NO_COLOR or TERM=dumb', () => {
    const tty = { isTTY: true } as NodeJS.WriteStream;
    const pipe = { isTTY: false } as NodeJS.WriteStream;
    expect(makeStyle(tty, {}).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(makeStyle(tty, { NO_COLOR: '' }).red('x')).toBe('x');
    expect(makeStyle(tty, { TERM: 'dumb' }).red('x')).toBe('x');
    expect(makeStyle(pipe, {}).red('x')).toBe('x');
  });
});
