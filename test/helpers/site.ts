/**
 * Test helpers: load a bundled scenario (or any text) with --set overrides and validate it
 * in-process, returning the codes found.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { loadSiteText } from '../../src/model/load.js';
import type { Twin } from '../../src/model/twin.js';
import { validateSite } from '../../src/model/validate.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const scenarioPath = (name: string): string => join(ROOT, 'scenarios', `${name}.yaml`);
export const scenarioText = (name: string): string => readFileSync(scenarioPath(name), 'utf8');

export interface Checked {
  readonly exitCode: 0 | 1 | 2;
  readonly diagnostics: Diagnostic[];
  readonly codes: string[];
  readonly twin?: Twin;
}

export function check(text: string, sets: readonly string[] = [], file = 'site.yaml'): Checked {
  const loaded = loadSiteText(text, file, sets);
  if (loaded.kind === 'unusable') return { exitCode: 2, diagnostics: loaded.diagnostics, codes: loaded.diagnostics.map((d) => d.code) };
  const v = validateSite(loaded.site, loaded.source, loaded.diagnostics);
  return { exitCode: v.exitCode, diagnostics: v.diagnostics, codes: v.diagnostics.map((d) => d.code), ...(v.twin ? { twin: v.twin } : {}) };
}

export function checkScenario(name: string, sets: readonly string[] = []): Checked {
  return check(scenarioText(name), sets, `${name}.yaml`);
}

/** Compile a scenario that must be valid; fails the test otherwise. */
export function twinOf(name: string, sets: readonly string[] = []): Twin {
  const c = checkScenario(name, sets);
  if (!c.twin) throw new Error(`${name} did not compile: ${c.codes.join(', ')}`);
  return c.twin;
}
