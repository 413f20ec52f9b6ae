/**
 * The drill charts' rules: phase order and colours, heat levels, the time axis end.
 */
import { describe, expect, it } from 'vitest';
import { HEATMAP_LEVELS, heatLevel, phaseOrder, runEnd } from '../../../src/exporters/report/drill-charts.js';
import type { RunResult } from '../../../src/sim/result.js';
import { referenceFixtures } from '../../helpers/report.js';

describe('drill charts', () => {
  it('orders phases the way a node goes through them, unknown ones last by name', () => {
    const span = (phase: string) => ({ node: 'n', phase, start: 0, end: 1 });
    expect(phaseOrder([span('resync'), span('zeta'), span('drain'), span('alpha'), span('cordon')])).toEqual(['cordon', 'drain', 'resync', 'alpha', 'zeta']);
  });
  it('keeps 0 VMs apart and splits (0, max] into even levels', () => {
    expect(heatLevel(0, 200)).toBe(0);
    expect(heatLevel(0.1, 200)).toBe(1);
    expect(heatLevel(25, 200)).toBe(1);
    expect(heatLevel(25.1, 200)).toBe(2);
    expect(heatLevel(200, 200)).toBe(HEATMAP_LEVELS);
    expect(heatLevel(5, 0)).toBe(0);
  });
  it('ends the time axis at the simulated time, or at a later span or point', () => {
    const { repave } = referenceFixtures();
    const run: RunResult = repave.run;
    expect(runEnd(run)).toBe(Math.max(run.simulatedSeconds, ...run.timeline.map((s) => s.end)));
    expect(runEnd({ ...run, simulatedSeconds: 10, timeline: [{ node: 'a', phase: 'down', start: 0, end: 50 }], series: { ...run.series, inFlightMigrations: [], degradedVolumes: [], vmsPerNode: [] } })).toBe(50);
  });
});
