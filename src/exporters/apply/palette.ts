/**
 * `apply palette`: reconcile Palette with the Palette export (the three profile-import
 * bodies and the MAAS cluster body), by natural key:
 *
 * 1. the MAAS cloud account, found by name (it must exist: registering MAAS is not apply's);
 * 2. each profile, found by name and version: imported, then published; one that exists as a
 *    draft is published; one whose packs, values, manifests or variables differ is a conflict
 *    (a published version is never changed in place: raise `palette.profileVersion`);
 * 3. the cluster, found by name: created with the placeholders resolved (`${cloudaccount:…}`,
 *    `${clusterprofile:…}`, `${env:…}`); when it exists, its machine pools are compared and
 *    updated (size, instance type, AZs, resource pool, repave interval, update strategy), and
 *    profiles other than the site's are reported, not swapped (that repaves nodes).
 *
 * Creates are not sent twice blindly: after a timeout or dropped connection the object is
 * looked up by name first. With `prune`, older versions of the site's profiles that no
 * cluster uses are deleted. Secrets from the environment go into the cluster body only.
 */
import type { ClusterProfileImport, MaasClusterCreate, MaasMachinePool, PackImport, ProfileVariable } from '../palette/types.js';
import { PaletteClient } from '../palette/client.js';
import type { ApiOutcome } from './api.js';
import { journalKey, type Journal, type ResumeState } from './journal.js';
import { getPath, show } from './paths.js';
import { FatalError, type Change, type ObjectResult, type ObjectStatus, type RunResult } from './result.js';
import type { Secrets } from './secrets.js';

export interface PaletteApplyOptions {
  readonly mode: 'dry-run' | 'apply';
  readonly prune: boolean;
  readonly journal?: Journal;
  readonly resume?: ResumeState;
  /** Reads `${env:NAME}` values; each one read is registered as a secret. */
  readonly env: (name: string) => string | undefined;
  readonly secrets: Secrets;
  readonly onResult?: (r: ObjectResult) => void;
}

export interface PaletteExport {
  readonly profiles: readonly ClusterProfileImport[];
  readonly cluster: MaasClusterCreate;
}

const PENDING = '(to be created)';

type Item = Record<string, unknown>;
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

function unwrap(out: ApiOutcome, what: string): unknown {
  if (out.kind === 'ok') return out.json;
  if (out.kind === 'fatal') throw new FatalError(out.message, out.hint);
  if (out.kind === 'ambiguous' || out.kind === 'verified') throw new FatalError(`Palette failed to answer ${what}: ${out.message}`, 'run the same command again');
  throw new FatalError(`Palette refused ${what} (${out.status}${out.code ? ` ${out.code}` : ''}): ${out.message}`, 'check --project-uid and the key\'s permissions');
}

/** The lines of two texts that differ, for a diff line: "3 lines differ". */
function textChange(field: string, actual: string | undefined, want: string): Change | undefined {
  const a = (actual ?? '').trimEnd();
  const w = want.trimEnd();
  if (a === w) return undefined;
  if (actual === undefined) return { field, from: '(none)', to: `${w.split('\n').length} lines` };
  const al = a.split('\n');
  const wl = w.split('\n');
  let n = Math.abs(al.length - wl.length);
  for (let i = 0; i < Math.min(al.length, wl.length); i++) if (al[i] !== wl[i]) n++;
  return { field, from: `${al.length} lines`, to: `${wl.length} lines, ${n} differ` };
}

const VARIABLE_FIELDS: readonly (keyof ProfileVariable)[] = ['displayName', 'description', 'format', 'inputType', 'defaultValue', 'regex', 'required', 'immutable', 'hidden', 'isSensitive'];

export async function applyPalette(exp: PaletteExport, client: PaletteClient, o: PaletteApplyOptions): Promise<RunResult> {
  const out: ObjectResult[] = [];
  const binds = new Map<string, string>();
  /** What the run that stopped did to an object (its import, publish or create), from the journal. */
  const journaled = (id: string): ObjectStatus | undefined => {
    if (o.mode !== 'apply' || !o.resume) return undefined;
    const keys = [journalKey(id), `${id}/import`, `${id}/publish`];
    for (const k of keys) {
      const rec = o.resume.done.get(k);
      const status = rec?.status ?? o.resume.inFlight.get(k);
      if (status !== undefined && status !== 'unchanged') return k.endsWith('/publish') && !o.resume.done.has(`${id}/import`) && !o.resume.inFlight.has(`${id}/import`) ? 'update' : ((status as ObjectStatus | undefined) ?? 'update');
    }
    return undefined;
  };
  const emit = (r: ObjectResult): ObjectResult => {
    const before = r.status === 'unchanged' ? journaled(r.id) : undefined;
    const final: ObjectResult = before !== undefined ? { ...r, status: before, message: 'done by the run that stopped', journal: true } : r;
    o.onResult?.(final);
    out.push(final);
    return final;
  };
  const problem = (id: string, kind: string, status: ObjectStatus, message: string, changes: Change[] = []): ObjectResult => emit({ id, kind, status, changes, message });

  /** Send a create; after an unclear failure, look it up (`find`) before sending again. */
  const create = async (id: string, label: string, send: (verify: () => Promise<boolean>) => Promise<ApiOutcome>, find: () => Promise<string | undefined>): Promise<{ uid: string; note?: string } | { error: string; status: number }> => {
    o.journal?.intent(id, undefined, label, 'create');
    let found: string | undefined;
    const r = await send(async () => {
      found = await find();
      return found !== undefined;
    });
    if (r.kind === 'fatal') throw new FatalError(r.message, r.hint);
    if (r.kind === 'ambiguous') throw new FatalError(`Palette left ${label} unclear: ${r.message}`, 'run the same command again: apply finds what was done by name');
    if (r.kind === 'verified' && found !== undefined) {
      o.journal?.done(id, undefined, 'create', { [id]: found }, label);
      return { uid: found, note: `confirmed by looking it up after ${r.message}` };
    }
    if (r.kind === 'ok') {
      const uid = str(getPath(r.json, 'uid'));
      o.journal?.done(id, undefined, 'create', { [id]: uid }, label);
      return { uid };
    }
    if (r.kind === 'error') {
      o.journal?.fail(id, undefined, 'failed', r.message);
      return { error: `${r.status}${r.code ? ` ${r.code}` : ''}: ${r.message}`, status: r.status };
    }
    throw new FatalError(`Palette left ${label} unclear`, 'run the same command again');
  };
  /** A call that changes something and is safe to repeat (publish, pool update). */
  const change = async (id: string, label: string, send: () => Promise<ApiOutcome>): Promise<string | undefined> => {
    o.journal?.intent(id, undefined, label, 'update');
    const r = await send();
    if (r.kind === 'fatal') throw new FatalError(r.message, r.hint);
    if (r.kind === 'ambiguous' || r.kind === 'verified') throw new FatalError(`Palette failed to answer ${label}: ${r.message}`, 'run the same command again');
    if (r.kind === 'error') {
      o.journal?.fail(id, undefined, 'failed', r.message);
      return `${r.status}${r.code ? ` ${r.code}` : ''}: ${r.message}`;
    }
    o.journal?.done(id, undefined, 'update', {}, label);
    return undefined;
  };

  const list = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<Item[]> => {
    const r = await client.list(method, path, body);
    if (!r.ok) return unwrap(r.outcome, PaletteClient.label(method, path)) as Item[];
    return r.items.filter((x): x is Item => x !== null && typeof x === 'object');
  };

  try {
    // 1. The cloud account.
    const accountName = /^\$\{cloudaccount:(.+)\}$/.exec(exp.cluster.spec.cloudAccountUid)?.[1] ?? exp.cluster.spec.cloudAccountUid;
    const accounts = await list('GET', '/v1/cloudaccounts/maas');
    const account = accounts.find((a) => getPath(a, 'metadata.name') === accountName);
    const accountId = `cloudaccount/${accountName}`;
    if (account) {
      binds.set(`cloudaccount:${accountName}`, str(getPath(account, 'metadata.uid')));
      emit({ id: accountId, kind: 'cloud-account', status: 'unchanged', changes: [] });
    } else {
      problem(accountId, 'cloud-account', 'conflict', `Palette has no MAAS cloud account named ${accountName} (${accounts.length} MAAS account${accounts.length === 1 ? '' : 's'} found): register the MAAS in Palette first (Tenant or Project Settings → Cloud Accounts → MAAS), or set palette.cloudAccount`);
    }

    // 2. The profiles, in the order the cluster lists them.
    const profileOrder = exp.cluster.spec.profiles.map((p) => /^\$\{clusterprofile:(.+)@(.+)\}$/.exec(p.uid)).filter((m): m is RegExpExecArray => m !== null);
    const findProfile = async (name: string, version: string): Promise<Item | undefined> => {
      const items = await list('POST', '/v1/dashboard/clusterprofiles', { filter: { profileName: { eq: name }, version: { eq: version } } });
      return items.find((p) => getPath(p, 'metadata.name') === name && str(getPath(p, 'specSummary.version')) === version);
    };
    for (const m of profileOrder) {
      const [, name = '', version = ''] = m;
      const body = exp.profiles.find((p) => p.metadata.name === name && p.spec.version === version);
      const id = `profile/${name}@${version}`;
      if (!body) {
        problem(id, 'profile', 'conflict', `the export has no profile ${name}@${version} for the cluster (a bug in the Palette export)`);
        continue;
      }
      const summary = await findProfile(name, version);
      if (!summary) {
        if (o.mode === 'dry-run') {
          binds.set(`clusterprofile:${name}@${version}`, PENDING);
          emit({ id, kind: 'profile', status: 'create', changes: [], message: `import ${body.spec.template.packs.length} packs (${body.spec.template.type}), then publish` });
          continue;
        }
        const made = await create(`${id}/import`, 'POST /v1/clusterprofiles/import', (verify) => client.request('POST', '/v1/clusterprofiles/import', { query: { publish: 'false' }, body, verify }), async () => {
          const again = await findProfile(name, version);
          return again ? str(getPath(again, 'metadata.uid')) : undefined;
        });
        if ('error' in made) {
          problem(id, 'profile', 'failed', `Palette refused the import of ${name}@${version} (${made.error})`);
          continue;
        }
        binds.set(`clusterprofile:${name}@${version}`, made.uid);
        const err = await change(`${id}/publish`, `PATCH /v1/clusterprofiles/${made.uid}/publish`, () => client.request('PATCH', `/v1/clusterprofiles/${made.uid}/publish`));
        if (err !== undefined) problem(id, 'profile', 'failed', `imported, but Palette refused to publish it (${err}); run apply again`);
        else emit({ id, kind: 'profile', status: 'create', changes: [], message: `imported and published${made.note ? `; ${made.note}` : ''}` });
        continue;
      }
      const uid = str(getPath(summary, 'metadata.uid'));
      binds.set(`clusterprofile:${name}@${version}`, uid);
      const profile = unwrap(await client.request('GET', `/v1/clusterprofiles/${uid}`), `GET /v1/clusterprofiles/${uid}`);
      const published = getPath(profile, 'spec.published') as Item | undefined;
      const template = (published ?? getPath(profile, 'spec.draft')) as Item | undefined;
      const changes = await compareProfile(client, uid, body, template);
      if (changes.length) {
        problem(id, 'profile', 'conflict', `Palette has ${name}@${version} with other content; apply never changes a published version in place: raise the version (--set palette.profileVersion=…) to publish the new content as a new version`, changes);
        continue;
      }
      if (published === undefined || getPath(profile, 'status.isPublished') === false) {
        if (o.mode === 'dry-run') {
          emit({ id, kind: 'profile', status: 'update', changes: [{ field: 'published', from: 'no (draft)', to: 'yes' }] });
          continue;
        }
        const err = await change(`${id}/publish`, `PATCH /v1/clusterprofiles/${uid}/publish`, () => client.request('PATCH', `/v1/clusterprofiles/${uid}/publish`));
        if (err !== undefined) problem(id, 'profile', 'failed', `Palette refused to publish it (${err})`);
        else if (journaled(id) === 'create') emit({ id, kind: 'profile', status: 'create', changes: [], message: 'imported by the run that stopped (found by name), published now', journal: true });
        else emit({ id, kind: 'profile', status: 'update', changes: [{ field: 'published', from: 'no (draft)', to: 'yes' }] });
        continue;
      }
      emit({ id, kind: 'profile', status: 'unchanged', changes: [] });
    }

    // 3. The cluster.
    const clusterName = exp.cluster.metadata.name;
    const clusterId = `cluster/${clusterName}`;
    const findCluster = async (): Promise<Item | undefined> => {
      const filter = {
        filter: {
          conjunction: 'and',
          filterGroups: [
            {
              conjunction: 'and',
              filters: [
                { property: 'clusterName', type: 'string', condition: { string: { operator: 'eq', negation: false, ignoreCase: false, match: { conjunction: 'or', values: [clusterName] } } } },
                { property: 'isDeleted', type: 'bool', condition: { bool: { value: false } } },
              ],
            },
          ],
        },
        sort: [],
      };
      const items = await list('POST', '/v1/dashboard/spectroclusters/search', filter);
      return items.find((c) => getPath(c, 'metadata.name') === clusterName);
    };
    const summary = await findCluster();
    if (!summary) {
      const missing: string[] = [];
      let blocked = false;
      const body = resolvePlaceholders(exp.cluster, (kind, name) => {
        if (kind === 'env') {
          const v = o.env(name);
          if (v === undefined || v === '') missing.push(name);
          else o.secrets.add(v);
          return v ?? '';
        }
        const v = binds.get(`${kind}:${name}`);
        if (v === undefined) blocked = true;
        return v ?? '';
      });
      if (missing.length) {
        problem(clusterId, 'cluster', 'conflict', `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set: the cluster's profile variables take ${missing.length === 1 ? 'its value' : 'their values'} from the environment (see palette/README.md); export ${missing.length === 1 ? 'it' : 'them'} and run again`);
      } else if (blocked) {
        problem(clusterId, 'cluster', 'skipped', 'needs the cloud account and the three profiles, which are not all there');
      } else if (o.mode === 'dry-run' || [...binds.values()].includes(PENDING)) {
        emit({ id: clusterId, kind: 'cluster', status: 'create', changes: [], message: exp.cluster.spec.machinepoolconfig.map((p) => `${p.poolConfig.name} × ${p.poolConfig.size}`).join(', ') });
      } else {
        const made = await create(clusterId, 'POST /v1/spectroclusters/maas', (verify) => client.request('POST', '/v1/spectroclusters/maas', { body, verify }), async () => {
          const again = await findCluster();
          return again ? str(getPath(again, 'metadata.uid')) : undefined;
        });
        if ('error' in made) problem(clusterId, 'cluster', 'failed', `Palette refused to create the cluster (${made.error})`);
        else emit({ id: clusterId, kind: 'cluster', status: 'create', changes: [], message: `${exp.cluster.spec.machinepoolconfig.map((p) => `${p.poolConfig.name} × ${p.poolConfig.size}`).join(', ')}${made.note ? `; ${made.note}` : ''}` });
      }
    } else {
      const uid = str(getPath(summary, 'metadata.uid'));
      const cluster = unwrap(await client.request('GET', `/v1/spectroclusters/${uid}`), `GET /v1/spectroclusters/${uid}`);
      const templates = (getPath(cluster, 'spec.clusterProfileTemplates') as Item[] | undefined) ?? [];
      const have = templates.map((t) => str(t['uid'])).sort();
      const want = profileOrder.map((m) => binds.get(`clusterprofile:${m[1] ?? ''}@${m[2] ?? ''}`) ?? PENDING).sort();
      if (have.join(',') !== want.join(',')) {
        // Palette's templates carry the profile name; the version is known for the site's own profiles.
        const known = new Map([...binds].filter(([k]) => k.startsWith('clusterprofile:')).map(([k, v]) => [v, k.slice('clusterprofile:'.length)]));
        const from = templates.map((t) => known.get(str(t['uid'])) ?? `${str(t['name']) || '?'} (${str(t['uid'])})`).join(', ');
        const to = profileOrder.map((m) => `${m[1] ?? ''}@${m[2] ?? ''}`).join(', ');
        problem(clusterId, 'cluster', 'conflict', 'the cluster runs other profiles than the site\'s; apply does not swap a running cluster\'s profiles (that can repave every node): update them in Palette (the cluster → Profile)', [{ field: 'profiles', from, to }]);
      } else {
        emit({ id: clusterId, kind: 'cluster', status: 'unchanged', changes: [] });
      }
      const configUid = str(getPath(cluster, 'spec.cloudConfigRef.uid'));
      const config = unwrap(await client.request('GET', `/v1/cloudconfigs/maas/${configUid}`), `GET /v1/cloudconfigs/maas/${configUid}`);
      const pools = (getPath(config, 'spec.machinePoolConfig') as Item[] | undefined) ?? [];
      for (const p of exp.cluster.spec.machinepoolconfig) {
        const poolName = p.poolConfig.name;
        const id = `pool/${clusterName}/${poolName}`;
        const current = pools.find((x) => x['name'] === poolName);
        const path = current ? `/v1/cloudconfigs/maas/${configUid}/machinePools/${poolName}` : `/v1/cloudconfigs/maas/${configUid}/machinePools`;
        const changes = current ? comparePool(p, current) : [];
        if (current && changes.length === 0) {
          emit({ id, kind: 'machine-pool', status: 'unchanged', changes: [] });
          continue;
        }
        const status: ObjectStatus = current ? 'update' : 'create';
        const note = current && changes.some((c) => c.field.startsWith('instanceType') || c.field === 'azs' || c.field === 'resourcePool') ? 'Palette replaces the pool\'s nodes for this change (a repave)' : undefined;
        if (o.mode === 'dry-run') {
          emit({ id, kind: 'machine-pool', status, changes, ...(note ? { message: note } : {}) });
          continue;
        }
        if (current) {
          const err = await change(id, `PUT ${path}`, () => client.request('PUT', path, { body: p }));
          if (err !== undefined) problem(id, 'machine-pool', 'failed', `Palette refused the pool update (${err})`, changes);
          else emit({ id, kind: 'machine-pool', status, changes, ...(note ? { message: note } : {}) });
        } else {
          const made = await create(id, `POST ${path}`, (verify) => client.request('POST', path, { body: p, verify }), async () => {
            const again = unwrap(await client.request('GET', `/v1/cloudconfigs/maas/${configUid}`), `GET /v1/cloudconfigs/maas/${configUid}`);
            return ((getPath(again, 'spec.machinePoolConfig') as Item[] | undefined) ?? []).some((x) => x['name'] === poolName) ? poolName : undefined;
          });
          if ('error' in made) problem(id, 'machine-pool', 'failed', `Palette refused the new pool (${made.error})`);
          else emit({ id, kind: 'machine-pool', status, changes });
        }
      }
    }

    // Prune: older versions of the site's profiles that no cluster uses.
    if (o.prune) {
      for (const m of profileOrder) {
        const [, name = '', version = ''] = m;
        const all = await list('POST', '/v1/dashboard/clusterprofiles', { filter: { profileName: { eq: name } } });
        for (const p of all) {
          const v = str(getPath(p, 'specSummary.version'));
          if (getPath(p, 'metadata.name') !== name || v === version) continue;
          const id = `prune/profile/${name}@${v}`;
          const inUse = ((getPath(p, 'status.inUseClusters') as unknown[] | undefined) ?? []).length;
          if (inUse > 0) {
            problem(id, 'profile', 'refused', `${name}@${v} is not in the site but ${inUse} cluster${inUse === 1 ? '' : 's'} use${inUse === 1 ? 's' : ''} it; not deleted`);
            continue;
          }
          const puid = str(getPath(p, 'metadata.uid'));
          if (o.mode === 'dry-run') {
            emit({ id, kind: 'profile', status: 'delete', changes: [], message: `delete ${name}@${v} (no cluster uses it)` });
            continue;
          }
          const err = await change(id, `DELETE /v1/clusterprofiles/${puid}`, () => client.request('DELETE', `/v1/clusterprofiles/${puid}`));
          if (err !== undefined) problem(id, 'profile', 'failed', `Palette refused to delete ${name}@${v} (${err})`);
          else emit({ id, kind: 'profile', status: 'delete', changes: [], message: `deleted ${name}@${v} (no cluster used it)` });
        }
      }
    }
  } catch (e) {
    if (!(e instanceof FatalError)) throw e;
    return { objects: out, fatal: { message: e.message, hint: e.hint } };
  }
  return { objects: out };
}

/** The cluster body with `${kind:name}` placeholders replaced, in every string. */
export function resolvePlaceholders<T>(value: T, resolve: (kind: string, name: string) => string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(/\$\{(cloudaccount|clusterprofile|env):([^}]+)\}/g, (_, kind: string, name: string) => resolve(kind, name));
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** What differs between the import body and the profile Palette holds (packs, values, manifests, variables). */
async function compareProfile(client: PaletteClient, uid: string, body: ClusterProfileImport, template: Item | undefined): Promise<Change[]> {
  const changes: Change[] = [];
  const want = body.spec.template;
  if (!template) return [{ field: 'template', from: '(none)', to: want.type }];
  if (str(template['type']) !== want.type) changes.push({ field: 'type', from: show(template['type']), to: want.type });
  if (str(template['cloudType']) !== want.cloudType) changes.push({ field: 'cloudType', from: show(template['cloudType']), to: want.cloudType });
  const packs = ((template['packs'] as Item[] | undefined) ?? []).filter((p) => p && typeof p === 'object');
  for (const p of want.packs) {
    const have = packs.find((x) => x['name'] === p.name);
    if (!have) {
      changes.push({ field: `packs[${p.name}]`, from: '(none)', to: p.tag ?? p.type });
      continue;
    }
    changes.push(...packChanges(p, have));
    const refs = ((have['manifests'] as Item[] | undefined) ?? []).filter((m) => m && typeof m === 'object');
    for (const m of p.manifests ?? []) {
      const ref = refs.find((r) => r['name'] === m.name);
      let content: string | undefined;
      if (ref) {
        const path = `/v1/clusterprofiles/${uid}/packs/${encodeURIComponent(p.name)}/manifests/${str(ref['uid'])}`;
        const got = unwrap(await client.request('GET', path), `GET ${path}`);
        const c = getPath(got, 'spec.published.content') ?? getPath(got, 'spec.draft.content');
        content = typeof c === 'string' ? c : undefined;
      }
      const c = textChange(`packs[${p.name}].manifests[${m.name}]`, content, m.content);
      if (c) changes.push(c);
    }
    for (const r of refs) if (!(p.manifests ?? []).some((m) => m.name === r['name'])) changes.push({ field: `packs[${p.name}].manifests[${str(r['name'])}]`, from: 'present', to: '(none)' });
  }
  for (const h of packs) if (!want.packs.some((p) => p.name === h['name'])) changes.push({ field: `packs[${str(h['name'])}]`, from: str(h['tag']) || 'present', to: '(none)' });
  const vars = (getPath(unwrap(await client.request('GET', `/v1/clusterprofiles/${uid}/variables`), `GET /v1/clusterprofiles/${uid}/variables`), 'variables') as Item[] | undefined) ?? [];
  for (const v of body.spec.variables) {
    const have = vars.find((x) => x['name'] === v.name);
    if (!have) {
      changes.push({ field: `variables[${v.name}]`, from: '(none)', to: v.format });
      continue;
    }
    for (const f of VARIABLE_FIELDS) {
      const w = v[f];
      const h = have[f];
      if ((w ?? '') === '' && (h ?? '') === '') continue;
      if (typeof w === 'boolean' ? Boolean(h) !== w : str(h) !== str(w)) changes.push({ field: `variables[${v.name}].${f}`, from: show(h), to: show(w) });
    }
  }
  for (const h of vars) if (!body.spec.variables.some((v) => v.name === h['name'])) changes.push({ field: `variables[${str(h['name'])}]`, from: 'present', to: '(none)' });
  return changes;
}

function packChanges(p: PackImport, have: Item): Change[] {
  const changes: Change[] = [];
  if (p.tag !== undefined && str(have['tag']) !== p.tag) changes.push({ field: `packs[${p.name}].tag`, from: show(have['tag']), to: p.tag });
  if (str(have['type']) !== p.type) changes.push({ field: `packs[${p.name}].type`, from: show(have['type']), to: p.type });
  if (str(have['layer']) !== p.layer) changes.push({ field: `packs[${p.name}].layer`, from: show(have['layer']), to: p.layer });
  const v = textChange(`packs[${p.name}].values`, typeof have['values'] === 'string' ? have['values'] : undefined, p.values);
  if (v) changes.push(v);
  return changes;
}

/** The pool fields apply owns, compared between the create entity and Palette's flat pool config. */
function comparePool(p: MaasMachinePool, have: Item): Change[] {
  const c = p.cloudConfig;
  const pc = p.poolConfig;
  const fields: Array<[string, unknown, unknown]> = [
    ['size', pc.size, have['size']],
    ['minSize', pc.minSize, have['minSize']],
    ['maxSize', pc.maxSize, have['maxSize']],
    ['resourcePool', c.resourcePool, have['resourcePool']],
    ['azs', [...c.azs].sort().join(','), ((have['azs'] as unknown[] | undefined) ?? []).map(String).sort().join(',')],
    ['instanceType.minCPU', c.instanceType.minCPU, getPath(have, 'instanceType.minCPU')],
    ['instanceType.minMemInMB', c.instanceType.minMemInMB, getPath(have, 'instanceType.minMemInMB')],
    ...(c.instanceType.minDiskSizeInGB !== undefined ? ([['instanceType.minDiskSizeInGB', c.instanceType.minDiskSizeInGB, getPath(have, 'instanceType.minDiskSizeInGB')]] as Array<[string, unknown, unknown]>) : []),
    ...(pc.nodeRepaveInterval !== undefined ? ([['nodeRepaveInterval', pc.nodeRepaveInterval, have['nodeRepaveInterval'] ?? 0]] as Array<[string, unknown, unknown]>) : []),
    ['updateStrategy.type', pc.updateStrategy.type, getPath(have, 'updateStrategy.type') ?? 'RollingUpdateScaleOut'],
    ['isControlPlane', pc.isControlPlane, have['isControlPlane'] ?? false],
  ];
  return fields.filter(([, w, h]) => str(w) !== str(h)).map(([field, w, h]) => ({ field, from: show(h), to: show(w) }));
}
