/**
 * A plan for people: the search (each candidate, what bound it, why the next was tried), the
 * classes compared, the chosen site, and its proof.
 */
import type { Binding, Candidate, ChosenPlan, ClassOutcome } from '../planner/plan.js';
import type { SimResult } from '../sim/result.js';
import { fmtInt, table, type Style } from './output.js';

/** A candidate as the report shows it, with the command that rebuilds and re-checks it alone. */
export type ReportedCandidate = Candidate & { readonly replay: string | null };

export function bindingText(b: Binding): string {
  switch (b.kind) {
    case 'drill':
      return `${b.drill}: ${b.gate}${b.gate === '(cannot run)' ? '' : ` failed (seed ${b.seed})`}: ${b.detail}`;
    case 'rule':
      return `rule ${b.code}${b.path ? ` at ${b.path}` : ''}: ${b.detail}`;
    case 'minimum':
      return `below the minimum: ${b.detail}`;
    case 'failures':
      return `failure headroom: ${b.detail}`;
    default:
      return `${b.kind}: ${b.detail}`;
  }
}

function hours(s: number): string {
  return s >= 3600 ? `${(s / 3600).toFixed(1)} h` : s >= 60 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(1)} s`;
}

export function formatCandidates(candidates: readonly ReportedCandidate[], style: Style): string {
  const out: string[] = [];
  const pad = ' '.repeat(26);
  for (const c of candidates) {
    const mark = c.ok ? style.green('✓') : style.red('✗');
    const count = c.workers === 0 && c.stage === 'bound' ? 'any' : fmtInt(c.workers);
    const head = `  ${mark} ${`${count} × ${c.hardware}`.padEnd(16)} ${c.stage.padEnd(8)}`;
    out.push(c.binding ? `${head} ${bindingText(c.binding)}` : head.trimEnd());
    if (c.replay && c.binding) out.push(`${pad}${style.dim(`replay: ${c.replay}`)}`);
    if (c.next) out.push(`${pad}→ ${c.next}`);
  }
  return out.join('\n');
}

export function formatClasses(classes: readonly ClassOutcome[]): string {
  const rows = classes.map((k) => {
    const figures = [k.bound !== null ? `bound ${k.bound}` : null, k.validates !== null ? `validates ${k.validates}` : null, k.proven !== null ? `proven ${k.proven}` : null].filter((x): x is string => x !== null).join(', ');
    const cost = k.totalCost !== null && k.unitCost !== null ? `${k.proven} × ${fmtInt(k.unitCost)} = ${fmtInt(k.totalCost)}` : k.unitCost !== null ? `${fmtInt(k.unitCost)} each` : '';
    return [`  ${k.hardware}`, k.outcome, figures, cost, k.reason];
  });
  return table(rows);
}

function proofLine(r: SimResult): string {
  const seeds = r.runs === 1 ? `seed ${r.seed}` : `${r.runs} runs, seeds ${r.seed}..${r.seed + r.runs - 1}`;
  const all = r.runs > 1 ? ' in all' : '';
  const down = r.downtime.vms === 0 ? 'no VM down' : `${fmtInt(r.downtime.vms)} VMs down${all} (as its gates allow)`;
  return `${r.ok ? 'PASS' : 'FAIL'} (${seeds}): ${hours(r.simulatedSeconds)}${r.runs > 1 ? ' at most' : ''}, ${fmtInt(r.migrations.started)} migrations${all}, ${down}, Portworx quorum ${r.storage.quorumLost ? 'LOST' : 'kept'}; gates: ${r.gates.map((g) => `${g.ok ? '✓' : '✗'} ${g.name}`).join(', ')}`;
}

export function formatChosen(c: ChosenPlan, proof: readonly SimResult[], style: Style): string {
  const s = c.size;
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const cost = c.totalCost !== null && c.unitCost !== null ? ` — ${fmtInt(c.workers)} × ${fmtInt(c.unitCost)} = ${fmtInt(c.totalCost)}` : '';
  const rows: string[][] = [
    ['control plane', `${c.controlPlane.count} × ${c.controlPlane.hardware}: ${c.controlPlane.cores} cores, ${c.controlPlane.memoryGiB} GiB (the RA table asks ${c.controlPlane.raCores} cores, ${c.controlPlane.raMemoryGiB} GB for ${c.workers} workers${c.controlPlane.beyondTable ? ', extrapolated past the table' : ''})`],
    [
      'pod CIDR',
      `${c.podCidr.cidr}: ${c.podCidr.blocks} blocks for ${c.podCidr.nodes} nodes${c.podCidr.growthPct ? ` (${c.podCidr.nodesWithGrowth} with ${c.podCidr.growthPct}% growth)` : ''} + ${c.podCidr.spare} spare; can grow in place to ${c.podCidr.canGrowTo}`,
    ],
    ['service CIDR', `${c.serviceCidr}, past the pod CIDR's room to grow (RA §Solution Sizing: "further away")`],
    ['Portworx', `${c.dataDrives.count} × ${c.dataDrives.size} data drives per worker, maxStorageNodes ${c.maxStorageNodes}: pool ${fmtInt(s.storage.portworxPoolTiB)} TiB for ${fmtInt(s.storage.usedTiB)} TiB replicated (${pct(s.storage.poolUtilization)})`],
    ['repaves', `workers ${c.repaveInterval} apart (Portworx settles between nodes)`],
    ['capacity', `memory ${pct(s.memory.utilization)}, CPU ${pct(s.cpu.utilization)}, VM pods ${fmtInt(s.vms.requested)} of ${fmtInt(s.pods.vmSlotsOnWorkers)} slots; ${c.tolerated} worker failure${c.tolerated === 1 ? '' : 's'} absorbed with every VM placed (${c.tolerate} asked)`],
  ];
  for (const n of c.notes) rows.push(['note', n]);
  for (const w of c.warnings) rows.push(['warning', `${w.code}: ${w.message}`]);
  const lines = [style.bold(`chosen  ${fmtInt(c.workers)} × ${c.hardware} workers${cost}`), table(rows.map(([k, v]) => [`  ${k}`, v as string]))];
  if (proof.length) {
    lines.push(style.bold('proof'));
    lines.push(table(proof.map((r) => [`  ${r.drill}`, proofLine(r)])));
  } else {
    lines.push(style.yellow('proof   none: no drills were asked for (--drills none); the plan validates and absorbs the failures, nothing more'));
  }
  return lines.join('\n');
}
