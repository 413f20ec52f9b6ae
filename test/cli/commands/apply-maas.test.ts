/**
 * `vmo-twin apply maas` against the fake MAAS: a dry run changes nothing, an apply converges,
 * a second apply changes nothing, machines MAAS refuses to edit are reported and not forced,
 * MAAS's 400s point at the site file, and no output holds the key.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STACK } from '../../helpers/cli.js';
import { applyMaas, canonicalMaas, cliAsync, expectNoSecrets, filesUnder, MAAS_KEY, scenario, fakeMaasPerTest, TLS_DIR, workDir } from '../../helpers/fakes.js';

interface JsonRun {
  ok: boolean;
  mode: string;
  summary: Record<string, number>;
  objects: Array<{ id: string; target?: string; status: string; changes: Array<{ field: string; from: string; to: string }>; message?: string; site?: Array<{ path: string; line?: number; field: string; messages: string[] }> }>;
  error?: { message: string; hint: string };
}

const fake = fakeMaasPerTest();

describe('apply maas on the reference cluster (64 machines)', () => {
  it('reads only without --yes, converges with --yes, then finds everything unchanged', async () => {
    const f = await fake('vmo-ra-64');
    const cwd = workDir();
    const before = JSON.stringify(canonicalMaas(f.state));

    const dry = await applyMaas(f, 'vmo-ra-64', cwd, ['--json']);
    expect(dry.status, dry.stderr).toBe(0);
    const d = JSON.parse(dry.stdout) as JsonRun;
    expect(d.mode).toBe('dry-run');
    expect(JSON.stringify(canonicalMaas(f.state))).toBe(before);
    expect(f.server.calls.every((c) => c.method === 'GET')).toBe(true);
    expect(d.summary['create']).toBeGreaterThan(500);
    expect(d.objects.find((o) => o.id === 'config/enable_disk_erasing_on_release')?.changes).toEqual([{ field: 'value', from: 'true', to: 'false' }]);

    const apply = await applyMaas(f, 'vmo-ra-64', cwd, ['--yes', '--json']);
    expect(apply.status, apply.stderr).toBe(0);
    const a = JSON.parse(apply.stdout) as JsonRun;
    expect(a.ok).toBe(true);
    // The dry run said what the apply did, object by object.
    expect(a.objects.map((o) => `${o.id}@${o.target ?? ''} ${o.status}`)).toEqual(d.objects.map((o) => `${o.id}@${o.target ?? ''} ${o.status === 'create' && o.id.startsWith('vlan/') && o.id.endsWith('/0') ? 'unchanged' : o.status}`));

    const s = f.state;
    expect(s.config['enable_disk_erasing_on_release']).toBe(false);
    expect(s.pools.map((p) => p.name).sort()).toEqual(['default', 'vmo-cp', 'vmo-workers']);
    expect(s.machines).toHaveLength(64);
    const w = s.machines.find((m) => m.hostname === 'worker-60');
    expect(w?.pool).toBe('vmo-workers');
    expect(w?.interfaces.map((i) => `${i.type} ${i.name}`).sort()).toEqual(['bond bond_data', 'bond bond_mgmt', 'bridge br0', 'physical enp1s0', 'physical enp1s1', 'physical enp2s0', 'physical enp2s1', 'vlan bond_data.20', 'vlan bond_mgmt.10']);
    const bond = w?.interfaces.find((i) => i.name === 'bond_data');
    expect(bond?.params).toMatchObject({ bond_mode: '802.3ad', bond_lacp_rate: 'slow', mtu: 1500 });
    const gwLink = w?.interfaces.flatMap((i) => i.links.map((l) => ({ i: i.name, l }))).find((x) => x.l.id === w?.gatewayLinkId);
    expect(gwLink?.i).toBe('bond_data.20');
    expect(w?.blockDevices[0]?.partitions.map((p) => p.mountPoint)).toEqual(['/boot/efi', '/']);

    const calls = f.server.calls.length;
    const again = await applyMaas(f, 'vmo-ra-64', cwd, ['--yes', '--json']);
    expect(again.status, again.stderr).toBe(0);
    const g = JSON.parse(again.stdout) as JsonRun;
    expect(Object.entries(g.summary).filter(([, n]) => n > 0)).toEqual([['unchanged', g.objects.length]]);
    expect(f.server.calls.slice(calls).filter((c) => c.method !== 'GET')).toEqual([]);
    expectNoSecrets([dry.stdout, dry.stderr, apply.stdout, apply.stderr, again.stdout, again.stderr, ...filesUnder(join(cwd, '.vmo-twin'))]);
  }, 90_000);
});

describe('apply maas reports what it cannot do', () => {
  it('reports edits on a Deployed machine as refused and never sends them; the rest converges (exit 1)', async () => {
    const f = await fake('minimal-5', { status: (h) => (h === 'worker-3' ? 'Deployed' : 'Ready') });
    const cwd = workDir();
    const r = await applyMaas(f, 'minimal-5', cwd, ['--yes', '--json']);
    expect(r.status, r.stderr).toBe(1);
    const j = JSON.parse(r.stdout) as JsonRun;
    const w3 = j.objects.filter((o) => o.target === 'worker-3');
    expect(w3.find((o) => o.id === 'workers/bond/bond_data')?.status).toBe('refused');
    expect(w3.find((o) => o.id === 'workers/bond/bond_data')?.message).toMatch(/worker-3 is Deployed: MAAS changes interfaces only when it is New, Ready, Allocated, Broken, Failed testing/);
    expect(w3.find((o) => o.id === 'workers/machine')?.status).toBe('update');
    const sid = f.state.machines.find((m) => m.hostname === 'worker-3')?.systemId ?? '?';
    // The machine itself (pool, zone) may change while Deployed; its interfaces and storage may not.
    expect(f.server.calls.filter((c) => c.path.includes(`/nodes/${sid}/`) && c.method !== 'GET')).toEqual([]);
    expect(f.server.calls.filter((c) => c.path.includes(`/machines/${sid}/`) && c.method !== 'GET').map((c) => `${c.method} ${c.op ?? ''}`)).toEqual(['PUT ']);
    expect(j.objects.filter((o) => o.target === 'worker-2').every((o) => o.status === 'create' || o.status === 'update' || o.status === 'unchanged')).toBe(true);
    expect(f.state.machines.find((m) => m.hostname === 'worker-3')?.interfaces.filter((i) => i.type !== 'physical')).toEqual([]);
  });

  it('says which machine is missing and skips its steps; the others converge', async () => {
    const f = await fake('minimal-5', { missing: ['worker-5'] });
    const r = await applyMaas(f, 'minimal-5', workDir(), ['--yes']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/! conflict +workers\/machine@worker-5: worker-5 is not in MAAS: commission it first, or fix the hostnames \(site: nodes\.workers\.count\)/);
    expect(r.stdout).toMatch(/· skipped +workers\/interface\/enp1s0@worker-5: worker-5 is not in MAAS\n/);
    // The same reason, for the same machine, is said once.
    expect(r.stdout).toMatch(/· skipped +workers\/bond\/bond_data@worker-5: \(the same\)\n/);
    expect(r.stdout).toMatch(/✗ applied what could be: .*1 conflict, 14 skipped/);
  });

  it('points a 400 from MAAS at the site value that caused it, with its line', async () => {
    const f = await fake('minimal-5');
    const data = f.state.subnets[0];
    // Someone already handed out 10.20.31.10-20 as a DHCP range, inside the MetalLB pool.
    f.state.subnets.push({ id: 900, name: 'data', cidr: '10.20.0.0/16', vlanId: 5001, gateway: '10.20.30.1', managed: true });
    f.state.ipranges.push({ id: 901, type: 'dynamic', start: '10.20.31.10', end: '10.20.31.20', subnetId: 900, comment: 'DHCP' });
    expect(data).toBeDefined();
    const r = await applyMaas(f, 'minimal-5', workDir(), ['--yes']);
    expect(r.status).toBe(1);
    const line = r.stdout.split('\n').findIndex((l) => l.includes('failed') && l.includes('ip-range/10.20.31.1-10.20.31.50'));
    expect(line, r.stdout).toBeGreaterThanOrEqual(0);
    expect(r.stdout).toContain('MAAS refused POST /ipranges/ (400): start_ip: Requested reserved range conflicts with an existing range.');
    expect(r.stdout).toMatch(new RegExp(`${scenario('minimal-5').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:51:\\d+: metallb\\.pools\\[0\\]\\.addresses\\[0\\] \\(start_ip\\): Requested reserved range conflicts`));
    expect(STACK.test(r.stderr)).toBe(false);
  });

  it('applies nothing from a site with errors: the diagnostics, exit 1, and not one call', async () => {
    const f = await fake('minimal-5');
    const r = await applyMaas(f, 'minimal-5', workDir(), ['--yes', '--set', 'nodes.workers.count=3', '--set', 'storage.portworx.maxStorageNodes=3']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error\[too-few-workers\] nodes\.workers\.count/);
    expect(r.stderr).toContain('the site has errors; fix them first');
    expect(f.server.calls).toEqual([]);
  });

  it('fails fast with a clear message and exit 2 when nothing listens at the endpoint', async () => {
    const r = await cliAsync(['apply', 'maas', scenario('vmo-ra-64'), '--endpoint', 'http://127.0.0.1:1'], { cwd: workDir(), env: { MAAS_API_KEY: MAAS_KEY } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error: cannot reach MAAS at http://127.0.0.1:1/MAAS/api/2.0/: connection refused');
    expect(r.stderr).toContain('hint: check --endpoint: is MAAS running there? MAAS listens on port 5240');
    expect(STACK.test(r.stderr)).toBe(false);
    expect(r.ms).toBeLessThan(10_000);
    expectNoSecrets([r.stdout, r.stderr]);
    const json = await cliAsync(['apply', 'maas', scenario('minimal-5'), '--endpoint', 'http://127.0.0.1:1', '--json'], { cwd: workDir(), env: { MAAS_API_KEY: MAAS_KEY } });
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ ok: false, error: 'cannot reach MAAS at http://127.0.0.1:1/MAAS/api/2.0/: connection refused (nothing listens at that address and port)', hint: 'check --endpoint: is MAAS running there? MAAS listens on port 5240 (http://HOST:5240/MAAS)' });
  });

  it('stops with exit 2 on a key MAAS refuses, and never prints the key', async () => {
    const f = await fake('minimal-5');
    const wrong = 'TstConsumerKey0001:TstTokenKey0000001:WrongSecret000000000000000000000';
    const r = await applyMaas(f, 'minimal-5', workDir(), [], { env: { MAAS_API_KEY: wrong } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('MAAS refused the API key (401: Authorization Error: Invalid API key.)');
    expect(r.stderr).toContain('hint: set MAAS_API_KEY (or --api-key-file FILE)');
    expectNoSecrets([r.stdout, r.stderr], [wrong, 'WrongSecret000000000000000000000']);
  });

  it('refuses a key on the command line, a malformed key and a missing one, without echoing them (exit 2)', async () => {
    const f = await fake('minimal-5');
    const cwd = workDir();
    const argv = await applyMaas(f, 'minimal-5', cwd, ['--api-key', MAAS_KEY]);
    expect(argv.status).toBe(2);
    expect(argv.stderr).toContain('--api-key is not accepted: a key on the command line shows in `ps` and in shell history');
    const two = await applyMaas(f, 'minimal-5', cwd, [], { env: { MAAS_API_KEY: 'TstOnlyTwo000000001:TstParts000000000000' } });
    expect(two.status).toBe(2);
    expect(two.stderr).toContain('MAAS_API_KEY: the MAAS API key has 2 parts separated by ":"; it needs 3');
    const none = await applyMaas(f, 'minimal-5', cwd, [], { env: { MAAS_API_KEY: '' } });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('no API key: MAAS_API_KEY is not set and no --api-key-file was given');
    expectNoSecrets([argv.stdout, argv.stderr, two.stdout, two.stderr], [MAAS_KEY, 'TstOnlyTwo000000001', 'TstParts000000000000']);
    // Only the key-free probe of the endpoint was sent.
    // Only the key-free probe of the endpoint was sent (the key on argv is refused before it).
    expect(f.server.calls.map((c) => c.path)).toEqual(['/MAAS/api/2.0/version/', '/MAAS/api/2.0/version/']);
  });

  it('refuses a key that is not an administrator\'s before changing anything (exit 2)', async () => {
    const f = await fake('minimal-5');
    f.admin = false;
    const r = await applyMaas(f, 'minimal-5', workDir(), ['--yes']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error: the key belongs to operator, who is not a MAAS administrator');
    expect(f.server.calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });

  it('with --prune deletes the interfaces, links and reserved ranges apply owns that the site no longer has, and nothing else', async () => {
    const f = await fake('minimal-5');
    const cwd = workDir();
    expect((await applyMaas(f, 'minimal-5', cwd, ['--yes'])).status).toBe(0);
    // The site drops the management VLAN interface and the MetalLB pool moves.
    const sets = ['--set', 'hostNetwork.vlanInterfaces=[{vlan: 20, link: bond_data, defaultGateway: true}]', '--set', 'metallb.pools[0].addresses=["10.20.31.100-10.20.31.150"]'];
    const keep = await applyMaas(f, 'minimal-5', cwd, ['--yes', ...sets]);
    expect(keep.status, keep.stdout).toBe(0);
    const w1 = (): string[] => f.state.machines.find((m) => m.hostname === 'worker-1')?.interfaces.map((i) => i.name).sort() ?? [];
    expect(w1()).toContain('bond_mgmt.10');
    const dry = await applyMaas(f, 'minimal-5', cwd, ['--prune', '--json', ...sets]);
    const deletes = (JSON.parse(dry.stdout) as JsonRun).objects.filter((o) => o.status === 'delete').map((o) => `${o.id}@${o.target ?? ''}`);
    expect(deletes).toContain('prune/interface/bond_mgmt.10@worker-1');
    expect(deletes).toContain('prune/ip-range/10.20.31.1-10.20.31.50@');
    // bond_mgmt.10 goes from all 9 machines, with its links; no planned interface has a stray link.
    expect(deletes.filter((d) => d.startsWith('prune/interface/bond_mgmt.10@'))).toHaveLength(9);
    expect(deletes.filter((d) => d.includes('/link/'))).toEqual([]);
    const prune = await applyMaas(f, 'minimal-5', cwd, ['--yes', '--prune', ...sets]);
    expect(prune.status, prune.stdout).toBe(0);
    expect(w1()).not.toContain('bond_mgmt.10');
    expect(f.state.ipranges.map((r) => `${r.type} ${r.start}`).sort()).toEqual(['dynamic 192.168.3.205', 'reserved 10.20.31.100']);
    expect(prune.stdout).toMatch(/- deleted   prune\/interface\/bond_mgmt\.10@worker-5: delete vlan interface bond_mgmt\.10 \(not in the site\)/);
  });
});

describe('apply maas --help', () => {
  it('teaches the options, with examples and the exit statuses', async () => {
    const r = await cliAsync(['apply', '--help'], { cwd: workDir() });
    expect(r.status).toBe(0);
    for (const s of ['--endpoint', '--yes', '--prune', '--api-key-file', '--ca-cert', '--insecure', '--project-uid', '--timeout', '--retries', 'MAAS_API_KEY', 'Exit status: 0 converged']) expect(r.stdout).toContain(s);
    expect(r.stdout).toContain('Examples:');
  });
});

describe('apply maas over TLS', () => {
  const pem = (n: string): string => join(TLS_DIR, n);
  it('refuses a certificate it cannot verify, with a hint to --ca-cert (exit 2)', async () => {
    const f = await fake('minimal-5', { tls: true });
    expect(f.endpoint).toMatch(/^https:/);
    const r = await applyMaas(f, 'minimal-5', workDir());
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/error: cannot reach MAAS at https:\/\/127\.0\.0\.1:\d+\/MAAS\/api\/2\.0\/: the server's certificate is self-signed and not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    expect(r.stderr).toContain('hint: pass --ca-cert FILE');
    // (A --ca-cert of another CA is refused too: test/exporters/apply/http.test.ts.)
    expect(f.server.calls).toEqual([]);
  });
  it('trusts the CA given with --ca-cert, and warns on stderr with --insecure', async () => {
    const f = await fake('minimal-5', { tls: true });
    const cwd = workDir();
    const ca = await applyMaas(f, 'minimal-5', cwd, ['--yes', '--ca-cert', pem('server-cert.pem')]);
    expect(ca.status, ca.stderr).toBe(0);
    expect(ca.stderr).not.toContain('warning');
    const insecure = await applyMaas(f, 'minimal-5', cwd, ['--insecure']);
    expect(insecure.status).toBe(0);
    expect(insecure.stderr).toMatch(/warning: --insecure: the server's TLS certificate is not checked; anyone on the path can pose as 127\.0\.0\.1:\d+ and read the API key/);
    expect(insecure.stdout).toContain('MAAS already holds the site');
    const both = await applyMaas(f, 'minimal-5', cwd, ['--insecure', '--ca-cert', pem('server-cert.pem')]);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--insecure and --ca-cert contradict each other');
  });
});
