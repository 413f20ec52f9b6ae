/**
 * A Palette API client (palette-api.md §1): the `ApiKey` header, the `ProjectUid` header for
 * project scope, JSON bodies, and list pagination: `limit` (50 at most) and the `continue`
 * token of `listmeta`, repeated until it comes back empty.
 */
import { apiRoot, outcomeOf, type ApiOutcome, type ApiRoot } from '../apply/api.js';
import type { HttpRequest, Method } from '../apply/http.js';
import type { Caller } from '../apply/retry.js';
import type { Secrets } from '../apply/secrets.js';

/** palette-api.md §1 Pagination: the default and the maximum page size. */
export const PALETTE_PAGE_SIZE = 50;
/** Our choice: more pages than any tenant has profiles or clusters (50 × 2000); a loop past it is a server bug. */
const MAX_PAGES = 2000;

export const PALETTE_KEY_HINT = 'set PALETTE_API_KEY (or --api-key-file FILE) to a Palette API key (your user → My API Keys); give --project-uid for a project';

/** The API root from `https://api.spectrocloud.com`, a self-hosted Palette URL, or either with `/v1`. */
export function paletteApiRoot(endpoint: string): ApiRoot {
  return apiRoot(endpoint, { example: 'https://api.spectrocloud.com', keyVar: 'PALETTE_API_KEY', path: (p) => `${p.replace(/\/v1$/, '')}/` });
}

export class PaletteClient {
  constructor(
    readonly root: URL,
    private readonly apiKey: string,
    private readonly projectUid: string | undefined,
    private readonly caller: Caller,
    private readonly secrets: Secrets,
  ) {}

  static label(method: Method, path: string): string {
    return `${method} ${path}`;
  }

  private build(method: Method, path: string, query: Readonly<Record<string, string>>, body: unknown): HttpRequest {
    const url = new URL(path.replace(/^\/+/, ''), this.root);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const headers: Record<string, string> = { ApiKey: this.apiKey };
    if (this.projectUid !== undefined) headers['ProjectUid'] = this.projectUid;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return { method, url, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) };
  }

  /** One call with retries; `safe` unless it creates something (POST) or `opts.safe` says otherwise. */
  async request(method: Method, path: string, opts: { query?: Readonly<Record<string, string>>; body?: unknown; safe?: boolean; verify?: () => Promise<boolean> } = {}): Promise<ApiOutcome> {
    const safe = opts.safe ?? method !== 'POST';
    const call = await this.caller(() => this.build(method, path, opts.query ?? {}, opts.body), safe, opts.verify);
    return outcomeOf('Palette', this.root.toString(), PaletteClient.label(method, path), call, this.secrets, PALETTE_KEY_HINT);
  }

  /** Every item of a paginated list (GET, or POST for the search endpoints, which only read). */
  async list(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ ok: true; items: unknown[]; pages: number } | { ok: false; outcome: ApiOutcome }> {
    const items: unknown[] = [];
    let token = '';
    const seen = new Set<string>();
    for (let page = 1; page <= MAX_PAGES; page++) {
      const query: Record<string, string> = { limit: String(PALETTE_PAGE_SIZE), ...(token ? { continue: token } : {}) };
      const out = await this.request(method, path, { query, ...(body !== undefined ? { body } : {}), safe: true });
      if (out.kind !== 'ok') return { ok: false, outcome: out };
      const json = out.json as { items?: unknown; listmeta?: { continue?: unknown } } | undefined;
      if (Array.isArray(json?.items)) items.push(...(json?.items as unknown[]));
      const next = typeof json?.listmeta?.continue === 'string' ? json.listmeta.continue : '';
      if (next === '') return { ok: true, items, pages: page };
      if (seen.has(next)) return { ok: false, outcome: { kind: 'fatal', message: `Palette returned the same continue token twice for ${method} ${path}`, hint: 'this is a server problem; run again later' } };
      seen.add(next);
      token = next;
    }
    return { ok: false, outcome: { kind: 'fatal', message: `Palette's ${method} ${path} did not end after ${MAX_PAGES} pages`, hint: 'this is a server problem; run again later' } };
  }
}
