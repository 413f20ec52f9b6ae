/**
 * `vmo-twin export SITE --format F --out DIR [--check]`: the site's MAAS plan, Palette
 * profiles and cluster, Kubernetes manifests and Terraform, written to DIR/<format>/, or
 * compared with what is there.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { checkExport, FORMATS, renderExport, writeExport, type FileReport, type Format } from '../../exporters/index.js';
import type { Io } from '../io.js';
import { stableStringify, summaryLine } from '../output.js';
import { loadAndValidate, requireValidSite, withSiteOptions, type SiteArgs } from '../site-args.js';

interface Args extends SiteArgs {
  readonly format: Format | 'all';
  readonly out: string;
  readonly check: boolean;
}

const STATUS_WORD: Readonly<Record<FileReport['status'], string>> = { unchanged: 'unchanged', changed: 'changed', missing: 'missing', extra: 'extra' };

export function exportCommand(io: Io, exit: (code: 0 | 1 | 2) => void): CommandModule<object, Args> {
  return {
    command: 'export <site>',
    describe: 'write MAAS, Palette, Kubernetes and Terraform configuration for a valid site',
    builder: (y: Argv) =>
      withSiteOptions(y)
        .option('format', { type: 'string', choices: [...FORMATS, 'all'], demandOption: true, describe: 'what to write: one target, or all four' })
        .option('out', { type: 'string', demandOption: true, describe: 'output directory; each format gets its own folder in it (DIR/maas, DIR/palette, …)' })
        .option('check', { type: 'boolean', default: false, describe: 'write nothing: compare DIR with what would be written and exit 1 on any missing, changed or extra file' })
        .example('$0 export scenarios/vmo-ra-64.yaml --format all --out deploy/', 'everything, into deploy/{maas,palette,kubernetes,terraform}')
        .example('$0 export site.yaml --format palette --out deploy/ --set kubernetes.podCidr=100.66.0.0/18', 'the Palette profiles and cluster with another pod CIDR')
        .example('$0 export site.yaml --format all --out deploy/ --check', 'in CI: fail when deploy/ is not what the site file gives')
        .epilog(
          'The site must validate without errors (exit 1 otherwise, and nothing is written). Output is deterministic: sorted keys, no ' +
            'timestamps, stable file names, so a re-export is byte-identical. Secrets are never written: Palette values use profile ' +
            'variables and ${env:NAME} placeholders, Terraform uses sensitive variables. Files in DIR/<format>/ that the export no ' +
            'longer produces are removed.',
        ) as unknown as Argv<Args>,
    handler: (argv: ArgumentsCamelCase<Args>) => {
      const loaded = requireValidSite(io, argv, loadAndValidate(argv.site, argv.set), false, false);
      if (!('twin' in loaded)) return exit(loaded.exitCode);
      if (!argv.json && loaded.diagnostics.length) io.err(summaryLine(argv.site, loaded.diagnostics, io.errStyle));
      const formats: readonly Format[] = argv.format === 'all' ? FORMATS : [argv.format];
      const files = renderExport(loaded.twin, formats);
      const result = argv.check ? checkExport(argv.out, files, formats) : writeExport(argv.out, files, formats);
      if (result.kind === 'unusable') {
        if (argv.json) io.out(stableStringify({ ok: false, error: result.message, hint: result.hint }));
        else io.err(`${io.errStyle.red('error')}: ${result.message}\n  hint: ${result.hint}`);
        return exit(2);
      }
      const site = loaded.site.metadata.name;
      const ok = !argv.check || result.differences === 0;
      if (argv.json) {
        io.out(stableStringify({ ok, mode: argv.check ? 'check' : 'write', site, dir: argv.out, formats, differences: result.differences, files: result.files }));
      } else if (argv.check) {
        const diffs = result.files.filter((f) => f.status !== 'unchanged');
        if (diffs.length === 0) io.out(`${io.style.green('✓')} ${argv.out} matches the export of ${site} (${result.files.length} files)`);
        else {
          for (const f of diffs) io.out(`${STATUS_WORD[f.status].padEnd(8)} ${f.path}`);
          io.out(`${io.style.red('✗')} ${argv.out}: ${diffs.length} difference${diffs.length === 1 ? '' : 's'} from the export of ${site}; run the same command without --check to update it`);
        }
      } else {
        const per = formats.map((f) => `${f} ${files.filter((x) => x.format === f).length}`).join(', ');
        const count = (s: FileReport['status']) => result.files.filter((f) => f.status === s).length;
        const changes = [`${count('missing')} new`, `${count('changed')} changed`, `${count('unchanged')} unchanged`, ...(count('extra') ? [`${count('extra')} removed`] : [])].join(', ');
        io.out(`wrote ${files.length} files for ${site} to ${argv.out} (${per}): ${changes}`);
      }
      exit(ok ? 0 : 1);
    },
  };
}
