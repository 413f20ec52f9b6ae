/**
 * `vmo-twin report SITE --out report.html`: one self-contained HTML file with the site at a
 * glance, the validation diagnostics, the sizing and a section per drill result — from saved
 * `simulate --json` results (`--results`, merged shard results too) or, once the simulator is
 * connected, from drills it runs (`--drill`, `--runs`).
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { countBySeverity } from '../../model/diagnostics.js';
import type { SimResult } from '../../sim/result.js';
import { checkDrills, defaultWorkers, runDrills } from '../drills.js';
import { UsageError, type Io } from '../io.js';
import { stableStringify } from '../output.js';
import { progressFor, withQuietOption } from '../progress.js';
import { buildReport, count, drillLine, fmtBytes, reportExitCode, writeWhole } from '../report-build.js';
import { readResultsFile } from '../results-file.js';
import { loadAndValidate, reportLoadFailure, withSiteOptions, type SiteArgs } from '../site-args.js';

interface Args extends SiteArgs {
  readonly out: string;
  readonly results: readonly string[];
  readonly drill: readonly string[];
  readonly runs: number;
  readonly seed: number;
  readonly workers?: number;
  readonly quiet: boolean;
}

const NO_DRILLS_HINT =
  'No drill results were given. Save one with `vmo-twin simulate SITE --drill repave-all --json > repave.json` and add `--results repave.json` to the report command (any number of them; merged shard results work too).';

function checkCounts(argv: Args): void {
  if (!Number.isInteger(argv.runs) || argv.runs < 1) throw new UsageError(`--runs ${argv.runs} is not a whole number of runs ≥ 1`, 'for example --runs 200');
  if (!Number.isSafeInteger(argv.seed)) throw new UsageError(`--seed ${argv.seed} is not a whole number`, 'for example --seed 1');
  if (argv.workers !== undefined && (!Number.isInteger(argv.workers) || argv.workers < 1)) throw new UsageError(`--workers ${argv.workers} is not a whole number ≥ 1`, 'leave it out to use every core');
  if (argv.out === '-' && argv.json) throw new UsageError('--out - and --json both want stdout', 'write the report to a file with --out report.html, or drop --json');
}

export function reportCommand(io: Io, exit: (code: 0 | 1 | 2) => void): CommandModule<object, Args> {
  return {
    command: 'report <site>',
    describe: 'one self-contained HTML report: site, validation, sizing and drills, with charts',
    builder: (y: Argv) =>
      withQuietOption(withSiteOptions(y))
        .option('out', { alias: 'o', type: 'string', demandOption: 'name the HTML file to write with --out report.html (or --out - for stdout)', requiresArg: true, describe: 'the HTML file to write (- for stdout)' })
        .option('results', { alias: 'r', type: 'string', array: true, nargs: 1, default: [] as string[], requiresArg: true, describe: 'a saved drill result (`simulate … --json`, or `merge` output) to show; repeatable, one section each' })
        .option('drill', { type: 'string', array: true, nargs: 1, default: [] as string[], requiresArg: true, describe: 'run this drill and show it (needs the simulator; repeatable)' })
        .option('runs', { type: 'number', default: 1, describe: 'runs per --drill (Monte Carlo when more than 1)' })
        .option('seed', { type: 'number', default: 1, describe: 'seed of the first run of each --drill' })
        .option('workers', { type: 'number', describe: 'worker threads for --drill runs (default: every core)' })
        .example('$0 report site.yaml -o report.html', 'site, validation and sizing')
        .example('$0 report site.yaml -r repave.json -o report.html', 'and a drill, from a saved result')
        .example('$0 report site.yaml -r a.json -r b.json -o - > r.html', 'two drills; the HTML on stdout')
        .example('$0 report site.yaml --drill repave-all --drill node-failure --runs 200 -o r.html', 'run the drills first, on every core')
        .epilog(
          'Save a drill result with `vmo-twin simulate site.yaml --drill repave-all --json > repave.json`.\n' +
            'The file has no scripts and loads nothing: open it anywhere, print it, mail it. Long series are drawn from the first, lowest, highest and last point of each pixel column (every peak shows); every number shown is the input\'s own.\n' +
            'Exit status: 0 written, 1 written but the site has errors or a drill failed its gates, 2 the input or the command could not be used.',
        ) as unknown as Argv<Args>,
    handler: async (argv: ArgumentsCamelCase<Args>) => {
      checkCounts(argv);
      if (argv.drill.length) checkDrills(argv.drill.map((d) => ({ drill: d, runs: argv.runs })));
      const saved = argv.results.map(readResultsFile);
      const loaded = loadAndValidate(argv.site, argv.set);
      if (loaded.kind === 'failed') return exit(reportLoadFailure(io, argv, loaded));
      const name = loaded.site.metadata.name;
      saved.forEach((r, i) => {
        if (r.site !== name) throw new UsageError(`results file ${argv.results[i] ?? ''} is a drill of site "${r.site}", not of "${name}" (${argv.site})`, 'report a result with the site file it was simulated on');
      });
      const progress = progressFor(io, argv);
      const ran = argv.drill.length
        ? await runDrills(loaded.twin, argv.drill.map((d) => ({ drill: d, runs: argv.runs })), { seed: argv.seed, workers: argv.workers ?? defaultWorkers() }, progress)
        : [];
      const drills: SimResult[] = [...saved, ...ran];
      const { html, manifest } = buildReport({ loaded, label: argv.site, sets: argv.set, drills, drillsHint: NO_DRILLS_HINT });
      const bytes = Buffer.byteLength(html);
      const toStdout = argv.out === '-';
      const path = toStdout ? '-' : writeWhole(argv.out, html);
      const code = reportExitCode(loaded, drills);
      const c = countBySeverity(loaded.diagnostics);
      if (argv.json) {
        io.out(
          stableStringify({
            ok: code === 0,
            out: path,
            bytes,
            diagnostics: { errors: c.error, warnings: c.warning },
            drills: drills.map((d) => ({ drill: d.drill, ok: d.ok, runs: d.runs, seed: d.seed, failedGates: d.gates.filter((g) => !g.ok).map((g) => g.name) })),
            sections: manifest.sections,
            charts: manifest.charts,
          }),
        );
        return exit(code);
      }
      if (toStdout) process.stdout.write(html);
      const say = toStdout ? io.err : io.out;
      const s = toStdout ? io.errStyle : io.style;
      const lines = [
        `${s.bold('report')}  ${toStdout ? 'stdout' : path} (${fmtBytes(bytes)}, ${count(manifest.sections.length, 'section')}, ${count(manifest.charts.length, 'chart')})`,
        `${s.bold('site')}    ${name}: ${count(c.error, 'error')}, ${count(c.warning, 'warning')}`,
        ...drills.map((d) => `${s.bold('drill')}   ${d.drill}: ${d.ok ? s.green(drillLine(d)) : s.red(drillLine(d))}`),
      ];
      if (!drills.length) lines.push(s.dim('drills  none: add --results FILE.json (the output of `vmo-twin simulate … --json`)'));
      say(lines.join('\n'));
      exit(code);
    },
  };
}
