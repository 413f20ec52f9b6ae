/**
 * `vmo-twin plan DEMAND`: the smallest site that validates, absorbs the worker failures asked
 * for and survives its drills — the site file, the search that found it, and the proof.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { readInputFile, readSiteFile } from '../../model/load.js';
import { BUNDLED_DRILLS } from '../../sim/drill.js';
import { DEMAND_INPUT, loadDemandText, withOverrides } from '../../planner/demand.js';
import { planSite, type Candidate, type NamedDrill, type PlanOutcome } from '../../planner/plan.js';
import { resolveDrill } from '../drill-args.js';
import { UsageError, type Io } from '../io.js';
import { formatDiagnostics, stableStringify, summaryLine } from '../output.js';
import { referenceScenario } from '../paths.js';
import { formatCandidates, formatChosen, formatClasses, type ReportedCandidate } from '../plan-format.js';
import { PLAN_EXPORT_FORMATS, planExporter, type PlanExporter } from '../plan-export.js';
import { progressFor, withQuietOption } from '../progress.js';
import { formatSimResult } from '../sim-format.js';
import { diagnosticsJson } from '../site-args.js';

interface Args {
  readonly demand: string;
  readonly base?: string;
  readonly set: readonly string[];
  readonly hardware?: readonly string[];
  readonly tolerate?: number;
  readonly growth?: number;
  readonly drills?: string;
  readonly runs?: number;
  readonly seed: number;
  readonly workerCount?: number;
  readonly out?: string;
  readonly export?: string;
  readonly format?: readonly string[];
  readonly json: boolean;
  readonly quiet: boolean;
}

const SAFE = /^[A-Za-z0-9_/.,:=@%+-]+$/;
const shellQuote = (s: string): string => (SAFE.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The command that rebuilds one candidate and re-runs the check that failed it, alone. */
function replayOf(argv: Args, c: Candidate): string | null {
  if (c.stage === 'bound' || c.ok || !c.binding) return null;
  const parts = ['vmo-twin', 'plan', argv.demand];
  if (argv.base !== undefined) parts.push('--base', argv.base);
  for (const s of argv.set) parts.push('--set', s);
  if (argv.tolerate !== undefined) parts.push('--tolerate', String(argv.tolerate));
  if (argv.growth !== undefined) parts.push('--growth', String(argv.growth));
  parts.push('--hardware', c.hardware, '--worker-count', String(c.workers));
  if (c.binding.kind === 'drill') parts.push('--drills', c.binding.drill, '--seed', String(c.binding.seed), '--runs', '1');
  else parts.push('--drills', 'none');
  return parts.map(shellQuote).join(' ');
}

/** Drill names: bundled, a file (relative to `relativeTo` first, for the demand's own list), or none. */
function resolveDrills(names: readonly string[], relativeTo: string | null): NamedDrill[] {
  return names.map((raw) => {
    const name = raw.trim();
    const local = relativeTo !== null && !isAbsolute(name) && !(BUNDLED_DRILLS as readonly string[]).includes(name) ? join(relativeTo, name) : name;
    const spec = relativeTo !== null && local !== name && existsSync(local) ? local : name;
    return { name: spec, drill: resolveDrill(spec).drill };
  });
}

/** A path as the user would type it: relative to the working directory when under it. */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function planCommand(io: Io, exit: (code: 0 | 1 | 2) => void): CommandModule<object, Args> {
  return {
    command: 'plan <demand>',
    describe: 'the smallest site that meets a demand, validates and survives its drills — with the search and the proof',
    builder: (y: Argv) =>
      withQuietOption(y)
        .positional('demand', { type: 'string', demandOption: true, describe: 'demand file (kind: Demand): VM classes and counts, failures to tolerate, drills; see scenarios/demand-*.yaml' })
        .option('base', { type: 'string', describe: 'take networks, bonds, storage, versions and the rest from this site (default: the reference, scenarios/vmo-ra-64.yaml)' })
        // One value per --set, as for every command that reads a site: `--set a=1 demand.yaml` leaves the demand alone.
        .option('set', { type: 'string', array: true, nargs: 1, default: [] as string[], describe: 'override a value of the base site, helm-style: --set storage.array.usable=800Ti (repeatable)' })
        .option('hardware', { type: 'string', array: true, describe: 'worker classes to choose from, by name (the demand\'s, or the base\'s); compared by total cost (workers × hardware.<name>.cost)' })
        .option('tolerate', { type: 'number', describe: 'worker failures to absorb with every VM placeable (default: the demand\'s, else 1 — RA §Hardware resources)' })
        .option('growth', { type: 'number', describe: 'percent more nodes the pod and service CIDRs must be ready for (default: the demand\'s, else 0)' })
        .option('drills', { type: 'string', describe: 'drills every candidate must pass, comma-separated: bundled names or drill files; "none" for none (default: the demand\'s, else repave-all)' })
        .option('runs', { type: 'number', describe: 'seeds per drill, Monte Carlo (default: the demand\'s, else 1)' })
        .option('seed', { type: 'number', default: 1, describe: 'the first seed; run i uses seed + i' })
        .option('worker-count', { type: 'number', describe: 'check this many workers only, no search (replays one candidate of a search)' })
        .option('out', { type: 'string', describe: 'write the chosen site file here (only when the plan passed every check)' })
        .option('export', { type: 'string', describe: 'also write the chosen plan\'s MAAS, Palette, Kubernetes and Terraform files to this directory (as vmo-twin export does)' })
        .option('format', { type: 'string', array: true, describe: `with --export: the formats (${PLAN_EXPORT_FORMATS.join(', ')}, or all — the default)` })
        .option('json', { type: 'boolean', default: false, describe: 'machine-readable output on stdout: chosen, candidates, classes, proof, siteText (sorted keys, deterministic)' })
        .check((a) => {
          const whole = (name: string, v: number | undefined, min: number): void => {
            if (v !== undefined && (!Number.isInteger(v) || v < min)) throw new UsageError(`--${name} ${v} is not a whole number ≥ ${min}`);
          };
          whole('tolerate', a.tolerate, 0);
          whole('runs', a.runs, 1);
          whole('seed', a.seed, 0);
          whole('worker-count', a['workerCount'] as number | undefined, 1);
          if (a.growth !== undefined && !(Number.isFinite(a.growth) && a.growth >= 0)) throw new UsageError(`--growth ${a.growth} is not a percentage ≥ 0`, 'write --growth 25 for 25% more nodes');
          if (a.format !== undefined && a.export === undefined) throw new UsageError('--format needs --export DIR');
          return true;
        })
        .example('$0 plan scenarios/demand-ra.yaml --out site.yaml', 'plan the reference\'s 12,500 VMs; then `vmo-twin validate site.yaml`')
        .example('$0 plan scenarios/demand-two-classes.yaml', 'choose between two worker classes by total cost')
        .example('$0 plan my-demand.yaml --base my-site.yaml --tolerate 2 --drills repave-all,node-failure --runs 50', 'on your own networks and array, two failures, a Monte Carlo of failures')
        .example('$0 plan scenarios/demand-ra.yaml --growth 50 --json | jq .chosen.podCidr', 'CIDRs ready for 50% more nodes')
        .epilog(
          'Each candidate is a site file built from the base and checked as you would: validate (no errors), the VMs re-placed without the largest workers, then every drill over --runs seeds. ' +
            'A failed candidate prints what bound it and a replay command.\nExit status: 0 a plan passed every check, 1 the demand cannot be met (the report says why), 2 the input could not be used.',
        ) as unknown as Argv<Args>,
    handler: async (argv: ArgumentsCamelCase<Args>) => {
      // Refused before the search: an export that cannot be written should not cost a plan first.
      const exporter: PlanExporter | null = argv.export !== undefined ? planExporter(argv.export, argv.format ?? []) : null;

      const read = readInputFile(argv.demand, DEMAND_INPUT);
      const demandLoad = read.ok ? loadDemandText(read.text, argv.demand) : { kind: 'unusable' as const, diagnostics: [read.diagnostic] };
      if (demandLoad.kind === 'unusable') {
        if (argv.json) io.out(stableStringify({ ok: false, diagnostics: diagnosticsJson(demandLoad.diagnostics) }));
        else {
          io.err(formatDiagnostics(argv.demand, read.ok ? read.text : undefined, demandLoad.diagnostics, io.errStyle));
          io.err(summaryLine(argv.demand, demandLoad.diagnostics, io.errStyle).replace('valid, ', ''));
        }
        return exit(2);
      }
      const demand = withOverrides(demandLoad.demand, {
        ...(argv.tolerate !== undefined ? { tolerate: argv.tolerate } : {}),
        ...(argv.growth !== undefined ? { growth: argv.growth } : {}),
        ...(argv.runs !== undefined ? { runs: argv.runs } : {}),
      });
      const drillList = argv.drills !== undefined ? splitList(argv.drills) : demand.drills;
      const drills = drillList.length === 1 && drillList[0] === 'none' ? [] : resolveDrills(drillList, argv.drills !== undefined ? null : dirname(argv.demand));

      const baseFile = argv.base ?? referenceScenario();
      const baseRead = readSiteFile(baseFile);
      if (!baseRead.ok) {
        if (argv.json) io.out(stableStringify({ ok: false, diagnostics: diagnosticsJson([baseRead.diagnostic]) }));
        else io.err(formatDiagnostics(baseFile, undefined, [baseRead.diagnostic], io.errStyle));
        return exit(2);
      }

      const workers = Math.max(1, Math.min(availableParallelism(), demand.runs));
      // Drill runs done of planned; the plan grows when a candidate fails, and the bar with it.
      const bar = progressFor(io, argv);
      let shownTotal = 0;
      let shownDone = 0;
      const progress = (done: number, total: number): void => {
        if (total !== shownTotal) {
          bar.start(total, `plan ${demand.metadata.name}: drill runs`);
          shownTotal = total;
          shownDone = 0;
        }
        bar.tick(done - shownDone);
        shownDone = done;
      };
      const outcome: PlanOutcome = await planSite(
        {
          demand,
          demandDoc: demandLoad.doc,
          demandFile: argv.demand,
          base: { text: baseRead.text, file: baseFile, sets: argv.set },
          drills,
          ...(argv.hardware !== undefined ? { hardware: argv.hardware.flatMap(splitList) } : {}),
          ...(argv.workerCount !== undefined ? { workerCount: argv.workerCount } : {}),
        },
        { seed: argv.seed, workers, progress },
      ).finally(() => bar.stop());

      if (outcome.kind === 'invalid') {
        if (argv.json) io.out(stableStringify({ ok: false, error: outcome.message, hint: outcome.hint, diagnostics: diagnosticsJson(outcome.diagnostics) }));
        else {
          if (outcome.diagnostics.length) io.err(formatDiagnostics(baseFile, baseRead.text, outcome.diagnostics, io.errStyle));
          io.err(`${io.errStyle.red('error')}: ${outcome.message}\n  hint: ${outcome.hint}`);
        }
        return exit(2);
      }

      const candidates: ReportedCandidate[] = outcome.candidates.map((c) => ({ ...c, replay: replayOf(argv, c) }));
      const vms = demand.workloads.vmClasses.reduce((a, c) => a + c.count, 0);
      const s = io.style;
      const title = s.bold(
        `plan ${demand.metadata.name} — ${vms.toLocaleString('en-US')} VMs in ${demand.workloads.vmClasses.length} class${demand.workloads.vmClasses.length === 1 ? '' : 'es'}${demand.workloads.containerPods ? ` + ${demand.workloads.containerPods.toLocaleString('en-US')} container pods` : ''}, ${demand.tolerate} worker failure${demand.tolerate === 1 ? '' : 's'} tolerated, drills ${drills.length ? drills.map((d) => d.name).join(', ') : 'none'}${drills.length ? ` (${demand.runs === 1 ? `seed ${argv.seed}` : `${demand.runs} seeds from ${argv.seed}`})` : ''}`,
      );
      const header = [title, s.dim(`base ${argv.base === undefined ? 'scenarios/vmo-ra-64.yaml (the bundled reference)' : shown(baseFile)}${argv.set.length ? ` with ${argv.set.map((x) => `--set ${x}`).join(' ')}` : ''}`), '', s.bold('search'), formatCandidates(candidates, s)];
      if (outcome.classes.length > 1) header.push('', s.bold('classes'), formatClasses(outcome.classes));

      if (outcome.kind === 'unmet') {
        if (argv.json) {
          io.out(stableStringify({ ok: false, reason: outcome.reason, candidates, classes: outcome.classes, ...(argv.workerCount !== undefined ? { lastResults: outcome.lastResults } : {}) }));
        } else {
          const lines = [...header, ''];
          if (argv.workerCount !== undefined) for (const r of outcome.lastResults.filter((x) => !x.ok)) lines.push(formatSimResult(r, s), '');
          lines.push(s.red(`cannot be met: ${outcome.reason}`));
          io.out(lines.join('\n'));
        }
        return exit(1);
      }

      if (argv.out !== undefined) writeFileSync(argv.out, outcome.siteText);
      let exported = '';
      if (exporter) {
        const files = await exporter({ siteText: outcome.siteText, chosen: outcome.chosen });
        for (const f of files) io.err(`wrote ${f}`);
        exported = `\nexported ${files.length} files of the chosen site to ${argv.export ?? ''}`;
      }
      if (argv.json) {
        io.out(stableStringify({ ok: true, chosen: outcome.chosen, candidates, classes: outcome.classes, proof: outcome.proof, siteText: outcome.siteText, out: argv.out ?? null }));
      } else {
        const drill = drills[0]?.name ?? 'repave-all';
        const next = argv.out !== undefined ? `wrote ${argv.out} — check it: vmo-twin validate ${shellQuote(argv.out)}; vmo-twin simulate ${shellQuote(argv.out)} --drill ${shellQuote(drill)}` : 'write it with --out site.yaml (or take .siteText from --json)';
        io.out([...header, '', formatChosen(outcome.chosen, outcome.proof, s), '', s.green(next + exported)].join('\n'));
      }
      exit(0);
    },
  };
}
