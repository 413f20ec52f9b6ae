/**
 * Apply and import on the built output (dist/), in-process, against the fake MAAS of the tests
 * on loopback: the RA's 64 machines applied from scratch, applied again (all unchanged), and
 * read back into a site file. Loopback and an in-memory MAAS make these the cost of vmo-twin's
 * own work per call (a real MAAS answers in 0.05–1 s a call, maas-api.md §7.2: that, not this,
 * bounds a real apply).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { HttpTransport } from '../dist/exporters/apply/http.js';
import { applyMaasPlan } from '../dist/exporters/apply/maas.js';
import { siteLocator } from '../dist/exporters/apply/paths.js';
import { makeCaller } from '../dist/exporters/apply/retry.js';
import { Secrets } from '../dist/exporters/apply/secrets.js';
import { buildMaasPlan } from '../dist/exporters/maas/build.js';
import { MaasClient, parseMaasKey } from '../dist/exporters/maas/client.js';
import { readMaas, siteFromMaas } from '../dist/exporters/maas/import.js';
import { loadSiteText } from '../dist/model/load.js';
import { compileTwin } from '../dist/model/twin.js';
import { FakeMaas } from '../test/fakes/maas.js';
import { seed } from '../test/fakes/seed.js';
import { MAAS_KEY } from '../test/helpers/fakes.js';
import { twinOf } from '../test/helpers/site.js';

/** The site compiled by the built code (the plan) and by the sources (the fake's seed, a test helper). */
function distTwin() {
  const loaded = loadSiteText(readFileSync(join(import.meta.dirname, '..', 'scenarios', 'vmo-ra-64.yaml'), 'utf8'), 'vmo-ra-64.yaml');
  if (loaded.kind !== 'loaded') throw new Error('vmo-ra-64 must load');
  const r = compileTwin(loaded.site);
  if (r.kind !== 'compiled') throw new Error('vmo-ra-64 must compile');
  return r.twin;
}
const twin = twinOf('vmo-ra-64');
const plan = buildMaasPlan(distTwin());
const key = parseMaasKey(MAAS_KEY);
if (!key.ok) throw new Error('test key');

async function session(fake: FakeMaas) {
  const transport = new HttpTransport({ tls: {}, timeoutMs: 30_000, maxSockets: 4, userAgent: 'bench' });
  const caller = makeCaller({ send: (r) => transport.send(r), policy: { attempts: 5, baseDelayMs: 10, maxDelayMs: 100, maxRetryAfterMs: 1000 }, seed: 1 });
  return { transport, client: new MaasClient(new URL(`${fake.endpoint}/api/2.0/`), key.ok ? key.key : (undefined as never), caller, new Secrets()) };
}
async function apply(fake: FakeMaas): Promise<number> {
  const { transport, client } = await session(fake);
  const calls = fake.server.calls.length;
  const r = await applyMaasPlan(plan, client, { mode: 'apply', prune: false, parallel: 4, locate: siteLocator(undefined) });
  transport.close();
  if (r.fatal || r.objects.length !== 947) throw new Error('the apply must converge on 947 objects');
  return fake.server.calls.length - calls;
}

const fresh = await new FakeMaas({ key: MAAS_KEY }).start();
const applied = await new FakeMaas({ key: MAAS_KEY }).start();
seed(applied, twin);
await apply(applied);

describe('apply', () => {
  bench(
    'apply maas vmo-ra-64 --yes, from a freshly commissioned MAAS (64 machines, 947 objects, ~1,830 calls)',
    async () => {
      seed(fresh, twin);
      fresh.server.calls.length = 0;
      await apply(fresh);
    },
    { iterations: 5, time: 0 },
  );
  bench(
    'apply maas vmo-ra-64 --yes again: all 947 objects unchanged (~450 calls)',
    async () => {
      const n = await apply(applied);
      if (n > 600) throw new Error(`a re-apply reads, it made ${n} calls`);
    },
    { iterations: 5, time: 0 },
  );
  bench(
    'import maas of the applied vmo-ra-64 (64 machines → site file)',
    async () => {
      const { transport, client } = await session(applied);
      const inv = await readMaas(client, { pools: [], parallel: 4 });
      transport.close();
      if (siteFromMaas(inv, { pools: [] }).machines !== 64) throw new Error('64 machines');
    },
    { iterations: 5, time: 0 },
  );
});
