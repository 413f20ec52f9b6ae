/**
 * Pod and service CIDRs for a planned cluster: a pod CIDR with a per-node block for every node,
 * the growth asked for and the spare block a surge repave takes (RA §Solution Sizing), placed
 * at the start of a region it can grow into later, and a service CIDR beyond that region —
 * "intentionally further away, such as 100.65.0.0/x, so that the pod CIDR can be increased".
 */
import { cidrSize, cidrsOverlap, formatCidr, type Cidr } from '../model/cidr.js';
import { K8S_MIN_SERVICE_PREFIX, POD_CIDR_GROWTH_BITS } from '../model/reference.js';

type Block = Pick<Cidr, 'base' | 'prefix'>;

export interface CidrRequest {
  /** The base site's pod CIDR: the plan starts at its address. */
  readonly podCidr: Block;
  /** The base site's service CIDR: the plan's is at least this large. */
  readonly serviceCidr: Block;
  readonly nodeCidrMaskSize: number;
  /** Nodes that hold a block: control plane + workers. */
  readonly nodes: number;
  /** Blocks kept free for surge repaves (podBlocksNeeded). */
  readonly spare: number;
  /** Percent more nodes to be ready for. */
  readonly growthPct: number;
  /** Host networks the cluster CIDRs must not overlap. */
  readonly avoid: readonly Block[];
}

export interface CidrPlan {
  readonly kind: 'planned';
  readonly podCidr: Block;
  readonly serviceCidr: Block;
  /** Blocks the pod CIDR holds, and how many the nodes, growth and spare need. */
  readonly blocks: number;
  readonly blocksNeeded: number;
  /** The nodes the CIDRs are sized for, growth included (the spare block not). */
  readonly nodesWithGrowth: number;
  /** The region the pod CIDR can grow into without moving the service CIDR. */
  readonly growthRoom: Block;
}

export type CidrOutcome = CidrPlan | { readonly kind: 'impossible'; readonly reason: string };

/** How many iterations the placement tries before giving up (each moves by one region). */
const MAX_STEPS = 4096;
const SPACE = 2 ** 32;

/** Nodes including growth: ⌈nodes × (1 + growth/100)⌉. */
export function nodesWithGrowth(nodes: number, growthPct: number): number {
  return Math.ceil(nodes * (1 + growthPct / 100) - 1e-9);
}

function clashes(c: Block, others: readonly Block[]): boolean {
  return others.some((o) => cidrsOverlap(c, o));
}

/** The first block of `prefix` at or after `from` (aligned) that overlaps none of `others`. */
function firstFree(from: number, prefix: number, others: readonly Block[]): Block | undefined {
  const size = cidrSize({ prefix });
  let c: Block = { base: Math.ceil(from / size) * size, prefix };
  for (let i = 0; i < MAX_STEPS && c.base + size <= SPACE; i++, c = { base: c.base + size, prefix }) {
    if (!clashes(c, others)) return c;
  }
  return undefined;
}

export function planClusterCidrs(r: CidrRequest): CidrOutcome {
  const grown = nodesWithGrowth(r.nodes, r.growthPct);
  const needed = Math.max(1, grown + r.spare);
  const bits = Math.ceil(Math.log2(needed));
  const prefix = r.nodeCidrMaskSize - bits;
  if (prefix < 1) return { kind: 'impossible', reason: `${needed} pod blocks of /${r.nodeCidrMaskSize} do not fit in IPv4` };
  const roomPrefix = Math.max(1, prefix - POD_CIDR_GROWTH_BITS);
  const roomSize = cidrSize({ prefix: roomPrefix });
  // The pod CIDR sits at the start of its growth room; both stay clear of the host networks.
  const room = firstFree(Math.floor(r.podCidr.base / roomSize) * roomSize, roomPrefix, r.avoid);
  if (!room) return { kind: 'impossible', reason: `no free ${formatCidr({ base: r.podCidr.base, prefix: roomPrefix })}-sized region at or after ${formatCidr(r.podCidr)} clears the host networks` };
  const pod: Block = { base: room.base, prefix };
  // RA §Solution Sizing pairs the sizes (/18 + /18, /17 + /17); the base's size is a minimum.
  // The base's own service CIDR stays where it already leaves the pod CIDR room to grow.
  const servicePrefix = Math.max(K8S_MIN_SERVICE_PREFIX, Math.min(prefix, r.serviceCidr.prefix));
  const keep = r.serviceCidr.prefix <= servicePrefix && r.serviceCidr.base % cidrSize(r.serviceCidr) === 0 && !clashes(r.serviceCidr, [...r.avoid, room]);
  const service = keep ? { base: r.serviceCidr.base, prefix: r.serviceCidr.prefix } : firstFree(room.base + roomSize, servicePrefix, [...r.avoid, room]);
  if (!service) return { kind: 'impossible', reason: `no free /${servicePrefix} for the service CIDR after ${formatCidr(room)}` };
  return { kind: 'planned', podCidr: pod, serviceCidr: service, blocks: 2 ** bits, blocksNeeded: needed, nodesWithGrowth: grown, growthRoom: room };
}
