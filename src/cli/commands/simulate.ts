/**
 * `vmo-twin simulate SITE --drill D`: seeded drills — one run, a Monte Carlo set on worker
 * threads, one shard of a set, or the Kubernetes Job that runs the shards in a cluster.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { stringify } from 'yaml';
import { indexedJob } from '../../sim/job.js';
import { shardSeeds } from '../../sim/shard.js';
import { simulate, simulateShard } from '../../sim/index.js';
import { resolveDrill } from '../drill-args.js';
import { UsageError, type Io } from '../io.js';
import { stableStringify } from '../output.js';
import { progressFor, withQuietOption } from '../progress.js';
import { formatSimResult } from '../sim-format.js';
import { loadAndValidate, requireValidSite, withSiteOptions, type SiteArgs } from '../site-args.js';

interface Args extends SiteArgs {
  readonly drill: string;
  readonly seed: number;
  readonly runs: number;
  readonly workers?: number;
  readonly shard?: string;
  readonly out?: string;
  readonly emitJob: boolean;
  readonly shards: number;
  readonly image: string;
  readonly namespace: string;
  readonly parallelism?: number;
  readonly force: boolean;
  readonly timings: boolean;
  readonly quiet: boolean;
}

function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index >= count) throw new UsageError(`--shard ${text} is not i/N with 0 ≤ i < N`, 'write --shard 0/4 for the first of four shards');
  return { index, count };
}

/** Said when a drill cannot start on a site (a site forced past its errors, or a drill that does not fit it). */
const CANNOT_RUN_HINT = 'run vmo-twin validate on the site and fix its errors (--force simulates a site with errors only where the cluster as written can start), or check the drill against the site';

export function simulateCommand(io: Io, exit: (code: 0 | 1 | 2) => void): CommandModule<object, Args> {
  return {
    command: 'simulate <site>',
    describe: 'run a drill (repave, failures, descheduler) on the twin, seeded; Monte Carlo on worker threads',
    builder: (y: Argv) =>
      withQuietOption(withSiteOptions(y))
        .option('drill', { type: 'string', demandOption: true, describe: 'a bundled drill (repave-workers, repave-all, node-failure, zone-failure, failure-during-repave, fabric-failure, descheduler-rebalance) or a drill file' })
        .option('seed', { type: 'number', default: 1, describe: 'the first seed; run i uses seed + i' })
        .option('runs', { type: 'number', default: 1, describe: 'Monte Carlo runs (seeds seed..seed+runs-1)' })
        .option('workers', { type: 'number', describe: 'worker threads (default: the available cores); results do not depend on it' })
        .option('shard', { type: 'string', describe: 'run only shard i of N of the runs and write a part file (with --out)' })
        .option('out', { type: 'string', describe: 'where --shard writes its part file' })
        .option('emit-job', { type: 'boolean', default: false, describe: 'print a Kubernetes Indexed Job that runs the shards in a cluster, and a merge Job' })
        .option('shards', { type: 'number', default: 4, describe: 'with --emit-job: how many shards' })
        .option('image', { type: 'string', default: 'vmo-twin:0.1.0', describe: 'with --emit-job: the container image (build it from the Dockerfile)' })
        .option('namespace', { type: 'string', default: 'vmo-twin', describe: 'with --emit-job: the namespace' })
        .option('parallelism', { type: 'number', describe: 'with --emit-job: shards running at once (default: all)' })
        .option('force', { type: 'boolean', default: false, describe: 'simulate a site with validation errors (to see what they cost)' })
        .option('timings', { type: 'boolean', default: false, describe: 'add wall-clock figures (they make equal runs unequal)' })
        .check((a) => {
          if (!Number.isInteger(a.seed) || a.seed < 0) throw new UsageError(`--seed ${a.seed} is not a whole number ≥ 0`);
          if (!Number.isInteger(a.runs) || a.runs < 1 || a.runs > 1_000_000) throw new UsageError(`--runs ${a.runs} is not a whole number from 1 to 1,000,000`);
          if (a.workers !== undefined && (!Number.isInteger(a.workers) || a.workers < 1)) throw new UsageError(`--workers ${a.workers} is not a whole number ≥ 1`);
          if (a.shard !== undefined && a.out === undefined) throw new UsageError('--shard needs --out PART.json');
          return true;
        })
        .example('$0 simulate scenarios/vmo-ra-64.yaml --drill repave-all', 'rehearse a full repave of the reference cluster')
        .example('$0 simulate site.yaml --drill node-failure --runs 200 --json', '200 seeded failures on the available cores')
        .example('$0 simulate site.yaml --drill node-failure --runs 1000 --shard 0/4 --out part-0.json', 'one of four shards; merge with `vmo-twin merge part-*.json`')
        .example('$0 simulate site.yaml --drill node-failure --runs 10000 --emit-job --shards 20 | kubectl apply -f -', 'run the shards in your cluster')
        .epilog('Exit status: 0 every gate held, 1 a gate failed, 2 the input could not be used. Every run is replayable from its seed.') as unknown as Argv<Args>,
    handler: async (argv: ArgumentsCamelCase<Args>) => {
      const { drill, text: drillText } = resolveDrill(argv.drill);
      const loaded = requireValidSite(io, argv, loadAndValidate(argv.site, argv.set), argv.force);
      if (!('twin' in loaded)) return exit(loaded.exitCode);
      const twin = loaded.twin;
      if (argv.emitJob) {
        const docs = indexedJob({
          name: `${twin.site.metadata.name}-${drill.metadata.name}`,
          namespace: argv.namespace,
          image: argv.image,
          siteYaml: loaded.source.doc.toString(),
          drillYaml: drillText,
          seed: argv.seed,
          runs: argv.runs,
          shards: argv.shards,
          parallelism: argv.parallelism ?? argv.shards,
          workersPerShard: argv.workers ?? 1,
          force: argv.force,
        });
        io.out(docs.map((d) => stringify(d, { sortMapEntries: false, lineWidth: 0 })).join('---\n'));
        return exit(0);
      }
      const workers = argv.workers ?? Math.max(1, Math.min(availableParallelism(), argv.runs));
      const started = performance.now();
      const bar = progressFor(io, argv);
      let done = 0;
      const progress = (n: number): void => {
        bar.tick(n - done);
        done = n;
      };
      if (argv.shard !== undefined) {
        const shard = parseShard(argv.shard);
        bar.start(shardSeeds(argv.seed, argv.runs, shard.index, shard.count).length, `${drill.metadata.name} shard ${shard.index}/${shard.count}`);
        const r = await simulateShard(twin, drill, { seed: argv.seed, runs: argv.runs, workers, shard, progress }).finally(() => bar.stop());
        if (r.kind !== 'done') throw new UsageError(`the drill cannot run on this site: ${r.reason}`, CANNOT_RUN_HINT);
        writeFileSync(argv.out as string, `${stableStringify(r.part)}\n`);
        io.err(`wrote ${argv.out}: shard ${shard.index}/${shard.count}, ${r.part.summaries.length} runs`);
        return exit(0);
      }
      if (argv.runs > 1) bar.start(argv.runs, `${drill.metadata.name} (${argv.runs} runs, ${workers} thread${workers === 1 ? '' : 's'})`);
      const r = await simulate(twin, drill, { seed: argv.seed, runs: argv.runs, workers, progress }).finally(() => bar.stop());
      if (r.kind !== 'done') throw new UsageError(`the drill cannot run on this site: ${r.reason}`, CANNOT_RUN_HINT);
      const wall = (performance.now() - started) / 1000;
      const result = argv.timings ? { ...r.result, timings: { wallSeconds: Math.round(wall * 1000) / 1000, eventsPerSecond: Math.round(r.result.events / Math.max(wall, 1e-9)), workers } } : r.result;
      io.out(argv.json ? stableStringify(result) : formatSimResult(result, io.style));
      exit(r.result.ok ? 0 : 1);
    },
  };
}
