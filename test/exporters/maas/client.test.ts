/**
 * The MAAS client: the three-part key (refused without echoing it), the OAuth 1.0a PLAINTEXT
 * header MAAS checks (maas-api.md §1.2), the API root from what people type, and requests
 * as MAAS expects them (op= in the query, form-encoded bodies, repeated keys for lists).
 */
import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../../src/exporters/apply/http.js';
import { makeCaller } from '../../../src/exporters/apply/retry.js';
import { Secrets } from '../../../src/exporters/apply/secrets.js';
import { MaasClient, maasApiRoot, maasAuthorization, oauthEncode, parseMaasKey } from '../../../src/exporters/maas/client.js';

describe('the MAAS API key', () => {
  it('has three parts: consumer key, token key, token secret', () => {
    expect(parseMaasKey(' ck:tk:ts\n')).toEqual({ ok: true, key: { consumerKey: 'ck', tokenKey: 'tk', tokenSecret: 'ts' } });
  });
  it('is refused in any other shape, without the key in the message', () => {
    for (const bad of ['onlyone', 'ab:cd', 'ab:cd:ef:gh', 'ab::cd', 'ab:c d:ef']) {
      const r = parseMaasKey(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) for (const part of bad.split(/[: ]/).filter((p) => p.length > 1)) expect(r.message).not.toContain(part);
    }
  });
});

describe('the OAuth header', () => {
  it('signs PLAINTEXT with "&" and the token secret, percent-encoded, with every parameter MAAS requires', () => {
    const h = maasAuthorization({ consumerKey: 'CK', tokenKey: 'TK', tokenSecret: 's3cr+t' }, 'n0nce', 1_700_000_000);
    expect(h.startsWith('OAuth ')).toBe(true);
    const params = Object.fromEntries([...h.matchAll(/([a-z_]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    expect(params).toEqual({ realm: 'OAuth', oauth_version: '1.0', oauth_signature_method: 'PLAINTEXT', oauth_consumer_key: 'CK', oauth_token: 'TK', oauth_signature: '%26s3cr%2Bt', oauth_nonce: 'n0nce', oauth_timestamp: '1700000000' });
  });
  it('percent-encodes as RFC 5849 does (unreserved characters only stay)', () => {
    expect(oauthEncode("a-b._~ !*'()")).toBe('a-b._~%20%21%2A%27%28%29');
  });
});

describe('the MAAS API root', () => {
  it('is …/MAAS/api/2.0/ whatever people type', () => {
    for (const e of ['http://maas:5240/MAAS', 'http://maas:5240/MAAS/', 'http://maas:5240/MAAS/api/2.0', 'http://maas:5240/MAAS/api/2.0/', 'http://maas:5240']) {
      const r = maasApiRoot(e);
      expect(r.ok && r.root.toString()).toBe('http://maas:5240/MAAS/api/2.0/');
    }
  });
  it('refuses what is not an http(s) URL, or one holding credentials', () => {
    expect(maasApiRoot('maas:5240').ok).toBe(false);
    expect(maasApiRoot('ftp://maas/MAAS').ok).toBe(false);
    const creds = maasApiRoot('http://admin:hunter22@maas:5240/MAAS');
    expect(creds.ok).toBe(false);
    if (!creds.ok) expect(creds.message).not.toContain('hunter22');
  });
});

describe('MAAS requests', () => {
  it('put op= in the query, form-encode the body, repeat list keys, and sign each attempt anew', async () => {
    const sent: HttpRequest[] = [];
    const caller = makeCaller({
      send: async (r) => {
        sent.push(r);
        return { kind: 'response', status: sent.length === 1 ? 503 : 200, statusText: '', headers: {}, body: '{"id": 5}' };
      },
      policy: { attempts: 2, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 },
      seed: 1,
      sleep: async () => undefined,
    });
    const client = new MaasClient(new URL('http://maas:5240/MAAS/api/2.0/'), { consumerKey: 'CK', tokenKey: 'TK', tokenSecret: 'TS' }, caller, new Secrets());
    const out = await client.request('POST', '/nodes/abc/interfaces/', [['name', 'bond0'], ['parents', '1'], ['parents', '2']], 'create_bond', { safe: true });
    expect(out).toEqual({ kind: 'ok', status: 200, json: { id: 5 }, text: '{"id": 5}' });
    const [first, second] = sent;
    expect(first?.url.toString()).toBe('http://maas:5240/MAAS/api/2.0/nodes/abc/interfaces/?op=create_bond');
    expect(first?.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(first?.body).toBe('name=bond0&parents=1&parents=2');
    expect(first?.headers['Authorization']).not.toBe(second?.headers['Authorization']);
    await client.request('GET', '/machines/', [['hostname', 'w-1'], ['hostname', 'w-2']]);
    expect(sent[2]?.url.search).toBe('?hostname=w-1&hostname=w-2');
    expect(sent[2]?.body).toBeUndefined();
  });
});
