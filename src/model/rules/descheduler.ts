/**
 * The Descheduler's LowNodeUtilization band against the VMs it moves: a rule on the compiled
 * twin (it needs the VM classes' requests and the workers' allocatable).
 */
import type { Finding, Twin } from '../twin.js';

const RESOURCES = ['cpu', 'memory', 'pods'] as const;

/**
 * LowNodeUtilization calls a node underutilized below `thresholds` in every resource and
 * overutilized above `targetThresholds` in any; usage is requests over allocatable, pods over
 * max pods (behaviour.md §3, descheduler `nodeutilization.go`). When one VM takes more of a
 * worker than the band between the two, the VM it moves onto an underutilized worker can make
 * that worker overutilized, and the next cycle moves a VM off it again: the Descheduler churns
 * (kubernetes-sigs/descheduler#707 and #1026, where the answer was to change the thresholds;
 * this simulator's descheduler-rebalance with equal thresholds moved VMs back and forth until
 * its horizon). A negative band is the `descheduler-thresholds` error's, not this warning's.
 */
export function deschedulerRules(twin: Twin, out: Finding[]): void {
  const d = twin.site.descheduler;
  const { nodes, vmClasses, workers } = twin;
  if (!d.enabled || workers.length === 0) return;
  // The smallest (active) worker in each resource: where one VM weighs most.
  let cpu = Infinity;
  let mem = Infinity;
  let pods = Infinity;
  for (const n of workers) {
    cpu = Math.min(cpu, nodes.allocCpuMilli[n] as number);
    mem = Math.min(mem, nodes.allocMemMiB[n] as number);
    pods = Math.min(pods, nodes.maxPods[n] as number);
  }
  for (const r of RESOURCES) {
    const low = d.lowNodeUtilization.thresholds[r];
    const high = d.lowNodeUtilization.targetThresholds[r];
    const band = high - low;
    if (band < 0) continue;
    // The largest share of that worker one VM of a class in use takes, in percent.
    let share = 0;
    let cls = -1;
    for (let k = 0; k < vmClasses.count; k++) {
      if ((vmClasses.vmCount[k] as number) === 0) continue;
      const s = r === 'cpu' ? (100 * (vmClasses.cpuMilli[k] as number)) / Math.max(1, cpu) : r === 'memory' ? (100 * (vmClasses.podMemMiB[k] as number)) / Math.max(1, mem) : 100 / Math.max(1, pods);
      if (s > share) {
        share = s;
        cls = k;
      }
    }
    if (cls < 0 || share <= band) continue;
    const pct = (x: number): string => `${Number(x.toFixed(x < 1 ? 2 : 1))}%`;
    out.push({
      path: ['descheduler', 'lowNodeUtilization', 'targetThresholds', r],
      code: 'descheduler-band',
      message:
        band === 0
          ? `the ${r} threshold and target threshold are both ${low}%: no worker is ever appropriately utilized in ${r}, and one VM (${pct(share)} of a worker's ${r}) moves a worker from under to over`
          : `the ${r} band from thresholds (${low}%) to targetThresholds (${high}%) is ${band} point${band === 1 ? '' : 's'}, and one VM of class ${vmClasses.names[cls]} takes ${pct(share)} of a worker's ${r}: a VM moved onto an underutilized worker can make it overutilized`,
      hint: `the Descheduler would move VMs back and forth (each move a live migration): keep targetThresholds.${r} more than one VM's share above thresholds.${r} (chart defaults 20 and 50)`,
    });
  }
}
