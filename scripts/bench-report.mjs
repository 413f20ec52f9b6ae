#!/usr/bin/env node
// Runs every vitest bench in bench/ on the built output and prints one table (markdown, ready
// for the README). Figures go to stdout; vitest's own progress to stderr.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const tmp = mkdtempSync(join(tmpdir(), 'vmo-twin-bench-'));
const out = join(tmp, 'bench.json');
// The Monte Carlo bench writes the speed-up of each back-to-back pair of sets here.
const pairsFile = join(tmp, 'pairs.json');
const filter = process.argv.slice(2);
// One bench file at a time: files run side by side would take each other's cores (the Monte
// Carlo rows, which use both, above all).
const r = spawnSync('npx', ['vitest', 'bench', '--run', '--no-file-parallelism', '--outputJson', out, ...filter], { stdio: ['ignore', process.stderr, 'inherit'], env: { ...process.env, FORCE_COLOR: '0', VMO_BENCH_PAIRS: pairsFile } });
if (r.status !== 0) process.exit(r.status ?? 1);
const data = JSON.parse(readFileSync(out, 'utf8'));
const rows = [];
for (const file of data.files ?? []) {
  for (const group of file.groups ?? []) {
    for (const b of group.benchmarks ?? []) {
      rows.push({ group: group.fullName.replace(/^bench\//, ''), name: b.name, mean: b.mean, median: b.median, min: b.min, p99: b.p99, hz: b.hz, samples: b.sampleCount ?? b.samples?.length ?? 0 });
    }
  }
}
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
const lines = ['| case | mean (ms) | median (ms) | min (ms) | p99 (ms) | ops/s | samples |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |'];
for (const row of rows) lines.push(`| ${row.name} | ${ms(row.mean)} | ${ms(row.median)} | ${ms(row.min)} | ${ms(row.p99)} | ${row.hz >= 100 ? Math.round(row.hz) : row.hz.toFixed(2)} | ${row.samples} |`);
// The ratios the simulator's speed is judged by, derived from the rows above (same event count in
// both loops), from the fastest samples: the code is deterministic and CPU-bound, so what a shared
// machine adds (another tenant on the core, for seconds at a time) only ever adds time, and it
// falls on whichever of the two cases was running then; the minimum is the estimate it leaves
// alone. The medians' ratio is printed beside it.
const row = (re) => rows.find((r) => re.test(r.name));
const derived = [];
const raw = row(/^raw event loop/);
const drill = row(/^simulate vmo-ra-64 --drill repave-all \(/);
if (raw && drill) derived.push(`- repave-all runs at ${(raw.min / drill.min).toFixed(2)} of the raw event loop's events/s (fastest samples; ${(raw.median / drill.median).toFixed(2)} by medians; the same events through the same queue; asked: at least 0.3)`);
const one = row(/--runs 1000 --workers 1$/);
const two = row(/--runs 1000 --workers 2$/);
const pairs = existsSync(pairsFile) ? JSON.parse(readFileSync(pairsFile, 'utf8')).sort((a, b) => a - b) : [];
if (pairs.length) {
  const mid = pairs[Math.floor(pairs.length / 2)];
  derived.push(`- 1,000 node-failure runs on 2 workers: ${mid.toFixed(2)}× as fast as on 1, the median of ${pairs.length} pairs (alternating which runs first) (${pairs[0].toFixed(2)}–${pairs[pairs.length - 1].toFixed(2)}×; from the rows above: ${one && two ? `${(one.min / two.min).toFixed(2)}× by fastest samples, ${(one.median / two.median).toFixed(2)}× by medians` : 'not run'}; asked: at least 1.8×)`);
}
if (derived.length) lines.push('', ...derived);
process.stdout.write(`${lines.join('\n')}\n\nmeasured ${new Date().toISOString().slice(0, 10)} on ${process.platform}/${process.arch}, Node ${process.version}, ${(await import('node:os')).cpus().length} CPUs\n`);
