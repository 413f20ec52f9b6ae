/**
 * Refusing bad input: how fast the loader says no to what is not a site. Runs on dist/.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { loadSiteFile, loadSiteText } from '../dist/model/load.js';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'vmo-twin-bench-bad-'));
const big = join(dir, 'fifty-megabytes.yaml');
writeFileSync(big, 'workloads:\n  vmClasses:\n' + '    - { name: a, vcpu: 1, memory: 1Gi, disk: 0, count: 1 }\n'.repeat(900_000));
const bomb = readFileSync(join(root, 'test', 'fixtures', 'bad', 'billion-laughs.yaml'), 'utf8');
const deep = readFileSync(join(root, 'test', 'fixtures', 'bad', 'deep-nesting.yaml'), 'utf8');

const refused = (kind: string): void => {
  if (kind !== 'unusable') throw new Error('bad input was accepted');
};

describe('refusing bad input', () => {
  bench('validate a 50 MB file (refused: file-too-large)', () => refused(loadSiteFile(big).kind));
  bench('validate test/fixtures/bad/billion-laughs.yaml (refused: yaml-alias-limit)', () => refused(loadSiteText(bomb, 'billion-laughs.yaml').kind));
  bench('validate test/fixtures/bad/deep-nesting.yaml (refused: yaml-too-deep)', () => refused(loadSiteText(deep, 'deep-nesting.yaml').kind));
});
