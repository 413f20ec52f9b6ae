/**
 * `vmo-twin explain [CODE]`: what a diagnostic code means, or the list of them.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { CODES, didYouMean, type Code } from '../../model/diagnostics.js';
import { UsageError, type Io } from '../io.js';
import { stableStringify, table } from '../output.js';

interface Args {
  readonly code?: string;
  readonly json: boolean;
}

export function explainCommand(io: Io, exit: (code: 0 | 1 | 2) => void): CommandModule<object, Args> {
  return {
    command: 'explain [code]',
    describe: 'list the diagnostic codes, or explain one',
    builder: (y: Argv) =>
      y
        .positional('code', { type: 'string', describe: 'a diagnostic code, such as pod-cidr-too-small' })
        .option('json', { type: 'boolean', default: false, describe: 'machine-readable output' })
        .example('$0 explain', 'every code, its kind and what it means')
        .example('$0 explain vlan-captured-by-bond', 'one code') as unknown as Argv<Args>,
    handler: (argv: ArgumentsCamelCase<Args>) => {
      const codes = (Object.keys(CODES) as Code[]).sort();
      const kind = (c: Code): string => (CODES[c].stage === 'input' ? 'input (exit 2)' : CODES[c].severity === 'error' ? 'error (exit 1)' : CODES[c].severity);
      if (argv.code !== undefined) {
        if (!(argv.code in CODES)) {
          const near = didYouMean(argv.code, codes);
          throw new UsageError(`there is no diagnostic code "${argv.code}"`, near ? `did you mean ${near}?` : 'run vmo-twin explain for the list');
        }
        const c = argv.code as Code;
        io.out(argv.json ? stableStringify({ code: c, kind: kind(c), summary: CODES[c].summary }) : `${c} — ${kind(c)}\n  ${CODES[c].summary}`);
        return exit(0);
      }
      io.out(argv.json ? stableStringify(Object.fromEntries(codes.map((c) => [c, { kind: kind(c), summary: CODES[c].summary }]))) : table([['code', 'kind', 'meaning'], ...codes.map((c) => [c, kind(c), CODES[c].summary])]));
      exit(0);
    },
  };
}
