/**
 * `vmo-twin merge PARTS…`: shard part files back into the single result of the whole set.
 */
import { readFileSync } from 'node:fs';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { isPartFile, mergeParts, type PartFile } from '../../sim/shard.js';
import { UsageError, type Io } from '../io.js';
import { stableStringify } from '../output.js';
import { formatSimResult } from '../sim-format.js';

interface Args {
  readonly parts: readonly string[];
  readonly json: boolean;
}

export function mergeCommand(io: Io, exit: (code: 0 | 1 | 2) => void): CommandModule<object, Args> {
  return {
    command: 'merge <parts..>',
    describe: 'merge the part files of `simulate --shard` into the single-run result',
    builder: (y: Argv) =>
      y
        .positional('parts', { type: 'string', array: true, describe: 'part files written by simulate --shard i/N --out', demandOption: true })
        .option('json', { type: 'boolean', default: false, describe: 'the merged result as JSON (byte-identical to an unsharded simulate --json)' })
        .example('$0 merge part-0.json part-1.json --json', 'put two shards back together') as unknown as Argv<Args>,
    handler: (argv: ArgumentsCamelCase<Args>) => {
      const parts: PartFile[] = argv.parts.map((file) => {
        let data: unknown;
        try {
          data = JSON.parse(readFileSync(file, 'utf8'));
        } catch (e) {
          throw new UsageError(`${file} is not a readable JSON part file (${(e as Error).message.split('\n')[0]})`, 'give the files written by simulate --shard i/N --out');
        }
        if (!isPartFile(data)) throw new UsageError(`${file} is not a vmo-twin part file`, 'give the files written by simulate --shard i/N --out');
        return data;
      });
      const m = mergeParts(parts);
      if (m.kind !== 'merged') throw new UsageError(m.message, m.hint);
      io.out(argv.json ? stableStringify(m.result) : formatSimResult(m.result, io.style));
      exit(m.result.ok ? 0 : 1);
    },
  };
}
