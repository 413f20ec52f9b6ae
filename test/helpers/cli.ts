/**
 * Test helper: run the built CLI (dist/) as users run it, NO_COLOR set, and capture the exit
 * status, stdout and stderr; read a directory tree back.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ROOT } from './site.js';

const BIN = join(ROOT, 'dist', 'cli', 'bin.js');

export function cli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...opts.env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

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
