/**
 * `vmo-twin import maas --endpoint URL [--pool NAME] > site.yaml`: a site file from a running
 * MAAS, with what MAAS cannot know left as `# PLACEHOLDER:` comments that `validate` reports.
 * The reading and writing are in `exporters/maas/import.ts`; this module wires options,
 * output and exit status, and checks the result with the same validation users run next.
 */
import { writeFileSync } from 'node:fs';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { countBySeverity } from '../../model/diagnostics.js';
import { loadSiteText } from '../../model/load.js';
import { validateSite } from '../../model/validate.js';
import { FatalError } from '../../exporters/apply/result.js';
import { Secrets } from '../../exporters/apply/secrets.js';
import { maasApiRoot } from '../../exporters/maas/client.js';
import { readMaas, siteFromMaas } from '../../exporters/maas/import.js';
import { checkParallel, connect, lastValue, openMaas, printFatal, readApiKey, scrubbedIo, seedOf, withApiOptions, type ApiArgs } from '../api-args.js';
import { UsageError, type Io } from '../io.js';
import { stableStringify } from '../output.js';
import { progressFor } from '../progress.js';

interface Args extends ApiArgs {
  readonly source: 'maas';
  readonly pool: readonly string[];
  readonly name?: string;
  readonly out?: string;
  readonly json: boolean;
  readonly parallel: number;
}

export function importCommand(baseIo: Io, exit: (code: 0 | 1 | 2) => void): CommandModule<object, Args> {
  return {
    command: 'import <source>',
    describe: 'write a site file from a running MAAS (what MAAS cannot know is left as placeholders)',
    builder: (y: Argv) =>
      withApiOptions(y.positional('source', { type: 'string', choices: ['maas'] as const, demandOption: true, describe: 'where to read from: maas' }), 'the MAAS URL, such as http://HOST:5240/MAAS')
        .option('pool', { type: 'string', array: true, nargs: 1, default: [] as string[], requiresArg: true, describe: 'only machines of this resource pool (repeatable); roles follow pool names ("cp", "control", "master" → control plane)' })
        .option('name', { type: 'string', requiresArg: true, coerce: lastValue, describe: 'metadata.name of the site (default: MAAS\'s maas_name)' })
        .option('out', { alias: 'o', type: 'string', requiresArg: true, coerce: lastValue, describe: 'write the site file here instead of stdout' })
        .option('json', { type: 'boolean', default: false, describe: 'print {site, placeholders, validation} as JSON instead of YAML' })
        .option('parallel', { type: 'number', default: 4, requiresArg: true, coerce: lastValue, describe: 'machines read at the same time' })
        .example('MAAS_API_KEY=… $0 import maas --endpoint http://maas:5240/MAAS > site.yaml', 'every machine MAAS has')
        .example('$0 import maas --endpoint http://maas:5240/MAAS --pool vmo-cp --pool vmo-workers --api-key-file key -o site.yaml', 'the two pools of one cluster')
        .example('$0 validate site.yaml', 'next: list the placeholders to fill in')
        .epilog(
          'Reads machines (cores, memory, NICs and speeds, FC HBAs from the PCI devices commissioning found, disks), zones, pools, VLANs, subnets, ' +
            'reserved ranges and the interface configuration (bonds, bridge, VLAN interfaces, links, default gateway). What MAAS cannot know — ' +
            'the FlashArray, FC port speeds and fabrics, the VM VLANs, the Palette cloud account — is written with a "# PLACEHOLDER:" comment: ' +
            '`vmo-twin validate` reports each one (exit 1) until you write the real value and delete the comment.\n' +
            'Exit status: 0 the site was written, 2 the key or the endpoint could not be used.',
        ) as unknown as Argv<Args>,
    handler: async (argv: ArgumentsCamelCase<Args>) => {
      const secrets = new Secrets();
      const io = scrubbedIo(baseIo, secrets);
      checkParallel(argv.parallel);
      if (argv.apiKey !== undefined) readApiKey(argv, 'MAAS_API_KEY', secrets, '');
      const root = maasApiRoot(argv.endpoint);
      if (!root.ok) throw new UsageError(root.message, root.hint);
      const conn = connect(io, argv, root.root, argv.parallel, seedOf('import', root.root.toString()));
      const client = await openMaas(io, argv, root.root, conn, secrets);
      if (!client) return exit(2);
      const progress = progressFor(io, { quiet: argv.quiet, json: argv.json });
      let result;
      try {
        const inv = await readMaas(client, { pools: argv.pool, parallel: argv.parallel, onMachines: (n) => progress.start(n, 'reading MAAS machines'), onMachine: () => progress.tick() });
        result = siteFromMaas(inv, { pools: argv.pool, ...(argv.name !== undefined ? { name: argv.name } : {}) });
      } catch (e) {
        if (!(e instanceof FatalError)) throw e;
        progress.stop();
        printFatal(io, e, argv.json);
        return exit(2);
      } finally {
        progress.stop();
        conn.transport.close();
      }
      // Check the file the way users will next: it must load (never exit 2); placeholders are errors.
      const file = argv.out ?? 'site.yaml';
      const loaded = loadSiteText(result.text, file);
      const diagnostics = loaded.kind === 'loaded' ? validateSite(loaded.site, loaded.source, loaded.diagnostics).diagnostics : loaded.diagnostics;
      const counts = countBySeverity(diagnostics);
      const others = diagnostics.filter((d) => d.code !== 'placeholder' && d.severity === 'error').length;
      if (argv.out !== undefined) {
        try {
          writeFileSync(argv.out, result.text);
        } catch (e) {
          throw new UsageError(`cannot write ${argv.out} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, 'choose a writable path for --out');
        }
      }
      if (argv.json) {
        io.out(stableStringify({ ok: loaded.kind === 'loaded', site: result.site, placeholders: result.placeholders, machines: result.machines, roles: result.roles, validation: { errors: counts.error, warnings: counts.warning, placeholders: diagnostics.filter((d) => d.code === 'placeholder').length }, ...(argv.out !== undefined ? { out: argv.out } : {}) }));
      } else if (argv.out === undefined) {
        io.out(result.text);
      }
      if (!argv.json) {
        io.err(`imported ${result.machines} machines (${result.roles.controlPlane} control plane, ${result.roles.workers} workers) from ${root.root.toString()}${argv.out !== undefined ? ` into ${argv.out}` : ''}`);
        io.err(
          loaded.kind === 'loaded'
            ? `${result.placeholders.length} placeholder${result.placeholders.length === 1 ? '' : 's'} to fill in${others ? `, ${others} other error${others === 1 ? '' : 's'}` : ''}${counts.warning ? `, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}` : ''}: \`vmo-twin validate ${argv.out ?? 'site.yaml'}\` lists them with their lines`
            : 'the written site does not load: this is a bug in vmo-twin import; please report it with the MAAS version',
        );
      }
      exit(loaded.kind === 'loaded' ? 0 : 2);
    },
  };
}
