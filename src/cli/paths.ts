/**
 * Files that ship with the package (scenarios), found from this module's location whether it
 * runs from dist/ or from src/ under the test runner.
 */
import { existsSync, readFileSync } from 'node:fs';
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

/** "vmo-twin 0.1.0", from the installed package.json (what reports print as their maker). */
export function generatorName(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { name?: string; version?: string };
  return `${pkg.name ?? 'vmo-twin'} ${pkg.version ?? '0.0.0'}`;
}
