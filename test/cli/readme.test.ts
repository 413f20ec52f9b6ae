/**
 * The README tells the truth: every example in it that is a single plain `npx vmo-twin …`
 * command (no pipe, redirect, loop or server) is run as written, and each line of output the
 * README shows must be in what the command prints, in the same order. Lines the README elides
 * ("…") or that name the author's home directory are skipped.
 */
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { ROOT } from '../helpers/site.js';

interface Example {
  readonly args: string[];
  readonly lines: string[];
}

function examples(readme: string): Example[] {
  const out: Example[] = [];
  const blocks: string[][] = [];
  let open: string[] | undefined;
  for (const line of readme.split('\n')) {
    if (line.trimStart().startsWith('```')) {
      if (open) blocks.push(open);
      open = open ? undefined : [];
    } else open?.push(line);
  }
  for (const block of blocks) {
    const commands = block.filter((l) => l.startsWith('$ '));
    const first = block[0] ?? '';
    if (commands.length !== 1 || !first.startsWith('$ npx vmo-twin ') || /[|><;`]|\bfor\b|API_KEY|--endpoint/.test(first)) continue;
    out.push({ args: first.slice('$ npx vmo-twin '.length).trim().split(/\s+/), lines: block.slice(1).filter((l) => l.trim() !== '' && !l.includes('…') && !l.includes('/home/me')) });
  }
  return out;
}

const all = examples(readFileSync(join(ROOT, 'README.md'), 'utf8'));

describe('the README examples', () => {
  it('include the main commands', () => {
    const named = new Set(all.map((e) => e.args[0]));
    for (const c of ['demo', 'validate', 'size', 'simulate', 'plan']) expect(named, c).toContain(c);
  });
  it.each(all.map((e) => [e.args.join(' '), e] as const))('vmo-twin %s prints what the README shows', (_, e) => {
    // A scratch folder with the repository's scenarios, so relative paths read as in the README and nothing is written into the checkout.
    const dir = mkdtempSync(join(tmpdir(), 'vmo-twin-readme-'));
    symlinkSync(join(ROOT, 'scenarios'), join(dir, 'scenarios'));
    const r = cli(e.args, { cwd: dir });
    const printed = `${r.stdout}\n${r.stderr}`.split('\n').map((l) => l.trimEnd());
    let at = 0;
    for (const line of e.lines) {
      const found = printed.indexOf(line.trimEnd(), at);
      expect(found, `README line not printed (in this order):\n${line}\n--- printed:\n${printed.join('\n')}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  }, 60_000);
});
