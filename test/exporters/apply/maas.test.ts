/**
 * The MAAS reconciler in-process against the fake MAAS, through the real transport: each
 * fault kind is survived when it passes (the end state is a clean apply's, nothing created
 * twice, creates that may have happened confirmed by lookup), and the dry run reads only.
 * (The CLI-level tests kill the process and check the exit statuses; these are the fast
 * matrix.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpTransport } from '../../../src/exporters/apply/http.js';
import { applyMaasPlan } from '../../../src/exporters/apply/maas.js';
import { siteLocator } from '../../../src/exporters/apply/paths.js';
import { countStatuses, type RunResult } from '../../../src/exporters/apply/result.js';
import { makeCaller } from '../../../src/exporters/apply/retry.js';
import { Secrets } from '../../../src/exporters/apply/secrets.js';
import { buildMaasPlan } from '../../../src/exporters/maas/build.js';
import { MaasClient, parseMaasKey } from '../../../src/exporters/maas/client.js';
import type { MaasPlan } from '../../../src/exporters/maas/plan.js';
import type { FakeMaas } from '../../fakes/maas.js';
import type { FakeRequest, FaultRule } from '../../fakes/server.js';
import { canonicalMaas, MAAS_KEY, startMaas } from '../../helpers/fakes.js';
import { twinOf } from '../../helpers/site.js';

const SITE = 'minimal-5';
const plan: MaasPlan = buildMaasPlan(twinOf(SITE));
let reference = '';
const transports: HttpTransport[] = [];
const fakes: FakeMaas[] = [];
afterEach(async () => {
  for (const t of transports.splice(0)) t.close();
  while (fakes.length) await fakes.pop()?.server.stop();
});

async function run(faults: FaultRule[], o: { timeoutMs?: number; mode?: 'dry-run' | 'apply' } = {}): Promise<{ fake: FakeMaas; result: RunResult; retries: string[] }> {
  const fake = await startMaas(SITE);
  fakes.push(fake);
  fake.server.faults = faults;
  const key = parseMaasKey(MAAS_KEY);
  if (!key.ok) throw new Error('bad key');
  const transport = new HttpTransport({ tls: {}, timeoutMs: o.timeoutMs ?? 2000, maxSockets: 4, userAgent: 't' });
  transports.push(transport);
  const retries: string[] = [];
  const caller = makeCaller({ send: (r) => transport.send(r), policy: { attempts: 5, baseDelayMs: 2, maxDelayMs: 20, maxRetryAfterMs: 5000 }, seed: 3, onRetry: (n) => retries.push(n.reason) });
  const client = new MaasClient(new URL(`${fake.endpoint}/api/2.0/`), key.key, caller, new Secrets());
  const result = await applyMaasPlan(plan, client, { mode: o.mode ?? 'apply', prune: false, parallel: 1, locate: siteLocator(undefined) });
  return { fake, result, retries };
}

beforeAll(async () => {
  const r = await run([]);
  expect(r.result.fatal).toBeUndefined();
  reference = JSON.stringify(canonicalMaas(r.fake.state), null, 1);
});
afterAll(() => undefined);

const creates = (r: FakeRequest): boolean => r.method === 'POST' && /op=create_|\/(fabrics|resourcepools|zones|subnets|ipranges)\/$/.test(`${r.path}?${r.query.toString()}`);

describe('the MAAS reconciler', () => {
  it('reads only in a dry run, and predicts every change the apply makes', async () => {
    const dry = await run([], { mode: 'dry-run' });
    expect(dry.fake.server.calls.every((c) => c.method === 'GET')).toBe(true);
    const c = countStatuses(dry.result.objects);
    expect(c.create + c.update).toBeGreaterThan(100);
    expect(c.conflict + c.refused + c.failed + c.skipped).toBe(0);
  });

  const cases: Array<{ name: string; faults: FaultRule[]; timeoutMs?: number; check?: (f: FakeMaas, result: RunResult, retries: string[]) => void }> = [
    { name: '429s with Retry-After', faults: [{ kind: '429', every: 17, times: 2, retryAfter: 1 }], check: (_f, _r, retries) => expect(retries).toContain('429 X (Retry-After 1 s)'.replace('X', 'Too Many Requests')) },
    { name: '503s with Retry-After 0', faults: [{ kind: '503', every: 5, times: 12, retryAfter: 0 }] },
    { name: '500s before MAAS acted, on every kind of call', faults: [{ kind: '500', every: 6, times: 15 }] },
    {
      name: '500s after MAAS created the object',
      faults: [{ kind: '500', afterHandling: true, every: 3, times: 10, match: creates }],
      check: (f, r) => {
        expect(f.server.calls.filter((c) => c.fault === '500' && c.changed)).toHaveLength(10);
        expect(r.objects.filter((o) => o.message?.startsWith('confirmed by looking it up after 500'))).toHaveLength(10);
      },
    },
    { name: 'answers past the deadline after MAAS acted', faults: [{ kind: 'slow', delayMs: 400, every: 8, times: 6, match: (r) => r.method !== 'GET' }], timeoutMs: 150 },
    { name: 'connections dropped mid-body after MAAS acted', faults: [{ kind: 'drop', every: 4, times: 12, match: (r) => r.method === 'POST' }] },
    { name: 'connections reset before MAAS saw the request', faults: [{ kind: 'reset', every: 5, times: 12 }] },
    { name: 'every kind at once', faults: [{ kind: 'reset', every: 19 }, { kind: 'drop', every: 13, match: creates }, { kind: '503', every: 11, retryAfter: 0 }, { kind: '500', every: 7, afterHandling: true }] },
  ];
  for (const c of cases) {
    it(`survives ${c.name}: the state is a clean apply's, nothing created twice`, async () => {
      const r = await run(c.faults, c.timeoutMs !== undefined ? { timeoutMs: c.timeoutMs } : {});
      expect(r.result.fatal).toBeUndefined();
      expect(r.fake.server.calls.filter((x) => x.fault !== undefined).length).toBeGreaterThan(0);
      expect(JSON.stringify(canonicalMaas(r.fake.state), null, 1)).toBe(reference);
      const counts = countStatuses(r.result.objects);
      expect(counts.conflict + counts.refused + counts.failed + counts.skipped).toBe(0);
      c.check?.(r.fake, r.result, r.retries);
    }, 20_000);
  }
});
