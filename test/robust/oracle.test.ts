/**
 * The oracle must catch what it claims to: each kind of broken run, made by hand.
 */
import { describe, expect, it } from 'vitest';
import { SITE_COMMANDS } from './commands.js';
import { agreementProblems, judge, type JsonDiagnostic } from './oracle.js';
import type { RunOutcome } from './runner.js';

const validate = SITE_COMMANDS.find((c) => c.name === 'validate') ?? (SITE_COMMANDS[0] as (typeof SITE_COMMANDS)[number]);
const input = { text: 'apiVersion: vmo-twin/v1\nkind: Site\nkubernetes:\n  podCidr: 10.0.0.0/33\n', sets: ['nodes.workers.count=many'] };
const diag = (d: Partial<JsonDiagnostic>): JsonDiagnostic => ({ severity: 'error', code: 'invalid-cidr', path: 'kubernetes.podCidr', line: 4, column: 12, message: 'bad', hint: 'write a CIDR', ...d });
const exited = (code: number, stdout: string, stderr = ''): RunOutcome => ({ kind: 'exited', code, stdout, stderr, ms: 1 });
const json = (diagnostics: JsonDiagnostic[], ok = false): string => JSON.stringify({ ok, diagnostics });
const problemsOf = (o: RunOutcome, asJson = true) => judge(validate, asJson, input, o).problems;

describe('the robustness oracle', () => {
  it('accepts a well-formed run', () => {
    expect(problemsOf(exited(2, json([diag({}), diag({ code: 'wrong-type', path: 'nodes.workers.count', line: null, column: null, set: 'nodes.workers.count=many' })])))).toEqual([]);
  });
  const broken: Array<[string, RunOutcome, boolean?]> = [
    ['a hang', { kind: 'timeout', ms: 30_000 }],
    ['a rejected run()', { kind: 'threw', error: 'TypeError: x is undefined' }],
    ['a dead worker', { kind: 'died', error: 'ERR_WORKER_OUT_OF_MEMORY' }],
    ['exit status 3', exited(3, json([diag({})]))],
    ['a stack trace', exited(2, json([diag({})]), 'Error: boom\n    at load (/x/load.js:1:2)')],
    ['an internal error', exited(2, '', 'internal error: boom')],
    ['output that is not JSON', exited(2, 'error[invalid-cidr]')],
    ['an unknown code', exited(2, json([diag({ code: 'made-up' })]))],
    ['no hint', exited(2, json([diag({ hint: '' })]))],
    ['a path neither in the input nor in the format', exited(2, json([diag({ path: 'kubernetes.podCIDRs' })]))],
    ['a path that does not parse', exited(2, json([diag({ path: 'a..b' })]))],
    ['a value in the file without a line', exited(2, json([diag({ line: null, column: null })]))],
    ['a line past the end of the file', exited(2, json([diag({ line: 99 })]))],
    ['a --set value without its --set', exited(2, json([diag({ code: 'wrong-type', path: 'nodes.workers.count', line: null, column: null })]))],
    ['an exit status the diagnostics do not call for', exited(1, json([diag({})]))],
    ['ok with errors', exited(0, json([diag({})], true))],
    ['NaN in human output', exited(0, 'pods NaN per node'), false],
    ['an unknown code in human output', exited(1, 'site.yaml: error[made-up] x'), false],
  ];
  for (const [what, outcome, asJson] of broken) {
    it(`catches ${what}`, () => {
      expect(problemsOf(outcome, asJson ?? true).length).toBeGreaterThan(0);
    });
  }
  const exits = (pairs: Array<[string, number, unknown?]>) => new Map(pairs.map(([k, exit, json]) => [k, { exit, json }]));
  it('catches commands that disagree', () => {
    expect(agreementProblems(exits([['validate', 2], ['size', 0]]))).not.toEqual([]);
    expect(agreementProblems(exits([['validate', 0], ['size', 0], ['size --force', 1]]))).not.toEqual([]);
    expect(agreementProblems(exits([['validate', 1], ['size', 1], ['size --force', 0]]))).toEqual([]);
    expect(agreementProblems(exits([['validate', 1], ['simulate', 0]]))).not.toEqual([]);
    expect(agreementProblems(exits([['validate', 0], ['simulate', 2]]))).not.toEqual([]);
    expect(agreementProblems(exits([['validate', 0], ['simulate', 1, { ok: false, diagnostics: [] }]]))).not.toEqual([]);
    expect(agreementProblems(exits([['validate', 0], ['simulate', 1, { ok: false, gates: [] }]]))).toEqual([]);
    expect(agreementProblems(exits([['validate', 1], ['simulate --force', 2, { ok: false }]]))).not.toEqual([]);
    expect(agreementProblems(exits([['validate', 1], ['simulate --force', 2, { ok: false, error: 'the drill cannot run on this site: …', hint: '' }]]))).toEqual([]);
    expect(agreementProblems(exits([['validate', 1], ['size --force', 2, { ok: false, error: 'x', hint: '' }]]))).not.toEqual([]);
    expect(agreementProblems(exits([['validate', 0], ['export', 1]]))).not.toEqual([]);
    expect(agreementProblems(exits([['validate', 2], ['export', 1]]))).not.toEqual([]);
    expect(agreementProblems(exits([['validate', 2], ['plan', 1]]))).not.toEqual([]);
    expect(agreementProblems(exits([['validate', 1], ['plan', 2, { ok: false, diagnostics: [] }]]))).not.toEqual([]);
    expect(agreementProblems(exits([['validate', 1], ['plan', 2, { ok: false, error: 'no class', hint: 'define it', diagnostics: [] }]]))).toEqual([]);
    expect(agreementProblems(exits([['validate', 1], ['plan', 0], ['export', 1], ['simulate', 1]]))).toEqual([]);
  });

  const command = (name: string) => SITE_COMMANDS.find((c) => c.name === name) as (typeof SITE_COMMANDS)[number];
  it('takes a result for what a run that failed on its own terms prints, and an error with a hint for a run it stopped', () => {
    const gates = { ok: false, drill: 'node-failure', site: 's', seed: 1, runs: 1, events: 2, gates: [], downtime: {}, storage: {}, stalled: null };
    expect(judge(command('simulate'), true, input, exited(1, JSON.stringify(gates))).problems).toEqual([]);
    expect(judge(command('simulate'), true, input, exited(1, JSON.stringify({ ...gates, ok: true }))).problems).not.toEqual([]);
    expect(judge(command('simulate'), false, input, exited(1, 'FAIL: 1 gate failed')).problems).toEqual([]);
    expect(judge(command('simulate'), false, input, exited(1, 'PASS')).problems).not.toEqual([]);
    expect(judge(command('size'), true, input, exited(1, JSON.stringify({ ok: false }))).problems).not.toEqual([]);
    expect(judge(command('plan'), true, input, exited(2, JSON.stringify({ ok: false, error: 'no class', hint: 'define it under hardware:', diagnostics: [] }))).problems).toEqual([]);
    expect(judge(command('plan'), true, input, exited(2, JSON.stringify({ ok: false, error: 'no class', diagnostics: [] }))).problems).not.toEqual([]);
    expect(judge(command('plan'), true, input, exited(1, JSON.stringify({ ok: false, error: 'no class', hint: 'define it under hardware:' }))).problems).not.toEqual([]);
    expect(judge(command('export'), true, input, exited(0, JSON.stringify({ ok: false, mode: 'write', site: 's', dir: 'd', formats: [], differences: 0, files: [] }))).problems).not.toEqual([]);
  });
});
