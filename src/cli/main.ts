/**
 * vmo-twin: the command line. One module per command; this file only wires them.
 */
import { createRequire } from 'node:module';
import yargs, { type CommandModule } from 'yargs';
import { stableStringify } from '../model/stable.js';
import { processIo, UsageError, type Io } from './io.js';

type Exit = (code: 0 | 1 | 2) => void;

/**
 * The package's version, read once: yargs' `.version()` without one looks for package.json
 * from the entry script up on every run (0.15 ms of a 1.7 ms parse, measured). The same path
 * from src/cli and dist/cli.
 */
const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Factory = (io: Io, exit: Exit) => CommandModule<object, any>;

/**
 * The commands, in help order, each loaded only when it runs: a command's modules (the
 * simulator, the exporters, the API clients) cost real start-up time, so `vmo-twin validate`
 * does not load `apply`. With no command, an unknown one, or --help, all are loaded. A load is
 * kept once made: a process that calls run() again (the tests, a host embedding the CLI) does
 * not ask the module loader again, which under a loader hook (tsx) is a round trip to the hook's
 * thread per run.
 */
const COMMANDS: ReadonlyArray<{ readonly name: string; readonly load: () => Promise<Factory> }> = (
  [
    ['validate', async () => (await import('./commands/validate.js')).validateCommand],
    ['size', async () => (await import('./commands/size.js')).sizeCommand],
    ['simulate', async () => (await import('./commands/simulate.js')).simulateCommand],
    ['merge', async () => (await import('./commands/merge.js')).mergeCommand],
    ['plan', async () => (await import('./commands/plan.js')).planCommand],
    ['export', async () => (await import('./commands/export.js')).exportCommand],
    ['apply', async () => (await import('./commands/apply.js')).applyCommand],
    ['import', async () => (await import('./commands/import.js')).importCommand],
    ['report', async () => (await import('./commands/report.js')).reportCommand],
    ['explain', async () => (await import('./commands/explain.js')).explainCommand],
    ['demo', async () => (await import('./commands/demo.js')).demoCommand],
  ] as const
).map(([name, importIt]) => {
  let loaded: Promise<Factory> | undefined;
  return { name, load: () => (loaded ??= importIt()) };
});

async function commandsFor(argv: readonly string[]): Promise<Factory[]> {
  const first = argv.find((a) => !a.startsWith('-'));
  const one = COMMANDS.find((c) => c.name === first);
  if (one && !argv.includes('--help') && !argv.includes('-h')) return [await one.load()];
  return Promise.all(COMMANDS.map((c) => c.load()));
}

/**
 * yargs renders the whole help text after every command, in case the handler asks for it
 * later. None does (--help and usage errors render their own), and the rendering cost about
 * 12 ms a run, more than loading and validating a small site. A yargs without this internal
 * hook is left alone.
 */
function skipHelpCache(parser: unknown): void {
  type Usage = { cacheHelpMessage?: () => void };
  const usage = (parser as { getInternalMethods?: () => { getUsageInstance?: () => Usage } }).getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

export async function run(argv: readonly string[], io: Io = processIo()): Promise<0 | 1 | 2> {
  let status: 0 | 1 | 2 = 0;
  const exit: Exit = (code) => {
    status = code;
  };
  const factories = await commandsFor(argv);
  const parser = yargs(argv as string[])
    .scriptName('vmo-twin')
    .usage(
      '$0 — a digital twin and capacity planner for KubeVirt on bare metal (Palette VMO reference architecture)\n\n' +
        'The flow: a site file (YAML) → validate → size → simulate drills → plan → export → apply.\n' +
        'Start with `$0 demo`, then copy scenarios/vmo-ra-64.yaml and make it yours.',
    )
    .command(factories.map((f) => f(io, exit)))
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
    .version(VERSION)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .epilog('Exit status: 0 fine, 1 the plan has errors (or a drill failed its gates), 2 the input or the command could not be used.\nNO_COLOR turns colours off. Docs: README.md and docs/site-file.md.')
    .fail((msg, err) => {
      if (err instanceof UsageError) throw err;
      throw new UsageError(msg || (err ? err.message : 'invalid command'), 'run with --help to see the commands and options');
    });
  skipHelpCache(parser);
  try {
    await parser.parseAsync();
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${io.errStyle.red('error')}: ${e.message}`);
      if (e.hint) io.err(`  hint: ${e.hint}`);
      // A script reading --json learns why too, rather than from an empty stdout.
      if (argv.includes('--json')) io.out(stableStringify({ ok: false, error: e.message, hint: e.hint ?? '' }));
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

