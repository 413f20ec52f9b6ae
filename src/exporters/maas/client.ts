/**
 * A MAAS REST API 2.0 client: the API root from an endpoint, the three-part API key, the
 * OAuth 1.0a PLAINTEXT header, `op=` in the query string and form-encoded bodies, as MAAS's
 * own clients send them (maas-api.md §1).
 *
 * OAuth is written here rather than taken from `oauth-1.0a`: PLAINTEXT needs no signature
 * base string and no HMAC, only `&<token secret>` percent-encoded (RFC 5849 §3.4.4), a nonce
 * and a timestamp: a dozen lines that keep a dependency (and its handling of the secret) out.
 */
import { randomBytes } from 'node:crypto';
import { apiRoot, outcomeOf, type ApiOutcome, type ApiRoot } from '../apply/api.js';
import type { HttpRequest, Method } from '../apply/http.js';
import type { Caller } from '../apply/retry.js';
import type { Secrets } from '../apply/secrets.js';
import type { Param } from './plan.js';

export interface MaasKey {
  readonly consumerKey: string;
  readonly tokenKey: string;
  readonly tokenSecret: string;
}

/** `consumer_key:token_key:token_secret`, exactly three non-empty parts (maas-api.md §1.2). The key is never echoed. */
export function parseMaasKey(text: string): { ok: true; key: MaasKey } | { ok: false; message: string } {
  const parts = text.trim().split(':');
  if (parts.length !== 3) return { ok: false, message: `the MAAS API key has ${parts.length} part${parts.length === 1 ? '' : 's'} separated by ":"; it needs 3 (consumer key, token key, token secret)` };
  if (parts.some((p) => p === '' || /\s/.test(p))) return { ok: false, message: 'a part of the MAAS API key is empty or holds white space' };
  const [consumerKey, tokenKey, tokenSecret] = parts as [string, string, string];
  return { ok: true, key: { consumerKey, tokenKey, tokenSecret } };
}

/** RFC 5849 §3.6 percent-encoding: unreserved characters stay, everything else is %XX. */
export function oauthEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The Authorization header of one request (a fresh nonce and timestamp each time). */
export function maasAuthorization(key: MaasKey, nonce: string, timestamp: number): string {
  const params: Array<readonly [string, string]> = [
    ['oauth_version', '1.0'],
    ['oauth_signature_method', 'PLAINTEXT'],
    ['oauth_consumer_key', key.consumerKey],
    ['oauth_token', key.tokenKey],
    // PLAINTEXT: consumer secret (always empty for MAAS) & token secret.
    ['oauth_signature', `&${key.tokenSecret}`],
    ['oauth_nonce', nonce],
    ['oauth_timestamp', String(timestamp)],
  ];
  return `OAuth realm="OAuth", ${params.map(([k, v]) => `${k}="${oauthEncode(v)}"`).join(', ')}`;
}

/**
 * The API root from what people type: `http://host:5240/MAAS`, `http://host:5240/MAAS/`,
 * `…/MAAS/api/2.0/`, or a bare `http://host:5240` (MAAS always serves under /MAAS).
 */
export function maasApiRoot(endpoint: string): ApiRoot {
  return apiRoot(endpoint, { example: 'http://maas.example.com:5240/MAAS', keyVar: 'MAAS_API_KEY', path: (p) => `${p.replace(/\/api\/2\.0$/, '') || '/MAAS'}/api/2.0/` });
}

export const MAAS_KEY_HINT = 'set MAAS_API_KEY (or --api-key-file FILE) to the key of a MAAS administrator: consumer_key:token_key:token_secret, from the MAAS UI (your user → API keys) or `maas apikey --username NAME`';

/**
 * `GET version/`, which needs no key (maas-api.md §1.1): is MAAS there, and which version.
 * Apply and import ask it first, so an endpoint that is wrong or down is said before anything
 * else, and without needing the key.
 */
export async function probeMaas(root: URL, caller: Caller, secrets: Secrets): Promise<{ ok: true; version: string } | { ok: false; message: string; hint: string }> {
  const url = new URL('version/', root);
  const call = await caller(() => ({ method: 'GET', url, headers: {} }), true);
  const out = outcomeOf('MAAS', root.toString(), 'GET /version/', call, secrets, MAAS_KEY_HINT);
  if (out.kind === 'fatal') return { ok: false, message: out.message, hint: out.hint };
  const v = out.kind === 'ok' && out.json !== null && typeof out.json === 'object' ? (out.json as Record<string, unknown>)['version'] : undefined;
  if (typeof v !== 'string') {
    const what = out.kind === 'error' ? `answers ${out.status} to GET version/` : out.kind === 'ok' ? 'answers GET version/ without a MAAS version' : 'did not answer GET version/';
    return { ok: false, message: `${root.toString()} is not a MAAS API: it ${what}`, hint: 'check --endpoint: the MAAS URL, such as http://HOST:5240/MAAS' };
  }
  return { ok: true, version: v };
}

export class MaasClient {
  constructor(
    readonly root: URL,
    private readonly key: MaasKey,
    private readonly caller: Caller,
    private readonly secrets: Secrets,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  /** `POST /nodes/abc/interfaces/?op=create_bond`: a call as journals and messages name it. */
  static label(method: Method, path: string, op?: string, params: readonly Param[] = []): string {
    const q = method === 'GET' && params.length ? `?${new URLSearchParams(params.map(([k, v]): [string, string] => [k, v])).toString()}` : '';
    return `${method} ${path}${op !== undefined ? `?op=${op}` : q}`;
  }

  private build(method: Method, path: string, params: readonly Param[], op: string | undefined, authenticated: boolean): HttpRequest {
    const url = new URL(path.replace(/^\/+/, ''), this.root);
    const query = new URLSearchParams();
    if (op !== undefined) query.append('op', op);
    const form = new URLSearchParams();
    for (const [k, v] of params) (method === 'GET' || method === 'DELETE' ? query : form).append(k, v);
    url.search = query.toString();
    const headers: Record<string, string> = {};
    if (authenticated) headers['Authorization'] = maasAuthorization(this.key, randomBytes(16).toString('hex'), Math.floor(this.clock() / 1000));
    const hasBody = method === 'POST' || method === 'PUT';
    if (hasBody) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    return { method, url, headers, ...(hasBody ? { body: form.toString() } : {}) };
  }

  /**
   * One API call with retries. `safe`: may be sent again after a failure that may have reached
   * MAAS; otherwise `verify` (a lookup by natural key) decides whether it must be sent again.
   */
  async request(method: Method, path: string, params: readonly Param[] = [], op?: string, opts: { safe?: boolean; authenticated?: boolean; verify?: () => Promise<boolean> } = {}): Promise<ApiOutcome> {
    const safe = opts.safe ?? method !== 'POST';
    const call = await this.caller(() => this.build(method, path, params, op, opts.authenticated !== false), safe, opts.verify);
    return outcomeOf('MAAS', this.root.toString(), MaasClient.label(method, path, op), call, this.secrets, MAAS_KEY_HINT);
  }
}
