/**
 * Number formatting for people: grouped by our own code, so every machine prints the same.
 */
import { describe, expect, it } from 'vitest';
import { fmtDuration, fmtInt, fmtNum, fmtPct, plural } from '../../../src/exporters/report/format.js';

describe('format', () => {
  it('groups thousands with commas', () => {
    expect(fmtInt(12_500)).toBe('12,500');
    expect(fmtInt(999)).toBe('999');
    expect(fmtInt(1_234_567)).toBe('1,234,567');
    expect(fmtInt(-4500)).toBe('-4,500');
  });
  it('rounds decimals and drops trailing zeros', () => {
    expect(fmtNum(908.2)).toBe('908.2');
    expect(fmtNum(1200)).toBe('1,200');
    expect(fmtNum(0.70925, 2)).toBe('0.71');
    expect(fmtNum(19.009, 2)).toBe('19.01');
    expect(fmtNum(-0.001, 2)).toBe('0');
    expect(fmtNum(Number.NaN)).toBe('—');
  });
  it('shows durations in the unit an operator reads', () => {
    expect(fmtDuration(38.24)).toBe('38.2 s');
    expect(fmtDuration(725)).toBe('12 min 5 s');
    expect(fmtDuration(2700)).toBe('45 min');
    expect(fmtDuration(250_800)).toBe('69 h 40 min');
    expect(fmtDuration(7200)).toBe('2 h');
  });
  it('shows ratios as percentages and counts with their noun', () => {
    expect(fmtPct(0.9102)).toBe('91.0%');
    expect(plural(1, 'run')).toBe('1 run');
    expect(plural(200, 'run')).toBe('200 runs');
    expect(plural(2, 'class', 'classes')).toBe('2 classes');
  });
});
