/**
 * A fake Palette on loopback: the subset `apply palette` uses, strict where Palette is
 * (palette-api.md): the `ApiKey` header (401 otherwise), a `ProjectUid` it knows (403
 * otherwise) that scopes every object, JSON bodies checked against the schemas of the notes
 * (400 V1Error `{code, message, details, ref}`), lists paginated at `limit` ≤ 50 with an
 * opaque `continue` token, profiles imported as drafts and published, a cluster that needs a
 * known cloud account and published profiles and every required profile variable, and 409s
 * for a name (and version) that is taken.
 */
import { join } from 'node:path';
import type { ClusterProfileImport, MaasClusterCreate, MaasMachinePool } from '../../src/exporters/palette/types.js';
import { schemaValidator } from '../helpers/schemas.js';
import { ROOT } from '../helpers/site.js';
import { FakeServer, type FakeRequest, type FakeResponse, type ServerOptions } from './server.js';

const SCHEMAS = join(ROOT, 'src', 'exporters', 'palette', 'schemas');
const profileSchema = schemaValidator(join(SCHEMAS, 'cluster-profile-import.schema.json'));
const clusterSchema = schemaValidator(join(SCHEMAS, 'spectro-maas-cluster.schema.json'));

export interface StoredProfile {
  uid: string;
  scope: string;
  body: ClusterProfileImport;
  published: boolean;
  manifests: Map<string, Array<{ uid: string; name: string; content: string }>>;
}
export interface StoredCluster {
  uid: string;
  scope: string;
  name: string;
  configUid: string;
  accountUid: string;
  profileUids: string[];
  pools: Array<Record<string, unknown>>;
  body: MaasClusterCreate;
}
export interface PaletteState {
  accounts: Array<{ uid: string; name: string; scope: string }>;
  profiles: StoredProfile[];
  clusters: StoredCluster[];
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = {},
  ) {
    super(message);
  }
}

export interface FakePaletteOptions {
  readonly key: string;
  /** Known projects; a request with another ProjectUid gets a 403. */
  readonly projects?: readonly string[];
  /** Page size of every list (Palette's is 50; tests use small ones to page). */
  readonly pageSize?: number;
  readonly tls?: ServerOptions['tls'];
}

/** A pool as Palette returns it in the cloud config: the create entity's two halves flattened. */
export function flatPool(p: MaasMachinePool): Record<string, unknown> {
  return { ...p.poolConfig, ...p.cloudConfig, updateStrategy: { ...p.poolConfig.updateStrategy } };
}

export class FakePalette {
  readonly state: PaletteState = { accounts: [], profiles: [], clusters: [] };
  readonly server: FakeServer;
  private n = 0;

  constructor(private readonly o: FakePaletteOptions) {
    this.server = new FakeServer((r) => this.handle(r), {
      ...(o.tls ? { tls: o.tls } : {}),
      errorBody: (status, text) => ({ contentType: 'application/json', body: JSON.stringify({ code: status === 429 ? 'TooManyRequests' : status === 503 ? 'ServiceUnavailable' : 'InternalError', message: text, details: {}, ref: '' }) }),
    });
  }

  uid(): string {
    return (++this.n).toString(16).padStart(24, '0');
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  get endpoint(): string {
    return this.server.url;
  }

  addAccount(name: string, scope: string): string {
    const uid = this.uid();
    this.state.accounts.push({ uid, name, scope });
    return uid;
  }

  private page(items: unknown[], r: FakeRequest): unknown {
    const limitText = r.query.get('limit') ?? '50';
    const limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > 50) throw new HttpError(400, 'InvalidParameter', 'limit must be between 1 and 50');
    let offset = 0;
    const token = r.query.get('continue');
    if (token !== null) {
      const m = /^off:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
      if (!m) throw new HttpError(400, 'InvalidParameter', 'continue token is not valid');
      offset = Number(m[1]);
    }
    const size = Math.min(limit, this.o.pageSize ?? 50);
    const slice = items.slice(offset, offset + size);
    const next = offset + size < items.length ? Buffer.from(`off:${offset + size}`).toString('base64') : '';
    return { items: slice, listmeta: { continue: next, count: items.length, limit: size, offset } };
  }

  private body(r: FakeRequest): unknown {
    if (!r.contentType.startsWith('application/json')) throw new HttpError(400, 'InvalidRequest', 'Content-Type must be application/json');
    try {
      return JSON.parse(r.body) as unknown;
    } catch {
      throw new HttpError(400, 'InvalidJson', 'request body is not valid JSON');
    }
  }

  private template(p: StoredProfile): unknown {
    const t = p.body.spec.template;
    return {
      name: p.body.metadata.name,
      type: t.type,
      cloudType: t.cloudType,
      packs: t.packs.map((pk) => ({ name: pk.name, type: pk.type, layer: pk.layer, tag: pk.tag ?? '', version: pk.version ?? '', values: pk.values, manifests: (p.manifests.get(pk.name) ?? []).map((m) => ({ uid: m.uid, name: m.name, kind: 'Manifest' })) })),
    };
  }

  private inUse(p: StoredProfile): Array<{ uid: string; name: string }> {
    return this.state.clusters.filter((c) => c.profileUids.includes(p.uid)).map((c) => ({ uid: c.uid, name: c.name }));
  }

  private handle(r: FakeRequest): FakeResponse {
    try {
      const key = r.headers['apikey'];
      if (key !== this.o.key) throw new HttpError(401, 'Unauthorized', 'the request has no valid API key');
      const projectHeader = r.headers['projectuid'];
      const scope = typeof projectHeader === 'string' ? projectHeader : 'tenant';
      if (scope !== 'tenant' && !(this.o.projects ?? []).includes(scope)) throw new HttpError(403, 'Forbidden', 'the project does not exist or the key has no access to it');
      return this.route(r, scope);
    } catch (e) {
      if (e instanceof HttpError) return { status: e.status, body: JSON.stringify({ code: e.code, message: e.message, details: e.details, ref: '' }) };
      throw e;
    }
  }

  private route(r: FakeRequest, scope: string): FakeResponse {
    const s = this.state;
    const json = (body: unknown, status = 200, changed = false): FakeResponse => ({ status, body: JSON.stringify(body), changed });
    const done = (): FakeResponse => ({ status: 204, body: '', changed: true });
    const p = r.path;
    let m: RegExpExecArray | null;
    const profiles = s.profiles.filter((x) => x.scope === scope);
    const profile = (uid: string | undefined): StoredProfile => {
      const x = profiles.find((y) => y.uid === uid);
      if (!x) throw new HttpError(404, 'ResourceNotFound', `cluster profile ${uid ?? ''} not found`);
      return x;
    };
    if (r.method === 'GET' && p === '/v1/cloudaccounts/maas') {
      return json(this.page(s.accounts.filter((a) => a.scope === scope).map((a) => ({ metadata: { name: a.name, uid: a.uid }, spec: { apiEndpoint: 'http://maas:5240/MAAS' }, kind: 'maas' })), r));
    }
    if (r.method === 'POST' && p === '/v1/dashboard/clusterprofiles') {
      const b = this.body(r) as { filter?: { profileName?: { eq?: string }; version?: { eq?: string } } };
      const name = b.filter?.profileName?.eq;
      const version = b.filter?.version?.eq;
      const items = profiles
        .filter((x) => (name === undefined || x.body.metadata.name === name) && (version === undefined || x.body.spec.version === version))
        .map((x) => ({ metadata: { name: x.body.metadata.name, uid: x.uid, labels: x.body.metadata.labels }, specSummary: { version: x.body.spec.version, ...(x.published ? { published: { type: x.body.spec.template.type, cloudType: x.body.spec.template.cloudType } } : { draft: { type: x.body.spec.template.type } }) }, status: { isPublished: x.published, inUseClusters: this.inUse(x) } }));
      return json(this.page(items, r));
    }
    if (r.method === 'POST' && p === '/v1/clusterprofiles/import') {
      const b = this.body(r) as ClusterProfileImport;
      const errors = profileSchema(b);
      if (errors.length) throw new HttpError(400, 'InvalidProfile', 'the profile does not match the import schema', { errors });
      if (profiles.some((x) => x.body.metadata.name === b.metadata.name && x.body.spec.version === b.spec.version)) throw new HttpError(409, 'ClusterProfileAlreadyExists', `cluster profile ${b.metadata.name} version ${b.spec.version} already exists`);
      for (const v of b.spec.variables ?? []) if (v.isSensitive && v.defaultValue === '********') throw new HttpError(400, 'InvalidVariable', `Variable '${v.name}' default value should not be masked`);
      const uid = this.uid();
      const manifests = new Map(b.spec.template.packs.map((pk) => [pk.name, (pk.manifests ?? []).map((mf) => ({ uid: this.uid(), name: mf.name, content: mf.content }))] as const));
      s.profiles.push({ uid, scope, body: b, published: r.query.get('publish') === 'true', manifests });
      return json({ uid }, 201, true);
    }
    if ((m = /^\/v1\/clusterprofiles\/([0-9a-f]+)\/publish$/.exec(p)) && r.method === 'PATCH') {
      profile(m[1]).published = true;
      return done();
    }
    if ((m = /^\/v1\/clusterprofiles\/([0-9a-f]+)\/variables$/.exec(p)) && r.method === 'GET') return json({ variables: profile(m[1]).body.spec.variables ?? [] });
    if ((m = /^\/v1\/clusterprofiles\/([0-9a-f]+)\/packs\/([^/]+)\/manifests\/([0-9a-f]+)$/.exec(p)) && r.method === 'GET') {
      const x = profile(m[1]);
      const mf = (x.manifests.get(decodeURIComponent(m[2] as string)) ?? []).find((y) => y.uid === m?.[3]);
      if (!mf) throw new HttpError(404, 'ResourceNotFound', 'manifest not found');
      const data = { content: mf.content, digest: `sha-${mf.uid}` };
      return json({ metadata: { name: mf.name, uid: mf.uid }, spec: x.published ? { published: data } : { draft: data } });
    }
    if ((m = /^\/v1\/clusterprofiles\/([0-9a-f]+)$/.exec(p))) {
      const x = profile(m[1]);
      if (r.method === 'GET') {
        const t = this.template(x);
        return json({ metadata: { name: x.body.metadata.name, uid: x.uid, labels: x.body.metadata.labels, annotations: { description: x.body.metadata.description } }, spec: { version: x.body.spec.version, versions: [{ uid: x.uid, version: x.body.spec.version }], ...(x.published ? { published: t } : { draft: t }) }, status: { isPublished: x.published, inUseClusters: this.inUse(x) } });
      }
      if (r.method === 'DELETE') {
        if (this.inUse(x).length) throw new HttpError(409, 'ClusterProfileInUse', 'the profile is used by a cluster');
        s.profiles = s.profiles.filter((y) => y !== x);
        return done();
      }
    }
    if (r.method === 'POST' && p === '/v1/dashboard/spectroclusters/search') {
      const b = this.body(r) as { filter?: { filterGroups?: Array<{ filters?: Array<{ property?: string; condition?: { string?: { match?: { values?: string[] } } } }> }> } };
      const names = (b.filter?.filterGroups ?? []).flatMap((g) => g.filters ?? []).filter((f) => f.property === 'clusterName').flatMap((f) => f.condition?.string?.match?.values ?? []);
      const items = s.clusters.filter((c) => c.scope === scope && (names.length === 0 || names.includes(c.name))).map((c) => ({ metadata: { name: c.name, uid: c.uid }, specSummary: { cloudConfig: { cloudType: 'maas' } }, status: { state: 'Provisioning' } }));
      return json(this.page(items, r));
    }
    if (r.method === 'POST' && p === '/v1/spectroclusters/maas') {
      const b = this.body(r) as MaasClusterCreate;
      const errors = clusterSchema(b);
      if (errors.length) throw new HttpError(400, 'InvalidCluster', 'the cluster does not match the create schema', { errors });
      if (r.body.includes('${')) throw new HttpError(400, 'InvalidValue', 'the cluster body holds an unresolved placeholder');
      if (!s.accounts.some((a) => a.scope === scope && a.uid === b.spec.cloudAccountUid)) throw new HttpError(400, 'CloudAccountNotFound', `cloud account ${b.spec.cloudAccountUid} not found`);
      for (const cp of b.spec.profiles) {
        const x = profiles.find((y) => y.uid === cp.uid);
        if (!x) throw new HttpError(400, 'ClusterProfileNotFound', `cluster profile ${cp.uid} not found`);
        if (!x.published) throw new HttpError(400, 'ClusterProfileNotPublished', `cluster profile ${x.body.metadata.name} is not published`);
        for (const v of x.body.spec.variables ?? []) {
          const given = cp.variables.find((y) => y.name === v.name)?.value;
          if (v.required && (given === undefined || given === '') && (v.defaultValue ?? '') === '') throw new HttpError(400, 'VariableRequired', `variable ${v.name} of ${x.body.metadata.name} needs a value`);
        }
      }
      if (s.clusters.some((c) => c.scope === scope && c.name === b.metadata.name)) throw new HttpError(409, 'ClusterAlreadyExists', `cluster ${b.metadata.name} already exists`);
      const uid = this.uid();
      s.clusters.push({ uid, scope, name: b.metadata.name, configUid: this.uid(), accountUid: b.spec.cloudAccountUid, profileUids: b.spec.profiles.map((x) => x.uid), pools: b.spec.machinepoolconfig.map(flatPool), body: b });
      return json({ uid }, 201, true);
    }
    if ((m = /^\/v1\/spectroclusters\/([0-9a-f]+)$/.exec(p)) && r.method === 'GET') {
      const c = s.clusters.find((x) => x.scope === scope && x.uid === m?.[1]);
      if (!c) throw new HttpError(404, 'ResourceNotFound', 'cluster not found');
      return json({ metadata: { name: c.name, uid: c.uid }, spec: { cloudType: 'maas', cloudConfigRef: { kind: 'MaasCloudConfig', name: c.name, uid: c.configUid }, clusterProfileTemplates: c.profileUids.map((u) => ({ uid: u, name: s.profiles.find((x) => x.uid === u)?.body.metadata.name ?? '' })) }, status: { state: 'Provisioning' } });
    }
    if ((m = /^\/v1\/cloudconfigs\/maas\/([0-9a-f]+)(\/machinePools(?:\/([^/]+))?)?$/.exec(p))) {
      const c = s.clusters.find((x) => x.scope === scope && x.configUid === m?.[1]);
      if (!c) throw new HttpError(404, 'ResourceNotFound', 'cloud config not found');
      if (r.method === 'GET' && !m[2]) return json({ metadata: { uid: c.configUid }, spec: { cloudAccountRef: { uid: c.accountUid }, clusterConfig: { domain: c.body.spec.cloudConfig.domain }, machinePoolConfig: c.pools } });
      const pool = m[3] !== undefined ? decodeURIComponent(m[3]) : undefined;
      if (m[2] && (r.method === 'PUT' || r.method === 'POST')) {
        const b = this.body(r) as MaasMachinePool;
        if (typeof b?.poolConfig?.name !== 'string' || typeof b?.cloudConfig?.resourcePool !== 'string' || !b.cloudConfig.instanceType) throw new HttpError(400, 'InvalidMachinePool', 'poolConfig.name, cloudConfig.resourcePool and cloudConfig.instanceType are required');
        if (r.method === 'PUT') {
          const i = c.pools.findIndex((x) => x['name'] === pool);
          if (i < 0) throw new HttpError(404, 'ResourceNotFound', `machine pool ${pool ?? ''} not found`);
          c.pools[i] = flatPool(b);
          return done();
        }
        if (c.pools.some((x) => x['name'] === b.poolConfig.name)) throw new HttpError(409, 'MachinePoolAlreadyExists', 'machine pool exists');
        c.pools.push(flatPool(b));
        return json({ uid: this.uid() }, 201, true);
      }
    }
    throw new HttpError(404, 'ResourceNotFound', `no route ${r.method} ${p}`);
  }
}
