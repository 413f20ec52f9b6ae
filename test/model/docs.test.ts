import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteFileReference } from '../../src/model/docs.js';
import { ROOT } from '../helpers/site.js';

describe('docs/site-file.md', () => {
  it('is what the codecs generate (run `npm run docs` after changing the format)', () => {
    expect(readFileSync(join(ROOT, 'docs', 'site-file.md'), 'utf8')).toBe(siteFileReference());
  });
  it('documents every key path of the public contract', () => {
    const doc = siteFileReference();
    for (const p of ['kubernetes.podCidr', 'nodes.workers.count', 'hostNetwork.bonds[].mode', 'hostNetwork.bridge.allowedVlansOnSelf', 'storage.portworx.maxStorageNodes', 'workloads.vmClasses[].evictionStrategy', 'kubevirt.migration.completionTimeoutPerGiB', 'descheduler.lowNodeUtilization.targetThresholds.memory', 'hardware.<name>.hbas[].fabric']) {
      expect(doc).toContain(`\`${p}\``);
    }
  });
});
