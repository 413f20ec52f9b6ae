/**
 * Diagnostics: the one shape every problem with a site takes, and the registry of their codes.
 *
 * A code is a public, stable name (scripts grep for it). Its stage says what it means for the
 * exit status: an `input` problem makes the file unusable (exit 2), a `rule` problem is a plan
 * that reads but is wrong (exit 1 when its severity is error).
 */

export type Severity = 'error' | 'warning' | 'info';
export type Stage = 'input' | 'rule';

export interface Diagnostic {
  readonly severity: Severity;
  readonly code: Code;
  /** Path in the site file, in `--set` syntax: `hostNetwork.bonds[1].mode`; "" for the file. */
  readonly path: string;
  /** 1-based, where the YAML gives it. */
  readonly line?: number;
  readonly column?: number;
  /** The `--set PATH=VALUE` that supplied the value, when it did not come from the file. */
  readonly set?: string;
  readonly message: string;
  /** What to do about it. */
  readonly hint: string;
  /** A machine-usable suggestion (e.g. CIDRs that fit). */
  readonly fix?: Readonly<Record<string, unknown>>;
}

interface CodeInfo {
  readonly stage: Stage;
  readonly severity: Severity;
  readonly summary: string;
}

const input = (summary: string): CodeInfo => ({ stage: 'input', severity: 'error', summary });
const error = (summary: string): CodeInfo => ({ stage: 'rule', severity: 'error', summary });
const warning = (summary: string): CodeInfo => ({ stage: 'rule', severity: 'warning', summary });

/** Every code vmo-twin can report, with its stage, default severity and a one-line summary. */
export const CODES = {
  // --- the file could not be used (exit 2)
  'file-not-found': input('the site file does not exist'),
  'not-a-file': input('the path is a directory or something else that is not a file'),
  'file-unreadable': input('the site file could not be read'),
  'file-empty': input('the site file is empty'),
  'file-too-large': input('the site file is larger than any site file needs to be'),
  'yaml-syntax': input('the file is not valid YAML or JSON'),
  'yaml-duplicate-key': input('a key appears twice in the same mapping'),
  'yaml-alias-limit': input('YAML aliases expand past the limit (an alias bomb)'),
  'yaml-too-deep': input('the document nests deeper than any site file does'),
  'wrong-kind': input('the document is not a vmo-twin Site (apiVersion/kind)'),
  'wrong-type': input('a value has the wrong type'),
  'missing-key': input('a required key is missing'),
  'invalid-quantity': input('a quantity has no unit, a wrong unit or a negative value'),
  'invalid-cidr': input('a CIDR is not a valid IPv4 CIDR'),
  'invalid-address': input('an IP address or address range is not valid'),
  'invalid-vlan': input('a VLAN id or VLAN list is out of range or malformed'),
  'out-of-range': input('a number is outside the range the field accepts'),
  'invalid-enum': input('a value is not one of the accepted choices'),
  'invalid-name': input('a name is empty, too long or has characters the targets refuse'),
  'invalid-hostnames': input('a hostname list or brace pattern is malformed'),
  'set-path-unknown': input('a --set path does not exist in the site file format'),
  'set-syntax': input('a --set argument is not PATH=VALUE'),
  // --- the plan reads but breaks a rule (exit 1 on errors)
  'unknown-key': error('a key the site file format does not have'),
  'unknown-reference': error('a name refers to a hardware class, network, NIC or bond that is not defined'),
  'duplicate-name': error('two items share a name (or id) that must be unique'),
  'hostnames-count-mismatch': error('the hostname list does not have one name per machine'),
  'cidr-overlap': error('two networks overlap'),
  'cidr-host-bits': warning('a CIDR has host bits set; the network is a different address'),
  'pod-cidr-too-small': error('the pod CIDR has fewer per-node blocks than there are nodes'),
  'no-spare-pod-block': error('every per-node pod CIDR block is used: a surge repave would stall'),
  'service-cidr-blocks-growth': warning('the service CIDR sits right after the pod CIDR, so the pod CIDR cannot grow'),
  'max-pods-exceed-node-block': error('max pods per node exceeds the addresses in the per-node pod block'),
  'pods-exceed-capacity': error('the pods (VMs, containers, overhead) do not fit under max pods'),
  'memory-exceeds-capacity': error('the VMs need more memory than the workers have'),
  'cpu-exceeds-ratio': error('the VMs need more vCPUs than the cores allow at the allocation ratio'),
  'storage-exceeds-capacity': error('the VM disks do not fit in the Portworx pool or on the array'),
  'vm-exceeds-node': error('a VM class does not fit on any worker'),
  'placement-failed': error('some VMs could not be placed on any worker'),
  'too-few-workers': error('fewer workers than Portworx quorum plus one (4)'),
  'below-recommended-workers': warning('fewer workers than the reference recommends (5)'),
  'control-plane-count': error('the control plane is not 1, 3 or 5 machines'),
  'control-plane-undersized': warning('control-plane machines are smaller than the reference table asks for'),
  'no-spare-machine': warning('a pool repaves with surge but keeps no free machine for it'),
  'bond-mode-unsupported-under-bridge': error('the bond under br0 uses a mode that cannot carry bridged VLANs'),
  'bond-single-member': error('a bond has fewer than two member NICs'),
  'nic-in-two-bonds': error('a NIC is a member of two bonds'),
  'vlan-captured-by-bond': error('a VM asks for a VLAN that a VLAN interface on the bridge\'s own bond captures'),
  'vm-vlan-out-of-range': error('a VM asks for a VLAN outside the VM VLAN range'),
  'vm-vlan-not-on-bridge': error('a VM asks for a VLAN the bridge does not carry'),
  'vlan-on-self-not-allowed': error('a VLAN interface on br0 is not covered by allowVlansOnSelf/allowedVlansOnSelf'),
  'gateway-outside-network': error('a gateway address is not inside its network'),
  'default-gateway-count': error('there is not exactly one default gateway per node'),
  'gateway-missing': error('the default route is on a network that has no gateway'),
  'metallb-pool-outside-data-network': error('a MetalLB L2 pool is not inside the data network'),
  'metallb-pool-overlap': error('a MetalLB pool overlaps the gateway, another pool or another network'),
  'metallb-bgp-peers': error('MetalLB is in BGP mode without BGP peers'),
  'maas-erase-on-release': error('MAAS would erase the FlashArray LUNs on every repave'),
  'portworx-max-storage-nodes': warning('maxStorageNodes differs from the number of workers'),
  'portworx-replication': error('the replication factor cannot be met by the storage nodes'),
  'portworx-repave-interval': warning('Portworx workers repave with less than 10 min between nodes'),
  'portworx-kvdb-nodes': error('the internal KVDB needs 3 or 5 nodes, no more than the storage nodes'),
  'fc-single-fabric': error('a node has no multipath: its storage ports do not reach two fabrics (FC) or subnets (iSCSI)'),
  'storage-protocol-mismatch': error('a node\'s storage ports speak another protocol than the array'),
  'descheduler-thresholds': error('descheduler thresholds are above their targetThresholds'),
  'descheduler-band': warning('one VM is more than the band between the descheduler\'s thresholds and targetThresholds'),
  'migration-limits': warning('the per-node migration limit exceeds the cluster limit'),
  'migration-cannot-converge': warning('a VM class dirties memory faster than a live migration can send it'),
  'version-differs': warning('a version differs from the reference architecture\'s software matrix'),
  placeholder: error('a value is still a placeholder (written by vmo-twin import maas for what MAAS cannot know)'),
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

export function codeInfo(code: Code): CodeInfo {
  return CODES[code];
}

export function isInputCode(code: Code): boolean {
  return CODES[code].stage === 'input';
}

/** Exit status for a set of diagnostics: 2 unusable input, 1 errors, 0 otherwise. */
export function exitCodeOf(diagnostics: readonly Diagnostic[]): 0 | 1 | 2 {
  let status: 0 | 1 | 2 = 0;
  for (const d of diagnostics) {
    if (d.severity !== 'error') continue;
    if (isInputCode(d.code)) return 2;
    status = 1;
  }
  return status;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** File order (line, column), then those without a position, then by path and code. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const la = a.line ?? Number.MAX_SAFE_INTEGER;
  const lb = b.line ?? Number.MAX_SAFE_INTEGER;
  if (la !== lb) return la - lb;
  const ca = a.column ?? 0;
  const cb = b.column ?? 0;
  if (ca !== cb) return ca - cb;
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  if (a.severity !== b.severity) return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of [...diagnostics].sort(compareDiagnostics)) {
    const key = `${d.code}\u0000${d.path}\u0000${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const al = a.toLowerCase();
  const bl = b.toLowerCase();
  const prev = new Array<number>(bl.length + 1);
  for (let j = 0; j <= bl.length; j++) prev[j] = j;
  for (let i = 1; i <= al.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= bl.length; j++) {
      const tmp = prev[j] ?? 0;
      const cost = al[i - 1] === bl[j - 1] ? 0 : 1;
      prev[j] = Math.min((prev[j] ?? 0) + 1, (prev[j - 1] ?? 0) + 1, diag + cost);
      diag = tmp;
    }
  }
  return prev[bl.length] ?? 0;
}

/** The closest candidate within a sensible distance, or undefined. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(Math.max(word.length, best.length) / 3));
  return bestDistance <= limit ? best : undefined;
}
