/**
 * The transport against loopback servers: one deadline covers the whole answer, a body cut
 * off mid-way is a dropped connection (never a short answer), a refused connection is
 * reported as never sent, TLS is verified by default and against --ca-cert.
 */
import { createServer, type Server } from 'node:http';
import { createServer as createTls } from 'node:https';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpTransport, type HttpResult } from '../../../src/exporters/apply/http.js';
import { tls, TLS_DIR } from '../../helpers/fakes.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections?.();
    await new Promise<void>((r) => s.close(() => r()));
  }
});
async function serve(handler: Parameters<typeof createServer>[1], secure = false): Promise<string> {
  const s = secure ? createTls(tls(), handler) : createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `${secure ? 'https' : 'http'}://127.0.0.1:${(s.address() as AddressInfo).port}/`;
}
const transport = (o: { timeoutMs?: number; ca?: string; insecure?: boolean } = {}) =>
  new HttpTransport({ tls: { ...(o.ca !== undefined ? { ca: o.ca } : {}), ...(o.insecure ? { insecure: true } : {}) }, timeoutMs: o.timeoutMs ?? 2000, maxSockets: 2, userAgent: 'vmo-twin-test' });
const get = (t: HttpTransport, url: string): Promise<HttpResult> => t.send({ method: 'GET', url: new URL(url), headers: {} });

describe('the HTTP transport', () => {
  it('returns status, headers and the whole body', async () => {
    const url = await serve((_q, s) => {
      s.writeHead(200, { 'Content-Type': 'application/json', 'X-Test': 'yes' });
      s.end('{"a":1}');
    });
    const t = transport();
    const r = await get(t, url);
    t.close();
    expect(r).toMatchObject({ kind: 'response', status: 200, body: '{"a":1}' });
    expect(r.kind === 'response' && r.headers['x-test']).toBe('yes');
  });
  it('fails an answer that does not complete within the deadline, even when the headers came in time', async () => {
    const url = await serve((_q, s) => {
      s.writeHead(200, { 'Content-Length': '10' });
      s.write('12345');
    });
    const t = transport({ timeoutMs: 150 });
    const t0 = Date.now();
    const r = await get(t, url);
    t.close();
    expect(r).toMatchObject({ kind: 'failure', reason: 'timeout', maybeSent: true, detail: 'no complete answer within 150 ms' });
    expect(Date.now() - t0).toBeLessThan(1500);
  });
  it('reports a body cut off mid-way as a dropped connection', async () => {
    const url = await serve((q, s) => {
      s.writeHead(200, { 'Content-Length': '100' });
      s.write('{"partial":');
      setTimeout(() => q.socket.destroy(), 10);
    });
    const t = transport();
    const r = await get(t, url);
    t.close();
    expect(r).toMatchObject({ kind: 'failure', reason: 'reset', maybeSent: true, detail: 'the connection closed before the whole answer arrived' });
  });
  it('reports a refused connection as never sent', async () => {
    const t = transport();
    const r = await get(t, 'http://127.0.0.1:1/');
    t.close();
    expect(r).toMatchObject({ kind: 'failure', reason: 'refused', code: 'ECONNREFUSED', maybeSent: false });
  });
  it('verifies TLS by default, trusts a given CA, and skips the check only when told', async () => {
    const url = await serve((_q, s) => s.end('ok'), true);
    const strict = transport();
    expect(await get(strict, url)).toMatchObject({ kind: 'failure', reason: 'tls', code: 'DEPTH_ZERO_SELF_SIGNED_CERT', maybeSent: false });
    strict.close();
    const withCa = transport({ ca: readFileSync(join(TLS_DIR, 'server-cert.pem'), 'utf8') });
    expect(await get(withCa, url)).toMatchObject({ kind: 'response', status: 200, body: 'ok' });
    withCa.close();
    const wrongCa = transport({ ca: readFileSync(join(TLS_DIR, 'other-cert.pem'), 'utf8') });
    expect(await get(wrongCa, url)).toMatchObject({ kind: 'failure', reason: 'tls' });
    wrongCa.close();
    const insecure = transport({ insecure: true });
    expect(await get(insecure, url)).toMatchObject({ kind: 'response', status: 200 });
    insecure.close();
  });
});
