/**
 * Running the built CLI as users run it (node dist/cli/bin.js …), with colours off unless a
 * test asks for them, capturing both streams.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './site.js';

export const BIN = join(ROOT, 'dist', 'cli', 'bin.js');

export function cli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...opts.env }, maxBuffer: 256 * 1024 * 1024, ...(opts.input !== undefined ? { input: opts.input } : {}) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** No "    at file:line:col" lines: errors are messages, not stack traces. */
export const STACK = /\n\s+at .+:\d+:\d+/;
