/**
 * What apply found and did, one result per object (per machine for machine-scoped steps),
 * and the run as a whole: the exit status follows from it (0 converged or nothing to block,
 * 1 conflicts or refusals reported, 2 the run could not go on).
 */

/**
 * - `create` / `update` / `delete`: needed (dry run) or done (apply).
 * - `unchanged`: already as the site says.
 * - `conflict`: cannot be reconciled by apply (missing something that must exist, or
 *   different in a way apply does not change).
 * - `refused`: the server refuses the change in the object's current state (a Deployed
 *   machine's interfaces); reported, never forced.
 * - `failed`: the server rejected the request (a 400 with its reasons).
 * - `skipped`: depends on an object that is not there.
 */
export type ObjectStatus = 'create' | 'update' | 'delete' | 'unchanged' | 'conflict' | 'refused' | 'failed' | 'skipped';

export const PROBLEM_STATUSES: ReadonlySet<ObjectStatus> = new Set(['conflict', 'refused', 'failed', 'skipped']);

export interface Change {
  readonly field: string;
  readonly from: string;
  readonly to: string;
}

/** Where in the site file a value MAAS or Palette refused came from. */
export interface SiteLocation {
  readonly path: string;
  readonly line?: number;
  readonly column?: number;
  /** The `--set` that supplied the value. */
  readonly set?: string;
}

export interface ObjectResult {
  /** Step or object id: `vlan/fabric-pxe/10`, `workers/bond/bond_data`, `profile/x-infra@1.0.0`. */
  readonly id: string;
  /** The machine (hostname) for machine-scoped steps. */
  readonly target?: string;
  readonly kind: string;
  readonly status: ObjectStatus;
  readonly changes: readonly Change[];
  /** Why (conflict, refused, failed, skipped), or a note (how a create was confirmed). */
  readonly message?: string;
  /** Server field errors pointed back at the site. */
  readonly site?: readonly (SiteLocation & { readonly field: string; readonly messages: readonly string[] })[];
  /** Done by an earlier run that stopped, found in the journal. */
  readonly journal?: boolean;
}

export interface Fatal {
  readonly message: string;
  readonly hint: string;
}

export interface RunResult {
  readonly objects: readonly ObjectResult[];
  /** Set when the run stopped before the end (unreachable, key refused, retries exhausted). */
  readonly fatal?: Fatal;
}

export type Counts = Readonly<Record<ObjectStatus, number>>;

export function countStatuses(objects: readonly ObjectResult[]): Counts {
  const c: Record<ObjectStatus, number> = { create: 0, update: 0, delete: 0, unchanged: 0, conflict: 0, refused: 0, failed: 0, skipped: 0 };
  for (const o of objects) c[o.status]++;
  return c;
}

/** 2 when the run could not go on, 1 when something blocks or was refused, else 0. */
export function exitStatusOf(run: RunResult): 0 | 1 | 2 {
  if (run.fatal) return 2;
  return run.objects.some((o) => PROBLEM_STATUSES.has(o.status)) ? 1 : 0;
}

/** A thrown stop: the run cannot go on. Carries no secret (messages are scrubbed at the source). */
export class FatalError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'FatalError';
  }
}
