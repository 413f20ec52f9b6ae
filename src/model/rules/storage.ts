/**
 * Storage rules: MAAS must not erase the FlashArray LUNs, Portworx settings (RA §Storage
 * configuration), multipath through both fabrics.
 */
import type { Site } from '../site.js';

/** Palette's Portworx-on-MAAS guidance: worker nodeRepaveInterval ≥ 600 s (palette-api.md §3.3). */
export const PORTWORX_REPAVE_INTERVAL_MS = 600_000;
import type { Finding, Twin } from '../twin.js';

export function storageSiteRules(site: Site, out: Finding[]): void {
  if (site.maas.eraseDisksOnRelease) {
    out.push({
      path: ['maas', 'eraseDisksOnRelease'],
      code: 'maas-erase-on-release',
      message: 'MAAS erases disks on release: every repave would wipe the FlashArray LUNs of the released node',
      hint: 'set maas.eraseDisksOnRelease: false ("Erase nodes\' disks prior to releasing" disabled) — RA §Canonical MAAS configuration',
      fix: { set: ['maas.eraseDisksOnRelease=false'] },
    });
  }
  const px = site.storage.portworx;
  const workers = site.nodes.workers.count;
  if (px.maxStorageNodes !== undefined && px.maxStorageNodes !== workers) {
    out.push({
      path: ['storage', 'portworx', 'maxStorageNodes'],
      code: 'portworx-max-storage-nodes',
      message: `maxStorageNodes is ${px.maxStorageNodes} for ${workers} workers`,
      hint:
        px.maxStorageNodes < workers
          ? `with fewer storage nodes than workers, ${workers - px.maxStorageNodes} workers run storageless; set it to the worker count so LUNs move to the replacement on a repave — RA §Portworx layer`
          : 'set it to the worker count: above it, a repaved node gets new drives and a full resync instead of taking over the old LUNs — RA §Portworx layer',
      fix: { set: [`storage.portworx.maxStorageNodes=${workers}`] },
    });
  }
  const interval = site.nodes.workers.repaveInterval;
  if (workers > 0 && interval < PORTWORX_REPAVE_INTERVAL_MS) {
    out.push({
      path: ['nodes', 'workers', 'repaveInterval'],
      code: 'portworx-repave-interval',
      message: `workers repave ${interval === 0 ? 'back to back' : `${interval / 1000} s apart`}: the next node can go down while Portworx on the last one is still initialising or resyncing`,
      hint: 'set nodes.workers.repaveInterval to 10m or more (Palette nodeRepaveInterval; Portworx-on-MAAS guidance, palette-api.md §3.3); `vmo-twin simulate --drill repave-workers` shows what back-to-back costs',
      fix: { set: ['nodes.workers.repaveInterval=10m'] },
    });
  }
  const hw = site.hardware.get(site.nodes.workers.hardware);
  if (hw) {
    hw.hbas.forEach((h, i) => {
      if (h.protocol !== site.storage.array.protocol) {
        out.push({
          path: ['hardware', site.nodes.workers.hardware, 'hbas', i, 'protocol'],
          code: 'storage-protocol-mismatch',
          message: `worker port ${h.name} speaks ${h.protocol}, the array ${site.storage.array.protocol}`,
          hint: `use ${site.storage.array.protocol} ports, or set storage.array.protocol (Portworx PURE_FLASHARRAY_SAN_TYPE)`,
        });
      }
    });
  }
}

export function storageTwinRules(twin: Twin, out: Finding[]): void {
  const { site, px } = twin;
  const repl = site.storage.portworx.replication;
  if (repl > px.storageNodes) {
    out.push({
      path: ['storage', 'portworx', 'replication'],
      code: 'portworx-replication',
      message: `repl ${repl} needs ${repl} storage nodes; there are ${px.storageNodes}`,
      hint: 'lower the replication or add storage nodes (workers, up to maxStorageNodes)',
    });
  } else if (px.unplacedReplicas > 0) {
    out.push({
      path: ['storage', 'portworx'],
      code: 'storage-exceeds-capacity',
      message: `${px.unplacedReplicas} volume replicas found no storage pool with room`,
      hint: 'add data drives (storage.portworx.dataDrives) or workers',
    });
  }
  const kvdb = site.storage.portworx.kvdbNodes;
  if (kvdb % 2 === 0 || kvdb > px.storageNodes) {
    out.push({
      path: ['storage', 'portworx', 'kvdbNodes'],
      code: 'portworx-kvdb-nodes',
      message: kvdb % 2 === 0 ? `${kvdb} KVDB nodes: an even count adds no fault tolerance` : `${kvdb} KVDB nodes but only ${px.storageNodes} storage nodes`,
      hint: 'the internal KVDB runs on 3 nodes (5 for large clusters), each a storage node — Portworx "Internal KVDB"',
    });
  }
  // Multipath: every worker must reach the array through two independent fabrics.
  const byClass = new Map<string, { nodes: string[]; independent: number; fabrics: readonly string[] }>();
  for (const n of twin.workers) {
    const p = twin.topology.arrayPaths(n);
    if (p.independent >= 2) continue;
    const cls = twin.hardwareNames[twin.nodes.hardware[n] as number] as string;
    const e = byClass.get(cls) ?? { nodes: [], independent: p.independent, fabrics: p.fabrics };
    e.nodes.push(twin.nodes.names[n] as string);
    byClass.set(cls, e);
  }
  const iscsi = site.storage.array.protocol === 'iscsi';
  for (const [cls, e] of byClass) {
    out.push({
      path: ['hardware', cls, 'hbas'],
      code: 'fc-single-fabric',
      message: `${e.nodes.length} worker${e.nodes.length === 1 ? '' : 's'} (${e.nodes.slice(0, 3).join(', ')}${e.nodes.length > 3 ? ', …' : ''}) reach the array through ${e.independent === 0 ? 'no path' : `${iscsi ? 'one subnet' : 'one fabric'} only${e.fabrics.length ? ` (${e.fabrics.join(', ')})` : ''}`}`,
      hint: iscsi
        ? 'give each worker two iSCSI ports on two subnets so multipath survives a switch or port failure'
        : 'give each worker an HBA port on fabric A and one on fabric B (RA: 2× 16 Gbps FC) so multipath survives a fabric failure',
    });
  }
}
