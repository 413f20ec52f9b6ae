/**
 * `apply maas`: reconcile a MAAS with the plan the MAAS exporter renders (`maas/plan.ts`),
 * following the rules written there: resolve references, look each object up by its natural
 * key, compare `desired`, then create what is missing and update what differs. Global steps
 * run in plan order; then every machine of each role runs its steps in order, several
 * machines at a time.
 *
 * - Dry run: reads only. An object whose parent does not exist yet is "create"; its ids are
 *   pending, so what depends on it is judged as it would be after the create.
 * - A machine whose state does not allow an edit (maas-api.md §3: interfaces only when New,
 *   Ready, Allocated, Broken or Failed testing; §4.1: storage layout and disk removal only
 *   when Ready) is reported as refused for the objects that would change, never forced.
 * - A create that fails after MAAS may have acted (a timeout, a dropped connection, a 5xx)
 *   is not sent again blindly: the object is looked up by its natural key first.
 * - A 400 names the site paths of the fields MAAS refused (`PlanStep.sitePaths`).
 * - With a journal, each change is recorded before it is sent and after MAAS confirmed it;
 *   on resume, objects done by the run that stopped are skipped and their ids restored.
 * - With `prune`, what apply owns but the site no longer has is deleted: bond, bridge and VLAN
 *   interfaces and subnet links on the site's machines, and reserved ranges apply created
 *   ("(vmo-twin)" in their comment). Nothing else is ever deleted.
 */
import { MaasClient } from '../maas/client.js';
import type { MaasPlan, MaasRequest, MachineTarget, Param, PlanStep, StepKind } from '../maas/plan.js';
import type { ApiOutcome } from './api.js';
import { journalKey, type Journal, type ResumeState } from './journal.js';
import { getPath, show, type Locator } from './paths.js';
import { FatalError, type Change, type ObjectResult, type ObjectStatus, type RunResult } from './result.js';

export interface MaasApplyOptions {
  readonly mode: 'dry-run' | 'apply';
  readonly prune: boolean;
  /** Machines reconciled at the same time. */
  readonly parallel: number;
  readonly journal?: Journal;
  readonly resume?: ResumeState;
  readonly locate: Locator;
  /** Called as each object's result is known (progress). */
  readonly onResult?: (r: ObjectResult) => void;
}

/** maas-api.md §3: interface create, delete, link and (for the VLAN) update, in these states only. */
const INTERFACE_STATES = ['New', 'Ready', 'Allocated', 'Broken', 'Failed testing'];
/** maas-api.md §4.1: set_storage_layout and block-device DELETE only on Ready machines. */
const STORAGE_STATES = ['Ready'];

function allowedStates(kind: StepKind): readonly string[] | undefined {
  switch (kind) {
    case 'physical-interface':
    case 'bond':
    case 'bridge':
    case 'vlan-interface':
    case 'interface-link':
      return INTERFACE_STATES;
    case 'storage-layout':
    case 'block-device':
      return STORAGE_STATES;
    default:
      return undefined;
  }
}

const PENDING = '\u0000pending:';
const isPending = (v: string | undefined): boolean => v !== undefined && v.includes(PENDING);
/** A pending reference as people read it. */
const showPending = (v: string): string => v.replace(/\u0000pending:([^\u0000]*)\u0000?/g, '($1, not created yet)');

type Binds = Map<string, string>;

interface Scope {
  readonly global: Binds;
  readonly local?: Binds;
  readonly target?: MachineTarget;
  /** The machine's MAAS status (`status_name`), once its step found it. */
  status?: string;
  /** Why the rest of this machine's steps cannot run. */
  blocked?: string;
}

interface Resolved {
  readonly method: MaasRequest['method'];
  readonly path: string;
  readonly op?: string;
  readonly params: readonly Param[];
  readonly pending: readonly string[];
}

const NOT_FOUND = Symbol('not found');
type Found = unknown | typeof NOT_FOUND;

/**
 * The key must belong to an administrator: bonds, bridges, VLAN interfaces and storage layouts
 * are admin operations (maas-api.md §3, §4.1). Asked once up front (`GET users/?op=whoami`),
 * so a wrong key is one clear message instead of a 403 per machine. A MAAS without whoami
 * (400) is let through: the calls themselves will say.
 */
export async function checkMaasAdmin(client: MaasClient): Promise<{ ok: true } | { ok: false; message: string; hint: string }> {
  const out = await client.request('GET', '/users/', [], 'whoami');
  if (out.kind === 'fatal') return { ok: false, message: out.message, hint: out.hint };
  if (out.kind === 'ok' && getPath(out.json, 'is_superuser') === false) {
    return { ok: false, message: `the key belongs to ${show(getPath(out.json, 'username'))}, who is not a MAAS administrator`, hint: 'use the key of an administrator: creating bonds, bridges and VLAN interfaces and setting storage layouts are admin operations (maas-api.md §3)' };
  }
  return { ok: true };
}

export async function applyMaasPlan(plan: MaasPlan, client: MaasClient, o: MaasApplyOptions): Promise<RunResult> {
  const global: Binds = new Map();
  const cache = new Map<string, Promise<ApiOutcome>>();
  let stopped: FatalError | undefined;

  const bucketOf = (path: string): string => /^\/(?:nodes|machines)\/([^/]+)\//.exec(path)?.[1] ?? 'global';
  const invalidate = (path: string): void => {
    const b = bucketOf(path);
    for (const k of [...cache.keys()]) if (k.startsWith(`${b} `)) cache.delete(k);
  };
  const get = (path: string, params: readonly Param[], op?: string): Promise<ApiOutcome> => {
    const key = `${bucketOf(path)} ${MaasClient.label('GET', path, op, params)}`;
    let p = cache.get(key);
    if (!p) {
      p = client.request('GET', path, params, op);
      cache.set(key, p);
    }
    return p;
  };

  const bind = (scope: Scope, name: string, value: string): void => {
    (scope.local ?? scope.global).set(name, value);
  };
  const bound = (scope: Scope, name: string): string | undefined => scope.local?.get(name) ?? scope.global.get(name);

  const resolveText = (text: string, scope: Scope, pending: Set<string>): string =>
    text.replace(/\{ref:([^}]+)\}|\{(machine|hostname|zone|pool)\}/g, (m, ref: string | undefined, field: string | undefined) => {
      const name = ref ?? 'machine';
      if (ref !== undefined || field === 'machine') {
        const v = bound(scope, name);
        if (v === undefined || isPending(v)) {
          pending.add(name);
          return `${PENDING}${name}\u0000`;
        }
        return v;
      }
      const t = scope.target;
      return t && (field === 'hostname' || field === 'zone' || field === 'pool') ? t[field] : m;
    });
  const resolveRequest = (r: MaasRequest, scope: Scope): Resolved => {
    const pending = new Set<string>();
    const path = resolveText(r.path, scope, pending);
    const params = r.params.map(([k, v]): Param => [k, resolveText(v, scope, pending)]);
    return { method: r.method, path, ...(r.op !== undefined ? { op: r.op } : {}), params, pending: [...pending] };
  };
  const resolveValue = (v: string | number | boolean, scope: Scope): string => (typeof v === 'string' ? resolveText(v, scope, new Set()) : String(v));

  const result = (step: PlanStep, scope: Scope, status: ObjectStatus, changes: Change[] = [], message?: string, extra: Partial<ObjectResult> = {}): ObjectResult => {
    const r: ObjectResult = {
      id: step.id,
      ...(scope.target ? { target: scope.target.hostname } : {}),
      kind: step.kind,
      status,
      changes,
      ...(message !== undefined ? { message } : {}),
      ...extra,
    };
    o.onResult?.(r);
    return r;
  };

  /** The object the step's lookup finds, NOT_FOUND, or 'parent' when what it sits on does not exist yet. */
  const lookup = async (step: PlanStep, scope: Scope): Promise<{ found: Found; parentMissing: boolean; error?: string }> => {
    const l = step.lookup;
    if (!l) return { found: NOT_FOUND, parentMissing: false };
    const req = resolveRequest(l.request, scope);
    if (req.pending.length) return { found: NOT_FOUND, parentMissing: true };
    const out = await get(req.path, req.params, req.op);
    if (out.kind === 'fatal') throw new FatalError(out.message, out.hint);
    if (out.kind === 'ambiguous' || out.kind === 'verified') throw new FatalError(`MAAS failed to answer ${MaasClient.label('GET', req.path, req.op)}: ${out.message}`, 'run the same command again');
    if (out.kind === 'error') {
      if (out.status === 404) return { found: NOT_FOUND, parentMissing: false };
      return { found: NOT_FOUND, parentMissing: false, error: `MAAS refused ${MaasClient.label('GET', req.path, req.op)}: ${out.status} ${out.message}` };
    }
    const list = l.field !== undefined ? getPath(out.json, l.field) : out.json;
    const match = Object.entries(l.match).map(([k, v]) => [k, resolveValue(v, scope)] as const);
    if (!Array.isArray(list)) {
      // A single answer (get_config): the object itself when nothing is to be matched.
      return { found: match.length === 0 && list !== undefined ? list : NOT_FOUND, parentMissing: false };
    }
    const found = list.find((item) => match.every(([k, v]) => !isPending(v) && String(getPath(item, k)) === v));
    return { found: found === undefined ? NOT_FOUND : found, parentMissing: false };
  };

  const diff = (step: PlanStep, found: unknown, scope: Scope): Change[] => {
    const changes: Change[] = [];
    for (const [field, want] of Object.entries(step.desired)) {
      if (field === '$absent') continue;
      const to = resolveValue(want, scope);
      const actual = getPath(found, field);
      if (isPending(to) || actual === undefined || actual === null || String(actual) !== to) {
        changes.push({ field: field === '$' ? 'value' : field, from: show(actual), to: isPending(to) ? showPending(to) : to });
      }
    }
    return changes;
  };

  const idOf = (step: PlanStep, obj: unknown): string | undefined => {
    const v = getPath(obj, step.idField ?? 'id');
    return v === undefined || v === null ? undefined : String(v);
  };

  /** The id of a created object in MAAS's answer (for a link: the link in the interface's links). */
  const createdId = (step: PlanStep, json: unknown, scope: Scope): string | undefined => {
    const field = step.lookup?.field;
    if (field !== undefined && step.lookup) {
      const list = getPath(json, field);
      const match = Object.entries(step.lookup.match).map(([k, v]) => [k, resolveValue(v, scope)] as const);
      if (Array.isArray(list)) {
        const item = list.find((x) => match.every(([k, v]) => String(getPath(x, k)) === v));
        if (item !== undefined) return idOf(step, item);
      }
    }
    return idOf(step, json);
  };

  /** A 400's fields pointed at the site. */
  const siteErrors = (step: PlanStep, fields: Readonly<Record<string, readonly string[]>> | undefined): ObjectResult['site'] => {
    if (!fields) {
      const p = step.sitePaths['*'];
      return p !== undefined ? [{ ...o.locate(p), field: '*', messages: [] }] : undefined;
    }
    return Object.entries(fields).map(([field, messages]) => {
      const p = step.sitePaths[field] ?? step.sitePaths['*'] ?? '';
      return { ...o.locate(p), field, messages };
    });
  };

  const labelOf = (r: Resolved): string => MaasClient.label(r.method, r.path, r.op, r.params);

  /** Reconcile one step for one scope (global, or one machine). */
  const reconcile = async (step: PlanStep, scope: Scope): Promise<ObjectResult> => {
    const target = scope.target?.hostname;
    const key = journalKey(step.id, target);
    // The machine itself is always looked up again: the gates below need its current state.
    const done = o.mode === 'apply' && step.kind !== 'machine' ? o.resume?.done.get(key) : undefined;
    if (done) {
      for (const [k, v] of Object.entries(done.binds ?? {})) bind(scope, k, v);
      const status = (done.status as ObjectStatus | undefined) ?? 'unchanged';
      return result(step, scope, status, [], status === 'unchanged' ? 'checked by the run that stopped' : 'done by the run that stopped', { journal: true });
    }
    if (scope.blocked !== undefined) return result(step, scope, 'skipped', [], scope.blocked);

    const l = await lookup(step, scope);
    if (l.error !== undefined) return result(step, scope, 'failed', [], l.error);
    let action: 'create' | 'update' | undefined;
    let changes: Change[] = [];
    if (l.found !== NOT_FOUND) {
      const id = step.provides !== undefined ? idOf(step, l.found) : undefined;
      if (step.provides !== undefined && id !== undefined) bind(scope, step.provides, id);
      if (step.kind === 'machine') scope.status = String(getPath(l.found, 'status_name') ?? '');
      if (step.desired['$absent'] === true) {
        action = 'update';
        changes = [{ field: 'in MAAS inventory', from: 'listed', to: 'removed (a deploy would wipe it)' }];
      } else {
        changes = diff(step, l.found, scope);
        if (changes.length) {
          if (!step.update) return result(step, scope, 'conflict', changes, `differs from the site, and apply does not delete and recreate it: change it in MAAS (site: ${step.sitePaths['*'] ?? '?'})`);
          action = 'update';
        }
      }
    } else if (step.desired['$absent'] === true) {
      return result(step, scope, 'unchanged');
    } else if (!step.create) {
      if (l.parentMissing && o.mode === 'dry-run' && step.kind === 'vlan') {
        if (step.provides !== undefined) bind(scope, step.provides, `${PENDING}${step.provides}`);
        return result(step, scope, 'create', [], 'MAAS creates it with its fabric');
      }
      if (l.parentMissing) return result(step, scope, 'skipped', [], 'what it belongs to is not there');
      const site = step.sitePaths['*'];
      const what = step.kind === 'machine' ? `${target ?? '?'} is not in MAAS: commission it first, or fix the hostnames` : `not found in MAAS, and apply does not create it`;
      if (step.kind === 'machine') scope.blocked = `${target ?? '?'} is not in MAAS`;
      return result(step, scope, 'conflict', [], `${what}${site !== undefined ? ` (site: ${site})` : ''}`, site !== undefined ? { site: [{ ...o.locate(site), field: '*', messages: [] }] } : {});
    } else {
      action = 'create';
    }
    if (action === undefined) {
      // In flight when the last run died: MAAS made the change, and the run never heard of it.
      const inFlight = o.mode === 'apply' ? o.resume?.inFlight.get(key) : undefined;
      if (o.mode === 'apply' && step.kind !== 'machine') {
        const id = step.provides !== undefined ? bound(scope, step.provides) : undefined;
        o.journal?.done(step.id, target, inFlight ?? 'unchanged', step.provides !== undefined && id !== undefined ? { [step.provides]: id } : {});
      }
      if (inFlight !== undefined) return result(step, scope, inFlight as ObjectStatus, [], 'done by the run that stopped, before it heard back (found by name)', { journal: true });
      return result(step, scope, 'unchanged');
    }

    const states = allowedStates(step.kind);
    if (states && scope.status !== undefined && !states.includes(scope.status)) {
      return result(step, scope, 'refused', changes, `${target ?? 'the machine'} is ${scope.status}: MAAS changes ${step.kind === 'storage-layout' || step.kind === 'block-device' ? 'storage' : 'interfaces'} only when it is ${states.join(', ')}; release it (or leave it as it is) and run apply again`);
    }
    if (o.mode === 'dry-run') {
      if (action === 'create' && step.provides !== undefined) bind(scope, step.provides, `${PENDING}${step.provides}`);
      return result(step, scope, action, changes);
    }

    const request = action === 'create' ? step.create : step.update;
    if (!request) return result(step, scope, 'conflict', changes, 'apply has no request for this change');
    const req = resolveRequest(request, scope);
    if (req.pending.length) return result(step, scope, 'skipped', changes, `needs ${req.pending.join(', ')}, which is not there`);
    const label = labelOf(req);
    o.journal?.intent(step.id, target, label, action);
    // Creates may not be sent twice blindly; set_config and set_storage_layout are idempotent.
    const safe = req.method !== 'POST' || step.kind === 'config' || step.kind === 'storage-layout';
    // MAAS may have created it before an unclear failure: the retry layer asks this lookup before sending it again.
    let confirmed: unknown = NOT_FOUND;
    const verify = async (): Promise<boolean> => {
      invalidate(req.path);
      const again = await lookup(step, scope);
      confirmed = again.found;
      return again.found !== NOT_FOUND;
    };
    const out = await client.request(req.method, req.path, req.params, req.op, safe ? { safe } : { safe, verify });
    invalidate(req.path);
    if (out.kind === 'fatal') throw new FatalError(out.message, out.hint);
    if (out.kind === 'ambiguous') throw new FatalError(`MAAS left ${label} unclear: ${out.message}`, 'run the same command again: apply finds what was done by name');
    if (out.kind === 'verified') {
      const id = step.provides !== undefined ? idOf(step, confirmed) : undefined;
      if (step.provides !== undefined && id !== undefined) bind(scope, step.provides, id);
      o.journal?.done(step.id, target, action, step.provides !== undefined && id !== undefined ? { [step.provides]: id } : {}, label);
      return result(step, scope, action, changes, `confirmed by looking it up after ${out.message}`);
    }
    if (out.kind === 'ok' || (out.status === 404 && req.method === 'DELETE')) {
      const json = out.kind === 'ok' ? out.json : undefined;
      if (action === 'create' && step.provides !== undefined) {
        const id = createdId(step, json, scope);
        if (id !== undefined) bind(scope, step.provides, id);
      }
      const binds = step.provides !== undefined && bound(scope, step.provides) !== undefined ? { [step.provides]: bound(scope, step.provides) as string } : {};
      o.journal?.done(step.id, target, action, binds, label);
      return result(step, scope, action, changes);
    }
    o.journal?.fail(step.id, target, out.status === 409 ? 'refused' : 'failed', out.message);
    if (out.status === 409) {
      if (step.kind === 'machine' || scope.target) return result(step, scope, 'refused', changes, `MAAS refused it in the machine's current state: ${out.message}`);
      return result(step, scope, 'failed', changes, `MAAS refused it (409): ${out.message}`);
    }
    return result(step, scope, 'failed', changes, `MAAS refused ${label} (${out.status}): ${out.message}`, out.status === 400 ? { site: siteErrors(step, out.fields) ?? [] } : {});
  };

  // ---- prune: what apply owns and the site no longer has.
  const prunePlan = (role: 'controlPlane' | 'workers') => {
    const steps = plan.steps.filter((s) => s.scope.kind === 'machines' && s.scope.role === role);
    const names = new Set(steps.filter((s) => ['physical-interface', 'bond', 'bridge', 'vlan-interface'].includes(s.kind)).map((s) => String(s.naturalKey['name'])));
    const links = new Map(steps.filter((s) => s.kind === 'interface-link').map((s) => [String(s.naturalKey['interface']), String(s.naturalKey['subnet'])]));
    return { names, links };
  };
  const deletion = (id: string, kind: string, scope: Scope, what: string, request: Resolved): ObjectResult & { request: Resolved } => ({
    id,
    ...(scope.target ? { target: scope.target.hostname } : {}),
    kind,
    status: 'delete',
    changes: [],
    message: what,
    request,
  });
  const runDeletion = async (d: ObjectResult & { request: Resolved }, scope: Scope): Promise<ObjectResult> => {
    const { request, ...r } = d;
    if (o.mode === 'dry-run') {
      o.onResult?.(r);
      return r;
    }
    const states = scope.target ? INTERFACE_STATES : undefined;
    if (states && scope.status !== undefined && !states.includes(scope.status)) {
      const refused: ObjectResult = { ...r, status: 'refused', message: `${r.message}: ${scope.target?.hostname ?? ''} is ${scope.status}, MAAS changes interfaces only when it is ${states.join(', ')}` };
      o.onResult?.(refused);
      return refused;
    }
    const label = labelOf(request);
    o.journal?.intent(r.id, r.target, label, 'delete');
    const out = await client.request(request.method, request.path, request.params, request.op, { safe: true });
    invalidate(request.path);
    if (out.kind === 'fatal' || out.kind === 'ambiguous' || out.kind === 'verified') throw new FatalError(out.message, out.kind === 'fatal' ? out.hint : 'run the same command again');
    const ok = out.kind === 'ok' || out.status === 404;
    const final: ObjectResult = ok ? r : { ...r, status: out.status === 409 ? 'refused' : 'failed', message: `${r.message}: MAAS refused ${label} (${out.status}): ${out.message}` };
    if (ok) o.journal?.done(r.id, r.target, 'delete', {}, label);
    else o.journal?.fail(r.id, r.target, final.status, final.message ?? '');
    o.onResult?.(final);
    return final;
  };
  const pruneMachine = async (role: 'controlPlane' | 'workers', scope: Scope): Promise<ObjectResult[]> => {
    const sid = scope.local?.get('machine');
    if (sid === undefined || isPending(sid)) return [];
    const out = await get(`/nodes/${sid}/interfaces/`, []);
    if (out.kind !== 'ok' || !Array.isArray(out.json)) return [];
    const { names, links } = prunePlan(role);
    const ifaces = out.json as Array<Record<string, unknown>>;
    const found: Array<ObjectResult & { request: Resolved }> = [];
    for (const i of ifaces) {
      const name = String(i['name']);
      const planned = links.get(name);
      for (const link of (Array.isArray(i['links']) ? i['links'] : []) as Array<Record<string, unknown>>) {
        const cidr = String(getPath(link, 'subnet.cidr'));
        if (!names.has(name) || planned === cidr) continue;
        found.push(deletion(`prune/link/${name}/${cidr}`, 'interface-link', scope, `unlink ${name} from ${cidr} (not in the site)`, { method: 'POST', path: `/nodes/${sid}/interfaces/${String(i['id'])}/`, op: 'unlink_subnet', params: [['id', String(link['id'])]], pending: [] }));
      }
    }
    const order: Record<string, number> = { vlan: 0, bridge: 1, bond: 2 };
    for (const i of [...ifaces].sort((a, b) => (order[String(a['type'])] ?? 9) - (order[String(b['type'])] ?? 9))) {
      const type = String(i['type']);
      const name = String(i['name']);
      if (!(type in order) || names.has(name)) continue;
      found.push(deletion(`prune/interface/${name}`, type === 'vlan' ? 'vlan-interface' : type, scope, `delete ${type} interface ${name} (not in the site)`, { method: 'DELETE', path: `/nodes/${sid}/interfaces/${String(i['id'])}/`, params: [], pending: [] }));
    }
    const results: ObjectResult[] = [];
    for (const d of found) results.push(await runDeletion(d, scope));
    return results;
  };
  const pruneGlobal = async (scope: Scope): Promise<ObjectResult[]> => {
    const out = await get('/ipranges/', []);
    if (out.kind !== 'ok' || !Array.isArray(out.json)) return [];
    const planned = new Set(plan.steps.filter((s) => s.kind === 'ip-range').map((s) => `${String(s.naturalKey['start_ip'])}-${String(s.naturalKey['end_ip'])}`));
    const results: ObjectResult[] = [];
    for (const r of out.json as Array<Record<string, unknown>>) {
      const range = `${String(r['start_ip'])}-${String(r['end_ip'])}`;
      if (r['type'] !== 'reserved' || !/\(vmo-twin\)\s*$/.test(String(r['comment'] ?? '')) || planned.has(range)) continue;
      results.push(await runDeletion(deletion(`prune/ip-range/${range}`, 'ip-range', scope, `delete reserved range ${range} (made by apply, no longer in the site)`, { method: 'DELETE', path: `/ipranges/${String(r['id'])}/`, params: [], pending: [] }), scope));
    }
    return results;
  };

  // ---- the run
  const out: ObjectResult[] = [];
  const globalScope: Scope = { global };
  try {
    for (const step of plan.steps.filter((s) => s.scope.kind === 'global')) out.push(await reconcile(step, globalScope));
    if (o.prune) out.push(...(await pruneGlobal(globalScope)));
  } catch (e) {
    if (!(e instanceof FatalError)) throw e;
    return { objects: out, fatal: { message: e.message, hint: e.hint } };
  }

  const jobs: Array<{ role: 'controlPlane' | 'workers'; target: MachineTarget; steps: PlanStep[] }> = [];
  for (const role of ['controlPlane', 'workers'] as const) {
    const steps = plan.steps.filter((s) => s.scope.kind === 'machines' && s.scope.role === role);
    for (const target of plan.machines[role]) jobs.push({ role, target, steps });
  }
  const perJob: ObjectResult[][] = jobs.map(() => []);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!stopped) {
      const n = next++;
      const job = jobs[n];
      if (!job) return;
      const scope: Scope = { global, local: new Map(), target: job.target };
      const acc = perJob[n] as ObjectResult[];
      try {
        for (const step of job.steps) {
          if (stopped) return;
          acc.push(await reconcile(step, scope));
        }
        if (o.prune && scope.blocked === undefined) acc.push(...(await pruneMachine(job.role, scope)));
      } catch (e) {
        if (!(e instanceof FatalError)) throw e;
        stopped ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.parallel, jobs.length)) }, () => worker()));
  for (const r of perJob) out.push(...r);
  const fatal = stopped as FatalError | undefined;
  return { objects: out, ...(fatal ? { fatal: { message: fatal.message, hint: fatal.hint } } : {}) };
}
