/**
 * Files that ship with the package (scenarios), found from this module's location whether it
 * runs from dist/ or from src/ under the test runner.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'scenarios'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('vmo-twin: cannot find the package root (scenarios/ is missing from the installation)');
}

/** The embedded reference scenario: the RA's 64-node, 12,500-VM cluster. */
export function referenceScenario(): string {
  return join(packageRoot(), 'scenarios', 'vmo-ra-64.yaml');
}
