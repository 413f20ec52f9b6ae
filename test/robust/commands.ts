/**
 * The commands that read a site, in one place: every robustness property, the built-CLI
 * sample and the bad-input corpus run each of them. A command that lands later joins with one
 * entry here, and every property and corpus case covers it from then on; what the commands
 * must agree on is `agreementProblems` in oracle.ts.
 */
import { join } from 'node:path';
import { ROOT } from '../helpers/site.js';

/** One run of a command on one case. */
export interface CommandCall {
  /** The site file. */
  readonly site: string;
  readonly sets: readonly string[];
  readonly json: boolean;
  /** A directory the command may write into (export's --out); reused from case to case. */
  readonly scratch: string;
}

export interface SiteCommand {
  /** As the test names show it. */
  readonly name: string;
  readonly argv: (call: CommandCall) => string[];
  /** What the command prints on stdout with --json when it succeeds (exit 0), checked by the oracle. */
  readonly successKeys?: readonly string[];
  /**
   * A run that went ahead and failed on its own terms — a drill gate (simulate), a demand that
   * cannot be met (plan) — exits 1 with a JSON result (ok false, these keys) rather than
   * diagnostics.
   */
  readonly failureKeys?: readonly string[];
  /** Run only when `validate` exits with one of these (a variant that adds nothing elsewhere). */
  readonly whenValidateExits?: readonly number[];
}

const tail = (sets: readonly string[], json: boolean): string[] => [...sets.flatMap((s) => ['--set', s]), ...(json ? ['--json'] : [])];

/** The demand `plan` gets: twenty small VMs on the pod network (any base's networks take them), no drills. */
export const PLAN_DEMAND = join(ROOT, 'test', 'fixtures', 'robust', 'demand.yaml');

const SIZE_KEYS = ['site', 'podCidr', 'nodes', 'pods', 'vms', 'storage', 'headroom'];
const SIM_KEYS = ['ok', 'drill', 'site', 'seed', 'runs', 'events', 'gates', 'downtime', 'storage', 'stalled'];

export const SITE_COMMANDS: readonly SiteCommand[] = [
  { name: 'validate', argv: (c) => ['validate', c.site, ...tail(c.sets, c.json)], successKeys: ['ok', 'diagnostics'] },
  { name: 'size', argv: (c) => ['size', c.site, ...tail(c.sets, c.json)], successKeys: SIZE_KEYS },
  // On a clean site --force changes nothing; it matters where validate finds errors. Where
  // validate exits 2 the input is unusable and --force is never read (loadAndValidate fails
  // before it): that path is the bad-input corpus's, which runs every command on every file.
  { name: 'size --force', argv: (c) => ['size', c.site, '--force', ...tail(c.sets, c.json)], successKeys: SIZE_KEYS, whenValidateExits: [1] },
  // One seeded worker failure, one run, on the test's own thread: the whole engine (fencing,
  // restarts, Portworx degraded) at the cost of the VMs on one node.
  { name: 'simulate', argv: (c) => ['simulate', c.site, '--drill', 'node-failure', '--runs', '1', ...tail(c.sets, c.json)], successKeys: SIM_KEYS, failureKeys: SIM_KEYS },
  // --force simulates a site with errors: only where validate exits 1 does it differ.
  { name: 'simulate --force', argv: (c) => ['simulate', c.site, '--drill', 'node-failure', '--runs', '1', '--force', ...tail(c.sets, c.json)], successKeys: SIM_KEYS, failureKeys: SIM_KEYS, whenValidateExits: [1] },
  // Every format, into the same directory case after case (so what a smaller site no longer produces is pruned).
  { name: 'export', argv: (c) => ['export', c.site, '--format', 'all', '--out', join(c.scratch, 'export'), ...tail(c.sets, c.json)], successKeys: ['ok', 'mode', 'site', 'dir', 'formats', 'differences', 'files'] },
  // The site as plan's base: the search over worker counts on its networks, storage and hardware, no drills.
  { name: 'plan', argv: (c) => ['plan', PLAN_DEMAND, '--base', c.site, '--drills', 'none', ...tail(c.sets, c.json)], successKeys: ['ok', 'chosen', 'candidates', 'classes', 'proof', 'siteText'], failureKeys: ['ok', 'reason', 'candidates', 'classes'] },
];
