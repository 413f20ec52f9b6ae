/**
 * `vmo-twin apply maas` under faults: the fault kinds the fake injects (429 and 503 with
 * Retry-After, 500s before and after MAAS acted, answers past the deadline, connections
 * dropped mid-body or reset) are survived when they pass, and each is reported with a clear
 * message and exit 2 when it does not; an apply killed after K calls, for several K, resumes
 * from its journal and ends in the very state of an uninterrupted apply, nothing created twice.
 */
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FakeMaas } from '../../fakes/maas.js';
import type { FakeRequest, FaultRule } from '../../fakes/server.js';
import { STACK } from '../../helpers/cli.js';
import { applyMaas, canonicalMaas, expectNoSecrets, filesUnder, fakeMaasPerTest, workDir } from '../../helpers/fakes.js';

const SITE = 'minimal-5';
let reference = '';
const startFake = fakeMaasPerTest();
const fake = (): Promise<FakeMaas> => startFake(SITE);

beforeAll(async () => {
  const f = await fake();
  const r = await applyMaas(f, SITE, workDir(), ['--yes']);
  expect(r.status, r.stdout + r.stderr).toBe(0);
  reference = JSON.stringify(canonicalMaas(f.state), null, 1);
}, 60_000);

const creates = (r: FakeRequest): boolean => r.method === 'POST' && /op=create_|\/(fabrics|resourcepools|zones|subnets|ipranges)\/$/.test(`${r.path}?${r.query.toString()}`);
const linkSubnet = (r: FakeRequest): boolean => r.query.get('op') === 'link_subnet';

describe('apply maas survives faults when they pass', () => {
  // Each kind on its own is in test/exporters/apply/maas.test.ts (in-process, fast); here the
  // whole command meets them all at once, and says on stderr what it waits for.
  it('every kind at once — 429 and 503 with Retry-After, 500 after MAAS acted, slow answers, dropped and reset connections: converges to the state of a clean apply, nothing created twice', async () => {
    const f = await fake();
    f.server.faults = [
      { kind: '429', calls: [3], retryAfter: 1 },
      { kind: '503', calls: [30], retryAfter: 1 },
      { kind: '500', afterHandling: true, every: 5, times: 4, match: creates },
      { kind: 'slow', delayMs: 1200, calls: [2], match: linkSubnet },
      { kind: 'drop', every: 9, times: 5, match: (r) => r.method === 'GET' || linkSubnet(r) },
      { kind: 'reset', every: 23, times: 4 },
    ];
    const cwd = workDir();
    const r = await applyMaas(f, SITE, cwd, ['--yes', '--timeout', '500ms']);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(new Set(f.server.calls.map((x) => x.fault).filter((x) => x !== undefined))).toEqual(new Set(['429', '503', '500', 'slow', 'drop', 'reset']));
    expect(JSON.stringify(canonicalMaas(f.state), null, 1)).toBe(reference);
    expect(r.stderr).toMatch(/retry 1\/4: GET \S+: 429 Too Many Requests \(Retry-After 1 s\); next attempt in 1\.\d s/);
    expect(r.stdout).toMatch(/confirmed by looking it up after 500 Internal Server Error/);
    f.server.faults = [];
    const again = await applyMaas(f, SITE, cwd, ['--yes', '--json']);
    expect(again.status).toBe(0);
    expect((JSON.parse(again.stdout) as { summary: Record<string, number> }).summary).toMatchObject({ create: 0, update: 0, unchanged: 122 });
    expectNoSecrets([r.stdout, r.stderr, again.stdout, again.stderr, ...filesUnder(join(cwd, '.vmo-twin'))]);
  }, 30_000);
});

describe('apply maas reports a fault that does not pass, with exit 2 and no stack trace', () => {
  const cases: Array<{ name: string; faults: FaultRule[]; args?: string[]; message: RegExp; resume?: boolean }> = [
    { name: '503 on every call', resume: true, faults: [{ kind: '503', retryAfter: 0 }], message: /error: MAAS kept failing: GET \/\S*: 503 Service Unavailable \(Retry-After 0 s\), 5 attempts/ },
    { name: '429 asking to wait longer than apply waits', faults: [{ kind: '429', retryAfter: 600 }], message: /error: MAAS kept failing: GET \S+: 429 Too Many Requests with Retry-After 600 s, longer than the 120 s apply waits, 1 attempt/ },
    { name: '500 on every create, before MAAS acted', resume: true, faults: [{ kind: '500', match: creates }], message: /error: MAAS kept failing: POST \S+: 500 Internal Server Error, 5 attempts/ },
    { name: 'every answer past the deadline', faults: [{ kind: 'slow', delayMs: 800 }], args: ['--timeout', '200ms', '--retries', '2'], message: /error: MAAS kept failing: GET \S+: no complete answer within 200 ms, 3 attempts/ },
    { name: 'every connection dropped mid-body', faults: [{ kind: 'drop', match: (r) => r.method === 'GET' }], message: /error: MAAS kept failing: GET \S+: the connection closed before the whole answer arrived, 5 attempts/ },
    { name: 'every connection reset', faults: [{ kind: 'reset' }], message: /error: MAAS kept failing: GET \S+: the connection was dropped \(ECONNRESET\), 5 attempts/ },
  ];
  for (const c of cases) {
    it(`${c.name}`, async () => {
      const f = await fake();
      f.server.faults = c.faults;
      const cwd = workDir();
      const r = await applyMaas(f, SITE, cwd, ['--yes', ...(c.args ?? [])]);
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(c.message);
      expect(r.stderr).toMatch(/hint: MAAS may be overloaded or restarting; run the same command again/);
      expect(STACK.test(r.stderr)).toBe(false);
      expectNoSecrets([r.stdout, r.stderr, ...filesUnder(join(cwd, '.vmo-twin'))]);
      if (!c.resume) return;
      // Once the fault is gone, the next run resumes and converges.
      f.server.faults = [];
      const resumed = await applyMaas(f, SITE, cwd, ['--yes']);
      expect(resumed.status, resumed.stdout + resumed.stderr).toBe(0);
      expect(JSON.stringify(canonicalMaas(f.state), null, 1)).toBe(reference);
    }, 30_000);
  }
});

describe('apply maas killed half-way resumes where it stopped', () => {
  // Kill the CLI when MAAS has made its Kth change, before the answer leaves: the change
  // happened and the client never heard of it — the window a journal alone cannot close.
  for (const k of [1, 9, 50, 113]) {
    it(`after MAAS's change #${k}: the next run finishes it, and the state is a clean apply's`, async () => {
      const f = await fake();
      const cwd = workDir();
      let child: ChildProcess | undefined;
      let changes = 0;
      f.server.onHandled = () => {
        if (++changes === k) child?.kill('SIGKILL');
      };
      const killed = await applyMaas(f, SITE, cwd, ['--yes', '--parallel', '2'], { onStart: (c) => (child = c) });
      expect(killed.signal).toBe('SIGKILL');
      delete f.server.onHandled;
      const calls = f.server.calls.length;
      const resumed = await applyMaas(f, SITE, cwd, ['--yes', '--json']);
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(resumed.stderr).toMatch(/resuming the apply that stopped \(started [0-9T:.-]+Z\): \d+ steps already done/);
      const j = JSON.parse(resumed.stdout) as { resumed: number; objects: Array<{ journal?: boolean; status: string }> };
      expect(j.resumed).toBe(j.objects.filter((o) => o.journal).length);
      // The object MAAS changed just before the kill is reported as done, found by name.
      expect(j.resumed).toBeGreaterThan(0);
      expect(JSON.stringify(canonicalMaas(f.state), null, 1)).toBe(reference);
      // The resumed run made only the changes the killed one had not made.
      const made = f.server.calls.slice(calls).filter((c) => c.changed).length;
      expect(made + k).toBeLessThanOrEqual(f.server.calls.filter((c) => c.changed).length);
      if (k === 9) {
        const third = await applyMaas(f, SITE, cwd, ['--yes', '--json']);
        expect((JSON.parse(third.stdout) as { summary: Record<string, number> }).summary).toMatchObject({ create: 0, update: 0, unchanged: 122 });
      }
      expectNoSecrets([killed.stdout, killed.stderr, resumed.stdout, resumed.stderr, ...filesUnder(join(cwd, '.vmo-twin'))]);
    }, 30_000);
  }

  it('after a run stopped at a read (before any change of that object), without the journal being needed for safety', async () => {
    const f = await fake();
    const cwd = workDir();
    let child: ChildProcess | undefined;
    let reads = 0;
    f.server.faults = [{ kind: 'slow', delayMs: 50, match: () => ++reads === 120 && (child?.kill('SIGKILL') ?? true) }];
    const killed = await applyMaas(f, SITE, cwd, ['--yes'], { onStart: (c) => (child = c) });
    expect(killed.signal).toBe('SIGKILL');
    f.server.faults = [];
    const resumed = await applyMaas(f, SITE, cwd, ['--yes']);
    expect(resumed.status, resumed.stdout).toBe(0);
    expect(JSON.stringify(canonicalMaas(f.state), null, 1)).toBe(reference);
  }, 30_000);
});
