#!/usr/bin/env node
/** The `vmo-twin` executable: runs the CLI and sets the exit status. */
import { hideBin } from 'yargs/helpers';
import { run } from './main.js';

run(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${(e as Error).message}\n`);
    process.exitCode = 2;
  },
);
