/**
 * One robustness case end to end: write the site, run every command that reads a site on it
 * (in worker threads, bounded), judge each run, check that the commands agree, and for a site
 * that validates clean, check the compiled twin's invariants and the size figures.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll } from 'vitest';
import type { MutatedSite } from '../arbitraries/mutate.js';
import { check } from '../helpers/site.js';
import { twinProblems } from '../helpers/twin-invariants.js';
import { SITE_COMMANDS, type SiteCommand } from './commands.js';
import { agreementProblems, cleanSizeProblems, judge, type CaseInput, type Judged } from './oracle.js';
import type { InProcessPool } from './runner.js';

export interface SiteCase extends CaseInput {
  /** site.yaml or site.json. */
  readonly file: string;
}

export interface CaseReport {
  readonly problems: string[];
  /** Per command: its judged run (with --json, except the one named in `human`). */
  readonly runs: ReadonlyMap<string, Judged>;
}

/**
 * Where scratch directories go: in memory where the machine has it (/dev/shm on Linux). A case
 * writes its site file and `export` two dozen files, each through a rename; on this project's
 * machine a write and rename took 1.4 ms on the disk under /tmp and 0.15 ms in /dev/shm.
 */
const SCRATCH_ROOT = existsSync('/dev/shm') && statSync('/dev/shm').isDirectory() ? '/dev/shm' : tmpdir();

/** The scratch directories this process made. */
const scratch = new Set<string>();

/**
 * A scratch directory per test file (or per case); each case overwrites its site file there, and
 * export writes into export/ in it. Removed by `removeScratch` (vitest ends its workers without
 * an exit event), else when the process exits.
 */
export function scratchDir(): string {
  const dir = mkdtempSync(join(SCRATCH_ROOT, 'vmo-twin-robust-'));
  if (scratch.size === 0) process.once('exit', () => scratch.forEach((d) => rmSync(d, { recursive: true, force: true })));
  scratch.add(dir);
  return dir;
}

/** Remove a scratch directory (it is in memory where /dev/shm exists). */
export function removeScratch(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  scratch.delete(dir);
}

/**
 * process.env as a plain object with the same values, in a thread that parses YAML case after
 * case (the CLI workers do the same, cli-worker.mjs): the yaml parser reads
 * process.env.LOG_TOKENS once per token, about 0.4 µs a read through Node's env object (measured
 * here), a third of the parse of a few-KB site. Only the fuzz's threads: the benchmarks time the
 * parse as the CLI does it.
 */
function plainEnv(): void {
  if (Object.getPrototypeOf(process.env) !== Object.prototype) process.env = { ...process.env };
}

/**
 * A property file's CLI (a pool of workers or one) and scratch directory: made when the file
 * loads, closed and removed after its tests.
 */
export function fuzzWorkspace<C extends { close(): Promise<void> }>(cli: C): { readonly cli: C; readonly dir: string } {
  plainEnv();
  const dir = scratchDir();
  afterAll(async () => {
    await cli.close();
    removeScratch(dir);
  });
  return { cli, dir };
}

/** At most one command per case also runs without --json (its human output is checked too). */
export const humanArb = fc.constantFrom('none', ...SITE_COMMANDS.map((c) => c.name));

/** A mutated site as a case (what runs, and what is kept as a regression). */
export const mutatedCase = (m: MutatedSite): SiteCase => ({ text: m.text, file: m.file, sets: m.sets });

export function writeCase(dir: string, c: SiteCase): string {
  const p = join(dir, c.file);
  writeFileSync(p, c.text);
  return p;
}

/** What a clean site must also satisfy: it compiles, every VM is placed, the twin's invariants hold. */
function cleanSiteProblems(c: SiteCase): string[] {
  const checked = check(c.text, c.sets, c.file);
  if (!checked.twin) return ['validate exits 0 but the site does not compile'];
  return [...(checked.twin.placement.kind === 'placed' ? [] : ['validate exits 0 but not every VM is placed']), ...twinProblems(checked.twin)];
}

/**
 * Run every site command on the case: `validate --json` first (its diagnostics are what the
 * oracle reads), then the others side by side; the one named in `human` also runs without
 * --json. A clean site's twin is checked here while the workers run.
 */
export async function runCase(pool: InProcessPool, dir: string, c: SiteCase, human: ReadonlySet<string> = new Set()): Promise<CaseReport> {
  const site = writeCase(dir, c);
  const problems: string[] = [];
  const runs = new Map<string, Judged>();
  const validate = SITE_COMMANDS.find((x) => x.name === 'validate') as SiteCommand;
  const call = (json: boolean) => ({ site, sets: c.sets, json, scratch: dir });
  const first = judge(validate, true, c, await pool.run(validate.argv(call(true))));
  runs.set('validate', first);
  problems.push(...first.problems);
  if (first.exit === undefined) return { problems, runs };
  const exit = first.exit;
  const rest = SITE_COMMANDS.filter((x) => x !== validate && (!x.whenValidateExits || x.whenValidateExits.includes(exit)));
  const pending = Promise.all([
    ...rest.map(async (command) => {
      const json = !human.has(command.name);
      return [command.name, judge(command, json, c, await pool.run(command.argv(call(json))))] as const;
    }),
    ...(human.has('validate') ? [pool.run(validate.argv(call(false))).then((o) => ['validate (human)', judge(validate, false, c, o)] as const)] : []),
  ]);
  const clean = exit === 0 ? cleanSiteProblems(c) : [];
  for (const [name, j] of await pending) {
    if (name === 'validate (human)') {
      problems.push(...j.problems.map((x) => `(human) ${x}`));
      if (j.exit !== undefined && j.exit !== exit) problems.push(`validate exits ${j.exit} without --json and ${exit} with it`);
      continue;
    }
    runs.set(name, j);
    problems.push(...j.problems);
  }
  const leaked = pool.takeLeaked();
  if (leaked) problems.push(`output written around the Io: ${JSON.stringify(leaked.slice(0, 200))}`);
  problems.push(...agreementProblems(runs));
  if (exit === 0 && problems.length === 0) {
    problems.push(...clean);
    const size = runs.get('size');
    if (size?.json !== undefined) problems.push(...cleanSizeProblems(size.json));
  }
  return { problems, runs };
}
