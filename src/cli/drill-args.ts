/**
 * Finding a drill: a bundled name (scenarios/drills/NAME.yaml in the package) or a file.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { didYouMean } from '../model/diagnostics.js';
import { BUNDLED_DRILLS, loadDrillFile, type Drill } from '../sim/drill.js';
import { UsageError } from './io.js';
import { packageRoot } from './paths.js';

export function drillPath(nameOrFile: string): string {
  if ((BUNDLED_DRILLS as readonly string[]).includes(nameOrFile)) return join(packageRoot(), 'scenarios', 'drills', `${nameOrFile}.yaml`);
  if (existsSync(nameOrFile)) return nameOrFile;
  const near = didYouMean(nameOrFile, BUNDLED_DRILLS);
  throw new UsageError(`there is no drill "${nameOrFile}" (not a bundled drill, not a file)`, near ? `did you mean ${near}? The bundled drills: ${BUNDLED_DRILLS.join(', ')}` : `the bundled drills: ${BUNDLED_DRILLS.join(', ')}; or give the path of a drill file`);
}

export function resolveDrill(nameOrFile: string): { drill: Drill; text: string; file: string } {
  const file = drillPath(nameOrFile);
  const loaded = loadDrillFile(file);
  if (loaded.kind !== 'loaded') {
    const d = loaded.diagnostics[0];
    throw new UsageError(`the drill ${file} cannot be used: ${d ? `${d.path ? `${d.path}: ` : ''}${d.message}` : 'unreadable'}`, d?.hint ?? 'see scenarios/drills/ for examples');
  }
  return { drill: loaded.drill, text: loaded.text, file };
}
