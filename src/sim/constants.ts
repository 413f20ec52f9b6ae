/**
 * Behaviour constants of the simulator, each with its source. "behaviour.md §N" is the
 * behaviour sheet of the reference (KubeVirt v1.5.0, Kubernetes 1.32, Cluster API, Portworx);
 * "maas-api.md §7" are the MAAS duration notes. Durations the sources only estimate are marked
 * ESTIMATE and drawn from a triangular distribution over the stated range, so Monte Carlo runs
 * cover the range instead of pretending to know the value.
 */

const S = 1000;
const MIN = 60 * S;

/** Node Ready=Unknown after node-monitor-grace-period, 50 s since Kubernetes 1.32 (behaviour.md §4, kubernetes PR #126287). */
export const NODE_MONITOR_GRACE_MS = 50 * S;

/** Evacuation controller re-check when the migration limits are full (KV `watch/drain/evacuation/evacuation.go`, behaviour.md §1). */
export const EVACUATION_RECHECK_MS = 5 * S;

/** Retry backoff for evacuation migrations: 20 s after a failure, doubling per further consecutive failure (KV `watch/migration/migration.go#handleMigrationBackoff`, behaviour.md §1). */
export const MIGRATION_BACKOFF_MS = 20 * S;
/** Cap on the doubling, so a retry loop stays within the drill (the source doubles without a stated cap; 64× = 21 min). */
export const MIGRATION_BACKOFF_MAX_DOUBLINGS = 6;

/** Target pod Pending and unschedulable: the migration fails after 5 min (KV `watch/migration/migration.go`, behaviour.md §1). */
export const TARGET_UNSCHEDULABLE_TIMEOUT_MS = 5 * MIN;

/** Cluster API retries a blocked drain every 20 s (cluster-api `machine_controller.go`, behaviour.md §5). */
export const CAPI_DRAIN_RETRY_MS = 20 * S;

/** Node object deletion timeout after the machine is gone (cluster-api `nodeDeletionTimeout` default 10 s, behaviour.md §5). */
export const NODE_DELETION_MS = 10 * S;

/** Dirty bytes per pre-copy round are capped at the working set, 90 % of RAM by default (SimGrid `VmLiveMigration.cpp`, behaviour.md §2). */
export const WORKING_SET_FRACTION = 0.9;

/** QEMU auto-converge: throttle 20 % first, +10 % per step, at most 99 %, when dirtied > 50 % of sent (qemu `migration/options.c`, behaviour.md §2). */
export const AUTOCONVERGE = { initial: 0.2, step: 0.1, max: 0.99, trigger: 0.5 } as const;

/** Stop after this many pre-copy rounds even if still converging: QEMU has no round limit; this only bounds a pathological case the timeouts will already abort. */
export const MAX_PRECOPY_ROUNDS = 1000;

/** A triangular estimate in ms: [low, mode, high]. */
export type Estimate = readonly [number, number, number];

/** MAAS deploy (Deploying → Deployed: two reboots and the curtin image write): ESTIMATE 12 min, 8–20 min (maas-api.md §7.2). */
export const MAAS_DEPLOY_MS: Estimate = [8 * MIN, 12 * MIN, 20 * MIN];
/** MAAS release without erase (Releasing → Ready): ESTIMATE 2 min, 0.5–5 min (maas-api.md §7.2; the 5 min monitor is the hard limit). */
export const MAAS_RELEASE_MS: Estimate = [30 * S, 2 * MIN, 5 * MIN];
/**
 * kubeadm join to Node Ready after deploy: ESTIMATE 2 min, 1–5 min — maas-api.md §7.2 puts a
 * whole CAPI bare-metal replacement at 15–25 min ≈ deploy + drain + join.
 */
export const NODE_JOIN_MS: Estimate = [1 * MIN, 2 * MIN, 5 * MIN];
/** Portworx initialising on a new node before it serves its drives: ESTIMATE 5 min, 2–10 min (palette-api.md §3.3: Portworx-on-MAAS guidance asks for a repave interval ≥ 600 s to let Portworx initialise). */
export const PORTWORX_INIT_MS: Estimate = [2 * MIN, 5 * MIN, 10 * MIN];
/** virt-launcher target pod scheduled to running, image cached: ESTIMATE 5 s, 3–15 s. */
export const TARGET_POD_START_MS: Estimate = [3 * S, 5 * S, 15 * S];
/** A VM cold boot after a restart elsewhere, to its guest running: ESTIMATE 60 s, 30–180 s. */
export const VM_BOOT_MS: Estimate = [30 * S, 60 * S, 180 * S];

/** Portworx moves replicas off an offline node after repl-move-timeout, 1440 min (px-docs `control/cluster-options.md`, behaviour.md §6). */
export const PX_REPL_MOVE_TIMEOUT_MS = 1440 * MIN;

/** Mbit/s → MiB per ms. */
export const MBPS_TO_MIB_PER_MS = 1e6 / 8 / 1000 / (1024 * 1024);
