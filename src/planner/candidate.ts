/**
 * A candidate plan as a site file: the base site's YAML document, edited where the plan
 * decides (worker count and class, control-plane class, pod and service CIDRs, Portworx
 * drives and maxStorageNodes, repave interval, the demand's workloads) and left as it was
 * everywhere else, comments included. The text this returns is what the checks load, and
 * what `plan --out` writes.
 */
import { isAlias, isMap, isScalar, isSeq, visit, type Document, type Node, type YAMLMap } from 'yaml';
import { expandHostnames } from '../model/hostnames.js';
import { prepareAlong } from '../model/load.js';
import { formatMiB, formatMs } from '../model/units.js';

/** What the search decided for one candidate. */
export interface CandidateSettings {
  readonly name: string;
  readonly description: string;
  /** The worker class, and the document it is defined in (the demand's, or the base's own). */
  readonly workerClass: string;
  readonly workerClassFrom: 'demand' | 'base';
  readonly workers: number;
  readonly dataDrives: { readonly count: number; readonly sizeMiB: number };
  readonly podCidr: string;
  readonly serviceCidr: string;
  /** A control-plane class sized from the RA table, or null to keep the base's. */
  readonly controlPlaneClass: { readonly name: string; readonly cores: number; readonly memoryMiB: number } | null;
  readonly repaveIntervalMs: number;
  /** Worker hostnames: a pattern or a list, `null` to drop the base's, `undefined` to keep them. */
  readonly workerHostnames?: string | readonly string[] | null;
  /** The comment at the top of the file. */
  readonly header: string;
}

export interface DocumentSource {
  readonly doc: Document;
}

/** A node from another document, as a node of `to`: cloned, or rebuilt when it holds aliases. */
function transplant(node: Node, from: Document, to: Document): Node {
  let aliases = false;
  visit(node, {
    Alias() {
      aliases = true;
      return visit.BREAK;
    },
  });
  if (aliases) return to.createNode(node.toJS(from)) as Node;
  const copy = node.clone() as Node;
  visit(copy, {
    Node(_, n) {
      if ('anchor' in n) delete (n as { anchor?: string }).anchor;
    },
  });
  return copy;
}

function mapAt(doc: Document, path: readonly string[]): YAMLMap | undefined {
  const n = doc.getIn(path, true);
  return isMap(n) ? n : undefined;
}

/** Put `value` under `newKey` where `oldKey` was (same place, same key comments), or at the end. */
function replaceEntry(doc: Document, map: YAMLMap, oldKey: string | undefined, newKey: string, value: Node): void {
  const existing = map.items.find((p) => isScalar(p.key) && p.key.value === newKey);
  if (existing) {
    existing.value = value;
    if (oldKey !== undefined && oldKey !== newKey) map.delete(oldKey);
    return;
  }
  const old = oldKey === undefined ? undefined : map.items.find((p) => isScalar(p.key) && p.key.value === oldKey);
  if (old && isScalar(old.key)) {
    old.key.value = newKey;
    old.value = value;
    return;
  }
  map.set(doc.createNode(newKey), value);
}

function stringAt(doc: Document, path: readonly string[]): string | undefined {
  const v = doc.getIn(path);
  return typeof v === 'string' ? v : undefined;
}

/**
 * Worker hostnames for `count` machines from the base's: a pattern with one number range is
 * rewritten to the new count; a list is cut; otherwise they are dropped (the default names).
 */
export function resizeHostnames(current: unknown, count: number): { value: string | readonly string[] | null; note: string | null } {
  if (current === undefined || current === null) return { value: null, note: null };
  if (typeof current === 'string') {
    const ranges = [...current.matchAll(/\{(\d+)\.\.(\d+)\}/g)];
    const other = /\{[^}]*,[^}]*\}/.test(current);
    const only = ranges[0];
    if (ranges.length === 1 && !other && only) {
      const lo = only[1] as string;
      const width = lo.length > 1 && lo.startsWith('0') ? lo.length : 0;
      const hi = String(Number(lo) + count - 1).padStart(width, '0');
      const value = current.replace(only[0], `{${lo}..${hi}}`);
      return { value, note: value === current ? null : `worker hostnames: ${current} → ${value}` };
    }
  }
  const texts = Array.isArray(current) ? current.map(String) : [String(current)];
  const names: string[] = [];
  for (const t of texts) {
    const e = expandHostnames(t);
    if (e.ok) names.push(...e.value);
  }
  if (names.length >= count) return { value: names.slice(0, count), note: names.length === count ? null : `worker hostnames: the base's first ${count} of ${names.length} names` };
  return { value: null, note: `worker hostnames: the base names ${names.length} machines and the plan needs ${count}, so it uses the default names worker-1…worker-${count}; write your own in nodes.workers.hostnames` };
}

/**
 * Set a value in the candidate as --set would: through an alias (copied, so only this place
 * changes) and an empty `key:` (made a mapping). The YAML library's setIn does neither: a base
 * with `portworx:` left empty crashed the plan (found by fuzzing plan with generated bases).
 */
function put(doc: Document, path: readonly (string | number)[], value: unknown): void {
  prepareAlong(doc, path);
  doc.setIn(path, value);
}

/** The site text of a candidate: the base document with the plan's settings. */
export function renderCandidate(base: DocumentSource, demand: DocumentSource, s: CandidateSettings): string {
  const doc = base.doc.clone();
  const baseName = stringAt(doc, ['metadata', 'name']);
  put(doc, ['metadata', 'name'], s.name);
  put(doc, ['metadata', 'description'], s.description);
  const clusterName = stringAt(doc, ['palette', 'clusterName']);
  if (clusterName !== undefined && clusterName === baseName) put(doc, ['palette', 'clusterName'], s.name);

  const hardware = mapAt(doc, ['hardware']);
  if (!hardware) throw new Error('renderCandidate: the base has no hardware mapping (the loader guarantees one)');
  const oldWorker = stringAt(doc, ['nodes', 'workers', 'hardware']);
  const oldCp = stringAt(doc, ['nodes', 'controlPlane', 'hardware']);

  // The worker class.
  if (s.workerClassFrom === 'demand') {
    const node = demand.doc.getIn(['hardware', s.workerClass], true);
    if (!node || isAlias(node)) throw new Error(`renderCandidate: the demand has no hardware class ${s.workerClass}`);
    replaceEntry(doc, hardware, oldWorker !== oldCp ? oldWorker : undefined, s.workerClass, transplant(node as Node, demand.doc, doc));
  } else if (oldWorker !== undefined && oldWorker !== s.workerClass && oldWorker !== oldCp) {
    hardware.delete(oldWorker);
  }
  put(doc, ['nodes', 'workers', 'hardware'], s.workerClass);

  // The control-plane class, sized from the RA table when the base's is too small.
  if (s.controlPlaneClass) {
    const c = s.controlPlaneClass;
    const from = oldCp === undefined ? undefined : hardware.get(oldCp, true);
    const node = (isMap(from) ? from.clone() : doc.createNode({})) as YAMLMap;
    node.set('cores', c.cores);
    node.set('memory', formatMiB(c.memoryMiB));
    node.delete('cost');
    replaceEntry(doc, hardware, oldCp !== s.workerClass ? oldCp : undefined, c.name, node);
    put(doc, ['nodes', 'controlPlane', 'hardware'], c.name);
  }

  put(doc, ['nodes', 'workers', 'count'], s.workers);
  if (s.workerHostnames === null) {
    prepareAlong(doc, ['nodes', 'workers', 'hostnames']);
    doc.deleteIn(['nodes', 'workers', 'hostnames']);
  }
  else if (s.workerHostnames !== undefined) put(doc, ['nodes', 'workers', 'hostnames'], typeof s.workerHostnames === 'string' ? s.workerHostnames : doc.createNode([...s.workerHostnames], { flow: true }));
  put(doc, ['nodes', 'workers', 'repaveInterval'], formatMs(s.repaveIntervalMs));
  put(doc, ['kubernetes', 'podCidr'], s.podCidr);
  put(doc, ['kubernetes', 'serviceCidr'], s.serviceCidr);
  put(doc, ['storage', 'portworx', 'dataDrives', 'count'], s.dataDrives.count);
  put(doc, ['storage', 'portworx', 'dataDrives', 'size'], formatMiB(s.dataDrives.sizeMiB));
  put(doc, ['storage', 'portworx', 'maxStorageNodes'], s.workers);

  // The demand's workloads, as the demand wrote them.
  const workloads = demand.doc.getIn(['workloads'], true);
  if (!workloads || !(isMap(workloads) || isSeq(workloads) || isScalar(workloads))) throw new Error('renderCandidate: the demand has no workloads');
  const copied = transplant(workloads as Node, demand.doc, doc);
  // The comment on the demand's `workloads:` line speaks of the demand file, not of the site.
  copied.commentBefore = null;
  put(doc, ['workloads'], copied);

  // The base's heading describes the base; the plan's replaces it. Comments further down stay.
  doc.commentBefore = s.header;
  if (isMap(doc.contents)) {
    doc.contents.commentBefore = null;
    const first = doc.contents.items[0];
    if (first && isScalar(first.key)) first.key.commentBefore = null;
  }
  return doc.toString({ lineWidth: 0 });
}
