/**
 * Many runs into one result, in seed order, so the result is the same whatever ran them: one
 * thread, several workers, or shards on several machines merged afterwards.
 */
import type { Distribution, Gate, RunResult, RunSummary, SimResult } from './result.js';

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Nearest-rank percentile of sorted values. */
function pct(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0;
  return { min: sorted[0] ?? 0, p50: pct(sorted, 50), p90: pct(sorted, 90), p99: pct(sorted, 99), max: sorted[sorted.length - 1] ?? 0, mean: r3(mean) };
}

/**
 * The result of `runs` runs starting at `seed`. `summaries` must hold one entry per seed;
 * `first` is the full result of the first seed.
 */
export function aggregate(site: string, seed: number, runs: number, summaries: readonly RunSummary[], first: RunResult): SimResult {
  const ordered = [...summaries].sort((a, b) => a.seed - b.seed);
  if (ordered.length !== runs || ordered.some((s, i) => s.seed !== seed + i)) {
    throw new RangeError(`aggregate: expected runs for seeds ${seed}..${seed + runs - 1}, got ${ordered.length} (${ordered.map((s) => s.seed).join(',')})`);
  }
  if (runs === 1) {
    return {
      drill: first.drill,
      site,
      seed,
      runs,
      ok: first.ok,
      simulatedSeconds: first.simulatedSeconds,
      events: first.events,
      migrations: first.migrations,
      downtime: first.downtime,
      storage: first.storage,
      stalled: first.stalled,
      gates: first.gates,
      run: first,
      perRun: null,
      percentiles: null,
    };
  }
  const sum = (f: (s: RunSummary) => number): number => ordered.reduce((a, s) => a + f(s), 0);
  const max = (f: (s: RunSummary) => number): number => ordered.reduce((a, s) => Math.max(a, f(s)), 0);
  const firstStalled = ordered.find((s) => s.stalled !== null);
  const gates: Gate[] = first.gates.map((g) => {
    const failing = ordered.filter((s) => s.failedGates.includes(g.name));
    return {
      name: g.name,
      ok: failing.length === 0,
      detail: failing.length === 0 ? `passed in all ${runs} runs` : `failed in ${failing.length} of ${runs} runs; first failing seed ${failing[0]?.seed} (replay: --seed ${failing[0]?.seed} --runs 1)`,
    };
  });
  return {
    drill: first.drill,
    site,
    seed,
    runs,
    ok: ordered.every((s) => s.ok),
    simulatedSeconds: max((s) => s.simulatedSeconds),
    events: sum((s) => s.events),
    migrations: { started: sum((s) => s.migrationsStarted), completed: sum((s) => s.migrationsCompleted), failed: sum((s) => s.migrationsFailed), maxInFlight: max((s) => s.maxInFlight) },
    downtime: { vms: sum((s) => s.downtimeVms), vmSeconds: r3(sum((s) => s.downtimeVmSeconds)) },
    storage: {
      degradedVolumesMax: max((s) => s.degradedVolumesMax),
      degradedVolumesAtEnd: max((s) => s.degradedVolumesAtEnd),
      resyncTiB: r3(sum((s) => s.resyncTiB)),
      quorumLost: ordered.some((s) => s.quorumLost),
      kvdbQuorumLost: ordered.some((s) => s.kvdbQuorumLost),
      volumesLost: sum((s) => s.volumesLost),
    },
    stalled: firstStalled ? aggregateStall(firstStalled, ordered.filter((s) => s.stalled !== null).length, runs) : null,
    gates,
    run: first,
    perRun: ordered,
    percentiles: {
      simulatedSeconds: distribution(ordered.map((s) => s.simulatedSeconds)),
      migrationsStarted: distribution(ordered.map((s) => s.migrationsStarted)),
      downtimeVms: distribution(ordered.map((s) => s.downtimeVms)),
      downtimeVmSeconds: distribution(ordered.map((s) => s.downtimeVmSeconds)),
      degradedVolumesMax: distribution(ordered.map((s) => s.degradedVolumesMax)),
      resyncTiB: distribution(ordered.map((s) => s.resyncTiB)),
    },
  };
}

/** A Monte Carlo set's stall: how many runs stalled, and the first one's code and reason ("code: reason" in a run summary). */
function aggregateStall(first: RunSummary, count: number, runs: number): NonNullable<SimResult['stalled']> {
  const text = first.stalled ?? '';
  const colon = text.indexOf(': ');
  const code = colon > 0 ? text.slice(0, colon) : 'stalled';
  const reason = colon > 0 ? text.slice(colon + 2) : text;
  return { code, reason: `in ${count} of ${runs} runs; the first, seed ${first.seed}: ${reason}`, at: first.simulatedSeconds, node: null };
}
