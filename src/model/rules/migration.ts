/**
 * Live migrations that can never converge: a VM class whose guest dirties memory faster than a
 * migration from the slowest worker can send it (a rule on the compiled twin: it needs the
 * workers' migration links).
 */
import { EVICTION_CODE } from '../overhead.js';
import type { Finding, Twin } from '../twin.js';

/** Mb/s → MiB/s. */
const MBPS_TO_MIBPS = 1e6 / 8 / (1024 * 1024);

/**
 * Pre-copy sends the guest's memory in rounds, each the pages dirtied during the one before;
 * it reaches stop-and-copy only if the link outruns the dirtying (behaviour.md §2, SimGrid's
 * `VmLiveMigration.cpp` model). Migrations leaving a worker share its migration link, each
 * capped by bandwidthPerMigration (behaviour.md §1). A class that dirties faster than its share
 * when parallelOutboundPerNode leave at once does not converge then (KubeVirt aborts on the
 * progress timeout and retries after a backoff); one that dirties faster than the whole link
 * never does, and a drain of a worker holding it never finishes, unless post-copy (always
 * completes) or auto-converge (throttles the guest) is allowed. The slowest active worker is
 * the one judged. Classes without a dirtyRate are left to the simulator, which assumes one per
 * drill.
 */
export function migrationRules(twin: Twin, out: Finding[]): void {
  const m = twin.site.kubevirt.migration;
  if (m.allowPostCopy || m.allowAutoConverge) return;
  const { nodes, vmClasses, workers } = twin;
  if (workers.length === 0) return;
  // The slowest (active) worker's migration link.
  let slowest = workers[0] as number;
  for (const n of workers) if ((nodes.migrationMbps[n] as number) < (nodes.migrationMbps[slowest] as number)) slowest = n;
  const linkMbps = nodes.migrationMbps[slowest] as number;
  if (linkMbps <= 0) return;
  const cap = m.bandwidthPerMigration > 0 ? m.bandwidthPerMigration : Infinity;
  const aloneMbps = Math.min(linkMbps, cap);
  const sharedMbps = Math.min(linkMbps / Math.max(1, m.parallelOutboundPerNode), cap);
  const mibps = (x: number): string => `${Number(x.toFixed(1))} MiB/s`;
  for (let k = 0; k < vmClasses.count; k++) {
    const dirty = vmClasses.dirtyRateMiBps[k] as number;
    const ev = vmClasses.eviction[k] as number;
    if (Number.isNaN(dirty) || (vmClasses.vmCount[k] as number) === 0) continue;
    if (ev !== EVICTION_CODE.LiveMigrate && ev !== EVICTION_CODE.LiveMigrateIfPossible) continue;
    if (dirty < sharedMbps * MBPS_TO_MIBPS) continue;
    const alone = dirty >= aloneMbps * MBPS_TO_MIBPS;
    const from = `from ${nodes.names[slowest]} (${linkMbps} Mb/s migration link${cap < Infinity ? `, bandwidthPerMigration ${cap} Mb/s` : ''})`;
    out.push({
      path: ['workloads', 'vmClasses', k, 'dirtyRate'],
      code: 'migration-cannot-converge',
      message: alone
        ? `class ${vmClasses.names[k]} dirties memory at ${mibps(dirty)}, and a migration ${from} gets at most ${mibps(aloneMbps * MBPS_TO_MIBPS)} even alone: pre-copy never converges, and a drain of a worker holding one never finishes`
        : `class ${vmClasses.names[k]} dirties memory at ${mibps(dirty)}, and a migration ${from} gets ${mibps(sharedMbps * MBPS_TO_MIBPS)} when ${m.parallelOutboundPerNode} leave the worker at once: those never converge (they fail on the progress timeout and retry); only one running alone can complete`,
      hint: 'allow post-copy (kubevirt.migration.allowPostCopy: it always completes) or auto-converge (allowAutoConverge: throttles the guest), allow fewer outbound migrations per node, or give the migration network a faster link',
    });
  }
}
