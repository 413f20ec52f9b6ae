/**
 * What a call to MAAS or Palette came to, for the reconcilers: `ok` with the parsed answer,
 * `error` (the server refused: 4xx, with its message and, for MAAS 400s, the field errors),
 * `ambiguous` (a create that may have happened), or `fatal` (the run cannot go on: the key
 * was refused, the server is unreachable, or it kept failing past the retry bound). Every
 * message is scrubbed of secrets and cut to a readable length.
 */
import type { HttpResponse } from './http.js';
import type { CallResult } from './retry.js';
import type { Secrets } from './secrets.js';

export type Service = 'MAAS' | 'Palette';

export type ApiOutcome =
  | { readonly kind: 'ok'; readonly status: number; readonly json: unknown; readonly text: string }
  | {
      readonly kind: 'error';
      readonly status: number;
      readonly message: string;
      /** MAAS 400 form errors: field → messages (`__all__` for the object as a whole). */
      readonly fields?: Readonly<Record<string, readonly string[]>>;
      /** Palette V1Error code. */
      readonly code?: string;
    }
  | { readonly kind: 'ambiguous'; readonly message: string }
  /** The request failed unclearly, and the lookup found it done. */
  | { readonly kind: 'verified'; readonly message: string }
  | { readonly kind: 'fatal'; readonly message: string; readonly hint: string };

export type ApiRoot = { readonly ok: true; readonly root: URL } | { readonly ok: false; readonly message: string; readonly hint: string };

/**
 * `--endpoint` as an API root: an http(s) URL without credentials (the key has its own way
 * in), its path rewritten by `path` (trailing slashes dropped first), no query, no fragment.
 */
export function apiRoot(endpoint: string, o: { readonly example: string; readonly keyVar: string; readonly path: (p: string) => string }): ApiRoot {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { ok: false, message: `--endpoint ${JSON.stringify(endpoint)} is not a URL`, hint: `write the URL, such as ${o.example}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: `--endpoint must be http or https, not ${url.protocol.replace(':', '')}`, hint: `write the URL, such as ${o.example}` };
  if (url.username || url.password) return { ok: false, message: '--endpoint must not hold a user name or password', hint: `give the key in ${o.keyVar} or --api-key-file` };
  url.pathname = o.path(url.pathname.replace(/\/+$/, ''));
  url.search = '';
  url.hash = '';
  return { ok: true, root: url };
}

/** Server text shown to people: one line, secrets removed, at most this long (our choice). */
const MAX_MESSAGE = 400;

export function shortText(text: string, secrets: Secrets): string {
  const one = secrets.scrub(text).replace(/\s+/g, ' ').trim();
  return one.length > MAX_MESSAGE ? `${one.slice(0, MAX_MESSAGE)}…` : one;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `{"field": ["msg", …]}`, the shape of a MAAS 400 from a form (maas-api.md §1.5). */
function fieldErrors(json: unknown): Record<string, string[]> | undefined {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(json as Record<string, unknown>)) {
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = v as string[];
    else if (typeof v === 'string') out[k] = [v];
    else return undefined;
  }
  return Object.keys(out).length ? out : undefined;
}

function errorMessage(service: Service, r: HttpResponse, secrets: Secrets): { message: string; fields?: Record<string, string[]>; code?: string } {
  const json = parseJson(r.body);
  if (service === 'Palette' && json !== null && typeof json === 'object' && typeof (json as { message?: unknown }).message === 'string') {
    const e = json as { code?: unknown; message: string };
    return { message: shortText(e.message, secrets), ...(typeof e.code === 'string' ? { code: e.code } : {}) };
  }
  const fields = service === 'MAAS' ? fieldErrors(json) : undefined;
  if (fields) {
    const text = Object.entries(fields)
      .map(([k, v]) => (k === '__all__' ? v.join(' ') : `${k}: ${v.join(' ')}`))
      .join('; ');
    return { message: shortText(text, secrets), fields };
  }
  return { message: shortText(r.body || r.statusText || `HTTP ${r.status}`, secrets) };
}

/** Turn the result of a call into what the reconciler acts on. `what` names the call for messages. */
export function outcomeOf(service: Service, root: string, what: string, call: CallResult, secrets: Secrets, keyHint: string): ApiOutcome {
  const resume = 'run the same command again: apply resumes from its journal and finds what was already done by name';
  switch (call.kind) {
    case 'unreachable': {
      const f = call.failure;
      const hint =
        f.reason === 'tls'
          ? 'pass --ca-cert FILE with the certificate of the CA that signed the server\'s certificate (or, only on a network you trust, --insecure)'
          : f.reason === 'refused'
            ? `check --endpoint: is ${service} running there?${service === 'MAAS' ? ' MAAS listens on port 5240 (http://HOST:5240/MAAS)' : ''}`
            : 'check --endpoint and that this machine can reach it';
      return { kind: 'fatal', message: `cannot reach ${service} at ${root}: ${f.detail}`, hint };
    }
    case 'exhausted':
      return { kind: 'fatal', message: `${service} kept failing: ${what}: ${secrets.scrub(call.last)}, ${call.attempts} attempt${call.attempts === 1 ? '' : 's'}`, hint: `${service} may be overloaded or restarting; ${resume}` };
    case 'ambiguous':
      return { kind: 'ambiguous', message: secrets.scrub(call.last) };
    case 'verified':
      return { kind: 'verified', message: secrets.scrub(call.last) };
    case 'response': {
      const r = call.response;
      if (r.status >= 200 && r.status < 300) return { kind: 'ok', status: r.status, json: r.body === '' ? undefined : parseJson(r.body), text: r.body };
      const e = errorMessage(service, r, secrets);
      if (r.status === 401) return { kind: 'fatal', message: `${service} refused the API key (401${e.message ? `: ${e.message}` : ''})`, hint: keyHint };
      if (r.status === 403) return { kind: 'fatal', message: `${service} does not allow this key to ${what} (403${e.message ? `: ${e.message}` : ''})`, hint: service === 'MAAS' ? 'the key must belong to a MAAS administrator: creating bonds, bridges and VLAN interfaces and setting storage layouts are admin operations (maas-api.md §3)' : 'check that the key\'s user has the right role in the project (--project-uid)' };
      return { kind: 'error', status: r.status, ...e };
    }
  }
}
