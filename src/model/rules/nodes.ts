/**
 * Node-count and machine rules: workers for Portworx quorum, the control plane's count and
 * size (RA §Hardware resources), spare machines for surge repaves.
 */
import { controlPlaneAdvice, RA_MIN_WORKERS, RA_RECOMMENDED_WORKERS } from '../reference.js';
import type { Site } from '../site.js';
import type { Finding } from '../twin.js';

export function nodeRules(site: Site, out: Finding[]): void {
  const { controlPlane: cp, workers } = site.nodes;
  if (workers.count < RA_MIN_WORKERS) {
    out.push({
      path: ['nodes', 'workers', 'count'],
      code: 'too-few-workers',
      message: `${workers.count} worker${workers.count === 1 ? '' : 's'}: Portworx needs 3 for quorum and 1 more to lose one without impact`,
      hint: `use at least ${RA_MIN_WORKERS} workers, ${RA_RECOMMENDED_WORKERS} recommended — RA §Hardware resources`,
      fix: { set: [`nodes.workers.count=${RA_RECOMMENDED_WORKERS}`] },
    });
  } else if (workers.count < RA_RECOMMENDED_WORKERS) {
    out.push({
      path: ['nodes', 'workers', 'count'],
      code: 'below-recommended-workers',
      message: `${workers.count} workers is the minimum; the reference recommends ${RA_RECOMMENDED_WORKERS}`,
      hint: `add a worker: with ${workers.count}, a repave or a failure leaves Portworx at bare quorum — RA §Hardware resources`,
    });
  }
  if (![1, 3, 5].includes(cp.count)) {
    out.push({
      path: ['nodes', 'controlPlane', 'count'],
      code: 'control-plane-count',
      message: `${cp.count} control-plane machines`,
      hint: 'Palette control-plane pools are 1, 3 or 5 machines (odd, for etcd quorum); the RA assumes at least 3',
    });
  } else if (cp.count === 1) {
    out.push({ path: ['nodes', 'controlPlane', 'count'], code: 'control-plane-count', severity: 'warning', message: 'one control-plane machine: losing it stops the cluster', hint: 'use 3 — the RA table assumes at least 3 control-plane nodes' });
  }
  if (cp.updateStrategy === 'RollingUpdateScaleIn' && cp.count < 3) {
    out.push({ path: ['nodes', 'controlPlane', 'updateStrategy'], code: 'control-plane-count', message: `maxSurge 0 (RollingUpdateScaleIn) needs at least 3 control-plane machines, not ${cp.count}`, hint: 'use RollingUpdateScaleOut, or 3 control-plane machines (cluster-api KubeadmControlPlane webhook)' });
  }
  const hw = site.hardware.get(cp.hardware);
  if (hw) {
    const advice = controlPlaneAdvice(workers.count, site.workloads.namespaces);
    const memGiB = hw.memory / 1024;
    if (hw.cores < advice.cores || memGiB < advice.memoryGiB) {
      out.push({
        path: ['hardware', cp.hardware],
        code: 'control-plane-undersized',
        message: `control-plane class ${cp.hardware} has ${hw.cores} cores and ${Math.round(memGiB * 10) / 10} GiB; ${workers.count} workers${site.workloads.namespaces ? ` and ${site.workloads.namespaces} namespaces` : ''} call for ${advice.cores} cores and ${advice.memoryGiB} GiB`,
        hint: advice.row ? `RA §Hardware resources, control-plane table: up to ${advice.row.workers} workers / ${advice.row.namespaces} namespaces → ${advice.row.cores} cores, ${advice.row.memoryGiB} GB` : 'past the RA table (500 workers); vmo-twin doubles the last row per doubling of the cluster',
        fix: { cores: advice.cores, memoryGiB: advice.memoryGiB },
      });
    }
  }
  for (const role of ['controlPlane', 'workers'] as const) {
    const pool = site.nodes[role];
    if (pool.updateStrategy === 'RollingUpdateScaleOut' && pool.spares === 0 && pool.count > 0) {
      out.push({
        path: ['nodes', role, 'spares'],
        code: 'no-spare-machine',
        message: `nodes.${role} repaves with surge (RollingUpdateScaleOut) but keeps no spare machine in resource pool ${pool.resourcePool}`,
        hint: role === 'controlPlane' ? 'keep one free machine for the surge — RA §Solution Sizing "1 node must be kept in spare"' : 'keep a free machine in the pool, or use RollingUpdateScaleIn (Palette guidance for Portworx workers)',
        fix: { set: [`nodes.${role}.spares=1`] },
      });
    }
  }
}
