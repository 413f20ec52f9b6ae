/**
 * Running the built CLI as users run it (node dist/cli/bin.js …), with colours off unless a
 * test asks for them, capturing the exit status and both streams; reading a directory back.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ROOT } from './site.js';

export const BIN = join(ROOT, 'dist', 'cli', 'bin.js');

export function cli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...opts.env }, maxBuffer: 256 * 1024 * 1024, ...(opts.input !== undefined ? { input: opts.input } : {}) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** No "    at file:line:col" lines: errors are messages, not stack traces. */
export const STACK = /\n\s+at .+:\d+:\d+/;

/** Every file below `dir`, "/"-separated relative path → text, in sorted order. */
export function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p).split(sep).join('/'), readFileSync(p, 'utf8'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}
