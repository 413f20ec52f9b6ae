/**
 * What a VM costs the node it runs on, as Kubernetes accounts it.
 */
import type { EvictionStrategy } from './reference.js';

/**
 * virt-launcher memory overhead in MiB (kubevirt/kubevirt v1.5.0
 * `pkg/virt-controller/services/renderresources.go#GetMemoryOverhead`, behaviour.md §1):
 * page tables (guest memory / 512), plus 220 MiB fixed (`services/template.go`:
 * VirtLauncherMonitorOverhead 25 + VirtLauncherOverhead 100 + VirtlogdOverhead 25 +
 * VirtqemudOverhead 40 + QemuOverhead 30), plus 8 MiB per vCPU, plus 8 MiB for the IOThread,
 * plus 16 MiB video RAM. VFIO (+1 GiB) and TPM (+53 MiB) are not modelled.
 * Check: 16 GiB with 4 vCPU → 32 + 220 + 32 + 8 + 16 = 308 MiB, the figure behaviour.md gives.
 */
export function virtLauncherOverheadMiB(guestMemoryMiB: number, vcpu: number): number {
  const pagetables = Math.ceil(guestMemoryMiB / 512);
  const fixed = 25 + 100 + 25 + 40 + 30;
  const perVcpu = 8 * vcpu;
  const ioThread = 8;
  const video = 16;
  return pagetables + fixed + perVcpu + ioThread + video;
}

/**
 * CPU requested by a VM's virt-launcher pod, in millicores: vCPUs / cpuAllocationRatio
 * (KubeVirt `developerConfiguration.cpuAllocationRatio`; RA §Hardware resources "10:1").
 */
export function vmCpuRequestMilli(vcpu: number, cpuAllocationRatio: number): number {
  return Math.ceil((vcpu * 1000) / cpuAllocationRatio);
}

/**
 * The completion budget of a live migration in ms: completionTimeoutPerGiB × the data size in
 * GB (10^9 bytes, rounded up) — kubevirt `virtwrap/live-migration-source.go` and
 * `virtwrap/manager.go#getVMIMigrationDataSize` (behaviour.md §1): 16 GiB → 18 × 150 s.
 */
export function migrationBudgetMs(memoryMiB: number, completionTimeoutPerGiBMs: number): number {
  const gb = Math.ceil((memoryMiB * 1024 * 1024) / 1e9);
  return gb * completionTimeoutPerGiBMs;
}

/** Eviction strategy codes, as the simulator stores them. */
export const EVICTION_CODE: Readonly<Record<EvictionStrategy, number>> = {
  LiveMigrate: 0,
  LiveMigrateIfPossible: 1,
  None: 2,
  External: 3,
};
