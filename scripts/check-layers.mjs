#!/usr/bin/env node
// The project's own structural checks, run by `npm run lint` after the type check:
//  1. imports only point down the layers of DESIGN.md: model ← sim ← planner ← exporters ← cli
//     (exporters may import sim/planner types only: results as plain data);
//  2. no circular imports between modules;
//  3. every source file opens with a doc comment saying what it is for.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const src = join(root, 'src');
const ALLOWED = {
  model: ['model'],
  sim: ['model', 'sim'],
  planner: ['model', 'sim', 'planner'],
  exporters: ['model', 'exporters'],
  cli: ['model', 'sim', 'planner', 'exporters', 'cli'],
};
const TYPE_ONLY = { exporters: ['sim', 'planner'] };

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const files = walk(src);
const problems = [];
const graph = new Map();
const importRe = /^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const rel = relative(src, file);
  const layer = rel.split(sep)[0];
  if (!/^(#!.*\n)?\s*\/\*\*/.test(text)) problems.push(`${rel}: starts without a /** doc comment saying what the module is for`);
  const deps = [];
  for (const m of text.matchAll(importRe)) {
    const spec = m[3];
    if (!spec.startsWith('.')) continue;
    const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
    const targetLayer = relative(src, target).split(sep)[0];
    deps.push(target);
    const allowed = ALLOWED[layer];
    if (!allowed) {
      problems.push(`${rel}: lives outside the layers (${Object.keys(ALLOWED).join(', ')})`);
      continue;
    }
    const typeOnly = Boolean(m[2]);
    if (!allowed.includes(targetLayer) && !(typeOnly && (TYPE_ONLY[layer] ?? []).includes(targetLayer))) {
      problems.push(`${rel}: imports ${spec} — src/${layer} may import ${allowed.join(', ')} only${TYPE_ONLY[layer] ? ` (and types from ${TYPE_ONLY[layer].join(', ')})` : ''}`);
    }
  }
  graph.set(file, deps);
}

// Cycles (Tarjan's strongly connected components).
let index = 0;
const idx = new Map();
const low = new Map();
const stack = [];
const on = new Set();
function strong(v) {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  on.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue;
    if (!idx.has(w)) {
      strong(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const comp = [];
    let w;
    do {
      w = stack.pop();
      on.delete(w);
      comp.push(relative(src, w));
    } while (w !== v);
    if (comp.length > 1) problems.push(`circular imports: ${comp.sort().join(' ↔ ')}`);
  }
}
for (const f of graph.keys()) if (!idx.has(f)) strong(f);

if (problems.length) {
  for (const p of problems) console.error(`check-layers: ${p}`);
  process.exit(1);
}
console.error(`check-layers: ${files.length} modules, imports point down the layers, no cycles, every module documented`);
