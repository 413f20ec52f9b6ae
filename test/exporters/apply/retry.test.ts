/**
 * Retries: 429 and 503 wait for Retry-After (seconds or a date) and are retried for every
 * method; other 5xx, resets and timeouts are retried only for requests safe to repeat (the
 * others come back `ambiguous`, to be looked up); refused connections and TLS failures are
 * not retried; the bound holds; the jitter is the seed's, never Math.random's.
 */
import { describe, expect, it } from 'vitest';
import type { HttpFailure, HttpRequest, HttpResult } from '../../../src/exporters/apply/http.js';
import { makeCaller, retryAfterMs, type RetryPolicy } from '../../../src/exporters/apply/retry.js';

const POLICY: RetryPolicy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 30_000 };
const req = (method: HttpRequest['method'] = 'GET'): HttpRequest => ({ method, url: new URL('http://maas/MAAS/api/2.0/subnets/?op=x'), headers: {} });
const response = (status: number, headers: Record<string, string> = {}): HttpResult => ({ kind: 'response', status, statusText: status === 503 ? 'Service Unavailable' : 'X', headers, body: '' });
const failure = (reason: HttpFailure['reason'], maybeSent: boolean): HttpResult => ({ kind: 'failure', reason, code: 'E', detail: reason, maybeSent });

function scripted(answers: HttpResult[], o: Partial<RetryPolicy> = {}, seed = 7) {
  const sleeps: number[] = [];
  let sent = 0;
  const caller = makeCaller({
    send: async () => answers[Math.min(sent++, answers.length - 1)] as HttpResult,
    policy: { ...POLICY, ...o },
    seed,
    sleep: async (ms) => void sleeps.push(ms),
    now: () => Date.parse('2026-01-01T00:00:00Z'),
  });
  return { caller, sleeps, sent: () => sent };
}

describe('retries', () => {
  it('waits at least Retry-After on a 429 or 503, for a POST too, then returns the answer', async () => {
    const s = scripted([response(429, { 'retry-after': '2' }), response(503, { 'retry-after': '1' }), response(201)]);
    const r = await s.caller(() => req('POST'), false);
    expect(r.kind === 'response' && r.response.status).toBe(201);
    expect(s.sleeps).toHaveLength(2);
    expect(s.sleeps[0]).toBeGreaterThanOrEqual(2000);
    expect(s.sleeps[0]).toBeLessThanOrEqual(2200);
    expect(s.sleeps[1]).toBeGreaterThanOrEqual(1000);
  });
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('10', now)).toBe(10_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
  it('gives up at once when Retry-After is longer than it waits, saying so', async () => {
    const s = scripted([response(503, { 'retry-after': '600' })]);
    const r = await s.caller(() => req(), true);
    expect(r).toEqual({ kind: 'exhausted', last: '503 Service Unavailable with Retry-After 600 s, longer than the 30 s apply waits', attempts: 1, status: 503 });
    expect(s.sent()).toBe(1);
  });
  it('retries a 500 and a dropped connection for a safe request, with a doubling, jittered backoff', async () => {
    const s = scripted([response(500), failure('reset', true), failure('timeout', true), response(200)]);
    const r = await s.caller(() => req('PUT'), true);
    expect(r.kind).toBe('response');
    expect(s.sleeps).toHaveLength(3);
    s.sleeps.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(50 * 2 ** i);
      expect(ms).toBeLessThanOrEqual(100 * 2 ** i);
    });
  });
  it('hands an unsafe request that may have reached the server back as ambiguous, without sending it again', async () => {
    for (const a of [response(500), response(502), failure('reset', true), failure('timeout', true)]) {
      const s = scripted([a, response(200)]);
      const r = await s.caller(() => req('POST'), false);
      expect(r.kind).toBe('ambiguous');
      expect(s.sent()).toBe(1);
    }
  });
  it('asks verify before sending an unsafe request again: done means verified, not done means another attempt after the backoff', async () => {
    const found = scripted([response(500), response(201)]);
    const yes = await found.caller(() => req('POST'), false, async () => true);
    expect(yes).toEqual({ kind: 'verified', last: '500 X', attempts: 1 });
    expect(found.sent()).toBe(1);
    const missing = scripted([failure('reset', true), response(201)]);
    let asked = 0;
    const no = await missing.caller(() => req('POST'), false, async () => (asked++, false));
    expect(no.kind === 'response' && no.response.status).toBe(201);
    expect(asked).toBe(1);
    expect(missing.sleeps).toHaveLength(1);
  });
  it('does not retry what never reached the server (refused, TLS)', async () => {
    for (const reason of ['refused', 'tls', 'dns'] as const) {
      const s = scripted([failure(reason, false), response(200)]);
      const r = await s.caller(() => req(), true);
      expect(r.kind).toBe('unreachable');
      expect(s.sent()).toBe(1);
      expect(s.sleeps).toEqual([]);
    }
  });
  it('stops at the bound and says what kept failing', async () => {
    const s = scripted([response(503)]);
    const r = await s.caller(() => req(), true);
    expect(r).toEqual({ kind: 'exhausted', last: '503 Service Unavailable', attempts: 4, status: 503 });
    expect(s.sent()).toBe(4);
    expect(s.sleeps).toHaveLength(3);
  });
  it('draws the same jitter from the same seed, and other jitter from another', async () => {
    const a = scripted([response(503)], {}, 1);
    const b = scripted([response(503)], {}, 1);
    const c = scripted([response(503)], {}, 2);
    await a.caller(() => req(), true);
    await b.caller(() => req(), true);
    await c.caller(() => req(), true);
    expect(a.sleeps).toEqual(b.sleeps);
    expect(a.sleeps).not.toEqual(c.sleeps);
  });
  it('builds the request again for every attempt (a fresh OAuth nonce each time)', async () => {
    let builds = 0;
    const s = scripted([response(503), response(200)]);
    await s.caller(() => {
      builds++;
      return req();
    }, true);
    expect(builds).toBe(2);
  });
});
