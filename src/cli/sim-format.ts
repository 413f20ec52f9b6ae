/**
 * A drill result for people: the figures, the gates, and the spread of a Monte Carlo set.
 */
import type { SimResult } from '../sim/result.js';
import { fmtInt, table, type Style } from './output.js';

function hours(s: number): string {
  if (s >= 3600) return `${(s / 3600).toFixed(1)} h`;
  if (s >= 60) return `${(s / 60).toFixed(1)} min`;
  return `${s.toFixed(1)} s`;
}

export function formatSimResult(r: SimResult, style: Style): string {
  const many = r.runs > 1;
  const lines: string[] = [];
  lines.push(style.bold(`${r.drill} on ${r.site} — seed ${r.seed}${many ? `, ${r.runs} runs (seeds ${r.seed}..${r.seed + r.runs - 1})` : ''}`));
  const rows: string[][] = [
    [many ? 'longest run' : 'simulated', `${hours(r.simulatedSeconds)} (${fmtInt(Math.round(r.simulatedSeconds))} s), ${fmtInt(r.events)} events${many ? ' in all' : ''}`],
    ['migrations', `${fmtInt(r.migrations.started)} started, ${fmtInt(r.migrations.completed)} completed, ${fmtInt(r.migrations.failed)} failed; at most ${r.migrations.maxInFlight} in flight (limits ${r.run.limits.parallelPerCluster} per cluster, ${r.run.limits.parallelOutboundPerNode} out per node)`],
    [
      'downtime',
      r.downtime.vms === 0
        ? `none: no VM was ever down${many ? ' in any run' : ''}`
        : many
          ? `${fmtInt(r.downtime.vms)} VM outages over the ${fmtInt(r.runs)} runs, ${hours(r.downtime.vmSeconds)} of VM downtime in all (per run below)`
          : `${fmtInt(r.downtime.vms)} VM${r.downtime.vms === 1 ? '' : 's'} down, ${hours(r.downtime.vmSeconds)} of VM downtime in all`,
    ],
    [
      'storage',
      `${fmtInt(r.storage.degradedVolumesMax)} volumes degraded at most (${fmtInt(r.storage.degradedVolumesAtEnd)} at the end), ${r.storage.resyncTiB} TiB resynced; quorum ${r.storage.quorumLost ? style.red('LOST') : 'kept'}, KVDB quorum ${r.storage.kvdbQuorumLost ? style.red('LOST') : 'kept'}, ${fmtInt(r.storage.volumesLost)} volumes lost their last replica`,
    ],
  ];
  if (r.stalled) rows.push(['stalled', style.red(`${r.stalled.code} at ${hours(r.stalled.at)}: ${r.stalled.reason}`)]);
  lines.push(table(rows));
  if (many && r.percentiles) {
    const p = r.percentiles;
    const pr = (name: string, d: { min: number; p50: number; p90: number; p99: number; max: number }, f: (x: number) => string) => [name, f(d.min), f(d.p50), f(d.p90), f(d.p99), f(d.max)];
    lines.push('');
    lines.push(
      table(
        [
          ['per run', 'min', 'p50', 'p90', 'p99', 'max'],
          pr('duration', p.simulatedSeconds, hours),
          pr('migrations', p.migrationsStarted, (x) => fmtInt(x)),
          pr('VMs down', p.downtimeVms, (x) => fmtInt(x)),
          pr('VM downtime', p.downtimeVmSeconds, hours),
          pr('degraded volumes', p.degradedVolumesMax, (x) => fmtInt(x)),
        ],
        new Set([1, 2, 3, 4, 5]),
      ),
    );
  }
  lines.push('');
  for (const g of r.gates) lines.push(`${g.ok ? style.green('✓') : style.red('✗')} ${g.name.padEnd(32)} ${g.detail}`);
  lines.push('');
  lines.push(r.ok ? style.green('PASS: every gate held') : style.red(`FAIL: ${r.gates.filter((g) => !g.ok).length} gate${r.gates.filter((g) => !g.ok).length === 1 ? '' : 's'} failed`));
  return lines.join('\n');
}
