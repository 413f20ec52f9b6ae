/**
 * vmo-twin: the command line. One module per command; this file only wires them.
 */
import yargs from 'yargs';
import { applyCommand } from './commands/apply.js';
import { demoCommand } from './commands/demo.js';
import { explainCommand } from './commands/explain.js';
import { importCommand } from './commands/import.js';
import { exportCommand } from './commands/export.js';
import { mergeCommand } from './commands/merge.js';
import { planCommand } from './commands/plan.js';
import { reportCommand } from './commands/report.js';
import { simulateCommand } from './commands/simulate.js';
import { sizeCommand } from './commands/size.js';
import { validateCommand } from './commands/validate.js';
import { processIo, UsageError, type Io } from './io.js';

export async function run(argv: readonly string[], io: Io = processIo()): Promise<0 | 1 | 2> {
  let status: 0 | 1 | 2 = 0;
  const exit = (code: 0 | 1 | 2): void => {
    status = code;
  };
  const parser = yargs(argv as string[])
    .scriptName('vmo-twin')
    .usage(
      '$0 — a digital twin and capacity planner for KubeVirt on bare metal (Palette VMO reference architecture)\n\n' +
        'The flow: a site file (YAML) → validate → size → simulate drills → plan → export → apply.\n' +
        'Start with `$0 demo`, then copy scenarios/vmo-ra-64.yaml and make it yours.',
    )
    .command(validateCommand(io, exit))
    .command(sizeCommand(io, exit))
    .command(simulateCommand(io, exit))
    .command(mergeCommand(io, exit))
    .command(planCommand(io, exit))
    .command(exportCommand(io, exit))
    .command(applyCommand(io, exit))
    .command(importCommand(io, exit))
    .command(reportCommand(io, exit))
    .command(explainCommand(io, exit))
    .command(demoCommand(io, exit))
    .example('$0 demo', 'the whole job on the reference cluster; writes vmo-twin-report.html')
    .example('$0 validate site.yaml', 'check a site against the reference architecture\'s rules')
    .example('$0 size site.yaml --set nodes.workers.count=40', 'what 40 workers hold; what runs out first')
    .example('$0 simulate site.yaml --drill repave-all', 'rehearse a full repave: duration, migrations, downtime, Portworx')
    .example('$0 plan scenarios/demand-ra.yaml --out site.yaml', 'the smallest site that holds the demand and survives its drills')
    .example('$0 export site.yaml --format all --out deploy/', 'MAAS, Palette, Kubernetes and Terraform configuration')
    .example('$0 apply maas site.yaml --endpoint http://maas:5240/MAAS', 'what MAAS lacks (add --yes to make the changes)')
    .example('$0 import maas --endpoint http://maas:5240/MAAS > site.yaml', 'a site file from the machines a MAAS already has')
    .example('$0 report site.yaml -o report.html', 'one HTML file: site, validation, sizing, drills')
    .example('$0 explain pod-cidr-too-small', 'what a diagnostic code means')
    .demandCommand(1, 'name a command; `vmo-twin --help` lists them')
    .recommendCommands()
    .strict()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .epilog('Exit status: 0 fine, 1 the plan has errors (or a drill failed its gates), 2 the input or the command could not be used.\nNO_COLOR turns colours off. Docs: README.md and docs/site-file.md.')
    .fail((msg, err) => {
      if (err instanceof UsageError) throw err;
      throw new UsageError(msg || (err ? err.message : 'invalid command'), 'run with --help to see the commands and options');
    });
  try {
    await parser.parseAsync();
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${io.errStyle.red('error')}: ${e.message}`);
      if (e.hint) io.err(`  hint: ${e.hint}`);
      return 2;
    }
    const err = e as Error;
    io.err(`${io.errStyle.red('internal error')}: ${err.message}`);
    io.err('  this is a bug in vmo-twin; please report it with the command line and site file. Set VMO_TWIN_DEBUG=1 for the stack.');
    if (process.env['VMO_TWIN_DEBUG']) io.err(err.stack ?? '');
    return 2;
  }
  return status;
}

