/**
 * The demand file (apiVersion vmo-twin/v1, kind Demand): what the cluster must run and
 * survive, which the planner turns into the smallest site that does. VM classes are written
 * exactly as in a site file's `workloads`, hardware classes exactly as in its `hardware`, so a
 * demand can be cut from a site and pasted back.
 */
import { isMap, isScalar, type Document, type LineCounter, type Node } from 'yaml';
import { INVALID, array, def, enumOf, integer, k8sName, number, object, opt, record, req, string, type Infer } from '../model/codec.js';
import { sortDiagnostics, type Diagnostic } from '../model/diagnostics.js';
import { decodeContext, parseYamlInput, type InputKind } from '../model/load.js';
import { RA_MIN_WORKERS } from '../model/reference.js';
import { hardwareClassCodec, workloadsCodec } from '../model/site.js';

export const DEMAND_KIND = 'Demand';

export const DEMAND_INPUT: InputKind = {
  noun: 'demand file',
  bundled: 'demand files',
  example: 'scenarios/demand-ra.yaml',
  start: 'start from a bundled demand: cp scenarios/demand-ra.yaml my-demand.yaml',
  shape: 'a demand file is a YAML mapping that starts with "apiVersion: vmo-twin/v1" and "kind: Demand"',
};

/**
 * RA §Hardware resources: "you want 1 node to be able to go offline without impact" (the
 * reason for its minimum of RA_MIN_WORKERS = 4 workers, 3 for Portworx quorum + 1).
 */
export const RA_WORKER_FAILURES_TOLERATED = RA_MIN_WORKERS - 3;

export const demandCodec = object({
  apiVersion: req(enumOf(['vmo-twin/v1'] as const), 'always vmo-twin/v1'),
  kind: req(enumOf([DEMAND_KIND] as const), `always ${DEMAND_KIND}`),
  metadata: req(
    object({
      name: req(k8sName('"ra-demand"'), 'the name of the planned site (metadata.name of the site file the plan writes)'),
      description: opt(string({ maxLength: 4096 }), 'free text'),
    }),
    'name and description',
  ),
  workloads: req(workloadsCodec, "VM classes with counts, container pods and namespaces — the site file's workloads, written the same way"),
  tolerate: def(
    integer({ max: 10_000 }),
    RA_WORKER_FAILURES_TOLERATED,
    String(RA_WORKER_FAILURES_TOLERATED),
    'worker failures the plan must absorb with every VM still placeable (checked by re-placing the VMs without the largest workers) — RA §Hardware resources: "1 node able to go offline without impact"',
  ),
  growth: def(number({ max: 10_000 }), 0, '0', 'percent more nodes the pod and service CIDRs must be ready for (they cannot change later without a rebuild)'),
  drills: def(array(string({ maxLength: 4096, example: '"repave-all"' })), ['repave-all'], '[repave-all]', 'drills every candidate must pass: bundled names or drill files (relative to this file)'),
  runs: def(integer({ min: 1, max: 1_000_000 }), 1, '1', 'seeds each drill runs over (Monte Carlo); a candidate passes only when every seed passes'),
  hardware: opt(record(hardwareClassCodec), 'worker hardware classes to choose from, by total cost (workers × cost); default the base site\'s worker class'),
});

export type Demand = Infer<typeof demandCodec>;

export type DemandLoad =
  | { readonly kind: 'loaded'; readonly demand: Demand; readonly doc: Document.Parsed; readonly lineCounter: LineCounter; readonly text: string }
  | { readonly kind: 'unusable'; readonly diagnostics: Diagnostic[] };

/** A site file given where a demand belongs gets its own hint. */
function wrongKind(doc: Document.Parsed, lineCounter: LineCounter, file: string): Diagnostic | undefined {
  if (!isMap(doc.contents)) return undefined;
  const kind = doc.contents.get('kind', true) as Node | undefined;
  if (!kind || !isScalar(kind) || kind.value === DEMAND_KIND) return undefined;
  const pos = kind.range ? lineCounter.linePos(kind.range[0]) : undefined;
  const isSite = kind.value === 'Site';
  return {
    severity: 'error',
    code: 'wrong-kind',
    path: 'kind',
    ...(pos ? { line: pos.line, column: pos.col } : {}),
    message: `${file} is a ${String(kind.value)}, not a ${DEMAND_KIND}`,
    hint: isSite
      ? 'plan takes a demand file (kind: Demand) and a site as --base: vmo-twin plan scenarios/demand-ra.yaml --base SITE'
      : 'a demand file says "kind: Demand"; see scenarios/demand-ra.yaml',
  };
}

/** Parse and decode demand text. Any error makes it unusable: a plan from a half-read demand would be wrong. */
export function loadDemandText(text: string, file: string): DemandLoad {
  const parsed = parseYamlInput(text, file, DEMAND_INPUT);
  if (parsed.kind === 'unusable') return parsed;
  const { doc, lineCounter } = parsed;
  const kindProblem = wrongKind(doc, lineCounter, file);
  if (kindProblem) return { kind: 'unusable', diagnostics: [kindProblem] };
  const diagnostics: Diagnostic[] = [];
  const demand = demandCodec.decode(doc.contents as Node, [], decodeContext(doc, lineCounter, [], diagnostics));
  if (demand === INVALID || diagnostics.some((d) => d.severity === 'error')) {
    return { kind: 'unusable', diagnostics: sortDiagnostics(diagnostics) };
  }
  return { kind: 'loaded', demand, doc, lineCounter, text };
}

/** The demand with the command line's overrides. */
export interface DemandOverrides {
  readonly tolerate?: number;
  readonly growth?: number;
  readonly runs?: number;
}

export function withOverrides(demand: Demand, o: DemandOverrides): Demand {
  return {
    ...demand,
    ...(o.tolerate !== undefined ? { tolerate: o.tolerate } : {}),
    ...(o.growth !== undefined ? { growth: o.growth } : {}),
    ...(o.runs !== undefined ? { runs: o.runs } : {}),
  };
}
