/**
 * `vmo-twin apply maas|palette SITE --endpoint URL [--yes]`: make MAAS or Palette hold what
 * the export of the site says. Without --yes it only reads and prints the diff; with --yes it
 * reconciles by natural key, journals each step under `.vmo-twin/`, and resumes a run that
 * stopped. The work is in `exporters/apply/`; this module wires options, output and exit.
 */
import { relative, resolve } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { applyMaasPlan, checkMaasAdmin } from '../../exporters/apply/maas.js';
import { journalPath, Journal, readJournal, resumeStateOf, type JournalHeader, type ResumeState } from '../../exporters/apply/journal.js';
import { applyPalette, type PaletteExport } from '../../exporters/apply/palette.js';
import { siteLocator } from '../../exporters/apply/paths.js';
import { countStatuses, exitStatusOf, type ObjectResult, type ObjectStatus, type RunResult } from '../../exporters/apply/result.js';
import { Secrets } from '../../exporters/apply/secrets.js';
import { renderExport, sha256 } from '../../exporters/index.js';
import { maasApiRoot, type MaasClient } from '../../exporters/maas/client.js';
import type { MaasPlan } from '../../exporters/maas/plan.js';
import { PaletteClient, paletteApiRoot, PALETTE_KEY_HINT } from '../../exporters/palette/client.js';
import type { ClusterProfileImport, MaasClusterCreate } from '../../exporters/palette/types.js';
import { checkParallel, connect, lastValue, openMaas, printFatal, readApiKey, scrubbedIo, seedOf, withApiOptions, type ApiArgs } from '../api-args.js';
import { UsageError, type Io } from '../io.js';
import { fmtInt, stableStringify, summaryLine } from '../output.js';
import { progressFor } from '../progress.js';
import { loadAndValidate, requireValidSite, withSiteOptions, type SiteArgs } from '../site-args.js';

const TARGETS = ['maas', 'palette'] as const;
type Target = (typeof TARGETS)[number];

interface Args extends SiteArgs, ApiArgs {
  readonly target: Target;
  readonly projectUid?: string;
  readonly yes: boolean;
  readonly prune: boolean;
  readonly parallel: number;
  readonly journalDir: string;
}

/** Our choice: four machines at a time keeps a MAAS region (a Django app on one host) responsive while a 64-node apply takes minutes, not tens. */
const DEFAULT_PARALLEL = 4;

const MARK: Readonly<Record<ObjectStatus, string>> = { create: '+', update: '~', delete: '-', unchanged: '=', conflict: '!', refused: '✗', failed: '✗', skipped: '·' };
const WORD_DRY: Readonly<Record<ObjectStatus, string>> = { create: 'create', update: 'update', delete: 'delete', unchanged: 'unchanged', conflict: 'conflict', refused: 'refused', failed: 'failed', skipped: 'skipped' };
const WORD_DONE: Readonly<Record<ObjectStatus, string>> = { ...WORD_DRY, create: 'created', update: 'updated', delete: 'deleted' };

/** `same` when the previous line said the same about the same machine: the reason is not repeated. */
function objectLine(io: Io, r: ObjectResult, dry: boolean, siteFile: string, same = false): string[] {
  const s = io.style;
  const color = r.status === 'create' ? s.green : r.status === 'update' || r.status === 'delete' ? s.yellow : r.status === 'unchanged' ? s.dim : r.status === 'skipped' ? s.dim : s.red;
  const word = (dry ? WORD_DRY : WORD_DONE)[r.status];
  const name = `${r.id}${r.target !== undefined ? `@${r.target}` : ''}`;
  const changes = r.changes.length ? `: ${r.changes.map((c) => `${c.field} ${c.from} → ${c.to}`).join(', ')}` : '';
  const note = r.message !== undefined ? `${changes ? '; ' : ': '}${same ? '(the same)' : r.message}` : '';
  const lines = [`${color(`${MARK[r.status]} ${word.padEnd(9)}`)} ${name}${changes}${note}`];
  for (const e of r.site ?? []) {
    const where = e.set !== undefined ? `${siteFile} (--set ${e.set})` : e.line !== undefined ? `${siteFile}:${e.line}:${e.column ?? 1}` : siteFile;
    lines.push(`      ${where}: ${e.path}${e.field !== '*' ? ` (${e.field})` : ''}${e.messages.length ? `: ${e.messages.join(' ')}` : ''}`);
  }
  return lines;
}

function summaryText(dry: boolean, objects: readonly ObjectResult[]): string {
  const c = countStatuses(objects);
  const w = dry ? WORD_DRY : WORD_DONE;
  const parts = (['create', 'update', 'delete', 'unchanged', 'conflict', 'refused', 'failed', 'skipped'] as const).filter((k) => c[k] > 0).map((k) => `${fmtInt(c[k])} ${dry && (k === 'create' || k === 'update' || k === 'delete') ? `to ${w[k]}` : w[k]}`);
  return parts.length ? parts.join(', ') : 'nothing';
}

export function applyCommand(baseIo: Io, exit: (code: 0 | 1 | 2) => void): CommandModule<object, Args> {
  return {
    command: 'apply <target> <site>',
    describe: 'make MAAS or Palette hold the export of a site (a dry run unless --yes)',
    builder: (y: Argv) =>
      withApiOptions(
        withSiteOptions(y.positional('target', { type: 'string', choices: TARGETS, demandOption: true, describe: 'maas: networks, pools, zones and every machine\'s interfaces and storage; palette: the three profiles and the cluster' })),
      )
        .option('project-uid', { type: 'string', requiresArg: true, coerce: lastValue, describe: 'Palette project to work in (ProjectUid header); without it, tenant scope' })
        .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'make the changes (without it: read, print the diff, change nothing)' })
        .option('prune', { type: 'boolean', default: false, describe: 'also delete what apply owns and the site no longer has (interfaces, links and reserved ranges on MAAS; unused older profile versions on Palette)' })
        .option('parallel', { type: 'number', default: DEFAULT_PARALLEL, requiresArg: true, coerce: lastValue, describe: 'machines reconciled at the same time (maas)' })
        .option('journal-dir', { type: 'string', default: '.vmo-twin', requiresArg: true, coerce: lastValue, describe: 'where the journal of each apply lives, for resuming a run that stopped' })
        .example('MAAS_API_KEY=… $0 apply maas site.yaml --endpoint http://maas:5240/MAAS', 'dry run: what would change in MAAS')
        .example('MAAS_API_KEY=… $0 apply maas site.yaml --endpoint http://maas:5240/MAAS --yes', 'make the changes; run it again and everything is "unchanged"')
        .example('$0 apply palette site.yaml --endpoint https://api.spectrocloud.com --project-uid 65f… --api-key-file ~/.palette-key --yes', 'import and publish the profiles, create the cluster')
        .example('$0 apply maas site.yaml --endpoint https://maas.lab:5443/MAAS --ca-cert lab-ca.pem --json', 'the diff as JSON, over TLS with a private CA')
        .epilog(
          'The key comes from MAAS_API_KEY / PALETTE_API_KEY or --api-key-file, never from the command line, and is never printed. ' +
            'Objects are found by their natural key (names, VLAN ids, CIDRs, hostnames), so applying twice changes nothing and nothing is created twice; ' +
            'nothing is deleted unless --prune. Machines whose state forbids an edit (a Deployed machine\'s interfaces) are reported, not forced. ' +
            'Each change is journaled in --journal-dir before and after it is sent: a run that stopped (killed, network lost) resumes where it was. ' +
            'Palette secrets (${env:NAME} in palette/cluster.json) are read from the environment.\n' +
            'Exit status: 0 converged (or, dry run, nothing blocks), 1 conflicts, refusals or rejected changes were reported, 2 the input, the key or the endpoint could not be used.',
        ) as unknown as Argv<Args>,
    handler: async (argv: ArgumentsCamelCase<Args>) => {
      const secrets = new Secrets();
      const io = scrubbedIo(baseIo, secrets);
      const target = argv.target;
      if (argv.projectUid !== undefined && target !== 'palette') throw new UsageError('--project-uid is for apply palette', 'MAAS has no projects; drop --project-uid');
      checkParallel(argv.parallel);
      if (argv.apiKey !== undefined) readApiKey(argv, target === 'maas' ? 'MAAS_API_KEY' : 'PALETTE_API_KEY', secrets, '');
      const root = target === 'maas' ? maasApiRoot(argv.endpoint) : paletteApiRoot(argv.endpoint);
      if (!root.ok) throw new UsageError(root.message, root.hint);

      const loaded = requireValidSite(io, argv, loadAndValidate(argv.site, argv.set), false, false);
      if (!('twin' in loaded)) return exit(loaded.exitCode);
      if (!argv.json && loaded.diagnostics.length) io.err(summaryLine(argv.site, loaded.diagnostics, io.errStyle));
      const site = loaded.site.metadata.name;
      // The export, rendered in memory: apply sends exactly what `export` writes.
      const files = renderExport(loaded.twin, [target]);
      const json = (path: string): unknown => JSON.parse(files.find((f) => f.path === path)?.content ?? 'null');
      const planDigest = sha256(files.map((f) => `${f.path}\n${f.content}`).join('\n'));

      const dry = !argv.yes;
      const conn = connect(io, argv, root.root, argv.parallel, seedOf(site, root.root.toString()));
      let maas: MaasClient | undefined;
      let paletteKey = '';
      if (target === 'maas') {
        maas = await openMaas(io, argv, root.root, conn, secrets);
        if (!maas) return exit(2);
        const admin = await checkMaasAdmin(maas);
        if (!admin.ok) {
          conn.transport.close();
          printFatal(io, admin, argv.json);
          return exit(2);
        }
      } else {
        try {
          paletteKey = readApiKey(argv, 'PALETTE_API_KEY', secrets, PALETTE_KEY_HINT);
        } catch (e) {
          conn.transport.close();
          throw e;
        }
      }
      const header: JournalHeader = { apply: target, site, endpoint: root.root.toString(), planDigest };
      const dir = resolve(argv.journalDir);
      const path = journalPath(dir, header, sha256);
      let journal: Journal | undefined;
      let resume: ResumeState | undefined;
      if (dry) {
        resume = resumeStateOf(readJournal(path), header).resume;
      } else {
        const opened = Journal.open(dir, path, header, secrets);
        if (opened.kind === 'locked') throw new UsageError(`another apply (process ${opened.pid}) is running with the journal ${opened.path}`, 'wait for it to finish; if it is gone, remove the .lock file next to the journal');
        if (opened.kind === 'unusable') throw new UsageError(opened.message, 'choose a writable --journal-dir');
        journal = opened.journal;
        resume = opened.resume;
        if (resume && !argv.quiet) io.err(`resuming the apply that stopped (started ${resume.startedAt}): ${resume.done.size} steps already done${resume.inFlight.size ? `, ${resume.inFlight.size} in flight when it stopped (looked up by name before anything is sent)` : ''}`);
        if (opened.restarted === 'other-plan' && !argv.quiet) io.err('the journal of an earlier, unfinished apply is for another version of the site or endpoint: starting over (objects are found by name, so nothing is created twice)');
      }
      if (dry && resume && !argv.quiet) io.err(`an earlier apply stopped half-way (${resume.done.size} objects done); apply --yes resumes it`);

      const progress = progressFor(io, { quiet: argv.quiet, json: argv.json });
      const onResult = (): void => progress.tick();
      let run: RunResult;
      try {
        if (target === 'maas') {
          const plan = json('maas/plan.json') as MaasPlan;
          const perMachine = (role: 'controlPlane' | 'workers') => plan.steps.filter((s) => s.scope.kind === 'machines' && s.scope.role === role).length * plan.machines[role].length;
          progress.start(plan.steps.filter((s) => s.scope.kind === 'global').length + perMachine('controlPlane') + perMachine('workers'), `apply maas ${site}`);
          const client = maas as MaasClient;
          run = await applyMaasPlan(plan, client, { mode: dry ? 'dry-run' : 'apply', prune: argv.prune, parallel: argv.parallel, locate: siteLocator(loaded.source), onResult, ...(journal ? { journal } : {}), ...(resume && !dry ? { resume } : {}) });
        } else {
          const profiles = files.filter((f) => /^palette\/profile-.*\.json$/.test(f.path)).map((f) => JSON.parse(f.content) as ClusterProfileImport);
          const exp: PaletteExport = { profiles, cluster: json('palette/cluster.json') as MaasClusterCreate };
          progress.start(2 + profiles.length + exp.cluster.spec.machinepoolconfig.length, `apply palette ${site}`);
          const client = new PaletteClient(root.root, paletteKey, argv.projectUid, conn.caller, secrets);
          run = await applyPalette(exp, client, { mode: dry ? 'dry-run' : 'apply', prune: argv.prune, env: (name) => process.env[name], secrets, onResult, ...(journal ? { journal } : {}), ...(resume && !dry ? { resume } : {}) });
        }
      } finally {
        progress.stop();
        conn.transport.close();
      }
      const status = exitStatusOf(run);
      if (journal) {
        // A run that went to the end closes its journal; one that stopped leaves it to be resumed.
        if (!run.fatal) journal.end(`${status === 0 ? 'converged' : 'finished with problems'}: ${summaryText(false, run.objects)}`);
        journal.close();
      }
      // The journal as people find it: relative to where they ran the command, when it is below it.
      const shown = relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path);
      const journalRel = journal ? shown : undefined;
      if (argv.json) {
        io.out(
          stableStringify({
            ok: status === 0,
            apply: target,
            mode: dry ? 'dry-run' : 'apply',
            site,
            endpoint: root.root.toString(),
            summary: countStatuses(run.objects),
            objects: run.objects,
            ...(journalRel !== undefined ? { journal: journalRel } : {}),
            ...(resume && !dry ? { resumed: run.objects.filter((o) => o.journal).length } : {}),
            ...(run.fatal ? { error: run.fatal } : {}),
          }),
        );
        return exit(status);
      }
      if (run.fatal && run.objects.length === 0) {
        printFatal(io, run.fatal);
        return exit(status);
      }
      io.out(`${dry ? 'dry run' : 'apply'} ${target} ${site} → ${root.root.toString()}${dry ? ' (reads only; nothing is changed)' : ''}`);
      run.objects.forEach((r, i) => {
        const prev = run.objects[i - 1];
        const same = prev !== undefined && r.message !== undefined && prev.message === r.message && prev.target === r.target && prev.status === r.status && r.status !== 'create' && r.status !== 'update';
        for (const l of objectLine(io, r, dry, argv.site, same)) io.out(l);
      });
      const s = io.style;
      if (run.fatal) {
        printFatal(io, run.fatal);
        io.out(`${s.red('✗')} stopped after ${fmtInt(run.objects.length)} objects (${summaryText(dry, run.objects)})${journal ? `; the journal ${shown} lets the next run resume` : ''}`);
      } else if (dry) {
        const blocking = run.objects.filter((r) => r.status === 'conflict' || r.status === 'refused' || r.status === 'failed').length;
        const changes = run.objects.filter((r) => r.status === 'create' || r.status === 'update' || r.status === 'delete').length;
        io.out(`${blocking ? s.red('✗') : s.green('✓')} dry run: ${summaryText(true, run.objects)}; ${blocking ? `${blocking} ${blocking === 1 ? 'object needs' : 'objects need'} attention before --yes can converge` : changes ? 'run again with --yes to make the changes' : 'MAAS already holds the site'.replace('MAAS', target === 'maas' ? 'MAAS' : 'Palette')}`);
      } else if (status === 0) {
        io.out(`${s.green('✓')} converged: ${summaryText(false, run.objects)}${resume ? ` (resumed: ${run.objects.filter((o) => o.journal).length} done by the run that stopped)` : ''}`);
      } else {
        io.out(`${s.red('✗')} applied what could be: ${summaryText(false, run.objects)}; fix what is reported above and run again (the journal ${shown} keeps what was done)`);
      }
      exit(status);
    },
  };
}
