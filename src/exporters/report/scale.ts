/**
 * Axes: linear scales, "nice" tick values (1, 2, 5 × 10^k) and the time unit a drill's span
 * reads best in. Pure functions of their inputs, so equal data draw equal axes.
 */

export type Scale = (x: number) => number;

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps everything to the middle. */
export function linear(d0: number, d1: number, r0: number, r1: number): Scale {
  const span = d1 - d0;
  if (span === 0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / span;
  return (x) => r0 + (x - d0) * k;
}

/** The tick step for about `count` ticks over `span`: 1, 2 or 5 times a power of ten. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || count < 1) return 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
  return step * mag;
}

/** Tick values covering [lo, hi] (extended to whole steps), about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): { readonly ticks: number[]; readonly lo: number; readonly hi: number } {
  if (!(hi > lo)) {
    const base = Number.isFinite(lo) ? lo : 0;
    return niceTicks(base, base + 1, count);
  }
  const step = niceStep(hi - lo, count);
  const start = Math.floor(lo / step + 1e-9) * step;
  const end = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  const n = Math.round((end - start) / step);
  // Snap to the step's decimals so 0.1 + 0.2 draws "0.3".
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  for (let i = 0; i <= n; i++) ticks.push(Number((start + i * step).toFixed(decimals)));
  return { ticks, lo: start, hi: end };
}

export interface TimeUnit {
  readonly unit: 's' | 'min' | 'h';
  /** Seconds per unit. */
  readonly seconds: number;
  readonly label: string;
}

/** The unit a span of simulated time reads best in: seconds up to 2 min, minutes up to 2 h, then hours. */
export function timeUnit(spanSeconds: number): TimeUnit {
  if (spanSeconds <= 120) return { unit: 's', seconds: 1, label: 'seconds' };
  if (spanSeconds <= 7200) return { unit: 'min', seconds: 60, label: 'minutes' };
  return { unit: 'h', seconds: 3600, label: 'hours' };
}
