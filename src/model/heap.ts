/**
 * An indexed binary min-heap over typed arrays.
 *
 * Items are small integer ids (0..capacity-1). Order is (key, tie, id): the key is a number
 * (simulated ms, or a load fraction), the tie a second number (a sequence number), and the id
 * breaks what is left, so the order is total and deterministic. Every id's position is
 * tracked, so `remove` and `update` (cancel and reschedule) are O(log n). Nothing allocates
 * after construction. NaN keys are refused. The shape follows Deno std's
 * `data_structures/unstable_indexed_heap.ts`.
 */
export class IndexedHeap {
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private readonly keys: Float64Array;
  private readonly ties: Float64Array;
  private n = 0;

  constructor(readonly capacity: number) {
    this.heap = new Int32Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
    this.keys = new Float64Array(capacity);
    this.ties = new Float64Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  has(id: number): boolean {
    return (this.pos[id] ?? -1) >= 0;
  }

  keyOf(id: number): number {
    return this.keys[id] ?? NaN;
  }

  tieOf(id: number): number {
    return this.ties[id] ?? NaN;
  }

  /** Insert `id`, or move it if present. */
  set(id: number, key: number, tie = 0): void {
    if (Number.isNaN(key) || Number.isNaN(tie)) throw new RangeError(`IndexedHeap: NaN key for item ${id}`);
    if (id < 0 || id >= this.capacity) throw new RangeError(`IndexedHeap: item ${id} is outside 0..${this.capacity - 1}`);
    const p = this.pos[id] as number;
    this.keys[id] = key;
    this.ties[id] = tie;
    if (p < 0) {
      const i = this.n++;
      this.heap[i] = id;
      this.pos[id] = i;
      this.up(i);
    } else {
      this.up(p);
      this.down(this.pos[id] as number);
    }
  }

  /** The smallest id, or -1 when empty. */
  peek(): number {
    return this.n > 0 ? (this.heap[0] as number) : -1;
  }

  /** Remove and return the smallest id, or -1 when empty. */
  pop(): number {
    if (this.n === 0) return -1;
    const top = this.heap[0] as number;
    this.removeAt(0);
    return top;
  }

  /** Remove `id` if present; returns whether it was. */
  remove(id: number): boolean {
    const p = this.pos[id] ?? -1;
    if (p < 0) return false;
    this.removeAt(p);
    return true;
  }

  clear(): void {
    for (let i = 0; i < this.n; i++) this.pos[this.heap[i] as number] = -1;
    this.n = 0;
  }

  private removeAt(p: number): void {
    const id = this.heap[p] as number;
    const last = --this.n;
    this.pos[id] = -1;
    if (p !== last) {
      const moved = this.heap[last] as number;
      this.heap[p] = moved;
      this.pos[moved] = p;
      this.up(p);
      this.down(this.pos[moved] as number);
    }
  }

  private less(a: number, b: number): boolean {
    const ka = this.keys[a] as number;
    const kb = this.keys[b] as number;
    if (ka !== kb) return ka < kb;
    const ta = this.ties[a] as number;
    const tb = this.ties[b] as number;
    if (ta !== tb) return ta < tb;
    return a < b;
  }

  private up(i: number): void {
    const heap = this.heap;
    const id = heap[i] as number;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pid = heap[parent] as number;
      if (!this.less(id, pid)) break;
      heap[i] = pid;
      this.pos[pid] = i;
      i = parent;
    }
    heap[i] = id;
    this.pos[id] = i;
  }

  private down(i: number): void {
    const heap = this.heap;
    const n = this.n;
    const id = heap[i] as number;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.less(heap[r] as number, heap[l] as number)) c = r;
      const cid = heap[c] as number;
      if (!this.less(cid, id)) break;
      heap[i] = cid;
      this.pos[cid] = i;
      i = c;
    }
    heap[i] = id;
    this.pos[id] = i;
  }
}
