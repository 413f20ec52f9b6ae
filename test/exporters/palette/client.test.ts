/**
 * The Palette client: the API root from what people type, the ApiKey and ProjectUid headers,
 * and lists read to the end by following `listmeta.continue` (against the fake Palette,
 * whose pages are 2 items long here).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HttpTransport } from '../../../src/exporters/apply/http.js';
import { makeCaller } from '../../../src/exporters/apply/retry.js';
import { Secrets } from '../../../src/exporters/apply/secrets.js';
import { PaletteClient, paletteApiRoot } from '../../../src/exporters/palette/client.js';
import { FakePalette } from '../../fakes/palette.js';
import { PALETTE_KEY } from '../../helpers/fakes.js';

let fake: FakePalette | undefined;
let transport: HttpTransport | undefined;
afterEach(async () => {
  transport?.close();
  await fake?.server.stop();
});
function client(project: string | undefined, key = PALETTE_KEY): PaletteClient {
  transport = new HttpTransport({ tls: {}, timeoutMs: 2000, maxSockets: 1, userAgent: 't' });
  const t = transport;
  const caller = makeCaller({ send: (r) => t.send(r), policy: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 }, seed: 1 });
  return new PaletteClient(new URL(`${fake?.endpoint ?? ''}/`), key, project, caller, new Secrets());
}

describe('the Palette API root', () => {
  it('drops a trailing /v1 and slashes, keeps a path prefix of a self-hosted Palette', () => {
    for (const [e, root] of [
      ['https://api.spectrocloud.com', 'https://api.spectrocloud.com/'],
      ['https://api.spectrocloud.com/v1/', 'https://api.spectrocloud.com/'],
      ['https://palette.lab/api/', 'https://palette.lab/api/'],
    ] as const) {
      const r = paletteApiRoot(e);
      expect(r.ok && r.root.toString()).toBe(root);
    }
    expect(paletteApiRoot('api.spectrocloud.com').ok).toBe(false);
  });
});

describe('Palette lists', () => {
  it('are read page after page until continue comes back empty, in the project of ProjectUid', async () => {
    fake = await new FakePalette({ key: PALETTE_KEY, projects: ['p1'], pageSize: 2 }).start();
    for (let i = 1; i <= 5; i++) fake.addAccount(`acct-${i}`, 'p1');
    fake.addAccount('tenant-acct', 'tenant');
    const r = await client('p1').list('GET', '/v1/cloudaccounts/maas');
    expect(r.ok && r.pages).toBe(3);
    expect(r.ok && r.items.map((x) => (x as { metadata: { name: string } }).metadata.name)).toEqual(['acct-1', 'acct-2', 'acct-3', 'acct-4', 'acct-5']);
    const tenant = await client(undefined).list('GET', '/v1/cloudaccounts/maas');
    expect(tenant.ok && tenant.items).toHaveLength(1);
    const calls = fake.server.calls.filter((c) => c.path === '/v1/cloudaccounts/maas');
    expect(calls).toHaveLength(4);
  });
  it('stop at a refused key with the fatal outcome', async () => {
    fake = await new FakePalette({ key: PALETTE_KEY }).start();
    const r = await client(undefined, 'TstNotTheKey-0000').list('GET', '/v1/cloudaccounts/maas');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.outcome.kind).toBe('fatal');
  });
});
