/**
 * `vmo-twin validate SITE`: the reference architecture's rules as coded diagnostics.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { Io } from '../io.js';
import { formatDiagnostics, stableStringify, summaryLine } from '../output.js';
import { diagnosticsJson, loadAndValidate, withSiteOptions, type SiteArgs } from '../site-args.js';

type Args = SiteArgs;

export function validateCommand(io: Io, exit: (code: 0 | 1 | 2) => void): CommandModule<object, Args> {
  return {
    command: 'validate <site>',
    describe: 'check a site against the reference architecture\'s rules',
    builder: (y: Argv) =>
      withSiteOptions(y)
        .example('$0 validate scenarios/vmo-ra-64.yaml', 'check the reference site')
        .example('$0 validate site.yaml --set nodes.workers.count=124', 'what breaks with 124 workers')
        .example('$0 validate site.yaml --json | jq .diagnostics', 'machine-readable diagnostics')
        .epilog('Exit status: 0 no errors (warnings allowed), 1 the plan has errors, 2 the input could not be used.\nEvery code is listed by `vmo-twin explain`.') as unknown as Argv<Args>,
    handler: (argv: ArgumentsCamelCase<Args>) => {
      const r = loadAndValidate(argv.site, argv.set);
      const diagnostics = r.diagnostics;
      const ok = r.exitCode === 0;
      if (argv.json) {
        io.out(stableStringify({ ok, diagnostics: diagnosticsJson(diagnostics) }));
      } else {
        const text = r.kind === 'ok' ? r.source.text : r.text;
        if (diagnostics.length) io.out(formatDiagnostics(argv.site, text, diagnostics, io.style));
        io.out(summaryLine(argv.site, diagnostics, io.style));
      }
      exit(r.exitCode);
    },
  };
}
