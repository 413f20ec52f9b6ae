/**
 * One contract for every exporter (STYLE habit 8): the same site gives the same bytes,
 * every file lives in its format's folder, ends with one newline, holds no timestamp and
 * no secret, and rendering does not change the twin.
 */
import { describe, expect, it } from 'vitest';
import { FORMATS, renderExport } from '../../src/exporters/index.js';
import { twinOf } from '../helpers/site.js';

const SCENARIOS = ['vmo-ra-64', 'vmo-ra-2nic', 'vmo-ra-128', 'minimal-5'];
const SECRET = 'sekrit-token-do-not-write';

describe.each(FORMATS)('the %s exporter', (format) => {
  for (const name of SCENARIOS) {
    it(`renders ${name} to the same bytes twice, in its own folder, newline-terminated, with no timestamp`, () => {
      const twin = twinOf(name);
      const a = renderExport(twin, [format]);
      const b = renderExport(twinOf(name), [format]);
      expect(a.length).toBeGreaterThan(0);
      expect(b).toEqual(a);
      for (const f of a) {
        expect(f.format).toBe(format);
        expect(f.path.startsWith(`${format}/`)).toBe(true);
        expect(f.content.endsWith('\n')).toBe(true);
        expect(f.content.endsWith('\n\n')).toBe(false);
        expect(f.content).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
      }
      expect(new Set(a.map((f) => f.path)).size).toBe(a.length);
    });
  }
  it('never writes a secret from the environment, even when one is set', () => {
    const saved = { ...process.env };
    for (const k of ['VMO_TWIN_PURE_API_TOKEN', 'VMO_TWIN_PORTWORX_ACTIVATION_ID', 'VMO_TWIN_GRAFANA_ADMIN_PASSWORD', 'VMO_TWIN_FLASHARRAY_ENDPOINT', 'TF_VAR_pure_api_token']) process.env[k] = SECRET;
    try {
      for (const f of renderExport(twinOf('vmo-ra-64'), [format])) expect(f.content).not.toContain(SECRET);
    } finally {
      process.env = saved;
    }
  });
  it('leaves the twin as it was', () => {
    const twin = twinOf('vmo-ra-2nic');
    const before = JSON.stringify({ site: twin.site.metadata, vlans: Array.from(twin.nodes.vmVlanBits.slice(0, 256)), net: twin.roleNetworks.workers.interfaces });
    renderExport(twin, [format]);
    expect(JSON.stringify({ site: twin.site.metadata, vlans: Array.from(twin.nodes.vmVlanBits.slice(0, 256)), net: twin.roleNetworks.workers.interfaces })).toBe(before);
  });
});
