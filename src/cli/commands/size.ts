/**
 * `vmo-twin size SITE`: the reference architecture's Solution Sizing for this site, and the
 * binding constraint.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { sizeReport, type SizeReport } from '../../planner/size.js';
import type { Io } from '../io.js';
import { fmtInt, stableStringify, table, type Style } from '../output.js';
import { loadAndValidate, requireValidSite, withSiteOptions, type SiteArgs } from '../site-args.js';

interface Args extends SiteArgs {
  readonly force: boolean;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function formatSize(r: SizeReport, style: Style): string {
  const lim = (x: number | null): string => (x === null ? '—' : fmtInt(x));
  const rows: string[][] = [
    ['pod CIDR', `${r.podCidr.cidr}: ${r.podCidr.blocks} × /${r.podCidr.blockPrefix} blocks, ${r.podCidr.nodes} held, ${r.podCidr.spareBlocks} spare (${r.podCidr.spareNeeded} needed for surge repaves)`],
    ['nodes', `${r.nodes.active} active: ${r.nodes.controlPlane} control plane + ${r.nodes.workers} workers; ${r.nodes.spareMachines} spare machine${r.nodes.spareMachines === 1 ? '' : 's'}; ${r.nodes.storageNodes} Portworx storage nodes`],
    ['pods', `${r.pods.perNode} per node × ${r.nodes.active} = ${fmtInt(r.pods.capacity)}; overhead ${fmtInt(r.pods.overhead)}; ${fmtInt(r.pods.availableForVms)} left for VMs and workloads (${fmtInt(r.pods.vmSlotsOnWorkers)} slots on workers)`],
    ['VMs', `${fmtInt(r.vms.requested)} requested, ${fmtInt(r.vms.placed)} placed; ${r.vms.perNodeAverage} per worker on average, ${r.vms.perNodeMax} at most`],
    ['memory', `${fmtInt(r.memory.requestedGiB)} GiB of ${fmtInt(r.memory.allocatableGiB)} GiB allocatable on workers (${pct(r.memory.utilization)}), virt-launcher overhead included`],
    ['CPU', `${fmtInt(r.cpu.vcpu)} vCPU at ${r.cpu.allocationRatio}:1 = ${fmtInt(r.cpu.requestedCores)} cores of ${fmtInt(r.cpu.allocatableCores)} (${pct(r.cpu.utilization)})`],
    ['storage', `${fmtInt(r.storage.logicalTiB)} TiB of VM disks × repl ${r.storage.replication} = ${fmtInt(r.storage.usedTiB)} TiB; Portworx pool ${fmtInt(r.storage.portworxPoolTiB)} TiB (${pct(r.storage.poolUtilization)}), array ${fmtInt(r.storage.arrayEffectiveTiB)} TiB effective`],
    ['control plane', `RA table: ${r.controlPlane.recommendedCores} cores / ${r.controlPlane.recommendedMemoryGiB} GiB${r.controlPlane.beyondTable ? ' (past the table, extrapolated)' : ''}; have ${r.controlPlane.cores} cores / ${r.controlPlane.memoryGiB} GiB`],
  ];
  const limits = `pods ${lim(r.vms.limits.pods)}, memory ${lim(r.vms.limits.memory)}, CPU ${lim(r.vms.limits.cpu)}, storage ${lim(r.vms.limits.storage)}`;
  const capacity =
    r.vms.capacity === null
      ? 'no VMs requested'
      : `${style.bold(fmtInt(r.vms.capacity))} VMs of this mix fit; ${style.bold(r.vms.bindingConstraint ?? '')} binds first (${limits})`;
  const headroom = `${style.bold(String(r.headroom.nodeFailuresTolerated))} worker${r.headroom.nodeFailuresTolerated === 1 ? '' : 's'} can be lost with every VM still placeable${r.headroom.limitedBy ? ` (then ${r.headroom.limitedBy} runs out)` : ''}; Portworx keeps every volume online through ${r.headroom.volumeFailuresTolerated} and quorum through ${r.headroom.quorumFailuresTolerated} storage-node losses`;
  return `${style.bold(`Sizing of ${r.site}`)}\n${table(rows)}\n\ncapacity  ${capacity}\nheadroom  ${headroom}`;
}

export function sizeCommand(io: Io, exit: (code: 0 | 1 | 2) => void): CommandModule<object, Args> {
  return {
    command: 'size <site>',
    describe: 'capacity figures and the binding constraint',
    builder: (y: Argv) =>
      withSiteOptions(y)
        .option('force', { type: 'boolean', default: false, describe: 'size a site that has validation errors' })
        .example('$0 size scenarios/vmo-ra-64.yaml', 'the RA\'s Solution Sizing for its own cluster')
        .example('$0 size site.yaml --set nodes.workers.count=40 --json', 'what 40 workers hold, as JSON') as unknown as Argv<Args>,
    handler: (argv: ArgumentsCamelCase<Args>) => {
      const loaded = requireValidSite(io, argv, loadAndValidate(argv.site, argv.set), argv.force);
      if (!('twin' in loaded)) return exit(loaded.exitCode);
      const report = sizeReport(loaded.twin);
      io.out(argv.json ? stableStringify(report) : formatSize(report, io.style));
      exit(0);
    },
  };
}
