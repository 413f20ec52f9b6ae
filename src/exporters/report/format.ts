/**
 * Numbers for people, the same on every machine: thousands grouped with commas by our own code
 * (not the locale), durations in the unit an operator thinks in, TiB and percentages. Each
 * shown figure keeps its exact input value beside it in a `data-value` attribute.
 */

/** 12500 → "12,500"; -3 → "-3". */
export function fmtInt(n: number): string {
  const neg = n < 0;
  const digits = String(Math.round(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return neg ? `-${grouped}` : grouped;
}

/** 908.2 → "908.2"; 1200 → "1,200"; 0.70925 (2 digits) → "0.71"; trailing zeros dropped. */
export function fmtNum(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return '—';
  const f = 10 ** digits;
  const r = Math.round(n * f) / f;
  const neg = r < 0;
  const [int = '0', frac = ''] = Math.abs(r).toFixed(digits).split('.');
  const fracTrim = frac.replace(/0+$/, '');
  const text = `${fmtInt(Number(int))}${fracTrim ? `.${fracTrim}` : ''}`;
  return neg && r !== 0 ? `-${text}` : text;
}

/** 0.9102 → "91.0%". */
export function fmtPct(ratio: number, digits = 1): string {
  return `${(ratio * 100).toFixed(digits)}%`;
}

/**
 * Simulated seconds as an operator reads them: "38.2 s", "12 min 5 s", "61 h 12 min".
 * Rounded to the shown precision; the exact value stays in `data-value`.
 */
export function fmtDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  const s = Math.abs(seconds);
  const sign = seconds < 0 ? '-' : '';
  if (s < 60) return `${sign}${fmtNum(s, 1)} s`;
  if (s < 3600) {
    const total = Math.round(s);
    const m = Math.floor(total / 60);
    const rest = total % 60;
    return `${sign}${m} min${rest ? ` ${rest} s` : ''}`;
  }
  const totalMin = Math.round(s / 60);
  const h = Math.floor(totalMin / 60);
  const m = totalMin % 60;
  return `${sign}${fmtInt(h)} h${m ? ` ${m} min` : ''}`;
}

/** "1 run" / "200 runs". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmtInt(n)} ${n === 1 ? one : many}`;
}
