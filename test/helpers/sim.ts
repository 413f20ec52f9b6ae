/**
 * Test helpers for the simulator: a twin, a drill (bundled or inline YAML), a run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildBase, type SimBase } from '../../src/sim/base.js';
import { parseDrill, type Drill } from '../../src/sim/drill.js';
import { DrillRun } from '../../src/sim/engine.js';
import { runOnce, type RunOutcome } from '../../src/sim/run.js';
import type { Twin } from '../../src/model/twin.js';
import { compileTwin } from '../../src/model/twin.js';
import { loadSiteText } from '../../src/model/load.js';
import { ROOT, scenarioText } from './site.js';

export function drillNamed(name: string): Drill {
  return drillFromText(readFileSync(join(ROOT, 'scenarios', 'drills', `${name}.yaml`), 'utf8'), `${name}.yaml`);
}

export function drillFromText(text: string, file = 'drill.yaml'): Drill {
  const d = parseDrill(text, file);
  if (d.kind !== 'loaded') throw new Error(`drill ${file}: ${d.diagnostics.map((x) => `${x.path} ${x.message}`).join('; ')}`);
  return d.drill;
}

/** A drill from a spec fragment (YAML, indented under spec:). */
export function drillSpec(name: string, spec: string): Drill {
  return drillFromText(`apiVersion: vmo-twin/v1\nkind: Drill\nmetadata: { name: ${name} }\nspec:\n${spec.replace(/^/gm, '  ')}\n`);
}

/** Compile a scenario with overrides, errors allowed (like --force). */
export function forcedTwin(scenario: string, sets: readonly string[] = []): Twin {
  const l = loadSiteText(scenarioText(scenario), `${scenario}.yaml`, sets);
  if (l.kind !== 'loaded') throw new Error(`${scenario}: ${l.diagnostics.map((d) => d.code).join(', ')}`);
  const c = compileTwin(l.site);
  if (c.kind !== 'compiled') throw new Error(`${scenario} does not compile`);
  return c.twin;
}

export function baseOf(twin: Twin, drill: Drill): SimBase {
  const b = buildBase(twin, drill, false);
  if (b.kind !== 'built') throw new Error(b.reason);
  return b.base;
}

export function runDrill(twin: Twin, drill: Drill, seed = 1, check = false): RunOutcome {
  return runOnce(baseOf(twin, drill), drill, seed, { record: true, check });
}

export function newRun(twin: Twin, drill: Drill, seed = 1): DrillRun {
  return new DrillRun(baseOf(twin, drill), drill, { seed, record: false, check: true });
}
