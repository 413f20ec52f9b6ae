/**
 * One robustness case end to end: write the site, run every command that reads a site on it
 * (in the worker, bounded), judge each run, check that the commands agree, and for a site that
 * validates clean, check the compiled twin's invariants and the size figures.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '../helpers/site.js';
import { twinProblems } from '../helpers/twin-invariants.js';
import { SITE_COMMANDS } from './commands.js';
import { agreementProblems, cleanSizeProblems, judge, type CaseInput, type Judged } from './oracle.js';
import type { InProcessCli, RunOutcome } from './runner.js';

export interface SiteCase extends CaseInput {
  /** site.yaml or site.json. */
  readonly file: string;
}

export interface CaseReport {
  readonly problems: string[];
  /** Per command: its judged run. */
  readonly runs: ReadonlyMap<string, Judged>;
}

/** A scratch directory per test file; each case overwrites its site file there. */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'vmo-twin-robust-'));
}

export function writeCase(dir: string, c: SiteCase): string {
  const p = join(dir, c.file);
  writeFileSync(p, c.text);
  return p;
}

/**
 * Run every site command on the case. `json` picks the output mode per command (validate
 * always runs with --json, since its diagnostics are what the oracle reads).
 */
export async function runCase(cli: InProcessCli, dir: string, c: SiteCase, human: ReadonlySet<string> = new Set()): Promise<CaseReport> {
  const site = writeCase(dir, c);
  const problems: string[] = [];
  const runs = new Map<string, Judged>();
  const outcomes = new Map<string, RunOutcome>();
  for (const command of SITE_COMMANDS) {
    const validated = runs.get('validate')?.exit;
    if (command.whenValidateExits && validated !== undefined && !command.whenValidateExits.includes(validated)) continue;
    const json = command.name === 'validate' || !human.has(command.name);
    const outcome = await cli.run(command.argv(site, c.sets, json));
    outcomes.set(command.name, outcome);
    const j = judge(command, json, c, outcome);
    runs.set(command.name, j);
    problems.push(...j.problems);
    if (outcome.kind !== 'exited') break;
  }
  if (human.has('validate')) {
    const command = SITE_COMMANDS.find((x) => x.name === 'validate');
    if (command) {
      const j = judge(command, false, c, await cli.run(command.argv(site, c.sets, false)));
      problems.push(...j.problems.map((x) => `(human) ${x}`));
      if (j.exit !== undefined && j.exit !== runs.get('validate')?.exit) problems.push(`validate exits ${j.exit} without --json and ${runs.get('validate')?.exit} with it`);
    }
  }
  if (cli.leaked) {
    problems.push(`output written around the Io: ${JSON.stringify(cli.leaked.slice(0, 200))}`);
    cli.leaked = '';
  }
  problems.push(...agreementProblems(new Map([...runs].map(([k, v]) => [k, v.exit]))));
  if (runs.get('validate')?.exit === 0 && problems.length === 0) {
    const checked = check(c.text, c.sets, c.file);
    if (!checked.twin) problems.push('validate exits 0 but the site does not compile');
    else {
      if (checked.twin.placement.kind !== 'placed') problems.push('validate exits 0 but not every VM is placed');
      problems.push(...twinProblems(checked.twin));
    }
    const size = runs.get('size');
    if (size?.json !== undefined) problems.push(...cleanSizeProblems(size.json));
  }
  return { problems, runs };
}
