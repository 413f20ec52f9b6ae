/**
 * The golden form of a drill result: the figures and gates in full, and a digest of the whole
 * result (timeline and series included), so any change shows and the file stays readable.
 */
import { createHash } from 'node:crypto';
import { stableStringify as canonicalJson } from '../../src/model/stable.js';
import { drillNamed, runDrill } from '../helpers/sim.js';
import { twinOf } from '../helpers/site.js';

export function goldenOf(drill: string): string {
  const o = runDrill(twinOf('vmo-ra-64'), drillNamed(drill), 1);
  const r = o.result;
  if (!r) throw new Error('no result');
  const { timeline, series, ...figures } = r;
  return `${canonicalJson({
    figures,
    timelineSpans: timeline.length,
    seriesPoints: { inFlightMigrations: series.inFlightMigrations.length, degradedVolumes: series.degradedVolumes.length, vmsPerNode: series.vmsPerNode.length },
    sha256: createHash('sha256').update(canonicalJson(r)).digest('hex'),
  })}\n`;
}
