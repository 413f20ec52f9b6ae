/**
 * `vmo-twin demo`: the main job on the embedded reference scenario — validate, size, run the
 * drills and write the HTML report — with a ten-line summary that ends with the report's path.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { countBySeverity } from '../../model/diagnostics.js';
import { sizeReport } from '../../planner/size.js';
import type { SimResult } from '../../sim/result.js';
import { defaultWorkers, runDrills, type DrillRequest } from '../drills.js';
import type { Io } from '../io.js';
import { fmtInt, stableStringify } from '../output.js';
import { referenceScenario } from '../paths.js';
import { progressFor, withQuietOption } from '../progress.js';
import { buildReport, count, drillLine, fmtBytes, reportExitCode, writeWhole } from '../report-build.js';
import { loadAndValidate, reportLoadFailure } from '../site-args.js';

interface Args {
  readonly json: boolean;
  readonly site?: string;
  readonly out: string;
  readonly quiet: boolean;
}

/** What demo runs: a full repave and a Monte Carlo of node failures. */
export const DEMO_DRILLS: readonly DrillRequest[] = [
  { drill: 'repave-all', runs: 1 },
  { drill: 'node-failure', runs: 200 },
];
export const DEMO_SEED = 1;
export const DEMO_REPORT = 'vmo-twin-report.html';

export function demoCommand(io: Io, exit: (code: 0 | 1 | 2) => void): CommandModule<object, Args> {
  return {
    command: 'demo',
    describe: 'run the main job on the embedded reference scenario (64 nodes, 12,500 VMs) and write an HTML report',
    builder: (y: Argv) =>
      withQuietOption(y)
        .option('json', { type: 'boolean', default: false, describe: 'the summary as JSON' })
        .option('site', { type: 'string', describe: 'run on another site file instead of the reference' })
        .option('out', { alias: 'o', type: 'string', default: DEMO_REPORT, requiresArg: true, describe: 'where to write the HTML report' })
        .example('$0 demo', `validate and size the reference architecture's own cluster; writes ./${DEMO_REPORT}`)
        .example('$0 demo --site site.yaml --out site.html', 'the same for your own site file') as unknown as Argv<Args>,
    handler: async (argv: ArgumentsCamelCase<Args>) => {
      const file = argv.site ?? referenceScenario();
      const label = argv.site ?? 'scenarios/vmo-ra-64.yaml (embedded)';
      const loaded = loadAndValidate(file, []);
      if (loaded.kind === 'failed') return exit(reportLoadFailure(io, { site: file, set: [], json: argv.json }, loaded));
      const counts = countBySeverity(loaded.diagnostics);
      const size = sizeReport(loaded.twin);
      const drills: SimResult[] = await runDrills(loaded.twin, DEMO_DRILLS, { seed: DEMO_SEED, workers: defaultWorkers() }, progressFor(io, argv));
      const { html, manifest } = buildReport({ loaded, label, sets: [], drills });
      const path = writeWhole(argv.out, html);
      const bytes = Buffer.byteLength(html);
      const code = Math.max(loaded.exitCode, reportExitCode(loaded, drills)) as 0 | 1;
      if (argv.json) {
        io.out(
          stableStringify({
            site: size.site,
            validate: { errors: counts.error, warnings: counts.warning, codes: loaded.diagnostics.map((d) => d.code) },
            size,
            drills: DEMO_DRILLS.map((d, i) => {
              const r = drills[i];
              return { drill: d.drill, runs: r?.runs ?? d.runs, ok: r?.ok ?? null, failedGates: (r?.gates ?? []).filter((g) => !g.ok).map((g) => g.name) };
            }),
            report: { path, bytes, sections: manifest.sections.length, charts: manifest.charts.length },
          }),
        );
        return exit(code);
      }
      const s = io.style;
      const row = (label: string, text: string): string => `${label.padEnd(14)}${text}`;
      const lines = [
        s.bold(`vmo-twin demo — ${size.site} (${fmtInt(size.nodes.active)} nodes, ${fmtInt(size.vms.requested)} VMs) from ${label}`),
        row('validate', `${count(counts.error, 'error')}, ${count(counts.warning, 'warning')}${loaded.diagnostics.length ? ` (${[...new Set(loaded.diagnostics.map((d) => d.code))].join(', ')})` : ''}`),
        row('pods', `${fmtInt(size.pods.capacity)} capacity − ${fmtInt(size.pods.overhead)} overhead = ${fmtInt(size.pods.availableForVms)} for VMs (RA §Solution Sizing)`),
        row('capacity', `${size.vms.capacity === null ? '—' : fmtInt(size.vms.capacity)} VMs of this mix fit; ${size.vms.bindingConstraint ?? 'nothing'} binds first`),
        row('headroom', `${count(size.headroom.nodeFailuresTolerated, 'worker')} can fail with every VM still placeable${size.headroom.limitedBy ? ` (${size.headroom.limitedBy} next)` : ''}`),
        row('storage', `${fmtInt(size.storage.usedTiB)} TiB used of a ${fmtInt(size.storage.portworxPoolTiB)} TiB Portworx pool`),
        row('control', `${size.controlPlane.recommendedCores} cores / ${size.controlPlane.recommendedMemoryGiB} GiB per control-plane node (RA table)`),
        ...DEMO_DRILLS.map((d, i) => {
          const r = drills[i];
          return row(d.drill, r ? (r.ok ? s.green(drillLine(r)) : s.red(drillLine(r))) : s.dim('not run'));
        }),
        row('report', `${count(manifest.charts.length, 'chart')}, ${fmtBytes(bytes)}: ${path}`),
      ];
      io.out(lines.join('\n'));
      exit(code);
    },
  };
}
