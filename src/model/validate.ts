/**
 * Validation: every rule of the reference architecture over a loaded site, as diagnostics.
 */
import { exitCodeOf, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { locate, type SiteSource } from './load.js';
import { capacityRules } from './rules/capacity.js';
import { deschedulerRules } from './rules/descheduler.js';
import { migrationRules } from './rules/migration.js';
import { hostNetworkRules } from './rules/hostnet.js';
import { cidrRules, podCidrRules } from './rules/network.js';
import { nodeRules } from './rules/nodes.js';
import { placeholderRules } from './rules/placeholders.js';
import { metallbRules, schedulingRules, versionRules } from './rules/services.js';
import { storageSiteRules, storageTwinRules } from './rules/storage.js';
import type { Site } from './site.js';
import { compileTwin, type Finding, type Twin } from './twin.js';
import { pathToString } from './codec.js';
import { codeInfo } from './diagnostics.js';

/** Rules that need only the site. */
export const SITE_RULES: ReadonlyArray<(site: Site, out: Finding[]) => void> = [cidrRules, podCidrRules, nodeRules, hostNetworkRules, metallbRules, storageSiteRules, versionRules, schedulingRules];
/** Rules that need the compiled twin. */
export const TWIN_RULES: ReadonlyArray<(twin: Twin, out: Finding[]) => void> = [capacityRules, storageTwinRules, deschedulerRules, migrationRules];

export interface Validation {
  readonly diagnostics: Diagnostic[];
  /** Present when the site compiled (structural references resolved). */
  readonly twin?: Twin;
  readonly exitCode: 0 | 1 | 2;
}

function toDiagnostic(source: SiteSource | undefined, f: Finding): Diagnostic {
  if (source) return locate(source, f.path, f);
  return {
    severity: f.severity ?? codeInfo(f.code).severity,
    code: f.code,
    path: pathToString(f.path),
    message: f.message,
    hint: f.hint,
    ...(f.fix !== undefined ? { fix: f.fix } : {}),
  };
}

/** Check a site against every rule; `prior` are the loader's diagnostics (unknown keys). */
export function validateSite(site: Site, source?: SiteSource, prior: readonly Diagnostic[] = []): Validation {
  const findings: Finding[] = [];
  for (const rule of SITE_RULES) rule(site, findings);
  if (source) placeholderRules(source, findings);
  const compiled = compileTwin(site);
  let twin: Twin | undefined;
  if (compiled.kind === 'compiled') {
    twin = compiled.twin;
    for (const rule of TWIN_RULES) rule(twin, findings);
  } else {
    findings.push(...compiled.findings);
  }
  const diagnostics = sortDiagnostics([...prior, ...findings.map((f) => toDiagnostic(source, f))]);
  return { diagnostics, ...(twin ? { twin } : {}), exitCode: exitCodeOf(diagnostics) };
}
