/**
 * The commands that read a site, in one place: every robustness property and the bad-input
 * corpus run each of them. A command that lands later (simulate, export, plan) joins with one
 * line here, and every property and corpus case covers it from then on.
 */

export interface SiteCommand {
  /** As the test names show it. */
  readonly name: string;
  /** The argv for one run: the site file, the --set arguments, and --json or not. */
  readonly argv: (site: string, sets: readonly string[], json: boolean) => string[];
  /** What the command may print on stdout with --json when it succeeds (exit 0), checked by the oracle. */
  readonly successKeys?: readonly string[];
  /** Run only when `validate` exits with one of these (a variant that adds nothing elsewhere). */
  readonly whenValidateExits?: readonly number[];
}

const tail = (sets: readonly string[], json: boolean): string[] => [...sets.flatMap((s) => ['--set', s]), ...(json ? ['--json'] : [])];

export const SITE_COMMANDS: readonly SiteCommand[] = [
  { name: 'validate', argv: (site, sets, json) => ['validate', site, ...tail(sets, json)], successKeys: ['ok', 'diagnostics'] },
  { name: 'size', argv: (site, sets, json) => ['size', site, ...tail(sets, json)], successKeys: ['site', 'podCidr', 'nodes', 'pods', 'vms', 'storage', 'headroom'] },
  // On a clean site --force changes nothing; it matters where validate finds errors.
  { name: 'size --force', argv: (site, sets, json) => ['size', site, '--force', ...tail(sets, json)], successKeys: ['site', 'podCidr', 'nodes', 'pods', 'vms', 'storage', 'headroom'], whenValidateExits: [1, 2] },
];
