/**
 * The bad-input corpus: test/fixtures/bad/, one file per case, each opening with
 *   # why: what is wrong with it
 *   # expect: exit <status> <code> [at <path>]
 *   # args: extra arguments (optional, e.g. --set …)
 * run through the built CLI as users run it (human and --json), and through every command
 * that reads a site in-process. Each gets its exit status, its code (at its path), a hint,
 * and never a stack trace. Cases that cannot be a committed file — a 50 MB file, a
 * directory, a missing path — are made here.
 */
import { readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES, type Code } from '../../src/model/diagnostics.js';
import { ROOT } from '../helpers/site.js';
import { fuzzWorkspace } from '../robust/case.js';
import { SITE_COMMANDS } from '../robust/commands.js';
import { agreementProblems, judge, type Judged, type JsonDiagnostic } from '../robust/oracle.js';
import { InProcessCli, pooled, runBuilt, type RunOutcome } from '../robust/runner.js';

const DIR = join(ROOT, 'test', 'fixtures', 'bad');
const STACK = /\n\s+at .+:\d+:\d+/;

interface BadCase {
  readonly name: string;
  readonly file: string;
  readonly why: string;
  readonly exit: 0 | 1 | 2;
  readonly code: Code;
  readonly path?: string;
  readonly args: readonly string[];
  /** Node options for the built CLI (a heap bound for the alias bomb). */
  readonly nodeArgs?: readonly string[];
}

function parseHeader(name: string, file: string): BadCase {
  const head = readFileSync(file, 'utf8').slice(0, 2000);
  const field = (key: string): string | undefined => new RegExp(`^# ${key}: (.*)$`, 'm').exec(head)?.[1]?.trim();
  const expect = /^exit ([012]) ([a-z-]+)(?: at (\S+))?$/.exec(field('expect') ?? '');
  if (!expect) throw new Error(`${file}: the header needs "# expect: exit <status> <code> [at <path>]"`);
  const code = expect[2] as string;
  if (!Object.hasOwn(CODES, code)) throw new Error(`${file}: ${code} is not a diagnostic code`);
  return {
    name,
    file,
    why: field('why') ?? '',
    exit: Number(expect[1]) as 0 | 1 | 2,
    code: code as Code,
    ...(expect[3] !== undefined ? { path: expect[3] } : {}),
    args: (field('args') ?? '').split(/\s+/).filter(Boolean),
  };
}

const corpus: BadCase[] = readdirSync(DIR)
  .filter((f) => !f.startsWith('.'))
  .sort()
  .map((f) => parseHeader(f.replace(/\.[a-z]+$/, ''), join(DIR, f)))
  .map((c) => (c.name === 'billion-laughs' ? { ...c, nodeArgs: ['--max-old-space-size=32'] } : c));

// Made here, not committed: 50 MB of YAML (and a sparse 50 MB file, refused from its size
// alone), a directory, a path that does not exist; in the file's scratch directory, removed
// with its CLI worker after its tests.
const { cli, dir: made } = fuzzWorkspace(new InProcessCli());
const big = join(made, 'fifty-megabytes.yaml');
writeFileSync(big, 'workloads:\n  vmClasses:\n' + '    - { name: a, vcpu: 1, memory: 1Gi, disk: 0, count: 1 }\n'.repeat(900_000));
const sparse = join(made, 'sparse.yaml');
writeFileSync(sparse, '');
truncateSync(sparse, 50 * 1024 * 1024);
const generated: BadCase[] = [
  { name: 'a 50 MB file', file: big, why: 'far larger than any site file', exit: 2, code: 'file-too-large', args: [] },
  { name: 'a sparse 50 MB file', file: sparse, why: 'refused from its size, before reading', exit: 2, code: 'file-too-large', args: [] },
  { name: 'a directory', file: DIR, why: 'a directory where a file belongs', exit: 2, code: 'not-a-file', args: [] },
  { name: 'a missing path', file: join(made, 'no-such-site.yaml'), why: 'nothing there', exit: 2, code: 'file-not-found', args: [] },
];
const cases = [...corpus, ...generated];

interface Ran {
  readonly human: RunOutcome;
  readonly json: RunOutcome;
}

const built = new Map<string, Ran>();
async function runAllBuilt(): Promise<void> {
  const tasks = cases.flatMap((c) =>
    ([false, true] as const).map((json) => async () => {
      const out = await runBuilt(['validate', c.file, ...c.args, ...(json ? ['--json'] : [])], c.nodeArgs ? { nodeArgs: c.nodeArgs } : {});
      const prev = built.get(c.name) ?? ({} as Partial<Ran>);
      built.set(c.name, { ...prev, [json ? 'json' : 'human']: out } as Ran);
    }),
  );
  await pooled(tasks, 2);
}


describe('the bad-input corpus', () => {
  it('has a case for everything the robustness issue lists', () => {
    const names = new Set(cases.map((c) => c.name));
    for (const n of ['not-yaml', 'duplicate-key', 'billion-laughs', 'deep-nesting', 'wrong-type-mapping', 'negative-count', 'zero-workers', 'nan-count', 'huge-count', 'unit-doubled', 'unit-negative', 'cidr-invalid', 'cidr-non-canonical', 'vlan-0', 'vlan-4095', 'bond-one-member', 'nic-in-two-bonds', 'hardware-undefined', 'vm-larger-than-node', 'duplicate-vm-class', 'set-path-unknown', 'set-wrong-type', 'a 50 MB file', 'a directory', 'a missing path']) {
      expect(names.has(n), n).toBe(true);
    }
  });

  it('runs through the built CLI', async () => {
    await runAllBuilt();
    expect(built.size).toBe(cases.length);
  }, 300_000);

  for (const c of cases) {
    describe(`${c.name} (${c.why})`, () => {
      it(`exits ${c.exit} with ${c.code}${c.path ? ` at ${c.path}` : ''} and a hint, through the built CLI, without a stack trace`, () => {
        const r = built.get(c.name);
        if (!r) throw new Error('the built CLI did not run this case (see the test above)');
        for (const o of [r.human, r.json]) {
          if (o.kind !== 'exited') throw new Error(`${o.kind}: ${'error' in o ? o.error : ''}`);
          expect(o.code).toBe(c.exit);
          expect(o.stdout + o.stderr).not.toMatch(STACK);
          expect(o.stdout + o.stderr).not.toContain('internal error');
        }
        if (r.human.kind !== 'exited' || r.json.kind !== 'exited') return;
        expect(r.human.stdout).toContain(`[${c.code}]`);
        expect(r.human.stdout).toContain('hint:');
        const diagnostics = (JSON.parse(r.json.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
        const found = diagnostics.filter((d) => d.code === c.code && (c.path === undefined || d.path === c.path));
        expect(found.length, `got ${diagnostics.map((d) => `${d.code}@${d.path}`).join(', ')}`).toBeGreaterThan(0);
        for (const d of diagnostics) expect(d.hint.length, `${d.code} has a hint`).toBeGreaterThan(10);
        const set = c.args.includes('--set') ? c.args[c.args.indexOf('--set') + 1] : undefined;
        if (set !== undefined) expect(found.some((d) => d.set === set)).toBe(true);
        else if (c.path !== undefined && CODES[c.code].stage === 'input') expect(found[0]?.line, 'a value in the file has a line').toBeTypeOf('number');
      });
      it('gets the same answer from every command that reads a site (in-process)', async () => {
        const input = { text: c.name.startsWith('a ') ? '' : readFileSync(c.file, 'utf8'), sets: c.args.filter((_, i) => c.args[i - 1] === '--set') };
        const runs = new Map<string, Judged>();
        for (const command of SITE_COMMANDS) {
          const json = await cli.run(command.argv({ site: c.file, sets: input.sets, json: true, scratch: made }));
          const j = judge(command, true, input, json);
          expect(j.problems).toEqual([]);
          runs.set(command.name, j);
        }
        expect(runs.get('validate')?.exit).toBe(c.exit);
        expect(agreementProblems(runs)).toEqual([]);
      }, 60_000);
    });
  }
});
