/**
 * One HTTP exchange with a deadline, over node:http / node:https.
 *
 * Why node:http and not undici: it is in Node itself (no dependency to audit), and it gives
 * what apply needs directly: a CA bundle and certificate checking per agent (`--ca-cert`,
 * `--insecure`; Node 20's global fetch cannot take a CA without importing undici's Agent),
 * one deadline that covers connecting, the headers and the whole body, and a clear signal
 * when a connection drops mid-body (`res.complete` stays false).
 *
 * Nothing here retries: it says what happened (`response`, or a `failure` with a reason and
 * whether the request may have reached the server), and `retry.ts` decides.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  readonly method: Method;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpResponse {
  readonly kind: 'response';
  readonly status: number;
  readonly statusText: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * Why an exchange failed: `refused`, `dns`, `unreachable` and `tls` happen before the server
 * sees the request; `timeout` and `reset` may happen after it acted on it.
 */
export type FailureReason = 'timeout' | 'reset' | 'refused' | 'dns' | 'unreachable' | 'tls' | 'too-large' | 'other';

export interface HttpFailure {
  readonly kind: 'failure';
  readonly reason: FailureReason;
  /** The system or TLS error code (ECONNRESET, DEPTH_ZERO_SELF_SIGNED_CERT, …). */
  readonly code: string;
  /** What happened, for people: never contains a header or a body. */
  readonly detail: string;
  /** The server may have received (and acted on) the request. */
  readonly maybeSent: boolean;
}

export type HttpResult = HttpResponse | HttpFailure;

export interface TlsOptions {
  /** PEM text of the CA certificates to trust instead of Node's bundle (`--ca-cert`). */
  readonly ca?: string;
  /** Skip certificate verification (`--insecure`). */
  readonly insecure?: boolean;
}

export interface TransportOptions {
  readonly tls: TlsOptions;
  /** Deadline of one exchange: connect, send, headers and the whole body. */
  readonly timeoutMs: number;
  /** Parallel connections per host. */
  readonly maxSockets: number;
  readonly userAgent: string;
}

/**
 * Our choice: the largest answer apply reads is a MAAS machine list (a few MB for 128
 * machines with their interfaces and disks); anything past 256 MiB is not an API answer.
 */
export const MAX_BODY_BYTES = 256 * 1024 * 1024;

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

function classify(e: NodeJS.ErrnoException): HttpFailure {
  const code = e.code ?? 'ERROR';
  const f = (reason: FailureReason, detail: string, maybeSent: boolean): HttpFailure => ({ kind: 'failure', reason, code, detail, maybeSent });
  if (code === 'ECONNREFUSED') return f('refused', 'connection refused (nothing listens at that address and port)', false);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return f('dns', 'the host name does not resolve', false);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') return f('unreachable', 'no route to the host', false);
  if (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')) {
    const why =
      code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN'
        ? 'the server\'s certificate is self-signed and not trusted'
        : code === 'ERR_TLS_CERT_ALTNAME_INVALID'
          ? 'the server\'s certificate is for another host name'
          : code === 'CERT_HAS_EXPIRED'
            ? 'the server\'s certificate has expired'
            : code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER'
              ? 'the TLS handshake failed (is the endpoint plain http?)'
              : 'the server\'s certificate is not trusted';
    return f('tls', `${why} (${code})`, false);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') return f('reset', `the connection was dropped (${code})`, true);
  return f('other', `${e.message.replace(/\s+/g, ' ').slice(0, 200)} (${code})`, true);
}

export class HttpTransport {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(private readonly opts: TransportOptions) {
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets: opts.maxSockets });
    this.httpsAgent = new https.Agent({
      keepAlive: true,
      maxSockets: opts.maxSockets,
      ...(opts.tls.ca !== undefined ? { ca: opts.tls.ca } : {}),
      rejectUnauthorized: opts.tls.insecure !== true,
    });
  }

  get timeoutMs(): number {
    return this.opts.timeoutMs;
  }

  send(r: HttpRequest): Promise<HttpResult> {
    return new Promise<HttpResult>((resolve) => {
      let settled = false;
      const tls = r.url.protocol === 'https:';
      const headers: Record<string, string> = { 'User-Agent': this.opts.userAgent, Accept: 'application/json', ...r.headers };
      if (r.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(r.body));
      let req: http.ClientRequest;
      const finish = (result: HttpResult): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
        if (result.kind === 'failure') req.destroy();
      };
      const timer = setTimeout(() => {
        finish({ kind: 'failure', reason: 'timeout', code: 'ETIMEDOUT', detail: `no complete answer within ${this.opts.timeoutMs} ms`, maybeSent: true });
      }, this.opts.timeoutMs);
      try {
        req = (tls ? https : http).request(r.url, { method: r.method, headers, agent: tls ? this.httpsAgent : this.httpAgent }, (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > MAX_BODY_BYTES) finish({ kind: 'failure', reason: 'too-large', code: 'EMSGSIZE', detail: `the answer is larger than ${MAX_BODY_BYTES} bytes`, maybeSent: true });
            else chunks.push(c);
          });
          // After the headers, any error means the body was cut off.
          res.on('error', (e: NodeJS.ErrnoException) => finish({ kind: 'failure', reason: 'reset', code: e.code ?? 'ECONNRESET', detail: 'the connection closed before the whole answer arrived', maybeSent: true }));
          const done = (): void => {
            if (!res.complete) {
              finish({ kind: 'failure', reason: 'reset', code: 'ECONNRESET', detail: 'the connection closed before the whole answer arrived', maybeSent: true });
              return;
            }
            finish({ kind: 'response', status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
          };
          res.on('end', done);
          res.on('close', done);
        });
      } catch (e) {
        // A URL or header Node refuses before sending (e.g. a control character).
        clearTimeout(timer);
        settled = true;
        resolve({ kind: 'failure', reason: 'other', code: (e as NodeJS.ErrnoException).code ?? 'EINVAL', detail: (e as Error).message.slice(0, 200), maybeSent: false });
        return;
      }
      req.on('error', (e: NodeJS.ErrnoException) => finish(classify(e)));
      if (r.body !== undefined) req.write(r.body);
      req.end();
    });
  }

  /** Close idle keep-alive connections, so the process can exit. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
