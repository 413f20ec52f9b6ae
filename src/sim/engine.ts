/**
 * The drill engine: one seeded run of a drill over a copy of the base state.
 *
 * A discrete-event simulation on an indexed heap (queue.ts). Every pending event has a fixed
 * key — migration slot, node timer, VM timer, drill timer — so it can be cancelled or moved in
 * O(log n); the hot state is typed arrays indexed by node, VM, volume and drive set; handlers
 * allocate nothing. The behaviours and their sources:
 *
 * - Live migration (KubeVirt, behaviour.md §1–2): cluster and per-node outbound limits; the
 *   target pod holds its pod slot, memory and CPU on the target while migrating; pre-copy rounds
 *   on the migration link shared among the transfers using it; stop-and-copy when the dirty set
 *   fits the downtime target; abort on the completion budget (150 s per GB) or when the
 *   remaining data makes no new low for the progress timeout; retry with backoff.
 * - Drain (Cluster API, behaviour.md §5): cordon, evict; KubeVirt turns each VM eviction into an
 *   evacuation migration (LiveMigrate) or a stop and cold restart elsewhere (None).
 * - Repave (Cluster API + Palette, behaviour.md §5, palette-api.md §3.3): MachineDeployment
 *   RollingUpdateScaleIn (delete, then replace) or ScaleOut (surge: needs a free machine and a
 *   free pod-CIDR block), KubeadmControlPlane one at a time; MAAS release and deploy times.
 * - Node failure (behaviour.md §4): VMs down at once; NotReady after the grace period;
 *   MachineHealthCheck remediation deletes the node, KubeVirt restarts the VMs elsewhere, CAPI
 *   provisions a replacement that takes over the dead node's Portworx LUNs.
 * - Portworx (behaviour.md §6): replicas by drive set; a drive set offline degrades its volumes;
 *   the replacement resyncs the changed data; cluster quorum over storage nodes; KVDB quorum.
 * - Descheduler LowNodeUtilization (behaviour.md §3) every interval; evictions become
 *   evacuation migrations under the same limits.
 */
import type { BaseHeader, Columns, SimBase } from './base.js';
import {
  AUTOCONVERGE,
  EVACUATION_RECHECK_MS,
  MAAS_DEPLOY_MS,
  MAAS_RELEASE_MS,
  MAX_PRECOPY_ROUNDS,
  MBPS_TO_MIB_PER_MS,
  MIGRATION_BACKOFF_MAX_DOUBLINGS,
  MIGRATION_BACKOFF_MS,
  NODE_DELETION_MS,
  NODE_JOIN_MS,
  NODE_MONITOR_GRACE_MS,
  PORTWORX_INIT_MS,
  TARGET_POD_START_MS,
  TARGET_UNSCHEDULABLE_TIMEOUT_MS,
  VM_BOOT_MS,
  WORKING_SET_FRACTION,
  type Estimate,
} from './constants.js';
import type { Drill } from './drill.js';
import { ArgminTree, type ArgminSnapshot } from './argmin.js';
import { EventQueue } from './queue.js';
import { Recorder } from './recorder.js';
import { Rng } from './rng.js';
import type { Stall } from './result.js';

// Machine states.
export const M_FREE = 0;
export const M_DEPLOYING = 1;
export const M_JOINING = 2;
export const M_READY = 3;
export const M_DRAINING = 4;
export const M_RELEASING = 5;
export const M_FAILED = 6;
export const M_REMOVED = 7;

// VM states.
export const VM_RUNNING = 0;
export const VM_MIGRATING = 1;
export const VM_DOWN = 2;
export const VM_BOOTING = 3;

// Why a VM is down.
const CAUSE_NONE = 0;
const CAUSE_FAILURE = 1;
const CAUSE_OPERATION = 2;

// Migration slot phases.
const P_FREE = 0;
const P_TARGET = 1;
const P_PRECOPY = 2;
const P_STOPCOPY = 3;
const P_UNSCHEDULABLE = 4;
// Why a migration failed (the stall report keeps the last).
const FAIL_UNSCHEDULABLE = 1;
const FAIL_NO_PROGRESS = 2;
const FAIL_TIMEOUT = 3;

// Replica states.
const R_UP = 0;
const R_DOWN = 1;
const R_RESYNC = 2;

// Eviction strategies (model/overhead.ts EVICTION_CODE).
const EV_LIVE = 0;
const EV_LIVE_IF_POSSIBLE = 1;
const EV_NONE = 2;

// Node timer kinds.
const T_LIFE = 0;
const T_PX = 1;
const T_RESYNC = 2;
const T_REPAIR = 3;
const T_MHC = 4;
const T_DRAIN = 5;
const NODE_TIMERS = 6;

// Drill timers.
const G_REPAVE = 0;
const G_DESCHEDULER = 1;
const G_HORIZON = 2;
const G_FABRIC = 3;
const G_FABRIC_REPAIR = 4;
const G_FAIL0 = 5;

// Timeline phase codes (see Recorder).
export const PHASES = ['drain', 'release', 'deploy', 'join', 'portworx-init', 'resync', 'down', 'wait-machine', 'wait-block'] as const;
const PH_DRAIN = 0;
const PH_RELEASE = 1;
const PH_DEPLOY = 2;
const PH_JOIN = 3;
const PH_PXINIT = 4;
const PH_RESYNC = 5;
const PH_DOWN = 6;

const ROLE_CP = 0;

/**
 * A reset copies whole per-VM arrays back when more than 1 VM in RESTORE_WHOLE changed, and
 * only the changed VMs' entries otherwise. Measured on the reference (12,500 VMs): about 41 ns
 * a VM entry by entry, 20 µs for the whole arrays, so the two meet near 1 VM in 25 (a node
 * failure changes about 270; a repave, every VM).
 */
const RESTORE_WHOLE = 24;

export interface RunOptions {
  readonly seed: number;
  /** Keep the timeline and series (the full RunResult); off for Monte Carlo runs after the first. */
  readonly record: boolean;
  /** Check the invariants after every event (tests). */
  readonly check: boolean;
}

export interface RunFigures {
  readonly seed: number;
  readonly endMs: number;
  readonly events: number;
  readonly migrationsStarted: number;
  readonly migrationsCompleted: number;
  readonly migrationsFailed: number;
  readonly maxInFlight: number;
  readonly downtimeVms: number;
  readonly downtimeVmMs: number;
  readonly downtimeMaxMs: number;
  readonly downtimeVmsBeyondFailures: number;
  readonly degradedVolumesMax: number;
  readonly degradedVolumesAtEnd: number;
  readonly resyncMiB: number;
  readonly quorumLost: boolean;
  readonly kvdbQuorumLost: boolean;
  readonly volumesLost: number;
  readonly stall: Stall | null;
  readonly recoveryMs: number;
  readonly unplacedAtEnd: number;
  readonly underutilizedAtEnd: number;
}

/** Thrown by `check` when an invariant breaks: a bug in the engine, never a user error. */
export class InvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvariantError';
  }
}

function forEachVmArray(vms: VmArrays, f: (a: RunArray, name: keyof VmArrays) => void): void {
  for (const name of Object.keys(vms) as (keyof VmArrays)[]) f(vms[name], name);
}

function copyVmArrays(vms: VmArrays): VmArrays {
  const out: Partial<Record<keyof VmArrays, RunArray>> = {};
  forEachVmArray(vms, (a, name) => (out[name] = a.slice()));
  return out as VmArrays;
}

/** A per-run typed array. */
type RunArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Int32Array | Uint32Array | Float64Array;

/** The per-VM arrays by name: the engine's own (`vms`), and their values at the start. */
interface VmArrays {
  readonly node: Int32Array;
  readonly state: Uint8Array;
  readonly next: Int32Array;
  readonly prev: Int32Array;
  readonly evac: Uint8Array;
  readonly fails: Uint8Array;
  readonly backoff: Uint8Array;
  readonly downSince: Float64Array;
  readonly cause: Uint8Array;
  readonly everDown: Uint8Array;
  readonly slot: Int16Array;
  readonly ioDown: Uint8Array;
}

interface StartState {
  readonly arrays: readonly RunArray[];
  readonly vms: VmArrays;
  /** The VMs not running at the start (unplaced): the dirty list a run starts with. */
  readonly dirty: Int32Array;
  readonly trees: readonly ArgminSnapshot[];
  readonly pending: Int32Array;
  readonly freeBlocks: number;
  readonly onlineSets: number;
  readonly kvdbOnline: number;
  readonly degraded: number;
}

export class DrillRun {
  readonly q: EventQueue;
  rng: Rng;
  rec: Recorder | null;
  private readonly h: BaseHeader;
  private readonly c: Columns;
  private readonly N: number;
  private readonly V: number;
  private readonly M: number;
  private readonly R: number;
  private readonly S: number;
  private readonly K: number;
  /** KubeVirt bandwidthPerMigration in Mbps (0: none), from the header, read per rebalance. */
  private readonly bandwidthCapMbps: number;

  // Keys.
  private readonly kNode0: number;
  private readonly kVm0: number;
  private readonly kGlobal0: number;

  // Machines / nodes.
  readonly mState: Uint8Array;
  private readonly mOutdated: Uint8Array;
  private readonly mBlock: Uint8Array;
  private readonly mSet: Int32Array;
  private readonly mPool: Uint8Array;
  private readonly mNoPaths: Uint8Array;
  private readonly mRemediated: Uint8Array;
  private readonly mFailedInCluster: Uint8Array;
  private readonly ownSet: Int32Array;
  readonly memUsed: Float64Array;
  readonly cpuUsed: Float64Array;
  readonly podsUsed: Uint32Array;
  readonly otherPods: Uint32Array;
  readonly vmCount: Uint32Array;
  private readonly outLimit: Uint16Array;
  private readonly outXfer: Uint16Array;
  private readonly inXfer: Uint16Array;
  private readonly head: Int32Array;
  private readonly phaseCode: Int8Array;
  private readonly phaseStart: Float64Array;
  private readonly failedAt: Float64Array;
  private readonly evacPending: Uint32Array;
  private readonly trees: ArgminTree[];
  /** Per class, the nodes whose score in its tree is stale (`touch`), and a flag per class and node. */
  private readonly stale: Int32Array[];
  private readonly staleLen: Int32Array;
  private readonly isStale: Uint8Array;
  private readonly invMem: Float64Array;
  private readonly invCpu: Float64Array;
  private readonly invPods: Float64Array;
  private freeBlocks: number;

  // VMs.
  readonly vmNode: Int32Array;
  readonly vmState: Uint8Array;
  private readonly vmNext: Int32Array;
  private readonly vmPrev: Int32Array;
  private readonly vmEvac: Uint8Array;
  private readonly vmFails: Uint8Array;
  private readonly vmBackoff: Uint8Array;
  private readonly vmDownSince: Float64Array;
  private readonly vmCause: Uint8Array;
  private readonly vmEverDown: Uint8Array;
  private readonly vmSlot: Int16Array;
  readonly vmIoDown: Uint8Array;
  private pendingRestart: Int32Array;
  private pendingCount = 0;
  /**
   * The VMs whose per-VM entries may differ from the start state in this run, each once
   * (`isDirty`). Every VM not running is in it, so the end-of-run checks and figures read these
   * few hundred VMs, not all of them, and a run is undone by copying back only their entries.
   * Every write to a per-VM array goes with `dirtyVm` (test mode checks the undo, see `reset`).
   */
  private readonly dirtyList: Int32Array;
  private dirtyLen = 0;
  private readonly isDirty: Uint8Array;
  /** The per-VM arrays, all of them (not in `resettable`: restored entry by entry, see `restoreVms`). */
  private readonly vms: VmArrays;

  // Migration slots.
  private readonly sVm: Int32Array;
  private readonly sSrc: Int32Array;
  private readonly sDst: Int32Array;
  private readonly sPhase: Uint8Array;
  private readonly sRemain: Float64Array;
  private readonly sRate: Float64Array;
  private readonly sLast: Float64Array;
  private readonly sRoundStart: Float64Array;
  private readonly sRoundBytes: Float64Array;
  private readonly sLow: Float64Array;
  private readonly sLowTime: Float64Array;
  private readonly sDirty: Float64Array;
  private readonly sThrottle: Float64Array;
  /** When the completion budget of a transfer in pre-copy runs out (ms). */
  private readonly sDeadline: Float64Array;
  private readonly sRounds: Uint32Array;
  private inFlight = 0;

  // Portworx.
  private readonly setHolder: Int32Array;
  private readonly setOnline: Uint8Array;
  private readonly setOfflineSince: Float64Array;
  private readonly setFailure: Uint8Array;
  private readonly replicaState: Uint8Array;
  private readonly volUp: Uint8Array;
  private readonly volLostEver: Uint8Array;
  private readonly kvdbMember: Uint8Array;
  private onlineSets = 0;
  private kvdbOnline = 0;
  private degraded = 0;

  // Evacuating nodes (compact list).
  private readonly evacList: Int32Array;
  private evacLen = 0;

  // Repave controller.
  private readonly repavePools: ReadonlyArray<'controlPlane' | 'workers'>;
  private repaveIndex = 0;
  private repaveVictim = -1;
  private repaveSurge = -1;
  private repaveStep = 0;
  private repaveDone = true;

  // Fabric.
  private failedFabric = -1;
  private failedController = -1;

  // Descheduler.
  private deschedulerQuiet = false;

  // Figures.
  private started = 0;
  private completed = 0;
  private failed = 0;
  private maxInFlight = 0;
  private downVms = 0;
  private downMs = 0;
  private downMaxMs = 0;
  private downBeyond = 0;
  private degradedMax = 0;
  private resyncMiB = 0;
  private quorumLost = false;
  private kvdbQuorumLost = false;
  private volumesLost = 0;
  private stall: Stall | null = null;
  private failedSinceCompletion = 0;
  private lastCompletionAt = 0;
  private readonly lastFail = { cause: 0, vm: 0, src: 0, rate: 0, dirty: 0, sharing: 0 };
  private lastFailureAt = -1;
  private recoveryMs = 0;
  private lastEventAt = 0;
  private stopped = false;

  // Test mode only (`check`): the time of the last checked event, and the events handled when the run ended.
  private checkedAt = 0;
  private endedAfter = -1;

  constructor(
    base: SimBase,
    private readonly drill: Drill,
    private opts: RunOptions,
  ) {
    this.h = base.header;
    this.c = base.cols;
    const h = this.h;
    const N = (this.N = h.nodes);
    const V = (this.V = h.vms);
    const M = (this.M = h.migration.parallelPerCluster);
    this.R = h.replication;
    const S = (this.S = h.sets);
    this.rng = new Rng(opts.seed);
    this.rec = opts.record ? new Recorder(h.nodeNames, h.migration) : null;

    this.kNode0 = M;
    this.kVm0 = this.kNode0 + NODE_TIMERS * N;
    this.kGlobal0 = this.kVm0 + V;
    this.q = new EventQueue(this.kGlobal0 + G_FAIL0 + drill.spec.failures.length + 1);

    this.mState = this.alloc(Uint8Array, N, 0);
    this.mOutdated = this.alloc(Uint8Array, N, 0);
    this.mBlock = this.alloc(Uint8Array, N, 0);
    this.mSet = this.alloc(Int32Array, N, -1);
    this.mPool = this.alloc(Uint8Array, N, 0);
    this.mNoPaths = this.alloc(Uint8Array, N, 0);
    this.mRemediated = this.alloc(Uint8Array, N, 0);
    this.mFailedInCluster = this.alloc(Uint8Array, N, 0);
    this.ownSet = this.alloc(Int32Array, N, -1);
    this.memUsed = this.alloc(Float64Array, N, 0);
    this.cpuUsed = this.alloc(Float64Array, N, 0);
    this.podsUsed = this.alloc(Uint32Array, N, 0);
    this.otherPods = this.alloc(Uint32Array, N, 0);
    this.vmCount = this.alloc(Uint32Array, N, 0);
    this.outLimit = this.alloc(Uint16Array, N, 0);
    this.outXfer = this.alloc(Uint16Array, N, 0);
    this.inXfer = this.alloc(Uint16Array, N, 0);
    this.head = this.alloc(Int32Array, N, -1);
    this.phaseCode = this.alloc(Int8Array, N, -1);
    this.phaseStart = this.alloc(Float64Array, N, 0);
    this.failedAt = this.alloc(Float64Array, N, -1);
    this.evacPending = this.alloc(Uint32Array, N, 0);
    this.evacList = this.alloc(Int32Array, N, 0);
    this.K = h.classes;
    this.bandwidthCapMbps = h.migration.bandwidthCapMbps;
    this.trees = Array.from({ length: h.classes }, () => new ArgminTree(N));
    this.stale = Array.from({ length: h.classes }, () => this.alloc(Int32Array, N, 0));
    this.staleLen = this.alloc(Int32Array, h.classes, 0);
    this.isStale = this.alloc(Uint8Array, h.classes * N, 0);
    this.invMem = new Float64Array(N);
    this.invCpu = new Float64Array(N);
    this.invPods = new Float64Array(N);
    for (let n = 0; n < N; n++) {
      this.invMem[n] = 1 / Math.max(1, this.c.nodeAllocMem[n] as number);
      this.invCpu[n] = 1 / Math.max(1, this.c.nodeAllocCpu[n] as number);
      this.invPods[n] = 1 / Math.max(1, this.c.nodeMaxPods[n] as number);
    }

    // Every per-VM array is made here, in `vms`: that is what a reset puts back.
    const vm = <T extends RunArray>(ctor: new (n: number) => T, fill: number): T => {
      const a = new ctor(V);
      if (fill !== 0) a.fill(fill);
      return a;
    };
    const vms = (this.vms = {
      node: vm(Int32Array, 0),
      state: vm(Uint8Array, 0),
      next: vm(Int32Array, -1),
      prev: vm(Int32Array, -1),
      evac: vm(Uint8Array, 0),
      fails: vm(Uint8Array, 0),
      backoff: vm(Uint8Array, 0),
      downSince: vm(Float64Array, 0),
      cause: vm(Uint8Array, 0),
      everDown: vm(Uint8Array, 0),
      slot: vm(Int16Array, -1),
      ioDown: vm(Uint8Array, 0),
    });
    this.vmNode = vms.node;
    this.vmState = vms.state;
    this.vmNext = vms.next;
    this.vmPrev = vms.prev;
    this.vmEvac = vms.evac;
    this.vmFails = vms.fails;
    this.vmBackoff = vms.backoff;
    this.vmDownSince = vms.downSince;
    this.vmCause = vms.cause;
    this.vmEverDown = vms.everDown;
    this.vmSlot = vms.slot;
    this.vmIoDown = vms.ioDown;
    this.dirtyList = new Int32Array(V);
    this.isDirty = new Uint8Array(V);
    this.pendingRestart = new Int32Array(Math.max(16, Math.min(V, 1024)));

    this.sVm = this.alloc(Int32Array, M, -1);
    this.sSrc = this.alloc(Int32Array, M, -1);
    this.sDst = this.alloc(Int32Array, M, -1);
    this.sPhase = this.alloc(Uint8Array, M, 0);
    this.sRemain = this.alloc(Float64Array, M, 0);
    this.sRate = this.alloc(Float64Array, M, 0);
    this.sLast = this.alloc(Float64Array, M, 0);
    this.sRoundStart = this.alloc(Float64Array, M, 0);
    this.sRoundBytes = this.alloc(Float64Array, M, 0);
    this.sLow = this.alloc(Float64Array, M, 0);
    this.sLowTime = this.alloc(Float64Array, M, 0);
    this.sDirty = this.alloc(Float64Array, M, 0);
    this.sThrottle = this.alloc(Float64Array, M, 0);
    this.sDeadline = this.alloc(Float64Array, M, 0);
    this.sRounds = this.alloc(Uint32Array, M, 0);

    this.setHolder = this.alloc(Int32Array, S, -1);
    this.setOnline = this.alloc(Uint8Array, S, 0);
    this.setOfflineSince = this.alloc(Float64Array, S, 0);
    this.setFailure = this.alloc(Uint8Array, S, 0);
    this.replicaState = this.alloc(Uint8Array, h.volumes * this.R, 0);
    this.volUp = this.alloc(Uint8Array, h.volumes, 0);
    this.volLostEver = this.alloc(Uint8Array, h.volumes, 0);
    this.kvdbMember = this.alloc(Uint8Array, S, 0);

    this.repavePools = drill.spec.repave;
    this.freeBlocks = h.blocks;
    this.init();
  }

  /** Every per-run array, so a run can start again from `start` without allocating. */
  private readonly resettable: RunArray[] = [];
  /** The state before the drill's first event (seed-independent): each run starts from a copy. */
  private start: StartState | null = null;

  private alloc<T extends RunArray>(ctor: new (n: number) => T, length: number, fill: number): T {
    const a = new ctor(length);
    if (fill !== 0) a.fill(fill);
    this.resettable.push(a);
    return a;
  }

  /** VM `v`'s entries are about to change (see `dirtyList`). */
  private dirtyVm(v: number): void {
    if (this.isDirty[v]) return;
    this.isDirty[v] = 1;
    this.dirtyList[this.dirtyLen++] = v;
  }

  /**
   * Start another run on the same base and drill, reusing every array (Monte Carlo runs one
   * after another on a thread allocate nothing per run but the result).
   */
  reset(opts: RunOptions): void {
    this.opts = opts;
    this.rng = new Rng(opts.seed);
    this.rec = opts.record ? new Recorder(this.h.nodeNames, this.h.migration) : null;
    this.q.reset();
    this.inFlight = 0;
    this.evacLen = 0;
    this.repaveIndex = 0;
    this.repaveVictim = -1;
    this.repaveSurge = -1;
    this.repaveStep = 0;
    this.repaveDone = true;
    this.repaveWaiting = false;
    this.waitingMachine = -1;
    this.pendingReplacements[0] = 0;
    this.pendingReplacements[1] = 0;
    this.failedFabric = -1;
    this.failedController = -1;
    this.deschedulerQuiet = false;
    this.started = 0;
    this.completed = 0;
    this.failed = 0;
    this.maxInFlight = 0;
    this.downVms = 0;
    this.downMs = 0;
    this.downMaxMs = 0;
    this.downBeyond = 0;
    this.degradedMax = 0;
    this.resyncMiB = 0;
    this.quorumLost = false;
    this.kvdbQuorumLost = false;
    this.volumesLost = 0;
    this.stall = null;
    this.failedSinceCompletion = 0;
    this.lastCompletionAt = 0;
    this.lastFailureAt = -1;
    this.recoveryMs = 0;
    this.lastEventAt = 0;
    this.stopped = false;
    this.checkedAt = 0;
    this.endedAfter = -1;
    this.restoreStart();
    this.setupDrill();
  }

  // ------------------------------------------------------------------------------------------
  // Setup.

  private init(): void {
    this.initState();
    this.saveStart();
    this.setupDrill();
  }

  /** The cluster as the base describes it: machines, VMs on their nodes, drive sets, volumes. */
  private initState(): void {
    const { c, N, V } = this;
    for (let n = 0; n < N; n++) {
      this.mPool[n] = c.nodeRole[n] === ROLE_CP ? 0 : 1;
      if (c.nodeSpare[n]) {
        this.mState[n] = M_FREE;
      } else {
        this.mState[n] = M_READY;
        this.mBlock[n] = 1;
        this.freeBlocks--;
        this.otherPods[n] = c.nodeOtherPods[n] as number;
        const set = c.nodeSet[n] as number;
        if (set >= 0) {
          this.mSet[n] = set;
          this.setHolder[set] = n;
          this.setOnline[set] = 1;
          this.onlineSets++;
        }
      }
    }
    for (let i = 0; i < c.kvdbSets.length; i++) {
      const s = c.kvdbSets[i] as number;
      if (s >= 0) {
        this.kvdbMember[s] = 1;
        if (this.setOnline[s]) this.kvdbOnline++;
      }
    }
    for (let v = 0; v < V; v++) {
      const n = c.vmNode[v] as number;
      this.vmNode[v] = n;
      if (n < 0) {
        this.vmState[v] = VM_DOWN;
        this.vmCause[v] = CAUSE_NONE;
        this.pushPending(v);
        continue;
      }
      this.vmState[v] = VM_RUNNING;
      // link() without its per-VM bookkeeping: the counts and scores are set once below.
      const h = this.head[n] as number;
      this.vmNext[v] = h;
      if (h >= 0) this.vmPrev[h] = v;
      this.head[n] = v;
      this.vmCount[n]!++;
      const k = c.vmClass[v] as number;
      this.memUsed[n]! += c.classPodMem[k] as number;
      this.cpuUsed[n]! += c.classCpu[k] as number;
      this.podsUsed[n]!++;
    }
    const R = this.R;
    for (let vol = 0; vol < this.h.volumes; vol++) {
      let up = 0;
      for (let r = 0; r < R; r++) {
        const set = c.replicaSet[vol * R + r] as number;
        if (set >= 0 && this.setOnline[set]) up++;
        else this.replicaState[vol * R + r] = R_DOWN;
      }
      this.volUp[vol] = up;
      if (up < R) this.degraded++;
    }
    for (let n = 0; n < N; n++) this.touch(n);
  }

  private saveStart(): void {
    const dirty: number[] = [];
    for (let v = 0; v < this.V; v++) if (this.vmState[v] !== VM_RUNNING) dirty.push(v);
    this.start = {
      arrays: this.resettable.map((a) => a.slice()),
      vms: copyVmArrays(this.vms),
      dirty: Int32Array.from(dirty),
      trees: this.trees.map((t) => t.snapshot()),
      pending: this.pendingRestart.slice(0, this.pendingCount),
      freeBlocks: this.freeBlocks,
      onlineSets: this.onlineSets,
      kvdbOnline: this.kvdbOnline,
      degraded: this.degraded,
    };
    for (const v of dirty) this.dirtyVm(v);
  }

  /** Back to the state `saveStart` kept: copies of typed arrays, no allocation. */
  private restoreStart(): void {
    const st = this.start as StartState;
    this.resettable.forEach((a, i) => a.set(st.arrays[i] as RunArray));
    this.restoreVms(st);
    this.trees.forEach((t, i) => t.restore(st.trees[i] as ArgminSnapshot));
    this.pendingCount = 0;
    for (let i = 0; i < st.pending.length; i++) this.pushPending(st.pending[i] as number);
    this.freeBlocks = st.freeBlocks;
    this.onlineSets = st.onlineSets;
    this.kvdbOnline = st.kvdbOnline;
    this.degraded = st.degraded;
  }

  /**
   * The per-VM entries back to the start: only the dirty VMs' (a node failure changes a few
   * hundred of 12,500 VMs), or whole arrays when many changed (a repave moves every VM). In test
   * mode every entry is compared with the start, so a write without `dirtyVm` fails the tests.
   */
  private restoreVms(st: StartState): void {
    const { vms, dirtyList, isDirty } = this;
    const from = st.vms;
    const len = this.dirtyLen;
    // Test mode always copies entry by entry, and checks the result below.
    if (len * RESTORE_WHOLE > this.V && !this.opts.check) forEachVmArray(vms, (a, name) => a.set(from[name]));
    else {
      // One line per array, so each copy sees one element type: 11 µs for 267 VMs, against 21 µs
      // for a loop over the arrays (its copy sees all four types) and 20 µs for whole arrays.
      const { node, state, next, prev, evac, fails, backoff, downSince, cause, everDown, slot, ioDown } = vms;
      const { node: node0, state: state0, next: next0, prev: prev0, evac: evac0, fails: fails0, backoff: backoff0, downSince: downSince0, cause: cause0, everDown: everDown0, slot: slot0, ioDown: ioDown0 } = from;
      for (let i = 0; i < len; i++) {
        const v = dirtyList[i] as number;
        node[v] = node0[v] as number;
        state[v] = state0[v] as number;
        next[v] = next0[v] as number;
        prev[v] = prev0[v] as number;
        evac[v] = evac0[v] as number;
        fails[v] = fails0[v] as number;
        backoff[v] = backoff0[v] as number;
        downSince[v] = downSince0[v] as number;
        cause[v] = cause0[v] as number;
        everDown[v] = everDown0[v] as number;
        slot[v] = slot0[v] as number;
        ioDown[v] = ioDown0[v] as number;
      }
    }
    for (let i = 0; i < len; i++) isDirty[dirtyList[i] as number] = 0;
    this.dirtyLen = 0;
    for (let i = 0; i < st.dirty.length; i++) this.dirtyVm(st.dirty[i] as number);
    if (!this.opts.check) return;
    const changed = this.vmChangedSinceStart(false);
    if (changed) throw new InvariantError(`the reset left ${changed}`);
  }

  /** Test mode: the first per-VM entry that differs from the start (of a VM not in the dirty list, if `cleanOnly`). */
  private vmChangedSinceStart(cleanOnly: boolean): string | null {
    const from = (this.start as StartState).vms;
    let found: string | null = null;
    forEachVmArray(this.vms, (a, name) => {
      for (let v = 0; v < this.V && !found; v++) if (a[v] !== from[name][v] && !(cleanOnly && this.isDirty[v])) found = `VM ${v}'s ${name} at ${a[v]}, ${from[name][v]} at the start`;
    });
    return found;
  }

  /** What every run does first: the recorder's starting figures and the drill's first events (seeded). */
  private setupDrill(): void {
    const { c, N } = this;
    this.degradedMax = this.degraded;
    if (this.rec) {
      for (let n = 0; n < N; n++) this.rec.vms(0, n, this.vmCount[n] as number);
      this.rec.inFlight(0, 0);
      this.rec.degraded(0, this.degraded);
    }
    const spec = this.drill.spec;
    if (this.repavePools.length > 0) {
      for (let n = 0; n < N; n++) {
        const pool = this.mPool[n] === 0 ? 'controlPlane' : 'workers';
        if (!c.nodeSpare[n] && this.repavePools.includes(pool)) this.mOutdated[n] = 1;
      }
      this.repaveDone = false;
      this.q.at(this.kGlobal0 + G_REPAVE, 0);
    }
    spec.failures.forEach((f, i) => {
      const at = f.atRandomWithin !== undefined ? Math.floor(this.rng.next() * f.atRandomWithin) : f.at;
      this.q.at(this.kGlobal0 + G_FAIL0 + i, at);
    });
    if (spec.fabricFailure) this.q.at(this.kGlobal0 + G_FABRIC, spec.fabricFailure.at);
    if (spec.descheduler) this.q.at(this.kGlobal0 + G_DESCHEDULER, this.h.descheduler.intervalMs);
    this.q.at(this.kGlobal0 + G_HORIZON, spec.horizon);
  }

  // ------------------------------------------------------------------------------------------
  // Small helpers.

  private sample(e: Estimate): number {
    return Math.round(this.rng.triangular(e[0], e[1], e[2]));
  }

  private link(v: number, n: number): void {
    const h = this.head[n] as number;
    this.dirtyVm(v);
    if (h >= 0) this.dirtyVm(h);
    this.vmNext[v] = h;
    this.vmPrev[v] = -1;
    if (h >= 0) this.vmPrev[h] = v;
    this.head[n] = v;
    this.vmCount[n]!++;
    if (this.rec) this.rec.vms(this.q.now, n, this.vmCount[n] as number);
  }

  private unlink(v: number, n: number): void {
    const p = this.vmPrev[v] as number;
    const x = this.vmNext[v] as number;
    this.dirtyVm(v);
    if (p >= 0) this.dirtyVm(p);
    if (x >= 0) this.dirtyVm(x);
    if (p >= 0) this.vmNext[p] = x;
    else this.head[n] = x;
    if (x >= 0) this.vmPrev[x] = p;
    this.vmNext[v] = -1;
    this.vmPrev[v] = -1;
    this.vmCount[n]!--;
    if (this.rec) this.rec.vms(this.q.now, n, this.vmCount[n] as number);
  }

  private reserve(n: number, k: number, sign: 1 | -1): void {
    this.memUsed[n]! += sign * (this.c.classPodMem[k] as number);
    this.cpuUsed[n]! += sign * (this.c.classCpu[k] as number);
    this.podsUsed[n]! += sign;
    this.touch(n);
  }

  private schedulable(n: number): boolean {
    return this.mState[n] === M_READY && this.mPool[n] === 1 && this.mNoPaths[n] === 0;
  }

  /**
   * kube-scheduler, LeastAllocated: the fitting node whose fullest resource stays least full,
   * ties to the lower id. Each class keeps a tournament tree of its score per node, updated
   * when a node's usage or state changes, so this is a lookup.
   */
  findTarget(k: number, exclude: number): number {
    const tree = this.trees[k] as ArgminTree;
    // Refresh the scores of the nodes changed since this class last looked (see `touch`).
    const list = this.stale[k] as Int32Array;
    const N = this.N;
    for (let i = 0, len = this.staleLen[k] as number; i < len; i++) {
      const n = list[i] as number;
      this.isStale[k * N + n] = 0;
      tree.set(n, this.schedulable(n) ? this.score(n, k) : Infinity);
    }
    this.staleLen[k] = 0;
    return tree.minExcept(exclude);
  }

  /** The score of schedulable node `n` for class `k`, Infinity when the class does not fit there. */
  private score(n: number, k: number): number {
    const c = this.c;
    const m = (this.memUsed[n] as number) + (c.classPodMem[k] as number);
    if (m > (c.nodeAllocMem[n] as number)) return Infinity;
    const u = (this.cpuUsed[n] as number) + (c.classCpu[k] as number);
    if (u > (c.nodeAllocCpu[n] as number)) return Infinity;
    const p = (this.podsUsed[n] as number) + (this.otherPods[n] as number) + 1;
    if (p > (c.nodeMaxPods[n] as number)) return Infinity;
    const vlan = c.classVlan[k] as number;
    if (vlan >= 0 && ((c.nodeVlanBits[n * this.h.vlanWords + (vlan >>> 5)] as number) & (1 << (vlan & 31))) === 0) return Infinity;
    let score = m * (this.invMem[n] as number);
    const sc = u * (this.invCpu[n] as number);
    if (sc > score) score = sc;
    const sp = p * (this.invPods[n] as number);
    return sp > score ? sp : score;
  }

  /**
   * Node `n` changed (usage, pods, state): its score in every class's tree is stale, and is
   * recomputed when that class next looks for a target (a node that changes several times
   * between two lookups is scored once).
   */
  private touch(n: number): void {
    const N = this.N;
    for (let k = 0; k < this.K; k++) {
      if (this.isStale[k * N + n]) continue;
      this.isStale[k * N + n] = 1;
      (this.stale[k] as Int32Array)[this.staleLen[k]!++] = n;
    }
  }

  private setState(n: number, st: number): void {
    this.mState[n] = st;
    this.touch(n);
  }

  private phase(n: number, code: number): void {
    const now = this.q.now;
    const prev = this.phaseCode[n] as number;
    if (prev >= 0 && this.rec) this.rec.span(n, prev, this.phaseStart[n] as number, now);
    this.phaseCode[n] = code;
    this.phaseStart[n] = now;
  }

  private endPhase(n: number): void {
    this.phase(n, -1);
  }

  private doStall(code: string, reason: string, node: number): void {
    if (this.stall) return;
    this.stall = { code, reason, at: this.q.now / 1000, node: node >= 0 ? (this.h.nodeNames[node] as string) : null };
    this.stopped = true;
  }

  private pushPending(v: number): void {
    if (this.pendingCount === this.pendingRestart.length) {
      const grown = new Int32Array(this.pendingRestart.length * 2);
      grown.set(this.pendingRestart);
      this.pendingRestart = grown;
    }
    this.pendingRestart[this.pendingCount++] = v;
  }

  // ------------------------------------------------------------------------------------------
  // Downtime.

  private vmDown(v: number, cause: number): void {
    if (this.vmState[v] === VM_DOWN) return;
    this.dirtyVm(v);
    if (this.vmState[v] === VM_BOOTING) {
      // It never came back up: still the same outage, and its boot will not finish.
      this.vmState[v] = VM_DOWN;
      this.q.cancel(this.kVm0 + v);
      return;
    }
    this.vmState[v] = VM_DOWN;
    this.vmDownSince[v] = this.q.now;
    this.vmCause[v] = cause;
    if (!this.vmEverDown[v]) {
      this.vmEverDown[v] = 1;
      this.downVms++;
      if (cause === CAUSE_OPERATION) this.downBeyond++;
    }
  }

  private vmUp(v: number): void {
    this.dirtyVm(v);
    if (!this.vmEverDown[v]) {
      // Never placed at the start (the site did not fit): not downtime of the drill.
      this.vmCause[v] = CAUSE_NONE;
      return;
    }
    const d = this.q.now - (this.vmDownSince[v] as number);
    this.downMs += d;
    if (d > this.downMaxMs) this.downMaxMs = d;
    if (this.vmCause[v] === CAUSE_FAILURE && this.lastFailureAt >= 0) {
      const r = this.q.now - this.lastFailureAt;
      if (r > this.recoveryMs) this.recoveryMs = r;
    }
    this.vmCause[v] = CAUSE_NONE;
  }

  // ------------------------------------------------------------------------------------------
  // The loop.

  run(): RunFigures {
    const q = this.q;
    const horizonKey = this.kGlobal0 + G_HORIZON;
    while (!this.stopped) {
      // Nothing left to happen but the horizon: the drill is over (or stuck).
      if (q.pending === 1 && q.isScheduled(horizonKey)) {
        this.quiescent();
        this.stallIfUnfinished();
        break;
      }
      const key = q.pop();
      if (key < 0) break;
      this.dispatch(key);
      if (this.opts.check) this.check();
    }
    const f = this.finish();
    if (this.opts.check) this.checkEnd(f);
    return f;
  }

  private dispatch(key: number): void {
    const q = this.q;
    if (key >= this.kGlobal0) {
      this.onGlobal(key - this.kGlobal0);
      return;
    }
    this.lastEventAt = q.now;
    if (key < this.M) this.onSlot(key);
    else if (key < this.kVm0) {
      const i = key - this.kNode0;
      const kind = (i / this.N) | 0;
      this.onNodeTimer(kind, i - kind * this.N);
    } else this.onVmTimer(key - this.kVm0);
  }

  private onGlobal(g: number): void {
    if (g === G_HORIZON) {
      if (this.workRemains()) {
        const failing = this.failingMigrations();
        this.doStall('horizon-reached', `the drill did not finish within its horizon of ${this.drill.spec.horizon / 3_600_000} h: ${failing || this.pendingWork()}`, -1);
      }
      this.stopped = true;
      return;
    }
    this.lastEventAt = this.q.now;
    if (g === G_REPAVE) this.repaveStepNow();
    else if (g === G_DESCHEDULER) this.deschedulerTick();
    else if (g === G_FABRIC) this.fabricFail();
    else if (g === G_FABRIC_REPAIR) this.fabricRepair();
    else this.injectFailure(g - G_FAIL0);
  }

  /** Nothing will happen any more: a drain still waiting can never finish. */
  private quiescent(): void {
    for (let n = 0; n < this.N; n++) {
      if (this.mState[n] !== M_DRAINING) continue;
      let stuck = 0;
      for (let v = this.head[n] as number; v >= 0; v = this.vmNext[v] as number) stuck++;
      this.doStall('drain-blocked', `${this.h.nodeNames[n]} cannot finish draining: ${stuck} VM${stuck === 1 ? '' : 's'} cannot migrate (their disks lost every Portworx replica, or nothing can take them)`, n);
      return;
    }
  }

  /**
   * Quiet with work left (VMs down, drive sets offline, the repave unfinished): it would still
   * be left at the horizon, so it is the same stall, reported now with what is left.
   */
  private stallIfUnfinished(): void {
    if (this.stall || !this.workRemains()) return;
    this.doStall('no-progress', `nothing more happens before the horizon, and the drill is not done: ${this.pendingWork()}`, -1);
  }

  private workRemains(): boolean {
    if (!this.repaveDone || this.inFlight > 0) return true;
    // A VM not running is dirty (see dirtyList).
    const { vmState, dirtyList } = this;
    for (let i = 0, len = this.dirtyLen; i < len; i++) if (vmState[dirtyList[i] as number] !== VM_RUNNING) return true;
    for (let s = 0; s < this.S; s++) if (!this.setOnline[s] || (this.setHolder[s] as number) < 0) return true;
    return false;
  }

  // ------------------------------------------------------------------------------------------
  // Live migration.

  /** Start evacuations from node `n` within the limits. */
  private evacuate(n: number): void {
    const limits = this.h.migration;
    if (this.evacPending[n] === 0) return;
    let v = this.head[n] as number;
    while (v >= 0 && this.inFlight < limits.parallelPerCluster && (this.outLimit[n] as number) < limits.parallelOutboundPerNode) {
      const next = this.vmNext[v] as number;
      if (this.vmEvac[v] && this.vmState[v] === VM_RUNNING && !this.vmBackoff[v]) this.startMigration(v, n);
      v = next;
    }
  }

  private kickEvacuations(): void {
    for (let i = 0; i < this.evacLen; i++) {
      const n = this.evacList[i] as number;
      // A node with nothing left to evacuate leaves the list (a draining one leaves when deleted).
      if (this.evacPending[n] === 0 && this.mState[n] !== M_DRAINING) {
        this.evacList.copyWithin(i, i + 1, this.evacLen);
        this.evacLen--;
        i--;
        continue;
      }
      if (this.inFlight < this.h.migration.parallelPerCluster) this.evacuate(n);
    }
  }

  private addEvac(n: number): void {
    for (let i = 0; i < this.evacLen; i++) if (this.evacList[i] === n) return;
    this.evacList[this.evacLen++] = n;
  }

  private removeEvac(n: number): void {
    for (let i = 0; i < this.evacLen; i++) {
      if (this.evacList[i] === n) {
        this.evacList.copyWithin(i, i + 1, this.evacLen);
        this.evacLen--;
        return;
      }
    }
  }

  private freeSlot(): number {
    for (let s = 0; s < this.M; s++) if (this.sPhase[s] === P_FREE) return s;
    return -1;
  }

  private startMigration(v: number, src: number): void {
    const slot = this.freeSlot();
    if (slot < 0) return;
    const k = this.c.vmClass[v] as number;
    const dst = this.findTarget(k, src);
    this.sVm[slot] = v;
    this.sSrc[slot] = src;
    this.sDst[slot] = dst;
    this.dirtyVm(v);
    this.vmSlot[v] = slot;
    this.vmState[v] = VM_MIGRATING;
    this.outLimit[src]!++;
    this.inFlight++;
    this.started++;
    if (this.inFlight > this.maxInFlight) this.maxInFlight = this.inFlight;
    if (this.rec) this.rec.inFlight(this.q.now, this.inFlight);
    if (dst < 0) {
      this.sPhase[slot] = P_UNSCHEDULABLE;
      this.q.after(slot, TARGET_UNSCHEDULABLE_TIMEOUT_MS);
      return;
    }
    this.reserve(dst, k, 1);
    this.sPhase[slot] = P_TARGET;
    this.q.after(slot, this.sample(TARGET_POD_START_MS));
  }

  /**
   * A transfer from `from` to `to` started or ended: settle the progress of every transfer
   * sharing one of those links at its old rate, then give it its new share and move its event.
   * (The others' shares did not change.)
   */
  private rebalance(from: number, to: number): void {
    const now = this.q.now;
    const cap = this.bandwidthCapMbps;
    for (let s = 0; s < this.M; s++) {
      const ph = this.sPhase[s] as number;
      if (ph !== P_PRECOPY && ph !== P_STOPCOPY) continue;
      const src = this.sSrc[s] as number;
      const dst = this.sDst[s] as number;
      if (src !== from && dst !== to) continue;
      const remain = Math.max(0, (this.sRemain[s] as number) - (now - (this.sLast[s] as number)) * (this.sRate[s] as number));
      let mbps = Math.min((this.c.nodeLinkMbps[src] as number) / Math.max(1, this.outXfer[src] as number), (this.c.nodeLinkMbps[dst] as number) / Math.max(1, this.inXfer[dst] as number));
      if (cap > 0 && cap < mbps) mbps = cap;
      const rate = Math.max(1e-9, mbps * MBPS_TO_MIB_PER_MS);
      // Its share did not change: its end stays where it is (the heap is the loop's cost).
      if (rate === this.sRate[s]) continue;
      this.sRemain[s] = remain;
      this.sLast[s] = now;
      this.sRate[s] = rate;
      this.slotAt(s, now + Math.ceil(remain / rate));
    }
  }

  private onSlot(s: number): void {
    const ph = this.sPhase[s];
    const now = this.q.now;
    if (ph === P_TARGET) {
      const v = this.sVm[s] as number;
      const k = this.c.vmClass[v] as number;
      const mem = this.c.classMem[k] as number;
      this.sPhase[s] = P_PRECOPY;
      this.sRemain[s] = mem;
      this.sRoundBytes[s] = mem;
      this.sRoundStart[s] = now;
      this.sLast[s] = now;
      this.sRate[s] = 0;
      this.sLow[s] = Infinity;
      this.sLowTime[s] = now;
      this.sThrottle[s] = 0;
      this.sDirty[s] = (this.c.classDirty[k] as number) / 1000;
      this.sRounds[s] = 0;
      this.outXfer[this.sSrc[s] as number]!++;
      this.inXfer[this.sDst[s] as number]!++;
      // Completion budget: completionTimeoutPerGiB × data size in GB, rounded up (behaviour.md §1).
      // The slot's one event is its round end or this deadline, whichever comes first.
      const gb = Math.ceil((mem * 1048576) / 1e9);
      this.sDeadline[s] = now + Math.max(0, Math.ceil(gb * this.h.migration.completionTimeoutPerGiBMs));
      this.rebalance(this.sSrc[s] as number, this.sDst[s] as number);
    } else if (ph === P_PRECOPY) {
      // The completion budget ran out (behaviour.md §1): the VM stays on the source.
      if (now >= (this.sDeadline[s] as number)) this.failMigration(s, FAIL_TIMEOUT);
      else this.roundEnd(s);
    } else if (ph === P_STOPCOPY) {
      this.completeMigration(s);
    } else if (ph === P_UNSCHEDULABLE) {
      this.failMigration(s, FAIL_UNSCHEDULABLE);
    }
  }

  private roundEnd(s: number): void {
    const now = this.q.now;
    const v = this.sVm[s] as number;
    const mem = this.c.classMem[this.c.vmClass[v] as number] as number;
    const duration = now - (this.sRoundStart[s] as number);
    const sent = this.sRoundBytes[s] as number;
    const rate = this.sRate[s] as number;
    let dirty = Math.min(this.sDirty[s]! * (1 - (this.sThrottle[s] as number)) * duration, WORKING_SET_FRACTION * mem);
    this.sRounds[s]!++;
    const m = this.h.migration;
    // Stop-and-copy once the dirty set fits in the downtime target at the current rate (behaviour.md §2).
    if (dirty <= rate * m.downtimeTargetMs || this.sRounds[s]! >= MAX_PRECOPY_ROUNDS) {
      this.sPhase[s] = P_STOPCOPY;
      this.startRound(s, dirty);
      return;
    }
    // Progress: a new low in the remaining data, else abort after progressTimeout (behaviour.md §1).
    if (dirty < (this.sLow[s] as number)) {
      this.sLow[s] = dirty;
      this.sLowTime[s] = now;
    } else if (now - (this.sLowTime[s] as number) >= m.progressTimeoutMs) {
      if (m.allowPostCopy) {
        // Post-copy: switch over now, fetch the rest on demand; no timeout applies any more.
        this.sPhase[s] = P_STOPCOPY;
        this.startRound(s, 0);
        return;
      }
      this.failMigration(s, FAIL_NO_PROGRESS);
      return;
    }
    if (m.allowAutoConverge && dirty > AUTOCONVERGE.trigger * sent) {
      const t = this.sThrottle[s] as number;
      this.sThrottle[s] = t === 0 ? AUTOCONVERGE.initial : Math.min(AUTOCONVERGE.max, t + AUTOCONVERGE.step);
    }
    dirty = Math.max(dirty, 1e-6);
    this.startRound(s, dirty);
  }

  private startRound(s: number, bytes: number): void {
    const now = this.q.now;
    this.sRemain[s] = bytes;
    this.sRoundBytes[s] = bytes;
    this.sRoundStart[s] = now;
    this.sLast[s] = now;
    this.slotAt(s, now + Math.ceil(bytes / (this.sRate[s] as number)));
  }

  /** Schedule slot `s`'s transfer to end at `t`, or its completion deadline if that comes first in pre-copy. */
  private slotAt(s: number, t: number): void {
    const deadline = this.sDeadline[s] as number;
    this.q.at(s, this.sPhase[s] === P_PRECOPY && deadline < t ? deadline : t);
  }

  private releaseSlot(s: number): void {
    const src = this.sSrc[s] as number;
    const dst = this.sDst[s] as number;
    const ph = this.sPhase[s];
    if (ph === P_PRECOPY || ph === P_STOPCOPY) {
      this.outXfer[src]!--;
      this.inXfer[dst]!--;
    }
    this.outLimit[src]!--;
    this.inFlight--;
    this.sPhase[s] = P_FREE;
    this.q.cancel(s);
    // Its VM is dirty since startMigration.
    this.vmSlot[this.sVm[s] as number] = -1;
    this.sVm[s] = -1;
    if (this.rec) this.rec.inFlight(this.q.now, this.inFlight);
  }

  private completeMigration(s: number): void {
    const v = this.sVm[s] as number;
    const src = this.sSrc[s] as number;
    const dst = this.sDst[s] as number;
    const k = this.c.vmClass[v] as number;
    this.releaseSlot(s);
    this.reserve(src, k, -1);
    this.unlink(v, src);
    this.link(v, dst);
    this.vmNode[v] = dst; // dirty since link()
    this.vmState[v] = VM_RUNNING;
    this.vmFails[v] = 0;
    if (this.vmEvac[v]) {
      this.vmEvac[v] = 0;
      this.evacPending[src]!--;
    }
    this.completed++;
    this.failedSinceCompletion = 0;
    this.lastCompletionAt = this.q.now;
    this.rebalance(src, dst);
    this.afterMove(src);
  }

  private failMigration(s: number, cause: number): void {
    const v = this.sVm[s] as number;
    const src = this.sSrc[s] as number;
    const unschedulable = cause === FAIL_UNSCHEDULABLE;
    // Kept for the stall report when migrations keep failing (failingMigrations).
    this.failedSinceCompletion++;
    this.lastFail.cause = cause;
    this.lastFail.vm = v;
    this.lastFail.src = src;
    this.lastFail.rate = this.sRate[s] as number;
    this.lastFail.dirty = (this.sDirty[s] as number) * (1 - (this.sThrottle[s] as number));
    this.lastFail.sharing = this.outXfer[src] as number;
    this.failMigrationQuietly(s);
    // Backoff: 20 s, doubling per consecutive failure (behaviour.md §1).
    const fails = Math.min(this.vmFails[v] as number, MIGRATION_BACKOFF_MAX_DOUBLINGS);
    this.dirtyVm(v);
    this.vmFails[v] = Math.min(255, (this.vmFails[v] as number) + 1);
    this.vmBackoff[v] = 1;
    this.q.after(this.kVm0 + v, MIGRATION_BACKOFF_MS * 2 ** fails);
    if (unschedulable && this.evacPending[src]! > 0 && !this.capacityMayAppear()) {
      const k = this.c.vmClass[v] as number;
      this.doStall('drain-blocked', `VM ${v} (${this.h.classNames[k]}) cannot leave ${this.h.nodeNames[src]}: no schedulable node has room for it and none is coming`, src);
      return;
    }
    this.kickEvacuations();
  }

  /** Could a node get room later without anyone acting: a migration or restart in flight, a node on its way? */
  private capacityMayAppear(): boolean {
    for (let s = 0; s < this.M; s++) if (this.sPhase[s] === P_TARGET || this.sPhase[s] === P_PRECOPY || this.sPhase[s] === P_STOPCOPY) return true;
    for (let n = 0; n < this.N; n++) {
      const st = this.mState[n];
      if (st === M_DEPLOYING || st === M_JOINING || st === M_RELEASING) return true;
      if (st === M_FAILED && this.q.isScheduled(this.kNode0 + T_REPAIR * this.N + n)) return true;
    }
    return false;
  }

  /** A VM left node `n` (or capacity changed): continue drains, restarts and evacuations. */
  private afterMove(n: number): void {
    if (this.mState[n] === M_DRAINING && this.head[n] === -1 && this.outLimit[n] === 0) this.drainDone(n);
    this.restartPending();
    this.kickEvacuations();
  }

  private onVmTimer(v: number): void {
    this.dirtyVm(v);
    if (this.vmState[v] === VM_BOOTING) {
      this.vmState[v] = VM_RUNNING;
      this.vmUp(v);
      return;
    }
    // Backoff over: the evacuation controller may retry this VM.
    this.vmBackoff[v] = 0;
    const n = this.vmNode[v] as number;
    if (n >= 0) this.evacuate(n);
  }

  // ------------------------------------------------------------------------------------------
  // Restarts (eviction strategy None, failures).

  private restartPending(): void {
    if (this.pendingCount === 0) return;
    let w = 0;
    for (let i = 0; i < this.pendingCount; i++) {
      const v = this.pendingRestart[i] as number;
      if (this.vmState[v] !== VM_DOWN) continue;
      if (this.vmIoDown[v]) {
        // Its disk has no replica up: it waits for one before it can boot anywhere.
        this.pendingRestart[w++] = v;
        continue;
      }
      const k = this.c.vmClass[v] as number;
      const n = this.findTarget(k, -1);
      if (n < 0) {
        this.pendingRestart[w++] = v;
        continue;
      }
      this.reserve(n, k, 1);
      this.link(v, n);
      this.vmNode[v] = n; // dirty since link()
      this.vmState[v] = VM_BOOTING;
      this.q.after(this.kVm0 + v, this.sample(VM_BOOT_MS));
    }
    this.pendingCount = w;
  }

  /** Take VM `v` off its node (stopped or dead) and queue it for a cold restart elsewhere. */
  private stopVm(v: number, cause: number): void {
    const n = this.vmNode[v] as number;
    this.dirtyVm(v);
    const slot = this.vmSlot[v] as number;
    if (slot >= 0) this.failMigrationQuietly(slot);
    if (n >= 0) {
      this.unlink(v, n);
      this.reserve(n, this.c.vmClass[v] as number, -1);
      if (this.vmEvac[v]) {
        this.vmEvac[v] = 0;
        this.evacPending[n]!--;
      }
    }
    this.vmNode[v] = -1;
    this.q.cancel(this.kVm0 + v);
    this.vmBackoff[v] = 0;
    this.vmDown(v, cause);
    this.pushPending(v);
  }

  /** The slot's migration ends without the VM moving (it stays running on the source); no retry is scheduled. */
  private failMigrationQuietly(s: number): void {
    const v = this.sVm[s] as number;
    const src = this.sSrc[s] as number;
    const dst = this.sDst[s] as number;
    if (dst >= 0) this.reserve(dst, this.c.vmClass[v] as number, -1);
    this.releaseSlot(s);
    this.vmState[v] = VM_RUNNING; // dirty since startMigration
    this.failed++;
    this.rebalance(src, dst);
  }

  // ------------------------------------------------------------------------------------------
  // Drain, deletion, provisioning.

  private startDrain(n: number): void {
    this.setState(n, M_DRAINING);
    this.phase(n, PH_DRAIN);
    const timeout = (this.mPool[n] === 0 ? this.h.pools.controlPlane : this.h.pools.workers).drainTimeoutMs;
    if (timeout > 0) this.q.after(this.kNode0 + T_DRAIN * this.N + n, timeout);
    let v = this.head[n] as number;
    let marked = 0;
    while (v >= 0) {
      const next = this.vmNext[v] as number;
      const ev = this.c.classEviction[this.c.vmClass[v] as number] as number;
      if (ev === EV_LIVE || ev === EV_LIVE_IF_POSSIBLE) {
        if (!this.vmEvac[v]) {
          this.dirtyVm(v);
          this.vmEvac[v] = 1;
          this.evacPending[n]!++;
        }
        marked++;
      } else if (ev === EV_NONE) {
        // Eviction allowed: the VM stops and its RunStrategy restarts it elsewhere, cold (behaviour.md §1).
        this.stopVm(v, CAUSE_OPERATION);
      } else {
        this.doStall('drain-blocked', `VM ${v} on ${this.h.nodeNames[n]} uses evictionStrategy External: the drain waits for an external controller`, n);
        return;
      }
      v = next;
    }
    if (marked > 0) {
      this.addEvac(n);
      this.evacuate(n);
    }
    if (this.head[n] === -1 && this.outLimit[n] === 0) this.drainDone(n);
    this.restartPending();
  }

  /** nodeDrainTimeout passed: Cluster API deletes the node with whatever still runs on it (behaviour.md §5). */
  private drainTimedOut(n: number): void {
    if (this.mState[n] !== M_DRAINING) return;
    let v = this.head[n] as number;
    while (v >= 0) {
      const next = this.vmNext[v] as number;
      this.stopVm(v, CAUSE_OPERATION);
      v = next;
    }
    for (let s = 0; s < this.M; s++) if (this.sPhase[s] !== P_FREE && this.sSrc[s] === n) this.failMigrationQuietly(s);
    this.drainDone(n);
    this.restartPending();
  }

  private drainDone(n: number): void {
    this.q.cancel(this.kNode0 + T_DRAIN * this.N + n);
    const set = this.mSet[n] as number;
    if (set >= 0 && this.setOnline[set] && (this.onlineSets - 1) * 2 <= this.S) {
      // Deleting it now would take Portworx below quorum (behaviour.md §6): the repave cannot proceed.
      this.doStall('quorum-would-be-lost', `deleting ${this.h.nodeNames[n]} would leave ${this.onlineSets - 1} of ${this.S} Portworx storage nodes online: quorum would be lost`, n);
      return;
    }
    this.removeEvac(n);
    this.deleteNode(n, M_RELEASING);
    this.phase(n, PH_RELEASE);
    this.q.after(this.kNode0 + T_LIFE * this.N + n, NODE_DELETION_MS + this.sample(MAAS_RELEASE_MS));
    this.repaveAfterDelete(n);
  }

  /** The Node object goes: its block frees, its non-daemon pods move, its drive set goes offline. */
  private deleteNode(n: number, next: number): void {
    this.setState(n, next);
    if (this.mBlock[n]) {
      this.mBlock[n] = 0;
      this.freeBlocks++;
    }
    const movers = Math.max(0, (this.otherPods[n] as number) - this.h.daemonPods);
    this.otherPods[n] = 0;
    this.touch(n);
    for (let i = 0; i < movers; i++) {
      // Controllers' pods reschedule onto the emptiest ready worker (by pods) that has a pod
      // slot left; with none, they stay Pending (not modelled further: they hold no slot).
      let best = -1;
      for (let m = 0; m < this.N; m++) {
        if (!this.schedulable(m)) continue;
        const pods = (this.podsUsed[m] as number) + (this.otherPods[m] as number);
        if (pods >= (this.c.nodeMaxPods[m] as number)) continue;
        if (best < 0 || pods < (this.podsUsed[best] as number) + (this.otherPods[best] as number)) best = m;
      }
      if (best < 0) break;
      this.otherPods[best]!++;
      this.touch(best);
    }
    const set = this.mSet[n] as number;
    if (set >= 0) this.setOffline(set, this.mState[n] === M_FAILED);
    this.mSet[n] = -1;
  }

  private allocateMachine(pool: number): number {
    for (let n = 0; n < this.N; n++) if (this.mState[n] === M_FREE && this.mPool[n] === pool) return n;
    return -1;
  }

  private machineMayFree(pool: number): boolean {
    for (let n = 0; n < this.N; n++) {
      if (this.mPool[n] !== pool) continue;
      if (this.mState[n] === M_RELEASING || this.mState[n] === M_DRAINING) return true;
      if (this.mState[n] === M_FAILED && this.q.isScheduled(this.kNode0 + T_REPAIR * this.N + n)) return true;
    }
    return false;
  }

  /** CAPI creates a Machine for `pool`: MAAS allocates and deploys a free machine. */
  private provision(pool: number): number {
    const n = this.allocateMachine(pool);
    if (n < 0) return -1;
    this.setState(n, M_DEPLOYING);
    this.mOutdated[n] = 0;
    this.phase(n, PH_DEPLOY);
    this.q.after(this.kNode0 + T_LIFE * this.N + n, this.sample(MAAS_DEPLOY_MS));
    return n;
  }

  private onNodeTimer(kind: number, n: number): void {
    if (kind === T_LIFE) this.onLife(n);
    else if (kind === T_PX) this.portworxTakeover(n);
    else if (kind === T_RESYNC) this.resyncDone(n);
    else if (kind === T_REPAIR) this.repaired(n);
    else if (kind === T_MHC) this.remediate(n);
    else if (kind === T_DRAIN) this.drainTimedOut(n);
  }

  private onLife(n: number): void {
    const st = this.mState[n];
    if (st === M_DEPLOYING) {
      if (this.freeBlocks <= 0) {
        if (!this.blockMayFree()) {
          this.doStall('no-free-pod-block', `${this.h.nodeNames[n]} cannot join: all ${this.h.blocks} per-node blocks of the pod CIDR are held and none will free; a surge repave needs a spare block (RA §Solution Sizing: keep one block spare, or enlarge kubernetes.podCidr)`, n);
          return;
        }
        this.q.after(this.kNode0 + T_LIFE * this.N + n, EVACUATION_RECHECK_MS);
        return;
      }
      this.freeBlocks--;
      this.mBlock[n] = 1;
      this.setState(n, M_JOINING);
      this.phase(n, PH_JOIN);
      this.q.after(this.kNode0 + T_LIFE * this.N + n, this.sample(NODE_JOIN_MS));
    } else if (st === M_JOINING) {
      this.setState(n, M_READY);
      this.otherPods[n] = this.h.daemonPods;
      this.touch(n);
      if (this.mPool[n] === 1) {
        this.phase(n, PH_PXINIT);
        this.q.after(this.kNode0 + T_PX * this.N + n, this.sample(PORTWORX_INIT_MS));
      } else this.endPhase(n);
      this.restartPending();
      this.kickEvacuations();
      this.repaveAfterReady(n);
    } else if (st === M_RELEASING) {
      this.setState(n, M_FREE);
      this.endPhase(n);
      this.repaveMachineFreed(this.mPool[n] as number);
    }
  }

  private blockMayFree(): boolean {
    for (let n = 0; n < this.N; n++) if (this.mState[n] === M_DRAINING || (this.mState[n] === M_FAILED && this.mBlock[n])) return true;
    return false;
  }

  // ------------------------------------------------------------------------------------------
  // Portworx.

  private setOffline(set: number, failure: boolean): void {
    if (!this.setOnline[set] && (this.setHolder[set] as number) < 0) return;
    const wasOnline = this.setOnline[set] === 1;
    this.setOnline[set] = 0;
    this.setHolder[set] = -1;
    this.setOfflineSince[set] = this.q.now;
    this.setFailure[set] = failure ? 1 : 0;
    if (wasOnline) {
      this.onlineSets--;
      if (this.kvdbMember[set]) this.kvdbOnline--;
      // Cluster quorum: a majority of storage nodes online (behaviour.md §6).
      if (this.onlineSets * 2 <= this.S) this.quorumLost = true;
      const k = this.c.kvdbSets.length;
      if (k > 0 && this.kvdbOnline * 2 <= k) this.kvdbQuorumLost = true;
    }
    const R = this.R;
    const c = this.c;
    for (let i = c.setOffsets[set] as number, end = c.setOffsets[set + 1] as number; i < end; i++) {
      const r = c.setReplicas[i] as number;
      const st = this.replicaState[r];
      this.replicaState[r] = R_DOWN;
      if (st !== R_UP) continue;
      const vol = (r / R) | 0;
      const before = this.volUp[vol] as number;
      this.volUp[vol] = before - 1;
      if (before === R) this.degraded++;
      if (before === 1) this.volumeLost(vol, failure);
    }
    if (this.degraded > this.degradedMax) this.degradedMax = this.degraded;
    if (this.rec) this.rec.degraded(this.q.now, this.degraded);
  }

  private volumeLost(vol: number, failure: boolean): void {
    if (!this.volLostEver[vol]) {
      this.volLostEver[vol] = 1;
      this.volumesLost++;
    }
    // The VM's disk is gone: it pauses on I/O errors until a replica is back.
    const v = this.c.volumeVm[vol] as number;
    this.dirtyVm(v);
    this.vmIoDown[v] = 1;
    if (this.vmState[v] === VM_RUNNING || this.vmState[v] === VM_MIGRATING || this.vmState[v] === VM_BOOTING) {
      const slot = this.vmSlot[v] as number;
      if (slot >= 0) this.failMigrationQuietly(slot);
      this.vmDown(v, failure ? CAUSE_FAILURE : CAUSE_OPERATION);
      this.vmState[v] = VM_DOWN;
    }
  }

  private volumeBack(vol: number): void {
    const v = this.c.volumeVm[vol] as number;
    if (!this.vmIoDown[v]) return;
    this.dirtyVm(v);
    this.vmIoDown[v] = 0;
    if (this.vmState[v] === VM_DOWN && (this.vmNode[v] as number) >= 0 && this.mState[this.vmNode[v] as number] !== M_FAILED && !this.mNoPaths[this.vmNode[v] as number]) {
      // Paused on I/O, resumes in place.
      this.vmState[v] = VM_RUNNING;
      this.vmUp(v);
    }
  }

  /** Portworx on a new (or returning) worker: take over an offline drive set (its own first), then resync it. */
  private portworxTakeover(n: number, own = -1): void {
    if (this.mState[n] !== M_READY && this.mState[n] !== M_DRAINING) return;
    if ((this.mSet[n] as number) >= 0) return;
    let set = own >= 0 && (this.setHolder[own] as number) < 0 ? own : -1;
    for (let s = 0; s < this.S && (set < 0 || set !== own); s++) {
      if ((this.setHolder[s] as number) >= 0 || this.setOnline[s]) continue;
      if (set < 0 || (this.setOfflineSince[s] as number) < (this.setOfflineSince[set] as number)) set = s;
    }
    if (set < 0) {
      // No offline drive set to take over: the node stays storageless.
      this.endPhase(n);
      this.repaveResumeIfWaiting();
      return;
    }
    this.setHolder[set] = n;
    this.mSet[n] = set;
    this.ownSet[n] = -1;
    this.setOnline[set] = 1;
    this.onlineSets++;
    if (this.kvdbMember[set]) this.kvdbOnline++;
    // Changed data since the set went offline (LUN reattach), or all of it (new drives).
    const writeRate = this.drill.spec.assumptions.volumeWriteRate / 1000;
    const offlineFor = this.q.now - (this.setOfflineSince[set] as number);
    let changed = 0;
    const c = this.c;
    const setReplicas = c.setReplicas;
    const setReplicaSize = c.setReplicaSize;
    const replicaState = this.replicaState;
    // Reattached LUNs resync what was written while offline, at most the volume; new drives, all of it.
    const written = this.h.reattach ? writeRate * offlineFor : Infinity;
    for (let i = c.setOffsets[set] as number, end = c.setOffsets[set + 1] as number; i < end; i++) {
      const size = setReplicaSize[i] as number;
      changed += size < written ? size : written;
      replicaState[setReplicas[i] as number] = R_RESYNC;
    }
    this.resyncMiB += changed;
    const rate = Math.max(1e-9, (c.nodeLinkMbps[n] as number) * MBPS_TO_MIB_PER_MS);
    this.phase(n, PH_RESYNC);
    this.q.after(this.kNode0 + T_RESYNC * this.N + n, Math.ceil(changed / rate));
  }

  private resyncDone(n: number): void {
    const set = this.mSet[n] as number;
    this.endPhase(n);
    if (set < 0) return;
    const R = this.R;
    const c = this.c;
    for (let i = c.setOffsets[set] as number, end = c.setOffsets[set + 1] as number; i < end; i++) {
      const r = c.setReplicas[i] as number;
      if (this.replicaState[r] !== R_RESYNC) continue;
      this.replicaState[r] = R_UP;
      const vol = (r / R) | 0;
      const before = this.volUp[vol] as number;
      this.volUp[vol] = before + 1;
      if (before + 1 === R) this.degraded--;
      if (before === 0) this.volumeBack(vol);
    }
    if (this.rec) this.rec.degraded(this.q.now, this.degraded);
    this.restartPending();
    this.repaveResumeIfWaiting();
  }

  // ------------------------------------------------------------------------------------------
  // Repave controller (MachineDeployment / KubeadmControlPlane rolling update).

  private poolIndex(): number {
    return this.repavePools[this.repaveIndex] === 'controlPlane' ? 0 : 1;
  }

  private poolParams() {
    return this.poolIndex() === 0 ? this.h.pools.controlPlane : this.h.pools.workers;
  }

  private repaveStepNow(): void {
    if (this.repaveDone || this.stopped) return;
    if (this.repaveVictim >= 0 || this.repaveSurge >= 0) return;
    const pool = this.poolIndex();
    const outdated: number[] = [];
    for (let n = 0; n < this.N; n++) if (this.mPool[n] === pool && this.mOutdated[n] && (this.mState[n] === M_READY || this.mState[n] === M_DRAINING)) outdated.push(n);
    if (outdated.length === 0) {
      this.repaveIndex++;
      if (this.repaveIndex >= this.repavePools.length) {
        this.repaveDone = true;
        return;
      }
      this.q.after(this.kGlobal0 + G_REPAVE, 0);
      return;
    }
    const params = this.poolParams();
    // deletePolicy Random (cluster-api MachineSet default, behaviour.md §5); KCP removes the oldest: lowest id.
    const victim = pool === 0 ? (outdated[0] as number) : (outdated[this.rng.int(outdated.length)] as number);
    if (params.surge) {
      // maxSurge 1: a new machine first, the old one after it is Ready.
      const m = this.provision(pool);
      if (m < 0) {
        if (this.machineMayFree(pool)) {
          this.q.after(this.kGlobal0 + G_REPAVE, EVACUATION_RECHECK_MS * 12);
          return;
        }
        this.doStall('no-free-machine', `the ${pool === 0 ? 'control-plane' : 'worker'} pool has no free machine in MAAS for the surge node (keep a spare: nodes.${pool === 0 ? 'controlPlane' : 'workers'}.spares)`, victim);
        return;
      }
      this.repaveSurge = m;
      this.repaveVictim = victim;
      this.repaveStep++;
      return;
    }
    // maxSurge 0 / maxUnavailable 1: delete first. Portworx must keep quorum without it.
    const set = this.mSet[victim] as number;
    if (set >= 0 && (this.onlineSets - 1) * 2 <= this.S) {
      if (this.takeoverInProgress()) {
        this.repaveWaiting = true;
        return;
      }
      this.doStall('quorum-would-be-lost', `taking ${this.h.nodeNames[victim]} down would leave ${this.onlineSets - 1} of ${this.S} Portworx storage nodes online: quorum would be lost`, victim);
      return;
    }
    this.repaveVictim = victim;
    this.repaveStep++;
    this.startDrain(victim);
  }

  private repaveWaiting = false;

  private takeoverInProgress(): boolean {
    for (let n = 0; n < this.N; n++) if (this.mState[n] === M_DEPLOYING || this.mState[n] === M_JOINING || this.q.isScheduled(this.kNode0 + T_PX * this.N + n)) return true;
    return false;
  }

  private repaveResumeIfWaiting(): void {
    if (this.repaveWaiting) {
      this.repaveWaiting = false;
      this.q.after(this.kGlobal0 + G_REPAVE, 0);
    }
  }

  /** The victim's Node is gone (scale-in): provision its replacement. */
  private repaveAfterDelete(n: number): void {
    if (n !== this.repaveVictim) {
      // A node deleted outside the repave (failure remediation): its replacement is provisioned by remediate().
      return;
    }
    const pool = this.mPool[n] as number;
    if (this.poolParams().surge && this.repaveSurge === -2) {
      // Surge flow: the new node was Ready before the old one went; this step is done.
      this.repaveSurge = -1;
      this.repaveVictim = -1;
      this.scheduleNextStep();
      return;
    }
    const m = this.provision(pool);
    if (m < 0) {
      this.waitingMachine = pool;
      return;
    }
    this.repaveSurge = m;
  }

  private waitingMachine = -1;

  private repaveMachineFreed(pool: number): void {
    if (this.waitingMachine === pool) {
      this.waitingMachine = -1;
      const m = this.provision(pool);
      if (m >= 0 && this.repaveVictim >= 0) this.repaveSurge = m;
    }
    if (this.pendingReplacements[pool]! > 0) {
      const m = this.provision(pool);
      if (m >= 0) this.pendingReplacements[pool]!--;
    }
  }

  private readonly pendingReplacements = [0, 0];

  /** A new machine is Ready. */
  private repaveAfterReady(n: number): void {
    if (n !== this.repaveSurge) return;
    const params = this.poolParams();
    if (params.surge) {
      // The surge node is Ready: now remove the old one.
      this.repaveSurge = -2;
      const victim = this.repaveVictim;
      if (victim >= 0 && (this.mState[victim] === M_READY || this.mState[victim] === M_DRAINING)) this.startDrain(victim);
      else {
        this.repaveSurge = -1;
        this.repaveVictim = -1;
        this.scheduleNextStep();
      }
      return;
    }
    this.repaveSurge = -1;
    this.repaveVictim = -1;
    this.scheduleNextStep();
  }

  private scheduleNextStep(): void {
    // Palette nodeRepaveInterval: a pause between node repaves (palette-api.md §3.3).
    this.q.after(this.kGlobal0 + G_REPAVE, this.poolParams().repaveIntervalMs);
  }

  // ------------------------------------------------------------------------------------------
  // Failures.

  private injectFailure(i: number): void {
    const f = this.drill.spec.failures[i];
    if (!f) return;
    const victims: number[] = [];
    if (f.workers !== undefined) {
      const candidates: number[] = [];
      for (let n = 0; n < this.N; n++) if (this.mPool[n] === 1 && (this.mState[n] === M_READY || this.mState[n] === M_DRAINING)) candidates.push(n);
      for (let j = 0; j < f.workers && candidates.length > 0; j++) victims.push(candidates.splice(this.rng.int(candidates.length), 1)[0] as number);
    } else if (f.nodes !== undefined) {
      for (const name of f.nodes) {
        const n = this.h.nodeNames.indexOf(name);
        if (n >= 0) victims.push(n);
      }
    } else if (f.zone !== undefined) {
      const z = this.h.zoneNames.indexOf(f.zone);
      for (let n = 0; n < this.N; n++) if (this.c.nodeZone[n] === z && this.mState[n] !== M_FAILED) victims.push(n);
    }
    this.lastFailureAt = this.q.now;
    for (const n of victims) this.failMachine(n, f.repairAfter);
    this.restartPending();
    this.kickEvacuations();
  }

  private failMachine(n: number, repairAfter: number | undefined): void {
    const prev = this.mState[n];
    if (prev === M_FAILED) return;
    this.failedAt[n] = this.q.now;
    this.q.cancel(this.kNode0 + T_LIFE * this.N + n);
    this.q.cancel(this.kNode0 + T_PX * this.N + n);
    this.q.cancel(this.kNode0 + T_RESYNC * this.N + n);
    this.setState(n, M_FAILED);
    this.phase(n, PH_DOWN);
    this.removeEvac(n);
    // Migrations touching the node fail; those leaving it take their VM down with it.
    for (let s = 0; s < this.M; s++) {
      if (this.sPhase[s] === P_FREE) continue;
      if (this.sDst[s] === n) this.failMigrationQuietly(s);
    }
    let v = this.head[n] as number;
    while (v >= 0) {
      const next = this.vmNext[v] as number;
      const slot = this.vmSlot[v] as number;
      if (slot >= 0) this.failMigrationQuietly(slot);
      this.vmDown(v, CAUSE_FAILURE);
      v = next;
    }
    const set = this.mSet[n] as number;
    if (set >= 0) {
      this.setOffline(set, true);
      this.mSet[n] = -1;
    }
    if (repairAfter !== undefined) this.q.after(this.kNode0 + T_REPAIR * this.N + n, repairAfter);
    const wasInCluster = prev === M_READY || prev === M_DRAINING || prev === M_JOINING;
    this.mFailedInCluster[n] = wasInCluster ? 1 : 0;
    if (n === this.repaveSurge) {
      // The replacement itself died before joining: provision another.
      this.repaveSurge = -1;
      const m = this.provision(this.mPool[n] as number);
      if (m >= 0) this.repaveSurge = m;
      else this.waitingMachine = this.mPool[n] as number;
    }
    if (wasInCluster && this.drill.spec.machineHealthCheck.enabled) {
      // NotReady after the grace period, remediated after unhealthyTimeout (behaviour.md §4).
      this.q.after(this.kNode0 + T_MHC * this.N + n, NODE_MONITOR_GRACE_MS + this.drill.spec.machineHealthCheck.unhealthyTimeout);
    }
    if (n === this.repaveVictim && prev === M_DRAINING) {
      // The victim died mid-drain: CAPI deletes the unreachable node without waiting (behaviour.md §4).
      this.remediate(n);
    }
  }

  /** MachineHealthCheck: delete the Machine; the Node goes; KubeVirt restarts its VMs; CAPI replaces it. */
  private remediate(n: number): void {
    if (this.mState[n] !== M_FAILED || this.mRemediated[n]) return;
    this.mRemediated[n] = 1;
    this.q.cancel(this.kNode0 + T_MHC * this.N + n);
    let v = this.head[n] as number;
    while (v >= 0) {
      const next = this.vmNext[v] as number;
      this.stopVm(v, this.vmCause[v] === CAUSE_NONE ? CAUSE_FAILURE : (this.vmCause[v] as number));
      v = next;
    }
    const wasVictim = n === this.repaveVictim;
    if (this.mBlock[n]) {
      this.mBlock[n] = 0;
      this.freeBlocks++;
    }
    this.otherPods[n] = 0;
    this.touch(n);
    this.restartPending();
    const pool = this.mPool[n] as number;
    if (wasVictim) {
      this.repaveVictim = -1;
      if (this.repaveSurge === -2) this.repaveSurge = -1;
    }
    const m = this.provision(pool);
    if (m < 0) this.pendingReplacements[pool]!++;
    else if (wasVictim && !this.poolParams().surge) this.repaveSurge = m;
    if (wasVictim && this.poolParams().surge) this.scheduleNextStep();
  }

  private repaired(n: number): void {
    if (this.mState[n] !== M_FAILED) return;
    this.endPhase(n);
    if (this.mRemediated[n] || !this.mFailedInCluster[n]) {
      // Remediated earlier, or a free machine when it failed: it returns to the MAAS pool.
      this.setState(n, M_FREE);
      this.mRemediated[n] = 0;
      this.mOutdated[n] = 0;
      this.repaveMachineFreed(this.mPool[n] as number);
      return;
    }
    // Not remediated: the same node comes back; its VMs restart (anywhere), Portworx takes its LUNs back.
    this.setState(n, M_READY);
    let v = this.head[n] as number;
    while (v >= 0) {
      const next = this.vmNext[v] as number;
      this.stopVm(v, this.vmCause[v] as number);
      v = next;
    }
    if (this.mPool[n] === 1) this.q.after(this.kNode0 + T_PX * this.N + n, this.sample(PORTWORX_INIT_MS));
    this.restartPending();
    this.repaveResumeIfWaiting();
  }

  // ------------------------------------------------------------------------------------------
  // Fabric / controller failure: multipath keeps nodes with a surviving path.

  private pathsAlive(n: number): number {
    const c = this.c;
    let alive = 0;
    for (let p = c.pathOffsets[n] as number, end = c.pathOffsets[n + 1] as number; p < end; p++) {
      if (c.pathFabric[p] === this.failedFabric || c.pathController[p] === this.failedController) continue;
      alive++;
    }
    return alive;
  }

  private fabricFail(): void {
    const f = this.drill.spec.fabricFailure;
    if (!f) return;
    this.failedFabric = f.fabric !== undefined ? this.h.fabricNames.indexOf(f.fabric) : -1;
    this.failedController = f.controller ?? -1;
    this.lastFailureAt = this.q.now;
    for (let n = 0; n < this.N; n++) {
      if (this.mPool[n] !== 1 || this.mState[n] === M_FREE || this.mState[n] === M_FAILED) continue;
      if (this.pathsAlive(n) > 0) continue;
      // No path left: the node's drives and the VMs on it are gone until the fabric returns.
      this.mNoPaths[n] = 1;
      this.touch(n);
      this.phase(n, PH_DOWN);
      const set = this.mSet[n] as number;
      if (set >= 0) {
        this.setOffline(set, true);
        this.mSet[n] = -1;
        this.ownSet[n] = set;
      }
      let v = this.head[n] as number;
      while (v >= 0) {
        const slot = this.vmSlot[v] as number;
        if (slot >= 0) this.failMigrationQuietly(slot);
        this.dirtyVm(v);
        this.vmDown(v, CAUSE_FAILURE);
        this.vmIoDown[v] = 1;
        v = this.vmNext[v] as number;
      }
    }
    if (f.repairAfter !== undefined) this.q.after(this.kGlobal0 + G_FABRIC_REPAIR, f.repairAfter);
  }

  private fabricRepair(): void {
    this.failedFabric = -1;
    this.failedController = -1;
    for (let n = 0; n < this.N; n++) {
      if (!this.mNoPaths[n]) continue;
      this.mNoPaths[n] = 0;
      this.touch(n);
      this.endPhase(n);
      let v = this.head[n] as number;
      while (v >= 0) {
        this.dirtyVm(v);
        this.vmIoDown[v] = 0;
        if (this.vmState[v] === VM_DOWN) {
          this.vmState[v] = VM_RUNNING;
          this.vmUp(v);
        }
        v = this.vmNext[v] as number;
      }
      // Its drives are reachable again: Portworx brings its own set back with a resync of what changed.
      this.portworxTakeover(n, this.ownSet[n] as number);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Descheduler: LowNodeUtilization (behaviour.md §3).

  private usage(n: number, out: Float64Array): void {
    const c = this.c;
    out[0] = (100 * (this.cpuUsed[n] as number)) / Math.max(1, c.nodeAllocCpu[n] as number);
    out[1] = (100 * (this.memUsed[n] as number)) / Math.max(1, c.nodeAllocMem[n] as number);
    out[2] = (100 * ((this.podsUsed[n] as number) + (this.otherPods[n] as number))) / Math.max(1, c.nodeMaxPods[n] as number);
  }

  private readonly u = new Float64Array(3);

  /** Nodes under `thresholds` in every resource, and those over `targetThresholds` in any. */
  classify(): { under: number[]; over: number[] } {
    const d = this.h.descheduler;
    const under: number[] = [];
    const over: number[] = [];
    for (let n = 0; n < this.N; n++) {
      if (!this.schedulable(n)) continue;
      this.usage(n, this.u);
      const [cpu, mem, pods] = this.u as unknown as [number, number, number];
      if (cpu < d.thresholds.cpu && mem < d.thresholds.memory && pods < d.thresholds.pods) under.push(n);
      else if (cpu > d.targetThresholds.cpu || mem > d.targetThresholds.memory || pods > d.targetThresholds.pods) over.push(n);
    }
    return { under, over };
  }

  private deschedulerTick(): void {
    const d = this.h.descheduler;
    const c = this.c;
    const { under, over } = this.classify();
    let evicted = 0;
    if (under.length > 0 && over.length > 0) {
      // Room on the under-utilized nodes up to targetThresholds, per resource.
      let roomCpu = 0;
      let roomMem = 0;
      let roomPods = 0;
      for (const n of under) {
        roomCpu += (d.targetThresholds.cpu / 100) * (c.nodeAllocCpu[n] as number) - (this.cpuUsed[n] as number);
        roomMem += (d.targetThresholds.memory / 100) * (c.nodeAllocMem[n] as number) - (this.memUsed[n] as number);
        roomPods += (d.targetThresholds.pods / 100) * (c.nodeMaxPods[n] as number) - (this.podsUsed[n] as number) - (this.otherPods[n] as number);
      }
      // Highest usage first.
      const score = (n: number): number => {
        this.usage(n, this.u);
        return Math.max(this.u[0] as number, this.u[1] as number, this.u[2] as number);
      };
      over.sort((a, b) => score(b) - score(a) || a - b);
      for (const n of over) {
        let perNode = 0;
        let v = this.head[n] as number;
        while (v >= 0 && perNode < d.maxPerNode && evicted < d.maxTotal && roomCpu > 0 && roomMem > 0 && roomPods > 0) {
          const next = this.vmNext[v] as number;
          this.usage(n, this.u);
          const stillOver = (this.u[0] as number) > d.targetThresholds.cpu || (this.u[1] as number) > d.targetThresholds.memory || (this.u[2] as number) > d.targetThresholds.pods;
          if (!stillOver) break;
          const k = c.vmClass[v] as number;
          const ev = c.classEviction[k] as number;
          if (this.vmState[v] === VM_RUNNING && !this.vmEvac[v] && (ev === EV_LIVE || ev === EV_LIVE_IF_POSSIBLE)) {
            this.dirtyVm(v);
            this.vmEvac[v] = 1;
            this.evacPending[n]!++;
            this.addEvac(n);
            roomCpu -= c.classCpu[k] as number;
            roomMem -= c.classPodMem[k] as number;
            roomPods -= 1;
            perNode++;
            evicted++;
          }
          v = next;
        }
      }
      this.kickEvacuations();
    }
    // Quiet when a cycle finds nothing to do and nothing is moving; then it stops being simulated.
    this.deschedulerQuiet = evicted === 0 && this.inFlight === 0 && this.evacLen === 0;
    if (!this.deschedulerQuiet) this.q.after(this.kGlobal0 + G_DESCHEDULER, d.intervalMs);
  }

  // ------------------------------------------------------------------------------------------
  // Operations, one at a time (model-based tests drive the cluster through these).

  /** Process events until nothing but the horizon is pending (or the run stalls). */
  settle(): void {
    const horizonKey = this.kGlobal0 + G_HORIZON;
    while (!this.stopped && this.q.pending > 0) {
      if (this.q.pending === 1 && this.q.isScheduled(horizonKey)) {
        this.quiescent();
        break;
      }
      const key = this.q.pop();
      if (key === horizonKey) {
        this.stopped = true;
        break;
      }
      this.dispatch(key);
      if (this.opts.check) this.check();
    }
  }

  /** Cordon and drain a ready worker; CAPI then deletes it and MAAS releases the machine. */
  opDrain(n: number): boolean {
    if (this.mState[n] !== M_READY || this.mPool[n] !== 1) return false;
    this.startDrain(n);
    return true;
  }

  /** A machine dies. */
  opFail(n: number, repairAfterMs?: number): boolean {
    if (this.mState[n] === M_FAILED || this.mState[n] === M_FREE) return false;
    this.lastFailureAt = this.q.now;
    this.failMachine(n, repairAfterMs);
    this.restartPending();
    this.kickEvacuations();
    return true;
  }

  /** A failed machine is repaired now (as `repairAfter` would): back in the cluster, or to the pool if remediated. */
  opRepair(n: number): boolean {
    if (this.mState[n] !== M_FAILED) return false;
    this.q.at(this.kNode0 + T_REPAIR * this.N + n, this.q.now);
    return true;
  }

  /** Evict one running VM (the Descheduler's way): KubeVirt live-migrates it elsewhere. */
  opEvict(v: number): boolean {
    const n = this.vmNode[v] as number;
    if (n < 0 || this.vmState[v] !== VM_RUNNING || this.vmEvac[v]) return false;
    this.dirtyVm(v);
    this.vmEvac[v] = 1;
    this.evacPending[n]!++;
    this.addEvac(n);
    this.kickEvacuations();
    return true;
  }

  /** CAPI scales the worker pool up by one: a free machine is deployed and joins. */
  opAddWorker(): number {
    return this.provision(1);
  }

  get stalled(): Stall | null {
    return this.stall;
  }

  /** Live figures, for tests between operations. */
  figures(): RunFigures {
    return this.finishFigures(this.q.now);
  }

  // ------------------------------------------------------------------------------------------
  // Invariants (tests).

  check(): void {
    const { N, V, c } = this;
    // Time: never back, never past the horizon; nothing is handled once the run has ended.
    const now = this.q.now;
    if (!(now >= this.checkedAt)) throw new InvariantError(`time went back from ${this.checkedAt} ms to ${now} ms`);
    this.checkedAt = now;
    if (now > this.drill.spec.horizon) throw new InvariantError(`an event was handled at ${now} ms, after the horizon (${this.drill.spec.horizon} ms)`);
    if (this.endedAfter >= 0 && this.q.handled > this.endedAfter) throw new InvariantError(`${this.q.handled - this.endedAfter} event(s) handled after the run ended`);
    if (this.stall) this.checkStall(this.stall);
    if (this.stopped && this.endedAfter < 0) this.endedAfter = this.q.handled;
    const mem = new Float64Array(N);
    const cpu = new Float64Array(N);
    const pods = new Uint32Array(N);
    let inFlight = 0;
    for (let s = 0; s < this.M; s++) {
      if (this.sPhase[s] === P_FREE) continue;
      inFlight++;
      const v = this.sVm[s] as number;
      if (this.vmState[v] !== VM_MIGRATING || this.vmSlot[v] !== s) throw new InvariantError(`slot ${s} holds VM ${v} that is not migrating in it`);
      const dst = this.sDst[s] as number;
      if (dst >= 0) {
        const k = c.vmClass[v] as number;
        mem[dst]! += c.classPodMem[k] as number;
        cpu[dst]! += c.classCpu[k] as number;
        pods[dst]!++;
      }
    }
    if (inFlight !== this.inFlight) throw new InvariantError(`in-flight count ${this.inFlight} but ${inFlight} slots busy`);
    if (inFlight > this.h.migration.parallelPerCluster) throw new InvariantError(`${inFlight} migrations exceed the cluster limit`);
    if (this.started !== this.completed + this.failed + inFlight) throw new InvariantError(`${this.started} migrations started ≠ ${this.completed} completed + ${this.failed} failed + ${inFlight} in flight`);
    const out = new Uint16Array(N);
    for (let s = 0; s < this.M; s++) if (this.sPhase[s] !== P_FREE) out[this.sSrc[s] as number]!++;
    let seen = 0;
    for (let n = 0; n < N; n++) {
      if ((out[n] as number) > this.h.migration.parallelOutboundPerNode) throw new InvariantError(`node ${n} has ${out[n]} outbound migrations`);
      if (out[n] !== this.outLimit[n]) throw new InvariantError(`node ${n} counts ${this.outLimit[n]} outbound migrations, ${out[n]} slots leave it`);
      let count = 0;
      for (let v = this.head[n] as number; v >= 0; v = this.vmNext[v] as number) {
        if (this.vmNode[v] !== n) throw new InvariantError(`VM ${v} is listed on node ${n} but placed on ${this.vmNode[v]}`);
        count++;
        const k = c.vmClass[v] as number;
        mem[n]! += c.classPodMem[k] as number;
        cpu[n]! += c.classCpu[k] as number;
        pods[n]!++;
      }
      if (count !== this.vmCount[n]) throw new InvariantError(`node ${n} counts ${this.vmCount[n]} VMs, lists ${count}`);
      seen += count;
      if (Math.abs((mem[n] as number) - (this.memUsed[n] as number)) > 1e-6 || Math.abs((cpu[n] as number) - (this.cpuUsed[n] as number)) > 1e-6 || pods[n] !== this.podsUsed[n]) {
        throw new InvariantError(`node ${n} accounting drifted (memory ${this.memUsed[n]} vs ${mem[n]}, pods ${this.podsUsed[n]} vs ${pods[n]})`);
      }
      if (this.mState[n] !== M_FAILED && ((mem[n] as number) > (c.nodeAllocMem[n] as number) + 1e-6 || (cpu[n] as number) > (c.nodeAllocCpu[n] as number) + 1e-6 || (pods[n] as number) + (this.otherPods[n] as number) > (c.nodeMaxPods[n] as number) + 0)) {
        if (this.mState[n] === M_READY || this.mState[n] === M_DRAINING) throw new InvariantError(`node ${n} is over capacity (memory ${mem[n]} of ${c.nodeAllocMem[n]}, CPU ${cpu[n]} of ${c.nodeAllocCpu[n]}, pods ${(pods[n] as number) + (this.otherPods[n] as number)} of ${c.nodeMaxPods[n]})`);
      }
      if ((this.vmCount[n] as number) > 0 && this.mBlock[n] === 0 && this.mState[n] !== M_FAILED) throw new InvariantError(`node ${n} runs VMs without a pod CIDR block`);
    }
    // VM conservation: every VM is on exactly one node's list, or off every node, down and queued for a restart.
    const queued = new Uint8Array(V);
    for (let i = 0; i < this.pendingCount; i++) queued[this.pendingRestart[i] as number] = 1;
    let placed = 0;
    for (let v = 0; v < V; v++) {
      const n = this.vmNode[v] as number;
      const st = this.vmState[v];
      if (n >= 0) {
        placed++;
        if (st !== VM_DOWN && this.mState[n] === M_FAILED) throw new InvariantError(`VM ${v} is ${st === VM_BOOTING ? 'booting' : 'running'} on failed node ${n}`);
        if ((st === VM_MIGRATING) !== (this.vmSlot[v] as number) >= 0) throw new InvariantError(`VM ${v} state ${st} disagrees with its migration slot ${this.vmSlot[v]}`);
      } else if (st !== VM_DOWN) throw new InvariantError(`VM ${v} is neither on a node nor counted down`);
      else if (!queued[v]) throw new InvariantError(`VM ${v} is off every node but not queued for a restart: it would be lost`);
      // The end-of-run figures read only the dirty VMs.
      if (st !== VM_RUNNING && !this.isDirty[v]) throw new InvariantError(`VM ${v} is not running but not in the dirty list`);
    }
    for (let i = 0; i < this.dirtyLen; i++) if (!this.isDirty[this.dirtyList[i] as number]) throw new InvariantError(`dirty list entry ${i} (VM ${this.dirtyList[i]}) is not marked dirty`);
    if (placed !== seen) throw new InvariantError(`VM conservation: ${placed} VMs placed, ${seen} on the nodes' lists, of ${V}`);
    let blocks = 0;
    for (let n = 0; n < N; n++) blocks += this.mBlock[n] as number;
    if (blocks + this.freeBlocks !== this.h.blocks || this.freeBlocks < 0) throw new InvariantError(`pod CIDR blocks: ${blocks} held + ${this.freeBlocks} free ≠ ${this.h.blocks}`);
    // Replicas: on distinct drive sets and on distinct nodes; the up and degraded counts agree.
    const R = this.R;
    let degraded = 0;
    for (let vol = 0; vol < this.h.volumes; vol++) {
      let up = 0;
      for (let a = 0; a < R; a++) {
        const sa = c.replicaSet[vol * R + a] as number;
        if (this.replicaState[vol * R + a] === R_UP) {
          up++;
          if (sa < 0 || !this.setOnline[sa]) throw new InvariantError(`volume ${vol} replica ${a} is up on offline drive set ${sa}`);
        }
        const ha = sa >= 0 ? (this.setHolder[sa] as number) : -1;
        for (let b = a + 1; b < R; b++) {
          const sb = c.replicaSet[vol * R + b] as number;
          if (sa >= 0 && sa === sb) throw new InvariantError(`volume ${vol} has two replicas on drive set ${sa}`);
          if (ha >= 0 && sb >= 0 && ha === this.setHolder[sb]) throw new InvariantError(`volume ${vol} has two replicas on node ${ha}`);
        }
      }
      if (up !== this.volUp[vol]) throw new InvariantError(`volume ${vol} counts ${this.volUp[vol]} replicas up, ${up} are`);
      if (up < R) degraded++;
    }
    if (degraded !== this.degraded) throw new InvariantError(`${this.degraded} volumes counted degraded, ${degraded} are`);
    // Drive sets and the nodes that hold them: one set per node, one node per set.
    let online = 0;
    for (let s = 0; s < this.S; s++) {
      const holder = this.setHolder[s] as number;
      if (holder >= 0 && this.mSet[holder] !== s) throw new InvariantError(`drive set ${s} is held by node ${holder}, which holds set ${this.mSet[holder]}`);
      if (this.setOnline[s] && holder < 0) throw new InvariantError(`drive set ${s} is online with no node holding it`);
      online += this.setOnline[s] as number;
    }
    for (let n = 0; n < N; n++) {
      const s = this.mSet[n] as number;
      if (s >= 0 && this.setHolder[s] !== n) throw new InvariantError(`node ${n} holds drive set ${s}, whose holder is ${this.setHolder[s]}`);
    }
    if (online !== this.onlineSets) throw new InvariantError(`${this.onlineSets} drive sets counted online, ${online} are`);
  }

  /** A stall names its cause: a stable code, a reason for people, a time within the drill. */
  private checkStall(s: Stall): void {
    if (!/^[a-z]+(-[a-z]+)*$/.test(s.code) || s.reason.trim() === '') throw new InvariantError(`a stall without a code or reason: ${JSON.stringify(s)}`);
    if (!(s.at >= 0 && s.at * 1000 <= this.drill.spec.horizon)) throw new InvariantError(`a stall at ${s.at} s, outside the drill (horizon ${this.drill.spec.horizon / 1000} s)`);
    if (s.node !== null && !this.h.nodeNames.includes(s.node)) throw new InvariantError(`a stall names unknown node ${s.node}`);
    if (!this.stopped) throw new InvariantError(`stalled (${s.code}) but still running`);
  }

  /** After the run: its figures within the drill, and unfinished work always reported as a stall. */
  private checkEnd(f: RunFigures): void {
    const horizon = this.drill.spec.horizon;
    // A write without dirtyVm: the next run would start from this run's value.
    const undirtied = this.vmChangedSinceStart(true);
    if (undirtied) throw new InvariantError(`a per-VM array was written without dirtyVm: ${undirtied}`);
    if (!(f.endMs >= 0 && f.endMs <= horizon)) throw new InvariantError(`the run ends at ${f.endMs} ms, outside [0, ${horizon}]`);
    if (f.events !== this.q.handled) throw new InvariantError(`${f.events} events reported, ${this.q.handled} handled`);
    if (f.migrationsCompleted + f.migrationsFailed > f.migrationsStarted) throw new InvariantError(`${f.migrationsCompleted} completed + ${f.migrationsFailed} failed migrations of ${f.migrationsStarted} started`);
    if (f.maxInFlight > this.h.migration.parallelPerCluster) throw new InvariantError(`${f.maxInFlight} migrations in flight at once, limit ${this.h.migration.parallelPerCluster}`);
    if (f.unplacedAtEnd < 0 || f.unplacedAtEnd > this.V) throw new InvariantError(`${f.unplacedAtEnd} VMs unplaced of ${this.V}`);
    if (f.stall) {
      this.checkStall(f.stall);
      return;
    }
    if (this.workRemains()) throw new InvariantError(`the run ended at ${f.endMs} ms with work pending (${this.pendingWork()}) but no stall to say why`);
  }

  /** What is unfinished, in words (when workRemains). */
  /**
   * Why the last migrations failed, when none has completed since: a guest dirtying memory
   * faster than its share of the link never converges (pre-copy, behaviour.md §2), and KubeVirt
   * retries it after a backoff for ever. Empty when the last migration did not fail.
   */
  private failingMigrations(): string {
    if (this.failedSinceCompletion === 0) return '';
    const f = this.lastFail;
    const mibps = (x: number): string => `${(x * 1000).toFixed(1)} MiB/s`;
    const since = this.completed === 0 ? 'failed and none completed' : `failed since the last completed at ${(this.lastCompletionAt / 3_600_000).toFixed(1)} h`;
    const who = `VM ${f.vm} (${this.h.classNames[this.c.vmClass[f.vm] as number]}) from ${this.h.nodeNames[f.src]}`;
    const head = `live migrations keep failing, ${this.failedSinceCompletion.toLocaleString('en-US')} ${since}; the last, ${who}`;
    if (f.cause === FAIL_NO_PROGRESS) {
      const link = this.c.nodeLinkMbps[f.src] as number;
      return `${head}, made no progress: its guest dirties memory at ${mibps(f.dirty)} and the migration got ${mibps(f.rate)} (${this.bandwidthCapMbps > 0 && this.bandwidthCapMbps < link / Math.max(1, f.sharing) ? `capped at ${this.bandwidthCapMbps} Mb/s by kubevirt.migration.bandwidthPerMigration` : `a ${link} Mb/s link shared by ${f.sharing}`}); kubevirt.migration.allowPostCopy (it then always completes), allowAutoConverge (throttles the guest, which may be enough), fewer outbound migrations per node or a faster migration link can let it converge`;
    }
    if (f.cause === FAIL_TIMEOUT) return `${head}, ran out of its completion budget (kubevirt.migration.completionTimeoutPerGiB) at ${mibps(f.rate)}`;
    return `${head}, found no node with room for it`;
  }

  private pendingWork(): string {
    const parts: string[] = [];
    const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
    if (!this.repaveDone) parts.push('the repave is not done');
    if (this.inFlight > 0) parts.push(`${plural(this.inFlight, 'migration', 'migrations')} in flight`);
    let onFailed = 0;
    let noPath = 0;
    let noDisk = 0;
    let waiting = 0;
    let other = 0;
    for (let i = 0; i < this.dirtyLen; i++) {
      const v = this.dirtyList[i] as number;
      if (this.vmState[v] === VM_RUNNING) continue;
      const n = this.vmNode[v] as number;
      if (n >= 0 && this.mState[n] === M_FAILED) onFailed++;
      else if (n >= 0 && this.mNoPaths[n]) noPath++;
      else if (this.vmIoDown[v]) noDisk++;
      else if (n < 0) waiting++;
      else other++;
    }
    if (onFailed > 0) parts.push(`${plural(onFailed, 'VM is', 'VMs are')} down on failed machines that are neither repaired nor remediated`);
    if (noPath > 0) parts.push(`${plural(noPath, 'VM is', 'VMs are')} down on nodes with no path to the array`);
    if (noDisk > 0) parts.push(`${plural(noDisk, 'VM waits', 'VMs wait')} for a disk that has no Portworx replica online`);
    if (waiting > 0) parts.push(`${plural(waiting, 'VM waits', 'VMs wait')} for a restart: no schedulable node has room for ${waiting === 1 ? 'it' : 'them'}`);
    if (other > 0) parts.push(`${plural(other, 'VM is', 'VMs are')} not running`);
    let sets = 0;
    for (let s = 0; s < this.S; s++) if (!this.setOnline[s] || (this.setHolder[s] as number) < 0) sets++;
    const replacements = (this.pendingReplacements[0] as number) + (this.pendingReplacements[1] as number) + (this.waitingMachine >= 0 ? 1 : 0);
    if (sets > 0) parts.push(`${plural(sets, 'Portworx drive set stays', 'Portworx drive sets stay')} offline${replacements > 0 ? `; ${plural(replacements, 'replacement waits', 'replacements wait')} for a free machine in MAAS (spares)` : ''}`);
    else if (replacements > 0) parts.push(`${plural(replacements, 'replacement waits', 'replacements wait')} for a free machine in MAAS (spares)`);
    return parts.join('; ');
  }

  // ------------------------------------------------------------------------------------------
  // Figures.

  private finish(): RunFigures {
    const end = this.stall ? this.q.now : this.lastEventAt;
    if (this.rec) for (let n = 0; n < this.N; n++) if ((this.phaseCode[n] as number) >= 0) this.rec.span(n, this.phaseCode[n] as number, this.phaseStart[n] as number, end);
    return this.finishFigures(end);
  }

  /** The figures as if the run ended at `end` (VMs still down count up to it). */
  private finishFigures(end: number): RunFigures {
    let unplaced = 0;
    let recovery = this.recoveryMs;
    let downMs = this.downMs;
    let downMaxMs = this.downMaxMs;
    for (let i = 0; i < this.dirtyLen; i++) {
      const v = this.dirtyList[i] as number;
      if (this.vmState[v] === VM_RUNNING || this.vmState[v] === VM_MIGRATING) continue;
      if ((this.vmNode[v] as number) < 0 || this.vmState[v] === VM_DOWN) unplaced++;
      if (!this.vmEverDown[v]) continue;
      const d = end - (this.vmDownSince[v] as number);
      downMs += d;
      if (d > downMaxMs) downMaxMs = d;
      if (this.vmCause[v] === CAUSE_FAILURE && this.lastFailureAt >= 0) recovery = Math.max(recovery, end - this.lastFailureAt);
    }
    return {
      seed: this.opts.seed,
      endMs: end,
      events: this.q.handled,
      migrationsStarted: this.started,
      migrationsCompleted: this.completed,
      migrationsFailed: this.failed,
      maxInFlight: this.maxInFlight,
      downtimeVms: this.downVms,
      downtimeVmMs: downMs,
      downtimeMaxMs: downMaxMs,
      downtimeVmsBeyondFailures: this.downBeyond,
      degradedVolumesMax: this.degradedMax,
      degradedVolumesAtEnd: this.degraded,
      resyncMiB: this.resyncMiB,
      quorumLost: this.quorumLost,
      kvdbQuorumLost: this.kvdbQuorumLost,
      volumesLost: this.volumesLost,
      stall: this.stall,
      recoveryMs: recovery,
      unplacedAtEnd: unplaced,
      underutilizedAtEnd: this.drill.spec.descheduler ? this.classify().under.length : 0,
    };
  }
}
