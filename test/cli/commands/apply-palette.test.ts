/**
 * `vmo-twin apply palette` against the fake Palette: profiles imported then published, the
 * cluster created with every placeholder resolved, lists read page by page, a second apply
 * unchanged, machine pools updated in place, changed profiles refused without a new version,
 * faults survived, a run killed after K changes resumed without creating anything twice, and
 * neither the API key nor the ${env:…} secrets in any output.
 */
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { FakePalette } from '../../fakes/palette.js';
import { STACK } from '../../helpers/cli.js';
import { cliAsync, expectNoSecrets, filesUnder, PALETTE_ENV, PALETTE_KEY, scenario, workDir } from '../../helpers/fakes.js';

const SITE = 'minimal-5';
const PROJECT = '65f0c0ffee0000000000abcd';

interface JsonRun {
  ok: boolean;
  summary: Record<string, number>;
  objects: Array<{ id: string; status: string; changes: Array<{ field: string; from: string; to: string }>; message?: string; journal?: boolean }>;
  error?: { message: string };
}

const fakes: FakePalette[] = [];
afterEach(async () => {
  while (fakes.length) await fakes.pop()?.server.stop();
});
async function fake(): Promise<FakePalette> {
  const f = await new FakePalette({ key: PALETTE_KEY, projects: [PROJECT], pageSize: 2 }).start();
  // Five MAAS accounts, the site's last: finding it takes three pages.
  for (const n of ['lab-a', 'lab-b', 'lab-c', 'lab-d', 'maas']) f.addAccount(n, PROJECT);
  f.addAccount('maas', 'tenant');
  fakes.push(f);
  return f;
}
function apply(f: FakePalette, cwd: string, args: readonly string[] = [], opts: { env?: NodeJS.ProcessEnv; onStart?: (c: ChildProcess) => void } = {}) {
  return cliAsync(['apply', 'palette', scenario(SITE), '--endpoint', f.endpoint, '--project-uid', PROJECT, '--retry-delay', '5ms', '--timeout', '2s', ...args], {
    cwd,
    env: { PALETTE_API_KEY: PALETTE_KEY, ...PALETTE_ENV, ...opts.env },
    ...(opts.onStart ? { onStart: opts.onStart } : {}),
  });
}
/** What Palette holds, without uids. */
function canonical(f: FakePalette): unknown {
  return {
    profiles: f.state.profiles.map((p) => `${p.body.metadata.name}@${p.body.spec.version} ${p.published ? 'published' : 'draft'} ${p.scope === PROJECT ? 'in project' : p.scope}`).sort(),
    clusters: f.state.clusters.map((c) => ({ name: c.name, profiles: c.profileUids.map((u) => f.state.profiles.find((p) => p.uid === u)?.body.metadata.name).sort(), pools: c.pools.map((p) => `${String(p['name'])} × ${String(p['size'])}`), account: f.state.accounts.find((a) => a.uid === c.accountUid)?.name })),
  };
}
const CONVERGED = {
  profiles: [`${SITE}-core@1.0.0 published in project`, `${SITE}-infra@1.0.0 published in project`, `${SITE}-templates@1.0.0 published in project`],
  clusters: [{ name: SITE, profiles: [`${SITE}-core`, `${SITE}-infra`, `${SITE}-templates`], pools: ['control-plane-pool × 3', 'worker-pool × 5'], account: 'maas' }],
};

describe('apply palette', () => {
  it('imports and publishes the three profiles, creates the cluster with the placeholders resolved, then finds everything unchanged', async () => {
    const f = await fake();
    const cwd = workDir();
    // A dry run without the secrets the cluster needs: the profiles would be created, the cluster is blocked.
    const dry = await apply(f, cwd, ['--json'], { env: { VMO_TWIN_PURE_API_TOKEN: '', VMO_TWIN_GRAFANA_ADMIN_PASSWORD: '' } });
    expect(dry.status, dry.stderr).toBe(1);
    const planned = (JSON.parse(dry.stdout) as JsonRun).objects;
    expect(planned.map((o) => `${o.status} ${o.id}`)).toEqual([
      'unchanged cloudaccount/maas',
      `create profile/${SITE}-infra@1.0.0`,
      `create profile/${SITE}-core@1.0.0`,
      `create profile/${SITE}-templates@1.0.0`,
      `conflict cluster/${SITE}`,
    ]);
    expect(planned[4]?.message).toMatch(/^VMO_TWIN_PURE_API_TOKEN, VMO_TWIN_GRAFANA_ADMIN_PASSWORD are not set: the cluster's profile variables take their values from the environment/);
    expect(f.state.profiles).toEqual([]);

    const run = await apply(f, cwd, ['--yes']);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`+ created   profile/${SITE}-infra@1.0.0: imported and published`);
    expect(run.stdout).toContain(`+ created   cluster/${SITE}: control-plane-pool × 3, worker-pool × 5`);
    expect(canonical(f)).toEqual(CONVERGED);
    const cluster = f.state.clusters[0];
    const vars = Object.fromEntries(cluster?.body.spec.profiles.flatMap((p) => p.variables.map((v) => [v.name, v.value])) ?? []);
    expect(vars['pureApiToken']).toBe(PALETTE_ENV['VMO_TWIN_PURE_API_TOKEN']);
    expect(cluster?.accountUid).toBe(f.state.accounts.find((a) => a.name === 'maas' && a.scope === PROJECT)?.uid);
    // Import, then publish: one PATCH per profile; the account list read in pages of 2.
    expect(f.server.calls.filter((c) => c.method === 'PATCH').length).toBe(3);
    expect(f.server.calls.filter((c) => c.path === '/v1/cloudaccounts/maas').length).toBeGreaterThanOrEqual(3);

    const calls = f.server.calls.length;
    const again = await apply(f, cwd, ['--yes', '--json']);
    expect(again.status, again.stderr).toBe(0);
    const j = JSON.parse(again.stdout) as JsonRun;
    expect(j.objects.every((o) => o.status === 'unchanged')).toBe(true);
    expect(j.objects.map((o) => o.id)).toContain(`pool/${SITE}/worker-pool`);
    expect(f.server.calls.slice(calls).filter((c) => c.method !== 'GET' && !c.path.startsWith('/v1/dashboard/'))).toEqual([]);
    expectNoSecrets([dry.stdout, dry.stderr, run.stdout, run.stderr, again.stdout, again.stderr, ...filesUnder(join(cwd, '.vmo-twin'))]);
  });

  it('updates a machine pool in place, and refuses to change a published profile without a new version', async () => {
    const f = await fake();
    const cwd = workDir();
    expect((await apply(f, cwd, ['--yes'])).status).toBe(0);
    const grow = await apply(f, cwd, ['--yes', '--json', '--set', 'nodes.workers.count=6']);
    expect(grow.status, grow.stderr).toBe(0);
    const pool = (JSON.parse(grow.stdout) as JsonRun).objects.find((o) => o.id === `pool/${SITE}/worker-pool`);
    expect(pool?.status).toBe('update');
    expect(pool?.changes).toEqual([
      { field: 'size', from: '5', to: '6' },
      { field: 'minSize', from: '5', to: '6' },
      { field: 'maxSize', from: '5', to: '6' },
    ]);
    expect(f.state.clusters[0]?.pools.find((p) => p['name'] === 'worker-pool')?.['size']).toBe(6);

    const changed = await apply(f, cwd, ['--set', 'kubernetes.maxPodsPerNode=200', '--set', 'nodes.workers.count=6']);
    expect(changed.status).toBe(1);
    expect(changed.stdout).toMatch(new RegExp(`! conflict  profile/${SITE}-infra@1\\.0\\.0: packs\\[ubuntu-maas\\]\\.values \\d+ lines → \\d+ lines, 1 differ; Palette has ${SITE}-infra@1\\.0\\.0 with other content; apply never changes a published version in place: raise the version \\(--set palette\\.profileVersion=…\\)`));
    const bumped = await apply(f, cwd, ['--yes', '--set', 'kubernetes.maxPodsPerNode=200', '--set', 'nodes.workers.count=6', '--set', 'palette.profileVersion=1.1.0']);
    expect(bumped.status).toBe(1);
    expect(bumped.stdout).toContain(`+ created   profile/${SITE}-infra@1.1.0: imported and published`);
    expect(bumped.stdout).toMatch(new RegExp(`! conflict  cluster/${SITE}: profiles ${SITE}-infra \\(\\w+\\), ${SITE}-core \\(\\w+\\), ${SITE}-templates \\(\\w+\\) → ${SITE}-infra@1\\.1\\.0, ${SITE}-core@1\\.1\\.0, ${SITE}-templates@1\\.1\\.0; the cluster runs other profiles than the site's`));
    expect(f.state.profiles).toHaveLength(6);
  });

  it('with --prune deletes older versions of the site\'s profiles that no cluster uses', async () => {
    const f = await fake();
    const cwd = workDir();
    await apply(f, cwd, ['--yes'], { env: { VMO_TWIN_PURE_API_TOKEN: '' } });
    expect(f.state.profiles).toHaveLength(3);
    const r = await apply(f, cwd, ['--yes', '--prune', '--set', 'palette.profileVersion=2.0.0'], { env: { VMO_TWIN_PURE_API_TOKEN: '' } });
    expect(r.stdout).toContain(`- deleted   prune/profile/${SITE}-infra@1.0.0: deleted ${SITE}-infra@1.0.0 (no cluster used it)`);
    expect(f.state.profiles.map((p) => p.body.spec.version)).toEqual(['2.0.0', '2.0.0', '2.0.0']);
  });

  it('stops with exit 2 on a refused key or an unknown project, and never prints the key', async () => {
    const f = await fake();
    const wrong = await apply(f, workDir(), [], { env: { PALETTE_API_KEY: 'TstWrongPaletteKey-000000000' } });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('error: Palette refused the API key (401: the request has no valid API key)');
    const project = await cliAsync(['apply', 'palette', scenario(SITE), '--endpoint', f.endpoint, '--project-uid', 'nope'], { cwd: workDir(), env: { PALETTE_API_KEY: PALETTE_KEY, ...PALETTE_ENV } });
    expect(project.status).toBe(2);
    expect(project.stderr).toContain('does not allow this key to GET /v1/cloudaccounts/maas (403: the project does not exist or the key has no access to it)');
    expect(project.stderr).toContain('hint: check that the key\'s user has the right role in the project (--project-uid)');
    expect(STACK.test(wrong.stderr + project.stderr)).toBe(false);
    expectNoSecrets([wrong.stdout, wrong.stderr, project.stdout, project.stderr], [PALETTE_KEY, 'TstWrongPaletteKey-000000000']);
  });
});

describe('apply palette under faults', () => {
  it('survives 429s, a dropped import and a 500 after the cluster was created, creating nothing twice', async () => {
    const f = await fake();
    f.server.faults = [
      { kind: '429', calls: [2, 9], retryAfter: 1 },
      { kind: 'drop', calls: [1], match: (r) => r.path === '/v1/clusterprofiles/import' },
      { kind: '500', afterHandling: true, calls: [1], match: (r) => r.path === '/v1/spectroclusters/maas' },
    ];
    const r = await apply(f, workDir(), ['--yes']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(canonical(f)).toEqual(CONVERGED);
    expect(r.stdout).toMatch(/created +profile\/minimal-5-infra@1\.0\.0: imported and published; confirmed by looking it up after the connection closed before the whole answer arrived/);
    expect(r.stdout).toMatch(/created +cluster\/minimal-5: .*; confirmed by looking it up after 500 Internal Server Error/);
    expect(f.server.calls.filter((c) => c.path === '/v1/spectroclusters/maas' && c.method === 'POST')).toHaveLength(1);
  }, 30_000);

  it('reports Palette failing on every call with exit 2 and a clear message', async () => {
    const f = await fake();
    f.server.faults = [{ kind: '503' }];
    const r = await apply(f, workDir(), ['--yes', '--retries', '2']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error: Palette kept failing: GET /v1/cloudaccounts/maas: 503 Service Unavailable, 3 attempts');
    expect(STACK.test(r.stderr)).toBe(false);
  });

  for (const k of [1, 4, 7]) {
    it(`killed after Palette's change #${k}, resumes and ends with three profiles and one cluster`, async () => {
      const f = await fake();
      const cwd = workDir();
      let child: ChildProcess | undefined;
      let n = 0;
      f.server.onHandled = () => {
        if (++n === k) child?.kill('SIGKILL');
      };
      const killed = await apply(f, cwd, ['--yes'], { onStart: (c) => (child = c) });
      expect(killed.signal).toBe('SIGKILL');
      delete f.server.onHandled;
      const resumed = await apply(f, cwd, ['--yes', '--json']);
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(canonical(f)).toEqual(CONVERGED);
      expect((JSON.parse(resumed.stdout) as JsonRun).objects.some((o) => o.journal)).toBe(true);
      expectNoSecrets([killed.stdout, killed.stderr, resumed.stdout, resumed.stderr, ...filesUnder(join(cwd, '.vmo-twin'))]);
    }, 30_000);
  }
});
