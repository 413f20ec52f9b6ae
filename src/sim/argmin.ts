/**
 * A tournament tree over node ids: the id with the smallest value, ties to the lower id, in
 * O(1), after an O(log n) update of one value. The scheduler keeps one per VM class (the value
 * is the node's score for that class, Infinity where the class does not fit), so choosing a
 * target does not scan the nodes.
 */
export interface ArgminSnapshot {
  readonly val: Float64Array;
  readonly idx: Int32Array;
}

export class ArgminTree {
  private readonly size: number;
  private readonly val: Float64Array;
  private readonly idx: Int32Array;

  constructor(readonly count: number) {
    let size = 1;
    while (size < count) size *= 2;
    this.size = size;
    this.val = new Float64Array(2 * size).fill(Infinity);
    this.idx = new Int32Array(2 * size).fill(-1);
    for (let i = 0; i < size; i++) this.idx[size + i] = i < count ? i : -1;
    for (let i = size - 1; i >= 1; i--) this.pull(i);
  }

  private pull(i: number): void {
    const l = 2 * i;
    const r = l + 1;
    const vl = this.val[l] as number;
    const vr = this.val[r] as number;
    if (vr < vl) {
      this.val[i] = vr;
      this.idx[i] = this.idx[r] as number;
    } else {
      this.val[i] = vl;
      this.idx[i] = this.idx[l] as number;
    }
  }

  set(id: number, value: number): void {
    let i = this.size + id;
    if (this.val[i] === value) return;
    this.val[i] = value;
    // Up to the root, stopping where a subtree's winner is unchanged: nothing above it changes.
    const val = this.val;
    const idx = this.idx;
    for (i >>= 1; i >= 1; i >>= 1) {
      const l = 2 * i;
      const vl = val[l] as number;
      const vr = val[l + 1] as number;
      const w = vr < vl ? l + 1 : l;
      const wv = w === l ? vl : vr;
      const wi = idx[w] as number;
      if (val[i] === wv && idx[i] === wi) return;
      val[i] = wv;
      idx[i] = wi;
    }
  }

  /** A copy of the tree, for `restore`. */
  snapshot(): ArgminSnapshot {
    return { val: this.val.slice(), idx: this.idx.slice() };
  }

  /** Back to a `snapshot` of this tree, without allocating. */
  restore(s: ArgminSnapshot): void {
    this.val.set(s.val);
    this.idx.set(s.idx);
  }

  get(id: number): number {
    return this.val[this.size + id] as number;
  }

  /** The id with the least finite value, or -1. */
  min(): number {
    return this.val[1] === Infinity ? -1 : (this.idx[1] as number);
  }

  /** The least finite value's id among all ids but `exclude`, or -1. */
  minExcept(exclude: number): number {
    if (exclude < 0 || this.idx[1] !== exclude) return this.min();
    // Walk from the excluded leaf to the root, taking the best sibling subtree on the way.
    let best = -1;
    let bestVal = Infinity;
    for (let i = this.size + exclude; i > 1; i >>= 1) {
      const sib = i ^ 1;
      const v = this.val[sib] as number;
      const id = this.idx[sib] as number;
      if (v < bestVal || (v === bestVal && v !== Infinity && id < best)) {
        bestVal = v;
        best = id;
      }
    }
    return bestVal === Infinity ? -1 : best;
  }
}
