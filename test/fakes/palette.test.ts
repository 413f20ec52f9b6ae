/**
 * The fake Palette is strict where Palette is (palette-api.md): no ApiKey, no answer (401);
 * an unknown project, 403; a limit past 50 or a forged continue token, 400; a body that is
 * not JSON or not the import entity, 400 in the V1Error shape; a cluster with a placeholder
 * left, an unpublished profile or a required variable without a value, 400; the same name
 * (and version) twice, 409.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PALETTE_KEY } from '../helpers/fakes.js';
import { ROOT } from '../helpers/site.js';
import { FakePalette } from './palette.js';

let fake: FakePalette;
beforeAll(async () => {
  fake = await new FakePalette({ key: PALETTE_KEY, projects: ['p1'] }).start();
  fake.addAccount('maas', 'p1');
});
afterAll(async () => fake.server.stop());

async function call(method: string, path: string, o: { body?: unknown; raw?: string; key?: string | null; project?: string } = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (o.key !== null) headers['ApiKey'] = o.key ?? PALETTE_KEY;
  headers['ProjectUid'] = o.project ?? 'p1';
  const body = o.raw ?? (o.body !== undefined ? JSON.stringify(o.body) : undefined);
  const r = await fetch(`${fake.endpoint}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await r.text();
  return { status: r.status, json: text ? (JSON.parse(text) as { code?: string; message?: string; uid?: string; details?: unknown; ref?: string }) : undefined };
}
const golden = (f: string): unknown => JSON.parse(readFileSync(join(ROOT, 'test', 'golden', 'export', 'minimal-5', 'palette', f), 'utf8'));

describe('the fake Palette', () => {
  it('refuses a missing key (401) and an unknown project (403) with a V1Error', async () => {
    const r = await call('GET', '/v1/cloudaccounts/maas', { key: null });
    expect(r.status).toBe(401);
    expect(Object.keys(r.json ?? {}).sort()).toEqual(['code', 'details', 'message', 'ref']);
    expect((await call('GET', '/v1/cloudaccounts/maas', { project: 'p2' })).status).toBe(403);
  });
  it('refuses a limit past 50 and a forged continue token', async () => {
    expect((await call('GET', '/v1/cloudaccounts/maas?limit=51')).status).toBe(400);
    expect((await call('GET', `/v1/cloudaccounts/maas?continue=${Buffer.from('nope').toString('base64')}`)).json?.code).toBe('InvalidParameter');
  });
  it('refuses a body that is not JSON, or not the import entity, and the same profile twice', async () => {
    expect((await call('POST', '/v1/clusterprofiles/import', { raw: '{not json' })).json?.code).toBe('InvalidJson');
    const bad = await call('POST', '/v1/clusterprofiles/import', { body: { metadata: { name: 'x' }, spec: { version: '1', template: { type: 'full', cloudType: 'maas', packs: [] } } } });
    expect(bad.status).toBe(400);
    expect(bad.json?.code).toBe('InvalidProfile');
    const body = golden('profile-infra.json');
    const ok = await call('POST', '/v1/clusterprofiles/import', { body });
    expect(ok.status).toBe(201);
    expect((await call('POST', '/v1/clusterprofiles/import', { body })).status).toBe(409);
  });
  it('refuses a cluster with a placeholder left, an unpublished profile, or a missing required variable', async () => {
    const cluster = golden('cluster.json') as { spec: { cloudAccountUid: string; profiles: Array<{ uid: string; variables: Array<{ name: string; value: string }> }> } };
    expect((await call('POST', '/v1/spectroclusters/maas', { body: cluster })).json?.code).toBe('InvalidValue');
    const infra = fake.state.profiles[0];
    const resolved = { ...cluster, spec: { ...cluster.spec, cloudAccountUid: fake.state.accounts[0]?.uid ?? '', profiles: [{ uid: infra?.uid ?? '', variables: [] }] } };
    expect((await call('POST', '/v1/spectroclusters/maas', { body: resolved })).json?.code).toBe('ClusterProfileNotPublished');
    await call('PATCH', `/v1/clusterprofiles/${infra?.uid ?? ''}/publish`);
    expect((await call('POST', '/v1/spectroclusters/maas', { body: resolved })).json?.message).toBe('variable flashArrayEndpoint of minimal-5-infra needs a value');
  });
});
