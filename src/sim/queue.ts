/**
 * The event queue: an indexed binary heap over typed arrays (model/heap.ts) keyed by
 * (time in integer ms, sequence number). Each pending event is identified by a fixed integer
 * key the caller owns (e.g. "migration slot 3 round end"), so an event can be cancelled or
 * rescheduled in O(log n) by its key. Ties in time run in scheduling order; times in the past,
 * NaN and non-integers are refused. Nothing is allocated per event.
 */
import { IndexedHeap } from '../model/heap.js';

export class EventQueue {
  private readonly heap: IndexedHeap;
  private seq = 0;
  private clock = 0;
  private popped = 0;

  constructor(readonly capacity: number) {
    this.heap = new IndexedHeap(capacity);
  }

  /** Simulated time in ms. */
  get now(): number {
    return this.clock;
  }

  /** Events handled so far. */
  get handled(): number {
    return this.popped;
  }

  get pending(): number {
    return this.heap.size;
  }

  /** Schedule (or move) event `key` at absolute time `at` (ms). */
  at(key: number, at: number): void {
    if (!Number.isInteger(at)) throw new RangeError(`event ${key}: time ${at} is not a whole number of ms`);
    if (at < this.clock) throw new RangeError(`event ${key}: time ${at} is before now (${this.clock})`);
    this.heap.set(key, at, this.seq++);
  }

  /** Schedule (or move) event `key` `delay` ms from now. */
  after(key: number, delay: number): void {
    this.at(key, this.clock + Math.max(0, Math.ceil(delay)));
  }

  cancel(key: number): boolean {
    return this.heap.remove(key);
  }

  isScheduled(key: number): boolean {
    return this.heap.has(key);
  }

  timeOf(key: number): number {
    return this.heap.has(key) ? this.heap.keyOf(key) : NaN;
  }

  /** Time of the next event, or Infinity. */
  peekTime(): number {
    const k = this.heap.peek();
    return k < 0 ? Infinity : this.heap.keyOf(k);
  }

  /** Remove the next event, advance the clock to it, and return its key (-1 when empty). */
  pop(): number {
    const k = this.heap.peek();
    if (k < 0) return -1;
    this.clock = this.heap.keyOf(k);
    this.heap.pop();
    this.popped++;
    return k;
  }

  clear(): void {
    this.heap.clear();
  }

  /** Empty, with the clock, sequence and count back at zero: a fresh queue without allocating. */
  reset(): void {
    this.heap.clear();
    this.seq = 0;
    this.clock = 0;
    this.popped = 0;
  }
}
