/**
 * The loopback HTTP server under the fake MAAS and Palette: listens on 127.0.0.1 (a free
 * port, or TLS with the test certificate), reads whole bodies, logs every call, and injects
 * faults by rule: 429 and 503 with Retry-After, 500s (before or after the server acted),
 * answers slower than the client's deadline, connections dropped mid-body or reset before
 * any answer, every Nth call or listed calls. `onHandled` runs after a call changed the
 * state and before its answer is written: the tests kill the CLI there, in the window where
 * the server did something the client never heard about.
 */
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly contentType: string;
  readonly body: string;
}

export interface FakeResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
  /** The call changed the server's state (a create, an update). */
  readonly changed?: boolean;
}

export type FaultKind = '429' | '503' | '500' | 'slow' | 'drop' | 'reset';

export interface FaultRule {
  readonly kind: FaultKind;
  /** Fault every Nth matching call (1 = every one). */
  readonly every?: number;
  /** Or exactly these matching calls (1-based). */
  readonly calls?: readonly number[];
  /** At most this many faults from this rule. */
  readonly times?: number;
  readonly match?: (r: FakeRequest) => boolean;
  /** Seconds, for 429 and 503. */
  readonly retryAfter?: number;
  /** For slow: how long the answer waits after the server acted. */
  readonly delayMs?: number;
  /** For 500: act on the request first, then fail (the client cannot know it happened). */
  readonly afterHandling?: boolean;
}

export interface CallLog {
  readonly n: number;
  readonly method: string;
  readonly path: string;
  readonly op?: string;
  readonly status: number;
  readonly fault?: FaultKind;
  readonly changed: boolean;
}

export interface ServerOptions {
  readonly tls?: { readonly key: string; readonly cert: string };
  /** Body of an injected error, in the API's own shape. */
  readonly errorBody: (status: number, text: string) => { contentType: string; body: string };
}

export class FakeServer {
  readonly calls: CallLog[] = [];
  faults: FaultRule[] = [];
  onHandled?: (n: number, r: FakeRequest, res: FakeResponse) => void;
  private readonly counters = new Map<FaultRule, { seen: number; fired: number }>();
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private n = 0;
  port = 0;

  constructor(
    private readonly handle: (r: FakeRequest) => FakeResponse,
    private readonly opts: ServerOptions,
  ) {}

  get url(): string {
    return `${this.opts.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const listener = (req: IncomingMessage, res: ServerResponse): void => void this.serve(req, res);
    this.server = this.opts.tls ? createHttps({ key: this.opts.tls.key, cert: this.opts.tls.cert }, listener) : createHttp(listener);
    this.server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    // TLS handshakes that fail (a client that does not trust us) are the client's to report.
    this.server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private fault(r: FakeRequest): FaultRule | undefined {
    for (const rule of this.faults) {
      if (rule.match && !rule.match(r)) continue;
      const c = this.counters.get(rule) ?? { seen: 0, fired: 0 };
      this.counters.set(rule, c);
      c.seen++;
      if (rule.times !== undefined && c.fired >= rule.times) continue;
      const hit = rule.calls ? rule.calls.includes(c.seen) : c.seen % (rule.every ?? 1) === 0;
      if (hit) {
        c.fired++;
        return rule;
      }
    }
    return undefined;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const r: FakeRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, contentType: String(req.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') };
    const n = ++this.n;
    const op = r.query.get('op') ?? new URLSearchParams(r.contentType.includes('urlencoded') ? r.body : '').get('op') ?? undefined;
    const log = (status: number, changed: boolean, fault?: FaultKind): void => {
      this.calls.push({ n, method: r.method, path: r.path, ...(op !== undefined ? { op } : {}), status, changed, ...(fault ? { fault } : {}) });
    };
    const f = this.fault(r);
    if (f?.kind === 'reset') {
      log(0, false, 'reset');
      req.socket.destroy();
      return;
    }
    if (f && (f.kind === '429' || f.kind === '503' || (f.kind === '500' && !f.afterHandling))) {
      const status = Number(f.kind);
      const e = this.opts.errorBody(status, status === 429 ? 'Too many requests' : status === 503 ? 'Service Unavailable: the region is busy' : 'Internal Server Error');
      log(status, false, f.kind);
      res.writeHead(status, { 'Content-Type': e.contentType, ...(f.retryAfter !== undefined ? { 'Retry-After': String(f.retryAfter) } : {}) });
      res.end(e.body);
      return;
    }
    let out: FakeResponse;
    try {
      out = this.handle(r);
    } catch (e) {
      out = { status: 500, body: `fake server bug: ${(e as Error).message}` };
    }
    if (out.changed) this.onHandled?.(n, r, out);
    if (f?.kind === '500') {
      const e = this.opts.errorBody(500, 'Internal Server Error');
      log(500, out.changed === true, '500');
      res.writeHead(500, { 'Content-Type': e.contentType });
      res.end(e.body);
      return;
    }
    const body = Buffer.from(out.body, 'utf8');
    const headers = { 'Content-Type': 'application/json', ...out.headers, 'Content-Length': String(body.length) };
    if (f?.kind === 'drop') {
      log(out.status, out.changed === true, 'drop');
      res.writeHead(out.status, headers);
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      setTimeout(() => req.socket.destroy(), 5);
      return;
    }
    if (f?.kind === 'slow') {
      log(out.status, out.changed === true, 'slow');
      await new Promise((resolve) => setTimeout(resolve, f.delayMs ?? 1000));
      if (!res.destroyed && !req.socket.destroyed) {
        res.writeHead(out.status, headers);
        res.end(body);
      }
      return;
    }
    log(out.status, out.changed === true);
    res.writeHead(out.status, headers);
    res.end(body);
  }
}
