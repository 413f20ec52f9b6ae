/**
 * Output for people: diagnostics quote their source line, a window of it when it is long;
 * colour only on a terminal, never with NO_COLOR or TERM=dumb.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { formatDiagnostics, makeStyle, sourceWindow } from '../../src/cli/output.js';

const plain = makeStyle({ isTTY: false } as NodeJS.WriteStream, {});

describe('formatDiagnostics', () => {
  it('quotes a window of a long source line with the caret under the column (found by the fuzz: a one-line 660 KB site printed once per diagnostic ran out of string length)', () => {
    const line = `{"a":"${'x'.repeat(100_000)}","bad":1,"c":"${'y'.repeat(100_000)}"}`;
    const column = line.indexOf('"bad"') + 1;
    const d: Diagnostic = { severity: 'error', code: 'unknown-key', path: 'bad', line: 1, column, message: 'unknown key "bad"', hint: 'remove it' };
    const text = formatDiagnostics('site.json', line, [d, d, d], plain);
    expect(text.length).toBeLessThan(2_000);
    const [, quoted, caret] = text.split('\n');
    expect(quoted).toMatch(/^ {4}1 \| …x+","bad":1,"c":"y+…$/);
    expect((quoted ?? '').charAt((caret ?? '').indexOf('^'))).toBe('"');
    expect((quoted ?? '').slice((caret ?? '').indexOf('^'), (caret ?? '').indexOf('^') + 5)).toBe('"bad"');
  });
  it('keeps a short line whole', () => {
    expect(sourceWindow('  podCidr: 10.0.0.0/33', 11)).toEqual({ text: '  podCidr: 10.0.0.0/33', caret: 11 });
  });
  it('puts the caret on the column at either end of a long line', () => {
    const line = 'z'.repeat(500);
    expect(sourceWindow(line, 0)).toMatchObject({ caret: 0 });
    const end = sourceWindow(line, 499);
    expect(end.text.charAt(end.caret)).toBe('z');
    expect(end.caret).toBe(end.text.length - 1);
  });
});

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
