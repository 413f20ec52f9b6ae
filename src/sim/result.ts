/**
 * What a drill run produces: the public shape of `vmo-twin simulate --json`, of shard part
 * files and of what `merge` and `report` read. Plain data only; times in seconds of simulated
 * time (decimals allowed), sizes in TiB, counts as integers. Keys are sorted on output.
 */

/** `[t seconds, value]`, one point per change. */
export type SeriesPoint = readonly [number, number];

export interface Gate {
  readonly name: string;
  readonly ok: boolean;
  /** What was measured against what was required, for people. */
  readonly detail: string;
}

/** A span of one node's life during the drill, for the Gantt chart. */
export interface PhaseSpan {
  readonly node: string;
  /** cordon, drain, deprovision, provision, join, down, resync, wait… */
  readonly phase: string;
  readonly start: number;
  readonly end: number;
}

export interface Stall {
  /** Stable code: no-free-pod-block, no-free-machine, quorum-would-be-lost, drain-blocked, unschedulable… */
  readonly code: string;
  readonly reason: string;
  readonly at: number;
  readonly node: string | null;
}

export interface RunResult {
  readonly drill: string;
  readonly seed: number;
  readonly ok: boolean;
  readonly simulatedSeconds: number;
  readonly events: number;
  readonly migrations: { readonly started: number; readonly completed: number; readonly failed: number; readonly maxInFlight: number };
  readonly downtime: { readonly vms: number; readonly vmSeconds: number };
  readonly storage: {
    readonly degradedVolumesMax: number;
    /** Volumes still degraded when the drill ends (e.g. no machine for a replacement). */
    readonly degradedVolumesAtEnd: number;
    readonly resyncTiB: number;
    readonly quorumLost: boolean;
    readonly kvdbQuorumLost: boolean;
    /** Volumes that lost every replica at some moment. */
    readonly volumesLost: number;
  };
  readonly stalled: Stall | null;
  readonly gates: readonly Gate[];
  readonly limits: { readonly parallelPerCluster: number; readonly parallelOutboundPerNode: number };
  readonly timeline: readonly PhaseSpan[];
  readonly series: {
    readonly inFlightMigrations: readonly SeriesPoint[];
    readonly degradedVolumes: readonly SeriesPoint[];
    /** Node names, in node-id order, for `vmsPerNode`. */
    readonly nodes: readonly string[];
    /** `[t, nodeIndex, vmCount]`, one point per change; every node starts with a point at t = 0. */
    readonly vmsPerNode: ReadonlyArray<readonly [number, number, number]>;
  };
}

export interface Distribution {
  readonly min: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** One line per run of a Monte Carlo set. */
export interface RunSummary {
  readonly seed: number;
  readonly ok: boolean;
  readonly simulatedSeconds: number;
  readonly events: number;
  readonly migrationsStarted: number;
  readonly migrationsCompleted: number;
  readonly migrationsFailed: number;
  readonly maxInFlight: number;
  readonly downtimeVms: number;
  readonly downtimeVmSeconds: number;
  readonly degradedVolumesMax: number;
  readonly resyncTiB: number;
  readonly degradedVolumesAtEnd: number;
  readonly quorumLost: boolean;
  readonly kvdbQuorumLost: boolean;
  readonly volumesLost: number;
  readonly stalled: string | null;
  readonly failedGates: readonly string[];
}

/**
 * The result of `simulate` with any number of runs. With one run, the figures are that run's
 * and `run` holds its timeline and series. With several, counts are summed over the runs
 * (events, migrations, downtime, resync), maxima are maxima (simulatedSeconds, maxInFlight,
 * degradedVolumesMax), flags are "any run", `stalled` is the first stall in seed order;
 * `perRun` and `percentiles` give the spread, and `run` holds the first run (seed) in full.
 */
export interface SimResult {
  readonly drill: string;
  readonly site: string;
  readonly seed: number;
  readonly runs: number;
  readonly ok: boolean;
  readonly simulatedSeconds: number;
  readonly events: number;
  readonly migrations: RunResult['migrations'];
  readonly downtime: RunResult['downtime'];
  readonly storage: RunResult['storage'];
  readonly stalled: Stall | null;
  /** Per gate: ok when every run passed; detail names the first failing seed. */
  readonly gates: readonly Gate[];
  readonly run: RunResult;
  readonly perRun: readonly RunSummary[] | null;
  readonly percentiles: Readonly<Record<'simulatedSeconds' | 'migrationsStarted' | 'downtimeVms' | 'downtimeVmSeconds' | 'degradedVolumesMax' | 'resyncTiB', Distribution>> | null;
  /** Present only with --timings: wall-clock figures make equal runs unequal. */
  readonly timings?: { readonly wallSeconds: number; readonly eventsPerSecond: number; readonly workers: number };
}
