/**
 * What a recorded run keeps for people: the time series (sampled on change, several changes in
 * the same millisecond kept as the last) and the phase spans of each node. Growable typed
 * buffers, so recording allocates only when a buffer doubles.
 */
import type { PhaseSpan, SeriesPoint } from './result.js';

class Growable {
  data: Float64Array;
  length = 0;
  constructor(initial = 1024) {
    this.data = new Float64Array(initial);
  }
  push3(a: number, b: number, c: number): void {
    if (this.length + 3 > this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = a;
    this.data[this.length++] = b;
    this.data[this.length++] = c;
  }
}

const sec = (ms: number): number => Math.round(ms) / 1000;

export class Recorder {
  private readonly inflight = new Growable();
  private readonly degradedSeries = new Growable();
  private readonly vmsSeries = new Growable(4096);
  private readonly spans = new Growable(256);
  private readonly lastVmIndex: Int32Array;
  private readonly lastVmTime: Float64Array;

  constructor(
    private readonly nodeNames: readonly string[],
    readonly limits: { readonly parallelPerCluster: number; readonly parallelOutboundPerNode: number },
  ) {
    this.lastVmIndex = new Int32Array(nodeNames.length).fill(-1);
    this.lastVmTime = new Float64Array(nodeNames.length).fill(-1);
  }

  private point(g: Growable, t: number, value: number): void {
    const n = g.length;
    if (n >= 3 && g.data[n - 3] === t) {
      g.data[n - 2] = value;
      return;
    }
    if (n >= 3 && g.data[n - 2] === value) return;
    g.push3(t, value, 0);
  }

  inFlight(t: number, value: number): void {
    this.point(this.inflight, t, value);
  }

  degraded(t: number, value: number): void {
    this.point(this.degradedSeries, t, value);
  }

  vms(t: number, node: number, count: number): void {
    if (this.lastVmTime[node] === t && (this.lastVmIndex[node] as number) >= 0) {
      this.vmsSeries.data[(this.lastVmIndex[node] as number) + 2] = count;
      return;
    }
    this.lastVmIndex[node] = this.vmsSeries.length;
    this.lastVmTime[node] = t;
    this.vmsSeries.push3(t, node, count);
  }

  span(node: number, phase: number, start: number, end: number): void {
    this.spans.push3(node, phase, start);
    this.spans.push3(end, 0, 0);
  }

  series(): { inFlightMigrations: SeriesPoint[]; degradedVolumes: SeriesPoint[]; nodes: string[]; vmsPerNode: Array<[number, number, number]> } {
    const pairs = (g: Growable): SeriesPoint[] => {
      const out: SeriesPoint[] = [];
      for (let i = 0; i < g.length; i += 3) out.push([sec(g.data[i] as number), g.data[i + 1] as number]);
      return out;
    };
    const vms: Array<[number, number, number]> = [];
    for (let i = 0; i < this.vmsSeries.length; i += 3) vms.push([sec(this.vmsSeries.data[i] as number), this.vmsSeries.data[i + 1] as number, this.vmsSeries.data[i + 2] as number]);
    return { inFlightMigrations: pairs(this.inflight), degradedVolumes: pairs(this.degradedSeries), nodes: [...this.nodeNames], vmsPerNode: vms };
  }

  timeline(phaseNames: readonly string[]): PhaseSpan[] {
    const out: PhaseSpan[] = [];
    for (let i = 0; i < this.spans.length; i += 6) {
      const start = this.spans.data[i + 2] as number;
      const end = this.spans.data[i + 3] as number;
      if (end <= start) continue;
      out.push({ node: this.nodeNames[this.spans.data[i] as number] as string, phase: phaseNames[this.spans.data[i + 1] as number] ?? 'unknown', start: sec(start), end: sec(end) });
    }
    return out.sort((a, b) => a.start - b.start || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0) || (a.phase < b.phase ? -1 : 1));
  }
}
