/**
 * `vmo-twin demo`: the main job on the embedded reference scenario — validate, size (and, as
 * they land, the drills and the report) — with a short summary.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { countBySeverity } from '../../model/diagnostics.js';
import { sizeReport } from '../../planner/size.js';
import type { Io } from '../io.js';
import { fmtInt, stableStringify } from '../output.js';
import { referenceScenario } from '../paths.js';
import { loadAndValidate, reportLoadFailure } from '../site-args.js';

interface Args {
  readonly json: boolean;
  readonly site?: string;
}

export function demoCommand(io: Io, exit: (code: 0 | 1 | 2) => void): CommandModule<object, Args> {
  return {
    command: 'demo',
    describe: 'run the main job on the embedded reference scenario (64 nodes, 12,500 VMs)',
    builder: (y: Argv) =>
      y
        .option('json', { type: 'boolean', default: false, describe: 'the summary as JSON' })
        .option('site', { type: 'string', describe: 'run on another site file instead of the reference' })
        .example('$0 demo', 'validate and size the reference architecture\'s own cluster') as unknown as Argv<Args>,
    handler: (argv: ArgumentsCamelCase<Args>) => {
      const file = argv.site ?? referenceScenario();
      const loaded = loadAndValidate(file, []);
      if (loaded.kind === 'failed') return exit(reportLoadFailure(io, { site: file, set: [], json: argv.json }, loaded));
      const counts = countBySeverity(loaded.diagnostics);
      const size = sizeReport(loaded.twin);
      if (argv.json) {
        io.out(stableStringify({ site: size.site, validate: { errors: counts.error, warnings: counts.warning, codes: loaded.diagnostics.map((d) => d.code) }, size }));
        return exit(loaded.exitCode);
      }
      const s = io.style;
      const lines = [
        s.bold(`vmo-twin demo — ${size.site} (${fmtInt(size.nodes.active)} nodes, ${fmtInt(size.vms.requested)} VMs)`),
        `validate  ${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}${loaded.diagnostics.length ? ` (${[...new Set(loaded.diagnostics.map((d) => d.code))].join(', ')})` : ''}`,
        `pods      ${fmtInt(size.pods.capacity)} capacity − ${fmtInt(size.pods.overhead)} overhead = ${fmtInt(size.pods.availableForVms)} for VMs (RA §Solution Sizing)`,
        `capacity  ${size.vms.capacity === null ? '—' : fmtInt(size.vms.capacity)} VMs of this mix fit; ${size.vms.bindingConstraint ?? 'nothing'} binds first`,
        `headroom  ${size.headroom.nodeFailuresTolerated} workers can fail with every VM still placeable${size.headroom.limitedBy ? ` (${size.headroom.limitedBy} next)` : ''}`,
        `storage   ${fmtInt(size.storage.usedTiB)} TiB used of a ${fmtInt(size.storage.portworxPoolTiB)} TiB Portworx pool`,
        `control   ${size.controlPlane.recommendedCores} cores / ${size.controlPlane.recommendedMemoryGiB} GiB per control-plane node (RA table)`,
        s.dim(`site file: ${file}`),
      ];
      io.out(lines.join('\n'));
      exit(loaded.exitCode);
    },
  };
}
