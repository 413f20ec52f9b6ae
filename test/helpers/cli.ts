/**
 * Test helper: run the built CLI (dist/) as users run it, NO_COLOR set, and capture the exit
 * status, stdout and stderr.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './site.js';

const BIN = join(ROOT, 'dist', 'cli', 'bin.js');

export function cli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...opts.env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
