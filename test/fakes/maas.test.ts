/**
 * The fake MAAS is strict where MAAS is (maas-api.md), or the apply tests would prove less:
 * it refuses a missing or wrong OAuth header (401) and a bad timestamp (400), an unknown op
 * (400 "Unrecognised signature"), a JSON body (read as no fields: 400 field errors), edits of
 * a machine in a state that forbids them (409), duplicates and out-of-range values (400 JSON).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maasAuthorization, parseMaasKey } from '../../src/exporters/maas/client.js';
import { MAAS_KEY, startMaas } from '../helpers/fakes.js';
import type { FakeMaas } from './maas.js';

let fake: FakeMaas;
beforeAll(async () => {
  fake = await startMaas('minimal-5', { status: (h) => (h === 'worker-2' ? 'Deployed' : h === 'worker-3' ? 'Allocated' : 'Ready') });
});
afterAll(async () => fake.server.stop());

const key = (() => {
  const k = parseMaasKey(MAAS_KEY);
  if (!k.ok) throw new Error('bad test key');
  return k.key;
})();
const auth = (over: Partial<typeof key> = {}, ts: number | string = 1_700_000_000): string => maasAuthorization({ ...key, ...over }, 'nonce', ts as number);

async function call(method: string, path: string, o: { body?: string; type?: string; authorization?: string | null } = {}) {
  const headers: Record<string, string> = {};
  if (o.authorization !== null) headers['Authorization'] = o.authorization ?? auth();
  if (o.body !== undefined) headers['Content-Type'] = o.type ?? 'application/x-www-form-urlencoded';
  const r = await fetch(`${fake.endpoint}/api/2.0${path}`, { method, headers, ...(o.body !== undefined ? { body: o.body } : {}) });
  return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
}
const sid = (hostname: string): string => fake.state.machines.find((m) => m.hostname === hostname)?.systemId ?? '?';
const nic = (hostname: string, name: string): number => fake.state.machines.find((m) => m.hostname === hostname)?.interfaces.find((i) => i.name === name)?.id ?? -1;

describe('the fake MAAS', () => {
  it('answers version/ without a key, and nothing else', async () => {
    expect((await call('GET', '/version/', { authorization: null })).status).toBe(200);
    const r = await call('GET', '/machines/', { authorization: null });
    expect(r).toEqual({ status: 401, type: 'text/plain', text: 'Authorization Error: Invalid API key.' });
  });
  it('refuses a wrong signature, another token and a non-PLAINTEXT method with 401, a bad timestamp with 400', async () => {
    expect((await call('GET', '/machines/', { authorization: auth({ tokenSecret: 'x' }) })).status).toBe(401);
    expect((await call('GET', '/machines/', { authorization: auth({ tokenKey: 'other' }) })).status).toBe(401);
    expect((await call('GET', '/machines/', { authorization: auth().replace('PLAINTEXT', 'HMAC-SHA1') })).status).toBe(401);
    expect((await call('GET', '/machines/', { authorization: auth({}, 'soon') })).status).toBe(400);
    expect((await call('GET', '/machines/')).status).toBe(200);
  });
  it('refuses an unknown op as MAAS does', async () => {
    expect(await call('POST', '/maas/?op=frobnicate', { body: '' })).toEqual({ status: 400, type: 'text/plain', text: 'Unrecognised signature: method=POST op=frobnicate' });
  });
  it('reads a JSON body as no fields at all, and says which are required', async () => {
    const r = await call('POST', `/nodes/${sid('worker-1')}/interfaces/?op=create_bond`, { body: JSON.stringify({ name: 'bond0', parents: [1] }), type: 'application/json' });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text)).toEqual({ name: ['This field is required.'] });
  });
  it('refuses interface edits on a Deployed machine and storage layouts on an Allocated one with 409', async () => {
    const body = `name=bond0&parents=${nic('worker-2', 'enp1s0')}&parents=${nic('worker-2', 'enp2s0')}&bond_mode=802.3ad`;
    expect(await call('POST', `/nodes/${sid('worker-2')}/interfaces/?op=create_bond`, { body })).toEqual({ status: 409, type: 'text/plain', text: 'Cannot create bond interface because the machine is not New, Ready, Allocated, or Broken.' });
    expect(await call('POST', `/machines/${sid('worker-3')}/?op=set_storage_layout`, { body: 'storage_layout=flat' })).toEqual({ status: 409, type: 'text/plain', text: 'Cannot change the storage layout on a machine that is not Ready.' });
  });
  it('refuses duplicates, bad choices and values out of range with field errors', async () => {
    expect((await call('POST', '/resourcepools/', { body: 'name=pool-a' })).status).toBe(200);
    expect(JSON.parse((await call('POST', '/resourcepools/', { body: 'name=pool-a' })).text)).toEqual({ name: ['Resource pool with this Name already exists.'] });
    const w1 = sid('worker-1');
    const bad = await call('POST', `/nodes/${w1}/interfaces/?op=create_bond`, { body: `name=b9&parents=${nic('worker-1', 'enp1s0')}&bond_mode=fastest` });
    expect(JSON.parse(bad.text)).toEqual({ bond_mode: ['Select a valid choice. fastest is not one of the available choices.'] });
    const sub = await call('POST', '/subnets/', { body: 'cidr=10.99.0.0/24&gateway_ip=10.98.0.1' });
    expect(JSON.parse(sub.text)).toEqual({ gateway_ip: ['Gateway IP must be within CIDR range.'] });
    const fabric = JSON.parse((await call('POST', '/fabrics/', { body: 'name=fab-x' })).text) as { id: number; vlans: Array<{ vid: number }> };
    expect(fabric.vlans.map((v) => v.vid)).toEqual([0]);
    expect(JSON.parse((await call('POST', `/fabrics/${fabric.id}/vlans/`, { body: 'vid=5000' })).text)).toEqual({ vid: ['VID must be between 0 and 4094.'] });
    const bond = await call('POST', `/nodes/${w1}/interfaces/?op=create_bond`, { body: `name=b1&parents=${nic('worker-1', 'enp1s0')}&bond_mode=802.3ad` });
    expect(bond.status).toBe(200);
    const again = await call('POST', `/nodes/${w1}/interfaces/?op=create_bond`, { body: `name=b2&parents=${nic('worker-1', 'enp1s0')}&bond_mode=802.3ad` });
    expect(JSON.parse(again.text)).toEqual({ parents: ['Interfaces already in-use: enp1s0.'] });
  });
});
