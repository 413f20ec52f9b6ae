/**
 * Helpers for the apply/import tests: run the built CLI as a child process without blocking
 * the test process (the fakes answer from it), kill it at a chosen call, start seeded fakes,
 * reduce a fake's state to what a site determines (no ids, sorted) so two runs can be compared,
 * and assert that no secret appears anywhere.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { FakeMaas, type MaasState } from '../fakes/maas.js';
import { seed, type SeedOptions } from '../fakes/seed.js';
import { BIN } from './cli.js';
import { ROOT, twinOf } from './site.js';

/** Test keys, in MAAS's shape (18, 18 and 32 characters) and Palette's. Never real. */
export const MAAS_KEY = 'TstConsumerKey0001:TstTokenKey0000001:TstTokenSecret0123456789abcdefgh';
export const MAAS_SECRET = 'TstTokenSecret0123456789abcdefgh';
export const PALETTE_KEY = 'TstPaletteApiKey-0123456789abcdefABCDEF';
/** Palette ${env:…} secrets the cluster body needs. */
export const PALETTE_ENV: Readonly<Record<string, string>> = {
  VMO_TWIN_FLASHARRAY_ENDPOINT: '10.0.0.5',
  VMO_TWIN_PURE_API_TOKEN: 'TstPureApiToken-7f3a9c1e5b',
  VMO_TWIN_PORTWORX_ACTIVATION_ID: 'TstPxActivation-44b1c9',
  VMO_TWIN_GRAFANA_ADMIN_PASSWORD: 'TstGrafanaPw-91e0d2',
};

export const TLS_DIR = join(ROOT, 'test', 'fixtures', 'tls');
export const tls = (): { key: string; cert: string } => ({ key: readFileSync(join(TLS_DIR, 'server-key.pem'), 'utf8'), cert: readFileSync(join(TLS_DIR, 'server-cert.pem'), 'utf8') });

export const scenario = (name: string): string => join(ROOT, 'scenarios', `${name}.yaml`);

export interface Run {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Run the CLI; `onStart` gets the child (to kill it from a fake's hook). */
export function cliAsync(args: readonly string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; onStart?: (c: ChildProcess) => void } = { cwd: ROOT }): Promise<Run> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: { ...process.env, NO_COLOR: '1', MAAS_API_KEY: '', PALETTE_API_KEY: '', ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    opts.onStart?.(child);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr, ms: Date.now() - t0 }));
  });
}

export const workDir = (): string => mkdtempSync(join(tmpdir(), 'vmo-twin-apply-'));

export async function startMaas(name: string, o: SeedOptions & { tls?: boolean } = {}): Promise<FakeMaas> {
  const fake = await new FakeMaas({ key: MAAS_KEY, ...(o.tls ? { tls: tls() } : {}) }).start();
  seed(fake, twinOf(name), o);
  return fake;
}

/** A `startMaas` for one test file: every fake it starts is stopped after the test that started it. */
export function fakeMaasPerTest(): (name: string, o?: SeedOptions & { tls?: boolean }) => Promise<FakeMaas> {
  const started: FakeMaas[] = [];
  afterEach(async () => {
    while (started.length) await started.pop()?.server.stop();
  });
  return async (name, o = {}) => {
    const f = await startMaas(name, o);
    started.push(f);
    return f;
  };
}

/** `apply maas SCENARIO --endpoint …` with fast test timeouts and retries; extra args last. */
export function applyMaas(fake: FakeMaas, name: string, cwd: string, args: readonly string[] = [], opts: { env?: NodeJS.ProcessEnv; onStart?: (c: ChildProcess) => void } = {}): Promise<Run> {
  return cliAsync(['apply', 'maas', scenario(name), '--endpoint', fake.endpoint, '--retry-delay', '5ms', '--timeout', '2s', ...args], { cwd, env: { MAAS_API_KEY: MAAS_KEY, ...opts.env }, ...(opts.onStart ? { onStart: opts.onStart } : {}) });
}

/** A fake MAAS's state as the site determines it: names, structure and settings, no ids, sorted. */
export function canonicalMaas(s: MaasState): unknown {
  const vlan = (id: number | null): string => {
    const v = s.vlans.find((x) => x.id === id);
    return v ? `${s.fabrics.find((f) => f.id === v.fabricId)?.name ?? '?'}/${v.vid}` : 'none';
  };
  const subnet = (id: number): string => s.subnets.find((x) => x.id === id)?.cidr ?? '?';
  const sorted = <T>(xs: T[]): T[] => [...xs].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return {
    config: s.config,
    domains: sorted(s.domains.map((d) => d.name)),
    pools: sorted(s.pools.map((p) => `${p.name}: ${p.description}`)),
    zones: sorted(s.zones.map((z) => z.name)),
    vlans: sorted(s.vlans.map((v) => `${vlan(v.id)} ${v.name} mtu ${v.mtu}`)),
    subnets: sorted(s.subnets.map((x) => `${x.cidr} ${x.name} on ${vlan(x.vlanId)} gw ${x.gateway ?? '-'} ${x.managed ? 'managed' : ''}`)),
    ipranges: sorted(s.ipranges.map((r) => `${r.type} ${r.start}-${r.end} in ${subnet(r.subnetId)}: ${r.comment}`)),
    machines: sorted(
      s.machines.map((m) => ({
        hostname: m.hostname,
        pool: m.pool,
        zone: m.zone,
        domain: m.domain,
        status: m.status,
        interfaces: sorted(
          m.interfaces.map((i) => ({
            name: i.name,
            type: i.type,
            vlan: vlan(i.vlanId),
            parents: i.parents.map((p) => m.interfaces.find((x) => x.id === p)?.name ?? '?'),
            params: i.params,
            links: sorted(i.links.map((l) => `${l.mode} ${subnet(l.subnetId)}${m.gatewayLinkId === l.id ? ' default gateway' : ''}`)),
          })),
        ),
        disks: sorted(m.blockDevices.map((b) => `${b.name}: ${b.partitions.map((p) => `${p.fstype} ${p.mountPoint}`).join(', ')}${m.bootDiskId === b.id ? ' (boot)' : ''}`)),
      })),
    ),
  };
}

/** Every file under `dir` (the journal folder), as text. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** No secret, nor a part of the MAAS key's secret, in any of these texts. */
export function expectNoSecrets(texts: readonly string[], secrets: readonly string[] = [MAAS_KEY, MAAS_SECRET, PALETTE_KEY, ...Object.values(PALETTE_ENV).filter((v) => v.startsWith('Tst'))]): void {
  for (const t of texts) {
    for (const s of secrets) {
      expect(t.includes(s), `a secret (${s.slice(0, 6)}…) appears in output`).toBe(false);
      expect(t.includes(encodeURIComponent(s)), 'an encoded secret appears in output').toBe(false);
    }
  }
}
