/**
 * The MAAS plan: the ordered list of MAAS REST API 2.0 operations that makes a MAAS match a
 * site (`DIR/maas/plan.json`). This file is the contract between `export` (which writes it)
 * and `apply maas` / `import maas` (which read it); facts about the API are from
 * `maas-api.md` (cited by section).
 *
 * Reconciling a step, as `apply` is meant to:
 * 1. Resolve the step's references (below) for each target of its scope.
 * 2. If it has a `lookup`, run it: GET `lookup.request`, take the list at `lookup.field` of the
 *    response (the response itself when absent) and find the object whose fields equal
 *    `lookup.match` (dotted paths; values compared as strings). Bind `provides` to its id.
 *    - Found: compare `desired` (dotted paths into the object; `$` is the whole response).
 *      Equal: nothing to do. Different: send `update` (a step without `update` is then an error
 *      the user must fix by hand: apply never deletes and recreates).
 *    - Not found: send `create` and bind `provides` to the id in its response. A step without
 *      `create` names something that must already exist (a commissioned machine, a physical NIC).
 * 3. Without a `lookup`, the step is an action that is safe to repeat: send `create` every
 *    time. (The plan has none today: the storage layout is looked up as the partition mounted
 *    at "/" on the OS disk, so a second apply does not lay the disk out again.)
 *
 * `desired` may hold `$absent: true`: the object must not exist, and `update` removes it
 * (a non-OS disk leaving MAAS's inventory).
 *
 * Objects are found by natural key (name, VID, CIDR, hostname), never by the ids of a previous
 * run, so a second apply changes nothing and nothing is created twice.
 *
 * References inside `path`, parameter values, `lookup.match` and `desired` are written in
 * braces and resolved per target:
 * - `{ref:NAME}`: the id bound by the step that `provides` NAME (a fabric, VLAN or subnet id;
 *   machine-scoped names such as `interface:bond_mgmt` are bound per machine).
 * - `{machine}`: the target machine's system_id (bound by the machine step of its scope).
 * - `{hostname}`, `{zone}`, `{pool}`: fields of the target (see `MachineTarget`).
 */

export const MAAS_PLAN_API_VERSION = 'vmo-twin/maas-plan/v1';

/** One form field; a name given twice is a list (`parents=12&parents=13`, maas-api.md §1.4). */
export type Param = readonly [name: string, value: string];

export interface MaasRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under the API root `…/MAAS/api/2.0`, starting and ending with "/" (maas-api.md §1.1). */
  readonly path: string;
  /** The `op=` of the call; apply sends it in the query string, as MAAS's own clients do (§1.3). */
  readonly op?: string;
  /** Form-encoded (application/x-www-form-urlencoded) for POST/PUT, the query string for GET. */
  readonly params: readonly Param[];
}

export interface Lookup {
  readonly request: MaasRequest;
  /** The list inside the response to search (e.g. `links` of an interface); absent: the response itself. */
  readonly field?: string;
  /** Dotted paths and the values the step's object has; `{…}` references resolved first. */
  readonly match: Readonly<Record<string, string | number | boolean>>;
}

export type StepKind =
  | 'config'
  | 'domain'
  | 'resource-pool'
  | 'zone'
  | 'fabric'
  | 'vlan'
  | 'subnet'
  | 'ip-range'
  | 'machine'
  | 'physical-interface'
  | 'bond'
  | 'bridge'
  | 'vlan-interface'
  | 'interface-link'
  | 'block-device'
  | 'storage-layout';

/** A machine a machine-scoped step runs on, found in MAAS by hostname. */
export interface MachineTarget {
  readonly hostname: string;
  readonly zone: string;
  readonly pool: string;
  /** A free machine kept in the pool for surge repaves: configured like the others. */
  readonly spare: boolean;
}

export type Scope =
  | { readonly kind: 'global' }
  /** Run once per machine of the role, in order; every machine of a role has the same hardware class. */
  | { readonly kind: 'machines'; readonly role: 'controlPlane' | 'workers'; readonly hardware: string };

export interface PlanStep {
  /** Stable id, unique in the plan: `kind/natural key` (`vlan/fabric-pxe/10`, `workers/bond/bond_mgmt`). */
  readonly id: string;
  readonly kind: StepKind;
  readonly description: string;
  /** The fields that identify the object in MAAS (for machine-scoped steps, per machine). */
  readonly naturalKey: Readonly<Record<string, string | number>>;
  readonly scope: Scope;
  /** Ids of earlier steps that must have been reconciled first. */
  readonly dependsOn: readonly string[];
  readonly lookup?: Lookup;
  /** What the object must look like: dotted path → value. */
  readonly desired: Readonly<Record<string, string | number | boolean>>;
  readonly create?: MaasRequest;
  readonly update?: MaasRequest;
  /** The reference name this step's object id is bound to, e.g. `fabric:fabric-pxe`. */
  readonly provides?: string;
  /** The id field of the object: `id`, or `system_id` for machines. */
  readonly idField?: 'id' | 'system_id';
  /**
   * Where the step's values come from in the site file (`--set` paths): MAAS form field →
   * path, and `*` for the object as a whole. Apply points MAAS's 400 field errors at them.
   */
  readonly sitePaths: Readonly<Record<string, string>>;
}

export interface MaasPlan {
  readonly apiVersion: typeof MAAS_PLAN_API_VERSION;
  readonly kind: 'MaasPlan';
  readonly site: string;
  /** The MAAS version the site names (versions.maas); the plan uses API 2.0 only. */
  readonly maasVersion: string;
  /** Machines of each role, in node order (active first, then spares). */
  readonly machines: Readonly<Record<'controlPlane' | 'workers', readonly MachineTarget[]>>;
  readonly steps: readonly PlanStep[];
}
